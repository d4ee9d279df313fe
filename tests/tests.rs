//! Integration tests: all modules build into one test binary.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod util;

mod check;
mod conventions;
mod dates;
mod export;
mod fuzz;
mod html_chromium;
mod listings;
mod order;
mod resumption;
mod robustness;
mod search;
mod serve;
mod serve_chromium;
mod warnings;

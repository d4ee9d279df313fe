//! Integration tests: all modules build into one test binary.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod util;

mod check;
mod dates;
mod deploy;
mod foundation;
mod fuzz;
mod html_chromium;
mod listings;
mod order;
mod robustness;
mod serve;
mod serve_chromium;
mod verdict;
mod warnings;

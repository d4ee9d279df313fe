//! Integration tests: all modules build into one test binary.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod util;

mod deploy;
mod foundation;
mod robustness;

//! Integration tests: all modules build into one test binary.

mod util;

mod deploy;
mod foundation;

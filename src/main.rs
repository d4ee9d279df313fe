//! The `concord` binary (placeholder).

fn main() {}

//! Phase timings for profiling by hand: with `CONCORD_TIMINGS=1` in the environment, each
//! phase a command goes through prints `timing: NAME MS` on stderr. Without it nothing is
//! printed and the cost is one cached environment lookup.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("CONCORD_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0"))
}

/// Prints the time since `start` under `name` when timings are on; returns a new start.
#[allow(clippy::print_stderr)]
pub fn phase(name: &str, start: Instant) -> Instant {
    if enabled() {
        eprintln!("timing: {name} {:.1} ms", start.elapsed().as_secs_f64() * 1e3);
    }
    Instant::now()
}

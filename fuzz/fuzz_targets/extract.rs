//! Date, body and claim extraction: the properties of `concord::invariants::extract`.
//! Inputs the fuzzer keeps are replayed by `tests/fuzz.rs` (see `tests/fuzz-inputs/`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(original) = std::str::from_utf8(data) else { return };
    concord::invariants::extract(original);
});

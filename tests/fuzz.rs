//! Replays the inputs the fuzzers kept (`tests/fuzz-inputs/<target>/`, minimised with
//! `cargo fuzz cmin`, plus any crash once fixed) through the same properties the fuzz
//! targets assert (`concord::invariants`), so a regression fails `cargo test` without
//! a fuzzer.

use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-inputs").join(target);
    let mut out: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    out.sort();
    assert!(out.len() >= 20, "{}: only {} inputs kept; the replay would test little", dir.display(), out.len());
    out
}

fn replay(target: &str, check: fn(&str)) {
    let mut utf8 = 0;
    for (path, bytes) in inputs(target) {
        // The targets skip what is not UTF-8 (decoding is tested on its own); so does the replay.
        let Ok(text) = std::str::from_utf8(&bytes) else { continue };
        utf8 += 1;
        if let Err(e) = std::panic::catch_unwind(|| check(text)) {
            let why = e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()));
            panic!("{}: {}", path.display(), why.unwrap_or_default());
        }
    }
    assert!(utf8 > 0, "{target}: no UTF-8 input to replay");
}

#[test]
fn normalize_inputs_keep_the_offset_map_sound() {
    replay("normalize", concord::invariants::normalize);
}

#[test]
fn extract_inputs_keep_every_span_inside_the_text() {
    replay("extract", concord::invariants::extract);
}

#[test]
fn parser_inputs_never_panic() {
    replay("config", concord::invariants::parsers);
}

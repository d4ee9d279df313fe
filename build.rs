//! Fingerprints the sources that decide what the index stores, so that an index written by
//! a build whose extraction (or record layout) differs is rebuilt rather than trusted.
//!
//! Only those sources count: extraction, normalisation, the document and date types, the
//! ingest path and the index's record, schema and update code. A change to a renderer, a
//! command or a comment in them does not force every user to re-index. Unit-test files
//! (`tests.rs`) are left out.

use std::path::{Path, PathBuf};

/// Files and folders whose contents change what an index holds.
const INPUTS: &[&str] = &[
    "src/extract",
    "src/normalize.rs",
    "src/corpus.rs",
    "src/date.rs",
    "src/span.rs",
    "src/pipeline/ingest.rs",
    "src/index/record.rs",
    "src/index/schema.rs",
    "src/index/update.rs",
];

fn visit(path: &Path, files: &mut Vec<PathBuf>) {
    if path.is_file() {
        files.push(path.to_path_buf());
        return;
    }
    let Ok(entries) = std::fs::read_dir(path) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            visit(&p, files);
        } else if p.extension().is_some_and(|x| x == "rs") && p.file_name().is_some_and(|n| n != "tests.rs") {
            files.push(p);
        }
    }
}

fn main() {
    let mut files = Vec::new();
    for input in INPUTS {
        println!("cargo:rerun-if-changed={input}");
        visit(Path::new(input), &mut files);
    }
    files.sort();
    // FNV-1a over paths and contents: stable across machines for the same sources.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in &files {
        for b in f.to_string_lossy().bytes().chain(std::fs::read(f).unwrap_or_default()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=CONCORD_SOURCE_ID={h:016x}");
}

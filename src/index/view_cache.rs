//! `view.ndjson`: what the corpus-wide view needs of every sheet (title, bodies, claims),
//! kept beside the tantivy index so that `check`, `report` and the listings read one
//! compact file instead of decompressing and parsing every stored record.
//!
//! The file is a cache, never the truth. The first line names the concord build and the
//! number of entries; each further line is one sheet with the write stamp of the sheet
//! document it was taken from. [`read`] returns nothing for a missing, foreign, truncated
//! or corrupt file, and the caller uses an entry only when the index holds that sheet with
//! that very stamp (every write of a sheet gets a new one). The file is written to a
//! temporary name and renamed, so a process killed while writing leaves the previous
//! file (or none), never half of one.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{INDEX_VERSION, SOURCE_ID, SheetSummary};
use crate::corpus::DocId;
use crate::extract::Claim;

/// File name in the index directory.
pub(super) const FILE: &str = "view.ndjson";

/// Entries serialised per parallel task when writing.
const CHUNK: usize = 512;

/// The first line.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
struct Header {
    concord_view: u32,
    source: String,
    entries: usize,
}

impl Header {
    fn current(entries: usize) -> Header {
        Header { concord_view: INDEX_VERSION, source: SOURCE_ID.to_string(), entries }
    }
}

/// One sheet as cached.
#[derive(Debug, Deserialize)]
pub(super) struct Entry {
    /// Write stamp of the sheet document this entry was taken from.
    pub written: u64,
    /// The sheet.
    pub sheet: SheetSummary,
    /// Its claims, subjects as written.
    pub claims: Vec<Claim>,
}

/// The same, borrowed, for writing.
#[derive(Serialize)]
pub(super) struct EntryRef<'a> {
    pub written: u64,
    pub sheet: &'a SheetSummary,
    pub claims: &'a [Claim],
}

/// The cached entries by sheet id, or `None` when the file is missing or cannot be trusted
/// as a whole (another build, truncated, not parseable).
pub(super) fn read(dir: &Path) -> Option<HashMap<DocId, Entry>> {
    let bytes = std::fs::read(dir.join(FILE)).ok()?;
    let mut lines = bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty());
    let header: Header = serde_json::from_slice(lines.next()?).ok()?;
    let expected = Header::current(header.entries);
    if header != expected {
        return None;
    }
    let lines: Vec<&[u8]> = lines.collect();
    if lines.len() != header.entries {
        return None;
    }
    let entries: Vec<Entry> =
        lines.into_par_iter().map(serde_json::from_slice::<Entry>).collect::<Result<_, _>>().ok()?;
    Some(entries.into_iter().map(|e| (e.sheet.id.clone(), e)).collect())
}

/// Replaces the file with `entries` (temporary file, then rename).
///
/// # Errors
/// The file cannot be written; the previous one, if any, is then left as it was.
pub(super) fn write(dir: &Path, entries: &[EntryRef<'_>]) -> std::io::Result<()> {
    remove_leftovers(dir);
    let chunks: Vec<Vec<u8>> = entries
        .par_chunks(CHUNK)
        .map(|chunk| {
            let mut buf = Vec::new();
            for e in chunk {
                serde_json::to_writer(&mut buf, e)?;
                buf.push(b'\n');
            }
            Ok(buf)
        })
        .collect::<serde_json::Result<_>>()?;
    let tmp = temp_path(dir);
    let written = (|| {
        let mut file = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        serde_json::to_writer(&mut file, &Header::current(entries.len()))?;
        file.write_all(b"\n")?;
        for c in &chunks {
            file.write_all(c)?;
        }
        file.into_inner().map_err(std::io::IntoInnerError::into_error)?;
        // No fsync: after a power loss the file may be empty or garbled, and is then ignored.
        std::fs::rename(&tmp, dir.join(FILE))
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

fn temp_path(dir: &Path) -> PathBuf {
    dir.join(format!(".{FILE}.{}.tmp", std::process::id()))
}

/// Temporary files of killed runs. Only the lock holder writes, so none is in use.
fn remove_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let prefix = format!(".{FILE}.");
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(&prefix) && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

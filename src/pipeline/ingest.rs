//! Ingest: from the corpus directory to extracted sheets in the index.
//!
//! Every sheet concord reads takes one path: scan → read (bounded) → hash → decode →
//! [`Document`] → extract. [`Document::load_hashed`] does the reading, so the size limit
//! and the decoding rules hold for the index, for `dates PATH` and for the benchmarks
//! alike. The index only plans (from its stamps) and applies batches of records; it never
//! reads a sheet or calls extraction. Per-sheet problems are returned beside the results,
//! never printed.

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::corpus::{self, Document, Manifest, SheetFile};
use crate::date::Date;
use crate::error::{Error, Result};
use crate::extract::{self, Extraction};
use crate::index::{Change, CorpusIndex, IndexUpdate, PlannedSheet, Prepared, SheetRecord};
use crate::warning::Warning;

/// Sheets read and extracted per batch: bounds memory while keeping both cores busy.
const BATCH: usize = 256;

/// Counts from one update of the index ([`crate::pipeline::update_index`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpdateStats {
    /// Sheets new to the index.
    pub added: usize,
    /// Sheets whose content changed.
    pub updated: usize,
    /// Sheets no longer in the corpus.
    pub removed: usize,
    /// Sheets not re-read.
    pub unchanged: usize,
    /// Passages written in this update.
    pub passages: usize,
    /// Whether the index was (re)built from scratch, and why.
    pub rebuilt: Option<String>,
}

/// Reports progress of a long update: `(sheets done, sheets to do)`.
pub trait Progress: Sync {
    /// Called after each batch.
    fn advance(&self, done: usize, total: usize);
}

/// No progress display.
pub struct NoProgress;

impl Progress for NoProgress {
    fn advance(&self, _done: usize, _total: usize) {}
}

/// One sheet read and extracted.
#[derive(Debug)]
pub struct Ingested {
    /// The document, normalised, with manifest title, stated date and register applied.
    pub doc: Document,
    /// blake3 of the file's bytes, hex.
    pub hash: String,
    /// What extraction found in it.
    pub extraction: Extraction,
}

/// Reads one sheet through [`Document::load_hashed`] and extracts it. `reference`, when
/// given, is the document date of every sheet (it beats the manifest's).
///
/// # Errors
/// The sheet cannot be read, is too large, binary or not valid text.
pub fn ingest(file: &SheetFile, manifest: &Manifest, reference: Option<Date>) -> Result<Ingested> {
    let (mut doc, hash) = Document::load_hashed(file, manifest)?;
    if reference.is_some() {
        doc.stated_date = reference;
    }
    let extraction = extract::extract(&doc);
    Ok(Ingested { doc, hash: hash.to_hex().to_string(), extraction })
}

/// Reads and extracts sheets straight from disk, without the index (for `concord dates`
/// on given paths, a sheet's page in `serve`, and benchmarks), in the order given.
/// Sheets that cannot be read are returned beside the results, as warnings.
pub fn extract_files(
    files: &[SheetFile],
    manifest: &Manifest,
    reference: Option<Date>,
) -> (Vec<(Document, Extraction)>, Vec<Warning>) {
    let results: Vec<Result<Ingested>> = files.par_iter().map(|f| ingest(f, manifest, reference)).collect();
    let mut ok = Vec::new();
    let mut problems = Vec::new();
    for (r, file) in results.into_iter().zip(files) {
        match r {
            Ok(x) => ok.push((x.doc, x.extraction)),
            Err(error) => problems.push(Warning::unreadable_sheet(&file.id, &error)),
        }
    }
    (ok, problems)
}

/// Brings `index` up to date with the corpus at `root`: new and changed sheets are read,
/// extracted and written; removed ones are deleted; the rest is not touched. With
/// `reference`, every sheet is read again (the document date changes what is extracted).
/// Returns the counts and a warning per sheet or folder that could not be read (those
/// sheets are left out).
///
/// # Errors
/// The corpus is not a directory or has no sheets, or the index cannot be read or written.
pub fn update_index(
    index: &mut CorpusIndex,
    root: &Path,
    manifest: &Manifest,
    reference: Option<Date>,
    progress: &dyn Progress,
) -> Result<(UpdateStats, Vec<Warning>)> {
    // # Lock: a handle that released the index lock takes it back until the commit.
    let _lock = index.lock_for_update()?;
    // # Scan
    let t = std::time::Instant::now();
    let (files, scan_problems) = corpus::scan_stamped(root)?;
    let t = crate::timing::phase("scan", t);
    let mut problems: Vec<Warning> = scan_problems.iter().map(|e| Warning::unreadable(root, e)).collect();
    if files.is_empty() && problems.is_empty() {
        return Err(Error::EmptyCorpus { path: root.to_path_buf() });
    }
    // # Plan: from the index's stamps, which sheets to read and which to remove.
    let plan = index.plan(&files, manifest, reference.is_some())?;
    crate::timing::phase("plan", t);
    let mut stats = UpdateStats { unchanged: plan.unchanged, removed: plan.removed.len(), ..UpdateStats::default() };
    if plan.is_empty() {
        return Ok((stats, problems));
    }
    // # Read, extract and write, a batch at a time; then commit once. Each batch is read,
    // extracted and turned into documents on every core while the previous batch is fed
    // to the writer, in the plan's order.
    let mut update = index.begin(&plan)?;
    let preparer = update.preparer();
    let total = plan.read.len();
    let mut pending: Option<(&[PlannedSheet], Vec<Result<Prepared>>)> = None;
    let mut batches = plan.read.chunks(BATCH);
    let mut done = 0;
    loop {
        let next = batches.next();
        let (written, prepared) = rayon::join(
            || match pending.take() {
                Some((batch, results)) => write_batch(&mut update, batch, results, &mut stats, &mut problems),
                None => Ok(0),
            },
            || {
                next.map(|batch| {
                    let prepared: Vec<Result<Prepared>> = batch
                        .par_iter()
                        .map(|p| {
                            let Ingested { doc, hash, extraction } = ingest(&p.file, manifest, reference)?;
                            let record = SheetRecord::new(&doc, hash, p.stamp.size, p.stamp.mtime, extraction);
                            preparer.prepare(&record, &doc)
                        })
                        .collect();
                    (batch, prepared)
                })
            },
        );
        let written = written?;
        if written > 0 {
            done += written;
            progress.advance(done, total);
        }
        match prepared {
            Some(p) => pending = Some(p),
            None => break,
        }
    }
    update.commit()?;
    Ok((stats, problems))
}

/// Feeds one batch's documents to the writer in order; a sheet that could not be read
/// leaves the index. Returns how many sheets the batch had.
fn write_batch(
    update: &mut IndexUpdate<'_>,
    batch: &[PlannedSheet],
    results: Vec<Result<Prepared>>,
    stats: &mut UpdateStats,
    problems: &mut Vec<Warning>,
) -> Result<usize> {
    for (res, planned) in results.into_iter().zip(batch) {
        match res {
            Ok(prepared) => {
                let (change, passages) = update.add(planned, prepared)?;
                match change {
                    Change::Added => stats.added += 1,
                    Change::Updated => stats.updated += 1,
                    Change::Unchanged => stats.unchanged += 1,
                }
                stats.passages += passages;
            }
            // A sheet that can no longer be read leaves the index: results are never stale.
            Err(error) => {
                update.forget(planned);
                problems.push(Warning::unreadable_sheet(&planned.file.id, &error));
            }
        }
    }
    Ok(batch.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::DocId;

    fn sheet(dir: &Path, name: &str, bytes: &[u8]) -> SheetFile {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        SheetFile { id: DocId(name.into()), path }
    }

    #[test]
    fn ingest_hashes_the_bytes_read_and_extracts_what_load_gives() {
        let dir = tempfile::tempdir().unwrap();
        let text = "The Vega Board was established on 4 April 1962.\n";
        let file = sheet(dir.path(), "vega.txt", text.as_bytes());
        let x = ingest(&file, &Manifest::default(), None).unwrap();
        assert_eq!(x.hash, blake3::hash(text.as_bytes()).to_hex().to_string());
        let doc = Document::load(&file, &Manifest::default()).unwrap();
        let direct = extract::extract(&doc);
        assert_eq!(x.doc.text(), doc.text());
        assert_eq!(x.extraction.dates.len(), direct.dates.len());
        assert_eq!(x.extraction.claims.len(), direct.claims.len());
        assert_eq!(x.extraction.dates[0].date.map(|d| d.to_string()).as_deref(), Some("1962-04-04"));
    }

    #[test]
    fn a_reference_date_is_every_sheets_document_date() {
        let dir = tempfile::tempdir().unwrap();
        let file = sheet(dir.path(), "memo.txt", b"The panel met on Tuesday.\n");
        let reference: Date = "2011-03-10".parse().unwrap();
        let x = ingest(&file, &Manifest::default(), Some(reference)).unwrap();
        assert_eq!(x.doc.stated_date, Some(reference));
        assert!(ingest(&file, &Manifest::default(), None).unwrap().doc.stated_date.is_none());
    }

    #[test]
    fn an_impossible_date_is_a_warning_at_its_original_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let text = "# The Osprey Guild\r\n\r\nIt was chartered on “31 June 1997” by the city.\r\n";
        let file = sheet(dir.path(), "guild.md", text.as_bytes());
        let x = ingest(&file, &Manifest::default(), None).unwrap();
        assert_eq!(x.extraction.warnings.len(), 1, "{:?}", x.extraction.warnings);
        let w = &x.extraction.warnings[0];
        assert_eq!(w.kind, crate::warning::WarningKind::ImpossibleDate);
        assert_eq!(w.to_string(), "guild.md:3:22: impossible date \"31 June 1997\": June has 30 days");
        // Possible dates raise nothing.
        let fine = sheet(dir.path(), "fine.txt", b"It was chartered on 30 June 1997.\n");
        assert!(ingest(&fine, &Manifest::default(), None).unwrap().extraction.warnings.is_empty());
    }

    #[test]
    fn unreadable_sheets_are_problems_beside_the_results() {
        let dir = tempfile::tempdir().unwrap();
        let bad = sheet(dir.path(), "bad.txt", b"a\0b");
        let good = sheet(dir.path(), "good.txt", b"The Lyra Fund opened in 1988.\n");
        let (ok, problems) = extract_files(&[bad, good], &Manifest::default(), None);
        assert_eq!(ok.len(), 1);
        assert_eq!(ok[0].0.id.as_str(), "good.txt");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].to_string(), "bad.txt:1: binary file (NUL byte at offset 1), not a text sheet");
        assert!(problems[0].is_unreadable());
    }
}

//! Updating the index: [`CorpusIndex::plan`] compares the scanned corpus with the stamps in
//! fast fields; [`CorpusIndex::begin`] opens the writer, and [`IndexUpdate`] writes batches
//! of records and their passages, then commits once. Records come from the pipeline: the
//! index never reads a sheet.

use std::collections::BTreeSet;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use tantivy::{IndexWriter, TantivyDocument, Term, doc};

use super::schema::{CommitPayload, Fields, INDEX_VERSION, KIND_PASSAGE, KIND_SHEET, SOURCE_ID};
use super::{CorpusIndex, SheetRecord};
use crate::corpus::{DocId, Document, FileStamp, Manifest, SheetFile};
use crate::error::{Error, Result};
use crate::span::starting_within;

/// Memory budget of the tantivy writer.
const WRITER_MEMORY: usize = 200_000_000;

/// What an update must do, from [`CorpusIndex::plan`].
#[derive(Debug)]
pub struct Plan {
    /// Sheets whose size and mtime match the index: not read.
    pub unchanged: usize,
    /// Sheets to read, extract and (re)write, in scan order.
    pub read: Vec<PlannedSheet>,
    /// Sheets the index holds that are no longer in the corpus.
    pub removed: Vec<DocId>,
    /// The register overrides the new records are extracted with.
    registers: String,
    /// Whether those differ from the ones the index was written with.
    registers_changed: bool,
}

impl Plan {
    /// Whether the index is already level with the corpus.
    pub fn is_empty(&self) -> bool {
        self.read.is_empty() && self.removed.is_empty() && !self.registers_changed
    }
}

/// One sheet an update must read.
#[derive(Debug, Clone)]
pub struct PlannedSheet {
    /// The file.
    pub file: SheetFile,
    /// Its size and mtime as scanned.
    pub stamp: FileStamp,
    /// The content hash the index holds for it (hex), when it holds the sheet.
    pub previous: Option<String>,
}

/// What writing one planned sheet changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The index did not hold the sheet.
    Added,
    /// The sheet's content changed.
    Updated,
    /// Touched but identical: re-written only to refresh size and mtime.
    Unchanged,
}

/// An update in progress, from [`CorpusIndex::begin`]: batches of records are written,
/// then committed at once (tantivy commits are atomic: a run killed before the commit
/// leaves the previous index intact).
pub struct IndexUpdate<'a> {
    index: &'a mut CorpusIndex,
    writer: IndexWriter,
    written: u64,
    registers: String,
}

impl IndexUpdate<'_> {
    /// What builds this update's documents, on any thread ([`Preparer::prepare`]).
    pub fn preparer(&self) -> Preparer {
        Preparer { fields: self.index.fields, written: self.written, dir: self.index.dir.clone() }
    }

    /// Replaces `sheet`'s record and passages with `prepared` (built by this update's
    /// [`Preparer`]); returns what changed and the number of passages written.
    ///
    /// # Errors
    /// The index cannot be written.
    pub fn add(&mut self, sheet: &PlannedSheet, prepared: Prepared) -> Result<(Change, usize)> {
        self.forget(sheet);
        let change = match &sheet.previous {
            Some(old) if *old == prepared.hash => Change::Unchanged,
            Some(_) => Change::Updated,
            None => Change::Added,
        };
        let passages = prepared.docs.len().saturating_sub(1);
        for d in prepared.docs {
            self.writer.add_document(d).map_err(|e| Error::engine(&self.index.dir, e))?;
        }
        Ok((change, passages))
    }

    /// Removes `sheet`'s old record and passages, if the index holds any: a sheet that can
    /// no longer be read leaves the index, so results are never stale.
    pub fn forget(&mut self, sheet: &PlannedSheet) {
        // The old record and all its passages go. A new sheet has nothing to delete;
        // tantivy keeps every delete (about 1 KB each) until the commit, so deleting
        // unconditionally made a full build's memory grow with the corpus.
        if sheet.previous.is_some() {
            self.writer.delete_term(Term::from_field_text(self.index.fields.doc_id, sheet.file.id.as_str()));
        }
    }

    /// Commits everything written, with this version's stamp, and reloads the reader.
    ///
    /// # Errors
    /// The index cannot be written.
    pub fn commit(mut self) -> Result<()> {
        let dir = self.index.dir.clone();
        let payload = serde_json::to_string(&CommitPayload {
            concord_index_version: INDEX_VERSION,
            source: SOURCE_ID.to_string(),
            registers: std::mem::take(&mut self.registers),
        })
        .map_err(|e| Error::index(&dir, e))?;
        let mut prepared = self.writer.prepare_commit().map_err(|e| Error::engine(&dir, e))?;
        prepared.set_payload(&payload);
        prepared.commit().map_err(|e| Error::engine(&dir, e))?;
        self.writer.wait_merging_threads().map_err(|e| Error::engine(&dir, e))?;
        self.index.reader.reload().map_err(|e| Error::engine(&dir, e))?;
        Ok(())
    }
}

impl std::fmt::Debug for IndexUpdate<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndexUpdate").field("dir", &self.index.dir).finish_non_exhaustive()
    }
}

impl CorpusIndex {
    /// What an update must do to bring the index level with `files` (the corpus as
    /// scanned): which sheets to read (new, or size or mtime changed, or all of them with
    /// `reread_all` or when the register overrides changed), which to remove, how many
    /// are unchanged. Reads only fast fields, plus the stored hash of each known sheet
    /// about to be re-read (it tells an edit from a touch).
    ///
    /// # Errors
    /// The index cannot be read.
    pub fn plan(&self, files: &[(SheetFile, FileStamp)], manifest: &Manifest, reread_all: bool) -> Result<Plan> {
        // Only fast fields are read here: no stored record is decompressed or parsed.
        let t = std::time::Instant::now();
        let known = self.stamps()?;
        crate::timing::phase("stamps", t);
        // Records extracted under other register overrides are all read again.
        let registers = manifest.registers_fingerprint();
        let stored_registers = self
            .index
            .load_metas()
            .ok()
            .and_then(|m| m.payload)
            .and_then(|p| serde_json::from_str::<CommitPayload>(&p).ok())
            .map(|p| p.registers)
            .unwrap_or_default();
        let registers_changed = stored_registers != registers;
        let mut unchanged = 0;
        let mut to_read: Vec<(&SheetFile, FileStamp)> = Vec::new();
        for (f, stamp) in files {
            match known.get(&f.id) {
                Some(k) if k.size == stamp.size && k.mtime == stamp.mtime && !reread_all && !registers_changed => {
                    unchanged += 1;
                }
                _ => to_read.push((f, *stamp)),
            }
        }
        let present: BTreeSet<&DocId> = files.iter().map(|(f, _)| &f.id).collect();
        let removed: Vec<DocId> = known.keys().filter(|id| !present.contains(id)).cloned().collect();
        let searcher = self.reader.searcher();
        let read = to_read
            .into_par_iter()
            .map(|(f, stamp)| {
                let previous = match known.get(&f.id) {
                    Some(k) => Some(self.stored_hash(&searcher, k.addr)?),
                    None => None,
                };
                Ok(PlannedSheet { file: f.clone(), stamp, previous })
            })
            .collect::<Result<_>>()?;
        Ok(Plan { unchanged, read, removed, registers, registers_changed })
    }

    /// Lets go of the index lock while keeping the handle open for reading, so that other
    /// processes can open and update the index meanwhile (see
    /// [`CorpusIndex::lock_for_update`]).
    pub fn release_lock(&mut self) {
        self.lock = None;
    }

    /// The lock for one update, to hold until it is committed: `None` when this handle
    /// holds the lock already, else the lock taken back (waiting as [`CorpusIndex::open`]
    /// did), after reloading the reader so that the update is planned from what other
    /// processes committed meanwhile.
    ///
    /// # Errors
    /// Another process holds the lock too long, or the index cannot be read.
    pub fn lock_for_update(&self) -> Result<Option<File>> {
        if self.lock.is_some() {
            return Ok(None);
        }
        let file = super::lock::acquire_lock(&self.dir, self.wait)?;
        self.reader.reload().map_err(|e| Error::engine(&self.dir, e))?;
        Ok(Some(file))
    }

    /// Starts applying `plan`: opens the writer and deletes the removed sheets. Nothing is
    /// visible before [`IndexUpdate::commit`].
    ///
    /// # Errors
    /// The index cannot be written.
    pub fn begin(&mut self, plan: &Plan) -> Result<IndexUpdate<'_>> {
        let written = new_stamp(&self.dir);
        let writer: IndexWriter = self.index.writer(WRITER_MEMORY).map_err(|e| Error::engine(&self.dir, e))?;
        // A run killed mid-commit leaves files that meta.json does not reference (e.g. a
        // `.del` file this update would write again): collect them before writing.
        writer.garbage_collect_files().wait().map_err(|e| Error::engine(&self.dir, e))?;
        for id in &plan.removed {
            writer.delete_term(Term::from_field_text(self.fields.doc_id, id.as_str()));
        }
        Ok(IndexUpdate { index: self, writer, written, registers: plan.registers.clone() })
    }
}

/// One sheet's documents (its record and its passages), ready for [`IndexUpdate::add`].
pub struct Prepared {
    /// The sheet's content hash (hex).
    hash: String,
    /// The sheet document first, then one per passage.
    docs: Vec<TantivyDocument>,
}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prepared").field("hash", &self.hash).field("docs", &self.docs.len()).finish()
    }
}

/// Builds the documents of an update's sheets ([`IndexUpdate::preparer`]): the record's
/// encoding and the passages' terms are work for the threads that extract, not for the
/// one that feeds the writer.
#[derive(Debug, Clone)]
pub struct Preparer {
    fields: Fields,
    written: u64,
    dir: PathBuf,
}

impl Preparer {
    /// The record document of `record` and the passages of `doc` (the sheet it was read from).
    ///
    /// # Errors
    /// The record cannot be encoded.
    pub fn prepare(&self, record: &SheetRecord, doc: &Document) -> Result<Prepared> {
        let f = self.fields;
        let written = self.written;
        let payload = super::record::encode(record).map_err(|e| Error::index(&self.dir, e))?;
        let mut docs = Vec::new();
        docs.push(doc!(
            f.kind => KIND_SHEET,
            f.doc_id => record.id.as_str(),
            f.title => record.title.as_str(),
            f.hash => record.hash.as_str(),
            f.size => record.size,
            f.mtime => record.mtime,
            f.sheet => record.id.as_str(),
            f.written => written,
            f.payload => payload,
        ));
        let text = doc.text();
        let paragraphs = doc.paragraphs();
        let x = &record.extraction;
        for p in &paragraphs {
            let mut d = TantivyDocument::default();
            d.add_text(f.kind, KIND_PASSAGE);
            d.add_text(f.doc_id, record.id.as_str());
            d.add_text(f.title, &record.title);
            d.add_text(f.text, &text[p.start..p.end]);
            d.add_u64(f.line, u64::from(doc.location(p.start).line));
            let mut spans: Vec<(i64, i64)> = Vec::new();
            let mut years = BTreeSet::new();
            for m in starting_within(&x.dates, *p, |m| m.span.start).iter().filter(|m| p.contains(m.span)) {
                if let Some(date) = m.date {
                    let (lo, hi) = date.days();
                    spans.push((lo, hi));
                    let (y0, y1) = (date.start().year_value(), date.end().map_or(date.year(), |e| e.year_value()));
                    // A century adds at most 100 terms; that bounds the cost of coarse dates.
                    for y in y0..=y1.min(y0 + 100) {
                        years.insert(y);
                    }
                }
            }
            for y in years {
                d.add_i64(f.year, i64::from(y));
            }
            for &(lo, hi) in &spans {
                d.add_u64(f.dates, super::schema::pack_interval(lo, hi));
            }
            let mut names = BTreeSet::new();
            for b in starting_within(&x.bodies, *p, |b| b.span.start) {
                names.insert(b.name.to_lowercase());
                if let Some(a) = &b.acronym {
                    names.insert(a.to_lowercase());
                }
            }
            for n in names {
                d.add_text(f.body, n);
            }
            docs.push(d);
        }
        Ok(Prepared { hash: record.hash.clone(), docs })
    }
}

/// A stamp for the sheets written by one update, different on every call (process id,
/// clock and a counter hashed), so that a cached view entry can name the write it saw.
fn new_stamp(dir: &Path) -> u64 {
    static CALLS: AtomicU64 = AtomicU64::new(0);
    let mut h = blake3::Hasher::new();
    h.update(&std::process::id().to_le_bytes());
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    h.update(&now.to_le_bytes());
    h.update(&CALLS.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    h.update(dir.as_os_str().as_encoded_bytes());
    let bytes = h.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&bytes.as_bytes()[..8]);
    u64::from_le_bytes(first)
}

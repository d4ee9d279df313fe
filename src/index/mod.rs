//! The on-disk index: a tantivy index of passages for search, plus one record per sheet
//! holding its content hash and cached [`Extraction`](crate::extract::Extraction), so unchanged sheets are never
//! re-read.
//!
//! Layout of the index directory:
//! - `tantivy/`: the tantivy index. Every update is one tantivy commit, which is atomic:
//!   a run killed at any moment leaves the previous commit intact and usable.
//! - `concord.lock`: held (an OS file lock) by the process that updates the index; a
//!   second process waits a bounded time, then says who holds it. A long-running reader
//!   (`concord serve`) lets go of it ([`CorpusIndex::release_lock`]) and takes it back
//!   only for the duration of each update ([`CorpusIndex::lock_for_update`]).
//! - `view.bin` (`view_cache.rs`), `registry.bin` and `check.bin` with `check/` (written by
//!   [`crate::pipeline`]): caches, each checked against the index before use and rebuilt
//!   when it does not match.
//!
//! The commit payload records [`INDEX_VERSION`]; an index written by another version or
//! build, or in a format tantivy cannot read (e.g. a truncated segment), is rebuilt from
//! the corpus, which is the source of truth. A refusal by the machine (permission, full
//! disk) is reported and the index left as it is. No tantivy type leaves this module.
//!
//! The index never reads a sheet or runs extraction: [`crate::pipeline`] does, and hands
//! it records. Files: `schema.rs` (fields, commit payload), `record.rs` (the stored sheet
//! record and its codec), `lock.rs` (the directory lock), `update.rs` (plan from the
//! stamps, apply batches, commit), `search.rs` (queries, snippets), `view_cache.rs`.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rayon::prelude::*;
use serde::Serialize;
use tantivy::schema::{IndexRecordOption, Schema};
use tantivy::{DocAddress, DocSet, Index, IndexReader, ReloadPolicy, TERMINATED, TantivyDocument, Term};

use crate::corpus::DocId;
use crate::error::{Error, Result};
use crate::extract::Claim;
#[cfg(test)]
use crate::{corpus::Manifest, extract::bodies::NameCount};

mod lock;
mod record;
mod schema;
mod search;
mod update;
mod view_cache;

pub use record::{SheetRecord, SheetSummary};
pub use schema::INDEX_VERSION;
pub use search::{Hit, SearchOptions};
pub use update::{Change, IndexUpdate, Plan, PlannedSheet, Prepared, Preparer};

use lock::acquire_lock;
use schema::{CommitPayload, Fields, KIND_SHEET, MTIME_FIELD, SHEET_FIELD, SIZE_FIELD, SOURCE_ID, WRITTEN_FIELD};

/// What the index knows of one sheet without reading its stored record: read from
/// fast fields, so checking 200,000 sheets for changes costs milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SheetStamp {
    /// File size in bytes when indexed.
    size: u64,
    /// Modification time (ns since the epoch) when indexed.
    mtime: u64,
    /// Stamp of the update that wrote the sheet: a new one on every write.
    written: u64,
    /// Where the sheet document is, in the reader's current searcher.
    addr: DocAddress,
}

/// Every live sheet's stamp, by id.
type Stamps = BTreeMap<DocId, SheetStamp>;

/// The index directory, locked for this process.
pub struct CorpusIndex {
    dir: PathBuf,
    index: Index,
    fields: Fields,
    reader: IndexReader,
    /// Stored sheet records parsed so far by this handle (for tests and diagnostics).
    records_read: AtomicUsize,
    /// The index lock while this handle holds it; `None` after [`CorpusIndex::release_lock`].
    lock: Option<File>,
    /// The stamps of the reader's current generation, read once per generation: a
    /// command asks for them several times (plan, view, cache keys).
    stamps_memo: Mutex<Option<(u64, Arc<Stamps>)>>,
    /// How long [`CorpusIndex::lock_for_update`] waits for a released lock.
    wait: Duration,
}

impl std::fmt::Debug for CorpusIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CorpusIndex").field("dir", &self.dir).finish_non_exhaustive()
    }
}

impl CorpusIndex {
    /// Opens (or creates) the index in `dir`, taking its lock (waiting at most `wait`).
    /// An index of another version or one that cannot be opened is rebuilt: the
    /// returned string says why.
    ///
    /// # Errors
    /// `dir` cannot be created or written, or is locked by another process.
    pub fn open(dir: &Path, wait: Duration) -> Result<(CorpusIndex, Option<String>)> {
        if dir.exists() && !dir.is_dir() {
            return Err(Error::Index { path: dir.to_path_buf(), message: "exists and is not a directory".into() });
        }
        std::fs::create_dir_all(dir).map_err(|source| Error::Write { path: dir.to_path_buf(), source })?;
        let lock = acquire_lock(dir, wait)?;
        let (schema, fields) = Fields::schema();
        let tdir = dir.join("tantivy");
        let mut rebuilt = None;
        // The reader that checked the segments is the one kept: opening a second costs as
        // much again on a large index.
        let mut checked = None;
        let index = match open_existing(&tdir, &schema) {
            Ok(Some((index, reader))) => {
                checked = Some(reader);
                index
            }
            Ok(None) => create_fresh(&tdir, &schema)?,
            Err(Unusable::Refused(e)) => return Err(e),
            Err(Unusable::Rebuild(why)) => {
                rebuilt = Some(why);
                std::fs::remove_dir_all(&tdir).map_err(|source| Error::Write { path: tdir.clone(), source })?;
                create_fresh(&tdir, &schema)?
            }
        };
        let reader = match checked {
            Some(reader) => reader,
            None => index
                .reader_builder()
                .reload_policy(ReloadPolicy::Manual)
                .try_into()
                .map_err(|e| Error::engine(dir, e))?,
        };
        Ok((
            CorpusIndex {
                dir: dir.to_path_buf(),
                index,
                fields,
                reader,
                records_read: AtomicUsize::new(0),
                lock: Some(lock),
                stamps_memo: Mutex::new(None),
                wait,
            },
            rebuilt,
        ))
    }

    /// Deletes the tantivy index in `dir` and opens a fresh, empty one (taking the lock).
    ///
    /// # Errors
    /// `dir` cannot be written, or is locked by another process.
    pub fn rebuild(dir: &Path, wait: Duration) -> Result<CorpusIndex> {
        let lock = acquire_lock(dir, wait)?;
        let tdir = dir.join("tantivy");
        if tdir.exists() {
            std::fs::remove_dir_all(&tdir).map_err(|source| Error::Write { path: tdir.clone(), source })?;
        }
        drop(lock);
        let (index, _) = CorpusIndex::open(dir, wait)?;
        Ok(index)
    }

    /// All sheets the index holds, sorted by id, with everything extracted from them.
    /// This parses every stored record: commands that need only claims and bodies use
    /// [`CorpusIndex::view_sheets`].
    ///
    /// # Errors
    /// The index cannot be read.
    pub fn sheets(&self) -> Result<Vec<SheetRecord>> {
        let searcher = self.reader.searcher();
        let addrs: Vec<DocAddress> = self.stamps()?.values().map(|s| s.addr).collect();
        let mut out: Vec<SheetRecord> =
            addrs.into_par_iter().map(|a| self.stored_record(&searcher, a)).collect::<Result<_>>()?;
        out.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(out)
    }

    /// Every stored sheet record in id order, in batches of `batch` decoded in parallel:
    /// memory holds one batch, whatever the size of the corpus.
    ///
    /// # Errors
    /// The index cannot be read (then, or for a batch's record).
    pub fn record_batches(&self, batch: usize) -> Result<impl Iterator<Item = Result<Vec<SheetRecord>>> + '_> {
        let searcher = self.reader.searcher();
        let addrs: Vec<DocAddress> = self.stamps()?.values().map(|s| s.addr).collect();
        let batch = batch.max(1);
        Ok((0..addrs.len()).step_by(batch).map(move |start| {
            let chunk = &addrs[start..addrs.len().min(start + batch)];
            chunk.par_iter().map(|&a| self.stored_record(&searcher, a)).collect()
        }))
    }

    /// Ids of all sheets the index holds, sorted (read from fast fields, no record is parsed).
    ///
    /// # Errors
    /// The index cannot be read.
    pub fn sheet_ids(&self) -> Result<Vec<DocId>> {
        Ok(self.stamps()?.keys().cloned().collect())
    }

    /// Every sheet's summary and claims (subjects as written), sorted by id: what the
    /// corpus-wide view needs. Without `with_claims` the claims are left empty (and are
    /// not decoded). Read from the view cache where it is current; only sheets written
    /// since the cache was (or all, without a usable cache) are parsed from their stored
    /// records, and the cache is then rewritten (without `with_claims`, only when there
    /// was no usable cache: a rewrite needs every sheet's claims). A cache that cannot be written is not an
    /// error: the next run reads the records again.
    ///
    /// # Errors
    /// The index cannot be read.
    pub fn view_sheets(&self, with_claims: bool) -> Result<Vec<(SheetSummary, Vec<Claim>)>> {
        let stamps = self.stamps()?;
        let cache = view_cache::read(&self.dir, with_claims);
        let usable = cache.is_some();
        let mut cache: std::collections::HashMap<DocId, view_cache::Entry> =
            cache.unwrap_or_default().into_iter().map(|e| (e.sheet.id.clone(), e)).collect();
        let mut out: Vec<(u64, SheetSummary, Vec<Claim>)> = Vec::with_capacity(stamps.len());
        let mut missing: Vec<(u64, DocAddress)> = Vec::new();
        for (id, stamp) in stamps.iter() {
            match cache.remove(id) {
                Some(e) if e.written == stamp.written => out.push((e.written, e.sheet, e.claims.unwrap_or_default())),
                _ => missing.push((stamp.written, stamp.addr)),
            }
        }
        // Entries left over are sheets no longer indexed: the file is rewritten without them.
        let stale = !usable || !missing.is_empty() || !cache.is_empty();
        drop(cache);
        if stale && !with_claims && usable {
            // Only the sheets written since the cache was are read from their records; the
            // file is left for the next reader that asks for claims to rewrite (rewriting
            // it needs every sheet's claims, the cost this reader avoids).
            let searcher = self.reader.searcher();
            let loaded: Vec<(u64, SheetSummary, Vec<Claim>)> = missing
                .into_par_iter()
                .map(|(written, addr)| {
                    let (sheet, _) = self.stored_record(&searcher, addr)?.into_view();
                    Ok((written, sheet, Vec::new()))
                })
                .collect::<Result<_>>()?;
            out.extend(loaded);
            out.sort_by(|a, b| a.1.id.cmp(&b.1.id));
            return Ok(out.into_iter().map(|(_, sheet, claims)| (sheet, claims)).collect());
        }
        if stale && !with_claims {
            // No usable cache: the rewrite needs every sheet's claims: read them once, then drop them.
            drop(out);
            let mut all = self.view_sheets(true)?;
            for (_, claims) in &mut all {
                *claims = Vec::new();
            }
            return Ok(all);
        }
        if !missing.is_empty() {
            let searcher = self.reader.searcher();
            let loaded: Vec<(u64, SheetSummary, Vec<Claim>)> = missing
                .into_par_iter()
                .map(|(written, addr)| {
                    let (sheet, claims) = self.stored_record(&searcher, addr)?.into_view();
                    Ok((written, sheet, claims))
                })
                .collect::<Result<_>>()?;
            out.extend(loaded);
            out.sort_by(|a, b| a.1.id.cmp(&b.1.id));
        }
        if stale {
            let refs: Vec<view_cache::EntryRef<'_>> = out
                .iter()
                .map(|(written, sheet, claims)| view_cache::EntryRef { written: *written, sheet, claims })
                .collect();
            // Best effort: a read-only or full disk costs speed on the next run, not correctness.
            let _ = view_cache::write(&self.dir, &refs);
        }
        Ok(out.into_iter().map(|(_, sheet, claims)| (sheet, claims)).collect())
    }

    /// Every sheet the index holds with the stamp of its last write, sorted by id (fast
    /// fields only): a new stamp on every write of a sheet.
    ///
    /// # Errors
    /// The index cannot be read.
    pub fn sheet_writes(&self) -> Result<Vec<(DocId, u64)>> {
        Ok(self.stamps()?.iter().map(|(id, s)| (id.clone(), s.written)).collect())
    }

    /// The summary and claims (subjects as written, in extraction order) of each of `ids`
    /// the index holds, in the order of `ids`, parsed from their stored records in
    /// parallel; ids the index does not hold are left out.
    ///
    /// # Errors
    /// The index cannot be read.
    pub fn sheet_views(&self, ids: &[DocId]) -> Result<Vec<(SheetSummary, Vec<Claim>)>> {
        let stamps = self.stamps()?;
        let searcher = self.reader.searcher();
        let wanted: Vec<DocAddress> = ids.iter().filter_map(|id| stamps.get(id).map(|s| s.addr)).collect();
        wanted.into_par_iter().map(|addr| Ok(self.stored_record(&searcher, addr)?.into_view())).collect()
    }

    /// A digest of which sheets the index holds and which write of each: it changes
    /// whenever any sheet is added, rewritten or removed. Read from fast fields only.
    ///
    /// # Errors
    /// The index cannot be read.
    pub fn content_key(&self) -> Result<[u8; 32]> {
        let mut h = blake3::Hasher::new();
        for (id, stamp) in self.stamps()?.iter() {
            h.update(id.as_str().as_bytes());
            h.update(&[0]);
            h.update(&stamp.written.to_le_bytes());
        }
        Ok(*h.finalize().as_bytes())
    }

    /// A value cached in the index directory under `name` by [`CorpusIndex::store_cached`]
    /// with the same `key`, if there is one and it is intact.
    pub fn cached<T: serde::de::DeserializeOwned>(&self, name: &str, key: &[u8; 32]) -> Option<T> {
        view_cache::read_keyed(&self.dir.join(name), key)
    }

    /// Caches `value` under `name` and `key` in the index directory (atomically). Best
    /// effort: a cache that cannot be written costs speed on the next run, not correctness.
    pub fn store_cached<T: Serialize>(&self, name: &str, key: &[u8; 32], value: &T) {
        let _ = view_cache::write_keyed(&self.dir.join(name), key, value);
    }

    /// Number of stored sheet records this handle has parsed so far: zero after an
    /// unchanged update followed by [`CorpusIndex::view_sheets`] with a valid cache.
    pub fn records_read(&self) -> usize {
        self.records_read.load(Ordering::Relaxed)
    }

    /// Size, mtime, write stamp and address of every live sheet document, by id, read
    /// from fast fields only (no stored document is decompressed), once per reader
    /// generation.
    fn stamps(&self) -> Result<Arc<Stamps>> {
        let searcher = self.reader.searcher();
        let generation = searcher.generation().generation_id();
        let mut memo = self.stamps_memo.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((g, stamps)) = memo.as_ref()
            && *g == generation
        {
            return Ok(Arc::clone(stamps));
        }
        let stamps = Arc::new(self.read_stamps(&searcher)?);
        *memo = Some((generation, Arc::clone(&stamps)));
        Ok(stamps)
    }

    /// [`CorpusIndex::stamps`] read from `searcher`'s fast fields.
    fn read_stamps(&self, searcher: &tantivy::Searcher) -> Result<Stamps> {
        let err = |e: &dyn std::fmt::Display| Error::index(&self.dir, e);
        let kind = Term::from_field_text(self.fields.kind, KIND_SHEET);
        let mut out = BTreeMap::new();
        for (seg_ord, seg) in searcher.segment_readers().iter().enumerate() {
            let seg_ord = u32::try_from(seg_ord).map_err(|e| err(&e))?;
            let inverted = seg.inverted_index(self.fields.kind).map_err(|e| err(&e))?;
            let Some(mut postings) = inverted.read_postings(&kind, IndexRecordOption::Basic).map_err(|e| err(&e))?
            else {
                continue;
            };
            let ff = seg.fast_fields();
            let Some(ids) = ff.str(SHEET_FIELD).map_err(|e| err(&e))? else {
                return Err(err(&"sheet documents without their id column"));
            };
            let size = ff.u64(SIZE_FIELD).map_err(|e| err(&e))?;
            let mtime = ff.u64(MTIME_FIELD).map_err(|e| err(&e))?;
            let written = ff.u64(WRITTEN_FIELD).map_err(|e| err(&e))?;
            // The column's dictionary, streamed once: ordinal -> id.
            let mut names: Vec<String> = Vec::with_capacity(ids.num_terms());
            let mut stream = ids.dictionary().stream().map_err(|e| err(&e))?;
            while stream.advance() {
                names.push(String::from_utf8_lossy(stream.key()).into_owned());
            }
            let alive = seg.alive_bitset();
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    let name = ids
                        .ords()
                        .first(doc)
                        .and_then(|o| usize::try_from(o).ok())
                        .and_then(|o| names.get(o))
                        .ok_or_else(|| err(&"sheet document without an id"))?;
                    let stamp = SheetStamp {
                        size: size.first(doc).unwrap_or(0),
                        mtime: mtime.first(doc).unwrap_or(0),
                        written: written.first(doc).unwrap_or(0),
                        addr: DocAddress::new(seg_ord, doc),
                    };
                    out.insert(DocId(name.clone()), stamp);
                }
                doc = postings.advance();
            }
        }
        Ok(out)
    }

    /// Names the cause of an engine error the engine hid (a writer thread's I/O error is
    /// reported as "an error occurred in a thread"): when the index directory refuses a
    /// write, that refusal, with its path, is the error to report. Other errors pass as they are.
    #[must_use]
    pub fn explain(&self, e: Error) -> Error {
        if !matches!(e, Error::Engine { .. }) {
            return e;
        }
        let tdir = self.dir.join("tantivy");
        let probe = tdir.join(".concord-write-probe");
        match std::fs::OpenOptions::new().write(true).create(true).truncate(true).open(&probe) {
            Ok(_) => {
                let _ = std::fs::remove_file(&probe);
                e
            }
            Err(source) => Error::Write { path: tdir, source },
        }
    }

    /// The index directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// Reads a value [`write_keyed_file`] wrote under the same `key` (and by this build);
/// `None` when the file is missing, damaged, or written under another key.
pub fn read_keyed_file<T: serde::de::DeserializeOwned>(path: &Path, key: &[u8; 32]) -> Option<T> {
    view_cache::read_keyed(path, key)
}

/// Writes `value` under `key` to `path` (temporary file, then rename; checksummed).
///
/// # Errors
/// The file cannot be written; the previous one, if any, is then left as it was.
pub fn write_keyed_file<T: Serialize>(path: &Path, key: &[u8; 32], value: &T) -> Result<()> {
    view_cache::write_keyed(path, key, value)
}

/// Why an existing index is not opened as it is.
enum Unusable {
    /// Of another version or format, or damaged: delete it and rebuild (the reason).
    Rebuild(String),
    /// The machine refused (permission, full disk): report it and keep the index.
    Refused(Error),
}

impl From<String> for Unusable {
    fn from(why: String) -> Self {
        Unusable::Rebuild(why)
    }
}

impl From<&str> for Unusable {
    fn from(why: &str) -> Self {
        Unusable::Rebuild(why.into())
    }
}

/// Sorts a tantivy error met while opening: a format problem is rebuilt (`what` says
/// where it was met), an I/O refusal is reported with the index directory.
fn unusable(tdir: &Path, what: &str) -> impl Fn(tantivy::TantivyError) -> Unusable {
    move |e| {
        if crate::error::engine_format_error(&e) {
            Unusable::Rebuild(format!("{what} ({e}); rebuilding"))
        } else {
            Unusable::Refused(Error::engine(tdir, e))
        }
    }
}

/// Opens an existing index: `Ok(None)` when there is none, `Err` when it must be rebuilt
/// or cannot be read at all.
fn open_existing(tdir: &Path, schema: &Schema) -> std::result::Result<Option<(Index, IndexReader)>, Unusable> {
    if !tdir.join("meta.json").exists() {
        if tdir.exists() {
            return Err("index directory has no meta.json (incomplete or foreign); rebuilding".into());
        }
        return Ok(None);
    }
    let index = Index::open_in_dir(tdir).map_err(unusable(tdir, "index could not be opened"))?;
    if index.schema() != *schema {
        return Err("index was written by an incompatible version of concord (schema differs); rebuilding".into());
    }
    let metas = index.load_metas().map_err(unusable(tdir, "index metadata unreadable"))?;
    let payload = metas.payload.as_deref().and_then(|p| serde_json::from_str::<CommitPayload>(p).ok());
    match payload.as_ref().map(|p| (p.concord_index_version, p.source.as_str())) {
        Some((INDEX_VERSION, SOURCE_ID)) => {}
        Some((INDEX_VERSION, _)) => {
            return Err(
                "index was written by another build of concord (extraction rules may differ); rebuilding".into()
            );
        }
        Some((v, _)) => {
            return Err(format!(
                "index was written by an incompatible version of concord (index version {v}, this is {INDEX_VERSION}); rebuilding"
            )
            .into());
        }
        None if metas.segments.is_empty() => {}
        None => return Err("index carries no concord version; rebuilding".into()),
    }
    // Open every segment's files now, so a truncated or missing file is found here.
    let reader: IndexReader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(unusable(tdir, "index is corrupt"))?;
    let searcher = reader.searcher();
    for seg in searcher.segment_readers() {
        let store = seg.get_store_reader(0).map_err(|e| unusable(tdir, "index is corrupt")(e.into()))?;
        if seg.num_docs() > 0 {
            store.get::<TantivyDocument>(0).map_err(unusable(tdir, "index is corrupt"))?;
        }
    }
    drop(searcher);
    Ok(Some((index, reader)))
}

fn create_fresh(tdir: &Path, schema: &Schema) -> Result<Index> {
    std::fs::create_dir_all(tdir).map_err(|source| Error::Write { path: tdir.to_path_buf(), source })?;
    Index::create_in_dir(tdir, schema.clone()).map_err(|e| Error::engine(tdir, e))
}

#[cfg(test)]
mod tests;

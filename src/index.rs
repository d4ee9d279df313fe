//! The on-disk index: a tantivy index of passages for search, plus one record per sheet
//! holding its content hash and cached [`Extraction`], so unchanged sheets are never
//! re-read.
//!
//! Layout of the index directory:
//! - `tantivy/`: the tantivy index. Every update is one tantivy commit, which is atomic:
//!   a run killed at any moment leaves the previous commit intact and usable.
//! - `concord.lock`: held (an OS file lock) by the process that updates the index; a
//!   second process waits a bounded time, then says who holds it.
//!
//! The commit payload records [`INDEX_VERSION`]; an index written by another version,
//! or one that fails to open (e.g. a truncated segment), is rebuilt from the corpus,
//! which is the source of truth. No tantivy type leaves this module.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{Read as _, Seek as _, Write as _};
use std::num::NonZeroUsize;
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery, TermSetQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{
    DocAddress, DocSet, Index, IndexReader, IndexWriter, ReloadPolicy, TERMINATED, TantivyDocument, Term, doc,
};

use crate::corpus::{DocId, Document, FileStamp, Manifest, SheetFile, Site};
use crate::date::Date;
use crate::error::{Error, Result};
use crate::extract::bodies::NameCount;
use crate::extract::{Claim, Extraction};
use crate::span::starting_within;

mod view_cache;

/// Version of the index layout and of the cached extraction; bump on any change to either.
pub const INDEX_VERSION: u32 = 5;

const KIND_SHEET: &str = "sheet";
const KIND_PASSAGE: &str = "passage";
/// Memory budget of the tantivy writer.
const WRITER_MEMORY: usize = 200_000_000;
/// zstd level of the stored records. The passages stay in tantivy's lz4 doc store, which
/// a search decompresses per hit (zstd blocks made searches about 20 % slower); the
/// records are read only to rebuild the view cache and for the full listings.
const RECORD_ZSTD_LEVEL: i32 = 3;

/// The tantivy fields, created once with the schema.
#[derive(Debug, Clone, Copy)]
struct Fields {
    kind: Field,
    doc_id: Field,
    title: Field,
    text: Field,
    line: Field,
    year: Field,
    body: Field,
    dates: Field,
    hash: Field,
    size: Field,
    mtime: Field,
    sheet: Field,
    written: Field,
    payload: Field,
}

/// Fast-field names read by [`CorpusIndex::stamps`].
const SIZE_FIELD: &str = "size";
const MTIME_FIELD: &str = "mtime";
const SHEET_FIELD: &str = "sheet";
const WRITTEN_FIELD: &str = "written";

impl Fields {
    fn schema() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let english = TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer("en_stem")
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
            .set_stored();
        let fields = Fields {
            kind: b.add_text_field("kind", STRING),
            doc_id: b.add_text_field("doc", STRING | STORED),
            title: b.add_text_field("title", english.clone()),
            text: b.add_text_field("text", english),
            line: b.add_u64_field("line", STORED),
            year: b.add_i64_field("year", INDEXED),
            body: b.add_text_field("body", STRING),
            dates: b.add_text_field("dates", STORED),
            hash: b.add_text_field("hash", STORED),
            size: b.add_u64_field(SIZE_FIELD, STORED | FAST),
            mtime: b.add_u64_field(MTIME_FIELD, STORED | FAST),
            // Sheet documents only: the id and the write stamp as columns, so the
            // unchanged-check reads no stored document.
            sheet: b.add_text_field(SHEET_FIELD, TextOptions::default().set_fast("raw")),
            written: b.add_u64_field(WRITTEN_FIELD, FAST),
            // The sheet record, postcard compressed with zstd (JSON under lz4 was most of the index).
            payload: b.add_bytes_field("payload", STORED),
        };
        (b.build(), fields)
    }
}

/// Fingerprint of the sources this binary was built from (see `build.rs`): cached
/// extractions from another build may differ, so its index is rebuilt.
const SOURCE_ID: &str = env!("CONCORD_SOURCE_ID");

/// What the commit payload records.
#[derive(Debug, Serialize, Deserialize)]
struct CommitPayload {
    concord_index_version: u32,
    #[serde(default)]
    source: String,
    /// The register overrides the records were extracted with (`Manifest::registers_fingerprint`).
    #[serde(default)]
    registers: String,
}

/// What the index knows of one sheet.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SheetRecord {
    /// Corpus-relative identity.
    pub id: DocId,
    /// Title.
    pub title: String,
    /// blake3 of the file's bytes, hex.
    pub hash: String,
    /// File size in bytes when indexed.
    pub size: u64,
    /// Modification time (ns since the epoch) when indexed.
    pub mtime: u64,
    /// The cached extraction.
    pub extraction: Extraction,
    /// Original position and text of each date of `extraction.dates`, in the same order.
    pub date_sites: Vec<Site>,
    /// Original position and text of each body mention of `extraction.bodies`, in the same order.
    pub body_sites: Vec<Site>,
}

/// What the corpus-wide view needs of one sheet besides its claims (which travel beside
/// it, see [`CorpusIndex::view_sheets`]): its id, title and body names with their counts
/// (for the registry and the body listing). Mentions with their sites are in the stored
/// record ([`CorpusIndex::sheets`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetSummary {
    /// Corpus-relative identity.
    pub id: DocId,
    /// Title.
    pub title: String,
    /// Distinct body names as written, in order of first mention, with counts.
    pub names: Vec<NameCount>,
}

impl SheetRecord {
    /// What the view needs of the record: its summary and its claims.
    fn into_view(self) -> (SheetSummary, Vec<Claim>) {
        let SheetRecord { id, title, extraction, .. } = self;
        let names = NameCount::tally(&extraction.bodies);
        (SheetSummary { id, title, names }, extraction.claims)
    }
}

impl SheetRecord {
    /// Reads nothing: builds the record of an extracted document.
    pub fn new(doc: &Document, hash: String, size: u64, mtime: u64, extraction: Extraction) -> SheetRecord {
        let date_sites = extraction.dates.iter().map(|m| Site::of(doc, m.span)).collect();
        let body_sites = extraction.bodies.iter().map(|m| Site::of(doc, m.span)).collect();
        SheetRecord {
            id: doc.id.clone(),
            title: doc.title.clone(),
            hash,
            size,
            mtime,
            extraction,
            date_sites,
            body_sites,
        }
    }
}

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
    /// Replaces `sheet`'s record and passages with `record` (read from `doc`); returns
    /// what changed and the number of passages written.
    ///
    /// # Errors
    /// The index cannot be written.
    pub fn write(&mut self, sheet: &PlannedSheet, record: &SheetRecord, doc: &Document) -> Result<(Change, usize)> {
        self.forget(sheet);
        let change = match &sheet.previous {
            Some(old) if *old == record.hash => Change::Unchanged,
            Some(_) => Change::Updated,
            None => Change::Added,
        };
        let passages = self.index.add_sheet(&self.writer, record, doc, self.written)?;
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
        let mut prepared = self.writer.prepare_commit().map_err(|e| Error::index(&dir, e))?;
        prepared.set_payload(&payload);
        prepared.commit().map_err(|e| Error::index(&dir, e))?;
        self.writer.wait_merging_threads().map_err(|e| Error::index(&dir, e))?;
        self.index.reader.reload().map_err(|e| Error::index(&dir, e))?;
        Ok(())
    }
}

impl std::fmt::Debug for IndexUpdate<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndexUpdate").field("dir", &self.index.dir).finish_non_exhaustive()
    }
}

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

/// The index directory, locked for this process.
pub struct CorpusIndex {
    dir: PathBuf,
    index: Index,
    fields: Fields,
    reader: IndexReader,
    /// Stored sheet records parsed so far by this handle (for tests and diagnostics).
    records_read: AtomicUsize,
    _lock: File,
}

impl std::fmt::Debug for CorpusIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CorpusIndex").field("dir", &self.dir).finish_non_exhaustive()
    }
}

/// Options of a search.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    /// Most hits to return.
    pub limit: NonZeroUsize,
    /// Keep only sheets whose id matches one of these globs.
    pub doc_globs: Vec<String>,
    /// Keep only passages that mention one of these body names (lower case, all aliases).
    pub body_names: Vec<String>,
    /// Keep only passages mentioning a date that overlaps `[from, to]`.
    pub from: Option<Date>,
    /// See `from`.
    pub to: Option<Date>,
}

/// One search hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Corpus-relative sheet id.
    pub doc: DocId,
    /// Original 1-based line of the first highlighted term (else of the passage).
    pub line: u32,
    /// 1-based column (characters) of the first highlighted term, 1 without one.
    pub column: u32,
    /// Sheet title.
    pub title: String,
    /// BM25 score.
    pub score: f32,
    /// Passage fragment around the best match; `…` marks where the passage was cut.
    pub snippet: String,
    /// Byte ranges in `snippet` of the matched terms.
    #[serde(skip)]
    pub highlights: Vec<std::ops::Range<usize>>,
}

fn lock_path(dir: &Path) -> PathBuf {
    dir.join("concord.lock")
}

/// Takes the exclusive lock, waiting at most `wait`.
fn acquire_lock(dir: &Path, wait: Duration) -> Result<File> {
    let path = lock_path(dir);
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|source| Error::Write { path: path.clone(), source })?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(std::fs::TryLockError::WouldBlock) => {}
            Err(std::fs::TryLockError::Error(source)) => return Err(Error::Write { path, source }),
        }
        if start.elapsed() >= wait {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let holder = holder.trim();
            return Err(Error::IndexLocked {
                path: dir.to_path_buf(),
                holder: if holder.is_empty() { "unknown process".into() } else { holder.to_string() },
                waited_secs: start.elapsed().as_secs(),
            });
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    // Record who holds it, for the message a waiting process prints.
    let _ = file.set_len(0);
    let _ = file.seek(std::io::SeekFrom::Start(0));
    let _ = write!(file, "pid {}", std::process::id());
    let _ = file.flush();
    Ok(file)
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
        let index = match open_existing(&tdir, &schema) {
            Ok(Some(index)) => index,
            Ok(None) => create_fresh(&tdir, &schema)?,
            Err(why) => {
                rebuilt = Some(why);
                std::fs::remove_dir_all(&tdir).map_err(|source| Error::Write { path: tdir.clone(), source })?;
                create_fresh(&tdir, &schema)?
            }
        };
        let reader =
            index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into().map_err(|e| Error::index(dir, e))?;
        Ok((
            CorpusIndex {
                dir: dir.to_path_buf(),
                index,
                fields,
                reader,
                records_read: AtomicUsize::new(0),
                _lock: lock,
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
        let addrs: Vec<DocAddress> = self.stamps()?.into_values().map(|s| s.addr).collect();
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
        let addrs: Vec<DocAddress> = self.stamps()?.into_values().map(|s| s.addr).collect();
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
        Ok(self.stamps()?.into_keys().collect())
    }

    /// Every sheet's summary and claims (subjects as written), sorted by id: what the
    /// corpus-wide view needs. Without `with_claims` the claims are left empty (and are
    /// not decoded). Read from the view cache where it is current; only sheets written
    /// since the cache was (or all, without a usable cache) are parsed from their stored
    /// records, and the cache is then rewritten. A cache that cannot be written is not an
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
        for (id, stamp) in &stamps {
            match cache.remove(id) {
                Some(e) if e.written == stamp.written => out.push((e.written, e.sheet, e.claims.unwrap_or_default())),
                _ => missing.push((stamp.written, stamp.addr)),
            }
        }
        // Entries left over are sheets no longer indexed: the file is rewritten without them.
        let stale = !usable || !missing.is_empty() || !cache.is_empty();
        drop(cache);
        if stale && !with_claims {
            // The rewrite needs every sheet's claims: read them once, then drop them.
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

    /// A digest of which sheets the index holds and which write of each: it changes
    /// whenever any sheet is added, rewritten or removed. Read from fast fields only.
    ///
    /// # Errors
    /// The index cannot be read.
    pub fn content_key(&self) -> Result<[u8; 32]> {
        let mut h = blake3::Hasher::new();
        for (id, stamp) in self.stamps()? {
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

    /// Decodes the stored record at `addr`.
    fn stored_record(&self, searcher: &tantivy::Searcher, addr: DocAddress) -> Result<SheetRecord> {
        let d: TantivyDocument = searcher.doc(addr).map_err(|e| Error::index(&self.dir, e))?;
        let payload = d.get_first(self.fields.payload).and_then(|v| v.as_bytes()).unwrap_or_default();
        self.records_read.fetch_add(1, Ordering::Relaxed);
        let corrupt = |e: &dyn std::fmt::Display| Error::Index {
            path: self.dir.clone(),
            message: format!("corrupt sheet record: {e}"),
        };
        let bytes = zstd::decode_all(payload).map_err(|e| corrupt(&e))?;
        postcard::from_bytes::<SheetRecord>(&bytes).map_err(|e| corrupt(&e))
    }

    /// The stored content hash of the sheet document at `addr`.
    fn stored_hash(&self, searcher: &tantivy::Searcher, addr: DocAddress) -> Result<String> {
        let d: TantivyDocument = searcher.doc(addr).map_err(|e| Error::index(&self.dir, e))?;
        Ok(d.get_first(self.fields.hash).and_then(|v| v.as_str()).unwrap_or("").to_string())
    }

    /// Size, mtime, write stamp and address of every live sheet document, by id, read
    /// from fast fields only (no stored document is decompressed).
    fn stamps(&self) -> Result<BTreeMap<DocId, SheetStamp>> {
        let searcher = self.reader.searcher();
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
        let known = self.stamps()?;
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

    /// Starts applying `plan`: opens the writer and deletes the removed sheets. Nothing is
    /// visible before [`IndexUpdate::commit`].
    ///
    /// # Errors
    /// The index cannot be written.
    pub fn begin(&mut self, plan: &Plan) -> Result<IndexUpdate<'_>> {
        let written = new_stamp(&self.dir);
        let writer: IndexWriter = self.index.writer(WRITER_MEMORY).map_err(|e| Error::index(&self.dir, e))?;
        // A run killed mid-commit leaves files that meta.json does not reference (e.g. a
        // `.del` file this update would write again): collect them before writing.
        writer.garbage_collect_files().wait().map_err(|e| Error::index(&self.dir, e))?;
        for id in &plan.removed {
            writer.delete_term(Term::from_field_text(self.fields.doc_id, id.as_str()));
        }
        Ok(IndexUpdate { index: self, writer, written, registers: plan.registers.clone() })
    }

    /// Adds one sheet record and its passages; returns the number of passages.
    fn add_sheet(&self, writer: &IndexWriter, record: &SheetRecord, doc: &Document, written: u64) -> Result<usize> {
        let f = self.fields;
        let payload = postcard::to_stdvec(record).map_err(|e| Error::index(&self.dir, e))?;
        let payload =
            zstd::encode_all(payload.as_slice(), RECORD_ZSTD_LEVEL).map_err(|e| Error::index(&self.dir, e))?;
        writer
            .add_document(doc!(
                f.kind => KIND_SHEET,
                f.doc_id => record.id.as_str(),
                f.title => record.title.as_str(),
                f.hash => record.hash.as_str(),
                f.size => record.size,
                f.mtime => record.mtime,
                f.sheet => record.id.as_str(),
                f.written => written,
                f.payload => payload,
            ))
            .map_err(|e| Error::index(&self.dir, e))?;
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
            if !spans.is_empty() {
                d.add_text(f.dates, serde_json::to_string(&spans).unwrap_or_default());
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
            writer.add_document(d).map_err(|e| Error::index(&self.dir, e))?;
        }
        Ok(paragraphs.len())
    }

    /// Runs a search in tantivy's query syntax over passages.
    ///
    /// # Errors
    /// The query does not parse, or the index cannot be read.
    pub fn search(&self, query: &str, opts: &SearchOptions) -> Result<Vec<Hit>> {
        let f = self.fields;
        let searcher = self.reader.searcher();
        // Only the passage text by default: a title match would make every passage of a
        // sheet a hit. `title:` still searches titles explicitly.
        let mut parser = QueryParser::for_index(&self.index, vec![f.text]);
        parser.set_conjunction_by_default();
        let user =
            parser.parse_query(query).map_err(|e| Error::Query { query: query.to_string(), message: e.to_string() })?;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, user.box_clone()),
            (
                Occur::Must,
                Box::new(TermQuery::new(Term::from_field_text(f.kind, KIND_PASSAGE), IndexRecordOption::Basic)),
            ),
        ];
        if !opts.doc_globs.is_empty() {
            let set = crate::search::DocGlobs::new(&opts.doc_globs)?;
            let ids: Vec<Term> = self
                .sheet_ids()?
                .iter()
                .filter(|id| set.is_match(id.as_str()))
                .map(|id| Term::from_field_text(f.doc_id, id.as_str()))
                .collect();
            clauses.push((Occur::Must, Box::new(TermSetQuery::new(ids))));
        }
        if !opts.body_names.is_empty() {
            let terms = opts.body_names.iter().map(|n| Term::from_field_text(f.body, &n.to_lowercase()));
            clauses.push((Occur::Must, Box::new(TermSetQuery::new(terms))));
        }
        if opts.from.is_some() || opts.to.is_some() {
            let lo = opts
                .from
                .map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_i64(f.year, i64::from(d.year()))));
            let hi = opts.to.map_or(Bound::Unbounded, |d| {
                let y = d.end().map_or(d.year(), |e| e.year_value());
                Bound::Included(Term::from_field_i64(f.year, i64::from(y)))
            });
            clauses.push((Occur::Must, Box::new(RangeQuery::new(lo, hi))));
        }
        let query = BooleanQuery::new(clauses);
        let date_filter = opts.from.is_some() || opts.to.is_some();
        // Over-fetch when the exact date filter may drop some year-level candidates.
        let fetch = if date_filter { opts.limit.get().saturating_mul(4).max(50) } else { opts.limit.get() };
        let top = searcher
            .search(&query, &TopDocs::with_limit(fetch).order_by_score())
            .map_err(|e| Error::index(&self.dir, e))?;
        let mut snippets =
            SnippetGenerator::create(&searcher, &*user, f.text).map_err(|e| Error::index(&self.dir, e))?;
        snippets.set_max_num_chars(200);
        let (from_day, to_day) = (opts.from.map(|d| d.days().0), opts.to.map(|d| d.days().1));
        let mut hits = Vec::new();
        for (score, addr) in top {
            let d: TantivyDocument = searcher.doc(addr).map_err(|e| Error::index(&self.dir, e))?;
            if date_filter {
                let spans: Vec<(i64, i64)> = d
                    .get_first(f.dates)
                    .and_then(|v| v.as_str())
                    .and_then(|s| serde_json::from_str(s).ok())
                    .unwrap_or_default();
                let ok = spans
                    .iter()
                    .any(|&(lo, hi)| from_day.is_none_or(|fd| hi >= fd) && to_day.is_none_or(|td| lo <= td));
                if !ok {
                    continue;
                }
            }
            let text = d.get_first(f.text).and_then(|v| v.as_str()).unwrap_or("");
            let first_line = d.get_first(f.line).and_then(|v| v.as_u64()).unwrap_or(1);
            let snippet = snippets.snippet(text);
            let fragment = snippet.fragment().to_string();
            let highlights: Vec<_> = snippet.highlighted().to_vec();
            // Line of the first highlighted term: passages keep every newline of the original.
            let frag_at = text.find(fragment.as_str()).unwrap_or(0);
            let first_hl = highlights.first().map_or(0, |r| r.start);
            let newlines = text.get(..frag_at + first_hl).map_or(0, |s| s.matches('\n').count());
            let line_start = text.get(..frag_at + first_hl).and_then(|s| s.rfind('\n')).map_or(0, |i| i + 1);
            let column = text.get(line_start..frag_at + first_hl).map_or(0, |s| s.chars().count()) + 1;
            let (fragment, highlights) = if fragment.is_empty() {
                let head: String = text.chars().take(200).collect();
                let cut = head.len() < text.len();
                (if cut { format!("{head}…") } else { head }, Vec::new())
            } else {
                // A fragment cut from a longer passage says so at each cut end.
                let lead = if frag_at > 0 { "…" } else { "" };
                let tail = if frag_at + fragment.len() < text.trim_end().len() { "…" } else { "" };
                let shift = lead.len();
                let highlights = highlights.into_iter().map(|r| r.start + shift..r.end + shift).collect();
                (format!("{lead}{fragment}{tail}"), highlights)
            };
            hits.push(Hit {
                doc: DocId(d.get_first(f.doc_id).and_then(|v| v.as_str()).unwrap_or("").to_string()),
                line: u32::try_from(first_line + newlines as u64).unwrap_or(u32::MAX),
                column: u32::try_from(column).unwrap_or(u32::MAX),
                title: d.get_first(f.title).and_then(|v| v.as_str()).unwrap_or("").to_string(),
                score,
                snippet: fragment,
                highlights,
            });
        }
        // Ties in score are broken by document and line, never by segment layout.
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.doc.cmp(&b.doc)).then(a.line.cmp(&b.line)));
        hits.truncate(opts.limit.get());
        Ok(hits)
    }

    /// The index directory.
    pub fn dir(&self) -> &Path {
        &self.dir
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

/// Opens an existing index: `Ok(None)` when there is none, `Err(reason)` when it must be rebuilt.
fn open_existing(tdir: &Path, schema: &Schema) -> std::result::Result<Option<Index>, String> {
    if !tdir.join("meta.json").exists() {
        if tdir.exists() {
            return Err("index directory has no meta.json (incomplete or foreign); rebuilding".into());
        }
        return Ok(None);
    }
    let index = Index::open_in_dir(tdir).map_err(|e| format!("index could not be opened ({e}); rebuilding"))?;
    if index.schema() != *schema {
        return Err("index was written by an incompatible version of concord (schema differs); rebuilding".into());
    }
    let metas = index.load_metas().map_err(|e| format!("index metadata unreadable ({e}); rebuilding"))?;
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
            ));
        }
        None if metas.segments.is_empty() => {}
        None => return Err("index carries no concord version; rebuilding".into()),
    }
    // Open every segment's files now, so a truncated or missing file is found here.
    let reader = index.reader().map_err(|e| format!("index is corrupt ({e}); rebuilding"))?;
    let searcher = reader.searcher();
    for seg in searcher.segment_readers() {
        let store = seg.get_store_reader(0).map_err(|e| format!("index is corrupt ({e}); rebuilding"))?;
        if seg.num_docs() > 0 {
            store.get::<TantivyDocument>(0).map_err(|e| format!("index is corrupt ({e}); rebuilding"))?;
        }
    }
    Ok(Some(index))
}

fn create_fresh(tdir: &Path, schema: &Schema) -> Result<Index> {
    std::fs::create_dir_all(tdir).map_err(|source| Error::Write { path: tdir.to_path_buf(), source })?;
    Index::create_in_dir(tdir, schema.clone()).map_err(|e| Error::index(tdir, e))
}

#[cfg(test)]
mod tests;

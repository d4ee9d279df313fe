//! What the index stores per sheet: the [`SheetRecord`] (hash, stamps, cached extraction,
//! original sites), its compact codec (postcard, zstd) and the summary the corpus-wide view
//! needs.

use std::sync::atomic::Ordering;

use serde::{Deserialize, Serialize};
use tantivy::schema::Value;
use tantivy::{DocAddress, TantivyDocument};

use super::CorpusIndex;
use crate::corpus::{DocId, Document, Site};
use crate::error::{Error, Result};
use crate::extract::bodies::NameCount;
use crate::extract::{Claim, Extraction};
use crate::warning::Warning;

/// zstd level of the stored records. The passages stay in tantivy's lz4 doc store, which
/// a search decompresses per hit (zstd blocks made searches about 20 % slower); the
/// records are read only to rebuild the view cache and for the full listings.
const RECORD_ZSTD_LEVEL: i32 = 3;

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
    /// Problems with the sheet's text that extraction met ("31 June 1997").
    pub warnings: Vec<Warning>,
}

impl SheetRecord {
    /// What the view needs of the record: its summary and its claims.
    pub(super) fn into_view(self) -> (SheetSummary, Vec<Claim>) {
        let SheetRecord { id, title, extraction, .. } = self;
        let names = NameCount::tally(&extraction.bodies);
        (SheetSummary { id, title, names, warnings: extraction.warnings }, extraction.claims)
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

/// Encodes a record for the `payload` field: postcard, then zstd.
pub(super) fn encode(record: &SheetRecord) -> std::result::Result<Vec<u8>, String> {
    thread_local! {
        // One compression context per thread, reused: creating one per record was a
        // visible share of a full build.
        static COMPRESSOR: std::cell::RefCell<Option<zstd::bulk::Compressor<'static>>> =
            const { std::cell::RefCell::new(None) };
    }
    let payload = postcard::to_stdvec(record).map_err(|e| e.to_string())?;
    COMPRESSOR.with_borrow_mut(|slot| {
        let compressor = match slot {
            Some(c) => c,
            None => slot.insert(zstd::bulk::Compressor::new(RECORD_ZSTD_LEVEL).map_err(|e| e.to_string())?),
        };
        compressor.compress(&payload).map_err(|e| e.to_string())
    })
}

impl CorpusIndex {
    /// Decodes the stored record at `addr`.
    pub(super) fn stored_record(&self, searcher: &tantivy::Searcher, addr: DocAddress) -> Result<SheetRecord> {
        let d: TantivyDocument = searcher.doc(addr).map_err(|e| Error::engine(&self.dir, e))?;
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
    pub(super) fn stored_hash(&self, searcher: &tantivy::Searcher, addr: DocAddress) -> Result<String> {
        let d: TantivyDocument = searcher.doc(addr).map_err(|e| Error::engine(&self.dir, e))?;
        Ok(d.get_first(self.fields.hash).and_then(|v| v.as_str()).unwrap_or("").to_string())
    }
}

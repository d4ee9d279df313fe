//! The tantivy schema: every field created once, kept in [`Fields`] (no lookups by name
//! elsewhere), and the commit payload that says which version and build wrote the index.

use serde::{Deserialize, Serialize};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

/// Version of the index layout and of the cached extraction; bump on any change to either.
pub const INDEX_VERSION: u32 = 7;

/// `kind` of a sheet's record document.
pub(super) const KIND_SHEET: &str = "sheet";
/// `kind` of a passage document.
pub(super) const KIND_PASSAGE: &str = "passage";

/// The tantivy fields, created once with the schema.
#[derive(Debug, Clone, Copy)]
pub(super) struct Fields {
    pub(super) kind: Field,
    pub(super) doc_id: Field,
    pub(super) title: Field,
    pub(super) text: Field,
    pub(super) line: Field,
    pub(super) year: Field,
    pub(super) body: Field,
    pub(super) dates: Field,
    pub(super) hash: Field,
    pub(super) size: Field,
    pub(super) mtime: Field,
    pub(super) sheet: Field,
    pub(super) written: Field,
    pub(super) payload: Field,
}

/// Fast-field names read by [`CorpusIndex::stamps`].
pub(super) const SIZE_FIELD: &str = "size";
pub(super) const MTIME_FIELD: &str = "mtime";
pub(super) const SHEET_FIELD: &str = "sheet";
pub(super) const WRITTEN_FIELD: &str = "written";
/// Fast-field names of the sheet id and first line that order equal-scored search hits.
pub(super) const DOC_FIELD: &str = "doc";
pub(super) const LINE_FIELD: &str = "line";
/// Fast-field name of the passages' packed date intervals.
pub(super) const DATES_FIELD: &str = "dates";

/// Packs a day interval (days since 1970-01-01, inclusive) into one column value: the
/// first day in the high 32 bits, the last in the low, each offset by 2^31 so that the
/// order of days is the order of values. Days beyond ±2^31 (±5.8 million years) are clamped.
pub(super) fn pack_interval(lo: i64, hi: i64) -> u64 {
    let biased = |d: i64| u64::try_from(d.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) + (1 << 31)).unwrap_or(0);
    (biased(lo) << 32) | biased(hi)
}

/// The interval [`pack_interval`] packed.
pub(super) fn unpack_interval(v: u64) -> (i64, i64) {
    let unbias = |b: u64| i64::try_from(b).unwrap_or(0) - (1 << 31);
    (unbias(v >> 32), unbias(v & 0xFFFF_FFFF))
}

impl Fields {
    pub(super) fn schema() -> (Schema, Fields) {
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
            // A column too, with `line`: the tie-break of equal-scored search hits.
            doc_id: b.add_text_field(DOC_FIELD, (STRING | STORED).set_fast("raw")),
            title: b.add_text_field("title", english.clone()),
            text: b.add_text_field("text", english),
            line: b.add_u64_field(LINE_FIELD, STORED | FAST),
            year: b.add_i64_field("year", INDEXED),
            body: b.add_text_field("body", STRING),
            // Passages: each date's day interval packed in one u64 ([`pack_interval`]), a
            // multi-valued column that the date filter of a search reads while collecting.
            dates: b.add_u64_field(DATES_FIELD, FAST),
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
pub(super) const SOURCE_ID: &str = env!("CONCORD_SOURCE_ID");

/// What the commit payload records.
#[cfg(test)]
mod interval_tests {
    use super::*;

    #[test]
    fn intervals_survive_packing_and_keep_their_order() {
        for (lo, hi) in
            [(0, 0), (-1, 1), (-719_528, -719_163), (10_000, 12_000), (i64::from(i32::MIN), i64::from(i32::MAX))]
        {
            assert_eq!(unpack_interval(pack_interval(lo, hi)), (lo, hi));
        }
        assert!(pack_interval(-5, 0) < pack_interval(-4, 0) && pack_interval(3, 3) < pack_interval(4, 0));
        // Out of range: clamped, never wrapped.
        assert_eq!(unpack_interval(pack_interval(i64::MIN, i64::MAX)), (i64::from(i32::MIN), i64::from(i32::MAX)));
    }
}

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct CommitPayload {
    pub(super) concord_index_version: u32,
    #[serde(default)]
    pub(super) source: String,
    /// The register overrides the records were extracted with (`Manifest::registers_fingerprint`).
    #[serde(default)]
    pub(super) registers: String,
}

//! The tantivy schema: every field created once, kept in [`Fields`] (no lookups by name
//! elsewhere), and the commit payload that says which version and build wrote the index.

use serde::{Deserialize, Serialize};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

/// Version of the index layout and of the cached extraction; bump on any change to either.
pub const INDEX_VERSION: u32 = 5;

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
pub(super) const SOURCE_ID: &str = env!("CONCORD_SOURCE_ID");

/// What the commit payload records.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct CommitPayload {
    pub(super) concord_index_version: u32,
    #[serde(default)]
    pub(super) source: String,
    /// The register overrides the records were extracted with (`Manifest::registers_fingerprint`).
    #[serde(default)]
    pub(super) registers: String,
}

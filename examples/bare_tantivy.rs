//! The reference for the full build (issue 7, measurement 2): a minimal tantivy-only
//! indexer of the same files, with the same stored passage text, the same tantivy
//! version (Cargo.lock) and the same `en_stem` text field as `concord index`.
//!
//! In: a corpus directory and an output directory (created, must not hold an index).
//! Out: a tantivy index of one document per passage (`doc`, `text`, `line`), and one
//! JSON line on standard output with the counts and the wall time. No extraction, no
//! normalisation, no sheet records: this is what indexing alone costs.
//!
//! Passages are cut by the same rule as concord's (`concord::corpus::paragraphs`), so
//! the stored text and the number of documents match. `--title` also indexes the title
//! in every passage, as concord does, to separate that cost from extraction's.
//!
//! ```text
//! cargo run --release --example bare_tantivy -- bench/out/corpus bench/out/bare-index
//! ```

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Parser;
use tantivy::schema::{IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions};
use tantivy::{Index, IndexWriter, TantivyDocument};

/// Memory budget of the writer: the same as concord's.
const WRITER_MEMORY: usize = 200_000_000;

/// Command-line arguments.
#[derive(Debug, Parser)]
struct Args {
    /// Corpus directory.
    corpus: PathBuf,
    /// Index directory to create.
    out: PathBuf,
    /// Also index each sheet's first line as a title in every passage, like concord.
    #[arg(long)]
    title: bool,
}

fn main() -> Result<()> {
    let args = Args::parse();
    let start = Instant::now();

    // # Schema: the text field exactly as concord declares it.
    let mut b = Schema::builder();
    let english = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("en_stem")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let doc_id = b.add_text_field("doc", STRING | STORED);
    let title = b.add_text_field("title", english.clone());
    let text = b.add_text_field("text", english);
    let line = b.add_u64_field("line", STORED);
    let schema = b.build();

    // # Index and writer
    std::fs::create_dir_all(&args.out).with_context(|| format!("cannot create {}", args.out.display()))?;
    let index = Index::create_in_dir(&args.out, schema)?;
    let mut writer: IndexWriter = index.writer(WRITER_MEMORY)?;

    // # Feed the writer: read each sheet, cut passages, add one document per passage.
    let (files, _) = concord::corpus::scan(&args.corpus)?;
    let (mut bytes, mut passages) = (0usize, 0usize);
    for f in &files {
        let raw = std::fs::read(&f.path).with_context(|| format!("cannot read {}", f.path.display()))?;
        bytes += raw.len();
        let Ok(s) = String::from_utf8(raw) else { continue };
        let first = s.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
        let mut line_no = 1u64;
        let mut last = 0usize;
        for p in concord::corpus::paragraphs(&s) {
            let Some(body) = s.get(p.start..p.end) else { continue };
            line_no += s.get(last..p.start).map_or(0, |g| g.matches('\n').count() as u64);
            last = p.start;
            let mut d = TantivyDocument::default();
            d.add_text(doc_id, f.id.as_str());
            if args.title {
                d.add_text(title, first);
            }
            d.add_text(text, body);
            d.add_u64(line, line_no);
            writer.add_document(d)?;
            passages += 1;
        }
    }

    // # One commit, then wait for merges, as concord does.
    writer.commit()?;
    writer.wait_merging_threads()?;
    let secs = start.elapsed().as_secs_f64();
    let out = serde_json::json!({
        "sheets": files.len(),
        "bytes": bytes,
        "passages": passages,
        "wall_s": secs,
        "mb_per_s": bytes as f64 / 1e6 / secs,
    });
    println!("{out}");
    Ok(())
}

//! Extraction alone, no index (issue 7, measurement 1): read + decode + normalise +
//! dates + bodies + claims over every sheet of a corpus, on a fixed number of rayon
//! threads (2 by default, like `rg -j2`).
//!
//! In: a corpus directory. Out: one JSON line on standard output with the sheet and byte
//! counts, the mention counts, the wall time, and the CPU time spent in each stage
//! summed over threads (so the stage that limits extraction is visible without a
//! profiler). Sheets are streamed: each is dropped once extracted, so memory stays flat
//! however large the corpus.
//!
//! ```text
//! cargo run --release --example extract_only -- bench/out/corpus --threads 2
//! ```

use std::path::PathBuf;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Parser;
use concord::Document;
use concord::corpus::{self, Manifest};
use concord::extract::{Extraction, bodies, claims, dates, sentences};
use rayon::prelude::*;
use regex::Regex;

/// Command-line arguments.
#[derive(Debug, Parser)]
struct Args {
    /// Corpus directory.
    corpus: PathBuf,
    /// rayon threads.
    #[arg(long, default_value_t = 2)]
    threads: usize,
    /// Time each stage separately (adds a few clock reads per sheet).
    #[arg(long)]
    stages: bool,
    /// With `--stages`: also time the placeholder bodies pattern with ASCII word
    /// boundaries (a prototype of a fix to `src/extract/bodies.rs`; not part of the ratio).
    #[arg(long)]
    prototype: bool,
}

/// `src/extract/bodies.rs`'s NAME_ACRONYM with `(?-u:\b)` (ASCII boundary) in place of `\b`.
static NAME_ACRONYM_ASCII: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x)(?-u:\b)(?P<name>(?:[A-Z][A-Za-z-]+\ ){1,6}[A-Z][a-z]+)\ \((?P<acr>[A-Z][A-Za-z]{1,7})\)")
        .expect("NAME_ACRONYM_ASCII is a valid regex")
});

/// Nanoseconds of CPU time per stage, summed over threads.
#[derive(Default)]
struct Stages {
    read: AtomicU64,
    normalize: AtomicU64,
    dates: AtomicU64,
    sentences: AtomicU64,
    bodies: AtomicU64,
    claims: AtomicU64,
    bodies_ascii_prototype: AtomicU64,
    /// Sheets' summed difference in body counts between the prototype and the library.
    prototype_diff: AtomicU64,
}

fn lap(counter: &AtomicU64, since: &mut Instant) {
    let now = Instant::now();
    counter.fetch_add(u64::try_from((now - *since).as_nanos()).unwrap_or(u64::MAX), Ordering::Relaxed);
    *since = now;
}

/// Counts that prove the work was done (and keep the optimiser from dropping it).
#[derive(Default, Clone, Copy)]
struct Counts {
    sheets: u64,
    bytes: u64,
    dates: u64,
    bodies: u64,
    claims: u64,
    errors: u64,
}

impl Counts {
    fn add(self, o: Counts) -> Counts {
        Counts {
            sheets: self.sheets + o.sheets,
            bytes: self.bytes + o.bytes,
            dates: self.dates + o.dates,
            bodies: self.bodies + o.bodies,
            claims: self.claims + o.claims,
            errors: self.errors + o.errors,
        }
    }

    fn of(x: &Extraction, bytes: usize) -> Counts {
        Counts {
            sheets: 1,
            bytes: bytes as u64,
            dates: x.dates.len() as u64,
            bodies: x.bodies.len() as u64,
            claims: x.claims.len() as u64,
            errors: 0,
        }
    }
}

/// The stages of `concord::extract::extract`, timed one by one (same calls, same order).
fn extract_timed(f: &corpus::SheetFile, st: &Stages, prototype: bool) -> Result<Counts> {
    let mut t = Instant::now();
    let bytes = std::fs::read(&f.path).with_context(|| format!("cannot read {}", f.path.display()))?;
    let len = bytes.len();
    let text = corpus::decode(&f.path, bytes)?;
    lap(&st.read, &mut t);
    let doc = Document::from_text(f.id.as_str(), &text);
    lap(&st.normalize, &mut t);
    let d = dates::extract_dates(&doc, doc.stated_date);
    lap(&st.dates, &mut t);
    let s = sentences::sentences(doc.text());
    lap(&st.sentences, &mut t);
    let b = bodies::extract_bodies(&doc, &s);
    lap(&st.bodies, &mut t);
    let c = claims::extract_claims(&doc, &s, &d.mentions, &b);
    lap(&st.claims, &mut t);
    if prototype {
        let n = NAME_ACRONYM_ASCII.captures_iter(doc.text()).count();
        lap(&st.bodies_ascii_prototype, &mut t);
        st.prototype_diff.fetch_add(n.abs_diff(b.len()) as u64, Ordering::Relaxed);
    }
    let warnings = concord::extract::impossible_dates(&doc, &d.impossible);
    let x = Extraction {
        document_date: d.document_date,
        register: d.register,
        dates: d.mentions,
        bodies: b,
        claims: c,
        warnings,
    };
    Ok(Counts::of(&x, len))
}

fn main() -> Result<()> {
    let args = Args::parse();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.threads).build()?;
    let start = Instant::now();
    let manifest = Manifest::load(&args.corpus)?;
    let (files, scan_problems) = corpus::scan(&args.corpus)?;
    let scanned = start.elapsed();
    let st = Stages::default();
    let total = pool.install(|| {
        files
            .par_iter()
            .map(|f| {
                let r = if args.stages {
                    extract_timed(f, &st, args.prototype)
                } else {
                    // The product's own path, the one the index update runs: read (bounded),
                    // hash, decode, Document, extract.
                    concord::pipeline::ingest(f, &manifest, None)
                        .map(|x| Counts::of(&x.extraction, x.doc.original.len()))
                        .map_err(anyhow::Error::from)
                };
                r.unwrap_or(Counts { errors: 1, ..Counts::default() })
            })
            .reduce(Counts::default, Counts::add)
    });
    let secs = start.elapsed().as_secs_f64();
    let ms = |a: &AtomicU64| a.load(Ordering::Relaxed) as f64 / 1e6;
    let out = serde_json::json!({
        "sheets": total.sheets,
        "bytes": total.bytes,
        "dates": total.dates,
        "bodies": total.bodies,
        "claims": total.claims,
        "errors": total.errors,
        "scan_problems": scan_problems.len(),
        "threads": args.threads,
        "prototype_count_diff": st.prototype_diff.load(Ordering::Relaxed),
        "scan_s": scanned.as_secs_f64(),
        "wall_s": secs,
        "mb_per_s": total.bytes as f64 / 1e6 / secs,
        "cpu_ms": {
            "read": ms(&st.read),
            "normalize": ms(&st.normalize),
            "dates": ms(&st.dates),
            "sentences": ms(&st.sentences),
            "bodies": ms(&st.bodies),
            "claims": ms(&st.claims),
            "bodies_ascii_prototype": ms(&st.bodies_ascii_prototype),
        },
    });
    println!("{out}");
    Ok(())
}

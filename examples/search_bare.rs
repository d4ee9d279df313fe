//! Search latency in process (issue 7, measurement 4): the fixed query set run directly
//! through tantivy on concord's own index (`<index>/tantivy`), side by side with the same
//! queries through concord's library (`CorpusIndex::open` + `search`), snippets on.
//!
//! In: concord's index directory (already built and up to date) and a query file, one
//! query per line: `query<TAB>from<TAB>to<TAB>body names` (`-` for none; body names are
//! `|`-separated, every alias, as `concord search --body` resolves them). Out: one JSON
//! object with every latency sample in microseconds per engine and the hit counts, for
//! the benchmark script to summarise. Queries are interleaved (tantivy, concord, next
//! query) so both engines see the same machine load.
//!
//! The tantivy side builds the same boolean query concord builds (user query AND
//! `kind:passage`, AND a body term set, AND a year range) and makes the same 200-character
//! snippets; it does not over-fetch nor apply concord's exact day-level date filter.
//!
//! ```text
//! cargo run --release --example search_bare -- bench/out/index bench/queries.tsv --reps 20
//! ```

use std::num::NonZeroUsize;
use std::ops::Bound;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::Parser;
use concord::Date;
use concord::index::{CorpusIndex, SearchOptions};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery, TermSetQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, TantivyDocument, Term};

/// Command-line arguments.
#[derive(Debug, Parser)]
struct Args {
    /// concord's index directory (holds `tantivy/`).
    index: PathBuf,
    /// Query file (TSV: query, from, to, body names).
    queries: PathBuf,
    /// Timed passes over the query set (after one warm-up pass).
    #[arg(long, default_value_t = 20)]
    reps: usize,
    /// Hits per query.
    #[arg(long, default_value_t = 10)]
    limit: usize,
}

/// One line of the query file.
struct Spec {
    query: String,
    from: Option<Date>,
    to: Option<Date>,
    bodies: Vec<String>,
}

fn parse_specs(text: &str) -> Result<Vec<Spec>> {
    let field = |s: Option<&str>| s.map(str::trim).filter(|s| !s.is_empty() && *s != "-").map(str::to_string);
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let mut cols = line.split('\t');
        let query = field(cols.next()).context("empty query")?;
        let date = |s: Option<String>| s.map(|v| v.parse::<Date>()).transpose();
        let from = date(field(cols.next())).with_context(|| format!("bad --from in {line:?}"))?;
        let to = date(field(cols.next())).with_context(|| format!("bad --to in {line:?}"))?;
        let bodies = field(cols.next()).map(|b| b.split('|').map(str::to_lowercase).collect()).unwrap_or_default();
        out.push(Spec { query, from, to, bodies });
    }
    Ok(out)
}

/// The tantivy side: concord's index opened read-only, fields looked up once.
struct Bare {
    index: Index,
    reader: tantivy::IndexReader,
    kind: tantivy::schema::Field,
    doc: tantivy::schema::Field,
    text: tantivy::schema::Field,
    year: tantivy::schema::Field,
    body: tantivy::schema::Field,
}

impl Bare {
    fn open(dir: &std::path::Path) -> Result<Bare> {
        let index = Index::open_in_dir(dir.join("tantivy"))?;
        let schema = index.schema();
        let reader = index.reader()?;
        Ok(Bare {
            kind: schema.get_field("kind")?,
            doc: schema.get_field("doc")?,
            text: schema.get_field("text")?,
            year: schema.get_field("year")?,
            body: schema.get_field("body")?,
            index,
            reader,
        })
    }

    /// Runs one query with snippets; returns the number of hits.
    fn search(&self, spec: &Spec, limit: usize) -> Result<usize> {
        let searcher = self.reader.searcher();
        let mut parser = QueryParser::for_index(&self.index, vec![self.text]);
        parser.set_conjunction_by_default();
        let user = parser.parse_query(&spec.query)?;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, user.box_clone()),
            (
                Occur::Must,
                Box::new(TermQuery::new(Term::from_field_text(self.kind, "passage"), IndexRecordOption::Basic)),
            ),
        ];
        if !spec.bodies.is_empty() {
            let terms = spec.bodies.iter().map(|n| Term::from_field_text(self.body, n));
            clauses.push((Occur::Must, Box::new(TermSetQuery::new(terms))));
        }
        if spec.from.is_some() || spec.to.is_some() {
            let lo = spec
                .from
                .map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_i64(self.year, d.year().into())));
            let hi = spec.to.map_or(Bound::Unbounded, |d| {
                Bound::Included(Term::from_field_i64(self.year, d.end().map_or(d.year(), |e| e.year_value()).into()))
            });
            clauses.push((Occur::Must, Box::new(RangeQuery::new(lo, hi))));
        }
        let query = BooleanQuery::new(clauses);
        let top = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
        let mut snippets = SnippetGenerator::create(&searcher, &*user, self.text)?;
        snippets.set_max_num_chars(200);
        let mut n = 0;
        for (_score, addr) in top {
            let d: TantivyDocument = searcher.doc(addr)?;
            let id = d.get_first(self.doc).and_then(|v| v.as_str()).unwrap_or("");
            let snippet = snippets.snippet_from_doc(&d);
            n += usize::from(!id.is_empty() || !snippet.fragment().is_empty());
        }
        Ok(n)
    }
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

fn main() -> Result<()> {
    let args = Args::parse();
    let text =
        std::fs::read_to_string(&args.queries).with_context(|| format!("cannot read {}", args.queries.display()))?;
    let specs = parse_specs(&text)?;
    let limit = NonZeroUsize::new(args.limit).context("--limit must be at least 1")?;

    // # Open both: tantivy directly, and concord's library (which takes the index lock).
    let t0 = Instant::now();
    let bare = Bare::open(&args.index)?;
    let bare_open = t0.elapsed();
    let t0 = Instant::now();
    let (concord, rebuilt) = CorpusIndex::open(&args.index, Duration::from_secs(30))?;
    let concord_open = t0.elapsed();
    if let Some(why) = rebuilt {
        bail!("concord rebuilt the index ({why}); build it with the same concord first");
    }

    // # Run: one warm-up pass, then `reps` timed passes, interleaved per query.
    let mut bare_us: Vec<Vec<u64>> = vec![Vec::new(); specs.len()];
    let mut lib_us: Vec<Vec<u64>> = vec![Vec::new(); specs.len()];
    let mut hits = vec![(0usize, 0usize); specs.len()];
    for pass in 0..=args.reps {
        for (i, spec) in specs.iter().enumerate() {
            let t = Instant::now();
            let nb = bare.search(spec, args.limit)?;
            let tb = t.elapsed();
            let opts = SearchOptions {
                limit,
                doc_globs: Vec::new(),
                body_names: spec.bodies.clone(),
                from: spec.from,
                to: spec.to,
            };
            let t = Instant::now();
            let nc = concord.search(&spec.query, &opts)?.len();
            let tc = t.elapsed();
            if pass > 0 {
                if let Some(v) = bare_us.get_mut(i) {
                    v.push(micros(tb));
                }
                if let Some(v) = lib_us.get_mut(i) {
                    v.push(micros(tc));
                }
            }
            if let Some(h) = hits.get_mut(i) {
                *h = (nb, nc);
            }
        }
    }
    let out = serde_json::json!({
        "queries": specs.iter().map(|s| s.query.clone()).collect::<Vec<_>>(),
        "open_us": { "tantivy": micros(bare_open), "concord_lib": micros(concord_open) },
        "tantivy_us": bare_us,
        "concord_lib_us": lib_us,
        "hits": hits,
    });
    println!("{out}");
    Ok(())
}

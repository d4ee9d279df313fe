//! Search: the user's query over passages, with the sheet, body and date filters applied
//! before the top hits are taken (sheet and body as query clauses, dates as year terms in
//! the query and an exact check of each date's day interval while collecting), hits in a
//! stable order (score, then sheet and line, inside the top-k as well, so that the hits
//! that fill the limit never depend on the segment layout), and snippets.

use std::num::NonZeroUsize;
use std::ops::Bound;

use serde::Serialize;
use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue, SortByString};
use tantivy::collector::{FilterCollector, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery, TermSetQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Order, TantivyDocument, Term};

use super::CorpusIndex;
use super::schema::{DATES_FIELD, DOC_FIELD, KIND_PASSAGE, LINE_FIELD, unpack_interval};
use crate::corpus::DocId;
use crate::date::Date;
use crate::error::{Error, Result};

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

impl CorpusIndex {
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
        let user = parser.parse_query(query).map_err(|source| Error::Query { query: query.to_string(), source })?;
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
            // The year terms narrow the candidates through the inverted index; the exact
            // day intervals are checked below while collecting.
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
        // Equal scores are ordered by sheet id and first line while collecting: tantivy
        // alone breaks them by document address, which changes with every rebuild, so the
        // passages that fill the limit would too. Within a segment the id column's
        // ordinals follow the ids' order; across segments the ids themselves are compared.
        let top_docs = TopDocs::with_limit(opts.limit.get()).order_by((
            (SortBySimilarityScore, Order::Desc),
            (SortByString::for_field(DOC_FIELD), Order::Asc),
            (SortByStaticFastValue::<u64>::for_field(LINE_FIELD), Order::Asc),
        ));
        let top = if opts.from.is_some() || opts.to.is_some() {
            // A passage matches when one of its dates overlaps [from, to]: each date is one
            // packed interval, so the test pairs each date's own first and last day (two
            // separate multi-valued columns would pair one date's start with another's
            // end). The filter runs before the top-k, so a search returns `limit` hits
            // whenever that many passages match.
            let (from_day, to_day) = (opts.from.map(|d| d.days().0), opts.to.map(|d| d.days().1));
            let overlaps = move |v: u64| {
                let (lo, hi) = unpack_interval(v);
                from_day.is_none_or(|fd| hi >= fd) && to_day.is_none_or(|td| lo <= td)
            };
            searcher.search(&query, &FilterCollector::new(DATES_FIELD.to_string(), overlaps, top_docs))
        } else {
            searcher.search(&query, &top_docs)
        }
        .map_err(|e| Error::engine(&self.dir, e))?;
        let mut snippets =
            SnippetGenerator::create(&searcher, &*user, f.text).map_err(|e| Error::engine(&self.dir, e))?;
        snippets.set_max_num_chars(200);
        let mut hits = Vec::new();
        for ((score, _, _), addr) in top {
            let d: TantivyDocument = searcher.doc(addr).map_err(|e| Error::engine(&self.dir, e))?;
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
}

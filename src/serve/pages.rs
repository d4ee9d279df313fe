//! The pages and JSON endpoints. Each handler reads the fresh [`Ctx`] and returns a
//! [`Response`]; HTML is built as strings with every corpus value passed through
//! [`escape_html`] (attribute values too), JSON with `serde_json`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::num::NonZeroUsize;
use std::sync::Arc;

use serde_json::{Value, json};

use super::{Ctx, Request, Response, error_page, tally};
use crate::check::{Finding, FindingKind, TimelineEntry};
use crate::corpus::{DocId, SheetFile};
use crate::date::Date;
use crate::extract::Claim;
use crate::index::{Hit, SearchOptions};
use crate::report::Report;
use crate::report::chronology::{self, Links, Zoom};
use crate::report::html::escape_html;
use crate::report::snippet::{self, plural, url_component};

/// Most hits a search returns.
const MAX_HITS: usize = 200;
/// Rows of a chronology page; the rest of its window is on the next pages.
const PAGE_ROWS: usize = 100;
/// Sheets named on one chronology row (dissenters first); the rest are counted.
const ROW_SOURCES: usize = 8;

pub(super) fn route(ctx: &Ctx<'_>, req: &Request) -> Response {
    let path = req.path();
    let result = match path {
        "/" | "/search" => search_page(ctx, req),
        "/findings" => Ok(findings_page(ctx, req)),
        "/bodies" => Ok(bodies_page(ctx)),
        "/body" => body_page(ctx, req),
        "/sheets" => Ok(sheets_page(ctx)),
        "/sheet" => sheet_page(ctx, req),
        "/chronology" => chronology_page(ctx, req),
        "/api/search" => search_json(ctx, req),
        "/api/findings" => Ok(Response::json(200, &findings_json(ctx, req))),
        "/api/bodies" => Ok(Response::json(200, &bodies_json(ctx))),
        "/api/body" => body_json(ctx, req),
        "/api/sheet" => sheet_json(ctx, req),
        "/api/chronology" => chronology_json(ctx, req),
        _ => Err((404, format!("no page {path}"))),
    };
    result.unwrap_or_else(|(status, message)| error_page(path, status, &message))
}

type PageResult = Result<Response, (u16, String)>;

fn bad(message: impl Into<String>) -> (u16, String) {
    (400, message.into())
}

fn not_found(message: impl Into<String>) -> (u16, String) {
    (404, message.into())
}

/// `/sheet?doc=…#Lline`.
fn sheet_href(doc: &DocId, line: u32) -> String {
    format!("/sheet?doc={}#L{line}", url_component(doc.as_str()))
}

fn body_href(name: &str) -> String {
    format!("/body?name={}", url_component(name))
}

const STYLE: &str = "\
header.top{display:flex;gap:1.2rem;align-items:baseline;flex-wrap:wrap;border-bottom:1px solid var(--line);padding-bottom:.5rem;margin-bottom:1rem}
header.top b{font-size:1.15rem}nav a{margin-right:.9rem}nav a.on{font-weight:700;text-decoration:none;color:var(--fg)}
form.q{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:.5rem 0 1rem}
form.q label{display:flex;flex-direction:column;font-size:.8rem;color:var(--muted)}
input{font:inherit;padding:.3rem .4rem;border:1px solid var(--line);border-radius:4px;background:var(--bg);color:var(--fg)}
input[name=q]{width:24rem}
ol.hits{padding-left:1.4rem}ol.hits li{margin:.5rem 0}ol.hits p{margin:.1rem 0}
.pos{font-family:ui-monospace,monospace;font-size:.85rem}
article.finding{border-left:4px solid var(--muted);padding:.2rem 0 .2rem 1rem;margin:1rem 0}
article.finding.conflict{border-color:var(--dissent)}article.finding.review{border-color:#b8860b}
article.finding:target{outline:2px solid var(--link);outline-offset:4px}
.tally{margin:.2rem 0;padding:0;list-style:none}.tally li{display:inline-block;margin-right:1rem}
.tally .few{color:var(--dissent);font-weight:600}
.status{font-size:.8rem;padding:.05rem .35rem;border-radius:3px;border:1px solid var(--line)}
.status.new{background:var(--dissent);color:#fff;border-color:var(--dissent)}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border-top:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
.sheet{font:13px/1.55 ui-monospace,SFMono-Regular,Menlo,monospace;border:1px solid var(--line);border-radius:4px;overflow-x:auto}
.sheet .l{display:flex;white-space:pre-wrap;word-break:break-word}
.sheet .l:target{background:var(--mark)}
.sheet .n{flex:0 0 3.5rem;text-align:right;padding-right:.8rem;color:var(--muted);user-select:none;text-decoration:none}
.sheet .t{flex:1}
.hl-d{background:rgba(21,101,192,.15);border-bottom:2px solid var(--agree)}
.hl-c{background:rgba(198,40,40,.12);border-bottom:2px solid var(--dissent)}
.hl-b{border-bottom:2px dotted var(--muted);color:inherit;text-decoration:none}
.legend span{margin-right:1rem}
.error{color:var(--dissent)}
.zoom a{margin-right:.5rem}.zoom a.on{font-weight:700;color:var(--fg);text-decoration:none}
";

/// The page frame: navigation, shared styles, the script (only used by the search page).
pub(super) fn layout(title: &str, active: &str, main: &str) -> String {
    let mut out = String::with_capacity(main.len() + 6000);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = write!(out, "<title>{} · concord</title>\n<style>\n", escape_html(title));
    out.push_str(chronology::BASE_STYLE);
    out.push_str(chronology::STYLE);
    out.push_str(STYLE);
    out.push_str(
        "</style>\n<script src=\"/app.js\" defer></script>\n</head>\n<body>\n<header class=\"top\"><b>concord</b><nav>",
    );
    for (href, name) in [
        ("/", "Search"),
        ("/findings", "Findings"),
        ("/bodies", "Bodies"),
        ("/sheets", "Sheets"),
        ("/chronology", "Chronology"),
    ] {
        let on = if name == active { " class=\"on\"" } else { "" };
        let _ = write!(out, "<a href=\"{href}\"{on}>{name}</a>");
    }
    out.push_str("</nav></header>\n<main>\n");
    out.push_str(main);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn problems_note(ctx: &Ctx<'_>, out: &mut String) {
    if !ctx.problems.is_empty() {
        let _ = write!(
            out,
            "<details class=\"error\"><summary>{} left out</summary><ul>",
            plural(ctx.problems.len(), "sheet")
        );
        for p in ctx.problems {
            let _ = write!(out, "<li>{}</li>", escape_html(&p.to_string()));
        }
        out.push_str("</ul></details>");
    }
}

// ---------------------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------------------

/// The search's inputs, as given.
struct SearchInput {
    q: String,
    body: Option<String>,
    from: Option<String>,
    to: Option<String>,
    sheet: Option<String>,
    limit: usize,
}

impl SearchInput {
    fn of(req: &Request) -> SearchInput {
        SearchInput {
            q: req.param("q").unwrap_or_default(),
            body: req.nonblank("body"),
            from: req.nonblank("from"),
            to: req.nonblank("to"),
            sheet: req.nonblank("sheet"),
            limit: req.nonblank("limit").and_then(|l| l.parse().ok()).unwrap_or(20).clamp(1, MAX_HITS),
        }
    }
}

/// Runs the search; `Ok(None)` for an empty query.
fn run_search(ctx: &Ctx<'_>, input: &SearchInput) -> Result<Option<Vec<Hit>>, (u16, String)> {
    if input.q.trim().is_empty() {
        return Ok(None);
    }
    let registry = &ctx.registry;
    let body_names = match &input.body {
        Some(name) => match registry.body(name) {
            Some(_) => registry.names_of(name).iter().map(|n| n.to_lowercase()).collect(),
            None => vec![name.to_lowercase()],
        },
        None => Vec::new(),
    };
    let date = |name: &str, v: &Option<String>| -> Result<Option<Date>, (u16, String)> {
        v.as_deref().map(|v| v.parse::<Date>().map_err(|e| bad(format!("invalid {name} date {v:?}: {e}")))).transpose()
    };
    let (from, to) = (date("from", &input.from)?, date("to", &input.to)?);
    if let (Some(f), Some(t)) = (from, to)
        && f.days().0 > t.days().1
    {
        return Err(bad(format!("the range is inverted: {f} is after {t}")));
    }
    let opts = SearchOptions {
        limit: NonZeroUsize::new(input.limit).unwrap_or(NonZeroUsize::MIN),
        doc_globs: input.sheet.iter().cloned().collect(),
        body_names,
        from,
        to,
    };
    ctx.session.index.search(&input.q, &opts).map(Some).map_err(|e| bad(e.full_message()))
}

/// The snippet cut into plain and highlighted parts (byte ranges that fall off char
/// boundaries are dropped rather than trusted).
fn snippet_parts(hit: &Hit) -> Vec<(&str, bool)> {
    let s = hit.snippet.as_str();
    let mut parts = Vec::new();
    let mut at = 0;
    for r in &hit.highlights {
        let (Some(before), Some(mark)) = (s.get(at..r.start), s.get(r.start..r.end)) else { continue };
        if r.start < at {
            continue;
        }
        parts.push((before, false));
        parts.push((mark, true));
        at = r.end;
    }
    parts.push((s.get(at..).unwrap_or(""), false));
    parts.retain(|(t, _)| !t.is_empty());
    parts
}

fn hits_html(hits: &[Hit], out: &mut String) {
    for h in hits {
        let _ = write!(
            out,
            "<li><a class=\"pos\" href=\"{}\">{}:{}</a> <span class=\"muted\">{}</span><p>",
            escape_html(&sheet_href(&h.doc, h.line)),
            escape_html(h.doc.as_str()),
            h.line,
            escape_html(&h.title)
        );
        for (text, marked) in snippet_parts(h) {
            let text = escape_html(&snippet::clean(text));
            if marked {
                let _ = write!(out, "<mark>{text}</mark>");
            } else {
                out.push_str(&text);
            }
        }
        out.push_str("</p></li>\n");
    }
}

fn search_page(ctx: &Ctx<'_>, req: &Request) -> PageResult {
    let input = SearchInput::of(req);
    let mut main = String::new();
    main.push_str("<h1>Search</h1>\n");
    let value = |v: &Option<String>| escape_html(v.as_deref().unwrap_or(""));
    let _ = write!(
        main,
        "<form class=\"q\" id=\"search\" action=\"/\" method=\"get\" role=\"search\">\
<label>Words or \"a phrase\"<input name=\"q\" value=\"{}\" autofocus autocomplete=\"off\" placeholder=\"council established\"></label>\
<label>Body (any alias)<input name=\"body\" value=\"{}\" list=\"bodies\"></label>\
<label>From<input name=\"from\" value=\"{}\" placeholder=\"1997\" size=\"10\"></label>\
<label>To<input name=\"to\" value=\"{}\" placeholder=\"1999-05\" size=\"10\"></label>\
<label>Sheet (glob)<input name=\"sheet\" value=\"{}\" size=\"14\"></label>\
<button type=\"submit\">Search</button></form>",
        escape_html(&input.q),
        value(&input.body),
        value(&input.from),
        value(&input.to),
        value(&input.sheet)
    );
    // Suggestions for the filters (bounded: a large corpus would make the page heavy).
    main.push_str("<datalist id=\"bodies\">");
    for b in ctx.registry.bodies().iter().take(500) {
        let _ = write!(main, "<option value=\"{}\">", escape_html(&b.canonical));
    }
    main.push_str("</datalist>\n");
    match run_search(ctx, &input) {
        Ok(None) => {
            main.push_str("<p id=\"status\" class=\"muted\">Type to search the passages of every sheet.</p><ol id=\"results\" class=\"hits\"></ol>\n");
        }
        Ok(Some(hits)) => {
            let _ = write!(
                main,
                "<p id=\"status\" class=\"muted\">{}</p><ol id=\"results\" class=\"hits\">",
                plural(hits.len(), "passage")
            );
            hits_html(&hits, &mut main);
            main.push_str("</ol>\n");
        }
        Err((_, message)) => {
            let _ = write!(
                main,
                "<p id=\"status\" class=\"error\">{}</p><ol id=\"results\" class=\"hits\"></ol>",
                escape_html(&message)
            );
        }
    }
    problems_note(ctx, &mut main);
    Ok(Response::html(200, layout("Search", "Search", &main)))
}

fn search_json(ctx: &Ctx<'_>, req: &Request) -> PageResult {
    let input = SearchInput::of(req);
    let hits = run_search(ctx, &input)?.unwrap_or_default();
    let hits: Vec<Value> = hits
        .iter()
        .map(|h| {
            json!({
                "doc": h.doc.as_str(),
                "line": h.line,
                "title": h.title,
                "score": h.score,
                "href": sheet_href(&h.doc, h.line),
                "parts": snippet_parts(h).iter().map(|(t, m)| json!({"text": snippet::clean(t), "mark": m})).collect::<Vec<_>>(),
            })
        })
        .collect();
    Ok(Response::json(200, &json!({ "query": input.q, "hits": hits })))
}

// ---------------------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------------------

/// The baseline in force: `check.baseline` of the configuration, else
/// `concord-baseline.json`, as `concord check` finds it.
fn baseline(ctx: &Ctx<'_>) -> Result<crate::baseline::Baseline, String> {
    crate::baseline::Baseline::load_or_empty(&baseline_path(ctx.session, ctx.opts)).map_err(|e| e.full_message())
}

/// Where the baseline in force is (it may not exist).
pub(super) fn baseline_path(session: &crate::pipeline::Session, opts: &crate::pipeline::Options) -> std::path::PathBuf {
    let config_dir =
        opts.config.as_deref().and_then(|p| p.parent()).map(std::path::Path::to_path_buf).unwrap_or_default();
    session
        .config
        .check
        .baseline
        .as_ref()
        .map(|b| config_dir.join(b))
        .unwrap_or_else(|| std::path::PathBuf::from("concord-baseline.json"))
}

/// The tally's key of a claim: its figures for a figures finding, else its date.
fn values_tally(f: &Finding) -> Vec<(String, Vec<(String, u32)>)> {
    if f.kind != FindingKind::Figures {
        return tally(f);
    }
    let mut by_value: BTreeMap<String, Vec<(String, u32)>> = BTreeMap::new();
    for c in &f.claims {
        let v = c.figures.iter().map(|x| format!("{} {}", x.value, x.noun)).collect::<Vec<_>>().join(", ");
        by_value.entry(v).or_default().push((c.doc.as_str().to_string(), c.line));
    }
    let mut out: Vec<_> = by_value.into_iter().collect();
    out.sort_by(|a, b| a.1.len().cmp(&b.1.len()).then_with(|| a.0.cmp(&b.0)));
    out
}

/// Findings shown per page: a generated corpus can have thousands.
const FINDINGS_PER_PAGE: usize = 100;
/// Quotes shown per finding: an event restated by thousands of sheets is one finding with
/// thousands of claims. The tally still counts them all; the rest are counted as "N more".
pub(super) const QUOTES_PER_FINDING: usize = 50;
/// Values shown in a finding's tally, and sheets named per value; the rest are counted.
pub(super) const TALLY_ROWS: usize = 50;

/// The findings a request asks for: one by `id`, else a page of them (`page`, from 1),
/// with the total matched.
fn findings_of<'r>(report: &'r Report, req: &Request) -> (Vec<&'r Finding>, usize, usize) {
    if let Some(id) = req.nonblank("id") {
        let n = report.findings.iter().filter(|f| f.id == id).count();
        let one: Vec<&Finding> = report.findings.iter().filter(|f| f.id == id).take(FINDINGS_PER_PAGE).collect();
        return (one, n, 1);
    }
    let page = req.nonblank("page").and_then(|p| p.parse::<usize>().ok()).unwrap_or(1).max(1);
    let list = report.findings.iter().skip((page - 1).saturating_mul(FINDINGS_PER_PAGE)).take(FINDINGS_PER_PAGE);
    (list.collect(), report.findings.len(), page)
}

/// "1 more quote", "3 more quotes".
fn more(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 more {noun}") } else { format!("{n} more {noun}s") }
}

/// The link to one finding, wherever its page is.
pub(super) fn finding_href(id: &str) -> String {
    format!("/findings?id={}#{}", url_component(id), url_component(id))
}

fn findings_page(ctx: &Ctx<'_>, req: &Request) -> Response {
    let report = &ctx.d().report;
    let mut main = String::from("<h1>Findings</h1>\n");
    let _ = writeln!(main, "<p class=\"summary\">{}.</p>", escape_html(&snippet::summary_line(&report.summary)));
    let base = baseline(ctx);
    if let Err(e) = &base {
        let _ = writeln!(main, "<p class=\"error\">baseline: {}</p>", escape_html(e));
    }
    if report.findings.is_empty() {
        main.push_str("<p>The sheets agree on every event compared.</p>");
    }
    let (shown, total, page) = findings_of(report, req);
    if req.nonblank("id").is_some() {
        main.push_str("<p><a href=\"/findings\">All findings</a></p>");
    } else if total > FINDINGS_PER_PAGE {
        let first = (page - 1) * FINDINGS_PER_PAGE;
        let _ = write!(main, "<p class=\"muted\">Findings {}–{} of {total}. ", first + 1, first + shown.len());
        if page > 1 {
            let _ = write!(main, "<a href=\"/findings?page={}\">previous</a> ", page - 1);
        }
        if first + shown.len() < total {
            let _ = write!(main, "<a href=\"/findings?page={}\">next</a>", page + 1);
        }
        main.push_str("</p>");
    }
    for f in shown {
        let _ = write!(
            main,
            "<article class=\"finding {}\" id=\"{}\"><h3><span class=\"badge {}\">{}</span> {} <span class=\"muted pos\">{}</span> ",
            f.severity,
            escape_html(&f.id),
            f.severity,
            f.severity,
            snippet::finding_headline(f, escape_html),
            escape_html(&f.id)
        );
        match base.as_ref().ok().and_then(|b| b.get(&f.id)) {
            Some(entry) => {
                let _ = write!(
                    main,
                    "<span class=\"status known\" title=\"{}\">known</span></h3><p class=\"muted\">Accepted in the baseline: {}</p>",
                    escape_html(&entry.reason),
                    escape_html(&entry.reason)
                );
            }
            None => main.push_str("<span class=\"status new\">new</span></h3>"),
        }
        let _ = write!(main, "<p>{}</p>", escape_html(&f.reason));
        main.push_str("<ul class=\"tally\">");
        let groups = values_tally(f);
        let most = groups.iter().map(|g| g.1.len()).max().unwrap_or(0);
        for (value, sheets) in groups.iter().take(TALLY_ROWS) {
            let few = if sheets.len() < most || groups.len() == 1 { " class=\"few\"" } else { "" };
            let _ = write!(main, "<li{few}>{}: {}", escape_html(value), plural(sheets.len(), "sheet"));
            if sheets.len() <= 3 {
                let list: Vec<String> = sheets.iter().map(|(d, l)| format!("{d}:{l}")).collect();
                let _ = write!(main, " <span class=\"muted\">({})</span>", escape_html(&list.join(", ")));
            }
            main.push_str("</li>");
        }
        if groups.len() > TALLY_ROWS {
            let _ = write!(main, "<li class=\"muted\">{}</li>", more(groups.len() - TALLY_ROWS, "value"));
        }
        main.push_str("</ul>\n<table><thead><tr><th>Sheet:line</th><th>Date</th><th>Quote</th></tr></thead><tbody>");
        for c in f.claims.iter().take(QUOTES_PER_FINDING) {
            quote_row(c, &mut main);
        }
        main.push_str("</tbody></table>");
        if f.claims.len() > QUOTES_PER_FINDING {
            let _ = write!(
                main,
                "<p class=\"muted\">{}; the tally counts them all.</p>",
                more(f.claims.len() - QUOTES_PER_FINDING, "quote")
            );
        }
        main.push_str("</article>\n");
    }
    Response::html(200, layout("Findings", "Findings", &main))
}

fn quote_row(c: &Claim, out: &mut String) {
    let s = snippet::snippet(&c.quote, c.quote_date, Some(160));
    let _ = write!(
        out,
        "<tr><td class=\"pos\"><a class=\"quote\" href=\"{}\">{}:{}</a></td><td class=\"pos\">{} <small class=\"muted\">({}{})</small></td><td>{}{}<mark>{}</mark>{}{}</td></tr>",
        escape_html(&sheet_href(&c.doc, c.line)),
        escape_html(c.doc.as_str()),
        c.line,
        escape_html(&c.date.to_string()),
        c.date.precision(),
        if c.inferred { ", inferred" } else { "" },
        if s.cut_start { "…" } else { "" },
        escape_html(&snippet::clean(s.before)),
        escape_html(&snippet::clean(s.mark)),
        escape_html(&snippet::clean(s.after)),
        if s.cut_end { "…" } else { "" },
    );
}

fn claim_json(c: &Claim) -> Value {
    json!({
        "doc": c.doc.as_str(),
        "line": c.line,
        "column": c.column,
        "href": sheet_href(&c.doc, c.line),
        "subject": c.subject,
        "event": c.event.as_str(),
        "date": c.date.to_string(),
        "precision": c.date.precision().as_str(),
        "inferred": c.inferred,
        "date_text": c.date_text,
        "quote": c.quote,
    })
}

fn findings_json(ctx: &Ctx<'_>, req: &Request) -> Value {
    let (shown, total, page) = findings_of(&ctx.d().report, req);
    let base = baseline(ctx).ok();
    let findings: Vec<Value> = shown
        .iter()
        .map(|f| {
            let known = base.as_ref().and_then(|b| b.get(&f.id));
            let tally = values_tally(f);
            json!({
                "id": f.id,
                "severity": f.severity.as_str(),
                "kind": f.kind.as_str(),
                "subject": f.subject,
                "event": f.event,
                "values": f.values,
                "reason": f.reason,
                "status": if known.is_some() { "known" } else { "new" },
                "baseline_reason": known.map(|k| k.reason.clone()),
                "tally": tally.iter().take(TALLY_ROWS).map(|(v, s)| json!({"value": v, "sheets": s.len(),
                    "at": s.iter().take(TALLY_ROWS).map(|(d, l)| format!("{d}:{l}")).collect::<Vec<_>>()})).collect::<Vec<_>>(),
                "tally_total": tally.len(),
                "claims": f.claims.iter().take(QUOTES_PER_FINDING).map(|c| claim_json(c)).collect::<Vec<_>>(),
                "claims_total": f.claims.len(),
            })
        })
        .collect();
    json!({ "summary": ctx.d().report.summary, "total": total, "page": page, "per_page": FINDINGS_PER_PAGE,
        "quotes_per_finding": QUOTES_PER_FINDING, "tally_rows": TALLY_ROWS, "findings": findings })
}

// ---------------------------------------------------------------------------------------
// Bodies
// ---------------------------------------------------------------------------------------

/// Mentions of the body `canonical` per sheet, from the sheets' name counts: the most
/// mentions first, then in sheet order.
pub(super) fn mentions_per_sheet(ctx: &Ctx<'_>, canonical: &str) -> Vec<(DocId, u64)> {
    let registry = &ctx.registry;
    let mut out = Vec::new();
    for s in &ctx.d().view.sheets {
        let n: u64 =
            s.names.iter().filter(|n| registry.canonical(&n.name) == Some(canonical)).map(|n| u64::from(n.count)).sum();
        if n > 0 {
            out.push((s.id.clone(), n));
        }
    }
    // Stable: equal counts stay in sheet order.
    out.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    out
}

fn bodies_page(ctx: &Ctx<'_>) -> Response {
    let bodies = ctx.registry.bodies();
    let mut main =
        format!("<h1>Bodies</h1>\n<p class=\"summary\">{} named in the corpus.</p>\n", plural(bodies.len(), "body"));
    main.push_str("<table><thead><tr><th>Body</th><th>Type</th><th>Aliases</th><th>Mentions</th></tr></thead><tbody>");
    for b in bodies {
        let _ = write!(
            main,
            "<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape_html(&body_href(&b.canonical)),
            escape_html(&b.canonical),
            b.kind.as_str(),
            escape_html(&b.aliases.join(", ")),
            b.mentions
        );
    }
    main.push_str("</tbody></table>");
    Response::html(200, layout("Bodies", "Bodies", &main))
}

fn bodies_json(ctx: &Ctx<'_>) -> Value {
    let bodies: Vec<Value> = ctx
        .registry
        .bodies()
        .iter()
        .map(|b| json!({"canonical": b.canonical, "aliases": b.aliases, "kind": b.kind.as_str(), "mentions": b.mentions, "href": body_href(&b.canonical)}))
        .collect();
    json!({ "bodies": bodies })
}

/// The claims about `canonical` (as `concord timeline BODY` picks them) and their report.
pub(super) fn body_report(ctx: &Ctx<'_>, canonical: &str) -> Report {
    let wanted = canonical.to_lowercase();
    let claims: Vec<_> = ctx
        .d()
        .view
        .claims
        .iter()
        .filter(|c| {
            let s = c.subject.to_lowercase();
            s == wanted || s.contains(&wanted)
        })
        .cloned()
        .collect();
    crate::pipeline::report_of(&claims, ctx.d().view.sheets.len(), Vec::new())
}

fn find_body<'c>(ctx: &'c Ctx<'_>, req: &Request) -> Result<&'c crate::extract::bodies::Body, (u16, String)> {
    let name = req.nonblank("name").ok_or_else(|| bad("which body? give ?name=NAME (any alias)"))?;
    ctx.registry.body(&name).ok_or_else(|| not_found(format!("no body named {name:?} is known")))
}

/// Which events a chronology shows: those whose best-supported date starts in a window
/// of years (a decade, or a year at year or month zoom; no window at `fit`), a page of
/// [`PAGE_ROWS`] at a time. Query: `zoom=fit|decade|year|month`, `at=YEAR` (any year of
/// the window; the first event's when absent), `page=N` (from 1).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Window {
    zoom: Zoom,
    /// First and last year of the window; `None`: every event.
    years: Option<(i32, i32)>,
    /// 1-based page of the window's rows.
    page: usize,
}

impl Window {
    fn of(req: &Request, entries: &[TimelineEntry]) -> Result<Window, (u16, String)> {
        let zoom = match req.nonblank("zoom") {
            None => Zoom::Fit(900.0),
            Some(z) => {
                Zoom::parse(&z).ok_or_else(|| bad(format!("zoom must be fit, decade, year or month, not {z:?}")))?
            }
        };
        let at = match req.nonblank("at") {
            None => None,
            Some(a) => Some(
                a.trim_end_matches('s')
                    .parse::<i32>()
                    .map_err(|_| bad(format!("at must be a year, such as 1970, not {a:?}")))?,
            ),
        };
        let page = match req.nonblank("page") {
            None => 1,
            Some(p) => p
                .parse::<usize>()
                .ok()
                .filter(|p| *p >= 1)
                .ok_or_else(|| bad(format!("page must be 1 or more, not {p:?}")))?,
        };
        let at = at.or_else(|| entries.first().map(|e| e.date.year()));
        let years = match (zoom, at) {
            (Zoom::Fit(_), _) | (_, None) => None,
            (Zoom::Decade, Some(y)) => Some((y.div_euclid(10) * 10, y.div_euclid(10) * 10 + 9)),
            (_, Some(y)) => Some((y, y)),
        };
        Ok(Window { zoom, years, page })
    }

    fn zoom_name(&self) -> &'static str {
        match self.zoom {
            Zoom::Fit(_) => "fit",
            Zoom::Decade => "decade",
            Zoom::Year => "year",
            Zoom::Month => "month",
        }
    }

    fn holds(&self, e: &TimelineEntry) -> bool {
        self.years.is_none_or(|(a, b)| (a..=b).contains(&e.date.year()))
    }

    /// The query of this window at `page` (with a leading `&`).
    fn query(&self, zoom: &str, at: Option<i32>, page: usize) -> String {
        let mut q = format!("&zoom={zoom}");
        if let Some(y) = at {
            let _ = write!(q, "&at={y}");
        }
        if page > 1 {
            let _ = write!(q, "&page={page}");
        }
        q
    }
}

/// Rows of the body page's table of mentions per sheet (and of `/api/body`'s `sheets`);
/// the other sheets are on the next pages (`sheets_page=N`).
const SHEETS_PER_PAGE: usize = 100;

/// A page of a body's sheets, its number and the number of pages.
type SheetsPage<'d> = (&'d [(DocId, u64)], usize, usize);

/// The page of a body's sheets a request asks for (`sheets_page`, from 1), with the
/// number of pages.
fn sheets_window<'d>(req: &Request, per_sheet: &'d [(DocId, u64)]) -> Result<SheetsPage<'d>, (u16, String)> {
    let page = match req.nonblank("sheets_page") {
        None => 1,
        Some(p) => p
            .parse::<usize>()
            .ok()
            .filter(|p| *p >= 1)
            .ok_or_else(|| bad(format!("sheets_page must be 1 or more, not {p:?}")))?,
    };
    let pages = per_sheet.len().div_ceil(SHEETS_PER_PAGE).max(1);
    let from = (page - 1).saturating_mul(SHEETS_PER_PAGE).min(per_sheet.len());
    let to = from.saturating_add(SHEETS_PER_PAGE).min(per_sheet.len());
    Ok((per_sheet.get(from..to).unwrap_or(&[]), page, pages))
}

/// The parameters `names` of `req` that it gives, each as `&name=value`, in that order.
fn kept_params(req: &Request, names: &[&str]) -> String {
    let mut out = String::new();
    for name in names {
        if let Some(v) = req.nonblank(name) {
            let _ = write!(out, "&{name}={}", url_component(&v));
        }
    }
    out
}

fn body_page(ctx: &Ctx<'_>, req: &Request) -> PageResult {
    let body = find_body(ctx, req)?;
    let data = ctx.body(&body.canonical);
    let window = Window::of(req, &data.report.timeline)?;
    let (sheets, sheets_page, sheets_pages) = sheets_window(req, &data.per_sheet)?;
    let mut main = format!("<h1>{}</h1>\n", escape_html(&body.canonical));
    let _ = writeln!(
        main,
        "<p class=\"summary\">{} · {} · aliases: {}</p>",
        body.kind.as_str(),
        plural(body.mentions, "mention"),
        if body.aliases.is_empty() { "none".to_string() } else { escape_html(&body.aliases.join(", ")) }
    );
    let search =
        format!("/?q={}&body={}", url_component(&body.canonical.replace('"', " ")), url_component(&body.canonical));
    let _ = write!(main, "<p><a href=\"{}\">Search its passages</a></p>", escape_html(&search));
    let base = format!("/body?name={}", url_component(&body.canonical));
    main.push_str("<h2 id=\"sheets\">Mentions per sheet</h2>");
    // The two pagers keep each other's place: the sheets' links carry the chronology's
    // window, the chronology's links carry the sheets' page.
    let sheets_base = format!("{base}{}", kept_params(req, &["zoom", "at", "page"]));
    let chronology_base = format!("{base}{}", kept_params(req, &["sheets_page"]));
    let total = data.per_sheet.len();
    let first = (sheets_page - 1) * SHEETS_PER_PAGE;
    let _ = write!(main, "<p class=\"summary\">Named in {}", plural(total, "sheet"));
    if total > SHEETS_PER_PAGE && !sheets.is_empty() {
        let _ = write!(main, "; the most mentions first, showing {}–{}", first + 1, first + sheets.len());
    }
    main.push_str(".</p>\n<table><thead><tr><th>Sheet</th><th>Mentions</th></tr></thead><tbody>");
    for (doc, n) in sheets {
        let _ = write!(
            main,
            "<tr><td><a href=\"/sheet?doc={}\">{}</a></td><td>{n}</td></tr>",
            url_component(doc.as_str()),
            escape_html(doc.as_str())
        );
    }
    main.push_str("</tbody></table>\n");
    if sheets_pages > 1 {
        let link = |p: usize| escape_html(&format!("{sheets_base}&sheets_page={p}#sheets"));
        main.push_str("<p class=\"zoom pages\">");
        if sheets_page > 1 {
            let _ = write!(main, "<a rel=\"prev\" href=\"{}\">← previous sheets</a>", link(sheets_page - 1));
        }
        let after = total.saturating_sub(first + sheets.len());
        if after > 0 {
            let _ = write!(
                main,
                "<a rel=\"next\" href=\"{}\">next sheets →</a> {} more; or <a href=\"{}\">search its passages</a>",
                link(sheets_page + 1),
                plural(after, "sheet"),
                escape_html(&search)
            );
        }
        main.push_str("</p>\n");
    }
    main.push_str("<h2>Chronology</h2>\n");
    windowed_axis(&data.report, &window, &chronology_base, &mut main);
    Ok(Response::html(200, layout(&body.canonical, "Bodies", &main)))
}

fn body_json(ctx: &Ctx<'_>, req: &Request) -> PageResult {
    let body = find_body(ctx, req)?;
    let data = ctx.body(&body.canonical);
    let window = Window::of(req, &data.report.timeline)?;
    let (sheets, sheets_page, sheets_pages) = sheets_window(req, &data.per_sheet)?;
    let per_sheet: Vec<Value> = sheets.iter().map(|(d, n)| json!({"doc": d.as_str(), "mentions": n})).collect();
    Ok(Response::json(
        200,
        &json!({
            "canonical": body.canonical,
            "aliases": body.aliases,
            "kind": body.kind.as_str(),
            "mentions": body.mentions,
            "sheets": per_sheet,
            "sheets_total": data.per_sheet.len(),
            "sheets_page": sheets_page,
            "sheets_pages": sheets_pages,
            "sheets_per_page": SHEETS_PER_PAGE,
            "chronology": window_json(&data.report, &window, rows_per_page(req)?),
        }),
    ))
}

// ---------------------------------------------------------------------------------------
// Chronology
// ---------------------------------------------------------------------------------------

/// The chronology of `report` in `window`: the zoom links, the periods around it with
/// their counts, the page links, and the rows of this page. Its size does not grow with
/// the corpus: at most [`PAGE_ROWS`] rows of at most [`ROW_SOURCES`] sheet labels and
/// 2 × [`ROW_SOURCES`] marks each, and one link per decade, year or page.
fn windowed_axis(report: &Report, window: &Window, base: &str, out: &mut String) {
    let all: Vec<&TimelineEntry> = report.timeline.iter().collect();
    let sep = if base.contains('?') { "&amp;" } else { "?" };
    let link = |q: &str| format!("{}{sep}{}", escape_html(base), escape_html(q.trim_start_matches('&')));
    let at = window.years.map(|(a, _)| a);
    // Zoom: the same place at another scale.
    out.push_str("<p class=\"zoom\">Zoom: ");
    for name in ["fit", "decade", "year", "month"] {
        let on = if name == window.zoom_name() { " class=\"on\"" } else { "" };
        let _ = write!(out, "<a{on} href=\"{}\">{name}</a>", link(&window.query(name, at, 1)));
    }
    out.push_str("</p>\n");
    // Periods with their counts: every decade at fit; the decades around and the years of
    // this decade at decade zoom; the years of its decade at year or month zoom.
    let mut decades: BTreeMap<i32, usize> = BTreeMap::new();
    let mut years: BTreeMap<i32, usize> = BTreeMap::new();
    let decade_of = |y: i32| y.div_euclid(10) * 10;
    for e in &all {
        *decades.entry(decade_of(e.date.year())).or_default() += 1;
        if window.years.is_some_and(|(a, _)| decade_of(e.date.year()) == decade_of(a)) {
            *years.entry(e.date.year()).or_default() += 1;
        }
    }
    if !decades.is_empty() {
        out.push_str("<p class=\"zoom\">Decades: ");
        for (d, n) in &decades {
            let on = if window.zoom == Zoom::Decade && at == Some(*d) { " class=\"on\"" } else { "" };
            let _ = write!(out, "<a{on} href=\"{}\">{d}s</a> ({n}) ", link(&window.query("decade", Some(*d), 1)));
        }
        out.push_str("</p>\n");
    }
    if !years.is_empty() {
        let (zoom, name) = if window.zoom == Zoom::Month { ("month", "month") } else { ("year", "year") };
        let _ = write!(out, "<p class=\"zoom\">Years (by {name}): ");
        for (y, n) in &years {
            let on =
                if matches!(window.zoom, Zoom::Year | Zoom::Month) && at == Some(*y) { " class=\"on\"" } else { "" };
            let _ = write!(out, "<a{on} href=\"{}\">{y}</a> ({n}) ", link(&window.query(zoom, Some(*y), 1)));
        }
        out.push_str("</p>\n");
    }
    let shown: Vec<&TimelineEntry> = all.iter().copied().filter(|e| window.holds(e)).collect();
    let pages = shown.len().div_ceil(PAGE_ROWS).max(1);
    let page = window.page.min(pages);
    let from = (page - 1) * PAGE_ROWS;
    let rows: Vec<&TimelineEntry> = shown.iter().copied().skip(from).take(PAGE_ROWS).collect();
    let span = match window.years {
        None => "in all".to_string(),
        Some((a, b)) if a == b => format!("in {a}"),
        Some((a, _)) => format!("in the {a}s"),
    };
    let _ = write!(
        out,
        "<p class=\"summary\">{} {span} (by the start of the best-supported date)",
        plural(shown.len(), "event")
    );
    if !rows.is_empty() {
        let _ = write!(out, "; showing {}–{}", from + 1, from + rows.len());
    }
    out.push_str(".</p>\n");
    let page_links = |out: &mut String| {
        if pages <= 1 {
            return;
        }
        out.push_str("<p class=\"zoom pages\">Pages: ");
        if page > 1 {
            let _ = write!(
                out,
                "<a rel=\"prev\" href=\"{}\">← previous</a>",
                link(&window.query(window.zoom_name(), at, page - 1))
            );
        }
        // The first, the last, and those near this one.
        let mut last_shown = 0;
        for p in 1..=pages {
            if p == 1 || p == pages || p.abs_diff(page) <= 3 {
                if p > last_shown + 1 {
                    out.push_str("… ");
                }
                let on = if p == page { " class=\"on\"" } else { "" };
                let _ = write!(out, "<a{on} href=\"{}\">{p}</a>", link(&window.query(window.zoom_name(), at, p)));
                last_shown = p;
            }
        }
        if page < pages {
            let _ = write!(
                out,
                "<a rel=\"next\" href=\"{}\">next →</a>",
                link(&window.query(window.zoom_name(), at, page + 1))
            );
        }
        out.push_str("</p>\n");
    };
    page_links(out);
    let subjects: Vec<&str> = report.subjects.iter().map(|s| s.subject.as_str()).collect();
    let sheet = |doc: &DocId, line: u32| Some(sheet_href(doc, line));
    let finding = |id: &str| Some(finding_href(id));
    let links = Links { sheet: &sheet, finding: &finding };
    // Per-body filters only while they stay a handful of CSS rules.
    let subjects = if subjects.len() <= 50 { subjects } else { Vec::new() };
    chronology::write_axis(&rows, &report.findings, &subjects, window.zoom, &links, PAGE_ROWS, ROW_SOURCES, out);
    page_links(out);
}

fn chronology_page(ctx: &Ctx<'_>, req: &Request) -> PageResult {
    let mut main = String::from("<h1>Chronology</h1>\n");
    let (report, base) = match req.nonblank("body") {
        Some(name) => {
            let body = ctx.registry.body(&name).ok_or_else(|| not_found(format!("no body named {name:?} is known")))?;
            let _ = writeln!(
                main,
                "<p class=\"summary\">Events of <a href=\"{}\">{}</a>. <a href=\"/chronology\">All bodies</a></p>",
                escape_html(&body_href(&body.canonical)),
                escape_html(&body.canonical)
            );
            (
                Arc::clone(&ctx.body(&body.canonical).report),
                format!("/chronology?body={}", url_component(&body.canonical)),
            )
        }
        None => (Arc::clone(&ctx.d().report), "/chronology".to_string()),
    };
    let _ = writeln!(
        main,
        "<p class=\"summary\">{} on one axis. A day is a point, a month or year a bar; red marks disagree with the row's best-supported date.</p>",
        plural(report.timeline.len(), "event")
    );
    main.push_str("<form class=\"q\" action=\"/chronology\" method=\"get\"><label>Body<input name=\"body\" list=\"bodies\"></label><button>Show</button></form><datalist id=\"bodies\">");
    for b in ctx.registry.bodies().iter().take(500) {
        let _ = write!(main, "<option value=\"{}\">", escape_html(&b.canonical));
    }
    main.push_str("</datalist>");
    let window = Window::of(req, &report.timeline)?;
    windowed_axis(&report, &window, &base, &mut main);
    Ok(Response::html(200, layout("Chronology", "Chronology", &main)))
}

/// The events of `entries` as JSON; `by_event` maps (subject, event label) to the
/// finding (see [`chronology::findings_by_event`]). Each entry names at most
/// [`ROW_SOURCES`] claims a side, dissenters and supporters, with the totals: the finding
/// lists them all.
fn entries_json(entries: &[&TimelineEntry], by_event: &BTreeMap<(&str, &str), &Finding>) -> Vec<Value> {
    entries
        .iter()
        .map(|e| {
            let finding = by_event.get(&(e.subject.as_str(), e.label.as_str()));
            let (first, last) = e.date.days();
            json!({
                "subject": e.subject,
                "event": e.event.as_str(),
                "label": e.label,
                "date": e.date.to_string(),
                "precision": e.date.precision().as_str(),
                "first_day": first,
                "last_day": last,
                "disputed": !e.dissenting.is_empty(),
                "finding": finding.map(|f| f.id.clone()),
                "supporting_total": e.supporting.len(),
                "dissenting_total": e.dissenting.len(),
                "supporting": e.supporting.iter().take(ROW_SOURCES).map(|c| claim_json(c)).collect::<Vec<_>>(),
                "dissenting": e.dissenting.iter().take(ROW_SOURCES).map(|c| claim_json(c)).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// Rows of a JSON chronology page: `limit` (1 to [`PAGE_ROWS`], the default).
fn rows_per_page(req: &Request) -> Result<usize, (u16, String)> {
    match req.nonblank("limit") {
        None => Ok(PAGE_ROWS),
        Some(l) => l
            .parse::<usize>()
            .map(|l| l.clamp(1, PAGE_ROWS))
            .map_err(|_| bad(format!("limit must be a number of rows (at most {PAGE_ROWS}), not {l:?}"))),
    }
}

/// The window of `report`'s chronology as JSON: where it is (`zoom`, `from_year`,
/// `to_year`), how many events it holds and in how many pages of `per_page`, the events
/// per decade of the whole chronology (to pick `at`), and the entries of `window.page`
/// (none past the last page), under `entries`. Its size does not grow with the corpus.
fn window_json(report: &Report, window: &Window, per_page: usize) -> Value {
    let shown: Vec<&TimelineEntry> = report.timeline.iter().filter(|e| window.holds(e)).collect();
    let pages = shown.len().div_ceil(per_page.max(1)).max(1);
    let rows: Vec<&TimelineEntry> =
        shown.iter().copied().skip((window.page - 1).saturating_mul(per_page)).take(per_page).collect();
    let mut decades: BTreeMap<i32, usize> = BTreeMap::new();
    for e in &report.timeline {
        *decades.entry(e.date.year().div_euclid(10) * 10).or_default() += 1;
    }
    let by_event = chronology::findings_by_event(&report.findings);
    json!({
        "events": report.timeline.len(),
        "zoom": window.zoom_name(),
        "from_year": window.years.map(|y| y.0),
        "to_year": window.years.map(|y| y.1),
        "in_window": shown.len(),
        "page": window.page,
        "pages": pages,
        "per_page": per_page,
        "decades": decades.iter().map(|(d, n)| json!({"decade": d, "events": n})).collect::<Vec<_>>(),
        "entries": entries_json(&rows, &by_event),
    })
}

fn chronology_json(ctx: &Ctx<'_>, req: &Request) -> PageResult {
    let report = match req.nonblank("body") {
        Some(name) => {
            let body = ctx.registry.body(&name).ok_or_else(|| not_found(format!("no body named {name:?} is known")))?;
            Arc::clone(&ctx.body(&body.canonical).report)
        }
        None => Arc::clone(&ctx.d().report),
    };
    let window = Window::of(req, &report.timeline)?;
    Ok(Response::json(200, &window_json(&report, &window, rows_per_page(req)?)))
}

// ---------------------------------------------------------------------------------------
// Sheets
// ---------------------------------------------------------------------------------------

fn sheets_page(ctx: &Ctx<'_>) -> Response {
    let sheets = &ctx.d().view.sheets;
    let mut main = format!(
        "<h1>Sheets</h1>\n<p class=\"summary\">{} indexed.</p><table><thead><tr><th>Sheet</th><th>Title</th></tr></thead><tbody>",
        plural(sheets.len(), "sheet")
    );
    for s in sheets.iter().take(5000) {
        let _ = write!(
            main,
            "<tr><td><a href=\"/sheet?doc={}\">{}</a></td><td>{}</td></tr>",
            url_component(s.id.as_str()),
            escape_html(s.id.as_str()),
            escape_html(&s.title)
        );
    }
    main.push_str("</tbody></table>");
    if sheets.len() > 5000 {
        main.push_str("<p class=\"muted\">The first 5,000 are listed; search to find the others.</p>");
    }
    problems_note(ctx, &mut main);
    Response::html(200, layout("Sheets", "Sheets", &main))
}

/// One highlighted range of a sheet's original text.
struct Mark {
    start: usize,
    end: usize,
    class: &'static str,
    title: String,
    href: Option<String>,
}

/// A sheet read from disk with its marks. Only ids the index holds are read, so a
/// request cannot name a file outside the corpus.
struct SheetView {
    doc: crate::Document,
    marks: Vec<Mark>,
    claims: Vec<Claim>,
}

fn load_sheet(ctx: &Ctx<'_>, req: &Request) -> Result<SheetView, (u16, String)> {
    let id = req.nonblank("doc").ok_or_else(|| bad("which sheet? give ?doc=PATH"))?;
    let id = DocId(id);
    if ctx.d().view.sheets.binary_search_by(|s| s.id.cmp(&id)).is_err() {
        return Err(not_found(format!("no sheet {:?} in the index", id.as_str())));
    }
    let file = SheetFile { path: ctx.opts.corpus.join(id.as_str()), id };
    let (mut docs, problems) = crate::pipeline::extract_files(&[file], &ctx.session.manifest, ctx.opts.reference_date);
    let Some((doc, mut x)) = docs.pop() else {
        let message = problems.first().map_or_else(|| "the sheet cannot be read".to_string(), ToString::to_string);
        return Err((500, message));
    };
    ctx.registry.resolve_claims(&mut x.claims);
    let range = |span: crate::Span| -> (usize, usize) {
        let slice = doc.original_slice(span);
        let start = (slice.as_ptr() as usize).saturating_sub(doc.original.as_ptr() as usize);
        (start, start + slice.len())
    };
    // Claims by the original position of their date.
    let mut claim_at: BTreeMap<(u32, u32), Vec<&Claim>> = BTreeMap::new();
    for c in &x.claims {
        claim_at.entry((c.line, c.column)).or_default().push(c);
    }
    let mut marks = Vec::new();
    for m in &x.dates {
        let (start, end) = range(m.span);
        let loc = doc.location(m.span.start);
        let value = m.date.map_or_else(|| "no calendar value".to_string(), |d| format!("{d} ({})", d.describe()));
        let mut title = format!(
            "{} date: {value}; precision {}; {}",
            m.kind.as_str(),
            m.precision().map_or("none", |p| p.as_str()),
            if m.inferred { "inferred from context" } else { "as written" }
        );
        let claims = claim_at.get(&(loc.line, loc.column));
        if let Some(cs) = claims {
            for c in cs {
                let _ = write!(title, "\nclaim: {} — {} on {}", c.subject, c.event.as_str(), c.date);
            }
        }
        marks.push(Mark { start, end, class: if claims.is_some() { "hl-c" } else { "hl-d" }, title, href: None });
    }
    for b in &x.bodies {
        let (start, end) = range(b.span);
        let canonical = ctx.registry.canonical(&b.name).unwrap_or(&b.name).to_string();
        let title = format!("body: {canonical} ({})", b.kind.as_str());
        marks.push(Mark { start, end, class: "hl-b", title, href: Some(body_href(&canonical)) });
    }
    // Non-overlapping, in order: the earlier (then longer) mark wins.
    marks.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut kept: Vec<Mark> = Vec::with_capacity(marks.len());
    for m in marks {
        if m.end > m.start && kept.last().is_none_or(|k| m.start >= k.end) {
            kept.push(m);
        }
    }
    Ok(SheetView { doc, marks: kept, claims: x.claims })
}

fn sheet_page(ctx: &Ctx<'_>, req: &Request) -> PageResult {
    let view = load_sheet(ctx, req)?;
    let doc = &view.doc;
    let mut main = format!(
        "<h1>{}</h1>\n<p class=\"summary\"><span class=\"pos\">{}</span> · {} · {}</p>\n",
        escape_html(&doc.title),
        escape_html(doc.id.as_str()),
        plural(view.marks.iter().filter(|m| m.class != "hl-b").count(), "date"),
        plural(view.claims.len(), "claim")
    );
    // Findings that cite this sheet, linked both ways.
    let cited: Vec<&Finding> =
        ctx.d().report.findings.iter().filter(|f| f.claims.iter().any(|c| c.doc == doc.id)).collect();
    if !cited.is_empty() {
        main.push_str("<p>Findings citing this sheet: ");
        for f in cited {
            let lines: Vec<String> = f
                .claims
                .iter()
                .filter(|c| c.doc == doc.id)
                .map(|c| format!("<a href=\"#L{0}\">line {0}</a>", c.line))
                .collect();
            let _ = write!(
                main,
                "<a href=\"{}\"><span class=\"badge {}\">{}</span> {} — {}</a> ({}); ",
                escape_html(&finding_href(&f.id)),
                f.severity,
                f.severity,
                escape_html(&f.subject),
                escape_html(&f.event),
                lines.join(", ")
            );
        }
        main.push_str("</p>\n");
    }
    main.push_str("<p class=\"legend muted\"><span class=\"hl-d\">date</span><span class=\"hl-c\">date of a claim</span><span class=\"hl-b\">named body</span> Hover a mark for its value, precision and inference.</p>\n");
    main.push_str("<div class=\"sheet\">");
    let text = doc.original.as_str();
    let mut marks = view.marks.iter().peekable();
    let mut line_start = 0;
    for (i, line) in text.split('\n').enumerate() {
        let n = i + 1;
        let line_end = line_start + line.len();
        let _ = write!(main, "<div class=\"l\" id=\"L{n}\"><a class=\"n\" href=\"#L{n}\">{n}</a><span class=\"t\">");
        let mut at = line_start;
        // Marks that start before this line's end; a mark crossing lines is drawn on each.
        while let Some(m) = marks.peek() {
            if m.start >= line_end {
                break;
            }
            let (s, e) = (m.start.max(line_start), m.end.min(line_end));
            main.push_str(&escape_html(text.get(at..s).unwrap_or("")));
            let inner = escape_html(text.get(s..e).unwrap_or(""));
            match &m.href {
                Some(h) => {
                    let _ = write!(
                        main,
                        "<a class=\"{}\" href=\"{}\" title=\"{}\">{inner}</a>",
                        m.class,
                        escape_html(h),
                        escape_html(&m.title)
                    );
                }
                None => {
                    let _ = write!(
                        main,
                        "<span class=\"{}\" title=\"{}\" tabindex=\"0\">{inner}</span>",
                        m.class,
                        escape_html(&m.title)
                    );
                }
            }
            at = e;
            if m.end <= line_end {
                marks.next();
            } else {
                break;
            }
        }
        main.push_str(&escape_html(text.get(at..line_end).unwrap_or("")));
        if line.is_empty() {
            main.push(' ');
        }
        main.push_str("</span></div>\n");
        line_start = line_end + 1;
    }
    main.push_str("</div>\n");
    Ok(Response::html(200, layout(&doc.title, "Sheets", &main)))
}

fn sheet_json(ctx: &Ctx<'_>, req: &Request) -> PageResult {
    let view = load_sheet(ctx, req)?;
    let doc = &view.doc;
    let marks: Vec<Value> = view
        .marks
        .iter()
        .map(|m| {
            let loc = doc.original_location(m.start);
            json!({
                "kind": match m.class { "hl-b" => "body", "hl-c" => "claim-date", _ => "date" },
                "line": loc.line,
                "column": loc.column,
                "text": doc.original.get(m.start..m.end).unwrap_or(""),
                "title": m.title,
            })
        })
        .collect();
    Ok(Response::json(
        200,
        &json!({
            "doc": doc.id.as_str(),
            "title": doc.title,
            "text": doc.original,
            "marks": marks,
            "claims": view.claims.iter().map(claim_json).collect::<Vec<_>>(),
        }),
    ))
}

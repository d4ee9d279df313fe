//! The chronology: every event of the merged timeline on one global date axis.
//!
//! Used twice: as the static page of `concord timeline --format html` ([`render_page`]) and
//! as the Chronology and Body pages of `concord serve` ([`write_axis`]), which only differ
//! in where links go ([`Links`]) and how wide a year is ([`Zoom`]).
//!
//! Each row is one event of [`crate::check::timeline`]; each sheet's date is a mark placed
//! by its first and last day on the one axis shared by all rows: a day is a point, a month,
//! season, year or decade a bar as long as the interval. Dates that disagree with the row's
//! best-supported date are red, and a disputed row links to its finding. Every corpus
//! string goes through `escape_html`; the page has no script, so filtering by body and
//! severity uses `:target` (links to `#only-…` anchors) inside `<details>`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::Report;
use super::html::escape_html;
use super::snippet::plural;
use crate::check::{Finding, TimelineEntry};
use crate::corpus::DocId;
use crate::date::{MONTH_NAMES, Point, Precision};
use crate::extract::Claim;

/// How wide a year is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Zoom {
    /// Ticks every ten years (30 px a year).
    Decade,
    /// Ticks every year (120 px a year).
    Year,
    /// Ticks every month (60 px a month).
    Month,
    /// Fits the whole span into about `n` pixels (ticks chosen to match).
    Fit(f64),
}

impl Zoom {
    /// Parses `fit` (about 900 px in all), `decade`, `year` or `month`.
    pub fn parse(s: &str) -> Option<Zoom> {
        match s {
            "fit" => Some(Zoom::Fit(900.0)),
            "decade" => Some(Zoom::Decade),
            "year" => Some(Zoom::Year),
            "month" => Some(Zoom::Month),
            _ => None,
        }
    }

    /// Pixels per day over a span of `days` days.
    fn px_per_day(self, days: i64) -> f64 {
        let year = 365.2425;
        match self {
            Zoom::Decade => 30.0 / year,
            Zoom::Year => 120.0 / year,
            Zoom::Month => 720.0 / year,
            Zoom::Fit(width) => width / days.max(1) as f64,
        }
    }
}

/// Where marks, findings and bodies link to. `None`: no link.
pub struct Links<'a> {
    /// A sheet position (`doc`, 1-based line).
    pub sheet: &'a dyn Fn(&DocId, u32) -> Option<String>,
    /// A finding, by id.
    pub finding: &'a dyn Fn(&str) -> Option<String>,
}

/// The axis: first drawn day and scale.
struct Axis {
    first: i64,
    last: i64,
    px_per_day: f64,
}

impl Axis {
    fn x(&self, day: i64) -> f64 {
        (day - self.first) as f64 * self.px_per_day
    }

    fn width(&self) -> f64 {
        self.x(self.last + 1)
    }
}

/// First day of a month, as days since 1970-01-01.
fn month_start(year: i32, month: u8) -> Option<i64> {
    Point::month(year, month).map(|p| p.days().0)
}

/// The finding a timeline row belongs to: same subject and event label.
fn findings_by_event(findings: &[Finding]) -> BTreeMap<(&str, &str), &Finding> {
    let mut map = BTreeMap::new();
    for f in findings {
        // Findings are sorted by severity: the first is the most serious.
        map.entry((f.subject.as_str(), f.event.as_str())).or_insert(f);
    }
    map
}

/// Shared CSS of the chronology (page and server), light and dark, screen and print.
pub(crate) const STYLE: &str = "\
.chron{overflow-x:auto;border:1px solid var(--line);border-radius:4px;background:var(--bg)}
.chron ol{list-style:none;margin:0;padding:0}
.chron .row{display:flex;align-items:flex-start;border-top:1px solid var(--line);min-height:1.9rem}
.chron .lab{position:sticky;left:0;z-index:2;flex:0 0 19rem;width:19rem;padding:.25rem .5rem;background:var(--bg);font-size:.85rem;border-right:1px solid var(--line)}
.chron .lab .when{font-family:ui-monospace,monospace;font-size:.8rem;color:var(--muted)}
.chron .track{position:relative;flex:0 0 auto;height:1.9rem}
.chron .tick{position:absolute;top:0;bottom:0;border-left:1px solid var(--line)}
.chron .axis .tick span{position:absolute;top:.3rem;left:3px;font-size:.72rem;color:var(--muted);white-space:nowrap}
.chron .axis{position:sticky;top:0;z-index:3;background:var(--bg)}
.chron .m{position:absolute;top:.6rem;height:.7rem;border-radius:2px;background:var(--agree);opacity:.8;min-width:3px}
.chron .m.day{width:.7rem;margin-left:-.35rem;border-radius:50%}
.chron .m.dissent{background:var(--dissent);opacity:.9}
.chron .m:hover,.chron .m:focus{outline:2px solid var(--fg);z-index:1}
.chron .row.disputed .lab,.chron .row.disputed{background:var(--dispute-bg)}
.chron .src{display:block;font-size:.75rem;color:var(--muted);margin-top:.1rem}
.chron .src a{color:inherit}.chron .src .dissent{color:var(--dissent)}
.badge{display:inline-block;font-size:.7rem;font-weight:700;text-transform:uppercase;padding:0 .3rem;border-radius:3px;color:#fff;background:var(--dissent)}
.badge.review{background:#9a6b00}
.filters{margin:.6rem 0}.filters a{margin-right:.6rem}
.only{display:none}
#only-conflict:target~.chron .row.ev:not(.sev-conflict),#only-review:target~.chron .row.ev:not(.sev-review),
#only-disputed:target~.chron .row.ev:not(.disputed){display:none}
";

/// Page-level colours and layout shared by the static page and the server.
pub(crate) const BASE_STYLE: &str = "\
:root{--fg:#1b1b1b;--bg:#fff;--muted:#666;--line:#e3e3e3;--agree:#1565c0;--dissent:#c62828;--dispute-bg:#fdecea;--mark:#ffe08a;--link:#0b57d0;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--fg:#e6e6e6;--bg:#16181c;--muted:#9aa0a6;--line:#2c3036;--agree:#64b5f6;--dissent:#ef5350;--dispute-bg:#3a1f22;--mark:#6b5a12;--link:#8ab4f8}}
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:1.5rem auto;max-width:90rem;padding:0 1rem;color:var(--fg);background:var(--bg)}
a{color:var(--link)}
h1{font-size:1.5rem;margin:0 0 .3rem}h2{font-size:1.2rem;margin:1.6rem 0 .5rem;border-bottom:1px solid var(--line)}
.muted,.summary{color:var(--muted)}
mark{background:var(--mark);color:inherit;padding:0 .1rem}
@media print{body{max-width:none;margin:0;font-size:10pt;color:#000;background:#fff}.chron{overflow:visible;border:0}
.chron .lab{position:static}.chron .axis{position:static}details.filters,nav,form{display:none}a{color:#000;text-decoration:none}
.chron .row{break-inside:avoid}.chron .m{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
";

/// Writes the filter links and the chronology of `entries` (already in date order).
/// `subjects` lists the bodies offered as filters (a CSS rule each); `max_rows` caps the
/// rows drawn (the rest are counted). `max_sources` caps the sheet labels of a row (the
/// rest are counted, linked to the finding) and, when it is not `usize::MAX`, draws one
/// mark per distinct date of a row instead of one per sheet, so that a row's size does
/// not grow with the number of sheets that date the event.
#[allow(clippy::too_many_arguments)]
pub fn write_axis(
    entries: &[&TimelineEntry],
    findings: &[Finding],
    subjects: &[&str],
    zoom: Zoom,
    links: &Links<'_>,
    max_rows: usize,
    max_sources: usize,
    out: &mut String,
) {
    let by_event = findings_by_event(findings);
    let subject_class: BTreeMap<&str, usize> = subjects.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    let days = entries.iter().flat_map(|e| e.supporting.iter().chain(&e.dissenting)).map(|c| c.date.days());
    let (Some(min), Some(max)) = (days.clone().map(|d| d.0).min(), days.map(|d| d.1).max()) else {
        out.push_str("<p class=\"muted\">No dated claim to draw.</p>\n");
        return;
    };
    // Whole years on the axis, with a little room either side.
    let (y0, y1) = (year_of(min) - 1, year_of(max) + 1);
    let first = month_start(y0, 1).unwrap_or(min);
    let last = month_start(y1 + 1, 1).map_or(max, |d| d - 1);
    let axis = Axis { first, last, px_per_day: zoom.px_per_day(last - first + 1) };
    let width = axis.width();

    // Script-free filters: each link targets an empty anchor that precedes the chronology.
    let disputed = entries.iter().filter(|e| !e.dissenting.is_empty()).count();
    out.push_str("<details class=\"filters\"><summary>Filter</summary><p>");
    let _ = write!(
        out,
        "<a href=\"#all\">all events ({})</a><a href=\"#only-disputed\">disputed ({disputed})</a><a href=\"#only-conflict\">conflicts</a><a href=\"#only-review\">reviews</a>",
        entries.len()
    );
    out.push_str("</p>");
    if subjects.len() > 1 {
        out.push_str("<p>By body: ");
        for (i, s) in subjects.iter().enumerate() {
            let _ = write!(out, "<a href=\"#only-b{i}\">{}</a> ", escape_html(s));
        }
        out.push_str("</p>");
    }
    out.push_str("</details>\n");
    out.push_str("<i id=\"all\" class=\"only\"></i><i id=\"only-disputed\" class=\"only\"></i><i id=\"only-conflict\" class=\"only\"></i><i id=\"only-review\" class=\"only\"></i>");
    for i in 0..subjects.len() {
        let _ = write!(out, "<i id=\"only-b{i}\" class=\"only\"></i>");
    }
    if subjects.len() > 1 {
        out.push_str("<style>");
        for i in 0..subjects.len() {
            let _ = write!(out, "#only-b{i}:target~.chron .row.ev:not(.b{i}){{display:none}}");
        }
        out.push_str("</style>");
    }
    out.push('\n');

    let _ = writeln!(out, "<div class=\"chron\"><ol>");
    // The axis row: ticks by decade, year or month.
    let _ = write!(
        out,
        "<li class=\"row axis\"><div class=\"lab\">event · best-supported date</div><div class=\"track\" style=\"width:{width:.0}px\">"
    );
    ticks(&axis, zoom, y0, y1, out);
    out.push_str("</div></li>\n");
    for e in entries.iter().take(max_rows) {
        row(e, &axis, &by_event, &subject_class, links, max_sources, out);
    }
    out.push_str("</ol></div>\n");
    if entries.len() > max_rows {
        let _ = writeln!(
            out,
            "<p class=\"muted\">Showing the first {} of {}; pick a body to see the rest.</p>",
            max_rows,
            plural(entries.len(), "event")
        );
    }
}

/// Approximate year of a day count (for the axis range only).
fn year_of(day: i64) -> i32 {
    (1970.0 + day as f64 / 365.2425).floor() as i32
}

fn ticks(axis: &Axis, zoom: Zoom, y0: i32, y1: i32, out: &mut String) {
    let years = f64::from(y1 - y0 + 1);
    let px_per_year = axis.width() / years.max(1.0);
    let monthly = matches!(zoom, Zoom::Month) || px_per_year >= 400.0;
    let step = if monthly {
        1
    } else {
        [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
            .into_iter()
            .find(|s| px_per_year * f64::from(*s) >= 48.0)
            .unwrap_or(1000)
    };
    let step = match zoom {
        Zoom::Decade => step.max(10),
        _ => step,
    };
    for year in y0..=y1 {
        if year.rem_euclid(step) == 0
            && let Some(d) = month_start(year, 1)
        {
            let _ = write!(out, "<span class=\"tick\" style=\"left:{:.1}px\"><span>{year}</span></span>", axis.x(d));
        }
        if monthly {
            for m in 2..=12u8 {
                if let Some(d) = month_start(year, m) {
                    let name = MONTH_NAMES[usize::from(m - 1)].get(..3).unwrap_or("");
                    let _ = write!(
                        out,
                        "<span class=\"tick\" style=\"left:{:.1}px\"><span>{name}</span></span>",
                        axis.x(d)
                    );
                }
            }
        }
    }
}

fn row(
    e: &TimelineEntry,
    axis: &Axis,
    by_event: &BTreeMap<(&str, &str), &Finding>,
    subject_class: &BTreeMap<&str, usize>,
    links: &Links<'_>,
    max_sources: usize,
    out: &mut String,
) {
    let finding = by_event.get(&(e.subject.as_str(), e.label.as_str()));
    let mut class = String::from("row ev");
    if !e.dissenting.is_empty() {
        class.push_str(" disputed");
    }
    if let Some(f) = finding {
        let _ = write!(class, " sev-{}", f.severity);
    }
    if let Some(i) = subject_class.get(e.subject.as_str()) {
        let _ = write!(class, " b{i}");
    }
    let _ = write!(out, "<li class=\"{class}\"><div class=\"lab\">");
    let _ = write!(
        out,
        "<span class=\"when\">{}</span> <b>{}</b> — {}",
        escape_html(&e.date.to_string()),
        escape_html(&e.subject),
        escape_html(&e.label)
    );
    if let Some(f) = finding {
        let badge = format!("<span class=\"badge {}\">{}</span>", f.severity, f.severity);
        match (links.finding)(&f.id) {
            Some(href) => {
                let _ = write!(
                    out,
                    " <a href=\"{}\" title=\"finding {}\">{badge}</a>",
                    escape_html(&href),
                    escape_html(&f.id)
                );
            }
            None => out.push_str(&badge),
        }
    } else if !e.dissenting.is_empty() {
        out.push_str(" <span class=\"badge\">disputed</span>");
    }
    // Sheet labels: dissenters first.
    out.push_str("<span class=\"src\">");
    let mut first = true;
    let sources = e.dissenting.iter().map(|c| (c, "dissent")).chain(e.supporting.iter().map(|c| (c, "agree")));
    for (c, class) in sources.clone().take(max_sources) {
        if !first {
            out.push_str(" · ");
        }
        first = false;
        let text = format!("{}:{} {}", c.doc, c.line, c.date);
        match (links.sheet)(&c.doc, c.line) {
            Some(href) => {
                let _ = write!(out, "<a class=\"{class}\" href=\"{}\">{}</a>", escape_html(&href), escape_html(&text));
            }
            None => {
                let _ = write!(out, "<span class=\"{class}\">{}</span>", escape_html(&text));
            }
        }
    }
    let total = e.dissenting.len() + e.supporting.len();
    if total > max_sources {
        let more = more_sheets(total - max_sources);
        match finding.and_then(|f| (links.finding)(&f.id)) {
            Some(href) => {
                let _ = write!(out, " · <a href=\"{}\">{more}</a>", escape_html(&href));
            }
            None => {
                let _ = write!(out, " · {more}");
            }
        }
    }
    out.push_str("</span></div>");
    let _ = write!(out, "<div class=\"track\" style=\"width:{:.0}px\">", axis.width());
    if max_sources == usize::MAX {
        for c in &e.supporting {
            mark(c, "agree", 1, axis, links, out);
        }
        for c in &e.dissenting {
            mark(c, "dissent", 1, axis, links, out);
        }
    } else {
        // One mark per distinct date and side, linked to its first sheet: at most
        // `max_sources` dates a side, the most common first; dissenters drawn on top.
        for (side, class) in [(&e.supporting, "agree"), (&e.dissenting, "dissent")] {
            let mut distinct: BTreeMap<(i64, i64), (&Claim, usize)> = BTreeMap::new();
            for c in side.iter() {
                distinct.entry(c.date.days()).or_insert((c, 0)).1 += 1;
            }
            let mut marks: Vec<_> = distinct.into_values().collect();
            marks.sort_by_key(|m| std::cmp::Reverse(m.1));
            for (c, n) in marks.into_iter().take(max_sources) {
                mark(c, class, n, axis, links, out);
            }
        }
    }
    out.push_str("</div></li>\n");
}

/// `and 3 more sheets`.
fn more_sheets(n: usize) -> String {
    format!("and {n} more {}", if n == 1 { "sheet" } else { "sheets" })
}

/// One mark for the claim `c`, standing for `sheets` claims of the same date.
fn mark(c: &Claim, class: &str, sheets: usize, axis: &Axis, links: &Links<'_>, out: &mut String) {
    let (first, last) = c.date.days();
    let point = c.date.precision() == Precision::Day && first == last;
    let title = format!(
        "{}:{}{} — {} ({}{}){}",
        c.doc,
        c.line,
        if sheets > 1 { format!(" {}", more_sheets(sheets - 1)) } else { String::new() },
        c.date,
        c.date.precision(),
        if c.inferred { ", inferred" } else { "" },
        if class == "dissent" { " — disagrees" } else { "" }
    );
    let style = if point {
        format!("left:{:.1}px", axis.x(first))
    } else {
        let x0 = axis.x(first);
        format!("left:{x0:.1}px;width:{:.1}px", (axis.x(last + 1) - x0).max(3.0))
    };
    let kind = if point { "day" } else { "span" };
    let href = (links.sheet)(&c.doc, c.line).map(|h| format!(" href=\"{}\"", escape_html(&h))).unwrap_or_default();
    let _ = write!(
        out,
        "<a class=\"m {kind} {class}\" style=\"{style}\"{href} title=\"{}\" aria-label=\"{}\"></a>",
        escape_html(&title),
        escape_html(&title)
    );
}

/// Options of the static chronology page.
#[derive(Debug, Clone, Default)]
pub struct PageOptions {
    /// Base URL that a sheet's corpus-relative path is appended to, for `sheet#Lline`
    /// links (from `concord.toml`); `None`: no sheet links.
    pub repository_url: Option<String>,
    /// The report page that holds the findings' anchors (`report.html`); `None`: the
    /// findings are listed on this page and linked here.
    pub report_href: Option<String>,
}

/// A link to `doc` at `line` under `base` (a repository's tree URL).
pub fn repository_link(base: &str, doc: &DocId, line: u32) -> String {
    let path: String = doc.as_str().split('/').map(super::snippet::url_component).collect::<Vec<_>>().join("/");
    format!("{}/{path}#L{line}", base.trim_end_matches('/'))
}

/// Renders the static chronology page of `concord timeline --format html`.
///
/// # Errors
/// Only the writer's errors.
pub fn render_page(report: &Report, options: &PageOptions, out: &mut dyn Write) -> io::Result<()> {
    let entries: Vec<&TimelineEntry> = report.timeline.iter().collect();
    let subjects: Vec<&str> = report.subjects.iter().map(|s| s.subject.as_str()).collect();
    let sheet = |doc: &DocId, line: u32| options.repository_url.as_deref().map(|base| repository_link(base, doc, line));
    let finding = |id: &str| {
        Some(match &options.report_href {
            Some(page) => format!("{page}#{id}"),
            None => format!("#{id}"),
        })
    };
    let links = Links { sheet: &sheet, finding: &finding };
    let mut body = String::new();
    write_axis(&entries, &report.findings, &subjects, Zoom::Fit(1100.0), &links, usize::MAX, usize::MAX, &mut body);

    writeln!(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
    )?;
    writeln!(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")?;
    writeln!(out, "<title>concord chronology</title>\n<style>\n{BASE_STYLE}{STYLE}</style>\n</head>\n<body>")?;
    writeln!(out, "<header><h1>concord chronology</h1>")?;
    writeln!(
        out,
        "<p class=\"summary\">{} about {} on one axis, from {}. Each mark is one sheet's date at its precision: a day is a point, a month or year a bar. Red marks disagree with the row's best-supported date; a badge links to the finding.</p></header>",
        plural(report.timeline.len(), "event"),
        plural(report.subjects.len(), "subject"),
        plural(report.summary.sheets, "sheet")
    )?;
    out.write_all(body.as_bytes())?;
    if options.report_href.is_none() && !report.findings.is_empty() {
        writeln!(out, "<section id=\"findings\"><h2>Findings</h2><ul>")?;
        for f in &report.findings {
            writeln!(
                out,
                "<li id=\"{}\"><span class=\"badge {}\">{}</span> {} <span class=\"muted\">{}</span></li>",
                escape_html(&f.id),
                f.severity,
                f.severity,
                super::snippet::finding_headline(f, escape_html),
                escape_html(&f.id)
            )?;
        }
        writeln!(out, "</ul></section>")?;
    }
    writeln!(
        out,
        "<footer class=\"muted\">{} compared · {}</footer>\n</body>\n</html>",
        plural(report.summary.claims, "claim"),
        plural(report.summary.sheets, "sheet")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixture;

    fn page(options: &PageOptions) -> String {
        let mut out = Vec::new();
        render_page(&fixture::report(), options, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The `left:` pixel of the first mark whose title starts with `needle`.
    fn left_of(html: &str, needle: &str) -> f64 {
        let at = html.find(&format!("title=\"{needle}")).unwrap_or_else(|| panic!("no mark {needle}"));
        let tag_start = html[..at].rfind("<a ").unwrap();
        let style = &html[tag_start..at];
        let left = style.split("left:").nth(1).unwrap().split("px").next().unwrap();
        left.parse().unwrap()
    }

    #[test]
    fn one_axis_for_every_subject() {
        let html = page(&PageOptions::default());
        assert_eq!(html.matches("class=\"row axis\"").count(), 1, "one axis, not one per subject");
        assert!(!html.contains("<script"));
        assert!(!html.contains("concord report"), "the chronology is not the report");
        // Every track has the same width: one scale for all rows.
        let widths: std::collections::BTreeSet<&str> =
            html.split("class=\"track\" style=\"width:").skip(1).filter_map(|s| s.split("px").next()).collect();
        assert_eq!(widths.len(), 1, "{widths:?}");
    }

    #[test]
    fn marks_are_placed_by_date_on_the_shared_axis() {
        let html = page(&PageOptions::default());
        // 1990 < 1991 < 27 May 1997 < 28 May 2002, all on one axis.
        let a = left_of(&html, "background.md:5 — 1990");
        let b = left_of(&html, "overview.txt:1 — 1991");
        let c = left_of(&html, "pjc.txt:2 — 1997-05-27");
        let d = left_of(&html, "pjc.txt:12 — 2002-05-28");
        assert!(a < b && b < c && c < d, "{a} {b} {c} {d}");
        // A year is a bar starting on 1 January: a day of May 1997 lies 146 days later.
        let year = left_of(&html, "background.md:30 — 1997");
        // 146 days from 1 January to 27 May 1997; 1,827 days from there to 28 May 2002.
        let ratio = (d - c) / (c - year);
        assert!((ratio - 1827.0 / 146.0).abs() < 0.2, "{ratio}");
        // The point of 27 May 1997 is a day mark, 1997 a bar with a width.
        assert!(html.contains("class=\"m day agree\" style=\"left:"));
        assert!(html.contains("class=\"m span agree\" style=\"left:"));
    }

    #[test]
    fn disputed_events_link_to_their_findings_and_filters_need_no_script() {
        let html = page(&PageOptions { repository_url: None, report_href: Some("report.html".into()) });
        let f = fixture::report();
        let conflict = f.findings.iter().find(|f| f.severity == crate::check::Severity::Conflict).unwrap();
        assert!(html.contains(&format!("href=\"report.html#{}\"", conflict.id)));
        assert!(html.contains("class=\"row ev disputed sev-conflict"));
        assert!(html.contains("#only-conflict:target~.chron"));
        assert!(html.contains("<details class=\"filters\">"));
        assert!(html.contains("prefers-color-scheme:dark") && html.contains("@media print"));
        // Without a report page, the findings are listed here and linked in place.
        let alone = page(&PageOptions::default());
        assert!(alone.contains(&format!("href=\"#{}\"", conflict.id)));
        assert!(alone.contains(&format!("<li id=\"{}\">", conflict.id)));
    }

    #[test]
    fn sheet_links_only_with_a_repository_url_and_everything_escaped() {
        let plain = page(&PageOptions::default());
        assert!(!plain.contains("#L7\""), "no sheet links without a repository URL");
        assert!(plain.contains("evil &lt;sheet&gt;.txt:7"), "sheet labels are shown, escaped");
        assert!(!plain.contains("evil <sheet>"));
        let linked = page(&PageOptions {
            repository_url: Some("https://example.org/r/blob/main/corpus/".into()),
            report_href: None,
        });
        assert!(linked.contains("href=\"https://example.org/r/blob/main/corpus/pjc.txt#L25\""));
        assert!(linked.contains("href=\"https://example.org/r/blob/main/corpus/evil%20%3Csheet%3E.txt#L7\""));
    }
}

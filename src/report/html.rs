//! HTML: one self-contained page — inline CSS and inline SVG, no scripts, no external
//! assets, no network requests — with the findings and a timeline per subject.
//!
//! Each timeline row is one event; each sheet's date is drawn at its precision (a day as a
//! point, a longer interval as a bar). Dates that disagree with the row's best-supported
//! date are drawn in red and their row is highlighted. Every corpus string passes through
//! [`escape_html`], and a Content-Security-Policy forbids scripts outright, so a sheet
//! containing `<script>` shows the text and runs nothing.

use std::io::{self, Write};

use super::Report;
use super::snippet::{self, plural};
use crate::check::{Finding, TimelineEntry};
use crate::date::{Date, Precision};
use crate::extract::Claim;

/// Escapes text for HTML element content and quoted attribute values (and SVG text).
pub(crate) fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "\
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1b1b;background:#fff}
h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.25rem;margin:2rem 0 .6rem;border-bottom:1px solid #ddd}
h3{font-size:1.05rem;margin:1.4rem 0 .3rem}
.summary{color:#444}
article{border-left:4px solid #999;padding:.3rem 0 .3rem 1rem;margin:1rem 0}
article.conflict{border-color:#c62828}article.review{border-color:#e0a800}
.sev{font-weight:700;text-transform:uppercase;font-size:.8rem;padding:.1rem .4rem;border-radius:3px;color:#fff}
.conflict .sev{background:#c62828}.review .sev{background:#b8860b}
.id{font-family:ui-monospace,monospace;color:#555;font-size:.85rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border-top:1px solid #eee;padding:.3rem .5rem;text-align:left;vertical-align:top}
td.pos,td.val{font-family:ui-monospace,monospace;white-space:nowrap}
mark{background:#ffe08a;padding:0 .1rem}
.reason{margin:.3rem 0}
svg{display:block;max-width:100%;height:auto}
svg text{font:11px system-ui,sans-serif;fill:#333}
svg .axis{stroke:#bbb}svg .tick{font-size:10px;fill:#777}
svg .agree{fill:#1565c0;fill-opacity:.55;stroke:#0d47a1}
svg .dissent{fill:#c62828;fill-opacity:.7;stroke:#8e0000}
svg .row-conflict{fill:#fdecea}
.none{color:#2e7d32}
footer{margin-top:2rem;color:#666;font-size:.85rem}
";

fn finding(f: &Finding, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<article class=\"{}\" id=\"{}\">", f.severity, escape_html(&f.id))?;
    writeln!(
        out,
        "<h3><span class=\"sev\">{}</span> {} <span class=\"id\">{}</span></h3>",
        f.severity,
        snippet::finding_headline(f, escape_html),
        escape_html(&f.id)
    )?;
    writeln!(out, "<p class=\"reason\">{}</p>", escape_html(&f.reason))?;
    writeln!(out, "<p class=\"tally\">{}</p>", escape_html(&super::tally::Tally::of(f).line()))?;
    if let Some(d) = f.consolidated {
        writeln!(out, "<p>Agreed date: {} ({})</p>", escape_html(&d.to_string()), escape_html(&d.describe()))?;
    }
    writeln!(out, "<table><thead><tr><th>Sheet</th><th>Line:col</th><th>Date</th><th>Quote</th></tr></thead><tbody>")?;
    for c in &f.claims {
        let s = snippet::snippet(&c.quote, c.quote_date, None);
        writeln!(
            out,
            "<tr><td>{}</td><td class=\"pos\">{}:{}</td><td class=\"val\">{} <small>({})</small>{}</td><td>{}<mark>{}</mark>{}</td></tr>",
            escape_html(c.doc.as_str()),
            c.line,
            c.column,
            escape_html(&c.date.to_string()),
            c.date.precision(),
            snippet::derivation(c)
                .map(|how| format!("<br><small class=\"inferred\">inferred: {}</small>", escape_html(&how)))
                .unwrap_or_default(),
            escape_html(s.before),
            escape_html(s.mark),
            escape_html(s.after)
        )?;
    }
    writeln!(out, "</tbody></table></article>")
}

/// Horizontal layout of one subject's timeline.
struct Scale {
    first: i64,
    last: i64,
    left: f64,
    width: f64,
}

impl Scale {
    fn x(&self, day: i64) -> f64 {
        let span = (self.last - self.first).max(1) as f64;
        self.left + (day - self.first) as f64 / span * self.width
    }
}

/// Approximate year of a day count, for choosing axis ticks only.
fn year_of(day: i64) -> i64 {
    (1970.0 + day as f64 / 365.2425).floor() as i64
}

fn mark(scale: &Scale, y: f64, c: &Claim, class: &str, out: &mut dyn Write) -> io::Result<()> {
    let (first, last) = c.date.days();
    let title = format!("{} — {} ({})", snippet::position(c), c.date, c.date.precision());
    if c.date.precision() == Precision::Day && first == last {
        writeln!(
            out,
            "<circle class=\"{class}\" cx=\"{:.1}\" cy=\"{y:.1}\" r=\"5\"><title>{}</title></circle>",
            scale.x(first),
            escape_html(&title)
        )
    } else {
        let x0 = scale.x(first);
        let w = (scale.x(last + 1) - x0).max(3.0);
        writeln!(
            out,
            "<rect class=\"{class}\" x=\"{x0:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"10\" rx=\"2\"><title>{}</title></rect>",
            y - 5.0,
            escape_html(&title)
        )
    }
}

fn subject_timeline(subject: &str, entries: &[&TimelineEntry], out: &mut dyn Write) -> io::Result<()> {
    let days = entries.iter().flat_map(|e| e.supporting.iter().chain(&e.dissenting)).map(|c| c.date.days());
    let (Some(min), Some(max)) = (days.clone().map(|d| d.0).min(), days.map(|d| d.1).max()) else { return Ok(()) };
    let pad = ((max - min) / 20).max(120);
    let scale = Scale { first: min - pad, last: max + pad, left: 230.0, width: 640.0 };
    let row = 26.0;
    let top = 24.0;
    let height = top + row * entries.len() as f64 + 8.0;
    writeln!(out, "<h3>{}</h3>", escape_html(subject))?;
    writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 880 {height:.0}\" width=\"880\" height=\"{height:.0}\" role=\"img\" aria-label=\"timeline of {}\">",
        escape_html(subject)
    )?;
    // Year ticks: at most about eight, on round years.
    let (y0, y1) = (year_of(scale.first), year_of(scale.last) + 1);
    let step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].into_iter().find(|s| (y1 - y0) / s <= 8).unwrap_or(1000);
    let mut year = y0.div_euclid(step) * step;
    while year <= y1 {
        if let Ok(d) = format!("{year:04}").parse::<Date>() {
            let day = d.days().0;
            if day >= scale.first && day <= scale.last {
                let x = scale.x(day);
                writeln!(
                    out,
                    "<line class=\"axis\" x1=\"{x:.1}\" y1=\"14\" x2=\"{x:.1}\" y2=\"{height:.0}\"/><text class=\"tick\" x=\"{x:.1}\" y=\"11\" text-anchor=\"middle\">{year}</text>"
                )?;
            }
        }
        year += step;
    }
    for (i, e) in entries.iter().enumerate() {
        let y = top + row * i as f64 + row / 2.0;
        if !e.dissenting.is_empty() {
            writeln!(
                out,
                "<rect class=\"row-conflict\" x=\"0\" y=\"{:.1}\" width=\"880\" height=\"{row:.0}\"/>",
                y - row / 2.0
            )?;
        }
        let label = if e.disputed {
            format!("{} · {} (disputed)", e.label, e.date)
        } else {
            format!("{} · {}", e.label, e.date)
        };
        writeln!(out, "<text x=\"4\" y=\"{:.1}\">{}</text>", y + 4.0, escape_html(&label))?;
        for c in &e.supporting {
            mark(&scale, y, c, "agree", out)?;
        }
        for c in &e.dissenting {
            mark(&scale, y, c, "dissent", out)?;
        }
    }
    writeln!(out, "</svg>")
}

pub(super) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
    )?;
    writeln!(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")?;
    writeln!(out, "<title>concord report</title>\n<style>\n{STYLE}</style>\n</head>\n<body>")?;
    writeln!(out, "<header><h1>concord report</h1>")?;
    writeln!(out, "<p class=\"summary\">{}.</p></header>", escape_html(&snippet::summary_line(&report.summary)))?;
    writeln!(out, "<section id=\"findings\"><h2>Findings</h2>")?;
    if report.findings.is_empty() {
        writeln!(out, "<p class=\"none\">The sheets agree on every event compared.</p>")?;
    }
    for f in &report.findings {
        finding(f, out)?;
    }
    writeln!(out, "</section>")?;
    writeln!(out, "<section id=\"timeline\"><h2>Timeline</h2>")?;
    writeln!(
        out,
        "<p class=\"summary\">Each row is one event; each mark one sheet's date at its precision (a day as a point, a month or year as a bar). Red marks disagree with the row's best-supported date.</p>"
    )?;
    for s in &report.subjects {
        let entries: Vec<&TimelineEntry> = s.entries.iter().filter_map(|&i| report.timeline.get(i)).collect();
        subject_timeline(&s.subject, &entries, out)?;
    }
    writeln!(out, "</section>")?;
    if !report.warnings.is_empty() {
        writeln!(out, "<section id=\"warnings\"><h2>Warnings</h2><ul>")?;
        for w in &report.warnings {
            writeln!(out, "<li>{}</li>", escape_html(&w.to_string()))?;
        }
        writeln!(out, "</ul></section>")?;
    }
    writeln!(
        out,
        "<footer>{} compared · {}</footer>\n</body>\n</html>",
        plural(report.summary.claims, "claim"),
        plural(report.summary.sheets, "sheet")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Format, RenderOptions, fixture, render};

    fn page() -> String {
        let mut out = Vec::new();
        render(Format::Html, &fixture::report(), &RenderOptions::default(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_every_corpus_string() {
        let html = page();
        assert!(!html.contains("<script"), "no script element, escaped or not");
        assert!(html.contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"));
        assert!(html.contains("evil &lt;sheet&gt;.txt"));
        assert!(!html.contains("evil <sheet>"));
        assert_eq!(escape_html("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }

    #[test]
    fn self_contained() {
        let html = page();
        for needle in ["<script", "src=\"http", "href=\"http", "url(", "@import", "<link", "<iframe"] {
            assert!(!html.contains(needle), "{needle}");
        }
        assert!(html.contains("Content-Security-Policy"));
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.trim_end().ends_with("</html>"));
    }

    #[test]
    fn timeline_draws_days_as_points_and_longer_dates_as_bars() {
        let html = page();
        assert_eq!(html.matches("<svg").count(), fixture::report().subjects.len());
        assert!(html.contains("<circle class=\"agree\""), "27 May 1997 is a point");
        assert!(html.contains("<rect class=\"agree\""), "1997 is a bar");
        assert!(html.contains("<rect class=\"dissent\""), "1998 disagrees with the Permanent Joint Council's date");
        assert!(html.contains("class=\"row-conflict\""));
    }

    #[test]
    fn html_report() {
        insta::assert_snapshot!(page());
    }
}

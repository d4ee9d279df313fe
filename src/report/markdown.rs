//! Markdown: the text report for pasting into a review or an issue.
//!
//! One section per finding with the reason and a table of sources; the date is bold in each
//! quote. Every corpus string passes through [`escape`], so a sheet cannot inject links,
//! HTML or table cells.

use std::io::{self, Write};

use super::Report;
use super::snippet::{self, clean, plural};
use super::tally::Tally;
use crate::check::{Finding, Severity};

/// Characters of quote shown on each side of the date.
const CONTEXT: usize = 100;

/// Sources quoted per finding; the values line counts them all.
const MAX_QUOTED: usize = 6;

/// Escapes Markdown and inline HTML in corpus text, flattening control characters. Marks
/// that only matter at the start of a line (`#`, `-`, `+`) are escaped only there.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in clean(s).chars().enumerate() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '-' | '+' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

fn title(sev: Severity) -> &'static str {
    match sev {
        Severity::Conflict => "Conflict",
        Severity::Review => "Review",
    }
}

fn finding(f: &Finding, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## {} `{}`: {}\n", title(f.severity), f.id, snippet::finding_headline(f, escape))?;
    let tally = Tally::of(f);
    writeln!(out, "Values: {}.\n", escape(&tally.line()))?;
    writeln!(out, "{}\n", escape(&f.reason))?;
    if let Some(d) = f.consolidated {
        writeln!(out, "Agreed date: {} ({}).\n", d, escape(&d.describe()))?;
    }
    writeln!(out, "| Sheet | Line:col | Date | Precision | Quote |")?;
    writeln!(out, "|---|---|---|---|---|")?;
    for c in tally.dissenters_first().take(MAX_QUOTED) {
        let s = snippet::snippet(&c.quote, c.quote_date, Some(CONTEXT));
        let quote = format!(
            "{}{}{}{}{}",
            if s.cut_start { "…" } else { "" },
            escape(s.before),
            if s.mark.is_empty() { String::new() } else { format!("**{}**", escape(s.mark)) },
            escape(s.after),
            if s.cut_end { "…" } else { "" }
        );
        writeln!(
            out,
            "| {} | {}:{} | {} | {} | {} |",
            escape(c.doc.as_str()),
            c.line,
            c.column,
            c.date,
            c.date.precision(),
            match snippet::derivation(c) {
                Some(how) => format!("{} (inferred: {})", quote.trim(), escape(&how)),
                None => quote.trim().to_string(),
            }
        )?;
    }
    if f.claims.len() > MAX_QUOTED {
        writeln!(
            out,
            "\n{} not quoted (all are in `--format json`).",
            plural(f.claims.len() - MAX_QUOTED, "more source")
        )?;
    }
    writeln!(out)
}

pub(super) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# concord report\n")?;
    writeln!(out, "{}.\n", snippet::summary_line(&report.summary))?;
    for f in &report.findings {
        finding(f, out)?;
    }
    if !report.warnings.is_empty() {
        writeln!(out, "## Warnings\n")?;
        for w in &report.warnings {
            writeln!(out, "- {}", escape(&w.to_string()))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

pub(super) fn render_timeline(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# Timeline\n")?;
    writeln!(out, "| Date | Subject | Event | Supported by | Against |")?;
    writeln!(out, "|---|---|---|---|---|")?;
    for e in &report.timeline {
        let support: Vec<String> = e.supporting_sheets().iter().map(|d| escape(d.as_str())).collect();
        let against: Vec<String> =
            e.dissenting.iter().map(|c| format!("{} ({})", escape(&snippet::position(c)), c.date)).collect();
        writeln!(
            out,
            "| {} | {} | {} | {}: {} | {} |",
            e.date,
            escape(&e.subject),
            escape(&e.label),
            plural(support.len(), "sheet"),
            support.join(", "),
            if e.disputed { format!("disputed: {}", against.join("; ")) } else { against.join("; ") }
        )?;
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Format, RenderOptions, fixture, render};

    #[test]
    fn markdown_report() {
        let mut out = Vec::new();
        render(Format::Markdown, &fixture::report(), &RenderOptions::default(), &mut out).unwrap();
        insta::assert_snapshot!(String::from_utf8(out).unwrap());
    }

    #[test]
    fn markdown_timeline() {
        let mut out = Vec::new();
        crate::report::render_timeline(Format::Markdown, &fixture::report(), &RenderOptions::default(), &mut out)
            .unwrap();
        insta::assert_snapshot!(String::from_utf8(out).unwrap());
    }

    #[test]
    fn escaping_defuses_markup() {
        assert_eq!(escape("<b>*x*</b> | [a](b)\n"), "&lt;b&gt;\\*x\\*&lt;/b&gt; \\| \\[a\\](b) ");
        assert_eq!(escape("# NATO-Russia"), "\\# NATO-Russia");
    }
}

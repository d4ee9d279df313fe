//! Text: compiler-style diagnostics for a terminal.
//!
//! A headline per finding (`conflict[C-…]: subject — event: 1990 vs 1991`), each source as
//! `doc:line:column` with the quote and the date underlined, the reason, and a summary
//! line. Colour only when [`RenderOptions::color`] is set. Every corpus string passes
//! through [`snippet::clean`], so a sheet cannot move the cursor or colour the terminal.

use std::io::{self, Write};

use super::snippet::{self, clean, plural, position};
use super::tally::Tally;
use super::{RenderOptions, Report, Style, Verbosity, Warning};
use crate::baseline::{Gate, StalePolicy};
use crate::check::{Finding, Severity};
use crate::extract::Claim;

/// Characters of quote shown on each side of the date.
const CONTEXT: usize = 60;

fn headline(f: &Finding) -> String {
    format!("{}: {}", f.id, snippet::finding_headline(f, snippet::cleaned))
}

fn source(paint: &Style, sev: Severity, c: &Claim, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "  {} {}  {} ({})", paint.frame("-->"), clean(&position(c)), c.date, c.date.precision())?;
    let s = snippet::snippet(&c.quote, c.quote_date, Some(CONTEXT));
    let before = format!("{}{}", if s.cut_start { "…" } else { "" }, clean(s.before));
    let line = format!("{before}{}{}{}", clean(s.mark), clean(s.after), if s.cut_end { "…" } else { "" });
    writeln!(out, "   {} {}", paint.frame("|"), line.trim_end())?;
    if !s.mark.is_empty() {
        let pad = " ".repeat(before.chars().count());
        let carets = "^".repeat(s.mark.chars().count().max(1));
        writeln!(out, "   {} {pad}{}", paint.frame("|"), paint.severity(sev, &carets))?;
    }
    if let Some(how) = snippet::derivation(c) {
        writeln!(out, "   {} inferred: {}", paint.frame("="), clean(&how))?;
    }
    Ok(())
}

/// Sources quoted in full per finding; the tally line counts the rest.
const MAX_QUOTED: usize = 6;

fn finding(paint: &Style, f: &Finding, marker: &str, out: &mut dyn Write) -> io::Result<()> {
    let label = format!("{}[{}", f.severity, f.id);
    let head = headline(f);
    let rest = head.strip_prefix(f.id.as_str()).unwrap_or(&head);
    writeln!(out, "{}{}", paint.severity(f.severity, &format!("{label}]")), paint.bold(&format!("{rest}{marker}")))?;
    let tally = Tally::of(f);
    writeln!(out, "   {} {}", paint.frame("="), clean(&tally.line()))?;
    for c in tally.dissenters_first().take(MAX_QUOTED) {
        source(paint, f.severity, c, out)?;
    }
    if f.claims.len() > MAX_QUOTED {
        writeln!(
            out,
            "   {} {} not quoted (all are in --format json)",
            paint.frame("="),
            plural(f.claims.len() - MAX_QUOTED, "more source")
        )?;
    }
    writeln!(out, "   {} {}", paint.frame("="), clean(&f.reason))?;
    if let Some(d) = f.consolidated {
        writeln!(out, "   {} agreed date: {} ({})", paint.frame("="), d, d.describe())?;
    }
    writeln!(out)
}

pub(super) fn render(report: &Report, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let paint = Style::new(options.color);
    for f in &report.findings {
        finding(&paint, f, "", out)?;
    }
    warnings(&paint, &report.warnings, out)?;
    if options.verbosity == Verbosity::Quiet {
        return Ok(());
    }
    writeln!(out, "{}: {}", paint.bold("summary"), snippet::summary_line(&report.summary))
}

/// `warning[kind]: doc:line:column: message`, one line each.
fn warnings(paint: &Style, warnings: &[Warning], out: &mut dyn Write) -> io::Result<()> {
    for w in warnings {
        writeln!(out, "{}: {}", paint.warning(&format!("warning[{}]", w.kind)), clean(&w.to_string()))?;
    }
    Ok(())
}

pub(super) fn render_timeline(report: &Report, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let paint = Style::new(options.color);
    for e in &report.timeline {
        let support = e.supporting_sheets().iter().map(|d| clean(d.as_str()).into_owned()).collect::<Vec<_>>();
        write!(
            out,
            "{:<23} {} — {}  [{}: {}]",
            e.date.to_string(),
            paint.bold(&clean(&e.subject)),
            clean(&e.label),
            plural(support.len(), "sheet"),
            support.join(", ")
        )?;
        if e.disputed {
            write!(out, " {}", paint.severity(Severity::Conflict, "disputed"))?;
        }
        if !e.dissenting.is_empty() {
            let against: Vec<String> =
                e.dissenting.iter().map(|c| format!("{} says {}", clean(&position(c)), c.date)).collect();
            write!(out, " {}", paint.severity(Severity::Conflict, &format!("against: {}", against.join("; "))))?;
        }
        writeln!(out)?;
    }
    if options.verbosity == Verbosity::Quiet {
        return Ok(());
    }
    writeln!(out, "{}: {} from {}", paint.bold("timeline"), plural(report.timeline.len(), "event"), {
        plural(report.summary.sheets, "sheet")
    })
}

pub(super) fn render_gate(gate: &Gate, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let paint = Style::new(options.color);
    let mark = |f: &Finding| if gate.touches_changed(f) { " (changed sheet)" } else { "" };
    for f in &gate.new {
        finding(&paint, f, mark(f), out)?;
    }
    for f in &gate.below_threshold {
        finding(&paint, f, mark(f), out)?;
    }
    let strict = gate.policy == StalePolicy::Fail;
    for k in &gate.known {
        let todo = k.entry.reason.trim_start().starts_with("TODO");
        let mut line = format!(
            "known[{}]: {}{}",
            k.finding.id,
            snippet::finding_headline(&k.finding, snippet::cleaned),
            mark(&k.finding)
        );
        if todo {
            line.push_str(if strict { " (reason still TODO: fails --strict)" } else { " (reason still TODO)" });
        }
        writeln!(out, "{line}")?;
        if options.verbosity == Verbosity::Verbose && !todo {
            writeln!(out, "   {} accepted: {}", paint.frame("="), clean(&k.entry.reason))?;
        }
    }
    warnings(&paint, &gate.warnings, out)?;
    for e in &gate.stale {
        writeln!(
            out,
            "{}[{}]: {} no longer found; remove it or run --update-baseline",
            paint.warning("stale"),
            clean(&e.id),
            snippet::headline(&e.subject, &e.event, &e.values.join(" vs "), snippet::cleaned)
        )?;
    }
    if options.verbosity == Verbosity::Quiet {
        return Ok(());
    }
    let stale = if gate.stale.len() == 1 {
        "1 stale baseline entry".to_string()
    } else {
        format!("{} stale baseline entries", gate.stale.len())
    };
    write!(
        out,
        "{}: {} at {} or above, {} below it, {} known; {stale}; {} from {} compared",
        paint.bold("check"),
        plural(gate.new.len(), "new finding"),
        gate.fail_on,
        gate.below_threshold.len(),
        gate.known.len(),
        plural(gate.claims, "claim"),
        plural(gate.sheets, "sheet"),
    )?;
    if !gate.warnings.is_empty() {
        write!(out, "; {}", plural(gate.warnings.len(), "warning"))?;
    }
    writeln!(out)?;
    writeln!(out, "result: {}", gate.verdict())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::baseline::{Baseline, gate};
    use crate::report::{Format, fixture, render};

    #[test]
    fn text_report() {
        let mut out = Vec::new();
        render(Format::Text, &fixture::report(), &RenderOptions::default(), &mut out).unwrap();
        insta::assert_snapshot!(String::from_utf8(out).unwrap());
    }

    #[test]
    fn text_report_in_colour_has_no_corpus_escapes() {
        let mut out = Vec::new();
        let opts = RenderOptions { color: true, ..RenderOptions::default() };
        render(Format::Text, &fixture::report(), &opts, &mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.contains("\x1b[1;31mconflict["));
        // The hostile quote's newline is flattened: its line goes on to the `%0A` after it.
        assert!(s.lines().any(|l| l.contains("pwned") && l.contains("::error::x %0A")), "{s}");
        let mut plain = Vec::new();
        render(Format::Text, &fixture::report(), &RenderOptions::default(), &mut plain).unwrap();
        assert!(!plain.contains(&0x1b), "no escape bytes without colour");
    }

    #[test]
    fn text_timeline() {
        let mut out = Vec::new();
        crate::report::render_timeline(Format::Text, &fixture::report(), &RenderOptions::default(), &mut out).unwrap();
        insta::assert_snapshot!(String::from_utf8(out).unwrap());
    }

    #[test]
    fn text_gate() {
        let report = fixture::report();
        let mut baseline = Baseline::default().updated(&report.findings[..1]);
        baseline.entries[0].reason = "accepted after checking the minutes".into();
        baseline.entries.push(crate::baseline::BaselineEntry {
            id: "C-00000000".into(),
            severity: Severity::Conflict,
            subject: "Gone".into(),
            event: "established".into(),
            values: vec!["1990".into(), "1991".into()],
            reason: "old".into(),
        });
        let g = gate(report.findings.clone(), &baseline, Severity::Conflict)
            .with_changed([crate::DocId("pjc.txt".into())].into())
            .with_counts(9, 4);
        let mut out = Vec::new();
        crate::report::render_gate(crate::report::GateFormat::Text, &g, &RenderOptions::default(), &mut out).unwrap();
        insta::assert_snapshot!(String::from_utf8(out).unwrap());
    }
}

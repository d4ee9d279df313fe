//! Concise: one line per finding, `path:line:col: conflict[C-…] subject — event: values`,
//! the format of ruff's and typos' brief output, for editors and `grep`.
//!
//! The position is the dissenting claim's (a changed sheet's first, see
//! [`Tally::pointer`]); the values are the finding's tally, so a conflict among thousands of
//! sheets is still one line. Corpus text passes through [`clean`].

use std::collections::BTreeSet;
use std::io::{self, Write};

use super::snippet::{clean, position};
use super::tally::Tally;
use super::{RenderOptions, Report, Verbosity, Warning};
use crate::baseline::Gate;
use crate::check::Finding;
use crate::corpus::DocId;

fn line(f: &Finding, changed: &BTreeSet<DocId>, marker: &str, out: &mut dyn Write) -> io::Result<()> {
    let tally = Tally::of(f);
    let at = tally.pointer(changed).map(position).unwrap_or_default();
    writeln!(
        out,
        "{}: {}[{}] {}{marker}",
        clean(&at),
        f.severity,
        f.id,
        super::snippet::headline(&f.subject, &f.event, &tally.line(), super::snippet::cleaned)
    )
}

/// `doc:line:column: warning[kind] message`, one line each.
fn warnings(warnings: &[Warning], out: &mut dyn Write) -> io::Result<()> {
    for w in warnings {
        let at = w.position();
        let at = if at.is_empty() { String::new() } else { format!("{}: ", clean(&at)) };
        writeln!(out, "{at}warning[{}] {}", w.kind, clean(&w.message))?;
    }
    Ok(())
}

pub(super) fn render(report: &Report, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let none = BTreeSet::new();
    for f in &report.findings {
        line(f, &none, "", out)?;
    }
    warnings(&report.warnings, out)?;
    if options.verbosity != Verbosity::Quiet {
        writeln!(out, "summary: {}", super::snippet::summary_line(&report.summary))?;
    }
    Ok(())
}

pub(super) fn render_gate(gate: &Gate, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    for f in gate.new.iter().chain(&gate.below_threshold) {
        let marker = if gate.touches_changed(f) { " (changed sheet)" } else { "" };
        line(f, &gate.changed, marker, out)?;
    }
    warnings(&gate.warnings, out)?;
    if options.verbosity == Verbosity::Quiet {
        return Ok(());
    }
    writeln!(out, "check: {}; result: {}", super::snippet::gate_counts(gate), gate.verdict())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::baseline::{Baseline, gate};
    use crate::check::Severity;
    use crate::report::{Format, GateFormat, fixture, render, render_gate};

    #[test]
    fn one_line_per_finding() {
        let report = fixture::report();
        let mut out = Vec::new();
        render(Format::Concise, &report, &RenderOptions::default(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), report.findings.len() + report.warnings.len() + 1, "{text}");
        assert!(
            lines.contains(
                &"pjc.txt:40:12: warning[impossible-date] impossible date \"31 June 1997\": June has 30 days"
            ),
            "{text}"
        );
        let conflict = lines.iter().find(|l| l.contains("conflict[C-")).unwrap();
        // path:line:col: severity[id] subject — event: tally
        let (at, rest) = conflict.split_once(": ").unwrap();
        assert_eq!(at.split(':').count(), 3, "{conflict}");
        assert!(
            rest.starts_with("conflict[C-") && rest.contains("] Permanent Joint Council — established: "),
            "{rest}"
        );
        assert!(!text.contains('\n') || text.lines().all(|l| !l.contains('\x1b')));
        let mut quiet = Vec::new();
        let opts = RenderOptions { verbosity: Verbosity::Quiet, ..RenderOptions::default() };
        render(Format::Concise, &report, &opts, &mut quiet).unwrap();
        assert!(!String::from_utf8(quiet).unwrap().contains("summary:"));
    }

    #[test]
    fn the_gate_ends_with_its_verdict() {
        let report = fixture::report();
        let g = gate(report.findings.clone(), &Baseline::default(), Severity::Conflict);
        let mut out = Vec::new();
        render_gate(GateFormat::Concise, &g, &RenderOptions::default(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), report.findings.len() + 1, "{text}");
        assert!(text.ends_with("result: fail\n"), "{text}");
    }
}

//! GitHub Actions: one workflow command per finding the gate shows, at the dissenting
//! position, so a run over thousands of sheets stays a handful of lines.
//!
//! `::error file=corpus/a.txt,line=3,col=25,title=concord conflict C-1a2b3c4d::…` for new
//! findings at or above the threshold, `::warning` for those below it, a `::warning`
//! without a file for each stale baseline entry, and a `::warning` at the sheet's line for
//! each warning of the run (an impossible date, an unreadable sheet): annotations are what
//! a workflow run shows, and a warning one fails no step. The position is the claim that dissents
//! (a sheet changed since `--changed-since` first, see [`Tally::pointer`]); the message says
//! what that sheet says and summarises the rest ("+9 sheets give 1997-05-27"). The runner
//! shows 10 errors and 10 warnings per step, so at most that many are written (the
//! findings with changed sheets come first), and a final `::notice` counts what was left
//! out. Known (accepted) findings are not annotated.
//!
//! Escaping follows the runner's rules: in the message `%`, `\r`, `\n` become `%25`,
//! `%0D`, `%0A`; in properties `:` and `,` also become `%3A` and `%2C`. So a sheet
//! containing `::error` or a newline cannot end the command early or forge another one.

use std::io::{self, Write};

use super::snippet::{self, clean, plural};
use super::tally::Tally;
use super::{RenderOptions, Verbosity};
use crate::baseline::Gate;
use crate::check::Finding;
use crate::warning::Warning;

/// Annotations of each level the runner shows per step.
pub const MAX_PER_LEVEL: usize = 10;

/// Characters of quote on each side of the date in an annotation.
const CONTEXT: usize = 60;

/// Escapes a command's message (the text after `::`).
pub(super) fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a command property value (`file=`, `title=`).
pub(super) fn escape_property(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in escape_data(s).chars() {
        match c {
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

fn annotate(level: &str, f: &Finding, gate: &Gate, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let marker = if gate.touches_changed(f) { " (changed sheet)" } else { "" };
    let title = format!("concord {} {}{marker}", f.severity, f.id);
    let tally = Tally::of(f);
    let Some(c) = tally.pointer(&gate.changed) else { return Ok(()) };
    let s = snippet::snippet(&c.quote, c.quote_date, Some(CONTEXT));
    let quote = format!(
        "{}{}{}{}{}",
        if s.cut_start { "…" } else { "" },
        s.before,
        s.mark,
        s.after,
        if s.cut_end { "…" } else { "" }
    );
    let says = snippet::headline(&f.subject, &f.event, &format!("this sheet says {}", c.date), str::to_string);
    let mut message = format!("{says}: \"{}\".", clean(quote.trim()));
    let others = tally.others(c);
    if !others.is_empty() {
        message.push_str(&format!(" {others}."));
    }
    if let Some(how) = snippet::derivation(c) {
        message.push_str(&format!(" Inferred: {how}."));
    }
    message.push(' ');
    message.push_str(&f.reason);
    writeln!(
        out,
        "::{level} file={},line={},col={},title={}::{}",
        escape_property(&format!("{}{}", options.path_prefix, c.doc)),
        c.line,
        c.column,
        escape_property(&title),
        escape_data(&message)
    )
}

/// A sheet's warning at its position: `::warning file=…,line=…,col=…,title=concord impossible-date::…`.
fn sheet_warning(w: &Warning, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let mut props = Vec::new();
    if let Some(doc) = &w.doc {
        props.push(format!("file={}", escape_property(&format!("{}{doc}", options.path_prefix))));
        if let Some(line) = w.line {
            props.push(format!("line={line}"));
        }
        if let Some(col) = w.column {
            props.push(format!("col={col}"));
        }
    }
    props.push(format!("title={}", escape_property(&format!("concord {}", w.kind))));
    writeln!(out, "::warning {}::{}", props.join(","), escape_data(&w.message))
}

pub(super) fn render(gate: &Gate, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    for f in gate.new.iter().take(MAX_PER_LEVEL) {
        annotate("error", f, gate, options, out)?;
    }
    let warnings = gate.below_threshold.len() + gate.stale.len() + gate.warnings.len();
    for f in gate.below_threshold.iter().take(MAX_PER_LEVEL) {
        annotate("warning", f, gate, options, out)?;
    }
    for e in gate.stale.iter().take(MAX_PER_LEVEL.saturating_sub(gate.below_threshold.len())) {
        let message = format!(
            "baseline entry {} ({}) matches no finding any more; remove it or run concord check --update-baseline",
            e.id,
            snippet::headline(&e.subject, &e.event, &e.values.join(" vs "), str::to_string)
        );
        writeln!(
            out,
            "::warning title={}::{}",
            escape_property("concord stale baseline entry"),
            escape_data(&message)
        )?;
    }
    let room = MAX_PER_LEVEL.saturating_sub(gate.below_threshold.len() + gate.stale.len());
    for w in gate.warnings.iter().take(room) {
        sheet_warning(w, options, out)?;
    }
    let left_errors = gate.new.len().saturating_sub(MAX_PER_LEVEL);
    let left_warnings = warnings.saturating_sub(MAX_PER_LEVEL);
    if left_errors + left_warnings > 0 {
        writeln!(
            out,
            "::notice title={}::{}",
            escape_property("concord: more findings"),
            escape_data(&format!(
                "{} and {} not annotated (GitHub shows {MAX_PER_LEVEL} of each per step); \
                 run concord check --format concise for the full list",
                plural(left_errors, "more error"),
                plural(left_warnings, "more warning")
            ))
        )?;
    }
    if options.verbosity == Verbosity::Quiet {
        return Ok(());
    }
    writeln!(out, "concord check: {}; {}", snippet::gate_counts(gate), gate.verdict())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::baseline::{Baseline, BaselineEntry, gate};
    use crate::check::Severity;
    use crate::report::{GateFormat, fixture, render_gate};

    /// Parses one workflow command line into (command, properties, message), undoing the
    /// runner's escapes: a test-side reimplementation of how the runner reads it.
    type Command = (String, Vec<(String, String)>, String);

    fn parse(line: &str) -> Option<Command> {
        let rest = line.strip_prefix("::")?;
        let (head, message) = rest.split_once("::")?;
        let (cmd, props) = match head.split_once(' ') {
            Some((c, p)) => (c, p),
            None => (head, ""),
        };
        let unescape = |s: &str| {
            s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")
        };
        let props = props
            .split(',')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap();
                (k.to_string(), unescape(v))
            })
            .collect();
        Some((cmd.to_string(), props, unescape(message)))
    }

    fn output(g: &Gate) -> String {
        let opts = RenderOptions { path_prefix: "corpus/".into(), ..RenderOptions::default() };
        let mut out = Vec::new();
        render_gate(GateFormat::Github, g, &opts, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn one_annotation_per_finding_at_the_dissenting_position() {
        let report = fixture::report();
        let mut baseline = Baseline::default();
        baseline.entries.push(BaselineEntry {
            id: "C-0000000a".into(),
            severity: Severity::Conflict,
            subject: "Gone, really: gone".into(),
            event: "established".into(),
            values: vec!["1990".into()],
            reason: "x".into(),
        });
        let g = gate(report.findings.clone(), &baseline, Severity::Conflict);
        let text = output(&g);
        let lines: Vec<&str> = text.lines().collect();
        let commands: Vec<_> = lines.iter().filter_map(|l| parse(l)).collect();
        let expected = g.new.len() + g.below_threshold.len() + g.stale.len();
        assert_eq!(commands.len(), expected, "{text}");
        assert_eq!(lines.len(), expected + 1, "one summary line, and no forged lines:\n{text}");
        assert!(lines.last().unwrap().starts_with("concord check: 1 new, 2 below threshold, 0 known, 1 stale; fail"));

        let conflict = &g.new[0];
        let errors: Vec<_> = commands.iter().filter(|(c, _, _)| c == "error").collect();
        assert_eq!(errors.len(), 1);
        let (_, props, message) = errors[0];
        let get = |k: &str| props.iter().find(|(pk, _)| pk == k).map(|(_, v)| v.as_str());
        // The three sheets give three values, one each: the pointer is the first dissenter
        // in tally order, and the others are summarised, not repeated.
        let pointer = Tally::of(conflict).pointer(&g.changed).unwrap();
        assert_eq!(get("file"), Some(format!("corpus/{}", pointer.doc).as_str()));
        assert_eq!(get("line"), Some(pointer.line.to_string().as_str()));
        assert_eq!(get("col"), Some(pointer.column.to_string().as_str()));
        assert_eq!(get("title"), Some(format!("concord conflict {}", conflict.id).as_str()));
        assert!(message.starts_with("Permanent Joint Council — established: this sheet says "), "{message}");
        // "1997" fits 1997-05-27 and counts for it.
        assert!(message.contains("this sheet says 1998") && message.contains("+2 sheets give 1997-05-27"), "{message}");
        // The hostile sheet: its quote has a newline, `%0A` and `::error::`; all arrive as
        // data (cleaned of the newline), and no line starts a command except ours.
        let hostile =
            commands.iter().find(|(_, p, _)| p.iter().any(|(k, v)| k == "file" && v.contains("evil"))).unwrap();
        assert!(hostile.2.contains("::error::x %0A"), "{}", hostile.2);
        let raw = lines.iter().find(|l| l.contains("file=corpus/evil")).unwrap();
        assert!(raw.contains("x %250A"), "{raw}");
        let stale = commands.iter().find(|(c, p, _)| c == "warning" && p.len() == 1).unwrap();
        assert!(stale.2.contains("Gone, really: gone"));
        assert!(lines.iter().any(|l| l.starts_with("::warning title=concord stale baseline entry::")));
    }

    /// Issue 15: 5,000 sheets gave 8,149 lines (310 MB) for 17 findings.
    #[test]
    fn many_sheets_and_findings_stay_within_what_the_runner_shows() {
        use crate::check::tests::claim;
        use crate::extract::Event;
        let mut claims = Vec::new();
        for subject in 0..15 {
            for sheet in 0..300 {
                let date = if sheet == 7 { "2004-02" } else { "2003-06-11" };
                claims.push(claim(&format!("s{sheet:04}.txt"), 4, &format!("Body {subject}"), Event::Signed, date));
            }
        }
        let report = crate::pipeline::report_of_claims(&claims, 300, Vec::new());
        assert_eq!(report.findings.len(), 15);
        let g = gate(report.findings.clone(), &Baseline::default(), Severity::Conflict)
            .with_changed([crate::DocId("s0007.txt".into())].into());
        let text = output(&g);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.iter().filter(|l| l.starts_with("::error ")).count(), MAX_PER_LEVEL, "{text}");
        assert!(lines.len() <= 2 * report.findings.len(), "{} lines", lines.len());
        assert!(text.len() < 20_000, "{} bytes", text.len());
        for l in lines.iter().filter(|l| l.starts_with("::error ")) {
            assert!(l.contains("file=corpus/s0007.txt,line=4"), "points at the changed sheet: {l}");
            assert!(l.contains("+299 sheets give 2003-06-11"), "{l}");
        }
        let notice = lines.iter().find(|l| l.starts_with("::notice ")).unwrap();
        assert!(notice.contains("5 more errors and 0 more warnings not annotated"), "{notice}");
    }

    #[test]
    fn properties_escape_colons_and_commas() {
        assert_eq!(escape_property("a,b:c%d\r\ne"), "a%2Cb%3Ac%25d%0D%0Ae");
        assert_eq!(escape_data("a,b:c%d\r\ne"), "a,b:c%25d%0D%0Ae");
    }

    #[test]
    fn a_sheet_name_cannot_add_properties() {
        let mut claims = fixture::claims();
        for c in claims.iter_mut().filter(|c| c.doc.as_str() == "evil <sheet>.txt") {
            c.doc = crate::DocId("x.txt,line=1,title=forged::\n::error file=y::z".into());
        }
        let report = crate::pipeline::report_of_claims(&claims, 4, Vec::new());
        let g = gate(report.findings.clone(), &Baseline::default(), Severity::Conflict);
        let text = output(&g);
        for l in text.lines().filter(|l| l.starts_with("::")) {
            let (_, props, _) = parse(l).unwrap();
            let keys: Vec<&str> = props.iter().map(|(k, _)| k.as_str()).collect();
            assert_eq!(keys, ["file", "line", "col", "title"], "{l}");
        }
        assert!(!text.lines().any(|l| l.starts_with("::error file=y")));
    }
}

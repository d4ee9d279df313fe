//! GitHub Actions: one workflow command per sheet position of every finding the gate
//! shows, so each involved line of each sheet gets an annotation.
//!
//! `::error file=corpus/a.txt,line=3,col=25,title=concord conflict C-1a2b3c4d::…` for new
//! findings at or above the threshold, `::warning` for those below it, and a `::warning`
//! without a file for each stale baseline entry. Known (accepted) findings are not
//! annotated. Escaping follows the runner's rules: in the message `%`, `\r`, `\n` become
//! `%25`, `%0D`, `%0A`; in properties `:` and `,` also become `%3A` and `%2C`. So a sheet
//! containing `::error` or a newline cannot end the command early or forge another one.

use std::io::{self, Write};

use super::RenderOptions;
use crate::baseline::Gate;
use crate::check::Finding;

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

fn annotate(level: &str, f: &Finding, marker: &str, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let title = format!("concord {} {}{marker}", f.severity, f.id);
    let others = |skip: usize| -> String {
        f.claims
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .map(|(_, c)| format!("{}{}:{} says {}", options.path_prefix, c.doc, c.line, c.date))
            .collect::<Vec<_>>()
            .join("; ")
    };
    for (i, c) in f.claims.iter().enumerate() {
        let message = format!(
            "{} — {}: {}. This sheet says {}: \"{}\". Other sources: {}. {}",
            f.subject,
            f.event,
            f.values.join(" vs "),
            c.date,
            c.quote,
            others(i),
            f.reason
        );
        writeln!(
            out,
            "::{level} file={},line={},col={},title={}::{}",
            escape_property(&format!("{}{}", options.path_prefix, c.doc)),
            c.line,
            c.column,
            escape_property(&title),
            escape_data(&message)
        )?;
    }
    Ok(())
}

pub(super) fn render(gate: &Gate, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let marker = |f: &Finding| if gate.touches_changed(f) { " (changed sheet)" } else { "" };
    for f in &gate.new {
        annotate("error", f, marker(f), options, out)?;
    }
    for f in &gate.below_threshold {
        annotate("warning", f, marker(f), options, out)?;
    }
    for e in &gate.stale {
        let message = format!(
            "baseline entry {} ({} — {}: {}) matches no finding any more; remove it or run concord check --update-baseline",
            e.id,
            e.subject,
            e.event,
            e.values.join(" vs ")
        );
        writeln!(
            out,
            "::warning title={}::{}",
            escape_property("concord stale baseline entry"),
            escape_data(&message)
        )?;
    }
    writeln!(
        out,
        "concord check: {} new, {} below threshold, {} known, {} stale; {}",
        gate.new.len(),
        gate.below_threshold.len(),
        gate.known.len(),
        gate.stale.len(),
        if gate.new.is_empty() { "pass" } else { "fail" }
    )
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
    fn every_position_of_every_new_finding_is_annotated() {
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
        let expected_positions: usize =
            g.new.iter().chain(&g.below_threshold).map(|f| f.claims.len()).sum::<usize>() + g.stale.len();
        assert_eq!(commands.len(), expected_positions, "{text}");
        assert_eq!(lines.len(), expected_positions + 1, "one summary line, and no forged lines:\n{text}");
        assert!(lines.last().unwrap().starts_with("concord check: 1 new, 2 below threshold, 0 known, 1 stale; fail"));

        let conflict = &g.new[0];
        let errors: Vec<_> = commands.iter().filter(|(c, _, _)| c == "error").collect();
        assert_eq!(errors.len(), conflict.claims.len());
        for ((_, props, message), claim) in errors.iter().zip(&conflict.claims) {
            let get = |k: &str| props.iter().find(|(pk, _)| pk == k).map(|(_, v)| v.as_str());
            assert_eq!(get("file"), Some(format!("corpus/{}", claim.doc).as_str()));
            assert_eq!(get("line"), Some(claim.line.to_string().as_str()));
            assert_eq!(get("col"), Some(claim.column.to_string().as_str()));
            assert_eq!(get("title"), Some(format!("concord conflict {}", conflict.id).as_str()));
            assert!(message.starts_with("Permanent Joint Council — established: 1997-05-27 vs 1998."), "{message}");
            assert!(message.contains(&format!("This sheet says {}", claim.date)));
        }
        // The hostile sheet: its name has no `,` or `:` to escape but its quote has a
        // newline, `%0A` and `::error::`; all arrive as data, and no line starts a command
        // except ours.
        let hostile = errors.iter().find(|(_, p, _)| p.iter().any(|(k, v)| k == "file" && v.contains("evil"))).unwrap();
        assert!(hostile.2.contains("::error::x\n%0A & \"more\""), "{}", hostile.2);
        let raw = lines.iter().find(|l| l.contains("file=corpus/evil")).unwrap();
        assert!(raw.contains("x%0A%250A"), "{raw}");
        let stale = commands.iter().find(|(c, p, _)| c == "warning" && p.len() == 1).unwrap();
        assert!(stale.2.contains("Gone, really: gone"));
        assert!(lines.iter().any(|l| l.starts_with("::warning title=concord stale baseline entry::")));
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
        let report = crate::report::Report::from_claims(&claims, 4, Vec::new());
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

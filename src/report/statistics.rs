//! `--statistics`: how many findings each rule raised, by severity, instead of the findings
//! (ruff's `--statistics`). Rules in rule order; rules without findings are left out.

use std::io::{self, Write};

use crate::check::{Finding, FindingKind};

/// Writes `count  rule  severity` lines and a total for `findings`; `label` names them
/// (`findings`, `new findings`).
pub(super) fn render<'a>(
    findings: impl Iterator<Item = &'a Finding>,
    label: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut counts = [0usize; FindingKind::ALL.len()];
    for f in findings {
        if let Some(i) = FindingKind::ALL.iter().position(|k| *k == f.kind) {
            counts[i] += 1;
        }
    }
    let width = counts.iter().map(|n| n.to_string().len()).max().unwrap_or(1);
    for (kind, n) in FindingKind::ALL.iter().zip(counts).filter(|(_, n)| *n > 0) {
        writeln!(out, "{n:>width$}  {:<18}  {}", kind.as_str(), kind.severity())?;
    }
    writeln!(out, "{:>width$}  {label} in total", counts.iter().sum::<usize>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::fixture;

    #[test]
    fn counts_per_rule_and_severity() {
        let report = fixture::report();
        let mut out = Vec::new();
        render(report.findings.iter(), "findings", &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let total: usize = text
            .lines()
            .filter(|l| !l.contains("in total"))
            .map(|l| l.split_whitespace().next().unwrap().parse::<usize>().unwrap())
            .sum();
        assert_eq!(total, report.findings.len(), "{text}");
        assert!(text.contains("date-conflict       conflict"), "{text}");
        let last = text.lines().last().unwrap();
        assert_eq!(
            last.split_whitespace().collect::<Vec<_>>(),
            [&report.findings.len().to_string(), "findings", "in", "total"]
        );
    }
}

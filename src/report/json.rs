//! JSON: one document per run, `schema_version` first, written by serde from wire structs
//! that borrow from the report (never assembled by string formatting).
//!
//! Dates appear as their TIMEX3 value plus a `precision`.

use std::io::{self, Write};

use serde::Serialize;

use super::tally::Tally;
use super::{Report, Summary, Warning};
use crate::baseline::{BaselineEntry, Gate};
use crate::check::{Finding, FindingKind, Severity, TimelineEntry};
use crate::date::Precision;
use crate::extract::Claim;

/// The version of the JSON shapes below; bump on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct WireClaim<'a> {
    doc: &'a str,
    line: u32,
    column: u32,
    value: String,
    precision: Precision,
    text: &'a str,
    quote: &'a str,
    confidence: f32,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    inferred: bool,
    /// How an inferred value was reached ("fifth anniversary of the signing ← 27 May 2002").
    #[serde(skip_serializing_if = "Option::is_none")]
    inferred_from: Option<String>,
}

impl<'a> WireClaim<'a> {
    fn of(c: &'a Claim) -> Self {
        WireClaim {
            doc: c.doc.as_str(),
            line: c.line,
            column: c.column,
            value: c.date.to_string(),
            precision: c.date.precision(),
            text: &c.date_text,
            quote: &c.quote,
            // NaN and infinities are not JSON numbers.
            confidence: if c.confidence.is_finite() { c.confidence } else { 0.0 },
            inferred: c.inferred,
            inferred_from: super::snippet::derivation(c),
        }
    }
}

#[derive(Serialize)]
struct WireFinding<'a> {
    id: &'a str,
    severity: Severity,
    kind: FindingKind,
    subject: &'a str,
    event: &'a str,
    reason: &'a str,
    values: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    consolidated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    changed: Option<bool>,
    /// The values with the number of sheets behind each, best supported first.
    tally: Vec<WireGroup>,
    claims: Vec<WireClaim<'a>>,
}

#[derive(Serialize)]
struct WireGroup {
    value: String,
    sheets: usize,
    claims: usize,
}

impl<'a> WireFinding<'a> {
    fn of(f: &'a Finding, changed: Option<bool>) -> Self {
        WireFinding {
            id: &f.id,
            severity: f.severity,
            kind: f.kind,
            subject: &f.subject,
            event: &f.event,
            reason: &f.reason,
            values: &f.values,
            consolidated: f.consolidated.map(|d| d.to_string()),
            changed,
            tally: Tally::of(f)
                .groups
                .into_iter()
                .map(|g| WireGroup { value: g.value, sheets: g.sheets, claims: g.claims.len() })
                .collect(),
            claims: f.claims.iter().map(|c| WireClaim::of(c)).collect(),
        }
    }
}

#[derive(Serialize)]
struct WireEntry<'a> {
    date: String,
    precision: Precision,
    subject: &'a str,
    event: &'a str,
    /// Whether a disjoint date has as much support: the date is one side of a dispute.
    disputed: bool,
    supporting: Vec<WireClaim<'a>>,
    dissenting: Vec<WireClaim<'a>>,
}

impl<'a> WireEntry<'a> {
    fn of(e: &'a TimelineEntry) -> Self {
        WireEntry {
            date: e.date.to_string(),
            precision: e.date.precision(),
            subject: &e.subject,
            event: &e.label,
            disputed: e.disputed,
            supporting: e.supporting.iter().map(|c| WireClaim::of(c)).collect(),
            dissenting: e.dissenting.iter().map(|c| WireClaim::of(c)).collect(),
        }
    }
}

#[derive(Serialize)]
struct WireReport<'a> {
    schema_version: u32,
    findings: Vec<WireFinding<'a>>,
    summary: &'a Summary,
    warnings: &'a [Warning],
    timeline: Vec<WireEntry<'a>>,
}

#[derive(Serialize)]
struct WireTimeline<'a> {
    schema_version: u32,
    timeline: Vec<WireEntry<'a>>,
}

#[derive(Serialize)]
struct WireKnown<'a> {
    #[serde(flatten)]
    finding: WireFinding<'a>,
    accepted_reason: &'a str,
}

#[derive(Serialize)]
struct WireGateSummary {
    new: usize,
    below_threshold: usize,
    known: usize,
    stale: usize,
    claims: usize,
    sheets: usize,
    /// Present only when there are warnings (older readers see the same document).
    #[serde(skip_serializing_if = "is_zero")]
    warnings: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Serialize)]
struct WireGate<'a> {
    schema_version: u32,
    result: &'static str,
    fail_on: Severity,
    new: Vec<WireFinding<'a>>,
    below_threshold: Vec<WireFinding<'a>>,
    known: Vec<WireKnown<'a>>,
    stale: &'a [BaselineEntry],
    /// Present only when there are warnings.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    warnings: &'a [Warning],
    summary: WireGateSummary,
}

/// A serialisation error as an I/O error that keeps the writer's kind, so that a closed
/// pipe stays `BrokenPipe` (and the binary exits quietly, as ripgrep does).
pub(super) fn io_error(e: serde_json::Error) -> io::Error {
    match e.io_error_kind() {
        Some(kind) => io::Error::new(kind, e),
        None => io::Error::other(e),
    }
}

fn finish(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io_error)?;
    writeln!(out)
}

pub(super) fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let wire = WireReport {
        schema_version: SCHEMA_VERSION,
        findings: report.findings.iter().map(|f| WireFinding::of(f, None)).collect(),
        summary: &report.summary,
        warnings: &report.warnings,
        timeline: report.timeline.iter().map(WireEntry::of).collect(),
    };
    finish(out, &wire)
}

pub(super) fn render_timeline(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let wire =
        WireTimeline { schema_version: SCHEMA_VERSION, timeline: report.timeline.iter().map(WireEntry::of).collect() };
    finish(out, &wire)
}

pub(super) fn render_gate(gate: &Gate, out: &mut dyn Write) -> io::Result<()> {
    let changed = |f: &Finding| (!gate.changed.is_empty()).then(|| gate.touches_changed(f));
    let wire = WireGate {
        schema_version: SCHEMA_VERSION,
        result: gate.verdict(),
        fail_on: gate.fail_on,
        new: gate.new.iter().map(|f| WireFinding::of(f, changed(f))).collect(),
        below_threshold: gate.below_threshold.iter().map(|f| WireFinding::of(f, changed(f))).collect(),
        known: gate
            .known
            .iter()
            .map(|k| WireKnown {
                finding: WireFinding::of(&k.finding, changed(&k.finding)),
                accepted_reason: &k.entry.reason,
            })
            .collect(),
        stale: &gate.stale,
        warnings: &gate.warnings,
        summary: WireGateSummary {
            new: gate.new.len(),
            below_threshold: gate.below_threshold.len(),
            known: gate.known.len(),
            stale: gate.stale.len(),
            claims: gate.claims,
            sheets: gate.sheets,
            warnings: gate.warnings.len(),
        },
    };
    finish(out, &wire)
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use crate::baseline::{Baseline, gate};
    use crate::check::Severity;
    use crate::report::{Format, GateFormat, RenderOptions, fixture, render, render_gate};

    fn raw(format: Format) -> String {
        let mut out = Vec::new();
        render(format, &fixture::report(), &RenderOptions::default(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn json(format: Format) -> Value {
        serde_json::from_str(&raw(format)).unwrap()
    }

    #[test]
    fn report_shape() {
        let v = json(Format::Json);
        assert_eq!(v["schema_version"], 1);
        assert!(raw(Format::Json).starts_with("{\n  \"schema_version\": 1,\n"), "schema_version comes first");
        let findings = v["findings"].as_array().unwrap();
        let report = fixture::report();
        assert_eq!(findings.len(), report.findings.len());
        let f = &findings[0];
        assert_eq!(f["severity"], "conflict");
        assert_eq!(f["kind"], "date-conflict");
        assert_eq!(f["id"], report.findings[0].id.as_str());
        for key in ["id", "severity", "subject", "event", "reason", "claims"] {
            assert!(f.get(key).is_some(), "{key}");
        }
        let c = &f["claims"][0];
        for key in ["doc", "line", "column", "value", "precision", "quote"] {
            assert!(c.get(key).is_some(), "claim {key}");
        }
        assert!(c["line"].is_u64() && c["column"].is_u64());
        assert_eq!(v["summary"]["conflicts"], report.summary.conflicts);
        assert_eq!(v["summary"]["sheets"], 4);
        assert_eq!(v["warnings"][0]["doc"], "pjc.txt");
        // Hostile text survives as data.
        let all = v.to_string();
        assert!(all.contains("<script>document.title='pwned'</script>"));
    }

    #[test]
    fn report_values() {
        let v = json(Format::Json);
        let pjc = v["findings"].as_array().unwrap().iter().find(|f| f["subject"] == "Permanent Joint Council").unwrap();
        let values: Vec<&str> = pjc["values"].as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect();
        assert_eq!(values, ["1997-05-27", "1998"]);
        let precisions: Vec<&str> =
            pjc["claims"].as_array().unwrap().iter().map(|c| c["precision"].as_str().unwrap()).collect();
        assert_eq!(precisions, ["year", "day", "year"]);
    }

    #[test]
    fn gate_shape() {
        let report = fixture::report();
        let baseline = Baseline::default().updated(&report.findings[1..2]);
        let g = gate(report.findings.clone(), &baseline, Severity::Conflict);
        let mut out = Vec::new();
        render_gate(GateFormat::Json, &g, &RenderOptions::default(), &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["result"], "fail");
        assert_eq!(v["fail_on"], "conflict");
        assert_eq!(v["summary"]["new"], g.new.len());
        assert_eq!(v["known"][0]["accepted_reason"], crate::baseline::PLACEHOLDER_REASON);
        assert_eq!(v["known"][0]["id"], report.findings[1].id.as_str());
        assert!(v["new"][0].get("changed").is_none(), "no --changed-since: no mark");
    }
}

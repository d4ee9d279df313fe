//! SARIF 2.1.0 for code-scanning services, from serde wire structs.
//!
//! One run; the tool driver `concord` lists one rule per [`FindingKind`]. Every finding the
//! gate shows becomes a result: `level` `error` for conflicts and `warning` for reviews,
//! `baselineState` `new` or `unchanged`, the finding id as the partial fingerprint
//! `concord/v1` (so services track it across line moves), and one location per claim,
//! with `region.startLine`/`startColumn` (columns count Unicode code points, declared by
//! `columnKind`). Accepted findings carry an external suppression with the baseline's reason.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::RenderOptions;
use crate::baseline::Gate;
use crate::check::{Finding, FindingKind, Severity};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    baseline_state: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    properties: Properties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Suppression {
    kind: &'static str,
    status: &'static str,
    justification: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Properties {
    severity: Severity,
    subject: String,
    event: String,
    values: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    changed_sheet: Option<bool>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
    message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<u32>,
}

/// Percent-encodes a relative path into a URI reference: unreserved characters and `/`
/// stay, everything else (spaces, `#`, `?`, `%`, non-ASCII bytes) is encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn level(sev: Severity) -> &'static str {
    match sev {
        Severity::Conflict => "error",
        Severity::Review => "warning",
    }
}

fn rule_index(kind: FindingKind) -> usize {
    FindingKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

fn result(
    f: &Finding,
    state: &'static str,
    accepted: Option<&str>,
    gate: &Gate,
    options: &RenderOptions,
) -> SarifResult {
    let sources: Vec<String> = f.claims.iter().map(|c| format!("{}:{} ({})", c.doc, c.line, c.date)).collect();
    let message = format!(
        "{} — {}: {}. {}. Sources: {}.",
        f.subject,
        f.event,
        f.values.join(" vs "),
        f.reason,
        sources.join(", ")
    );
    let locations = f
        .claims
        .iter()
        .map(|c| {
            let width = u32::try_from(c.date_text.chars().count()).unwrap_or(0);
            Location {
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation { uri: uri(&format!("{}{}", options.path_prefix, c.doc)) },
                    region: Region {
                        start_line: c.line.max(1),
                        start_column: c.column.max(1),
                        end_column: (width > 0).then(|| c.column.max(1).saturating_add(width)),
                    },
                },
                message: Text { text: format!("says {} ({}): {}", c.date, c.date.precision(), c.quote) },
            }
        })
        .collect();
    SarifResult {
        rule_id: f.kind.as_str(),
        rule_index: rule_index(f.kind),
        level: level(f.severity),
        message: Text { text: message },
        locations,
        partial_fingerprints: BTreeMap::from([("concord/v1", f.id.clone())]),
        baseline_state: state,
        suppressions: accepted
            .map(|reason| Suppression { kind: "external", status: "accepted", justification: reason.to_string() })
            .into_iter()
            .collect(),
        properties: Properties {
            severity: f.severity,
            subject: f.subject.clone(),
            event: f.event.clone(),
            values: f.values.clone(),
            changed_sheet: (!gate.changed.is_empty()).then(|| gate.touches_changed(f)),
        },
    }
}

pub(super) fn render(gate: &Gate, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let rules = FindingKind::ALL
        .iter()
        .map(|k| Rule {
            id: k.as_str(),
            name: k.as_str().split('-').map(capitalise).collect(),
            short_description: Text { text: k.description().to_string() },
            full_description: Text { text: k.description().to_string() },
            default_configuration: Configuration { level: level(k.severity()) },
        })
        .collect();
    let mut results: Vec<SarifResult> = Vec::new();
    results.extend(gate.new.iter().map(|f| result(f, "new", None, gate, options)));
    results.extend(gate.below_threshold.iter().map(|f| result(f, "new", None, gate, options)));
    results.extend(gate.known.iter().map(|k| result(&k.finding, "unchanged", Some(&k.entry.reason), gate, options)));
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool { driver: Driver { name: "concord", rules } },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::other)?;
    writeln!(out)
}

fn capitalise(word: &str) -> String {
    let mut c = word.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests;

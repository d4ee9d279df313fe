//! SARIF 2.1.0 for code-scanning services, from serde wire structs.
//!
//! One run; the tool driver `concord` lists one rule per [`FindingKind`]. Every finding the
//! gate shows becomes a result: `level` `error` for conflicts and `warning` for reviews,
//! `baselineState` `new` or `unchanged`, the finding id as the partial fingerprint
//! `concord/v1` (so services track it across line moves). SARIF §3.27.12 wants one
//! `location` unless every one must change, and GitHub rejects results with over 1,000:
//! the one location is the dissenting claim ([`Tally::pointer`]), and the other sources
//! are `relatedLocations`, at most [`MAX_RELATED`], the message counting the rest. Regions
//! give `startLine`/`startColumn` (columns count Unicode code points, declared by
//! `columnKind`). With an absolute corpus path, URIs are relative to the `uriBaseId`
//! `CORPUS`, which `originalUriBaseIds` resolves. Accepted findings carry an external
//! suppression with the baseline's reason. Each warning (an impossible date, an unreadable
//! sheet) is a `warning`-level result at its line under a rule of its kind, listed after
//! the findings' rules only when the run has such a warning.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use serde::Serialize;

use super::RenderOptions;
use super::snippet::plural;
use super::tally::Tally;
use crate::baseline::Gate;
use crate::check::{Finding, FindingKind, Severity};
use crate::extract::Claim;
use crate::warning::{Warning, WarningKind};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Related locations per result; the message counts the sources left out.
pub const MAX_RELATED: usize = 50;

/// The `uriBaseId` of sheet URIs when the corpus path is absolute.
const CORPUS_BASE: &str = "CORPUS";

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
    #[serde(skip_serializing_if = "Option::is_none")]
    original_uri_base_ids: Option<BTreeMap<&'static str, ArtifactLocation>>,
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
    version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Text,
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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_state: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<Properties>,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
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
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<u32>,
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

/// Where sheet URIs are rooted: a relative prefix (`corpus/`) joined to each id, or for an
/// absolute corpus path the `CORPUS` base id, whose `file://` URI the run declares.
fn base(options: &RenderOptions) -> (String, Option<&'static str>) {
    let prefix = options.path_prefix.replace('\\', "/");
    if prefix.starts_with('/') || prefix.get(1..3) == Some(":/") {
        (String::new(), Some(CORPUS_BASE))
    } else {
        (prefix, None)
    }
}

fn location(c: &Claim, id: Option<usize>, quote: Quote, options: &RenderOptions) -> Location {
    let (prefix, uri_base_id) = base(options);
    let width = u32::try_from(c.date_text.chars().count()).unwrap_or(0);
    Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation { uri: uri(&format!("{prefix}{}", c.doc)), uri_base_id },
            region: Region {
                start_line: c.line.max(1),
                start_column: Some(c.column.max(1)),
                end_column: (width > 0).then(|| c.column.max(1).saturating_add(width)),
            },
        },
        message: Text {
            text: if quote == Quote::Full {
                format!("says {} ({}): {}", c.date, c.date.precision(), c.quote)
            } else {
                format!("says {} ({})", c.date, c.date.precision())
            },
        },
    }
}

/// Whether a location's message quotes the sentence: the result's own location does; the
/// related ones, up to fifty per result, only give the value (the file stays small).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    Full,
    ValueOnly,
}

fn result(
    f: &Finding,
    state: &'static str,
    accepted: Option<&str>,
    gate: &Gate,
    options: &RenderOptions,
) -> SarifResult {
    let tally = Tally::of(f);
    let pointer = tally.pointer(&gate.changed);
    let related: Vec<&Claim> =
        tally.dissenters_first().filter(|c| pointer.is_none_or(|p| !std::ptr::eq(*c, p))).take(MAX_RELATED).collect();
    let left_out = f.claims.len().saturating_sub(related.len() + usize::from(pointer.is_some()));
    let mut message =
        format!("{}. {}", super::snippet::headline(&f.subject, &f.event, &tally.line(), str::to_string), f.reason);
    if let Some(how) = pointer.and_then(super::snippet::derivation) {
        message.push_str(&format!(" Inferred: {how}."));
    }
    if left_out > 0 {
        message.push_str(&format!(
            " {} not listed as related locations (at most {MAX_RELATED} are).",
            plural(left_out, "more source")
        ));
    }
    SarifResult {
        rule_id: f.kind.as_str(),
        rule_index: rule_index(f.kind),
        level: level(f.severity),
        message: Text { text: message },
        locations: pointer.map(|c| location(c, None, Quote::Full, options)).into_iter().collect(),
        related_locations: related
            .iter()
            .enumerate()
            .map(|(i, c)| location(c, Some(i + 1), Quote::ValueOnly, options))
            .collect(),
        partial_fingerprints: BTreeMap::from([("concord/v1", f.id.clone())]),
        baseline_state: Some(state),
        suppressions: accepted
            .map(|reason| Suppression { kind: "external", status: "accepted", justification: reason.to_string() })
            .into_iter()
            .collect(),
        properties: Some(Properties {
            severity: f.severity,
            subject: f.subject.clone(),
            event: f.event.clone(),
            values: f.values.clone(),
            changed_sheet: (!gate.changed.is_empty()).then(|| gate.touches_changed(f)),
        }),
    }
}

/// The kinds of warning the gate holds, in order: each gets a rule after the findings' rules.
fn warning_kinds(gate: &Gate) -> Vec<WarningKind> {
    let kinds: BTreeSet<WarningKind> = gate.warnings.iter().map(|w| w.kind).collect();
    kinds.into_iter().collect()
}

/// A warning as a `warning`-level result at the sheet's line: code-scanning services read
/// results (not the run's notifications), and a warning result fails no check by default.
/// Its fingerprint is derived from the kind, sheet and message, so it survives line moves.
fn warning_result(w: &Warning, rule_index: usize, options: &RenderOptions) -> SarifResult {
    let (prefix, uri_base_id) = base(options);
    let locations = w
        .doc
        .as_ref()
        .map(|doc| Location {
            id: None,
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation { uri: uri(&format!("{prefix}{doc}")), uri_base_id },
                region: Region { start_line: w.line.unwrap_or(1).max(1), start_column: w.column, end_column: None },
            },
            message: Text { text: w.message.clone() },
        })
        .into_iter()
        .collect();
    let key = format!("{}\n{}\n{}", w.kind, w.doc.as_ref().map_or("", |d| d.as_str()), w.message);
    let fingerprint = format!("W-{}", &blake3::hash(key.as_bytes()).to_hex()[..16]);
    SarifResult {
        rule_id: w.kind.as_str(),
        rule_index,
        level: "warning",
        message: Text { text: w.message.clone() },
        locations,
        related_locations: Vec::new(),
        partial_fingerprints: BTreeMap::from([("concord/v1", fingerprint)]),
        baseline_state: None,
        suppressions: Vec::new(),
        properties: None,
    }
}

/// A `file://` URI for an absolute directory path, ending in `/`.
fn file_uri(dir: &str) -> String {
    let dir = dir.replace('\\', "/");
    let dir = if dir.ends_with('/') { dir } else { format!("{dir}/") };
    if dir.starts_with('/') { format!("file://{}", uri(&dir)) } else { format!("file:///{}", uri(&dir)) }
}

/// A rule: `id` in kebab case (its name in camel case), described by `description`, with
/// `advice` on what to do after it in the help text.
fn rule(id: &'static str, description: &str, advice: &str, level: &'static str) -> Rule {
    Rule {
        id,
        name: id.split('-').map(capitalise).collect(),
        short_description: Text { text: description.to_string() },
        full_description: Text { text: description.to_string() },
        help: Text { text: format!("{description} {advice}") },
        default_configuration: Configuration { level },
    }
}

pub(super) fn render(gate: &Gate, options: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    const FINDING_ADVICE: &str = "Read each quoted source and correct the sheet that is wrong, or accept the finding \
                                  with a reason in the baseline (concord check --update-baseline).";
    const WARNING_ADVICE: &str = "Correct the sheet at the position given; a warning never fails the gate.";
    let mut rules: Vec<Rule> = FindingKind::ALL
        .iter()
        .map(|k| rule(k.as_str(), k.description(), FINDING_ADVICE, level(k.severity())))
        .collect();
    // Warning rules only when the run has such warnings: a clean run's log is unchanged.
    let kinds = warning_kinds(gate);
    rules.extend(kinds.iter().map(|k| rule(k.as_str(), k.description(), WARNING_ADVICE, "warning")));
    let mut results: Vec<SarifResult> = Vec::new();
    results.extend(gate.new.iter().map(|f| result(f, "new", None, gate, options)));
    results.extend(gate.below_threshold.iter().map(|f| result(f, "new", None, gate, options)));
    results.extend(gate.known.iter().map(|k| result(&k.finding, "unchanged", Some(&k.entry.reason), gate, options)));
    results.extend(gate.warnings.iter().map(|w| {
        let index = FindingKind::ALL.len() + kinds.iter().position(|k| *k == w.kind).unwrap_or(0);
        warning_result(w, index, options)
    }));
    let original_uri_base_ids = base(options)
        .1
        .map(|id| BTreeMap::from([(id, ArtifactLocation { uri: file_uri(&options.path_prefix), uri_base_id: None })]));
    let information_uri =
        option_env!("CARGO_PKG_REPOSITORY").or(option_env!("CARGO_PKG_HOMEPAGE")).filter(|u| !u.is_empty());
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver { name: "concord", version: env!("CARGO_PKG_VERSION"), information_uri, rules },
            },
            original_uri_base_ids,
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log).map_err(super::json::io_error)?;
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

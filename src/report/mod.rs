//! Reports: a finished, sorted [`Report`] rendered in one of several formats.
//!
//! In: findings and a timeline from [`crate::check`], counts and warnings from the pipeline;
//! for the CI gate, a [`Gate`] from [`crate::baseline`]. Out: bytes on an
//! [`io::Write`]. Building a report runs nothing: the pipeline cross-checks
//! and hands the findings over. Renderers never read files, sort or filter: order is
//! decided once, in [`crate::check`] and [`Report::new`]. Each format is one small file
//! with one `render` function, picked by one exhaustive `match` here. The listings
//! (`search`, `dates`, `bodies`, `claims`) are the same family in [`listing`]: one text
//! and one JSON Lines renderer, picked by [`listing::ListFormat`].
//!
//! ```
//! use concord::report::{render, Format, RenderOptions, Report};
//! let report = Report::new(Vec::new(), Vec::new(), 0, 0, Vec::new());
//! let mut out = Vec::new();
//! render(Format::Text, &report, &RenderOptions::default(), &mut out).unwrap();
//! assert_eq!(String::from_utf8(out).unwrap(), "summary: no findings; 0 claims from 0 sheets compared\n");
//! ```

pub mod chronology;
mod concise;
mod github;
pub(crate) mod html;
mod json;
pub mod listing;
mod markdown;
mod sarif;
pub mod snippet;
mod statistics;
mod style;
pub mod tally;
mod text;

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::str::FromStr;

use serde::Serialize;

use crate::baseline::Gate;
use crate::check::{Finding, Severity, TimelineEntry};
pub use crate::warning::{Warning, WarningKind};
pub use style::Style;

/// Counts for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Findings of severity conflict.
    pub conflicts: usize,
    /// Findings of severity review.
    pub reviews: usize,
    /// Claims compared.
    pub claims: usize,
    /// Sheets read.
    pub sheets: usize,
    /// Distinct subjects with at least one claim.
    pub subjects: usize,
    /// Warnings recorded.
    pub warnings: usize,
}

/// The timeline entries of one subject, as indices into [`Report::timeline`], in date order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectTimeline {
    /// The canonical subject.
    pub subject: String,
    /// Indices into [`Report::timeline`].
    pub entries: Vec<usize>,
}

/// Everything a renderer needs, sorted.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Findings, sorted by severity, subject, event, earliest date.
    pub findings: Vec<Finding>,
    /// The merged chronology, sorted by date.
    pub timeline: Vec<TimelineEntry>,
    /// The timeline grouped by subject (subjects in name order).
    pub subjects: Vec<SubjectTimeline>,
    /// Counts.
    pub summary: Summary,
    /// Per-sheet problems that did not stop the run, sorted.
    pub warnings: Vec<Warning>,
}

impl Report {
    /// Assembles a report from already-sorted findings and timeline; counts the rest.
    pub fn new(
        findings: Vec<Finding>,
        timeline: Vec<TimelineEntry>,
        claims: usize,
        sheets: usize,
        mut warnings: Vec<Warning>,
    ) -> Report {
        warnings.sort();
        let mut by_subject: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, e) in timeline.iter().enumerate() {
            by_subject.entry(e.subject.as_str()).or_default().push(i);
        }
        let subjects: Vec<SubjectTimeline> = by_subject
            .into_iter()
            .map(|(subject, entries)| SubjectTimeline { subject: subject.to_string(), entries })
            .collect();
        let summary = Summary {
            conflicts: findings.iter().filter(|f| f.severity == Severity::Conflict).count(),
            reviews: findings.iter().filter(|f| f.severity == Severity::Review).count(),
            claims,
            sheets,
            subjects: subjects.len(),
            warnings: warnings.len(),
        };
        Report { findings, timeline, subjects, summary, warnings }
    }
}

/// An output format of `concord report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// Compiler-style diagnostics for a terminal.
    #[default]
    Text,
    /// One line per finding: `path:line:col: conflict[C-…] subject — event: values`.
    Concise,
    /// The same, as Markdown for pasting into a review.
    Markdown,
    /// One JSON document with a `schema_version`.
    Json,
    /// One self-contained HTML page with findings and a timeline per subject.
    Html,
}

impl Format {
    /// All formats, for help texts.
    pub const ALL: [Format; 5] = [Format::Text, Format::Concise, Format::Markdown, Format::Json, Format::Html];

    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Concise => "concise",
            Format::Markdown => "markdown",
            Format::Json => "json",
            Format::Html => "html",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = crate::Error;

    fn from_str(s: &str) -> crate::Result<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "text" | "txt" => Ok(Format::Text),
            "concise" => Ok(Format::Concise),
            "markdown" | "md" => Ok(Format::Markdown),
            "json" => Ok(Format::Json),
            "html" | "htm" => Ok(Format::Html),
            other => Err(crate::Error::Invalid(format!(
                "unknown report format {other:?} (expected text, concise, markdown, json or html)"
            ))),
        }
    }
}

/// An output format of `concord check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum GateFormat {
    /// Compiler-style text: new findings in full, known ones listed, stale entries.
    #[default]
    Text,
    /// One line per finding the gate shows, then the verdict.
    Concise,
    /// One JSON document: new, below-threshold, known, stale.
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`), one per finding.
    Github,
    /// SARIF 2.1.0 for code-scanning services.
    Sarif,
}

impl GateFormat {
    /// All formats, for help texts.
    pub const ALL: [GateFormat; 5] =
        [GateFormat::Text, GateFormat::Concise, GateFormat::Json, GateFormat::Github, GateFormat::Sarif];

    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            GateFormat::Text => "text",
            GateFormat::Concise => "concise",
            GateFormat::Json => "json",
            GateFormat::Github => "github",
            GateFormat::Sarif => "sarif",
        }
    }
}

impl fmt::Display for GateFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for GateFormat {
    type Err = crate::Error;

    fn from_str(s: &str) -> crate::Result<GateFormat> {
        match s.trim().to_ascii_lowercase().as_str() {
            "text" | "txt" => Ok(GateFormat::Text),
            "concise" => Ok(GateFormat::Concise),
            "json" => Ok(GateFormat::Json),
            "github" | "github-actions" | "gha" => Ok(GateFormat::Github),
            "sarif" => Ok(GateFormat::Sarif),
            other => Err(crate::Error::Invalid(format!(
                "unknown check format {other:?} (expected text, concise, json, github or sarif)"
            ))),
        }
    }
}

/// How to render: decided by the binary, never read from the environment here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// ANSI colour in text output (the binary decides: terminal and `NO_COLOR` unset).
    pub color: bool,
    /// Prefix that turns a sheet's corpus-relative id into a repository-relative path
    /// (`"corpus/"`), used where a consumer resolves paths itself: `github` and `sarif`.
    pub path_prefix: String,
    /// How much besides the findings to print.
    pub verbosity: Verbosity,
}

/// How much a human format prints besides the findings themselves.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Verbosity {
    /// Findings only: no `summary:`, `check:`, `result:` or `timeline:` lines (`-q`).
    Quiet,
    /// Findings, one line per accepted finding, and the summary lines.
    #[default]
    Normal,
    /// Also the baseline's reason for each accepted finding (`--verbose`).
    Verbose,
}

/// Renders a report in `format` to `out`.
///
/// # Errors
///
/// Only the writer's errors.
pub fn render(format: Format, report: &Report, options: &RenderOptions, out: &mut dyn io::Write) -> io::Result<()> {
    match format {
        Format::Text => text::render(report, options, out),
        Format::Concise => concise::render(report, options, out),
        Format::Markdown => markdown::render(report, out),
        Format::Json => json::render(report, out),
        Format::Html => html::render(report, out),
    }
}

/// Writes how many findings each rule raised, by severity (`report --statistics`).
///
/// # Errors
///
/// Only the writer's errors.
pub fn render_statistics(report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
    statistics::render(report.findings.iter(), "findings", out)
}

/// Writes how many findings the gate shows per rule and severity, then its verdict
/// (`check --statistics`).
///
/// # Errors
///
/// Only the writer's errors.
pub fn render_gate_statistics(gate: &Gate, out: &mut dyn io::Write) -> io::Result<()> {
    statistics::render(gate.new.iter().chain(&gate.below_threshold), "new findings", out)?;
    writeln!(out, "result: {}", gate.verdict())
}

/// Renders the merged chronology (`concord timeline`) in `format` to `out`.
///
/// # Errors
///
/// Only the writer's errors.
pub fn render_timeline(
    format: Format,
    report: &Report,
    options: &RenderOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        Format::Text | Format::Concise => text::render_timeline(report, options, out),
        Format::Markdown => markdown::render_timeline(report, out),
        Format::Json => json::render_timeline(report, out),
        Format::Html => chronology::render_page(report, &chronology::PageOptions::default(), out),
    }
}

/// Renders the result of the CI gate in `format` to `out`.
///
/// # Errors
///
/// Only the writer's errors.
pub fn render_gate(
    format: GateFormat,
    gate: &Gate,
    options: &RenderOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        GateFormat::Text => text::render_gate(gate, options, out),
        GateFormat::Concise => concise::render_gate(gate, options, out),
        GateFormat::Json => json::render_gate(gate, out),
        GateFormat::Github => github::render(gate, options, out),
        GateFormat::Sarif => sarif::render(gate, options, out),
    }
}

/// The shared hand-built fixture every renderer is snapshot-tested on.
#[cfg(test)]
pub(crate) mod fixture {
    use super::*;
    use crate::check::tests::claim;
    use crate::extract::{Claim, Event, Figure, Qualifier};

    /// Claims with one date conflict, one wording review, one figure review, one
    /// agreement, hostile text in a quote and a multi-byte subject.
    pub(crate) fn claims() -> Vec<Claim> {
        let mut outreach = claim("background.md", 5, "NATO-Russia relations", Event::Outreach, "1990");
        outreach.agent = Some("NATO".into());
        outreach.quote = "NATO began reaching out to Russia in 1990.".into();
        outreach.quote_date = crate::Span::new(37, 41);
        outreach.column = 38;
        let mut began = claim("overview.txt", 1, "NATO-Russia relations", Event::Began, "1991");
        began.qualifiers = vec![Qualifier::Formal];
        began.quote = "NATO-Russia relations formally began in 1991 at the opening session of the North Atlantic \
                       Cooperation Council (later renamed the Euro-Atlantic Partnership Council), which was created \
                       following the end of the Cold War."
            .into();
        began.quote_date = crate::Span::new(40, 44);
        began.column = 41;
        let mut nrc_a = claim("overview.txt", 3, "NATO-Russia Council", Event::Established, "2002-05");
        nrc_a.figures = vec![Figure { value: 26, noun: "ally".into() }];
        let mut nrc_b = claim("pjc.txt", 12, "NATO-Russia Council", Event::Established, "2002-05-28");
        nrc_b.figures = vec![Figure { value: 19, noun: "ally".into() }];
        let mut hostile = claim("evil <sheet>.txt", 7, "Permanent Joint Council", Event::Established, "1998");
        hostile.quote =
            "<script>document.title='pwned'</script> | *PJC* set up in 1998 ::error::x\n%0A & \"more\"".into();
        let at = hostile.quote.find("1998").unwrap();
        hostile.quote_date = crate::Span::new(at, at + 4);
        let mut rome = claim("pjc.txt", 25, "Permanent Joint Council", Event::Established, "1997-05-27");
        rome.quote = "Le Conseil conjoint permanent (CCP) a été créé le 27 mai 1997 à Paris.".into();
        let at = rome.quote.find("27 mai").unwrap();
        rome.quote_date = crate::Span::new(at, at + "27 mai 1997".len());
        rome.date_text = "27 mai 1997".into();
        vec![
            outreach,
            began,
            nrc_a,
            nrc_b,
            hostile,
            rome,
            claim("background.md", 30, "Permanent Joint Council", Event::Established, "1997"),
            claim("overview.txt", 9, "Founding Act", Event::Signed, "1997-05"),
            claim("pjc.txt", 2, "Founding Act", Event::Signed, "1997-05-27"),
        ]
    }

    /// The shared report.
    pub(crate) fn report() -> Report {
        let warnings = vec![Warning {
            doc: Some(crate::DocId("pjc.txt".into())),
            line: Some(40),
            column: Some(12),
            kind: WarningKind::ImpossibleDate,
            message: "impossible date \"31 June 1997\": June has 30 days".into(),
        }];
        crate::pipeline::report_of_claims(&claims(), 4, warnings)
    }
}

/// Every gate format shows the run's warnings, and none changes the verdict.
#[cfg(test)]
mod warning_tests {
    use super::*;
    use crate::baseline::{Baseline, gate};

    fn warned_gate() -> Gate {
        let report = fixture::report();
        // Every finding accepted: the gate passes, with the fixture's warning and an unreadable sheet.
        let baseline = Baseline::default().updated(&report.findings);
        let unreadable = Warning {
            doc: Some(crate::DocId("notes/bad.txt".into())),
            line: Some(2),
            column: None,
            kind: WarningKind::Unreadable,
            message: "invalid UTF-8 at byte offset 9; sheet left out".into(),
        };
        let mut warnings = report.warnings.clone();
        warnings.push(unreadable);
        gate(report.findings, &baseline, Severity::Conflict).with_warnings(warnings)
    }

    fn rendered(format: GateFormat, prefix: &str) -> String {
        let options = RenderOptions { path_prefix: prefix.into(), ..RenderOptions::default() };
        let mut out = Vec::new();
        render_gate(format, &warned_gate(), &options, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn warnings_never_fail_the_gate() {
        let g = warned_gate();
        assert_eq!(g.warnings.len(), 2);
        assert!(!g.failed());
        assert_eq!(g.warnings[0].doc.as_ref().map(crate::DocId::as_str), Some("notes/bad.txt"), "sorted by sheet");
    }

    #[test]
    fn text_and_concise_name_the_sheet_and_line() {
        let text = rendered(GateFormat::Text, "");
        assert!(
            text.contains(
                "warning[impossible-date]: pjc.txt:40:12: impossible date \"31 June 1997\": June has 30 days"
            ),
            "{text}"
        );
        assert!(text.contains("warning[unreadable]: notes/bad.txt:2: invalid UTF-8"), "{text}");
        assert!(text.contains("; 2 warnings\nresult: pass"), "{text}");
        let concise = rendered(GateFormat::Concise, "");
        assert!(concise.contains("pjc.txt:40:12: warning[impossible-date] impossible date"), "{concise}");
        assert!(concise.ends_with("0 stale, 2 warnings; result: pass\n"), "{concise}");
    }

    #[test]
    fn json_lists_them_and_counts_them() {
        let v: serde_json::Value = serde_json::from_str(&rendered(GateFormat::Json, "")).unwrap();
        assert_eq!(v["result"], "pass");
        assert_eq!(v["summary"]["warnings"], 2);
        let w = &v["warnings"][1];
        assert_eq!(
            (w["doc"].as_str(), w["line"].as_u64(), w["column"].as_u64()),
            (Some("pjc.txt"), Some(40), Some(12))
        );
        assert_eq!(w["kind"], "impossible-date");
        assert_eq!(v["warnings"][0]["kind"], "unreadable");
    }

    #[test]
    fn github_annotates_each_at_its_line() {
        let out = rendered(GateFormat::Github, "corpus/");
        assert!(
            out.contains(
                "::warning file=corpus/pjc.txt,line=40,col=12,title=concord impossible-date::impossible date \"31 June 1997\": June has 30 days\n"
            ),
            "{out}"
        );
        assert!(
            out.contains("::warning file=corpus/notes/bad.txt,line=2,title=concord unreadable::invalid UTF-8"),
            "{out}"
        );
        assert!(!out.contains("::error"), "{out}");
    }

    #[test]
    fn sarif_has_a_warning_result_under_a_rule_of_its_kind() {
        let v: serde_json::Value = serde_json::from_str(&rendered(GateFormat::Sarif, "corpus/")).unwrap();
        let run = &v["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        let results = run["results"].as_array().unwrap();
        let warnings: Vec<&serde_json::Value> = results.iter().filter(|r| r["baselineState"].is_null()).collect();
        assert_eq!(warnings.len(), 2);
        for r in &warnings {
            assert_eq!(r["level"], "warning");
            let index = usize::try_from(r["ruleIndex"].as_u64().unwrap()).unwrap();
            assert_eq!(rules[index]["id"], r["ruleId"]);
            assert!(r["partialFingerprints"]["concord/v1"].as_str().unwrap().starts_with("W-"));
        }
        let date = warnings.iter().find(|r| r["ruleId"] == "impossible-date").unwrap();
        let region = &date["locations"][0]["physicalLocation"];
        assert_eq!(region["artifactLocation"]["uri"], "corpus/pjc.txt");
        assert_eq!(
            (region["region"]["startLine"].as_u64(), region["region"]["startColumn"].as_u64()),
            (Some(40), Some(12))
        );
    }

    #[test]
    fn a_gate_without_warnings_lists_no_warning_rules() {
        let report = fixture::report();
        let g = gate(report.findings, &Baseline::default(), Severity::Conflict);
        let mut out = Vec::new();
        render_gate(GateFormat::Sarif, &g, &RenderOptions::default(), &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(
            v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap().len(),
            crate::check::FindingKind::ALL.len()
        );
        let mut json = Vec::new();
        render_gate(GateFormat::Json, &g, &RenderOptions::default(), &mut json).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert!(v.get("warnings").is_none() && v["summary"].get("warnings").is_none());
    }
}

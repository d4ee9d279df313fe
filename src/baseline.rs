//! The CI gate's baseline: findings a team has looked at and accepted, with their reasons.
//!
//! In: the committed `concord-baseline.json` and the current findings. Out: a [`Gate`] that
//! splits the findings into new (they fail the gate), below the threshold (shown only),
//! known (accepted) and the stale baseline entries whose finding no longer exists.
//!
//! The file is JSON, pretty-printed with one entry per accepted finding id, sorted by
//! severity, subject, event and id so that a diff reads like a list of decisions:
//!
//! ```json
//! {
//!   "schema_version": 1,
//!   "entries": [
//!     {
//!       "id": "C-1a2b3c4d",
//!       "severity": "conflict",
//!       "subject": "North Atlantic Cooperation Council",
//!       "event": "established",
//!       "values": ["1990", "1991"],
//!       "reason": "background.md counts the 1990 London offer as the start; accepted"
//!     }
//!   ]
//! }
//! ```
//!
//! Files are written with [`crate::atomic::write_atomic`]: a crash never leaves half a baseline.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::check::{Finding, Severity};
use crate::corpus::DocId;
use crate::error::{Error, Result};
use crate::warning::Warning;

/// The default file name of the baseline, at the repository root.
pub const BASELINE_FILE: &str = "concord-baseline.json";

/// The baseline format this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// The reason given to entries added by `--update-baseline`, until a person writes one.
pub const PLACEHOLDER_REASON: &str = "TODO: explain why this finding is accepted";

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    /// The finding id (`C-…` or `R-…`).
    pub id: String,
    /// Its severity when accepted.
    pub severity: Severity,
    /// Its subject, for the reader.
    pub subject: String,
    /// Its event label, for the reader.
    pub event: String,
    /// Its values, for the reader.
    pub values: Vec<String>,
    /// Why the finding is accepted: free text written by a person.
    pub reason: String,
}

impl BaselineEntry {
    /// A new entry for `finding` with `reason`.
    pub fn for_finding(finding: &Finding, reason: String) -> BaselineEntry {
        BaselineEntry {
            id: finding.id.clone(),
            severity: finding.severity,
            subject: finding.subject.clone(),
            event: finding.event.clone(),
            values: finding.values.clone(),
            reason,
        }
    }

    fn order_key(&self) -> (Severity, &str, &str, &str) {
        (self.severity, &self.subject, &self.event, &self.id)
    }
}

/// The accepted findings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// Entries, sorted by severity, subject, event, id; ids unique.
    pub entries: Vec<BaselineEntry>,
}

/// The file's shape on disk.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    schema_version: u32,
    entries: Vec<BaselineEntry>,
}

/// Whether `id` looks like a finding id: `C-` or `R-`, 8 lower-case hex digits, and an
/// optional `-N` suffix for the rare collision.
fn valid_id(id: &str) -> bool {
    let Some(rest) = id.strip_prefix("C-").or_else(|| id.strip_prefix("R-")) else { return false };
    let (hex, suffix) = match rest.split_once('-') {
        Some((h, s)) => (h, Some(s)),
        None => (rest, None),
    };
    hex.len() == 8
        && hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        && suffix.is_none_or(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
}

impl Baseline {
    /// Parses a baseline from JSON text; `path` only names the file in errors.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] naming what is wrong: invalid JSON (with line and column), a missing
    /// or unknown field, an unsupported `schema_version`, a malformed or duplicate id, or an
    /// entry whose id prefix does not match its severity.
    pub fn parse(text: &str, path: &Path) -> Result<Baseline> {
        let err = |message: String| Error::Parse { path: path.to_path_buf(), message, source: None };
        let file: BaselineFile = serde_json::from_str(text).map_err(|e| Error::Parse {
            path: path.to_path_buf(),
            message: "invalid baseline".into(),
            source: Some(Box::new(e)),
        })?;
        if file.schema_version != SCHEMA_VERSION {
            return Err(err(format!(
                "unsupported schema_version {} (this concord reads version {SCHEMA_VERSION})",
                file.schema_version
            )));
        }
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, e) in file.entries.iter().enumerate() {
            let n = i + 1;
            if !valid_id(&e.id) {
                return Err(err(format!("entry {n}: malformed id {:?} (expected C- or R- and 8 hex digits)", e.id)));
            }
            let expected = match e.severity {
                Severity::Conflict => "C-",
                Severity::Review => "R-",
            };
            if !e.id.starts_with(expected) {
                return Err(err(format!("entry {n}: id {} does not match severity {}", e.id, e.severity)));
            }
            if let Some(first) = seen.insert(&e.id, n) {
                return Err(err(format!("entry {n}: duplicate id {} (first in entry {first})", e.id)));
            }
        }
        let mut entries = file.entries;
        entries.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        Ok(Baseline { entries })
    }

    /// Reads the baseline at `path`.
    ///
    /// # Errors
    ///
    /// [`Error::Read`] when the file cannot be read (including when it does not exist: see
    /// [`Baseline::load_or_empty`]), [`Error::Parse`] as for [`Baseline::parse`].
    pub fn load(path: &Path) -> Result<Baseline> {
        let bytes = fs::read(path).map_err(|source| Error::Read { path: path.to_path_buf(), source })?;
        let text = std::str::from_utf8(&bytes).map_err(|e| Error::Parse {
            path: path.to_path_buf(),
            message: format!("invalid UTF-8 at byte offset {}", e.valid_up_to()),
            source: Some(Box::new(e)),
        })?;
        Baseline::parse(text, path)
    }

    /// Reads the baseline at `path`, or an empty one when the file does not exist.
    ///
    /// # Errors
    ///
    /// As [`Baseline::load`], except for a missing file.
    pub fn load_or_empty(path: &Path) -> Result<Baseline> {
        match Baseline::load(path) {
            Err(Error::Read { source, .. }) if source.kind() == io::ErrorKind::NotFound => Ok(Baseline::default()),
            other => other,
        }
    }

    /// The pretty JSON text of the file, ending in a newline.
    pub fn to_json(&self) -> String {
        let mut entries = self.entries.clone();
        entries.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        let file = BaselineFile { schema_version: SCHEMA_VERSION, entries };
        // Serialising plain strings, numbers and enums into a String cannot fail.
        let mut s = serde_json::to_string_pretty(&file).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Writes the baseline to `path` atomically.
    ///
    /// # Errors
    ///
    /// [`Error::Write`] naming `path`.
    pub fn save(&self, path: &Path) -> Result<()> {
        crate::atomic::write_atomic(path, self.to_json().as_bytes())
    }

    /// The entry for finding `id`, if accepted.
    pub fn get(&self, id: &str) -> Option<&BaselineEntry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// The baseline that accepts exactly `findings`: existing entries keep their reasons,
    /// new ones get [`PLACEHOLDER_REASON`], entries of vanished findings are dropped.
    pub fn updated(&self, findings: &[Finding]) -> Baseline {
        let reasons: BTreeMap<&str, &str> = self.entries.iter().map(|e| (e.id.as_str(), e.reason.as_str())).collect();
        let mut seen = BTreeSet::new();
        let mut entries: Vec<BaselineEntry> = findings
            .iter()
            .filter(|f| seen.insert(f.id.as_str()))
            .map(|f| {
                let reason = reasons.get(f.id.as_str()).map_or(PLACEHOLDER_REASON, |r| r).to_string();
                BaselineEntry::for_finding(f, reason)
            })
            .collect();
        entries.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        Baseline { entries }
    }
}

/// A finding the baseline accepts, with the accepted entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Known {
    /// The current finding.
    pub finding: Finding,
    /// The baseline entry that accepts it.
    pub entry: BaselineEntry,
}

/// The gate's verdict on the current findings.
#[derive(Debug, Clone, PartialEq)]
pub struct Gate {
    /// Findings not in the baseline at or above the threshold: each fails the gate.
    pub new: Vec<Finding>,
    /// Findings not in the baseline below the threshold: shown, never failing.
    pub below_threshold: Vec<Finding>,
    /// Findings the baseline accepts.
    pub known: Vec<Known>,
    /// Baseline entries whose finding no longer exists.
    pub stale: Vec<BaselineEntry>,
    /// The threshold the gate was run with.
    pub fail_on: Severity,
    /// Sheets changed since the `--changed-since` revision (empty when not asked).
    pub changed: BTreeSet<DocId>,
    /// Claims compared (set with [`Gate::with_counts`]).
    pub claims: usize,
    /// Sheets read.
    pub sheets: usize,
    /// What stale entries and unexplained reasons do to the verdict.
    pub policy: StalePolicy,
    /// Problems with sheets that did not stop the run, sorted; shown by every format,
    /// never part of the verdict.
    pub warnings: Vec<Warning>,
}

/// What a stale baseline entry, or an accepted finding whose reason is still the
/// placeholder, does to the verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StalePolicy {
    /// Stale entries and `TODO` reasons are reported but pass.
    #[default]
    Report,
    /// Both fail the gate (`--strict`).
    Fail,
}

impl Gate {
    /// Whether the gate fails: a new finding, or under [`StalePolicy::Fail`] a stale entry
    /// or an accepted finding whose reason still starts with `TODO`. Every format prints
    /// this verdict, and the binary's exit status follows it.
    pub fn failed(&self) -> bool {
        !self.new.is_empty()
            || (self.policy == StalePolicy::Fail && (!self.stale.is_empty() || self.unexplained().next().is_some()))
    }

    /// `"pass"` or `"fail"`, as [`Gate::failed`] decides.
    pub fn verdict(&self) -> &'static str {
        if self.failed() { "fail" } else { "pass" }
    }

    /// Accepted findings whose baseline reason was never written (still `TODO…`).
    pub fn unexplained(&self) -> impl Iterator<Item = &Known> {
        self.known.iter().filter(|k| k.entry.reason.trim_start().starts_with("TODO"))
    }

    /// Sets what stale entries and unexplained reasons do to the verdict.
    pub fn with_policy(mut self, policy: StalePolicy) -> Gate {
        self.policy = policy;
        self
    }

    /// Records the sheets changed since a revision and moves the findings that involve
    /// them to the front of each list (stable: the order within each part is kept).
    pub fn with_changed(mut self, changed: BTreeSet<DocId>) -> Gate {
        let touches = |f: &Finding| f.involves_any(&changed);
        self.new.sort_by_key(|f| !touches(f));
        self.below_threshold.sort_by_key(|f| !touches(f));
        self.known.sort_by_key(|k| !touches(&k.finding));
        self.changed = changed;
        self
    }

    /// Records how many claims and sheets were compared, for the summary line.
    pub fn with_counts(mut self, claims: usize, sheets: usize) -> Gate {
        self.claims = claims;
        self.sheets = sheets;
        self
    }

    /// Records the run's warnings (sorted here); they never change the verdict.
    pub fn with_warnings(mut self, mut warnings: Vec<Warning>) -> Gate {
        warnings.sort();
        self.warnings = warnings;
        self
    }

    /// Whether `finding` involves a sheet changed since the `--changed-since` revision.
    pub fn touches_changed(&self, finding: &Finding) -> bool {
        finding.involves_any(&self.changed)
    }
}

/// Compares `findings` (sorted, as [`crate::check::cross_check`] returns them) with the
/// baseline. Findings keep their order within each part of the [`Gate`]. They are moved,
/// not copied: each holds its claims, which on a large corpus are most of the memory.
pub fn gate(findings: Vec<Finding>, baseline: &Baseline, fail_on: Severity) -> Gate {
    let current: BTreeSet<&str> = findings.iter().map(|f| f.id.as_str()).collect();
    let stale = baseline.entries.iter().filter(|e| !current.contains(e.id.as_str())).cloned().collect();
    drop(current);
    // The first entry of an id wins, as in `Baseline::get`.
    let mut accepted: BTreeMap<&str, &BaselineEntry> = BTreeMap::new();
    for e in &baseline.entries {
        accepted.entry(e.id.as_str()).or_insert(e);
    }
    let mut new = Vec::new();
    let mut below_threshold = Vec::new();
    let mut known = Vec::new();
    for f in findings {
        match accepted.get(f.id.as_str()) {
            Some(entry) => known.push(Known { entry: (*entry).clone(), finding: f }),
            None if f.severity.reaches(fail_on) => new.push(f),
            None => below_threshold.push(f),
        }
    }
    Gate {
        new,
        below_threshold,
        known,
        stale,
        fail_on,
        changed: BTreeSet::new(),
        claims: 0,
        sheets: 0,
        policy: StalePolicy::Report,
        warnings: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{cross_check, tests::claim};
    use crate::extract::Event;

    fn findings() -> Vec<Finding> {
        let mut low = claim("c.txt", 1, "NRC", Event::Established, "2003");
        low.confidence = 0.1;
        cross_check(&[
            claim("a.txt", 1, "NACC", Event::Established, "1990"),
            claim("b.txt", 5, "NACC", Event::Established, "1991"),
            claim("a.txt", 2, "NRC", Event::Established, "2002"),
            low,
        ])
    }

    #[test]
    fn update_keeps_reasons_and_adds_placeholders() {
        let f = findings();
        assert_eq!(f.len(), 2);
        let b = Baseline::default().updated(&f);
        assert_eq!(b.entries.len(), 2);
        assert!(b.entries.iter().all(|e| e.reason == PLACEHOLDER_REASON));
        let mut edited = b.clone();
        edited.entries[0].reason = "accepted: the 1990 date is the London offer".into();
        let again = edited.updated(&f);
        assert_eq!(again.entries[0].reason, "accepted: the 1990 date is the London offer");
        assert_eq!(again.updated(&f[..1]).entries.len(), 1, "vanished findings are dropped");
    }

    #[test]
    fn gate_splits_new_known_stale_and_threshold() {
        let f = findings();
        let g = gate(f.clone(), &Baseline::default(), Severity::Conflict);
        assert_eq!((g.new.len(), g.below_threshold.len(), g.known.len(), g.stale.len()), (1, 1, 0, 0));
        assert!(g.failed());
        let g = gate(f.clone(), &Baseline::default(), Severity::Review);
        assert_eq!((g.new.len(), g.below_threshold.len()), (2, 0));

        let accepted = Baseline::default().updated(&f);
        let g = gate(f.clone(), &accepted, Severity::Review);
        assert_eq!((g.new.len(), g.known.len(), g.stale.len()), (0, 2, 0));
        assert!(!g.failed());
        assert!(g.with_policy(StalePolicy::Fail).failed(), "placeholder reasons fail under --strict");

        let mut explained = accepted.clone();
        explained.entries.iter_mut().for_each(|e| e.reason = "checked against the minutes".into());
        let g = gate(f.clone(), &explained, Severity::Review).with_policy(StalePolicy::Fail);
        assert!(!g.failed() && g.verdict() == "pass");

        let g = gate(f[1..].to_vec(), &explained, Severity::Review);
        assert_eq!(g.stale.len(), 1);
        assert!(!g.failed());
        let g = g.with_policy(StalePolicy::Fail);
        assert!(g.failed() && g.verdict() == "fail");
    }

    #[test]
    fn changed_sheets_come_first() {
        let f = cross_check(&[
            claim("a.txt", 1, "AAA", Event::Established, "1990"),
            claim("b.txt", 1, "AAA", Event::Established, "1991"),
            claim("c.txt", 1, "BBB", Event::Established, "1990"),
            claim("d.txt", 1, "BBB", Event::Established, "1991"),
        ]);
        let g = gate(f.clone(), &Baseline::default(), Severity::Conflict);
        assert_eq!(g.new[0].subject, "AAA");
        let g = g.with_changed([DocId("d.txt".into())].into());
        assert_eq!(g.new[0].subject, "BBB");
        assert!(g.touches_changed(&g.new[0]) && !g.touches_changed(&g.new[1]));
    }

    #[test]
    fn round_trips_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(BASELINE_FILE);
        let b = Baseline::default().updated(&findings());
        b.save(&path).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("{\n  \"schema_version\": 1,\n  \"entries\": [\n"), "{text}");
        assert!(text.ends_with("}\n"));
        assert_eq!(Baseline::load(&path).unwrap(), b);
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file left behind");
        assert_eq!(Baseline::load_or_empty(&dir.path().join("missing.json")).unwrap(), Baseline::default());
        assert!(matches!(Baseline::load(&dir.path().join("missing.json")), Err(Error::Read { .. })));
    }

    #[test]
    fn broken_baselines_name_the_problem() {
        let p = Path::new("concord-baseline.json");
        let entry = |id: &str, sev: &str| {
            format!(r#"{{"id":"{id}","severity":"{sev}","subject":"s","event":"e","values":["1990"],"reason":"ok"}}"#)
        };
        let file = |entries: &[String]| format!(r#"{{"schema_version":1,"entries":[{}]}}"#, entries.join(","));
        let cases: Vec<(String, &str)> = vec![
            ("{".into(), "EOF while parsing"),
            ("".into(), "line 1 column 0"),
            (r#"{"schema_version":2,"entries":[]}"#.into(), "unsupported schema_version 2"),
            (r#"{"entries":[]}"#.into(), "missing field `schema_version`"),
            (file(&[entry("C-1234567", "conflict")]), "entry 1: malformed id \"C-1234567\""),
            (file(&[entry("C-1234567G", "conflict")]), "malformed id"),
            (file(&[entry("R-12345678", "conflict")]), "entry 1: id R-12345678 does not match severity conflict"),
            (
                file(&[entry("C-12345678", "conflict"), entry("C-12345678", "conflict")]),
                "entry 2: duplicate id C-12345678 (first in entry 1)",
            ),
            (file(&[entry("C-12345678", "fatal")]), "unknown variant `fatal`"),
            (
                r#"{"schema_version":1,"entries":[{"id":"C-12345678","severity":"conflict"}]}"#.into(),
                "missing field `subject`",
            ),
            (r#"{"schema_version":1,"entries":[],"extra":1}"#.into(), "unknown field `extra`"),
        ];
        for (text, expected) in cases {
            match Baseline::parse(&text, p) {
                Err(e @ Error::Parse { .. }) => {
                    let msg = e.full_message();
                    assert!(msg.starts_with("concord-baseline.json: "), "{msg}");
                    assert!(msg.contains(expected), "{text}\n => {msg}\n expected {expected}");
                }
                other => panic!("{text}: {other:?}"),
            }
        }
        assert!(Baseline::parse(&file(&[entry("C-12345678-2", "conflict")]), p).is_ok());
    }
}

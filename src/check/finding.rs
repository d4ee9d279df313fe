//! What the cross-check reports: a [`Finding`] with its [`Severity`] and [`FindingKind`],
//! its content-derived id, and the one order findings and their claims are sorted in.

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::sync::Arc;

use serde::Serialize;

use crate::corpus::DocId;
use crate::date::Date;
use crate::extract::Claim;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Two sheets give disjoint dates for the same event: they cannot both be right.
    Conflict,
    /// Something a person should look at; it may well be fine.
    Review,
}

impl Severity {
    /// Lower-case name for output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Conflict => "conflict",
            Severity::Review => "review",
        }
    }

    /// The one-letter prefix of finding ids of this severity.
    fn prefix(self) -> char {
        match self {
            Severity::Conflict => 'C',
            Severity::Review => 'R',
        }
    }

    /// Whether a finding of this severity reaches `threshold` (a conflict reaches
    /// `Review`; a review does not reach `Conflict`).
    pub fn reaches(self, threshold: Severity) -> bool {
        self <= threshold
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Severity {
    type Err = crate::Error;

    fn from_str(s: &str) -> crate::Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "conflict" | "conflicts" | "error" => Ok(Severity::Conflict),
            "review" | "reviews" | "warning" => Ok(Severity::Review),
            other => Err(crate::Error::Invalid(format!("unknown severity {other:?} (expected conflict or review)"))),
        }
    }
}

/// Which rule produced a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// Different sheets give disjoint dates for one event.
    DateConflict,
    /// The dates disagree only through a low-confidence or inferred claim.
    UncertainDates,
    /// One sheet gives disjoint dates for one event; no other sheet disagrees.
    SingleSheetDates,
    /// Differently worded but related events have disjoint dates.
    EventWording,
    /// Different numbers are stated for one body and event at the same time.
    Figures,
    /// "Renamed" and "succeeded" are both said of the same pair of bodies.
    Succession,
    /// Different sheets put a subject's events out of order: something happened to a body
    /// before it was established or after it ended, or an act entered into force before it
    /// was signed.
    EventOrder,
    /// Events are out of order only through a low-confidence or inferred claim.
    UncertainOrder,
    /// One sheet puts a subject's events out of order, both claims read with high
    /// confidence.
    SingleSheetOrder,
    /// Different sheets date the resumption that follows one suspension apart.
    Resumption,
}

impl FindingKind {
    /// All kinds, in rule order (the SARIF rule table follows it).
    pub const ALL: [FindingKind; 10] = [
        FindingKind::DateConflict,
        FindingKind::UncertainDates,
        FindingKind::SingleSheetDates,
        FindingKind::EventWording,
        FindingKind::Figures,
        FindingKind::Succession,
        FindingKind::EventOrder,
        FindingKind::UncertainOrder,
        FindingKind::SingleSheetOrder,
        FindingKind::Resumption,
    ];

    /// Stable kebab-case rule id.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::DateConflict => "date-conflict",
            FindingKind::UncertainDates => "uncertain-dates",
            FindingKind::SingleSheetDates => "single-sheet-dates",
            FindingKind::EventWording => "event-wording",
            FindingKind::Figures => "figures",
            FindingKind::Succession => "succession",
            FindingKind::EventOrder => "event-order",
            FindingKind::UncertainOrder => "uncertain-order",
            FindingKind::SingleSheetOrder => "single-sheet-order",
            FindingKind::Resumption => "resumption-dates",
        }
    }

    /// The severity every finding of this kind has.
    pub fn severity(self) -> Severity {
        match self {
            FindingKind::DateConflict | FindingKind::EventOrder => Severity::Conflict,
            FindingKind::UncertainDates
            | FindingKind::SingleSheetDates
            | FindingKind::EventWording
            | FindingKind::Figures
            | FindingKind::Succession
            | FindingKind::UncertainOrder
            | FindingKind::SingleSheetOrder
            | FindingKind::Resumption => Severity::Review,
        }
    }

    /// One sentence saying what the rule looks for.
    pub fn description(self) -> &'static str {
        match self {
            FindingKind::DateConflict => "Two sheets give disjoint dates for the same event about the same subject.",
            FindingKind::UncertainDates => {
                "Dates disagree, but only through a claim the extractor is unsure of or whose year was inferred."
            }
            FindingKind::SingleSheetDates => "One sheet gives two disjoint dates for the same event.",
            FindingKind::EventWording => {
                "Related but differently worded events about one subject (a start told as outreach, founding, \
                 first meeting, formal beginning) have disjoint dates."
            }
            FindingKind::Figures => "Different numbers are stated for the same body and event at the same time.",
            FindingKind::Succession => "One sheet says a body was renamed, another that it was succeeded.",
            FindingKind::EventOrder => {
                "Two sheets put a subject's events out of order: it met, was joined or replaced before it was \
                 established or after it ended, or an act entered into force before it was signed."
            }
            FindingKind::UncertainOrder => {
                "Events are out of order, but only through a claim the extractor is unsure of or whose year was inferred."
            }
            FindingKind::SingleSheetOrder => {
                "One sheet puts a subject's events out of order, both claims read with high confidence."
            }
            FindingKind::Resumption => {
                "Two sheets date the resumption that follows one suspension of a relationship, a body's meetings \
                 or a cooperation apart."
            }
        }
    }
}

/// One place where the sheets disagree, with the evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable id from content (kind, subject, event, sorted values): `C-1a2b3c4d` or `R-…`.
    pub id: String,
    /// How serious it is.
    pub severity: Severity,
    /// Which rule found it.
    pub kind: FindingKind,
    /// The canonical subject.
    pub subject: String,
    /// The event as a label ("established", "began (formally)", "joined by Russia").
    pub event: String,
    /// Why this is a finding, in a sentence or two a reader can act on.
    pub reason: String,
    /// The values that disagree, in display order ("1990", "1991"; "19", "26").
    pub values: Vec<String>,
    /// Every claim involved, sorted by date, then sheet and position. Shared: a claim cited
    /// by several findings is held once.
    pub claims: Vec<Arc<Claim>>,
    /// The date the claims agree on, where they do (never for a date conflict).
    pub consolidated: Option<Date>,
}

impl Finding {
    /// The distinct sheets involved, sorted.
    pub fn sheets(&self) -> Vec<&DocId> {
        let set: BTreeSet<&DocId> = self.claims.iter().map(|c| &c.doc).collect();
        set.into_iter().collect()
    }

    /// The earliest first day of any claim, for ordering.
    fn earliest(&self) -> Option<Date> {
        self.claims.iter().map(|c| c.date).min()
    }

    /// Whether any claim of this finding comes from one of `docs`.
    pub fn involves_any(&self, docs: &BTreeSet<DocId>) -> bool {
        self.claims.iter().any(|c| docs.contains(&c.doc))
    }
}

/// A finding's id: severity letter, dash, the first 8 hex digits of a blake3 hash over the
/// rule, subject, event label and sorted distinct values. Line numbers never enter it.
pub fn finding_id(kind: FindingKind, subject: &str, event: &str, values: &[String]) -> String {
    let mut sorted: Vec<&str> = values.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut hasher = blake3::Hasher::new();
    // Length-prefixed fields, so ("ab","c") and ("a","bc") never collide.
    let mut field = |s: &str| {
        hasher.update(&(s.len() as u64).to_le_bytes());
        hasher.update(s.as_bytes());
    };
    field(kind.as_str());
    field(subject);
    field(event);
    for v in sorted {
        field(v);
    }
    let hex = hasher.finalize().to_hex();
    format!("{}-{}", kind.severity().prefix(), &hex.as_str()[..8])
}

/// Sort order of findings: severity, subject, event, earliest date, then id.
pub(super) fn finding_order(a: &Finding, b: &Finding) -> Ordering {
    a.severity
        .cmp(&b.severity)
        .then_with(|| a.subject.cmp(&b.subject))
        .then_with(|| a.event.cmp(&b.event))
        .then_with(|| a.earliest().cmp(&b.earliest()))
        .then_with(|| a.id.cmp(&b.id))
}

/// Claim order inside a finding or timeline entry: date, sheet, line, column.
pub(super) fn claim_order(a: &Claim, b: &Claim) -> Ordering {
    a.date
        .cmp(&b.date)
        .then_with(|| a.doc.cmp(&b.doc))
        .then_with(|| a.line.cmp(&b.line))
        .then_with(|| a.column.cmp(&b.column))
        .then_with(|| a.quote.cmp(&b.quote))
}

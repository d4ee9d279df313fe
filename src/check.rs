//! Cross-check: from every sheet's dated claims to the places where the sheets disagree.
//!
//! In: a slice of [`Claim`]s with canonical subjects (from any number of sheets, in any
//! order). Out: [`Finding`]s, sorted, each with a content-derived id, and a merged
//! [`timeline`]. Pure: no I/O, no printing, no dependence on input order.
//!
//! # How claims are compared
//!
//! Claims are grouped by a sort on their [`GroupKey`] — canonical subject, event, agent,
//! the qualifiers that change meaning (`formally`, `informally`, `partially`) and, for a
//! renaming or succession, the other body. Nothing is compared pairwise across the corpus,
//! and within a group every test is a sort or a linear scan, so the whole check is
//! `O(n log n)` in the number of claims.
//!
//! Within a group, dates whose intervals overlap agree, whatever their precision
//! ("1997", "May 1997" and "27 May 1997" agree). The date the claims agree on comes from
//! one rule, [`consensus`], for both a finding's `consolidated` date and the timeline: most
//! sheets among the confident claims, then among all, then the most precise; a tie between
//! disjoint dates (one sheet against one) is *disputed*, never an agreed date. Disjoint
//! dates from two different sheets are a [`Severity::Conflict`]. Weaker evidence yields only
//! [`Severity::Review`] findings, each with its reason written out:
//!
//! - the disagreement needs a claim below [`MIN_CONFIDENCE`] or whose year was inferred
//!   from context ([`FindingKind::UncertainDates`]);
//! - one sheet gives two disjoint dates for the same event, both direct readings (at least
//!   [`HIGH_CONFIDENCE`], year not inferred), and no other sheet disagrees
//!   ([`FindingKind::SingleSheetDates`]). Below that mark two claims of one sheet about "the
//!   same event" are far more often an extraction slip than a sheet contradicting itself,
//!   and give nothing;
//! - related but differently worded events about one subject — the start of a body or a
//!   relationship told as *established*, *began*, *reached out*, *launched*
//!   or *opened*, or the same event with and without `formally` — whose dates are disjoint,
//!   where each wording comes from a sheet that does not also state the other
//!   ([`FindingKind::EventWording`]);
//! - different numbers stated for the same body and event at overlapping dates
//!   ([`FindingKind::Figures`]);
//! - one sheet says a body was *renamed* to another, another sheet that it was
//!   *succeeded* by it ([`FindingKind::Succession`]).
//!
//! Recurring events (met, summit, suspended, resumed, deployed, and "joined" with no
//! named member) never conflict: two dates there are two occurrences. "First" makes them
//! one-off again ("first met", "first deployed").
//!
//! Events are also compared by their **order** ([`order`]): nothing happens to a body
//! before it was established or after it was closed or replaced, and an act does not enter
//! into force before it was signed. Across sheets a violation is a conflict
//! ([`FindingKind::EventOrder`]) whose reason names both events; through a low-confidence
//! claim it is a review ([`FindingKind::UncertainOrder`]); within one sheet it is a review
//! only between two direct readings ([`FindingKind::SingleSheetOrder`]). Meetings recur and
//! never conflict with each other, but they date the body's existence.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::corpus::DocId;
use crate::date::Date;
use crate::extract::{Claim, Event, Qualifier};

pub mod order;

/// Claims at or above this confidence may raise a conflict; those below only a review.
///
/// The claim extractor scores 1.0 when subject, verb and date sit in one clause and lowers
/// the score for each step of guessing; half-way is where a wrong attachment becomes as
/// likely as a right one.
pub const MIN_CONFIDENCE: f32 = 0.5;

/// Both claims of a disagreement *within one sheet* must reach this confidence (and have
/// no inferred year) for the sheet to be flagged at all.
///
/// Two claims of one sheet about the same event are far more often an extraction slip
/// (a date taken from the next clause, an anaphor resolved to the wrong body) than a sheet
/// contradicting itself. A claim at 0.8 or more is a direct reading — subject, event word
/// and date in one clause with little between them — while every guess the extractor makes
/// (an anaphor, a heading, a date carried from another clause, a distant subject) scores
/// below it. Such a finding is always a review, never a conflict.
pub const HIGH_CONFIDENCE: f32 = 0.8;

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
}

impl FindingKind {
    /// All kinds, in rule order (the SARIF rule table follows it).
    pub const ALL: [FindingKind; 9] = [
        FindingKind::DateConflict,
        FindingKind::UncertainDates,
        FindingKind::SingleSheetDates,
        FindingKind::EventWording,
        FindingKind::Figures,
        FindingKind::Succession,
        FindingKind::EventOrder,
        FindingKind::UncertainOrder,
        FindingKind::SingleSheetOrder,
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
            | FindingKind::SingleSheetOrder => Severity::Review,
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
fn finding_order(a: &Finding, b: &Finding) -> Ordering {
    a.severity
        .cmp(&b.severity)
        .then_with(|| a.subject.cmp(&b.subject))
        .then_with(|| a.event.cmp(&b.event))
        .then_with(|| a.earliest().cmp(&b.earliest()))
        .then_with(|| a.id.cmp(&b.id))
}

/// Claim order inside a finding or timeline entry: date, sheet, line, column.
fn claim_order(a: &Claim, b: &Claim) -> Ordering {
    a.date
        .cmp(&b.date)
        .then_with(|| a.doc.cmp(&b.doc))
        .then_with(|| a.line.cmp(&b.line))
        .then_with(|| a.column.cmp(&b.column))
        .then_with(|| a.quote.cmp(&b.quote))
}

// ---------------------------------------------------------------------------------------
// Event classes and group keys
// ---------------------------------------------------------------------------------------

/// Qualifiers that change what an event means, as a small bit set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
struct Modality(u8);

impl Modality {
    const FORMAL: u8 = 1;
    const INFORMAL: u8 = 2;
    const PARTIAL: u8 = 4;

    fn of(qualifiers: &[Qualifier]) -> Modality {
        let mut bits = 0;
        for q in qualifiers {
            bits |= match q {
                Qualifier::Formal => Self::FORMAL,
                Qualifier::Informal => Self::INFORMAL,
                Qualifier::Partial => Self::PARTIAL,
                Qualifier::First => 0,
            };
        }
        Modality(bits)
    }

    fn words(self) -> Vec<&'static str> {
        let mut w = Vec::new();
        if self.0 & Self::FORMAL != 0 {
            w.push("formally");
        }
        if self.0 & Self::INFORMAL != 0 {
            w.push("informally");
        }
        if self.0 & Self::PARTIAL != 0 {
            w.push("partially");
        }
        w
    }
}

/// Events that happen more than once to the same subject: two dates are two occurrences.
///
/// Exhaustive on purpose: a new event kind must be classified here.
fn recurs(event: Event, agent: Option<&str>) -> bool {
    match event {
        // A body changes its standing or seat more than once.
        Event::Met
        | Event::Summit
        | Event::Suspended
        | Event::Resumed
        | Event::Deployed
        | Event::Appointed
        | Event::Formalised
        | Event::Moved => true,
        // A member leaves once; with no member named, two dates are two departures.
        Event::Joined | Event::Withdrew => agent.is_none(),
        Event::Established
        | Event::FirstMeeting
        | Event::Signed
        | Event::Adopted
        | Event::Launched
        | Event::Succeeded
        | Event::Renamed
        | Event::Opened
        | Event::Closed
        | Event::Began
        | Event::Outreach
        | Event::EnteredIntoForce => false,
    }
}

/// Events that tell how a body or a relationship started, compared by the wording rule.
///
/// A first meeting is not among them: it comes after the founding, and the order rule
/// ([`order`]) checks exactly that — a first meeting a year after the founding is no
/// finding, one a year before is. Exhaustive on purpose: a new event kind must be
/// classified here.
fn starts(event: Event) -> bool {
    match event {
        Event::Established | Event::Began | Event::Outreach | Event::Launched | Event::Opened => true,
        Event::FirstMeeting
        | Event::Met
        | Event::Joined
        | Event::Signed
        | Event::Adopted
        | Event::Succeeded
        | Event::Renamed
        | Event::Suspended
        | Event::Resumed
        | Event::Closed
        | Event::Deployed
        | Event::Summit
        | Event::EnteredIntoForce
        | Event::Withdrew
        | Event::Appointed
        | Event::Formalised
        | Event::Moved => false,
    }
}

/// Case- and white-space-insensitive form of a free-text name, for keys only.
fn fold(s: &str) -> String {
    s.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ")
}

/// What makes two claims statements about the same event: claims with equal keys are
/// compared date against date.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GroupKey {
    /// Canonical subject.
    pub subject: String,
    /// The event; "met" with "first" counts as "first-meeting".
    pub event: Event,
    /// The agent, folded to lower case.
    pub agent: Option<String>,
    /// The other body, folded, for renamings and successions only.
    pub object: Option<String>,
    modality: Modality,
    /// "first" on a recurring event ("first deployed").
    first: bool,
}

/// A group key without its subject: what [`groups`] sorts on beside an interned subject.
type KeyRest = (Event, Option<String>, Option<String>, Modality, bool);

impl GroupKey {
    /// The key of one claim.
    pub fn of(claim: &Claim) -> GroupKey {
        GroupKey::with_subject(claim.subject.clone(), GroupKey::rest_of(claim))
    }

    fn rest_of(claim: &Claim) -> KeyRest {
        let first = claim.qualifiers.contains(&Qualifier::First);
        let event = if claim.event == Event::Met && first { Event::FirstMeeting } else { claim.event };
        let agent = claim.agent.as_deref().map(fold).filter(|a| !a.is_empty());
        let object = match event {
            Event::Succeeded | Event::Renamed => claim.object.as_deref().map(fold).filter(|o| !o.is_empty()),
            _ => None,
        };
        let first = first && recurs(event, agent.as_deref());
        (event, agent, object, Modality::of(&claim.qualifiers), first)
    }

    fn with_subject(subject: String, (event, agent, object, modality, first): KeyRest) -> GroupKey {
        GroupKey { subject, event, agent, object, modality, first }
    }

    /// Whether two dates in this group are two occurrences rather than a disagreement.
    pub fn recurs(&self) -> bool {
        !self.first && recurs(self.event, self.agent.as_deref())
    }

    /// The event as a human label, written with the names as the first claim spells them.
    fn label(&self, sample: &Claim) -> String {
        let mut s = String::new();
        if self.first {
            s.push_str("first ");
        }
        s.push_str(self.event.as_str());
        match self.event {
            Event::Succeeded | Event::Renamed => {
                if let Some(obj) = sample.object.as_deref().filter(|_| self.object.is_some()) {
                    s.push_str(if self.event == Event::Renamed { " to " } else { " by " });
                    s.push_str(obj.trim());
                }
            }
            _ => {}
        }
        if let Some(agent) = sample.agent.as_deref().filter(|_| self.agent.is_some()) {
            s.push_str(" by ");
            s.push_str(agent.trim());
        }
        let words = self.modality.words();
        if !words.is_empty() {
            s.push_str(" (");
            s.push_str(&words.join(", "));
            s.push(')');
        }
        s
    }
}

/// Indices of `claims` grouped by key, one run per key and all runs of a subject
/// together. One sort, `O(n log n)`, on every rayon thread.
fn groups<C: std::borrow::Borrow<Claim> + Sync>(claims: &[C]) -> Vec<(GroupKey, Vec<usize>)> {
    // Subjects are interned first, so the sort compares integers and never the long
    // subject strings. Subjects come in first-seen order, which reaches no output: every
    // rule sorts what it reports and the findings are sorted at the end. Within a subject
    // the runs keep the order of the key's other fields, and members their input order.
    let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
    let subject_ids: Vec<u32> = claims
        .iter()
        .map(|c| {
            let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
            *ids.entry(c.borrow().subject.as_str()).or_insert(next)
        })
        .collect();
    drop(ids);
    let mut keyed: Vec<(u32, KeyRest, usize)> =
        claims.par_iter().enumerate().map(|(i, c)| (subject_ids[i], GroupKey::rest_of(c.borrow()), i)).collect();
    keyed.par_sort_unstable();
    let mut out: Vec<(GroupKey, Vec<usize>)> = Vec::new();
    let mut current: Option<(u32, KeyRest)> = None;
    for (subject, rest, i) in keyed {
        match (&current, out.last_mut()) {
            (Some((s, r)), Some((_, members))) if *s == subject && *r == rest => members.push(i),
            _ => {
                let key = GroupKey::with_subject(claims[i].borrow().subject.clone(), rest.clone());
                current = Some((subject, rest));
                out.push((key, vec![i]));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Interval tests, each linear or n log n
// ---------------------------------------------------------------------------------------

/// Whether a claim may raise a conflict on its own.
fn confident(c: &Claim) -> bool {
    c.confidence >= MIN_CONFIDENCE && !c.inferred
}

/// Whether two items with different tags have disjoint intervals. Linear: keep the two
/// largest first days from distinct tags; an item conflicts with some other-tag item iff
/// its last day is before the largest first day among the other tags.
fn disjoint_across<T: Eq + Copy>(items: &[((i64, i64), T)]) -> bool {
    let mut top: Option<(i64, T)> = None;
    let mut second: Option<i64> = None;
    for &((first, _), tag) in items {
        match top {
            Some((best, t)) if t == tag => {
                if first > best {
                    top = Some((first, tag));
                }
            }
            Some((best, _)) if first > best => {
                second = Some(best);
                top = Some((first, tag));
            }
            Some(_) => second = Some(second.map_or(first, |s| s.max(first))),
            None => top = Some((first, tag)),
        }
    }
    let Some((best, best_tag)) = top else { return false };
    items.iter().any(|&((_, last), tag)| {
        let other = if tag == best_tag { second } else { Some(best) };
        other.is_some_and(|f| last < f)
    })
}

/// How many sheets a date is overlapped by: each sheet counts once per stretch of its own
/// agreeing dates. A sheet that itself gives two disjoint dates which both overlap a coarse
/// candidate counts twice for that candidate (documented approximation, exact otherwise).
struct Support {
    firsts: Vec<i64>,
    lasts: Vec<i64>,
}

impl Support {
    fn of<'a>(claims: impl IntoIterator<Item = &'a Arc<Claim>>) -> Support {
        // Per sheet, merge overlapping intervals into disjoint stretches.
        // Hashed, not ordered: only the stretches count, not the order of the sheets.
        let mut per_doc: FxHashMap<&str, Vec<(i64, i64)>> = FxHashMap::default();
        for c in claims {
            per_doc.entry(c.doc.as_str()).or_default().push(c.date.days());
        }
        let mut firsts = Vec::new();
        let mut lasts = Vec::new();
        for (_, mut ranges) in per_doc {
            ranges.sort_unstable();
            let mut cur: Option<(i64, i64)> = None;
            for (f, l) in ranges {
                cur = match cur {
                    Some((cf, cl)) if f <= cl => Some((cf, cl.max(l))),
                    Some(done) => {
                        firsts.push(done.0);
                        lasts.push(done.1);
                        Some((f, l))
                    }
                    None => Some((f, l)),
                };
            }
            if let Some((f, l)) = cur {
                firsts.push(f);
                lasts.push(l);
            }
        }
        firsts.sort_unstable();
        lasts.sort_unstable();
        Support { firsts, lasts }
    }

    /// Stretches overlapping `d`: all minus those ending before it and those starting after.
    fn count(&self, d: &Date) -> usize {
        let (f, l) = d.days();
        let ends_before = self.lasts.partition_point(|&x| x < f);
        let starts_after = self.firsts.len() - self.firsts.partition_point(|&x| x <= l);
        self.firsts.len().saturating_sub(ends_before + starts_after)
    }
}

/// What a set of claims about one event says its date is: the one rule behind both a
/// finding's `consolidated` date and the timeline's date, so that one JSON document never
/// holds two "best" dates for an event.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Consensus {
    /// The best-supported date: most sheets among the confident claims (confidence at least
    /// [`MIN_CONFIDENCE`], year not inferred), then most sheets among all claims, then the
    /// shortest interval, then the earliest.
    pub date: Date,
    /// Sheets overlapping `date`: among the confident claims, among all claims.
    pub support: (usize, usize),
    /// Whether a date disjoint from `date` has as much support: a split such as one sheet
    /// against one, which is no agreed date. A low-confidence claim never breaks a tie
    /// between confident ones.
    pub disputed: bool,
}

/// The [`Consensus`] of `claims`; `None` when there are none. `O(n log n)`.
pub fn consensus(claims: &[&Arc<Claim>]) -> Option<Consensus> {
    let all = Support::of(claims.iter().copied());
    let sure = Support::of(claims.iter().copied().filter(|c| confident(c)));
    let mut candidates: Vec<Date> = claims.iter().map(|c| c.date).collect();
    candidates.sort_unstable();
    candidates.dedup();
    let scored: Vec<(Date, (usize, usize))> =
        candidates.into_iter().map(|d| (d, (sure.count(&d), all.count(&d)))).collect();
    // Max support, then shortest, then earliest: compare so that "better" is greater.
    let (date, support) = scored.iter().copied().max_by(|(da, sa), (db, sb)| {
        sa.cmp(sb).then_with(|| db.len_days().cmp(&da.len_days())).then_with(|| db.cmp(da))
    })?;
    let disputed =
        scored.iter().any(|(d, s)| !d.overlaps(&date) && s.0 == support.0 && (support.0 > 0 || s.1 == support.1));
    Some(Consensus { date, support, disputed })
}

/// The agreed date of `claims`: their consensus unless it is disputed.
fn agreed(claims: &[&Arc<Claim>]) -> Option<Date> {
    consensus(claims).filter(|c| !c.disputed).map(|c| c.date)
}

/// The distinct most-precise values: dates that contain no other distinct date of the
/// group. "1997", "May 1997", "27 May 1997" and "1998" give "1997-05-27" and "1998".
fn minimal_dates(claims: &[&Arc<Claim>]) -> Vec<Date> {
    let mut dates: Vec<Date> = claims.iter().map(|c| c.date).collect();
    dates.sort_unstable_by_key(|d| (d.days(), *d));
    dates.dedup_by_key(|d| d.days());
    let n = dates.len();
    // suffix_min[i] = smallest last day among dates[i..].
    let mut suffix_min = vec![i64::MAX; n + 1];
    for i in (0..n).rev() {
        suffix_min[i] = suffix_min[i + 1].min(dates[i].days().1);
    }
    let mut out = Vec::new();
    for i in 0..n {
        let (f, l) = dates[i].days();
        let same_first_before = i > 0 && dates[i - 1].days().0 == f;
        let nested_after = suffix_min[i + 1] <= l;
        if !same_first_before && !nested_after {
            out.push(dates[i]);
        }
    }
    out
}

/// The member whose spelling names the group in labels: chosen by content, never by input
/// order or line, so labels (and the ids hashed from them) are stable.
fn sample<'a>(members: &[&'a Arc<Claim>]) -> Option<&'a Arc<Claim>> {
    members.iter().copied().min_by(|a, b| {
        (a.agent.as_deref(), a.object.as_deref(), &a.doc, a.date).cmp(&(
            b.agent.as_deref(),
            b.object.as_deref(),
            &b.doc,
            b.date,
        ))
    })
}

fn sorted_clones(claims: &[&Arc<Claim>]) -> Vec<Arc<Claim>> {
    let mut v: Vec<Arc<Claim>> = claims.iter().map(|c| Arc::clone(c)).collect();
    v.sort_by(|a, b| claim_order(a, b));
    v
}

/// Most sheet names a reason spells out. The finding's claims cite every source with its
/// quote and position; a reason naming thousands of sheets (a large corpus restating an
/// event) would only bury the sentence.
const REASON_SHEETS: usize = 10;

/// The distinct `names`, sorted, at most [`REASON_SHEETS`] of them, then how many more.
fn name_list<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let set: BTreeSet<&str> = names.into_iter().collect();
    let more = set.len().saturating_sub(REASON_SHEETS);
    let mut list = set.into_iter().take(REASON_SHEETS).collect::<Vec<_>>().join(", ");
    if more > 0 {
        list.push_str(&format!(" and {more} more"));
    }
    list
}

fn sheet_list(claims: &[&Arc<Claim>]) -> String {
    name_list(claims.iter().map(|c| c.doc.as_str()))
}

fn make(
    kind: FindingKind,
    subject: &str,
    event: String,
    reason: String,
    values: Vec<String>,
    claims: Vec<Arc<Claim>>,
    consolidated: Option<Date>,
) -> Finding {
    let id = finding_id(kind, subject, &event, &values);
    Finding {
        id,
        severity: kind.severity(),
        kind,
        subject: subject.to_string(),
        event,
        reason,
        values,
        claims,
        consolidated,
    }
}

// ---------------------------------------------------------------------------------------
// The rules
// ---------------------------------------------------------------------------------------

/// Date disagreements within one group of a one-off event.
fn check_dates(key: &GroupKey, members: &[&Arc<Claim>], out: &mut Vec<Finding>) {
    if members.len() < 2 || key.recurs() {
        return;
    }
    let tagged = |only_confident: bool| -> Vec<((i64, i64), &DocId)> {
        members.iter().filter(|c| !only_confident || confident(c)).map(|c| (c.date.days(), &c.doc)).collect()
    };
    // Some pair is disjoint iff the earliest last day comes before the latest first day.
    let max_first = members.iter().map(|c| c.date.days().0).max();
    let min_last = members.iter().map(|c| c.date.days().1).min();
    if !matches!((min_last, max_first), (Some(l), Some(f)) if l < f) {
        return;
    }
    let Some(first) = sample(members) else { return };
    let label = key.label(first);
    let values: Vec<String> = minimal_dates(members).iter().map(Date::to_string).collect();
    let shown = values.join(" vs ");
    let sheets = sheet_list(members);
    let (kind, reason, consolidated) = if disjoint_across(&tagged(true)) {
        (
            FindingKind::DateConflict,
            format!(
                "the sheets give disjoint dates ({shown}) for the same event; at most one can be right (sheets: {sheets})"
            ),
            None,
        )
    } else if disjoint_across(&tagged(false)) {
        (
            FindingKind::UncertainDates,
            format!(
                "the dates disagree ({shown}) only through a claim whose attachment is uncertain (confidence below {MIN_CONFIDENCE}) \
                 or whose year was inferred from context; check that the date belongs to this event (sheets: {sheets})"
            ),
            agreed(members),
        )
    } else if self_contradiction(members) {
        (
            FindingKind::SingleSheetDates,
            format!(
                "{sheets} gives disjoint dates ({shown}) for this event and no other sheet disagrees; \
                 the sheet may mean two different moments, or one date is a slip"
            ),
            None,
        )
    } else {
        // Disjoint only within sheets, and in none of them between two direct readings:
        // an extraction slip is far likelier than a sheet contradicting itself.
        return;
    };
    out.push(make(kind, &key.subject, label, reason, values, sorted_clones(members), consolidated));
}

/// Whether a claim is a direct reading, sure enough for a finding within its own sheet.
fn direct(c: &Claim) -> bool {
    c.confidence >= HIGH_CONFIDENCE && !c.inferred
}

/// Whether some sheet gives two disjoint dates for the group, both direct readings
/// ([`HIGH_CONFIDENCE`]). Linear: per sheet, the earliest last day against the latest
/// first day of its direct claims.
fn self_contradiction(members: &[&Arc<Claim>]) -> bool {
    let mut per_doc: FxHashMap<&DocId, (i64, i64)> = FxHashMap::default();
    for c in members.iter().filter(|c| direct(c)) {
        let (first, last) = c.date.days();
        let e = per_doc.entry(&c.doc).or_insert((last, first));
        e.0 = e.0.min(last);
        e.1 = e.1.max(first);
    }
    per_doc.values().any(|&(min_last, max_first)| min_last < max_first)
}

/// Different figures for the same noun at overlapping dates within one group.
fn check_figures(key: &GroupKey, members: &[&Arc<Claim>], out: &mut Vec<Finding>) {
    // noun -> (claim, value)
    let mut by_noun: BTreeMap<&str, Vec<(&Arc<Claim>, u64)>> = BTreeMap::new();
    for c in members {
        for f in &c.figures {
            by_noun.entry(f.noun.as_str()).or_default().push((c, f.value));
        }
    }
    for (noun, mut items) in by_noun {
        let distinct: BTreeSet<u64> = items.iter().map(|(_, v)| *v).collect();
        if distinct.len() < 2 {
            continue;
        }
        // Sweep by first day; keep the two largest last days from distinct values so far.
        items.sort_by(|(a, va), (b, vb)| a.date.days().cmp(&b.date.days()).then_with(|| va.cmp(vb)));
        let mut top: Option<(i64, u64)> = None;
        let mut second: Option<i64> = None;
        let mut clash = false;
        for (c, v) in &items {
            let (first, last) = c.date.days();
            let other = match top {
                Some((l, tv)) if tv != *v => Some(l),
                Some(_) => second,
                None => None,
            };
            if other.is_some_and(|l| l >= first) {
                clash = true;
                break;
            }
            match top {
                Some((best, tv)) if tv == *v => top = Some((best.max(last), tv)),
                Some((best, _)) if last > best => {
                    second = Some(best);
                    top = Some((last, *v));
                }
                Some(_) => second = Some(second.map_or(last, |s| s.max(last))),
                None => top = Some((last, *v)),
            }
        }
        if !clash {
            continue;
        }
        // A claim with two figures of one noun appears twice in `items`: keep it once.
        let mut seen = BTreeSet::new();
        let uniq: Vec<&Arc<Claim>> =
            items.iter().map(|(c, _)| *c).filter(|c| seen.insert(Arc::as_ptr(c) as usize)).collect();
        let values: Vec<String> = distinct.iter().map(u64::to_string).collect();
        let Some(first) = sample(members) else { return };
        let label = format!("{} ({noun} count)", key.label(first));
        let reason = format!(
            "the sheets state different {noun} counts ({}) for the same event at dates that agree; \
             a figure may describe a later moment than the event (sheets: {})",
            values.join(" vs "),
            sheet_list(&uniq)
        );
        // The group's agreed date, as the timeline gives it: the figures differ, the dates do not.
        let consolidated = agreed(members);
        out.push(make(FindingKind::Figures, &key.subject, label, reason, values, sorted_clones(&uniq), consolidated));
    }
}

/// The family a group belongs to for the wording rule: start events share one family per
/// subject; any other event forms a family with itself (so wordings differ by qualifier).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct FamilyKey {
    subject: String,
    family: Option<Event>,
    agent: Option<String>,
    object: Option<String>,
    first: bool,
}

impl FamilyKey {
    fn of(key: &GroupKey) -> Option<FamilyKey> {
        if key.recurs() {
            return None;
        }
        Some(if starts(key.event) {
            FamilyKey { subject: key.subject.clone(), family: None, agent: None, object: None, first: false }
        } else {
            FamilyKey {
                subject: key.subject.clone(),
                family: Some(key.event),
                agent: key.agent.clone(),
                object: key.object.clone(),
                first: key.first,
            }
        })
    }
}

/// One wording within a family: its label, best date and sheets.
struct Wording<'a> {
    label: String,
    best: Date,
    docs: BTreeSet<&'a DocId>,
    claims: Vec<&'a Arc<Claim>>,
}

/// Related events worded differently with disjoint dates, across sheets.
fn check_wording(subject: &str, family_label: &str, family: &[Wording<'_>], out: &mut Vec<Finding>) {
    if family.len() < 2 {
        return;
    }
    let mut involved = vec![false; family.len()];
    for i in 0..family.len() {
        for j in i + 1..family.len() {
            let (a, b) = (&family[i], &family[j]);
            if a.best.overlaps(&b.best) {
                continue;
            }
            // A sheet that states both wordings itself tells them apart: only flag when
            // each wording has a sheet that does not also state the other.
            let a_only = a.docs.iter().any(|d| !b.docs.contains(d));
            let b_only = b.docs.iter().any(|d| !a.docs.contains(d));
            if a_only && b_only {
                involved[i] = true;
                involved[j] = true;
            }
        }
    }
    let chosen: Vec<&Wording<'_>> = family.iter().zip(&involved).filter(|(_, inv)| **inv).map(|(w, _)| w).collect();
    if chosen.is_empty() {
        return;
    }
    let mut ordered = chosen.clone();
    ordered.sort_by(|a, b| a.best.cmp(&b.best).then_with(|| a.label.cmp(&b.label)));
    let values: Vec<String> = ordered.iter().map(|w| format!("{} {}", w.label, w.best)).collect();
    let described: Vec<String> = ordered
        .iter()
        .map(|w| {
            let docs = name_list(w.docs.iter().map(|d| d.as_str()));
            format!("\"{}\" {} ({docs})", w.label, w.best.describe())
        })
        .collect();
    let event = family_label.to_string();
    let reason = format!(
        "the sheets word related events differently and date them apart: {}; these may be different moments \
         (a first approach, a formal start) or one event dated differently — check that each sheet says what it means",
        described.join(" vs ")
    );
    let claims: Vec<&Arc<Claim>> = ordered.iter().flat_map(|w| w.claims.iter().copied()).collect();
    out.push(make(FindingKind::EventWording, subject, event, reason, values, sorted_clones(&claims), None));
}

/// "Renamed" and "succeeded" said of the same pair of bodies.
fn check_succession(subject: &str, renamed: &[&Arc<Claim>], succeeded: &[&Arc<Claim>], out: &mut Vec<Finding>) {
    if renamed.is_empty() || succeeded.is_empty() {
        return;
    }
    let all: Vec<&Arc<Claim>> = renamed.iter().chain(succeeded).copied().collect();
    let object = sample(&all).and_then(|c| c.object.as_deref()).unwrap_or("").trim().to_string();
    let values = vec!["renamed".to_string(), "succeeded".to_string()];
    let reason = format!(
        "{} says {subject} was renamed to {object}, {} that it was succeeded by {object}; a renaming keeps one body, \
         a succession makes a new one",
        sheet_list(renamed),
        sheet_list(succeeded)
    );
    let consolidated = agreed(&all).filter(|d| all.iter().all(|c| c.date.overlaps(d)));
    let event = format!("renamed or succeeded by {object}");
    out.push(make(FindingKind::Succession, subject, event, reason, values, sorted_clones(&all), consolidated));
}

/// Cross-checks all claims and returns the findings, sorted by severity, subject, event
/// and earliest date. The result does not depend on the order of `claims`.
///
/// Every rule compares claims of one subject only, so subjects are checked in parallel.
pub fn cross_check(claims: &[Claim]) -> Vec<Finding> {
    cross_check_shared(&claims.iter().cloned().map(Arc::new).collect::<Vec<_>>())
}

/// [`cross_check`] over claims already shared, so that findings cite them without copying
/// (`check` moves the view's claims in: a corpus's findings may cite millions of claims).
pub fn cross_check_shared(claims: &[Arc<Claim>]) -> Vec<Finding> {
    let groups = groups(claims);
    // All groups of a subject are adjacent: each subject is one run, checked on its own.
    let subjects: Vec<&[(GroupKey, Vec<usize>)]> = groups.chunk_by(|a, b| a.0.subject == b.0.subject).collect();
    let mut out: Vec<Finding> = subjects.into_par_iter().flat_map_iter(|run| check_subject(claims, run)).collect();
    out.extend(order::check_agents(claims));
    out.par_sort_by(finding_order);
    dedup_ids(&mut out);
    out
}

/// The findings about one subject: `run` holds all its groups.
fn check_subject(claims: &[Arc<Claim>], run: &[(GroupKey, Vec<usize>)]) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut families: BTreeMap<FamilyKey, Vec<Wording<'_>>> = BTreeMap::new();
    // object -> (renamed claims, succeeded claims)
    type Succession<'a> = (Vec<&'a Arc<Claim>>, Vec<&'a Arc<Claim>>);
    let mut successions: BTreeMap<&str, Succession<'_>> = BTreeMap::new();
    let mut ordered: Vec<order::Group<'_>> = Vec::new();

    for (key, idx) in run {
        let members: Vec<&Arc<Claim>> = idx.iter().map(|&i| &claims[i]).collect();
        let Some(first) = sample(&members) else { continue };
        ordered.push(order::Group { key, label: key.label(first), members: members.clone() });
        check_dates(key, &members, &mut out);
        check_figures(key, &members, &mut out);
        if let (Some(fk), Some(Consensus { date: best, .. })) = (FamilyKey::of(key), consensus(&members)) {
            families.entry(fk).or_default().push(Wording {
                label: key.label(first),
                best,
                docs: members.iter().map(|c| &c.doc).collect(),
                claims: members.clone(),
            });
        }
        if let (Some(object), Event::Renamed | Event::Succeeded) = (key.object.as_deref(), key.event) {
            let entry = successions.entry(object).or_default();
            let side = if key.event == Event::Renamed { &mut entry.0 } else { &mut entry.1 };
            side.extend(members.iter().copied());
        }
    }
    for (fk, wordings) in &families {
        let family_label = fk.family.map_or("start", Event::as_str);
        check_wording(&fk.subject, family_label, wordings, &mut out);
    }
    if let Some((key, _)) = run.first() {
        for (renamed, succeeded) in successions.values() {
            check_succession(&key.subject, renamed, succeeded, &mut out);
        }
        order::check_order(&key.subject, &ordered, &mut out);
    }
    out
}

/// Two findings can only share an id when their keys fold to the same text; give the later
/// one a suffix so ids stay unique (deterministic, as the list is sorted).
fn dedup_ids(findings: &mut [Finding]) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for f in findings.iter_mut() {
        let n = seen.entry(f.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            f.id = format!("{}-{}", f.id, n);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Timeline
// ---------------------------------------------------------------------------------------

/// One event of the merged chronology.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineEntry {
    /// The canonical subject.
    pub subject: String,
    /// The event.
    pub event: Event,
    /// The event as a label, as in findings.
    pub label: String,
    /// The best-supported date, by the rule of [`consensus`] (the same rule that gives a
    /// finding's `consolidated` date).
    pub date: Date,
    /// Whether another, disjoint date has as much support (one sheet against one): the
    /// date is then no agreed date but one side of a dispute.
    pub disputed: bool,
    /// Claims whose date overlaps `date`, sorted.
    pub supporting: Vec<Arc<Claim>>,
    /// Claims whose date is disjoint from `date`, sorted.
    pub dissenting: Vec<Arc<Claim>>,
}

impl TimelineEntry {
    /// Distinct sheets that support the date, sorted.
    pub fn supporting_sheets(&self) -> Vec<&DocId> {
        let s: BTreeSet<&DocId> = self.supporting.iter().map(|c| &c.doc).collect();
        s.into_iter().collect()
    }

    /// Distinct sheets that give a disjoint date, sorted.
    pub fn dissenting_sheets(&self) -> Vec<&DocId> {
        let s: BTreeSet<&DocId> = self.dissenting.iter().map(|c| &c.doc).collect();
        s.into_iter().collect()
    }
}

/// One chronology merged across sheets: each one-off event once, with its best-supported
/// date and the sheets for and against it; each occurrence of a recurring event (runs of
/// overlapping dates) once. Sorted by date, then subject and label.
pub fn timeline(claims: &[Claim]) -> Vec<TimelineEntry> {
    timeline_shared(&claims.iter().cloned().map(Arc::new).collect::<Vec<_>>())
}

/// [`timeline`] over shared claims, which its entries cite without copying.
pub fn timeline_shared(claims: &[Arc<Claim>]) -> Vec<TimelineEntry> {
    let mut out = Vec::new();
    for (key, idx) in groups(claims) {
        let members: Vec<&Arc<Claim>> = idx.iter().map(|&i| &claims[i]).collect();
        let Some(first) = sample(&members) else { continue };
        let label = key.label(first);
        let clusters: Vec<Vec<&Arc<Claim>>> = if key.recurs() {
            // Runs of overlapping intervals, by first day.
            let mut sorted = members.clone();
            sorted.sort_by_key(|c| c.date.days());
            let mut runs: Vec<(i64, Vec<&Arc<Claim>>)> = Vec::new();
            for c in sorted {
                let (f, l) = c.date.days();
                match runs.last_mut() {
                    Some((end, run)) if f <= *end => {
                        *end = (*end).max(l);
                        run.push(c);
                    }
                    _ => runs.push((l, vec![c])),
                }
            }
            runs.into_iter().map(|(_, r)| r).collect()
        } else {
            vec![members]
        };
        for cluster in clusters {
            let Some(Consensus { date, disputed, .. }) = consensus(&cluster) else { continue };
            let (sup, dis): (Vec<&Arc<Claim>>, Vec<&Arc<Claim>>) = cluster.iter().partition(|c| c.date.overlaps(&date));
            out.push(TimelineEntry {
                subject: key.subject.clone(),
                event: key.event,
                label: label.clone(),
                date,
                disputed,
                supporting: sorted_clones(&sup),
                dissenting: sorted_clones(&dis),
            });
        }
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.subject.cmp(&b.subject)).then_with(|| a.label.cmp(&b.label)));
    out
}

#[cfg(test)]
pub(crate) mod tests;

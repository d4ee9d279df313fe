//! The rules of the cross-check. Each looks at one subject's groups and pushes the
//! findings it sees; all share the signature [`Rule`], and [`RULES`] lists them, so adding a
//! rule is one function and one line. The order rule lives in [`super::order`].

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::finding::{Finding, FindingKind, claim_order, finding_id};
use super::grouping::{Consensus, GroupKey, agreed, confident, consensus, disjoint_across, minimal_dates, starts};
use super::order::{self, Group};
use super::resumption;
use super::{HIGH_CONFIDENCE, MIN_CONFIDENCE};
use crate::corpus::DocId;
use crate::date::Date;
use crate::extract::{Claim, Event};

/// A rule: the findings about one subject, from all its groups (sorted by key; each with
/// its label and members).
pub(super) type Rule = fn(subject: &str, groups: &[Group<'_>], out: &mut Vec<Finding>);

/// Every rule, run in this order on each subject (findings are sorted afterwards).
pub(super) const RULES: &[Rule] =
    &[dates, figures, wording, succession, order::check_order, resumption::check_resumptions];

/// Date disagreements within each group of a one-off event.
fn dates(_subject: &str, groups: &[Group<'_>], out: &mut Vec<Finding>) {
    for g in groups {
        check_dates(g.key, &g.members, out);
    }
}

/// Different figures for the same noun at overlapping dates, within each group.
fn figures(_subject: &str, groups: &[Group<'_>], out: &mut Vec<Finding>) {
    for g in groups {
        check_figures(g.key, &g.members, out);
    }
}

/// Related events worded differently with disjoint dates, per family of groups.
fn wording(_subject: &str, groups: &[Group<'_>], out: &mut Vec<Finding>) {
    let mut families: BTreeMap<FamilyKey, Vec<Wording<'_>>> = BTreeMap::new();
    for g in groups {
        if let (Some(fk), Some(Consensus { date: best, .. })) = (FamilyKey::of(g.key), consensus(&g.members)) {
            families.entry(fk).or_default().push(Wording {
                label: g.label.clone(),
                best,
                docs: g.members.iter().map(|c| &c.doc).collect(),
                claims: g.members.clone(),
            });
        }
    }
    for (fk, wordings) in &families {
        let family_label = fk.family.map_or("start", Event::as_str);
        check_wording(&fk.subject, family_label, wordings, out);
    }
}

/// "Renamed" and "succeeded" said of the same pair of bodies, per other body.
fn succession(subject: &str, groups: &[Group<'_>], out: &mut Vec<Finding>) {
    // object -> (renamed claims, succeeded claims)
    type Succession<'a> = (Vec<&'a Arc<Claim>>, Vec<&'a Arc<Claim>>);
    let mut successions: BTreeMap<&str, Succession<'_>> = BTreeMap::new();
    for g in groups {
        if let (Some(object), Event::Renamed | Event::Succeeded) = (g.key.object.as_deref(), g.key.event) {
            let entry = successions.entry(object).or_default();
            let side = if g.key.event == Event::Renamed { &mut entry.0 } else { &mut entry.1 };
            side.extend(g.members.iter().copied());
        }
    }
    for (renamed, succeeded) in successions.values() {
        check_succession(subject, renamed, succeeded, out);
    }
}

/// The member whose spelling names the group in labels: chosen by content, never by input
/// order or line, so labels (and the ids hashed from them) are stable.
pub(super) fn sample<'a>(members: &[&'a Arc<Claim>]) -> Option<&'a Arc<Claim>> {
    members.iter().copied().min_by(|a, b| {
        (a.agent.as_deref(), a.object.as_deref(), &a.doc, a.date).cmp(&(
            b.agent.as_deref(),
            b.object.as_deref(),
            &b.doc,
            b.date,
        ))
    })
}

pub(super) fn sorted_clones(claims: &[&Arc<Claim>]) -> Vec<Arc<Claim>> {
    let mut v: Vec<Arc<Claim>> = claims.iter().map(|c| Arc::clone(c)).collect();
    v.sort_by(|a, b| claim_order(a, b));
    v
}

/// Most sheet names a reason spells out. The finding's claims cite every source with its
/// quote and position; a reason naming thousands of sheets (a large corpus restating an
/// event) would only bury the sentence.
pub(super) const REASON_SHEETS: usize = 10;

/// The distinct `names`, sorted, at most [`REASON_SHEETS`] of them, then how many more.
pub(super) fn name_list<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let set: BTreeSet<&str> = names.into_iter().collect();
    let more = set.len().saturating_sub(REASON_SHEETS);
    let mut list = set.into_iter().take(REASON_SHEETS).collect::<Vec<_>>().join(", ");
    if more > 0 {
        list.push_str(&format!(" and {more} more"));
    }
    list
}

pub(super) fn sheet_list(claims: &[&Arc<Claim>]) -> String {
    name_list(claims.iter().map(|c| c.doc.as_str()))
}

pub(super) fn make(
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
pub(super) fn direct(c: &Claim) -> bool {
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

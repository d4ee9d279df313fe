//! Which claims speak of the same event: the [`GroupKey`] (subject, event, agent,
//! qualifiers, the other body of a renaming), the event classes that decide whether two
//! dates are a disagreement or two occurrences, one sort that groups a whole corpus, and
//! the [`consensus`] date a group agrees on.

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::MIN_CONFIDENCE;
use crate::date::Date;
use crate::extract::{Claim, Event, Qualifier};

/// Qualifiers that change what an event means, as a small bit set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub(super) struct Modality(u8);

impl Modality {
    const FORMAL: u8 = 1;
    const INFORMAL: u8 = 2;
    const PARTIAL: u8 = 4;

    pub(super) fn of(qualifiers: &[Qualifier]) -> Modality {
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

    pub(super) fn words(self) -> Vec<&'static str> {
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
pub(super) fn recurs(event: Event, agent: Option<&str>) -> bool {
    match event {
        // A body changes its standing or seat more than once.
        Event::Met
        | Event::Summit
        | Event::Suspended
        | Event::Resumed
        | Event::Deployed
        | Event::Appointed
        | Event::Formalised
        | Event::Moved
        // A state may apply more than once (and be turned down in between).
        | Event::Applied
        // A body decides many things: two decisions on two dates never conflict.
        | Event::Decided
        // Generic claims describe different things: never compared.
        | Event::Other => true,
        // A member leaves once; with no member named, two dates are two departures.
        Event::Joined | Event::Withdrew => agent.is_none(),
        Event::Established
        | Event::FirstMeeting
        | Event::Signed
        | Event::Adopted
        | Event::Launched
        | Event::Succeeded
        | Event::TookOver
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
pub(super) fn starts(event: Event) -> bool {
    match event {
        Event::Established | Event::Began | Event::Outreach | Event::Launched | Event::Opened => true,
        Event::FirstMeeting
        | Event::Met
        | Event::Joined
        | Event::Signed
        | Event::Adopted
        | Event::Succeeded
        | Event::TookOver
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
        | Event::Moved
        | Event::Applied
        | Event::Decided
        | Event::Other => false,
    }
}

/// Case- and white-space-insensitive form of a free-text name, for keys only.
pub(super) fn fold(s: &str) -> String {
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
    pub(super) modality: Modality,
    /// "first" on a recurring event ("first deployed").
    pub(super) first: bool,
}

/// A group key without its subject: what [`groups`] sorts on beside an interned subject.
pub(super) type KeyRest = (Event, Option<String>, Option<String>, Modality, bool);

impl GroupKey {
    /// The key of one claim.
    pub fn of(claim: &Claim) -> GroupKey {
        GroupKey::with_subject(claim.subject.clone(), GroupKey::rest_of(claim))
    }

    pub(super) fn rest_of(claim: &Claim) -> KeyRest {
        let first = claim.qualifiers.contains(&Qualifier::First);
        let event = if claim.event == Event::Met && first { Event::FirstMeeting } else { claim.event };
        let agent = claim.agent.as_deref().map(fold).filter(|a| !a.is_empty());
        let object = match event {
            Event::Succeeded | Event::TookOver | Event::Renamed => {
                claim.object.as_deref().map(fold).filter(|o| !o.is_empty())
            }
            _ => None,
        };
        let first = first && recurs(event, agent.as_deref());
        (event, agent, object, Modality::of(&claim.qualifiers), first)
    }

    pub(super) fn with_subject(subject: String, (event, agent, object, modality, first): KeyRest) -> GroupKey {
        GroupKey { subject, event, agent, object, modality, first }
    }

    /// Whether two dates in this group are two occurrences rather than a disagreement.
    pub fn recurs(&self) -> bool {
        !self.first && recurs(self.event, self.agent.as_deref())
    }

    /// The event as a human label, written with the names as the first claim spells them.
    pub(super) fn label(&self, sample: &Claim) -> String {
        let mut s = String::new();
        if self.first {
            s.push_str("first ");
        }
        s.push_str(self.event.as_str());
        match self.event {
            Event::Succeeded | Event::TookOver | Event::Renamed => {
                if let Some(obj) = sample.object.as_deref().filter(|_| self.object.is_some()) {
                    s.push_str(match self.event {
                        Event::Renamed => " to ",
                        Event::TookOver => " from ",
                        _ => " by ",
                    });
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
pub(super) fn groups<C: std::borrow::Borrow<Claim> + Sync>(claims: &[C]) -> Vec<(GroupKey, Vec<usize>)> {
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

/// Whether a claim may raise a conflict on its own.
pub(super) fn confident(c: &Claim) -> bool {
    c.confidence >= MIN_CONFIDENCE && !c.inferred
}

/// Whether two items with different tags have disjoint intervals. Linear: keep the two
/// largest first days from distinct tags; an item conflicts with some other-tag item iff
/// its last day is before the largest first day among the other tags.
pub(super) fn disjoint_across<T: Eq + Copy>(items: &[((i64, i64), T)]) -> bool {
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
pub(super) struct Support {
    pub(super) firsts: Vec<i64>,
    pub(super) lasts: Vec<i64>,
}

impl Support {
    pub(super) fn of<'a>(claims: impl IntoIterator<Item = &'a Arc<Claim>>) -> Support {
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
    pub(super) fn count(&self, d: &Date) -> usize {
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
pub(super) fn agreed(claims: &[&Arc<Claim>]) -> Option<Date> {
    consensus(claims).filter(|c| !c.disputed).map(|c| c.date)
}

/// The distinct most-precise values: dates that contain no other distinct date of the
/// group. "1997", "May 1997", "27 May 1997" and "1998" give "1997-05-27" and "1998".
pub(super) fn minimal_dates(claims: &[&Arc<Claim>]) -> Vec<Date> {
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

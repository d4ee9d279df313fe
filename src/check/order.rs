//! The order rule: events of one subject compared by their order, not only by equality.
//!
//! In: the groups of one subject (claims already grouped by [`GroupKey`]). Out: findings
//! of the kinds [`FindingKind::EventOrder`], [`FindingKind::UncertainOrder`] and
//! [`FindingKind::SingleSheetOrder`]. Pure, like the rest of the cross-check.
//!
//! # The constraints
//!
//! - **Nothing happens to a body before it exists.** A meeting, a summit, a member
//!   joining, a suspension, a deployment, a renaming, a closure or a replacement
//!   ([`Place::During`] and [`Place::End`]) cannot lie wholly before the body's
//!   establishment ([`Place::Birth`]).
//! - **Nothing happens to a body after it ended.** The same events of [`Place::During`]
//!   cannot lie wholly after its closure or its replacement by another body.
//! - **An act cannot enter into force before it was signed.**
//! - **A body acts only while it exists.** A claim whose agent is a body ("X joined the
//!   Council", "signed by X") is held against that body's founding and end with the first
//!   two constraints ([`check_agents`]); the finding is about the agent.
//!
//! # Precision and several anchors
//!
//! Dates are intervals ([`Date::days`]): an event violates an anchor only when the two
//! intervals are disjoint and in the wrong order, so "1963" against "March 1963" is never a
//! violation, whichever comes "first". When the sheets give several dates for the anchor
//! (two founding dates), an event is out of order only if it is out of order with *every*
//! one of them: the disagreement between the founding dates is the date rule's finding,
//! not this one's.
//!
//! # Who can raise what
//!
//! - **Conflict**: the event and the anchors it violates come from different sheets, and
//!   all of them are confident claims ([`MIN_CONFIDENCE`], year not inferred).
//! - **Review**: the same, but only when low-confidence or inferred claims are counted.
//! - **Review within one sheet**: every anchor comes from the event's own sheet, and the
//!   event and at least one anchor are direct readings ([`HIGH_CONFIDENCE`]). Below that,
//!   one sheet putting its own events out of order is taken for an extraction slip and
//!   gives nothing.
//!
//! Qualifiers weaken the anchors they change: a *formally* established body may have met
//! before (the formal act often comes late), so a formal founding is no anchor; an
//! *informal* meeting may precede the founding or follow the end; a *partial* or informal
//! end ends nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::finding::{Finding, FindingKind, claim_order};
use super::grouping::{GroupKey, confident, fold};
use super::rules::{direct, make, name_list, sorted_clones};
use super::{HIGH_CONFIDENCE, MIN_CONFIDENCE};

use crate::corpus::DocId;
use crate::date::{Date, Precision};
use crate::extract::{Claim, Event, Qualifier};

/// Where an event stands in the life of its subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The subject comes into existence: a body is established.
    Birth,
    /// The subject ends: closed, dissolved, replaced by another body.
    End,
    /// Happens to a subject that exists: it meets, is joined, suspended, renamed.
    During,
    /// Not ordered against the subject's life, because the claim's subject may be the
    /// thing created rather than an existing actor ("the Act was signed", "the Programme
    /// was launched": a signing or launch *is* the start of an act or a programme), or
    /// because the event is itself a way of telling the start (compared by the wording
    /// rule instead).
    Unordered,
}

/// The place of `event` in its subject's life. Exhaustive on purpose: a new event kind must
/// be placed here.
pub fn place(event: Event) -> Place {
    match event {
        Event::Established => Place::Birth,
        Event::Closed | Event::Succeeded => Place::End,
        Event::FirstMeeting
        | Event::Met
        | Event::Summit
        | Event::Joined
        | Event::Withdrew
        | Event::Appointed
        | Event::Formalised
        | Event::Moved
        | Event::Applied
        | Event::Decided
        | Event::Suspended
        | Event::Resumed
        | Event::Deployed
        | Event::Renamed
        | Event::EnteredIntoForce => Place::During,
        // The successor may be older than the succession (a body that takes over a role).
        Event::Signed
        | Event::Adopted
        | Event::Launched
        | Event::Opened
        | Event::Began
        | Event::Outreach
        | Event::TookOver
        // A generic claim says only that something happened: it orders nothing.
        | Event::Other => Place::Unordered,
    }
}

/// The event in the past tense, for reasons ("first met", "was replaced"). Exhaustive on
/// purpose.
pub fn past(event: Event) -> &'static str {
    match event {
        Event::Established => "established",
        Event::FirstMeeting => "first met",
        Event::Met => "met",
        Event::Joined => "joined",
        Event::Withdrew => "withdrew from",
        Event::Appointed => "appointed to",
        Event::Formalised => "formalised",
        Event::Moved => "moved",
        Event::Applied => "applied to join",
        Event::Decided => "decided",
        Event::Signed => "signed",
        Event::Adopted => "adopted",
        Event::Launched => "launched",
        Event::Succeeded => "replaced",
        Event::TookOver => "took over",
        Event::Renamed => "renamed",
        Event::Suspended => "suspended",
        Event::Resumed => "resumed",
        Event::Opened => "opened",
        Event::Closed => "closed",
        Event::Began => "began",
        Event::Outreach => "reached out",
        Event::Deployed => "deployed",
        Event::Summit => "held a summit",
        Event::EnteredIntoForce => "entered into force",
        Event::Other => "did something",
    }
}

/// Whether the dependent must lie not wholly before, or not wholly after, the anchors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// The dependent may not end before every anchor begins.
    NotBefore,
    /// The dependent may not begin after every anchor ends.
    NotAfter,
}

/// One ordering constraint between two sets of claims of one subject.
struct Constraint {
    /// Which claims anchor the constraint (the founding, the end, the signing).
    anchor: fn(Event, &Claim) -> bool,
    /// Which claims must respect it.
    dependent: fn(Event, &Claim) -> bool,
    side: Side,
    /// The anchor in a finding's event label: "met before established".
    anchor_word: &'static str,
    /// Why the order is impossible, for the reason.
    why: &'static str,
}

fn has(c: &Claim, q: Qualifier) -> bool {
    c.qualifiers.contains(&q)
}

const CONSTRAINTS: [Constraint; 3] = [
    Constraint {
        anchor: |e, c| place(e) == Place::Birth && !has(c, Qualifier::Formal) && !has(c, Qualifier::Partial),
        dependent: |e, c| matches!(place(e), Place::During | Place::End) && !has(c, Qualifier::Informal),
        side: Side::NotBefore,
        anchor_word: "established",
        why: "nothing can happen to a body before it is established",
    },
    Constraint {
        anchor: |e, c| place(e) == Place::End && !has(c, Qualifier::Informal) && !has(c, Qualifier::Partial),
        dependent: |e, c| place(e) == Place::During && !has(c, Qualifier::Informal),
        side: Side::NotAfter,
        anchor_word: "ended",
        why: "nothing can happen to a body after it was closed or replaced",
    },
    Constraint {
        // A party's own later signature (an accession) may follow the entry into force.
        anchor: |e, c| e == Event::Signed && c.agent.is_none(),
        dependent: |e, _| e == Event::EnteredIntoForce,
        side: Side::NotBefore,
        anchor_word: "signed",
        why: "an act cannot enter into force before it is signed",
    },
];

/// One group of a subject, as the order rule sees it: its key, its label and its claims.
pub(super) struct Group<'a> {
    pub key: &'a GroupKey,
    pub label: String,
    pub members: Vec<&'a Arc<Claim>>,
}

/// The three tiers a violation can reach, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    Conflict,
    Uncertain,
    SingleSheet,
}

impl Tier {
    fn kind(self) -> FindingKind {
        match self {
            Tier::Conflict => FindingKind::EventOrder,
            Tier::Uncertain => FindingKind::UncertainOrder,
            Tier::SingleSheet => FindingKind::SingleSheetOrder,
        }
    }
}

/// Which sheets hold anchors, enough to tell whether one other than a given sheet does.
struct Sheets<'a> {
    first: Option<&'a DocId>,
    several: bool,
}

impl<'a> Sheets<'a> {
    fn of(docs: impl Iterator<Item = &'a DocId>) -> Sheets<'a> {
        let mut first = None;
        let mut several = false;
        for d in docs {
            match first {
                None => first = Some(d),
                Some(f) if f != d => {
                    several = true;
                    break;
                }
                Some(_) => {}
            }
        }
        Sheets { first, several }
    }

    /// Whether a sheet other than `doc` holds an anchor.
    fn other_than(&self, doc: &DocId) -> bool {
        self.several || self.first.is_some_and(|f| f != doc)
    }
}

/// The bound the anchors set: for [`Side::NotBefore`] the earliest first day, for
/// [`Side::NotAfter`] the latest last day. An event violates every anchor iff it lies
/// wholly beyond this bound.
fn bound<'a>(side: Side, anchors: impl Iterator<Item = &'a Arc<Claim>>) -> Option<i64> {
    match side {
        Side::NotBefore => anchors.map(|c| c.date.days().0).min(),
        Side::NotAfter => anchors.map(|c| c.date.days().1).max(),
    }
}

fn violates(side: Side, c: &Claim, bound: Option<i64>) -> bool {
    let (first, last) = c.date.days();
    match (side, bound) {
        (Side::NotBefore, Some(b)) => last < b,
        (Side::NotAfter, Some(b)) => first > b,
        (_, None) => false,
    }
}

/// "on 12 March 1962", "in 1963", "from 1932 to 1934".
fn when(d: &Date) -> String {
    if d.is_range() {
        format!("from {}", d.describe())
    } else if d.precision() == Precision::Day {
        format!("on {}", d.describe())
    } else {
        format!("in {}", d.describe())
    }
}

/// "first met on 12 March 1962", "was replaced by EAPC in 1997".
fn phrase(event: Event, c: &Claim) -> String {
    let mut s = past(event).to_string();
    if let (Event::Succeeded | Event::TookOver | Event::Renamed, Some(obj)) = (event, c.object.as_deref()) {
        s.push_str(match event {
            Event::Renamed => " to ",
            Event::TookOver => " from ",
            _ => " by ",
        });
        s.push_str(obj.trim());
    }
    if let Some(agent) = c.agent.as_deref() {
        s.push_str(" by ");
        s.push_str(agent.trim());
    }
    s.push(' ');
    s.push_str(&when(&c.date));
    s
}

/// The anchors of one constraint, summarised so that each dependent is placed in a tier in
/// constant time (a corpus restating an event must not make the rule quadratic).
struct Anchored<'a> {
    side: Side,
    bound_all: Option<i64>,
    bound_sure: Option<i64>,
    all_docs: Sheets<'a>,
    sure_docs: Sheets<'a>,
    direct_docs: FxHashSet<&'a DocId>,
}

impl<'a> Anchored<'a> {
    fn of(side: Side, anchors: &[(Event, &'a Arc<Claim>)]) -> Anchored<'a> {
        let sure = || anchors.iter().filter(|(_, c)| confident(c)).map(|(_, c)| *c);
        Anchored {
            side,
            bound_all: bound(side, anchors.iter().map(|(_, c)| *c)),
            bound_sure: bound(side, sure()),
            all_docs: Sheets::of(anchors.iter().map(|(_, c)| &c.doc)),
            sure_docs: Sheets::of(sure().map(|c| &c.doc)),
            direct_docs: anchors.iter().filter(|(_, c)| direct(c)).map(|(_, c)| &c.doc).collect(),
        }
    }

    /// The tier `c` reaches against these anchors, if it is out of order at all.
    fn tier(&self, c: &Claim) -> Option<Tier> {
        if confident(c) && violates(self.side, c, self.bound_sure) && self.sure_docs.other_than(&c.doc) {
            Some(Tier::Conflict)
        } else if !violates(self.side, c, self.bound_all) {
            None
        } else if self.all_docs.other_than(&c.doc) {
            Some(Tier::Uncertain)
        } else if direct(c) && self.direct_docs.contains(&c.doc) {
            // Every anchor is the dependent's own sheet's (no other sheet has one).
            Some(Tier::SingleSheet)
        } else {
            None
        }
    }
}

/// The anchors a finding of `tier` cites: for a conflict the confident ones only.
fn cited<'a>(tier: Tier, anchors: &[(Event, &'a Arc<Claim>)]) -> Vec<(Event, &'a Arc<Claim>)> {
    anchors.iter().copied().filter(|(_, a)| tier != Tier::Conflict || confident(a)).collect()
}

/// The order findings of one subject.
pub(super) fn check_order(subject: &str, groups: &[Group<'_>], out: &mut Vec<Finding>) {
    for rule in &CONSTRAINTS {
        let anchors: Vec<(Event, &Arc<Claim>)> = groups
            .iter()
            .flat_map(|g| g.members.iter().map(move |c| (g.key.event, *c)))
            .filter(|(e, c)| (rule.anchor)(*e, c))
            .collect();
        if anchors.is_empty() {
            continue;
        }
        let anchored = Anchored::of(rule.side, &anchors);
        // (tier, dependent group) -> violating dependents.
        let mut found: BTreeMap<(Tier, usize), Vec<&Arc<Claim>>> = BTreeMap::new();
        for (gi, g) in groups.iter().enumerate() {
            for c in &g.members {
                if let Some(tier) = (rule.dependent)(g.key.event, c).then(|| anchored.tier(c)).flatten() {
                    found.entry((tier, gi)).or_default().push(c);
                }
            }
        }
        for ((tier, gi), deps) in found {
            let g = &groups[gi];
            let dep = Dependents { label: g.label.clone(), event: g.key.event, of: None, claims: deps };
            out.push(finding(subject, rule, tier, &dep, &cited(tier, &anchors), None));
        }
    }
}

/// The bodies named as agents ("signed by X", "joined by X"): X acted, so X existed. Each
/// claim whose agent is, case aside, the canonical name of a subject with a founding or an
/// end is ordered against them with the first two constraints. Agents are free text; an
/// agent spelled otherwise than the subject's canonical name is not matched (no guessing).
pub fn check_agents(claims: &[Arc<Claim>]) -> Vec<Finding> {
    // Folded subject -> its claims that can anchor (foundings and ends).
    let mut lives: FxHashMap<String, Vec<(Event, &Arc<Claim>)>> = FxHashMap::default();
    for c in claims {
        let event = GroupKey::of(c).event;
        if matches!(place(event), Place::Birth | Place::End) {
            lives.entry(fold(&c.subject)).or_default().push((event, c));
        }
    }
    if lives.is_empty() {
        return Vec::new();
    }
    type Anchors<'a> = Option<(Anchored<'a>, Vec<(Event, &'a Arc<Claim>)>)>;
    // (agent's folded name, rule) -> its anchors, built once.
    let mut anchored: FxHashMap<(String, usize), Anchors<'_>> = FxHashMap::default();
    // (agent's folded name, rule, tier, dependent key) -> violating claims.
    let mut found: BTreeMap<(String, usize, Tier, GroupKey), Vec<&Arc<Claim>>> = BTreeMap::new();
    for c in claims {
        let Some(agent) = c.agent.as_deref().map(fold).filter(|a| !a.is_empty() && *a != fold(&c.subject)) else {
            continue;
        };
        let Some(life) = lives.get(&agent) else { continue };
        if has(c, Qualifier::Informal) {
            continue;
        }
        for (ri, rule) in CONSTRAINTS.iter().enumerate().take(2) {
            let entry = anchored.entry((agent.clone(), ri)).or_insert_with(|| {
                let anchors: Vec<(Event, &Arc<Claim>)> =
                    life.iter().copied().filter(|(e, a)| (rule.anchor)(*e, a)).collect();
                (!anchors.is_empty()).then(|| (Anchored::of(rule.side, &anchors), anchors))
            });
            if let Some(tier) = entry.as_ref().and_then(|(a, _)| a.tier(c)) {
                found.entry((agent.clone(), ri, tier, GroupKey::of(c))).or_default().push(c);
            }
        }
    }
    let mut out = Vec::new();
    for ((agent, ri, tier, key), deps) in found {
        let Some(Some((_, anchors))) = anchored.get(&(agent, ri)) else { continue };
        let Some(body) = anchors.iter().map(|(_, a)| a.subject.trim()).min() else { continue };
        let Some(sample) = super::sample(&deps) else { continue };
        let rule = &CONSTRAINTS[ri];
        let dep = Dependents {
            label: format!("{} {}", sample.subject.trim(), key.label(sample)),
            event: key.event,
            of: Some(sample.subject.trim()),
            claims: deps.clone(),
        };
        out.push(finding(body, rule, tier, &dep, &cited(tier, anchors), Some(body)));
    }
    out
}

/// The claims of one dependent group that break a constraint.
struct Dependents<'a> {
    /// The group's label in the finding's event: "first-meeting", "Kestrel Accord signed by X".
    label: String,
    event: Event,
    /// The subject of the dependents when it is not the finding's (an act an agent signed).
    of: Option<&'a str>,
    claims: Vec<&'a Arc<Claim>>,
}

/// One finding: the dependents of one group that violate `rule`, and the anchors they violate.
fn finding(
    subject: &str,
    rule: &Constraint,
    tier: Tier,
    dep: &Dependents<'_>,
    anchors: &[(Event, &Arc<Claim>)],
    anchor_of: Option<&str>,
) -> Finding {
    let event = dep.event;
    let deps = dep.claims.as_slice();
    // The most striking dependent (farthest beyond the bound) and the anchor that sets it.
    let extreme = match rule.side {
        // Ties go to the first in claim order, so the reason does not depend on input order.
        Side::NotBefore => deps.iter().min_by(|a, b| claim_order(a, b)),
        Side::NotAfter => deps.iter().max_by(|a, b| a.date.cmp(&b.date).then_with(|| claim_order(b, a))),
    };
    let setter = match rule.side {
        Side::NotBefore => anchors
            .iter()
            .min_by(|(_, a), (_, b)| a.date.days().0.cmp(&b.date.days().0).then_with(|| claim_order(a, b))),
        Side::NotAfter => anchors.iter().max_by(|(_, a), (_, b)| {
            a.date.days().1.cmp(&b.date.days().1).then_with(|| a.date.cmp(&b.date)).then_with(|| claim_order(b, a))
        }),
    };
    let dep_docs = name_list(deps.iter().map(|c| c.doc.as_str()));
    let anchor_docs = name_list(anchors.iter().map(|(_, c)| c.doc.as_str()));
    let (dep_text, anchor_text) = match (extreme, setter) {
        (Some(d), Some((ae, a))) => {
            let more = deps.len() - 1;
            let more = if more > 0 { format!(" (and {more} more)") } else { String::new() };
            let who = |of: Option<&str>| of.map(|s| format!("{s} ")).unwrap_or_default();
            (format!("{}{}{more}", who(dep.of), phrase(event, d)), format!("{}{}", who(anchor_of), phrase(*ae, a)))
        }
        _ => (String::new(), String::new()),
    };
    let order_word = match rule.side {
        Side::NotBefore => "before",
        Side::NotAfter => "after",
    };
    let label = format!("{} {order_word} {}", dep.label, rule.anchor_word);
    let mut reason = format!("{dep_text} ({dep_docs}), but {anchor_text} ({anchor_docs}): {}", rule.why);
    reason.push_str(match tier {
        Tier::Conflict => "; one of the dates is wrong, or the sheets mean different bodies",
        Tier::Uncertain => {
            "; the order breaks only through a claim whose attachment is uncertain or whose year was inferred: \
             check that each date belongs to its event"
        }
        Tier::SingleSheet => {
            "; both are direct readings of one sheet: it contradicts itself, or one of its dates belongs to another event"
        }
    });
    if tier == Tier::Uncertain {
        reason.push_str(&format!(" (conflicts need confidence {MIN_CONFIDENCE} or more)"));
    }
    if tier == Tier::SingleSheet {
        reason.push_str(&format!(" (both read with confidence {HIGH_CONFIDENCE} or more)"));
    }
    // Values: the violating dates and the anchor dates, each the most precise of its side.
    let dep_dates: BTreeSet<Date> = deps.iter().map(|c| c.date).collect();
    let anchor_dates: BTreeSet<(Event, Date)> = anchors.iter().map(|(e, c)| (*e, c.date)).collect();
    let mut values: Vec<String> = dep_dates.iter().map(|d| format!("{} {d}", dep.label)).collect();
    values.extend(anchor_dates.iter().map(|(e, d)| format!("{} {d}", e.as_str())));
    let claims: Vec<&Arc<Claim>> = deps.iter().copied().chain(anchors.iter().map(|(_, c)| *c)).collect();
    make(tier.kind(), subject, label, reason, values, sorted_clones(&claims), None)
}

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
//!
//! Suspensions and resumptions recur, but one suspension is followed by one resumption:
//! when two sheets date the resumption after the same suspension apart, that is a review
//! ([`FindingKind::Resumption`], see [`resumption`]).
//!
//! # Layout
//!
//! `finding.rs`: [`Finding`], its kind, severity, id and order. `grouping.rs`: the
//! [`GroupKey`], the event classes and the [`consensus`] date. `rules.rs`: the rules, all of
//! one signature and listed in one table (the order rule lives in [`order`]).
//! `timeline.rs`: the merged chronology. This file runs the rules per subject.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::extract::Claim;

mod finding;
mod grouping;
pub mod order;
mod resumption;
mod rules;
mod timeline;

pub use finding::{Finding, FindingKind, Severity, finding_id};
pub use grouping::{Consensus, GroupKey, consensus};
pub use timeline::{TimelineEntry, timeline, timeline_shared};

use finding::finding_order;
use grouping::groups;
use rules::sample;
// For the tests beside this module (`use super::*`).
#[cfg(test)]
use {
    crate::{corpus::DocId, date::Date, extract::Event},
    grouping::{disjoint_across, minimal_dates},
    rules::name_list,
};

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

/// The findings [`cross_check_shared`] makes from the claims of one subject (every claim
/// in `claims` has the same canonical subject), before the agent rule
/// ([`order::check_agents`]), the final sort and the de-duplication of ids: the per-subject
/// entry point for a caller that caches findings per subject and recomputes only the
/// subjects whose claims changed. Claims in the order `cross_check_shared` would see them
/// give the findings in the order it makes them.
pub fn check_one_subject(claims: &[Arc<Claim>]) -> Vec<Finding> {
    let groups = groups(claims);
    debug_assert!(groups.windows(2).all(|w| w[0].0.subject == w[1].0.subject), "one subject only");
    check_subject(claims, &groups)
}

/// The folded form in which the agent rule ([`order::check_agents`]) matches an agent to
/// a subject: each of its findings is about a subject whose folded form is the agent's.
pub fn agent_key(name: &str) -> String {
    grouping::fold(name)
}

/// The findings about one subject: `run` holds all its groups; every rule of
/// [`rules::RULES`] sees them all.
fn check_subject(claims: &[Arc<Claim>], run: &[(GroupKey, Vec<usize>)]) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut groups: Vec<order::Group<'_>> = Vec::with_capacity(run.len());
    for (key, idx) in run {
        let members: Vec<&Arc<Claim>> = idx.iter().map(|&i| &claims[i]).collect();
        let Some(first) = sample(&members) else { continue };
        groups.push(order::Group { key, label: key.label(first), members });
    }
    if let Some((key, _)) = run.first() {
        for rule in rules::RULES {
            rule(&key.subject, &groups, &mut out);
        }
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

#[cfg(test)]
pub(crate) mod tests;

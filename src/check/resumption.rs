//! Resumptions after one suspension, dated apart by different sheets.
//!
//! A relationship, a body's meetings or a cooperation is suspended and later resumed.
//! Both events recur, so two dates of either are two occurrences and the date rule never
//! compares them. But one suspension is followed by one resumption: when two sheets date
//! the resumption that follows the same suspension apart, a reader wants to know which is
//! meant (an informal step and a formal one, meetings and cooperation) or which date is
//! wrong. Always a review: sheets often date different steps of one resumption.
//!
//! A subject's resumptions, sorted by first day, are cut into runs wherever one of its
//! suspensions starts strictly between two of them, or more than two years lie between
//! them. A run is compared only when some suspension starts no later than its first
//! resumption: with no suspension before them, nothing says two resumptions follow the
//! same one. Within a run, two claims of different
//! sheets whose dates are disjoint make the finding; its reason names the suspension and
//! every resumption with its sheets. Sort and linear scans: `O(n log n)` per subject.

use std::sync::Arc;

use super::finding::{Finding, FindingKind, claim_order};
use super::grouping::{disjoint_across, minimal_dates};
use super::order::Group;
use super::rules::{make, name_list, sorted_clones};
use crate::date::Date;
use crate::extract::{Claim, Event};

/// Resumptions further apart than this (from the last day of one to the first day of the
/// next) are two resumptions, even when the sheets state no suspension between them: sheets
/// that date one resumption differently differ by months, and a suspension the extractor
/// missed must not join resumptions a decade apart.
const MAX_GAP_DAYS: i64 = 2 * 365;

/// The rule: resumptions after one suspension of `subject`, dated apart across sheets.
pub(super) fn check_resumptions(subject: &str, groups: &[Group<'_>], out: &mut Vec<Finding>) {
    let mut suspensions: Vec<&Arc<Claim>> = Vec::new();
    // (label, claim)
    let mut resumptions: Vec<(&str, &Arc<Claim>)> = Vec::new();
    for g in groups {
        match g.key.event {
            Event::Suspended => suspensions.extend(g.members.iter().copied()),
            Event::Resumed => resumptions.extend(g.members.iter().map(|c| (g.label.as_str(), *c))),
            _ => {}
        }
    }
    if suspensions.is_empty() || resumptions.len() < 2 {
        return;
    }
    resumptions.sort_by(|a, b| a.1.date.days().cmp(&b.1.date.days()).then_with(|| claim_order(a.1, b.1)));
    let mut starts: Vec<i64> = suspensions.iter().map(|c| c.date.days().0).collect();
    starts.sort_unstable();
    let mut runs: Vec<Vec<(&str, &Arc<Claim>)>> = Vec::new();
    for r in resumptions {
        let first = r.1.date.days().0;
        match runs.last_mut() {
            Some(run)
                if !run.iter().any(|p| between(&starts, p.1.date.days().1, first))
                    && run.iter().map(|p| p.1.date.days().1).max().is_some_and(|last| first - last <= MAX_GAP_DAYS) =>
            {
                run.push(r)
            }
            _ => runs.push(vec![r]),
        }
    }
    for run in &runs {
        check_run(subject, &suspensions, run, out);
    }
}

/// Whether a suspension starts strictly after day `after` and strictly before day `before`.
fn between(starts: &[i64], after: i64, before: i64) -> bool {
    let i = starts.partition_point(|&s| s <= after);
    starts.get(i).is_some_and(|&s| s < before)
}

/// One run of resumptions with no suspension between them.
fn check_run(subject: &str, suspensions: &[&Arc<Claim>], run: &[(&str, &Arc<Claim>)], out: &mut Vec<Finding>) {
    let Some(run_first) = run.iter().map(|p| p.1.date.days().0).min() else { return };
    // The suspension the run follows: the latest to start no later than the run.
    let Some(latest) = suspensions.iter().map(|c| c.date.days().0).filter(|&s| s <= run_first).max() else {
        return;
    };
    let tagged: Vec<((i64, i64), &crate::corpus::DocId)> = run.iter().map(|p| (p.1.date.days(), &p.1.doc)).collect();
    if !disjoint_across(&tagged) {
        return;
    }
    let anchor: Vec<&Arc<Claim>> =
        suspensions.iter().copied().filter(|c| c.date.days().0 <= run_first && c.date.days().1 >= latest).collect();
    let claims: Vec<&Arc<Claim>> = run.iter().map(|p| p.1).collect();
    let values: Vec<String> = minimal_dates(&claims).iter().map(Date::to_string).collect();
    // Each wording and date, with the sheets that state it.
    let mut told: Vec<(&str, Date, Vec<&str>)> = Vec::new();
    for (label, c) in run {
        match told.iter_mut().find(|t| t.0 == *label && t.1 == c.date) {
            Some(t) => t.2.push(c.doc.as_str()),
            None => told.push((label, c.date, vec![c.doc.as_str()])),
        }
    }
    let described: Vec<String> = told
        .iter()
        .map(|(label, date, docs)| format!("\"{label}\" {} ({})", date.describe(), name_list(docs.iter().copied())))
        .collect();
    let suspended = anchor.iter().map(|c| c.date).min().map_or_else(String::new, |d| d.describe());
    let reason = format!(
        "the sheets date the resumption after one suspension (suspended {suspended}, {}) apart: {}; \
         one suspension is followed by one resumption — these may be steps of it (informal contacts, formal \
         meetings) or one date is wrong; check what each sheet means",
        name_list(anchor.iter().map(|c| c.doc.as_str())),
        described.join(" vs ")
    );
    let event = format!("resumed after the suspension of {suspended}");
    out.push(make(FindingKind::Resumption, subject, event, reason, values, sorted_clones(&claims), None));
}

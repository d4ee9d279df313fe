//! The merged chronology: each one-off event once with its best-supported date and the
//! sheets for and against it, each occurrence of a recurring event once, sorted by date.

use std::collections::BTreeSet;
use std::sync::Arc;

use serde::Serialize;

use super::grouping::{Consensus, consensus, groups};
use super::rules::{sample, sorted_clones};
use crate::corpus::DocId;
use crate::date::Date;
use crate::extract::{Claim, Event};

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

//! How an inferred date was reached, in words, for the reports: "year from line 14",
//! "Today = 2002-05 (stated document date)".
//!
//! In: one document, its date mentions and the claims built from them. Out: each inferred
//! claim's `inferred_from`, unless its rule already wrote one (an anniversary names its
//! anchor). It follows the date resolver's own order, read back from the mentions: a
//! year-less date takes its year from the last stated date before it with that year,
//! else from the document date; a relative date is counted from the document date
//! ("last year", "this spring") or from the date before it ("the following year").
//! It never changes a value.

use crate::corpus::Document;
use crate::date::Date;

use super::{Claim, DateKind, DateMention};

/// Words that make a relative date count from the date before it, not from today.
const ANAPHORIC: &[&str] = &["following", "next", "later", "after", "previous", "earlier", "before", "that", "same"];

/// Fills `inferred_from` for the inferred claims of `doc` that have none.
pub(crate) fn explain(doc: &Document, dates: &[DateMention], document_date: Option<Date>, claims: &mut [Claim]) {
    for c in claims.iter_mut().filter(|c| c.inferred && c.inferred_from.is_none()) {
        let Some(at) = dates.iter().position(|m| {
            let l = doc.location(m.span.start);
            (l.line, l.column) == (c.line, c.column)
        }) else {
            continue;
        };
        let m = &dates[at];
        let today = || {
            document_date.map(|d| {
                let how = if doc.stated_date == Some(d) { "stated document date" } else { "detected document date" };
                format!("Today = {d} ({how})")
            })
        };
        let earlier = |same_year: bool| {
            dates[..at]
                .iter()
                .rev()
                .filter(|p| !p.inferred && matches!(p.kind, DateKind::Absolute | DateKind::Range))
                .find(|p| p.date.is_some_and(|d| !same_year || Some(d.year()) == m.date.map(|x| x.year())))
                .map(|p| doc.location(p.span.start).line)
        };
        c.inferred_from = if m.kind == DateKind::Relative {
            let words = c.date_text.to_lowercase();
            if words.split_whitespace().any(|w| ANAPHORIC.contains(&w)) {
                earlier(false).map(|line| format!("counted from the date on line {line}")).or_else(today)
            } else {
                today()
            }
        } else {
            earlier(true).map(|line| format!("year from line {line}")).or_else(today)
        };
    }
}

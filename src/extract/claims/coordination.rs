//! Coordination: one predicate, several dates or several parties.
//!
//! - `met in May and June 2000`: the bare month before `and` shares the year of the date
//!   after it, and is a claim of its own (a second meeting, a second step).
//! - `signed by Belgium, France, Italy and Spain`: every party is kept as the agent, not
//!   only the nearest one.
//! - `the summit on 5-6 July 1990`: a meeting dated by a span of days is held on its first
//!   day and still held on its last, two claims; one value per claim is what the
//!   cross-check compares.

use super::super::{Claim, Event};
use super::Reader;
use super::items::ItemKind;
use super::trigger::Trigger;
use crate::date::{Date, Point, Precision, Unit};
use crate::extract::patterns::month_number;

impl Reader<'_, '_> {
    /// `in May and June 2000`: a claim like `claim` dated by the month before `and` at
    /// date item `di`, in the same year. Only a month date, and only a capitalised month
    /// name right before `and` (so "may" the verb never counts).
    pub(super) fn coordinated_month(&self, di: usize, claim: &Claim) -> Option<Claim> {
        let items = self.items();
        if !items.get(di.checked_sub(1)?)?.is("and") {
            return None;
        }
        let month_word = items.get(di.checked_sub(2)?)?;
        // The month may stand as a word or as a date mention of its own (a year-less month).
        let word_or_date = matches!(month_word.kind, ItemKind::Word | ItemKind::Date { .. });
        if !word_or_date || !month_word.text.starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
        let month = month_number(month_word.text)?;
        if claim.date.is_range() {
            return None;
        }
        let start = claim.date.start();
        let Unit::Month(m) = start.unit() else { return None };
        if month >= m {
            return None;
        }
        let mut c = claim.clone();
        c.date = Date::point(Point::month(start.year_value(), month)?);
        c.date_text = month_word.text.to_string();
        c.inferred = true;
        c.confidence = (c.confidence * 0.8 * 100.0).round() / 100.0;
        Some(c)
    }

    /// The agents after a passive `by`: `signed by Belgium, France, Italy and Spain` →
    /// "Belgium, France, Italy and Spain". Stops at a date, a preposition or a clause break.
    pub(super) fn by_agents(&self, t: &Trigger) -> Option<String> {
        let items = self.items();
        if !t.passive || !items.get(t.at + 1)?.is("by") {
            return None;
        }
        let mut names: Vec<String> = Vec::new();
        let mut current: Vec<String> = Vec::new();
        for it in items.get(t.at + 2..)? {
            let is_name = it.kind == ItemKind::Word && it.text.starts_with(|c: char| c.is_uppercase());
            if let Some(name) = self.party_name(it) {
                current.push(name);
            } else if is_name {
                current.push(it.text.to_string());
            } else if it.is_punct(',') || it.is("and") || it.is("the") {
                if !current.is_empty() {
                    names.push(current.join(" "));
                    current.clear();
                }
            } else {
                break;
            }
        }
        if !current.is_empty() {
            names.push(current.join(" "));
        }
        // One party is the agent the frame already finds; a list is what this rule adds.
        let (last, rest) = names.split_last()?;
        (!rest.is_empty()).then(|| format!("{} and {last}", rest.join(", ")))
    }
}

/// The longest span of days read as one meeting held over several days.
const MEETING_DAYS: i64 = 14;

/// Splits a meeting or summit dated by a span of days (`5-6 July 1990`) into a claim for
/// its first day and one for its last (the last a plain meeting, a little less sure).
/// Other claims, and longer spans (a term, a period), are kept as they are.
pub(super) fn split_meeting_days(claims: Vec<Claim>) -> Vec<Claim> {
    let mut out = Vec::with_capacity(claims.len());
    for c in claims {
        let meeting = matches!(c.event, Event::Summit | Event::Met | Event::FirstMeeting);
        let days = c.date.end().filter(|e| {
            c.date.start().precision() == Precision::Day
                && e.precision() == Precision::Day
                && c.date.len_days() <= MEETING_DAYS
        });
        let Some(end) = days.filter(|_| meeting) else {
            out.push(c);
            continue;
        };
        let mut first = c.clone();
        first.date = Date::point(c.date.start());
        let mut last = c;
        last.date = Date::point(end);
        if last.event == Event::FirstMeeting {
            last.event = Event::Met;
        }
        last.confidence = (last.confidence * 0.8 * 100.0).round() / 100.0;
        out.push(first);
        out.push(last);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::claims;
    use crate::extract::Event;

    #[test]
    fn a_summit_over_days_is_held_on_its_first_and_last_day() {
        let got = claims("On 14-16 March 2011, the Alpine Summit in Davos adopted a water plan.");
        let summits: Vec<&String> =
            got.iter().filter(|(s, e, _)| s == "Alpine Summit" && *e == Event::Summit).map(|(_, _, d)| d).collect();
        assert_eq!(summits, ["2011-03-14", "2011-03-16"], "{got:?}");
    }

    #[test]
    fn a_span_of_years_or_a_non_meeting_is_not_split() {
        let got = claims("The Alpine Water Treaty was in force from 1961 to 1990.");
        assert!(got.iter().all(|(_, _, d)| d != "1961" && d != "1990"), "{got:?}");
        let signed = claims("The Alpine Water Treaty was signed on 14-16 March 2011.");
        assert!(signed.iter().all(|(_, e, d)| *e != Event::Signed || d.contains('/')), "{signed:?}");
    }
}

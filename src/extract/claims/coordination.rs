//! Coordination: one predicate, several dates or several parties.
//!
//! - `met in May and June 2000`: the bare month before `and` shares the year of the date
//!   after it, and is a claim of its own (a second meeting, a second step).
//! - `signed by Belgium, France, Italy and Spain`: every party is kept as the agent, not
//!   only the nearest one.

use super::super::Claim;
use super::Reader;
use super::items::ItemKind;
use super::trigger::Trigger;
use crate::date::{Date, Point, Unit};
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

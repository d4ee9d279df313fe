//! Coordination: one predicate, several dates or several parties.
//!
//! - `met in May and June 2000`: the bare month before `and` shares the year of the date
//!   after it, and is a claim of its own (a second meeting, a second step).
//! - `signed by Belgium, France, Italy and Spain`: every party is kept as the agent, not
//!   only the nearest one.
//! - `the summit on 5-6 July 1990`: a meeting dated by a span of days is held on its first
//!   day and still held on its last, two claims; one value per claim is what the
//!   cross-check compares.
//! - `established two new councils: the A and the B`, `two other bodies were set up, the A
//!   and the B`: a counted plural noun announces a list, and every listed body gets the
//!   claim; only when the list has exactly as many names as the number says.

use super::super::{Claim, Event};
use super::Reader;
use super::frames::Subject;
use super::items::ItemKind;
use super::lexicon::{cardinal, is_cap, is_time_unit};
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

    /// `X established two new councils: the A and the B`, `two other bodies were
    /// established, the A and the B`: the claim of each listed body, dated by the date the
    /// trigger governs. The number before the plural noun must equal the number of names
    /// listed (all of them bodies, or `Council of the <body>`); anything else is no list.
    pub(super) fn listed_claims(&self, triggers: &[Trigger]) -> Vec<Claim> {
        let mut out = Vec::new();
        for t in triggers.iter().filter(|t| matches!(t.form, super::lexicon::Form::Past)) {
            let Some(names) = self.listed_after(t) else { continue };
            // The date of the trigger's own clause: the cheapest by the clause costs.
            let dated = self.items().iter().enumerate().filter_map(|(di, it)| match it.kind {
                ItemKind::Date { index, usable: true } => self.cost(t, di).map(|c| (c, index)),
                _ => None,
            });
            let Some((cost, index)) = dated.min_by(|a, b| a.0.total_cmp(&b.0)) else { continue };
            let conf = (0.95 - 0.04 * cost).clamp(0.3, 0.95) * LISTED;
            for (name, at) in names {
                let subject = Subject { name, at, object: None, agent: None, factor: 1.0 };
                out.extend(self.claim(index, t.event, &subject, conf));
            }
        }
        out
    }

    /// The names a counted plural noun of trigger `t` announces: after an active verb
    /// (`established two new X: …`, `and with them two new Y: …`) or before a passive (`two
    /// other X were established, …`).
    fn listed_after(&self, t: &Trigger) -> Option<Vec<(String, Option<usize>)>> {
        let items = self.items();
        let candidates: Vec<usize> = if t.passive {
            (t.at.saturating_sub(7)..t.at).collect()
        } else {
            (t.at + 1..(t.at + 14).min(items.len())).collect()
        };
        for k in candidates {
            let it = items.get(k)?;
            // No list across a clause of its own.
            if matches!(it.kind, ItemKind::Punct(';' | '.' | ':')) && !t.passive {
                return None;
            }
            let Some((count, head)) = self.counted_noun(k) else { continue };
            // The list follows the noun (active) or the verb (passive), after `:` or `,`,
            // with the verb's date in between at most ("were created in 1992, the A and the B").
            let mut p = if t.passive { t.at + 1 } else { head + 1 };
            if t.passive {
                while items.get(p).is_some_and(|x| x.is("in") || x.is("on") || matches!(x.kind, ItemKind::Date { .. }))
                {
                    p += 1;
                }
            }
            if !items.get(p).is_some_and(|x| x.is_punct(':') || x.is_punct(',')) {
                continue;
            }
            let Some(names) = self.list_from(p + 1) else { continue };
            return (i64::try_from(names.len()).ok() == Some(count)).then_some(names);
        }
        None
    }

    /// A number word or figure from two to ten at `k`, then up to four modifiers and a
    /// plural noun that counts no time: the number and the noun's item.
    fn counted_noun(&self, k: usize) -> Option<(i64, usize)> {
        let items = self.items();
        let it = items.get(k)?;
        if !matches!(it.kind, ItemKind::Word | ItemKind::Number) {
            return None;
        }
        let count = cardinal(&it.lower()).filter(|n| (2..=10).contains(n))?;
        for h in k + 1..(k + 6).min(items.len()) {
            let n = items.get(h)?;
            if n.kind != ItemKind::Word && !n.is_party() {
                return None;
            }
            let w = n.lower();
            if n.kind == ItemKind::Word && w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !is_time_unit(&w) {
                return Some((count, h));
            }
        }
        None
    }

    /// `the A, the B and the C` from item `p`: each a body (or `Council of the <body>`),
    /// an acronym in parentheses after it skipped; ends at `and` + the last name.
    fn list_from(&self, p: usize) -> Option<Vec<(String, Option<usize>)>> {
        let items = self.items();
        let mut out = Vec::new();
        let mut p = p;
        let mut last = false;
        loop {
            if items.get(p).is_some_and(|x| x.is("the")) {
                p += 1;
            }
            let (name, at, next) = self.list_name(p)?;
            out.push((name, at));
            p = next;
            // An acronym or aside in parentheses after the name.
            if let Some(it) = items.get(p)
                && it.is_punct('(')
                && let Some((_, c)) = it.group
            {
                p = c + 1;
            }
            if last {
                // The list ends there: the sentence, a clause or an aside follows.
                let end = items.get(p).is_none_or(|x| {
                    matches!(x.kind, ItemKind::Punct(_)) || x.is("which") || x.is("that") || x.is("in")
                });
                return end.then_some(out);
            }
            let sep = items.get(p)?;
            if sep.is("and") {
                last = true;
            } else if !sep.is_punct(',') {
                return None;
            } else if items.get(p + 1).is_some_and(|x| x.is("and")) {
                p += 1;
                last = true;
            }
            p += 1;
        }
    }

    /// One listed name at `p`: a body item, or capitalised words + `of (the)` + a body
    /// (`Council of the X`, named as written). The name, its item (for a plain body) and the
    /// item after it.
    fn list_name(&self, p: usize) -> Option<(String, Option<usize>, usize)> {
        let items = self.items();
        let it = items.get(p)?;
        if it.is_party() {
            return Some((self.party_name(it)?, Some(p), p + 1));
        }
        let caps = items.get(p..)?.iter().take_while(|x| x.kind == ItemKind::Word && is_cap(x.text)).count();
        if caps == 0 || caps > 3 || !items.get(p + caps)?.is("of") {
            return None;
        }
        let mut b = p + caps + 1;
        if items.get(b).is_some_and(|x| x.is("the")) {
            b += 1;
        }
        let body = items.get(b).filter(|x| x.is_party())?;
        let words: Vec<&str> = items.get(p..b)?.iter().map(|x| x.text).collect();
        Some((format!("{} {}", words.join(" "), self.written_name(body)), None, b + 1))
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

/// Confidence factor of a listed body: the list is read, not the frame.
const LISTED: f32 = 0.75;

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
    use super::super::tests::{claims, has, lacks};
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

    #[test]
    fn every_body_a_counted_noun_lists_gets_the_claim() {
        // Active: the list after a colon, announced by a second counted noun.
        let text = "In 1962, the Andes Accord created two new agencies, and with them two new councils: \
                    the Council of the Andean Water Agency (AWA) and the Council of the Andean Rail Agency (ARA).";
        has(text, "Council of the Andean Water Agency", Event::Established, "1962");
        has(text, "Council of the Andean Rail Agency", Event::Established, "1962");
        // Passive: the list after the verb, as an apposition.
        let text = "Under the Lagoon Treaty of 1988, three other fishing bodies were established, the Lagoon \
                    Fisheries Council, the Lagoon Science Board and the Lagoon Patrol Agency.";
        has(text, "Lagoon Fisheries Council", Event::Established, "1988");
        has(text, "Lagoon Science Board", Event::Established, "1988");
        has(text, "Lagoon Patrol Agency", Event::Established, "1988");
    }

    #[test]
    fn a_list_that_does_not_match_its_number_is_no_list() {
        // Two announced, three listed: the reader cannot tell which.
        let text = "In 1970 two new bodies were established, the Polar Ice Council, the Polar Data Board \
                    and the Polar Fleet Agency.";
        let got = claims(text);
        assert!(got.iter().all(|(s, _, _)| s != "Polar Data Board"), "{got:?}");
        // A list of things that are no bodies.
        lacks("In 1970 the Polar Ice Council set up two new funds: the ice fund and the data fund.", "ice fund");
        // A counted noun of time is no list.
        let got = claims("In 1970 the Polar Ice Council was established for two years, the Polar Data Board said.");
        assert!(got.iter().all(|(s, _, _)| s != "Polar Data Board"), "{got:?}");
    }
}

//! Decisions of a body as dated events: the body that decides is the subject.
//!
//! | frame | subject |
//! |---|---|
//! | `X's D decision (to …)` — a year or date between the possessive and the noun | X |
//! | `a decision of X (at P) in/on D` — the date closes the noun phrase | X |
//! | `(In D,) X decided (in/on D) to/that …` — the date opens the clause or follows the verb | X |
//!
//! X is a body item: people (`ministers decided`, `leaders decided`) are left to the
//! themes and implied rules. A decision with no date of its own (`a decision was
//! expected in 2010`, `X decided to postpone it until 1998`) dates nothing. A decision to do
//! what an event word says (`X decided to launch Y`) is that event's claim, not a second one.
//!
//! Confidence: 0.6 (a decision is often a step towards the event the text is about).

use super::super::{Claim, Event};
use super::Reader;
use super::frames::Subject;
use super::items::ItemKind;

/// Confidence of a decision frame.
const BASE: f32 = 0.6;

impl Reader<'_, '_> {
    /// The decision claims of the sentence.
    pub(super) fn decision_claims(&self) -> Vec<Claim> {
        let items = self.items();
        let mut out = Vec::new();
        for (v, it) in items.iter().enumerate() {
            if it.kind != ItemKind::Word {
                continue;
            }
            let found = match it.lower().as_str() {
                "decision" => self.possessive_decision(v).or_else(|| self.decision_of(v)),
                "decided" => self.body_decided(v),
                _ => None,
            };
            if let Some((at, index)) = found
                && let Some(name) = self.item(at).and_then(|b| self.party_name(b))
            {
                let subject = Subject { name, at: Some(at), object: None, agent: None, factor: 1.0 };
                out.extend(self.claim(index, Event::Decided, &subject, BASE));
            }
        }
        out
    }

    /// The date index of a usable date item at `k`.
    fn usable_date(&self, k: usize) -> Option<usize> {
        match self.item(k)?.kind {
            ItemKind::Date { index, usable: true } => Some(index),
            _ => None,
        }
    }

    /// Whether item `k` is a body (not a relationship: a relationship decides nothing).
    fn is_body(&self, k: usize) -> bool {
        self.item(k).is_some_and(|it| matches!(it.kind, ItemKind::Body(_)))
    }

    /// `X's D decision`, the noun at `n`: (body, date).
    fn possessive_decision(&self, n: usize) -> Option<(usize, usize)> {
        let d = n.checked_sub(1)?;
        let index = self.usable_date(d)?;
        let s = d.checked_sub(1)?;
        let apostrophe = s.checked_sub(1)?;
        let body = apostrophe.checked_sub(1)?;
        let glued = self.item(apostrophe).is_some_and(|a| a.is_punct('\''))
            && self.item(body).zip(self.item(apostrophe)).is_some_and(|(b, a)| b.span.end == a.span.start);
        (glued && self.item(s).is_some_and(|it| it.is("s")) && self.is_body(body)).then_some((body, index))
    }

    /// `a decision of (the) X (at P) in/on D`, the noun at `n`: (body, date).
    fn decision_of(&self, n: usize) -> Option<(usize, usize)> {
        let is = |k: usize, w: &str| self.item(k).is_some_and(|it| it.is(w));
        if !is(n + 1, "of") {
            return None;
        }
        let body = if is(n + 2, "the") { n + 3 } else { n + 2 };
        if !self.is_body(body) {
            return None;
        }
        let mut k = body + 1;
        // A place: `at Edinburgh`, `in Lisbon` (capitalised words).
        if (is(k, "at") || is(k, "in"))
            && self.item(k + 1).is_some_and(|it| it.kind == ItemKind::Word && super::lexicon::is_cap(it.text))
        {
            k += 2;
            while self.item(k).is_some_and(|it| it.kind == ItemKind::Word && super::lexicon::is_cap(it.text)) {
                k += 1;
            }
        }
        if !(is(k, "in") || is(k, "on") || is(k, "of")) {
            return None;
        }
        Some((body, self.usable_date(k + 1)?))
    }

    /// `(In D,) X decided (in/on D) to/that …`, the verb at `v`: (body, date).
    fn body_decided(&self, v: usize) -> Option<(usize, usize)> {
        let is = |k: usize, w: &str| self.item(k).is_some_and(|it| it.is(w));
        // The body right before the verb, past one adverb (`then`, `also`, `unanimously`).
        let mut b = v.checked_sub(1)?;
        let adverb = |w: &str| w.ends_with("ly") || matches!(w, "then" | "also" | "later" | "finally");
        if self
            .item(b)
            .is_some_and(|it| it.kind == ItemKind::Word && !super::lexicon::is_cap(it.text) && adverb(&it.lower()))
        {
            b = b.checked_sub(1)?;
        }
        if !self.is_body(b) || self.is_modifier(b) {
            return None;
        }
        // The date after the verb, or the one that opens the clause right before the body.
        let (after, date) = if (is(v + 1, "in") || is(v + 1, "on")) && self.usable_date(v + 2).is_some() {
            let k = if self.item(v + 3).is_some_and(|it| it.is_punct(',')) { v + 4 } else { v + 3 };
            (k, self.usable_date(v + 2))
        } else {
            let mut d = b.checked_sub(1)?;
            if is(d, "the") {
                d = d.checked_sub(1)?;
            }
            if self.item(d).is_some_and(|it| it.is_punct(',')) {
                d = d.checked_sub(1)?;
            }
            (v + 1, self.usable_date(d))
        };
        let date = date?;
        if is(after, "that") {
            return Some((b, date));
        }
        // `decided to V`: a V that is itself an event word is that event's claim.
        let verb = self.item(after + 1).filter(|_| is(after, "to"))?;
        (super::lexicon::event_word(&verb.lower()).is_none()).then_some((b, date))
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::Event;
    use super::super::tests::{claims, has};

    fn decided(text: &str) -> Vec<(String, String)> {
        claims(text).into_iter().filter(|(_, e, _)| *e == Event::Decided).map(|(s, _, d)| (s, d)).collect()
    }

    #[test]
    fn a_bodys_dated_decision() {
        has(
            "Critics still dispute the Polar Research Agency's 2011 decision to close two stations.",
            "Polar Research Agency",
            Event::Decided,
            "2011",
        );
        // No date between the possessive and the noun: nothing.
        assert!(decided("The Polar Research Agency's decision to close two stations surprised many.").is_empty());
    }

    #[test]
    fn a_decision_of_a_body_at_a_place_on_a_date() {
        has(
            "By a decision of the Danube River Commission at Vienna in March 1994, the office moved.",
            "Danube River Commission",
            Event::Decided,
            "1994-03",
        );
        has(
            "Under a decision of the Danube River Commission on 2 May 2001 the fees rose.",
            "Danube River Commission",
            Event::Decided,
            "2001-05-02",
        );
        // Expected, not taken: the date is the expectation's.
        assert!(decided("A decision of the Danube River Commission was expected in 2010.").is_empty());
        assert!(decided("A decision was expected in 2010.").is_empty());
    }

    #[test]
    fn a_body_decided() {
        has(
            "In 1998 the Northern Football League decided to admit clubs from the islands.",
            "Northern Football League",
            Event::Decided,
            "1998",
        );
        has(
            "The Northern Football League decided on 3 June 1998 that the final would move.",
            "Northern Football League",
            Event::Decided,
            "1998-06-03",
        );
        // People decide: no body claim from this rule.
        assert!(decided("In 1998 the club owners decided to admit clubs from the islands.").is_empty());
        // The date is the postponement's, not the decision's.
        assert!(decided("The Northern Football League then decided to postpone the final until 1998.").is_empty());
        // No date at all.
        assert!(decided("The Northern Football League decided to admit clubs from the islands.").is_empty());
    }
}

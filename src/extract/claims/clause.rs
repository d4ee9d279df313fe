//! Stage 2, the date of the trigger's own clause: which event word governs a date.
//!
//! A date is attached to the cheapest trigger by [`Reader::cost`]: distance in items,
//! where clause breaks (commas, `but`, `;`, a coordinated second predicate, another date)
//! cost more and an aside in parentheses costs little. Some dates are never governed by an
//! event word: a date that qualifies a common noun ([`Reader::modifies_noun`]) or that is
//! the time of a verb naming no event ([`Reader::governed_by_other_verb`]).

use super::Reader;
use super::items::{Item, ItemKind};
use super::lexicon::{Form, event_word, follows_head, is_adverb, is_be, is_cap, is_determiner};
use super::trigger::Trigger;
use crate::span::Span;

/// Confidence factor for an event word in an unreal mood (see [`Reader::irrealis`]).
pub(super) const IRREALIS: f32 = 0.4;

/// Words that put the event word after them in an unreal mood: a modal, a condition, a
/// possibility or a proposal. (`may` is left out: it is also a month.)
fn unreal_cue(w: &str) -> bool {
    matches!(
        w,
        "could"
            | "would"
            | "might"
            | "should"
            | "if"
            | "unless"
            | "possibility"
            | "possible"
            | "proposal"
            | "proposed"
            | "prospect"
            | "hypothetical"
            | "whether"
    )
}

impl<'a> Reader<'a, '_> {
    /// Whether trigger `t` is in an unreal mood: a cue within the five items before it in
    /// its clause (`could only join`, `the possibility of its territory joining`, `unless
    /// the plan were to be adopted`). Such a sentence says an event might happen, not that
    /// it did; its claim is kept, with a low confidence.
    pub(super) fn irrealis(&self, t: &Trigger) -> bool {
        let items = self.items();
        let from = t.at.saturating_sub(5);
        for it in items.get(from..t.at).unwrap_or_default().iter().rev() {
            if matches!(it.kind, ItemKind::Punct(';' | ':' | '.')) {
                return false;
            }
            if it.kind == ItemKind::Word && unreal_cue(&it.lower()) {
                return true;
            }
        }
        false
    }

    /// The cost of attaching date item `di` to trigger `t`; `None` when it may not.
    pub(super) fn cost(&self, t: &Trigger, di: usize) -> Option<f32> {
        let items = self.items();
        let (tg, dg) = (items.get(t.at)?.group, items.get(di)?.group);
        // A trigger inside a parenthesis does not govern a date outside it.
        if let Some((o, c)) = tg
            && !(o <= di && di <= c)
        {
            return None;
        }
        // A parenthesis with a predicate of its own ("X (later renamed Y in 1988) opened
        // in 1950") keeps its date: an event word outside it does not govern the date.
        if let Some((o, c)) = dg
            && !(o <= t.at && t.at <= c)
            && items
                .get(o + 1..c)?
                .iter()
                .any(|it| it.kind == ItemKind::Word && !is_cap(it.text) && event_word(&it.lower()).is_some())
        {
            return None;
        }
        // So does a relative clause in parentheses ("(which had become the Union a year
        // before)"): it has its own subject and predicate.
        if let Some((o, c)) = dg
            && !(o <= t.at && t.at <= c)
            && items.get(o + 1).is_some_and(|it| it.is("which") || it.is("who") || it.is("whose") || it.is("that"))
        {
            return None;
        }
        // A date alone in parentheses ("joined X (1994)") dates what precedes it.
        if let Some((o, c)) = dg
            && c == o + 2
            && t.at > di
        {
            return None;
        }
        // "In 1997, five years after the dissolution of X": a reference point, not dated
        // by a date before it.
        if t.at > di
            && t.form == Form::Noun
            && self
                .before_noun(t.at)
                .is_some_and(|p| p.is("after") || p.is("before") || p.is("following") || p.is("since") || p.is("until"))
        {
            return None;
        }
        let (lo, hi) = if t.at < di { (t.at, di) } else { (di, t.at) };
        // "to join the EU were agreed upon in 1993": a finite verb after the event word
        // starts the clause the later date belongs to.
        if t.at < di
            && items.get(lo + 1..hi)?.iter().any(|it| it.kind == ItemKind::Word && is_be(&it.lower()) && it.group == dg)
        {
            return None;
        }
        // "ratified in 2015 and on 9 November 2016 it entered into force": a date nearer to
        // a later event word is its date; the farther one belongs to something else.
        if t.at > di && items.get(di + 1..t.at)?.iter().any(|it| matches!(it.kind, ItemKind::Date { usable: true, .. }))
        {
            return None;
        }
        // "Sweden joined in 1981, Norway and Finland following in 1986": after a comma, new
        // names and a participle start a clause of their own, with its own date.
        if t.at < di && self.absolute_clause_between(t.at, di) {
            return None;
        }
        let fronted = t.at > di && self.fronted(di);
        // A comma between a date and a later verb usually closes the date's phrase
        // ("A member since 1991, X joined Y"), unless the date opens the sentence.
        let comma = if t.at > di && !fronted { 3.0 } else { 1.0 };
        let mut cost = 0.0f32;
        for it in items.get(lo + 1..hi)? {
            // A parenthesis that holds neither end is an aside: cheap to cross.
            if let Some((o, c)) = it.group
                && !(o <= lo && lo <= c)
                && !(o <= hi && hi <= c)
            {
                cost += 0.2;
                continue;
            }
            cost += match it.kind {
                ItemKind::Punct(',') => comma,
                ItemKind::Punct(';' | ':') => 8.0,
                ItemKind::Punct('(' | ')') => 0.5,
                ItemKind::Punct(_) => 0.0,
                ItemKind::Date { .. } => 3.0,
                ItemKind::Word if is_determiner(&it.lower()) => 0.0,
                // A coordinated clause ("…, but resumed …") has its own dates.
                ItemKind::Word if it.is("but") || it.is("while") || it.is("whereas") => 6.0,
                // "… in 2003 and adopted …": a later coordinated verb has its own date.
                ItemKind::Word if it.is("and") && t.at > di && !fronted => 4.0,
                // "signed … and entered into force in …", "created, and has since 1955
                // used …": a second predicate between them has the date.
                ItemKind::Word if it.is("and") && t.at < di && self.verb_follows(it.span) => return None,
                ItemKind::Word if it.is("and") && self.verb_follows(it.span) => 8.0,
                _ => 1.0,
            };
        }
        if t.at > di {
            cost += 0.5;
        }
        // A fronted date ("In 1994, X joined Y") governs the main clause.
        if fronted {
            cost -= 2.0;
        }
        // An infinitive ("decided to launch") is dated only when right beside its date.
        let limit = if t.form == Form::Base { 5.0 } else { 13.0 };
        (cost <= limit).then_some(cost.max(0.0))
    }

    /// The word before a noun at `n` and its determiner ("after [the] dissolution").
    pub(super) fn before_noun(&self, n: usize) -> Option<&Item<'a>> {
        let mut j = n.checked_sub(1)?;
        if self.item(j).is_some_and(|it| is_determiner(&it.lower())) {
            j = j.checked_sub(1)?;
        }
        self.item(j)
    }

    /// Whether the item after the one at `span` is a past-tense verb ("and entered").
    pub(super) fn verb_follows(&self, span: Span) -> bool {
        let items = self.items();
        let Some(i) = items.iter().position(|it| it.span == span) else { return false };
        items.get(i + 1).is_some_and(|n| {
            let w = n.lower();
            n.kind == ItemKind::Word
                && !is_cap(n.text)
                && (w.ends_with("ed")
                    || event_word(&w).is_some()
                    || is_be(&w)
                    || matches!(w.as_str(), "has" | "had" | "have"))
        })
    }

    /// Whether the date at `di` opens the sentence ("In 1994," / "On 3 May 2001,").
    pub(super) fn fronted(&self, di: usize) -> bool {
        let before = self.items().get(..di).unwrap_or_default();
        before.iter().all(|it| it.is("in") || it.is("on") || it.is("by") || it.is("since") || it.is("at"))
            && self.item(di + 1).is_some_and(|n| n.is_punct(','))
    }

    /// Whether the date at `di` is the time of a verb that names no event ("designed in
    /// 1955", "agreed upon in June 1993", "used since 1955"): then no event word farther
    /// away is dated by it.
    pub(super) fn governed_by_other_verb(&self, di: usize) -> bool {
        let items = self.items();
        // "… strengthened in 2002, when X was replaced by Y": the date is handed on.
        if items.get(di + 1).is_some_and(|it| it.is_punct(',')) && items.get(di + 2).is_some_and(|it| it.is("when")) {
            return false;
        }
        let Some(mut j) = di.checked_sub(1) else { return false };
        if !items.get(j).is_some_and(|it| it.is("in") || it.is("on") || it.is("since") || it.is("during")) {
            return false;
        }
        j = match j.checked_sub(1) {
            Some(k) if items.get(k).is_some_and(|it| it.is("upon") || it.is("out")) => k,
            _ => j,
        };
        let Some(verb) = j.checked_sub(1).and_then(|k| items.get(k)) else { return false };
        let w = verb.lower();
        verb.kind == ItemKind::Word
            && !is_cap(verb.text)
            && w.len() > 4
            && w.ends_with("ed")
            && event_word(&w).is_none()
            && !is_adverb(&w)
            && !matches!(w.as_str(), "based" | "located" | "headquartered" | "seated" | "scheduled" | "planned")
    }

    /// Whether the date at `di` only qualifies a common noun ("the 1999 decision",
    /// "the September 2001 attacks"): it dates that noun, not a claim here.
    pub(super) fn modifies_noun(&self, di: usize) -> bool {
        let before = di.checked_sub(1).and_then(|j| self.item(j));
        let after = self.item(di + 1);
        let det = before.is_some_and(|b| is_determiner(&b.lower()) || b.is("s"));
        det && after.is_some_and(|a| {
            let w = a.lower();
            a.kind == ItemKind::Word && a.text.chars().next().is_some_and(char::is_lowercase) && !follows_head(&w)
        })
    }

    /// Whether trigger `t`'s own best free date lies on its other side of it than date
    /// `di`, at a lower cost ("… by 1990, and the Board was created in 1961": 1990 is not
    /// the creation).
    pub(super) fn other_side_better(&self, t: &Trigger, cost: f32, di: usize, free: &[usize]) -> bool {
        let lo = t.at.saturating_sub(64);
        let window = self.items().get(lo..(t.at + 65).min(self.items().len())).unwrap_or_default();
        window.iter().enumerate().any(|(k, it)| {
            let d2 = lo + k;
            matches!(it.kind, ItemKind::Date { usable: true, .. })
                && d2 != di
                && (d2 > t.at) != (di > t.at)
                && free.binary_search(&d2).is_ok()
                && self.cost(t, d2).is_some_and(|c2| c2 < cost)
        })
    }

    /// Whether a clause of its own (`, A and B following`) opens between items `lo` and `hi`:
    /// a comma, capitalised names or bodies (with `and`), then a lower-case `-ing`/`-ed` word.
    pub(super) fn absolute_clause_between(&self, lo: usize, hi: usize) -> bool {
        let items = self.items().get(lo + 1..hi).unwrap_or_default();
        items.iter().enumerate().any(|(k, it)| {
            if !it.is_punct(',') {
                return false;
            }
            let rest = items.get(k + 1..).unwrap_or_default();
            let names = rest
                .iter()
                .take_while(|x| x.is_party() || x.is("and") || (x.kind == ItemKind::Word && is_cap(x.text)))
                .count();
            names > 0
                && rest.get(names).is_some_and(|v| {
                    let w = v.lower();
                    v.kind == ItemKind::Word && !is_cap(v.text) && (w.ends_with("ing") || w.ends_with("ed"))
                })
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::Document;
    use crate::extract::extract;

    fn confidence(text: &str, subject: &str) -> Option<f32> {
        let doc = Document::from_text("t.txt", text);
        extract(&doc).claims.into_iter().find(|c| c.subject == subject).map(|c| c.confidence)
    }

    #[test]
    fn an_event_in_an_unreal_mood_has_a_low_confidence() {
        let stated = confidence("In 2004, the island joined the Pacific Fisheries Union.", "Pacific Fisheries Union");
        let possible = confidence(
            "In 2004, the islanders raised the possibility of their island joining the Pacific Fisheries Union.",
            "Pacific Fisheries Union",
        );
        let conditional = confidence(
            "The island could only join the Pacific Fisheries Union in 2004 if it changed its laws.",
            "Pacific Fisheries Union",
        );
        assert!(stated.is_some_and(|c| c >= 0.7), "{stated:?}");
        for c in [possible, conditional].into_iter().flatten() {
            assert!(c < 0.5, "an unreal mood lowers confidence: {c}");
        }
    }
}

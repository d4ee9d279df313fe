//! Noun phrases around a trigger, for [`frames`](super::frames): the party before a verb
//! in the same clause (skipping relative clauses, asides and prepositional objects), the
//! head of `a Mission to X`, an apposition, and whether a passive is about a body at all.
//!
//! Relative clauses whose head the registry does not know as a body: a name with a common
//! head of a place or a meeting (`the Europa building, which opened its doors in 2017`, `the
//! Alpine summit formalised in 2011`) is the subject of its relative clause, named as
//! written; and `the A (which had become the B two months earlier)` dates A's renaming.

use super::super::{Claim, Event};
use super::Reader;
use super::frames::Subject;
use super::items::{Item, ItemKind, anaphor_type};
use super::lexicon::{Form, event_word, follows_head, is_adverb, is_be, is_cap, is_determiner, is_preposition};
use super::trigger::Trigger;

/// Common heads of named places and meetings that the body registry does not know.
fn named_head(w: &str) -> bool {
    matches!(w, "building" | "summit" | "headquarters" | "centre" | "center" | "palace" | "tower" | "campus")
}

/// Confidence of a claim about a name the registry does not know.
const UNKNOWN_HEAD: f32 = 0.55;
/// Confidence of a renaming read from a relative clause in parentheses.
const BECAME: f32 = 0.6;

impl<'a> Reader<'a, '_> {
    /// Whether the noun a passive or participle at `v` is about is a common noun, not a
    /// body ("the anthem which was adopted", "its new building was opened"): then the
    /// nearest body farther back is not the subject. Pronouns and anaphors ("it", "this
    /// forum") are left to [`Self::party_before`].
    pub(super) fn passive_subject_is_plain_noun(&self, v: usize) -> bool {
        let items = self.items();
        let mut j = v;
        while j > 0 {
            j -= 1;
            let Some(it) = items.get(j) else { return false };
            // An aside in parentheses between noun and verb.
            if it.is_punct(')')
                && let Some((o, _)) = it.group
            {
                j = o;
                continue;
            }
            let w = it.lower();
            let skip = it.is_punct(',')
                || (it.kind == ItemKind::Word
                    && (is_be(&w)
                        || is_adverb(&w)
                        || matches!(w.as_str(), "has" | "have" | "had" | "which" | "that" | "itself" | "themselves")));
            if skip {
                continue;
            }
            if it.kind != ItemKind::Word {
                return false;
            }
            if matches!(w.as_str(), "it" | "they" | "who") {
                return false;
            }
            let before = j.checked_sub(1).and_then(|p| items.get(p)).map(Item::lower).unwrap_or_default();
            if anaphor_type(&w).is_some() && matches!(before.as_str(), "this" | "that" | "the" | "these" | "its") {
                return false;
            }
            // A prepositional phrase after the noun ("an Office in Moscow was opened",
            // "the Act between X and the Y Republic, signed …"): the noun is before it.
            if let Some(p) = self.preposition_before(j) {
                j = p;
                continue;
            }
            // A noun coordinated with a body ("X and the single currency were created"),
            // or an apposition to one ("X, a league of clubs, was founded"): the body's.
            if self.coordinated_or_apposition(j) {
                return false;
            }
            // A word that is no noun (a preposition, a conjunction) leaves the frame to the usual search.
            return !(is_preposition(&w) || is_determiner(&w) || matches!(w.as_str(), "and" | "or" | "of" | "then"));
        }
        false
    }

    /// The preposition that opens the noun phrase ending at `j` ("in Moscow", "of the
    /// rowing club", "between X and the Y Republic"), if any within a few items.
    pub(super) fn preposition_before(&self, j: usize) -> Option<usize> {
        let items = self.items();
        let mut lowercase = 0;
        for k in (j.saturating_sub(8)..j).rev() {
            let it = items.get(k)?;
            let w = it.lower();
            if it.kind == ItemKind::Word
                && matches!(w.as_str(), "in" | "at" | "of" | "to" | "for" | "with" | "between" | "on" | "from" | "near")
            {
                return Some(k);
            }
            let inside = it.is_party()
                || it.is_punct(',')
                || (it.kind == ItemKind::Word && (is_cap(it.text) || is_determiner(&w) || w == "and" || w == "or"));
            if !inside {
                lowercase += 1;
                if lowercase > 1 || it.kind != ItemKind::Word || event_word(&w).is_some() || is_be(&w) {
                    return None;
                }
            }
        }
        None
    }

    /// Whether the noun at `j` is coordinated with a body before it (`X and European
    /// citizenship`) or ends an apposition to one (`X, a military alliance with …,`).
    pub(super) fn coordinated_or_apposition(&self, j: usize) -> bool {
        let items = self.items();
        for k in (j.saturating_sub(12)..j).rev() {
            let Some(it) = items.get(k) else { return false };
            if it.is("and") || it.is("or") {
                let mut p = k;
                while p > 0 && items.get(p - 1).is_some_and(|x| is_determiner(&x.lower())) {
                    p -= 1;
                }
                return p > 0 && items.get(p - 1).is_some_and(Item::is_party);
            }
            if it.is_punct(',') {
                let det = items.get(k + 1).is_some_and(|x| x.is("a") || x.is("an") || x.is("the"));
                return det && k > 0 && items.get(k - 1).is_some_and(Item::is_party);
            }
            if matches!(it.kind, ItemKind::Punct(_) | ItemKind::Date { .. })
                || it.kind == ItemKind::Word && is_be(&it.lower())
            {
                return false;
            }
        }
        false
    }

    /// `the Europa building, which opened its doors in 2017`, `the Alpine summit formalised
    /// in 2011`: the claim of a named place or meeting the registry does not know, for the
    /// event word of its (reduced) relative clause that governs the date at `di`.
    pub(super) fn named_head_claim(&self, triggers: &[Trigger], di: usize, index: usize) -> Option<Claim> {
        let items = self.items();
        // The relative clause's verb before the date: an event word in the past, or
        // `formalised`, which names no event of the lexicon.
        let v = (di.saturating_sub(6)..di).rev().find(|&v| {
            items.get(v).is_some_and(|it| {
                triggers.iter().any(|t| t.at == v && t.form == Form::Past) || it.is("formalised") || it.is("formalized")
            })
        })?;
        let event = match triggers.iter().find(|t| t.at == v) {
            Some(t) if matches!(t.event, Event::Opened | Event::Closed | Event::Established) => t.event,
            Some(_) => return None,
            None => Event::Formalised,
        };
        if self.cost(&Trigger { at: v, event, form: Form::Past, passive: true }, di)? > 4.0 {
            return None;
        }
        // An active verb needs its relative pronoun ("which opened"); a participle follows
        // its noun directly ("the X summit formalised").
        let mut h = v.checked_sub(1)?;
        let relative = items.get(h).is_some_and(|it| it.is("which") || it.is("that"));
        if relative {
            h = h.checked_sub(1)?;
            if items.get(h).is_some_and(|it| it.is_punct(',')) {
                h = h.checked_sub(1)?;
            }
        } else if event != Event::Formalised {
            return None;
        }
        // An active verb with a body as its object acts on that body ("which opened the X").
        if relative && (v + 1..di).any(|j| items.get(j).is_some_and(Item::is_party)) {
            return None;
        }
        let head = items.get(h).filter(|it| it.kind == ItemKind::Word && named_head(&it.text.to_lowercase()))?;
        // One to three capitalised words before the head, after "the".
        let mut k = h;
        while k > 0 && h - k < 3 && items.get(k - 1).is_some_and(|it| it.kind == ItemKind::Word && is_cap(it.text)) {
            k -= 1;
        }
        if k == h || k == 0 || !items.get(k - 1).is_some_and(|it| it.is("the")) {
            return None;
        }
        let words: Vec<&str> = items.get(k..h)?.iter().map(|it| it.text).collect();
        let name = format!("{} {}", words.join(" "), head.text);
        let subject = Subject { name, at: None, object: None, agent: None, factor: 1.0 };
        self.claim(index, event, &subject, UNKNOWN_HEAD)
    }

    /// `the A (which had become the B two months earlier)`: A's renaming to B, dated by the
    /// date inside the parenthesis at `di`.
    pub(super) fn became_in_parentheses(&self, di: usize, index: usize) -> Option<Claim> {
        let items = self.items();
        let (o, _) = items.get(di)?.group?;
        if !items.get(o + 1).is_some_and(|it| it.is("which")) {
            return None;
        }
        let b = (o + 2..di).find(|&j| items.get(j).is_some_and(|it| it.is("become") || it.is("became")))?;
        let target = if items.get(b + 1).is_some_and(|it| it.is("the")) { b + 2 } else { b + 1 };
        let new_name = self.party_name(items.get(target).filter(|it| it.is_party())?)?;
        // Only the new name and the date in the clause: "became a member of B" is a joining.
        if target + 1 != di {
            return None;
        }
        let a = o.checked_sub(1)?;
        let old = items.get(a).filter(|it| it.is_party())?;
        let name = self.party_name(old)?;
        if name == new_name {
            return None;
        }
        let subject = Subject { name, at: Some(a), object: Some(new_name), agent: None, factor: 1.0 };
        self.claim(index, Event::Renamed, &subject, BECAME)
    }

    /// The name of a party item.
    pub(super) fn party_name(&self, it: &Item<'_>) -> Option<String> {
        match it.kind {
            ItemKind::Body(b) => self.bodies.get(b).map(|m| m.name.clone()),
            ItemKind::Relation(r) => self.s.relations.get(r).map(|r| r.subject.clone()),
            _ => None,
        }
    }

    /// Whether a body item is only a modifier of a following noun ("EU officials").
    pub(super) fn is_modifier(&self, i: usize) -> bool {
        if !self.item(i).is_some_and(|it| matches!(it.kind, ItemKind::Body(_))) {
            return false;
        }
        self.item(i + 1).is_some_and(|n| {
            if n.kind != ItemKind::Word {
                return false;
            }
            let w = n.lower();
            // "EU officials", "EU Commissioner Smith"; but not "the X programme" (a generic
            // noun restating the body's type).
            let generic = anaphor_type(&w).is_some() || w.trim_end_matches('s') == "programme";
            n.text.chars().next().is_some_and(char::is_uppercase) || (!follows_head(&w) && !generic)
        })
    }

    /// The nearest party before `v` in the same clause, skipping parentheses that do
    /// not contain `v`; a pronoun subject resolves to the previous sentence.
    pub(super) fn party_before(&self, v: usize) -> Option<(String, Option<usize>, f32)> {
        let items = self.items();
        let vg = items.get(v).and_then(|it| it.group);
        let mut j = v;
        let mut steps = 0;
        while j > 0 && steps < 14 {
            j -= 1;
            let it = items.get(j)?;
            // Skip a parenthesis that does not contain the verb.
            if let Some((o, c)) = it.group
                && !(o <= v && v <= c)
                && vg != it.group
            {
                j = o;
                continue;
            }
            if matches!(it.kind, ItemKind::Punct(';' | ':')) || (matches!(it.kind, ItemKind::Date { .. }) && steps > 6)
            {
                return None;
            }
            // A relative or purpose clause between subject and verb ("X, which established
            // Y, was signed", "X, to establish Y, was signed"): its parties are not the subject.
            if it.is_punct(',')
                && let Some(open) =
                    (j.saturating_sub(12)..j).rev().find(|&c| items.get(c).is_some_and(|x| x.is_punct(',')))
                && items
                    .get(open + 1)
                    .is_some_and(|x| x.is("which") || x.is("who") || x.is("that") || x.is("whose") || x.is("to"))
            {
                j = open;
                continue;
            }
            if it.is_party() && !self.is_modifier(j) {
                let j = self.apposition_head(self.phrase_head(j));
                let factor = if steps <= 3 { 1.0 } else { 0.8 };
                return Some((self.party_name(items.get(j)?)?, Some(j), factor));
            }
            // A pronoun or "this forum" as the subject of the verb.
            let w = it.lower();
            if steps <= 3 && w == "it" {
                return self.pronoun(j).map(|(n, f)| (n, None, f));
            }
            if (steps <= 6 && w == "this") || (steps <= 3 && w == "the") {
                // "the Council", "this forum", "the new Council": a definite description.
                let head = if items.get(j + 1).is_some_and(|n| n.is("new")) { j + 2 } else { j + 1 };
                if let Some(noun) = items.get(head).filter(|n| n.kind == ItemKind::Word)
                    && let Some(kind) = anaphor_type(&noun.lower())
                {
                    return self.description(&noun.lower(), kind, j).map(|n| (n, None, 0.5));
                }
            }
            if it.kind == ItemKind::Word {
                steps += 1;
            }
        }
        None
    }

    /// The head of the noun phrase a party at `j` ends: "a Mission to X" → the mission,
    /// "an Agreement between X and Y" → the agreement.
    pub(super) fn phrase_head(&self, j: usize) -> usize {
        let items = self.items();
        let mut j = j;
        for _ in 0..4 {
            let mut k = j;
            if k > 0 && items.get(k - 1).is_some_and(|it| it.is("the") || it.is("a") || it.is("an")) {
                k -= 1;
            }
            let Some(prep) = k.checked_sub(1).and_then(|p| items.get(p)) else { break };
            let target = if prep.is("to") || prep.is("of") || prep.is("for") || prep.is("with") || prep.is("between") {
                k.checked_sub(2)
            } else if prep.is("and") {
                // "between A and B": go back past A to "between".
                (k.saturating_sub(5)..k.saturating_sub(1))
                    .rev()
                    .find(|&b| items.get(b).is_some_and(|it| it.is("between")))
                    .and_then(|b| b.checked_sub(1))
            } else {
                None
            };
            let Some(t) = target else { break };
            if !items.get(t).is_some_and(Item::is_party) || self.is_modifier(t) {
                break;
            }
            j = t;
        }
        j
    }

    /// The first party of an apposition: "X (XA), formerly Y, was …" → X.
    pub(super) fn apposition_head(&self, j: usize) -> usize {
        let items = self.items();
        if !items.get(j + 1).is_some_and(|it| it.is_punct(',')) {
            return j;
        }
        let mut k = j;
        while k > 0
            && items.get(k - 1).is_some_and(|it| {
                matches!(
                    it.lower().as_str(),
                    "the" | "a" | "formerly" | "previously" | "originally" | "later" | "now" | "once"
                )
            })
        {
            k -= 1;
        }
        match (k.checked_sub(1).and_then(|c| items.get(c)), k.checked_sub(2)) {
            // "The forerunner of X, the Y, was formed": Y is in apposition to the
            // forerunner, and X is only the object of "of".
            (Some(comma), Some(h)) if comma.is_punct(',') && items.get(h).is_some_and(Item::is_party) => {
                let mut p = h;
                if p > 0 && items.get(p - 1).is_some_and(|it| it.is("the")) {
                    p -= 1;
                }
                let object_of = p > 0 && items.get(p - 1).is_some_and(|it| it.is("of") || it.is("to"));
                if object_of { j } else { h }
            }
            _ => j,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{claims, full, has, lacks};
    use crate::extract::Event;

    #[test]
    fn a_named_building_or_summit_is_the_subject_of_its_relative_clause() {
        has(
            "This led to the Harbour building, which opened its doors in 2012.",
            "Harbour building",
            Event::Opened,
            "2012",
        );
        has(
            "Its counterpart is the Alpine summit formalised in 2009 and the water board.",
            "Alpine summit",
            Event::Formalised,
            "2009",
        );
    }

    #[test]
    fn a_common_or_unnamed_head_or_an_object_body_is_no_subject() {
        // No name before the head.
        let got = claims("This led to a new building, which opened its doors in 2012.");
        assert!(got.iter().all(|(s, _, _)| !s.ends_with("building")), "{got:?}");
        // A head that names no place or meeting ("the European flag").
        lacks("Its symbol is the Alpine flag, which opened the games in 2012.", "Alpine flag");
        // An active verb without its relative pronoun is the main verb, not a relative clause.
        lacks("In 2012 the Harbour building opened its doors.", "Harbour building");
    }

    #[test]
    fn which_had_become_dates_a_renaming_in_parentheses() {
        let text = "The Alpine Pact was signed on 2 March 1994 with the Alpine Community (which had become \
                    the Alpine Union two months earlier).";
        let got = full(text);
        let c = got.iter().find(|c| c.subject == "Alpine Community" && c.event == Event::Renamed);
        let c = c.unwrap_or_else(|| panic!("{got:?}"));
        assert_eq!(c.object.as_deref(), Some("Alpine Union"));
        assert_eq!(c.date.to_string(), "1994-01");
        // "became a member of" is a joining, not a renaming.
        let got =
            full("Iceland signed with the Alpine Community (which had become a member of the Alpine Union in 1990).");
        assert!(got.iter().all(|c| c.event != Event::Renamed), "{got:?}");
    }
}

//! Stage 1, triggers: the event words of a sentence (a verb or a nominalisation from the
//! [lexicon](super::lexicon)) with their form resolved (past, passive, infinitive, noun).
//!
//! A trigger only says *what* may have happened; [`clause`](super::clause) decides which
//! date it governs and [`frames`](super::frames) who it happened to.

use super::super::Event;
use super::Reader;
use super::items::{Item, ItemKind};
use super::lexicon::{Form, event_word, is_adverb, is_be, is_cap, is_determiner, is_preposition};

/// An event word found in the sentence.
#[derive(Debug, Clone, Copy)]
pub(super) struct Trigger {
    /// Item index.
    pub at: usize,
    pub event: Event,
    pub form: Form,
    /// A passive or a participle after its noun ("was signed", "X, signed in …").
    pub passive: bool,
}

impl<'a> Reader<'a, '_> {
    /// The event words of the sentence with their forms resolved.
    pub(super) fn triggers(&self) -> Vec<Trigger> {
        let items = self.items();
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            // A capitalised event word inside a sentence is part of a name ("the Foundation").
            if item.kind != ItemKind::Word || (i > 0 && is_cap(item.text)) {
                continue;
            }
            let w = item.lower();
            // "the first anniversary of the signing of X": the date is the anniversary's
            // (see the anniversaries rule), not the signing's.
            if self.after_anniversary(i) {
                continue;
            }
            if let Some(t) = self.in_force(i).or_else(|| self.became_member(i)) {
                out.push(t);
                continue;
            }
            let Some((mut event, mut form)) = event_word(&w) else { continue };
            let prev = |k: usize| i.checked_sub(k).and_then(|j| items.get(j)).map(Item::lower).unwrap_or_default();
            let next = |k: usize| items.get(i + k).map(Item::lower).unwrap_or_default();
            // An adjective, not an event: "newly created", "recently opened".
            if matches!(prev(1).as_str(), "newly" | "recently") {
                continue;
            }
            // A designation, not an event: "established 9 October as Founders' Day" names
            // a day; the verb's own time, if any, is another date.
            if matches!(items.get(i + 1).map(|n| n.kind), Some(ItemKind::Date { .. }))
                && items.get(i + 2).is_some_and(|n| n.is("as"))
            {
                continue;
            }
            match w.as_str() {
                "reached" | "reaching" if next(1) != "out" => continue,
                "set" if next(1) != "up" && !is_be(&prev(1)) => continue,
                // "X was held in Rome on 3 May": a dated meeting; "Portugal held the
                // presidency" is no event.
                "held" if !self.is_passive(i) => continue,
                "opening" if matches!(next(1).as_str(), "session" | "meeting" | "ceremony" | "sitting") => continue,
                "founding" if next(1) == "member" => {
                    event = Event::Joined;
                    form = Form::Noun;
                }
                "met" | "meet" if next(1) == "for" && next(2) == "the" && next(3) == "first" => {
                    event = Event::FirstMeeting;
                }
                "met" | "convened" if prev(1) == "first" => event = Event::FirstMeeting,
                "session" | "meeting" | "sitting" | "congress"
                    if matches!(prev(1).as_str(), "opening" | "first" | "inaugural" | "founding") =>
                {
                    event = Event::FirstMeeting;
                    // "X held its first congress": the subject stands before "held".
                    if matches!(prev(2).as_str(), "its" | "their") && matches!(prev(3).as_str(), "held" | "convened") {
                        out.push(Trigger { at: i, event, form: Form::Past, passive: true });
                        continue;
                    }
                }
                "summit"
                    if !(matches!(prev(1).as_str(), "a" | "an") && matches!(prev(2).as_str(), "held" | "hosted")) =>
                {
                    continue;
                }
                _ => {}
            }
            // A base form is an event only as an infinitive or after a modal; after a
            // determiner it is a noun ("the launch").
            if form == Form::Base {
                let p = prev(1);
                let p2 = prev(2);
                if is_determiner(&p) {
                    form = Form::Noun;
                } else if !(p == "to"
                    || (is_adverb(&p) && p2 == "to")
                    || matches!(p.as_str(), "will" | "would" | "did"))
                {
                    continue;
                }
            }
            // Gerunds after a determiner are nouns too ("the signing of").
            if form == Form::Gerund && is_determiner(&prev(1)) {
                form = Form::Noun;
            }
            let passive = form == Form::Past && self.is_passive(i);
            out.push(Trigger { at: i, event, form, passive });
        }
        out
    }

    /// Whether the past form at `i` is a passive or a participle after its noun.
    pub(super) fn is_passive(&self, i: usize) -> bool {
        let items = self.items();
        let mut j = i;
        while j > 0 {
            j -= 1;
            let Some(it) = items.get(j) else { return false };
            let w = it.lower();
            if is_be(&w) {
                return true;
            }
            if is_adverb(&w) && !matches!(w.as_str(), "has" | "have" | "had") {
                continue;
            }
            // "X, signed in …", "(later renamed …)", "… Concept adopted in Lisbon", "succeeded by".
            let by_follows = items.get(i + 1).is_some_and(|n| n.is("by"));
            return it.is_punct(',') && !self.has_object_after(i)
                || it.is_punct('(')
                || by_follows
                || (it.is_party()
                    && !self.has_object_after(i)
                    && self.item(i + 1).is_some_and(|n| n.kind != ItemKind::Word || is_preposition(&n.lower())));
        }
        false
    }

    /// Whether a body or relationship follows the verb at `i` as its object.
    pub(super) fn has_object_after(&self, i: usize) -> bool {
        self.object_after(i, None).is_some()
    }

    /// `entered into force`, `came into force`, `the entry into force of X`: the multi-word
    /// event at item `i`. The noun's trigger stands on `force`, so its `of` phrase follows.
    pub(super) fn in_force(&self, i: usize) -> Option<Trigger> {
        let items = self.items();
        // `X (in force since 1978)`, `X, in effect from 2004`: a state whose start is the
        // entry into force, said of the noun before it as a participle would be.
        if items.get(i)?.is("in")
            && (items.get(i + 1)?.is("force") || items.get(i + 1)?.is("effect"))
            && (items.get(i + 2)?.is("since") || items.get(i + 2)?.is("from"))
        {
            return Some(Trigger { at: i + 1, event: Event::EnteredIntoForce, form: Form::Past, passive: true });
        }
        if !items.get(i + 1)?.is("into") {
            return None;
        }
        // "came into operation", "came into effect": the same frame.
        let event = match items.get(i + 2)?.lower().as_str() {
            "force" | "effect" => Event::EnteredIntoForce,
            "operation" if items.get(i)?.is("came") || items.get(i)?.is("comes") => Event::Began,
            _ => return None,
        };
        let form = match items.get(i)?.lower().as_str() {
            "entered" | "enters" | "came" | "comes" => Form::Past,
            "entering" | "coming" => Form::Gerund,
            "entry" => return Some(Trigger { at: i + 2, event, form: Form::Noun, passive: false }),
            _ => return None,
        };
        Some(Trigger { at: i, event, form, passive: false })
    }

    /// `became a member`, `became an associate member`, `became a full member`: joined.
    pub(super) fn became_member(&self, i: usize) -> Option<Trigger> {
        let items = self.items();
        if !items.get(i)?.is("became") || !(items.get(i + 1)?.is("a") || items.get(i + 1)?.is("an")) {
            return None;
        }
        let noun = if items.get(i + 2)?.is("member") { i + 2 } else { i + 3 };
        items.get(noun)?.is("member").then_some(Trigger {
            at: i,
            event: Event::Joined,
            form: Form::Past,
            passive: false,
        })
    }

    /// Whether the word at `i` follows `anniversary of [the]`.
    pub(super) fn after_anniversary(&self, i: usize) -> bool {
        let items = self.items();
        let mut j = i;
        if j > 0 && items.get(j - 1).is_some_and(|it| it.is("the")) {
            j -= 1;
        }
        j >= 2
            && items.get(j - 1).is_some_and(|it| it.is("of"))
            && items.get(j - 2).is_some_and(|it| it.is("anniversary"))
    }
}

//! Stage 3, arguments: the subject (and object, agent) that a trigger's frame selects.
//!
//! By event and form: the object of an active verb (`X established Y`, with coordination
//! `joined A in 1991 and B in 1994`), the noun before a passive or participle (`Y was
//! established`, `Y, signed in …`), the `of` phrase of a nominalisation (`the creation of
//! Y`), the subject of an intransitive verb (`relations began`), both sides of a
//! succession, the two parties of an outreach, the host of `X held a summit`. When the
//! frame finds no subject there is no claim. Noun phrases themselves are read in
//! [`phrases`](super::phrases).

use super::super::bodies::relationship_subject;
use super::super::{Claim, Event};
use super::Reader;
use super::items::{Item, ItemKind};
use super::lexicon::{Form, event_word, follows_head, is_adverb, is_cap, is_determiner, is_preposition};
use super::trigger::Trigger;

/// The subject a frame selected.
#[derive(Debug, Clone)]
pub(super) struct Subject {
    pub name: String,
    /// Item index in the current sentence, or `None` for an anaphor resolved in the previous one.
    pub at: Option<usize>,
    /// The other body of a succession or renaming.
    pub object: Option<String>,
    /// Who acted ("Russia" joined).
    pub agent: Option<String>,
    /// Confidence factor for how the subject was found.
    pub factor: f32,
}

impl<'a> Reader<'a, '_> {
    /// The subject the frame of `t` selects for the date at `di`.
    pub(super) fn subject(&self, t: &Trigger, di: usize) -> Option<Subject> {
        // "Following the war in 1999, X agreed": the date is the war's, not X's.
        if self.dates_a_reference_event(t.at, di) {
            return None;
        }
        match (t.event, t.form) {
            (Event::Outreach, _) => self.outreach(t),
            (Event::Joined, Form::Past) if self.item(t.at).is_some_and(|it| it.is("became")) => self.member_of(t, di),
            (Event::Succeeded | Event::Renamed, Form::Past) if t.passive => {
                let (name, at, factor) = self.party_before(t.at)?;
                // "succeeded by X", "succeeded in 1997 by X", "renamed X".
                let by = (t.at + 1..t.at + 5).find(|&j| self.item(j).is_some_and(|n| n.is("by")));
                let object = match by {
                    Some(by) => self.party_from(by + 1).map(|(n, _)| n),
                    None if t.event == Event::Renamed => self.party_from(t.at + 1).map(|(n, _)| n),
                    None => None,
                };
                Some(Subject { name, at, object, agent: None, factor })
            }
            (Event::Succeeded | Event::Renamed, Form::Past | Form::Gerund | Form::Base) => {
                // Active: "X, which succeeded Y", "the new Council, replacing Y".
                let (name, at) = self.object_after(t.at, Some(di))?;
                let object = self.party_before(t.at).map(|(n, _, _)| n);
                Some(Subject { name, at: Some(at), object, agent: None, factor: 1.0 })
            }
            (Event::Summit, _) => {
                // "X held a summit": the host.
                let (name, at, factor) = self.party_before(t.at.checked_sub(2)?)?;
                Some(Subject { name, at, object: None, agent: None, factor })
            }
            // "the accession of A to X": A is who joined (see `membership`).
            (Event::Joined | Event::Withdrew, Form::Noun) if self.item(t.at + 1).is_some_and(|it| it.is("of")) => {
                self.joiner_of(t.at)
            }
            (_, Form::Noun) => {
                let (name, at) = self.of_phrase(t.at)?;
                Some(Subject { name, at: Some(at), object: None, agent: None, factor: 1.0 })
            }
            (_, _) if t.passive => {
                // "the flag which was created by X in 1955": the created thing is no body,
                // so there is no claim (least of all about the agent X).
                if self.passive_subject_is_plain_noun(t.at) {
                    return None;
                }
                let (name, at, factor) = self.party_before(t.at)?;
                Some(Subject { name, at, object: None, agent: None, factor })
            }
            (_, _) => {
                // "Founded in 1990 as a club, the X …": the subject follows the participle's clause.
                if let Some(s) = self.fronted_participle(t, di) {
                    return Some(s);
                }
                if let Some((name, at)) = self.object_after(t.at, Some(di)) {
                    let agent = self.agent_before(t.at);
                    return Some(Subject { name, at: Some(at), object: None, agent, factor: 1.0 });
                }
                // "Peru established a permanent mission to the X": the mission, named by
                // its head noun and the body it is accredited to; Peru only acted.
                if let Some(name) = self.post_object(t) {
                    let agent = self.agent_before(t.at);
                    return Some(Subject { name, at: None, object: None, agent, factor: 0.85 });
                }
                // Intransitive: "relations began", "the Board met". Not when the verb has
                // an object that is no body ("resumed talks", "suspended the work of …"),
                // nor when it is a second predicate ("X joined Y and deployed …"), whose
                // subject is not the party just before it.
                // "Estonia joined in 1996": what was joined is the sheet's topic, if any.
                if matches!(t.event, Event::Joined | Event::Withdrew) {
                    return self.topic_subject(t, di);
                }
                if self.has_plain_object(t.at) {
                    return None;
                }
                // "ministers of X met", "X foreign ministers met": a meeting of the body.
                if t.event == Event::Met
                    && let Some((name, at)) = self.meeting_of(t.at)
                {
                    return Some(Subject { name, at: Some(at), object: None, agent: None, factor: 0.8 });
                }
                // "X was approved on D1 and came into force on D2": the first predicate's subject.
                if self.coordinated(t.at) {
                    let (name, at, factor) = self.coordinated_subject(t.at)?;
                    return Some(Subject { name, at, object: None, agent: None, factor: factor * 0.9 });
                }
                let (name, at, factor) = self.party_before(t.at)?;
                // "co-operation between A and B started": the pair's relationship, not B.
                if let Some(pair) = at.and_then(|_| self.pair_before(t.at)) {
                    return Some(Subject { name: pair, at, object: None, agent: None, factor: factor * 0.6 });
                }
                Some(Subject { name, at, object: None, agent: None, factor })
            }
        }
    }

    /// Whether the date at `di` sits in a phrase `following|after|before <noun phrase>` that
    /// the event word at `v` stands outside of: `Following the river war in 1999, X agreed`,
    /// `X became an agency after the demise of Y in 1946`. The date is that noun's; the
    /// predicate happened after (or before) it, at no date the sentence gives. A bare date
    /// (`after 1990`) and an event word inside the phrase (`after the signing of X in 1990`:
    /// the signing is dated, and what follows it at once may share its date) are not this
    /// shape, nor `the following year`.
    pub(super) fn dates_a_reference_event(&self, v: usize, di: usize) -> bool {
        let items = self.items();
        for p in (di.saturating_sub(8)..di).rev() {
            // A noun of action (`ratification`, `signing`, `enlargement`) dates an event.
            let action = |w: &str| {
                event_word(w).is_some_and(|(_, f)| f == Form::Noun)
                    || ["tion", "sion", "ment", "ing"].iter().any(|e| w.len() > e.len() + 3 && w.ends_with(e))
            };
            let Some(it) = items.get(p) else { return false };
            let opens = it.is("following") || it.is("after") || it.is("before");
            if !opens && it.kind == ItemKind::Word && action(&it.lower()) {
                return false;
            }
            if matches!(it.kind, ItemKind::Punct(',' | ';' | ':' | '(' | ')')) {
                return false;
            }
            if opens {
                let article = p.checked_sub(1).and_then(|b| items.get(b)).is_some_and(|b| b.is("the"));
                if (it.is("following") && article) || p + 1 == di {
                    return false;
                }
                return v < p || v > di;
            }
        }
        false
    }

    /// The relationship `A-B relations` when `between A and B` ends just before the verb at `v`.
    pub(super) fn pair_before(&self, v: usize) -> Option<String> {
        let mut b = v.checked_sub(1)?;
        while self.item(b).is_some_and(|it| is_adverb(&it.lower())) {
            b = b.checked_sub(1)?;
        }
        if !self.item(b)?.is_party() {
            return None;
        }
        let mut k = b.checked_sub(1)?;
        if self.item(k)?.is("the") {
            k = k.checked_sub(1)?;
        }
        if !self.item(k)?.is("and") {
            return None;
        }
        let between = (k.saturating_sub(6)..k).rev().find(|&j| self.item(j).is_some_and(|it| it.is("between")))?;
        let (a, a_at) = self.party_from(between + 1)?;
        let (b_name, _) = self.party_from(b)?;
        (a_at < k).then(|| relationship_subject(&a, &b_name))
    }

    /// The successor's side of an active succession whose claim `c` (the replaced body,
    /// dated at `di`) the frame made: `X, which succeeded Y in 1997` and `X succeeded Y`
    /// also say that X took over from Y. A passive (`Y was succeeded by X`) makes the
    /// replaced body the subject and has no such claim; neither has an anaphor or a
    /// pronoun as successor.
    pub(super) fn took_over(&self, triggers: &[Trigger], di: usize, index: usize, c: &Claim) -> Option<Claim> {
        if c.event != Event::Succeeded {
            return None;
        }
        let t = triggers.iter().find(|t| {
            t.event == Event::Succeeded
                && !t.passive
                && matches!(t.form, Form::Past | Form::Gerund)
                && self.subject(t, di).is_some_and(|s| s.name == c.subject)
        })?;
        let (name, at, factor) = self.party_before(t.at)?;
        let at = at?;
        if !self.item(at).is_some_and(Item::is_party) || name == c.subject {
            return None;
        }
        let subject = Subject { name, at: Some(at), object: Some(c.subject.clone()), agent: None, factor };
        self.claim(index, Event::TookOver, &subject, c.confidence * 0.95 * factor)
    }

    /// The object of an active verb that sets up, opens, closes or suspends a post of one
    /// body at another: `established a [permanent] mission to X`, `suspended the work of
    /// its delegation to X`, `close down its office in C`. The post is named as written
    /// after its determiner ("permanent mission to X"); the place or body after `to`/`in`
    /// must be a name (`a mission to rescue the crew` is none).
    pub(super) fn post_object(&self, t: &Trigger) -> Option<String> {
        if !matches!(t.event, Event::Established | Event::Opened | Event::Closed | Event::Suspended | Event::Resumed)
            || !matches!(t.form, Form::Past | Form::Base)
        {
            return None;
        }
        let items = self.items();
        let mut j = t.at + 1;
        if items.get(j).is_some_and(|it| it.is("down") || it.is("up")) {
            j += 1;
        }
        // "the work of", "the activities of"
        if items.get(j).is_some_and(|it| it.is("the"))
            && items.get(j + 1).is_some_and(|it| it.is("work") || it.is("activities") || it.is("operations"))
            && items.get(j + 2).is_some_and(|it| it.is("of"))
        {
            j += 3;
        }
        if !items.get(j).is_some_and(|it| matches!(it.lower().as_str(), "a" | "an" | "the" | "its" | "their")) {
            return None;
        }
        j += 1;
        let first = j;
        // Up to two lower-case modifiers before the head noun.
        let head = (j..j + 3).find(|&k| {
            items.get(k).is_some_and(|it| {
                matches!(
                    it.lower().as_str(),
                    "mission" | "office" | "delegation" | "representation" | "embassy" | "consulate" | "bureau"
                )
            })
        })?;
        let plain = |k: usize| {
            items.get(k).is_some_and(|it| {
                let w = it.lower();
                it.kind == ItemKind::Word
                    && !is_cap(it.text)
                    && !is_preposition(&w)
                    && !is_determiner(&w)
                    && event_word(&w).is_none()
            })
        };
        if !(first..=head).all(plain) {
            return None;
        }
        let prep = items.get(head + 1)?;
        if !(prep.is("to") || prep.is("in") || prep.is("at")) {
            return None;
        }
        let (found, at) = self.party_from(head + 2)?;
        let last = if items.get(at)?.is_party() { at } else { at + found.split_whitespace().count() - 1 };
        let end = items.get(last)?.span.end;
        let start = items.get(first)?.span.start;
        let name = self.doc.text().get(start..end)?;
        // "… to the X": the article of the body is part of the phrase as written.
        Some(name.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    /// A participle opening the sentence, its date inside its clause, the body after the
    /// clause's comma: `Established in 1975 as an informal forum, the X …` → X.
    pub(super) fn fronted_participle(&self, t: &Trigger, di: usize) -> Option<Subject> {
        if t.form != Form::Past || t.passive || di <= t.at {
            return None;
        }
        let items = self.items();
        // Only adverbs before it, or a footnote mark left over from the sentence before ("[1]").
        let lead = |it: &Item<'_>| {
            (it.kind == ItemKind::Word && is_adverb(&it.lower()))
                || matches!(it.kind, ItemKind::Number | ItemKind::Punct('[' | ']'))
        };
        // A sentence the splitter left joined to the one before (".[1] Founded …") starts after its stop.
        let start = items.get(..t.at)?.iter().rposition(|it| it.is_punct('.')).map_or(0, |p| p + 1);
        if !items.get(start..t.at)?.iter().all(lead) {
            return None;
        }
        let comma = (t.at + 1..(t.at + 16).min(items.len()))
            .find(|&j| items.get(j).is_some_and(|it| matches!(it.kind, ItemKind::Punct(',' | ';' | '.' | ':'))))?;
        if !items.get(comma)?.is_punct(',') || di > comma {
            return None;
        }
        let (name, at) = self.party_from(comma + 1)?;
        if !self.item(at).is_some_and(|it| it.is_party()) {
            return None;
        }
        Some(Subject { name, at: Some(at), object: None, agent: None, factor: 0.9 })
    }

    /// Whether the verb at `v` is followed by an object that is not a body.
    pub(super) fn has_plain_object(&self, v: usize) -> bool {
        self.item(v + 1).is_some_and(|n| {
            let w = n.lower();
            n.kind == ItemKind::Word
                && (is_determiner(&w) || n.text.chars().next().is_some_and(char::is_lowercase))
                && !is_preposition(&w)
                && !is_adverb(&w)
                && !follows_head(&w)
        })
    }

    /// Whether the verb at `v` is a second, coordinated predicate ("… and deployed").
    pub(super) fn coordinated(&self, v: usize) -> bool {
        let mut j = v;
        while j > 0 {
            j -= 1;
            match self.item(j) {
                Some(it) if is_adverb(&it.lower()) => continue,
                Some(it) => return it.is("and") || it.is("or"),
                None => return false,
            }
        }
        false
    }

    /// The object of the verb at `v`: the first party after it in the same clause. When
    /// the date `di` follows the verb, the party just before the date is preferred
    /// ("joined A in 1991 and B in 1994").
    pub(super) fn object_after(&self, v: usize, di: Option<usize>) -> Option<(String, usize)> {
        let items = self.items();
        if let Some(di) = di.filter(|&d| d > v + 1) {
            let mut j = di - 1;
            if items.get(j).is_some_and(|it| it.is("in") || it.is("on") || it.is_punct('(')) {
                j = j.saturating_sub(1);
            }
            if j > v + 1
                && items.get(j).is_some_and(Item::is_party)
                && items.get(v + 1..j)?.iter().rposition(|it| it.is("and")).is_some_and(|a| {
                    // Only articles between "and" and the body: "… and the B in 1994", not "… and left B".
                    items
                        .get(v + 1 + a + 1..j)
                        .is_some_and(|between| between.iter().all(|it| is_determiner(&it.lower())))
                })
            {
                let name = self.party_name(items.get(j)?)?;
                return Some((name, j));
            }
            // A second date after the verb that is no coordination: the first object is
            // the first date's ("joined A in 1987 and left B in 1995").
            if items.get(v + 1..di)?.iter().any(|it| matches!(it.kind, ItemKind::Date { .. })) {
                return None;
            }
        }
        for j in v + 1..(v + 8).min(items.len()) {
            let it = items.get(j)?;
            if it.is_party() && !self.is_modifier(j) {
                return Some((self.party_name(it)?, j));
            }
            let w = it.lower();
            let adjective =
                j.checked_sub(1).and_then(|p| items.get(p)).is_some_and(|p| p.is("newly") || p.is("recently"));
            // "withdrew its opposition, concluding the X …": the object was a plain noun,
            // and what follows the comma is another clause's.
            // Not an apposition: "established a new body, the X, to …" names X.
            let clause_after = items.get(j + 1).is_some_and(|n| {
                n.kind == ItemKind::Word && n.text.chars().all(char::is_lowercase) && !is_determiner(&n.lower())
            });
            let after_plain_object = it.is_punct(',')
                && clause_after
                && items.get(v + 1..j).is_some_and(|before| {
                    before.iter().any(|b| {
                        let w = b.lower();
                        b.kind == ItemKind::Word
                            && b.text.chars().all(char::is_lowercase)
                            && !is_determiner(&w)
                            && !is_adverb(&w)
                    })
                });
            let stop = matches!(it.kind, ItemKind::Date { .. })
                || after_plain_object
                || matches!(it.kind, ItemKind::Punct(';' | ':' | '.' | '(' | ')'))
                || (it.kind == ItemKind::Word
                    && (is_preposition(&w) || w == "of" || (event_word(&w).is_some() && !adjective)));
            if stop {
                return None;
            }
        }
        None
    }

    /// A party starting at item `at` (after an optional article).
    pub(super) fn party_from(&self, at: usize) -> Option<(String, usize)> {
        let at = if self.item(at).is_some_and(|it| it.is("the") || it.is("a")) { at + 1 } else { at };
        let it = self.item(at)?;
        if it.is_party() {
            return Some((self.party_name(it)?, at));
        }
        // A plain capitalised name ("Russia").
        let name: Vec<&str> = self
            .items()
            .get(at..)?
            .iter()
            .take_while(|it| it.kind == ItemKind::Word && it.text.chars().next().is_some_and(char::is_uppercase))
            .take(3)
            .map(|it| it.text)
            .collect();
        // A possessive ("of the X's unit") names the owner of a noun, not the party.
        if self.item(at + name.len()).is_some_and(|n| n.is_punct('\'')) {
            return None;
        }
        // An adjective before a common noun ("of a European economic union") names nothing.
        let modifier = self.item(at + name.len()).is_some_and(|n| {
            n.kind == ItemKind::Word
                && n.text.chars().next().is_some_and(char::is_lowercase)
                && !follows_head(&n.lower())
        });
        (!name.is_empty() && !modifier).then(|| (name.join(" "), at))
    }

    /// Who acted: the party or capitalised word just before the verb.
    pub(super) fn agent_before(&self, v: usize) -> Option<String> {
        let mut j = v.checked_sub(1)?;
        while self.item(j).is_some_and(|it| is_adverb(&it.lower())) {
            j = j.checked_sub(1)?;
        }
        let it = self.item(j)?;
        if let Some(name) = self.party_name(it) {
            return Some(name);
        }
        // A run of capitalised words ending just before the verb ("Acme Holdings").
        let is_name =
            |x: &Item<'_>| x.kind == ItemKind::Word && is_cap(x.text) && !super::super::bodies::never_starts(x.text);
        if !is_name(it) {
            return None;
        }
        let mut first = j;
        while first > 0 && j - first < 3 && self.item(first - 1).is_some_and(is_name) {
            first -= 1;
        }
        let words: Vec<&str> = self.items().get(first..=j)?.iter().map(|x| x.text).collect();
        Some(words.join(" "))
    }

    /// `the creation of X`, `the launch, in 1994, of X`, `accession to X`.
    pub(super) fn of_phrase(&self, n: usize) -> Option<(String, usize)> {
        let items = self.items();
        let mut j = n + 1;
        let mut skipped = 0;
        while let Some(it) = items.get(j) {
            if it.is("of") || it.is("to") {
                if let Some(found) = self.party_from(j + 1).filter(|(_, at)| *at <= j + 2) {
                    return Some(found);
                }
                // "the suspension of formal meetings of X": one more "of" within reach.
                let next_of = (j + 1..(j + 5).min(items.len())).find(|&k| items.get(k).is_some_and(|x| x.is("of")))?;
                return self.party_from(next_of + 1).filter(|(_, at)| *at <= next_of + 2);
            }
            let skippable = it.is_punct(',')
                || matches!(it.kind, ItemKind::Date { .. })
                || it.is("in")
                || it.is("on")
                || it.is("session")
                || it.is("meeting")
                || it.is("member");
            if !skippable || skipped > 5 {
                return None;
            }
            skipped += 1;
            j += 1;
        }
        None
    }

    /// `A began reaching out to B` → the A–B relationship.
    pub(super) fn outreach(&self, t: &Trigger) -> Option<Subject> {
        let items = self.items();
        let mut j = t.at + 2;
        if !items.get(j).is_some_and(|it| it.is("to")) {
            return None;
        }
        j += 1;
        let (b, _) = self.party_from(j)?;
        let mut k = t.at;
        let mut a = None;
        while k > 0 && t.at - k < 4 {
            k -= 1;
            let it = items.get(k)?;
            if let Some(name) = self.party_name(it) {
                a = Some(name);
                break;
            }
            if it.kind == ItemKind::Word && it.text.chars().next().is_some_and(char::is_uppercase) {
                a = Some(it.text.to_string());
                break;
            }
        }
        let a = a?;
        Some(Subject { name: relationship_subject(&a, &b), at: None, object: None, agent: Some(a), factor: 1.0 })
    }

    /// The subject of a second, coordinated predicate at `v` when the first is a passive:
    /// `X was approved on D1 and came into force on D2` → X. Nothing when a party stands
    /// between the first verb and `and` ("X joined Y in 1991 and left in 1995": whose?).
    pub(super) fn coordinated_subject(&self, v: usize) -> Option<(String, Option<usize>, f32)> {
        let mut k = v.checked_sub(1)?;
        while self.item(k).is_some_and(|it| is_adverb(&it.lower())) {
            k = k.checked_sub(1)?;
        }
        if !self.item(k)?.is("and") {
            return None;
        }
        let items = self.items();
        let be = (k.saturating_sub(10)..k).rev().find(|&j| self.item(j).is_some_and(|it| it.is_be_word()))?;
        if items.get(be..k)?.iter().any(|it| it.is_party() || matches!(it.kind, ItemKind::Punct(';' | ':'))) {
            return None;
        }
        if self.passive_subject_is_plain_noun(be + 1) {
            return None;
        }
        self.party_before(be)
    }

    /// `NATO foreign ministers met`, `X leaders met`: the body whose members met.
    pub(super) fn meeting_of(&self, v: usize) -> Option<(String, usize)> {
        let mut j = v.checked_sub(1)?;
        while self.item(j).is_some_and(|it| is_adverb(&it.lower())) {
            j = j.checked_sub(1)?;
        }
        let noun = self.item(j)?;
        let members =
            matches!(noun.lower().as_str(), "ministers" | "leaders" | "heads" | "ambassadors" | "representatives");
        if !members {
            return None;
        }
        // "X [Foreign|Defence|defence] ministers"
        let mut b = j.checked_sub(1)?;
        while b + 3 > j
            && self.item(b).is_some_and(|it| {
                let w = it.lower();
                it.kind == ItemKind::Word && !is_determiner(&w) && !is_preposition(&w) && event_word(&w).is_none()
            })
        {
            b = b.checked_sub(1)?;
        }
        if let Some(it) = self.item(b).filter(|it| matches!(it.kind, ItemKind::Body(_))) {
            return Some((self.party_name(it)?, b));
        }
        None
    }

    /// `A became a [full] member of X in D` → X, joined by A; without `of X`, the sheet's topic.
    pub(super) fn member_of(&self, t: &Trigger, di: usize) -> Option<Subject> {
        let member = (t.at + 1..t.at + 5).find(|&j| self.item(j).is_some_and(|it| it.is("member")))?;
        if self.item(member + 1).is_some_and(|it| it.is("of")) {
            let (name, at) = self.party_from(member + 2)?;
            let agent = self.agent_before(t.at);
            return Some(Subject { name, at: Some(at), object: None, agent, factor: 1.0 });
        }
        self.topic_subject(t, di)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{claims, has, lacks};
    use crate::extract::Event;

    #[test]
    fn a_date_of_a_prior_event_does_not_date_the_predicate() {
        let text = "Following the river war in 1871, the Rhine Shipping Board began to lose its members.";
        lacks(text, "Rhine Shipping Board");
        let text = "The Danube Ferry Office became a public agency after the demise of the old Guild in 1905.";
        lacks(text, "Danube Ferry Office");
        // An event word inside the phrase is dated by it; a bare date is a bound, not this shape.
        let text = "After the founding of the Rhine Shipping Board in 1871, ferries multiplied.";
        has(text, "Rhine Shipping Board", Event::Established, "1871");
        has(
            "The Danube Ferry Office was founded in 1905, after the river war.",
            "Danube Ferry Office",
            Event::Established,
            "1905",
        );
        has(
            "The Danube Ferry Office was founded the following year, in 1905.",
            "Danube Ferry Office",
            Event::Established,
            "1905",
        );
    }

    #[test]
    fn a_plain_object_before_a_comma_ends_the_search_for_a_body() {
        let text = "In 1987 the river states withdrew their objection, judging the Danube Ferry Office harmless.";
        lacks(text, "Danube Ferry Office");
        // The body before the comma is still the object.
        let text = "In 1987 the river states joined the Danube Ferry Office, judging it useful.";
        has(text, "Danube Ferry Office", Event::Joined, "1987");
    }

    #[test]
    fn cooperation_between_two_parties_starts_for_the_pair() {
        let text = "The beginning of co-operation between the Alpine Rail Council and the Danube Ferry Office \
                    started with the accord signed by the secretaries of both bodies on 3 May 1962.";
        lacks(text, "Danube Ferry Office");
        has(text, "Alpine Rail Council-Danube Ferry Office relations", Event::Began, "1962-05-03");
        // One party alone: its own beginning.
        has("The Danube Ferry Office began in 1962.", "Danube Ferry Office", Event::Began, "1962");
    }

    #[test]
    fn a_country_is_never_a_subject() {
        let text = "The Soviet Union ceased to exist in December 1991. The USSR was dissolved in 1991.";
        lacks(text, "Soviet Union");
        lacks(text, "USSR");
        // A country that joins the sheet's topic acts; the topic was joined.
        let text = "The Lake Basin Council (LBC) is a body of river states.\n\n\
                    The Soviet Union became a member on 3 March 1951.";
        has(text, "Lake Basin Council", Event::Joined, "1951-03-03");
        lacks(text, "Soviet Union");
    }

    #[test]
    fn an_active_succession_names_both_sides() {
        let text = "The Alpine Rail Board (ARB), which succeeded the Mountain Transit Office in 1997, sets fares.";
        has(text, "Alpine Rail Board", Event::TookOver, "1997");
        has(text, "Mountain Transit Office", Event::Succeeded, "1997");
        let c = super::super::tests::full(text);
        let took = c.iter().find(|c| c.event == Event::TookOver).expect("took over");
        assert_eq!(took.object.as_deref(), Some("Mountain Transit Office"));
        // A plain active with the successor as subject.
        has(
            "In 2004 the Northern Water Authority replaced the Lake District Water Board.",
            "Northern Water Authority",
            Event::TookOver,
            "2004",
        );
    }

    #[test]
    fn a_passive_succession_names_the_replaced_body_only() {
        let text = "The Lake District Water Board was replaced by the Northern Water Authority in 2004.";
        has(text, "Lake District Water Board", Event::Succeeded, "2004");
        let got = claims(text);
        assert!(got.iter().all(|(_, e, _)| *e != Event::TookOver), "{got:?}");
        // No successor named before the verb: no took-over claim for a pronoun.
        let got = claims("The Harbour Trust was set up in 1950. In 1971 it replaced the Dock Company.");
        assert!(got.iter().all(|(_, e, _)| *e != Event::TookOver), "{got:?}");
        lacks("The Harbour Trust was set up in 1950. In 1971 it replaced the Dock Company.", "it");
    }
}

#[cfg(test)]
mod post_tests {
    use super::super::tests::{claims, has, lacks};
    use crate::extract::Event;

    #[test]
    fn a_state_sets_up_a_post_at_a_body() {
        let text = "To that end, Peru established a permanent mission to the Pacific Fisheries Council in 1998.";
        has(text, "permanent mission to the Pacific Fisheries Council", Event::Established, "1998");
        lacks(text, "Pacific Fisheries Council");
        has(
            "In May 2010, Chile suspended the work of its trade mission to the Pacific Fisheries Council.",
            "trade mission to the Pacific Fisheries Council",
            Event::Suspended,
            "2010-05",
        );
        has(
            "In 2015 the league closed down its office in Buenos Aires.",
            "office in Buenos Aires",
            Event::Closed,
            "2015",
        );
    }

    #[test]
    fn a_post_needs_a_named_place_or_body() {
        let got = claims("In 1998 the navy established a mission to rescue the crew.");
        assert!(got.is_empty(), "{got:?}");
        let got = claims("The firm opened an office in the city centre in 2001.");
        assert!(got.iter().all(|(s, _, _)| !s.contains("office")), "{got:?}");
    }
}

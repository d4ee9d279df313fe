//! Dated claims: a sheet says that `event` happened to `subject` at `date`.
//!
//! Input: one document, its sentence spans, its [`DateMention`]s and [`BodyMention`]s.
//! Output: [`Claim`]s in document order, subjects as written (the corpus-wide
//! [`Registry`](super::bodies::Registry) makes them canonical afterwards).
//!
//! Each sentence is read as a sequence of items (dates, bodies, relationships, words;
//! see [`items`]). Every usable date (a calendar value that is not a duration or the
//! document's own date) is then attached to at most one claim, by these rules in order:
//!
//! 1. **Attributive dates**: `the 2004 Athens Summit`, `the 1957 Treaty` — the body's
//!    creation event by its type (an act is signed, a summit held, a declaration adopted).
//!    A date that qualifies a common noun instead (`the 1999 decision`) dates nothing here.
//! 2. **Dated titles**: `the Madrid Declaration of 8 July 1997`.
//! 3. **Headings**: `2004: The Athens Summit` — low confidence, a heading only dates a section.
//! 4. **Event words**: the one event word (verb or nominalisation) that governs the date —
//!    the cheapest by distance, where commas, `but`, a coordinated second verb and other
//!    dates cost more and an aside in parentheses costs little; never inside a parenthesis
//!    the date is not in; never one whose own nearer date lies on its other side; a date
//!    alone in parentheses (`joined X (1994)`) only looks back. Its frame then selects the
//!    subject: the object of an active verb (`X established Y`, with coordination `joined A
//!    in 1991 and B in 1994`), the noun before a passive or participle (`Y was established`,
//!    `Y, signed in …`, skipping a prepositional object as in `a Mission to X` and an
//!    apposition), the `of` phrase of a nominalisation (`the creation of Y`, `the launch,
//!    in 1994, of Y`), the subject of an intransitive verb (`relations began`, not when
//!    the verb has a plain object or is a second predicate), both sides of a succession
//!    (`X, which succeeded Y`, `Y was replaced by X`, `Y (later renamed X)`), a relationship
//!    for outreach (`A began reaching out to B`), the host of `X held a summit`, an anaphor
//!    (`It met for the first time …`, `this forum`) in the sentence before or, typed, earlier
//!    in the same sentence. When that frame finds no subject, no farther word is tried.
//! 5. **Sessions and summits**: a date followed by `at the opening session of Y` also dates
//!    that first meeting; `the X Summit in Place on DATE` and `On DATE, the X Summit …`
//!    date the summit.
//! 6. **Anniversaries**: `the fifth anniversary of the signing of Y` with a date in the
//!    sentence dates the signing that many years earlier (and `one day after` shifts it),
//!    low confidence.
//!
//! 7. **Founding acts**: `X, established by the 2002 Y Declaration` dates Y (rule 1) and
//!    X's establishment with the same year.
//!
//! What yields no claim, by shape:
//! - a reference, footnote or citation line ([`citations`]);
//! - a passive whose noun is no body (`the flag which was created by X in 1955`): neither
//!   that noun nor a body farther back (the agent X) was created;
//! - a designation (`established 5 May as Heritage Day`): the date is what was named;
//! - a date after a second, coordinated predicate (`X created, and has since 1955 used, Y`);
//! - an adjective taken for a name (`the creation of a European customs union`).
//!
//! A date with no event word close enough, or whose frame finds no subject, yields no
//! claim: a sentence that merely mentions a body and a year says nothing about when.
//! Confidence falls with the distance between date and event word, for anaphors,
//! intentions (`decided to launch`), relative or inferred dates and headings.

mod citations;
mod items;
mod lexicon;

use items::{Item, ItemKind, Sentence, anaphor_type, itemize};
use lexicon::{
    Form, cardinal, creation_event, event_word, is_adverb, is_be, is_time_unit, ordinal, qualifier, singular,
};

use super::{BodyMention, Claim, DateMention, Event, Figure, Qualifier};
use crate::corpus::Document;
use crate::date::{Date, Point, Unit};
use crate::span::Span;

/// Sentences longer than this many items are not read for claims.
const MAX_ITEMS: usize = 2000;

/// The subject of a relationship between two parties, the same whichever order they come in.
pub fn relationship_subject(a: &str, b: &str) -> String {
    let a = a.trim().trim_start_matches("the ");
    let b = b.trim().trim_start_matches("the ");
    let (x, y) = if a.to_lowercase() <= b.to_lowercase() { (a, b) } else { (b, a) };
    format!("{x}-{y} relations")
}

/// Links the dates and bodies of `doc` into claims, sentence by sentence.
pub fn extract_claims(doc: &Document, sentences: &[Span], dates: &[DateMention], bodies: &[BodyMention]) -> Vec<Claim> {
    let text = doc.text();
    let mut out = Vec::new();
    // The sentence before (for anaphors), itemized only when the next one needs it.
    let mut previous: Option<Sentence<'_>> = None;
    let mut previous_span: Option<Span> = None;
    for &span in sentences {
        // A reference or footnote dates a publication or a visit, not an event.
        if citations::is_citation(text, span) {
            (previous, previous_span) = (None, None);
            continue;
        }
        // Every claim is dated by a date mention of its sentence: most sentences have none,
        // and reading them would be most of the work.
        let first = dates.partition_point(|d| d.span.end <= span.start);
        if dates.get(first).is_none_or(|d| d.span.start >= span.end) {
            (previous, previous_span) = (None, Some(span));
            continue;
        }
        let before = previous.take().or_else(|| previous_span.map(|p| itemize(text, p, dates, bodies)));
        let sentence = itemize(text, span, dates, bodies);
        let reader = Reader { doc, dates, bodies, s: &sentence, previous: before.as_ref() };
        let mut claims = reader.claims();
        dedup(&mut claims);
        out.extend(claims);
        (previous, previous_span) = (Some(sentence), Some(span));
    }
    out
}

/// Keeps one claim per (subject, event, date) in a sentence: the most confident.
fn dedup(claims: &mut Vec<Claim>) {
    let mut kept: Vec<Claim> = Vec::new();
    for c in claims.drain(..) {
        match kept.iter_mut().find(|k| k.subject == c.subject && k.event == c.event && k.date == c.date) {
            Some(k) if k.confidence >= c.confidence => {}
            Some(k) => *k = c,
            None => kept.push(c),
        }
    }
    *claims = kept;
}

/// An event word found in the sentence.
#[derive(Debug, Clone, Copy)]
struct Trigger {
    /// Item index.
    at: usize,
    event: Event,
    form: Form,
    /// A passive or a participle after its noun ("was signed", "X, signed in …").
    passive: bool,
}

/// The subject a frame selected.
#[derive(Debug, Clone)]
struct Subject {
    name: String,
    /// Item index in the current sentence, or `None` for an anaphor resolved in the previous one.
    at: Option<usize>,
    /// The other body of a succession or renaming.
    object: Option<String>,
    /// Who acted ("Russia" joined).
    agent: Option<String>,
    /// Confidence factor for how the subject was found.
    factor: f32,
}

struct Reader<'a, 's> {
    doc: &'a Document,
    dates: &'a [DateMention],
    bodies: &'a [BodyMention],
    s: &'s Sentence<'a>,
    previous: Option<&'s Sentence<'a>>,
}

/// Whether a word starts with a capital letter.
fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Words after which a verb-looking word is a noun.
fn is_determiner(w: &str) -> bool {
    matches!(w, "the" | "a" | "an" | "its" | "their" | "this" | "that" | "his" | "her" | "our" | "whose")
}

/// Words that end the search for an object after a verb.
fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "in" | "on"
            | "at"
            | "by"
            | "during"
            | "after"
            | "following"
            | "since"
            | "from"
            | "until"
            | "within"
            | "under"
            | "before"
            | "when"
            | "which"
            | "that"
            | "who"
            | "because"
            | "as"
            | "to"
            | "for"
            | "between"
            | "but"
    )
}

/// Lower-case words that may follow a body that is the head of its noun phrase.
fn follows_head(w: &str) -> bool {
    w.ends_with("ed")
        || is_be(w)
        || is_adverb(w)
        || is_preposition(w)
        || event_word(w).is_some()
        || matches!(
            w,
            "and"
                | "or"
                | "of"
                | "with"
                | "over"
                | "about"
                | "against"
                | "into"
                | "through"
                | "across"
                | "around"
                | "amid"
                | "among"
                | "despite"
                | "without"
                | "via"
                | "near"
                | "beyond"
                | "toward"
                | "towards"
                | "up"
                | "out"
                | "so"
                | "yet"
                | "nor"
                | "itself"
                | "has"
                | "had"
                | "have"
                | "held"
                | "will"
                | "would"
                | "can"
                | "could"
                | "may"
                | "must"
                | "shall"
                | "should"
                | "took"
                | "made"
                | "became"
                | "remains"
                | "met"
                | "set"
        )
}

impl<'a> Reader<'a, '_> {
    fn items(&self) -> &[Item<'a>] {
        &self.s.items
    }

    fn item(&self, i: usize) -> Option<&Item<'a>> {
        self.s.items.get(i)
    }

    fn claims(&self) -> Vec<Claim> {
        // A "sentence" of thousands of items is no prose (a table, a dump): not read for claims.
        if self.items().len() > MAX_ITEMS {
            return Vec::new();
        }
        let triggers = self.triggers();
        let mut out = Vec::new();
        let heading = self.is_heading();
        // Dates that no title or noun has claimed: the ones event words compete for.
        let free: Vec<usize> = self
            .items()
            .iter()
            .enumerate()
            .filter(|(di, it)| {
                let ItemKind::Date { index, usable: true } = it.kind else { return false };
                self.attributive(*di, index, heading).is_none()
                    && !self.modifies_noun(*di)
                    && self.heading_claim(*di, index, heading).is_none()
            })
            .map(|(di, _)| di)
            .collect();
        for (di, item) in self.items().iter().enumerate() {
            let ItemKind::Date { index, usable: true } = item.kind else { continue };
            if let Some(c) = self.attributive(di, index, heading) {
                out.push(c);
                out.extend(self.created_by_dated_act(di, index));
                continue;
            }
            if self.modifies_noun(di) || self.governed_by_other_verb(di) {
                continue;
            }
            if let Some(c) = self.heading_claim(di, index, heading) {
                out.push(c);
                continue;
            }
            // Only triggers within reach are costed, so long sentences stay linear.
            let near = triggers.iter().filter(|t| t.at.abs_diff(di) <= 64);
            let mut ranked: Vec<(f32, &Trigger)> = near.filter_map(|t| self.cost(t, di).map(|c| (c, t))).collect();
            ranked.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.at.cmp(&b.1.at)));
            let before = out.len();
            // A trigger whose own best date lies on its other side is not this date's
            // ("… by 1990, and the Board was created in 1961": 1990 is not the creation).
            let other_side_better = |t: &Trigger, cost: f32| {
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
            };
            let best = ranked.into_iter().find(|(cost, t)| !other_side_better(t, *cost));
            // Only the governing trigger is tried: when its frame finds no subject, a
            // farther event word is more often wrong than right.
            if let Some((cost, t)) = best
                && let Some(subject) = self.subject(t, di)
            {
                let mut conf = (0.95 - 0.04 * cost).clamp(0.3, 0.95) * subject.factor;
                if t.form == Form::Base {
                    conf *= 0.7;
                }
                if let Some(mut c) = self.claim(index, t.event, &subject, conf) {
                    c.qualifiers = self.qualifiers(t, subject.at);
                    out.push(c);
                }
            }
            if out.len() == before
                && let Some(c) = self.dated_in_parentheses(di, index)
            {
                out.push(c);
            }
            if let Some(extra) = self.session_after(di, index) {
                out.push(extra);
            }
            if out.len() == before
                && let Some(c) = self.summit_held(di, index)
            {
                out.push(c);
            }
        }
        out.extend(self.anniversaries());
        let figures = self.figures();
        for c in &mut out {
            c.figures.clone_from(&figures);
        }
        out
    }

    /// The event words of the sentence with their forms resolved.
    fn triggers(&self) -> Vec<Trigger> {
        let items = self.items();
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            // A capitalised event word inside a sentence is part of a name ("the Foundation").
            if item.kind != ItemKind::Word || (i > 0 && is_cap(item.text)) {
                continue;
            }
            let w = item.lower();
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
    fn is_passive(&self, i: usize) -> bool {
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
    fn has_object_after(&self, i: usize) -> bool {
        self.object_after(i, None).is_some()
    }

    /// The cost of attaching date item `di` to trigger `t`; `None` when it may not.
    fn cost(&self, t: &Trigger, di: usize) -> Option<f32> {
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
    fn before_noun(&self, n: usize) -> Option<&Item<'a>> {
        let mut j = n.checked_sub(1)?;
        if self.item(j).is_some_and(|it| is_determiner(&it.lower())) {
            j = j.checked_sub(1)?;
        }
        self.item(j)
    }

    /// Whether the item after the one at `span` is a past-tense verb ("and entered").
    fn verb_follows(&self, span: Span) -> bool {
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
    fn fronted(&self, di: usize) -> bool {
        let before = self.items().get(..di).unwrap_or_default();
        before.iter().all(|it| it.is("in") || it.is("on") || it.is("by") || it.is("since") || it.is("at"))
            && self.item(di + 1).is_some_and(|n| n.is_punct(','))
    }

    /// The subject the frame of `t` selects for the date at `di`.
    fn subject(&self, t: &Trigger, di: usize) -> Option<Subject> {
        match (t.event, t.form) {
            (Event::Outreach, _) => self.outreach(t),
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
                if let Some((name, at)) = self.object_after(t.at, Some(di)) {
                    let agent = self.agent_before(t.at);
                    return Some(Subject { name, at: Some(at), object: None, agent, factor: 1.0 });
                }
                // Intransitive: "relations began", "the Board met". Not when the verb has
                // an object that is no body ("resumed talks", "suspended the work of …"),
                // nor when it is a second predicate ("X joined Y and deployed …"), whose
                // subject is not the party just before it.
                if t.event == Event::Joined || self.has_plain_object(t.at) || self.coordinated(t.at) {
                    return None;
                }
                let (name, at, factor) = self.party_before(t.at)?;
                Some(Subject { name, at, object: None, agent: None, factor })
            }
        }
    }

    /// Whether the noun a passive or participle at `v` is about is a common noun, not a
    /// body ("the anthem which was adopted", "its new building was opened"): then the
    /// nearest body farther back is not the subject. Pronouns and anaphors ("it", "this
    /// forum") are left to [`Self::party_before`].
    fn passive_subject_is_plain_noun(&self, v: usize) -> bool {
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
    fn preposition_before(&self, j: usize) -> Option<usize> {
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
    fn coordinated_or_apposition(&self, j: usize) -> bool {
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

    /// Whether the verb at `v` is followed by an object that is not a body.
    fn has_plain_object(&self, v: usize) -> bool {
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
    fn coordinated(&self, v: usize) -> bool {
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

    /// The name of a party item.
    fn party_name(&self, it: &Item<'_>) -> Option<String> {
        match it.kind {
            ItemKind::Body(b) => self.bodies.get(b).map(|m| m.name.clone()),
            ItemKind::Relation(r) => self.s.relations.get(r).map(|r| r.subject.clone()),
            _ => None,
        }
    }

    /// Whether a body item is only a modifier of a following noun ("EU officials").
    fn is_modifier(&self, i: usize) -> bool {
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

    /// The object of the verb at `v`: the first party after it in the same clause. When
    /// the date `di` follows the verb, the party just before the date is preferred
    /// ("joined A in 1991 and B in 1994").
    fn object_after(&self, v: usize, di: Option<usize>) -> Option<(String, usize)> {
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
            let stop = matches!(it.kind, ItemKind::Date { .. })
                || matches!(it.kind, ItemKind::Punct(';' | ':' | '.' | '(' | ')'))
                || (it.kind == ItemKind::Word
                    && (is_preposition(&w) || w == "of" || (event_word(&w).is_some() && !adjective)));
            if stop {
                return None;
            }
        }
        None
    }

    /// The nearest party before `v` in the same clause, skipping parentheses that do
    /// not contain `v`; a pronoun subject resolves to the previous sentence.
    fn party_before(&self, v: usize) -> Option<(String, Option<usize>, f32)> {
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
            // A relative clause between subject and verb ("X, which established Y, was
            // signed"): its parties are not the subject.
            if it.is_punct(',')
                && let Some(open) =
                    (j.saturating_sub(12)..j).rev().find(|&c| items.get(c).is_some_and(|x| x.is_punct(',')))
                && items.get(open + 1).is_some_and(|x| x.is("which") || x.is("who") || x.is("that") || x.is("whose"))
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
                return self.anaphor(None, j).map(|n| (n, None, 0.6));
            }
            if ((steps <= 6 && w == "this") || (steps <= 3 && w == "the"))
                && let Some(kind) = items.get(j + 1).and_then(|n| anaphor_type(&n.lower()))
            {
                return self.anaphor(Some(kind), j).map(|n| (n, None, 0.5));
            }
            if it.kind == ItemKind::Word {
                steps += 1;
            }
        }
        None
    }

    /// The head of the noun phrase a party at `j` ends: "a Mission to X" → the mission,
    /// "an Agreement between X and Y" → the agreement.
    fn phrase_head(&self, j: usize) -> usize {
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
    fn apposition_head(&self, j: usize) -> usize {
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
            (Some(comma), Some(h)) if comma.is_punct(',') && items.get(h).is_some_and(Item::is_party) => h,
            _ => j,
        }
    }

    /// The body an anaphor refers to: with a type, the last body of that type in the
    /// previous sentence; without, the first body of the previous sentence.
    fn anaphor(&self, kind: Option<super::BodyType>, at: usize) -> Option<String> {
        // A typed anaphor may point back within the sentence ("X was approved; the programme …").
        if let Some(k) = kind {
            let mut here = self.items().get(..at).unwrap_or_default().iter().rev().filter_map(|it| match it.kind {
                ItemKind::Body(b) => self.bodies.get(b).filter(|m| m.kind == k),
                _ => None,
            });
            if let Some(m) = here.next() {
                return Some(m.name.clone());
            }
        }
        let prev = self.previous?;
        let mut bodies = prev.items.iter().filter_map(|it| match it.kind {
            ItemKind::Body(b) => self.bodies.get(b),
            _ => None,
        });
        match kind {
            None => bodies.next().map(|m| m.name.clone()),
            Some(k) => bodies.rfind(|m| m.kind == k).map(|m| m.name.clone()),
        }
    }

    /// A party starting at item `at` (after an optional article).
    fn party_from(&self, at: usize) -> Option<(String, usize)> {
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
        // An adjective before a common noun ("of a European economic union") names nothing.
        let modifier = self.item(at + name.len()).is_some_and(|n| {
            n.kind == ItemKind::Word
                && n.text.chars().next().is_some_and(char::is_lowercase)
                && !follows_head(&n.lower())
        });
        (!name.is_empty() && !modifier).then(|| (name.join(" "), at))
    }

    /// Who acted: the party or capitalised word just before the verb.
    fn agent_before(&self, v: usize) -> Option<String> {
        let mut j = v.checked_sub(1)?;
        while self.item(j).is_some_and(|it| is_adverb(&it.lower())) {
            j = j.checked_sub(1)?;
        }
        let it = self.item(j)?;
        if let Some(name) = self.party_name(it) {
            return Some(name);
        }
        // A run of capitalised words ending just before the verb ("Acme Holdings").
        let is_name = |x: &Item<'_>| x.kind == ItemKind::Word && is_cap(x.text) && !super::bodies::never_starts(x.text);
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
    fn of_phrase(&self, n: usize) -> Option<(String, usize)> {
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
    fn outreach(&self, t: &Trigger) -> Option<Subject> {
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

    /// `the 2004 Athens Summit`: a date right before a body names that body's creation.
    fn attributive(&self, di: usize, index: usize, heading: bool) -> Option<Claim> {
        let items = self.items();
        let next = items.get(di + 1)?;
        let date = self.dates.get(index)?;
        // Only a bare year qualifies a title.
        if date.date.map(|d| d.precision()) != Some(crate::date::Precision::Year) {
            return None;
        }
        let ItemKind::Body(b) = next.kind else { return None };
        let body = self.bodies.get(b)?;
        let event = creation_event(body.kind)
            .filter(|e| matches!(e, Event::Signed | Event::Summit | Event::Adopted | Event::Launched))?;
        let before = di.checked_sub(1).and_then(|j| items.get(j));
        if !(before.is_none() || before.is_some_and(|it| it.is("the") || it.is("a") || it.is("its"))) {
            return None;
        }
        let subject = Subject { name: body.name.clone(), at: Some(di + 1), object: None, agent: None, factor: 1.0 };
        let _ = heading;
        self.claim(index, event, &subject, 0.7)
    }

    /// `X, established by the 1992 Treaty of Y`: the act that created X is dated by a
    /// year before its name, and that year dates X's creation too.
    fn created_by_dated_act(&self, di: usize, index: usize) -> Option<Claim> {
        let items = self.items();
        if !(items.get(di.checked_sub(1)?)?.is("the")
            && matches!(items.get(di.checked_sub(2)?)?.lower().as_str(), "by" | "under" | "through"))
        {
            return None;
        }
        let mut v = di.checked_sub(3)?;
        if items.get(v)?.is("up") {
            v = v.checked_sub(1)?;
        }
        let verb = items.get(v)?;
        if verb.kind != ItemKind::Word || is_cap(verb.text) {
            return None;
        }
        let (event, form) = event_word(&verb.lower())?;
        if event != Event::Established || form != Form::Past || verb.is("set") && !items.get(v + 1)?.is("up") {
            return None;
        }
        if !self.is_passive(v) || self.passive_subject_is_plain_noun(v) {
            return None;
        }
        let (name, at, factor) = self.party_before(v)?;
        let subject = Subject { name, at, object: None, agent: None, factor };
        self.claim(index, Event::Established, &subject, 0.6 * factor)
    }

    /// A summit dated where it is named: "the Lima Summit in Peru on 3 May 2001", or
    /// "On 3 May 2001, the Lima Summit agreed …" (a fronted date and a summit as subject).
    fn summit_held(&self, di: usize, index: usize) -> Option<Claim> {
        let items = self.items();
        let is_summit = |j: usize| match items.get(j).map(|it| it.kind) {
            Some(ItemKind::Body(b)) => self.bodies.get(b).is_some_and(|m| m.kind == super::BodyType::Summit),
            _ => false,
        };
        // BODY [in|at Place] on|in DATE
        if di >= 2 && items.get(di - 1).is_some_and(|it| it.is("on") || it.is("in")) {
            let mut j = di - 2;
            let mut place = 0;
            while j > 0 && place < 3 && items.get(j).is_some_and(|it| it.kind == ItemKind::Word && is_cap(it.text)) {
                j -= 1;
                place += 1;
            }
            if place > 0 && j > 0 && items.get(j).is_some_and(|it| it.is("in") || it.is("at")) {
                j -= 1;
            }
            if is_summit(j) {
                let name = self.party_name(items.get(j)?)?;
                let subject = Subject { name, at: Some(j), object: None, agent: None, factor: 1.0 };
                return self.claim(index, Event::Summit, &subject, 0.7);
            }
        }
        // On DATE, the BODY …
        if self.fronted(di) {
            let mut j = di + 2;
            if items.get(j).is_some_and(|it| it.is("the")) {
                j += 1;
            }
            if is_summit(j) {
                let name = self.party_name(items.get(j)?)?;
                let subject = Subject { name, at: Some(j), object: None, agent: None, factor: 1.0 };
                return self.claim(index, Event::Summit, &subject, 0.6);
            }
        }
        None
    }

    /// `the Schengen Agreement (1985)`: a bare year in parentheses right after an act or a
    /// declaration, with no event word to govern it, dates its signing or adoption.
    fn dated_in_parentheses(&self, di: usize, index: usize) -> Option<Claim> {
        let items = self.items();
        let (Some(open), Some(close)) = (di.checked_sub(1).and_then(|j| items.get(j)), items.get(di + 1)) else {
            return None;
        };
        if !open.is_punct('(') || !close.is_punct(')') {
            return None;
        }
        let at = di.checked_sub(2)?;
        let ItemKind::Body(b) = items.get(at)?.kind else { return None };
        let body = self.bodies.get(b)?;
        let event = creation_event(body.kind).filter(|e| matches!(e, Event::Signed | Event::Adopted))?;
        let subject = Subject { name: body.name.clone(), at: Some(at), object: None, agent: None, factor: 1.0 };
        self.claim(index, event, &subject, 0.5)
    }

    /// Whether the date at `di` is the time of a verb that names no event ("designed in
    /// 1955", "agreed upon in June 1993", "used since 1955"): then no event word farther
    /// away is dated by it.
    fn governed_by_other_verb(&self, di: usize) -> bool {
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
    fn modifies_noun(&self, di: usize) -> bool {
        let before = di.checked_sub(1).and_then(|j| self.item(j));
        let after = self.item(di + 1);
        let det = before.is_some_and(|b| is_determiner(&b.lower()) || b.is("s"));
        det && after.is_some_and(|a| {
            let w = a.lower();
            a.kind == ItemKind::Word && a.text.chars().next().is_some_and(char::is_lowercase) && !follows_head(&w)
        })
    }

    /// `2004: The Athens Summit` as a heading; `the Madrid Declaration of 8 July 1997` anywhere.
    fn heading_claim(&self, di: usize, index: usize, heading: bool) -> Option<Claim> {
        let items = self.items();
        // Dated title: BODY of|on DATE.
        if di >= 2
            && items.get(di - 1).is_some_and(|it| it.is("of"))
            && let Some(ItemKind::Body(b)) = items.get(di - 2).map(|it| it.kind)
        {
            let body = self.bodies.get(b)?;
            if let Some(event) =
                creation_event(body.kind).filter(|e| matches!(e, Event::Signed | Event::Summit | Event::Adopted))
            {
                let subject =
                    Subject { name: body.name.clone(), at: Some(di - 2), object: None, agent: None, factor: 1.0 };
                return self.claim(index, event, &subject, 0.8);
            }
        }
        if !heading || di != 0 || !items.get(1).is_some_and(|it| it.is_punct(':')) {
            return None;
        }
        let at = if items.get(2).is_some_and(|it| it.is("the")) { 3 } else { 2 };
        let ItemKind::Body(b) = items.get(at)?.kind else { return None };
        let body = self.bodies.get(b)?;
        let event = creation_event(body.kind)?;
        let subject = Subject { name: body.name.clone(), at: Some(at), object: None, agent: None, factor: 1.0 };
        self.claim(index, event, &subject, 0.4)
    }

    /// Whether the sentence is a heading: a Markdown heading, or a short line on its own
    /// without final punctuation.
    fn is_heading(&self) -> bool {
        let span = self.s.span;
        if crate::span::overlaps_any(&self.doc.normalized.headings, span) {
            return true;
        }
        let text = self.doc.text();
        let Some(line) = text.get(span.start..span.end) else { return false };
        let own_line = text.get(..span.start).is_none_or(|b| b.is_empty() || b.ends_with('\n'))
            && text.get(span.end..).is_none_or(|a| a.is_empty() || a.starts_with('\n'));
        own_line && !line.contains('\n') && !line.ends_with(['.', '!', '?', ';', ',']) && self.items().len() <= 14
    }

    /// `DATE at the opening session of X`: the date also dates X's first meeting.
    fn session_after(&self, di: usize, index: usize) -> Option<Claim> {
        let items = self.items();
        let mut j = di + 1;
        if !items.get(j).is_some_and(|it| it.is("at") || it.is("with") || it.is("during")) {
            return None;
        }
        j += 1;
        while items.get(j).is_some_and(|it| is_determiner(&it.lower())) {
            j += 1;
        }
        let first = items.get(j)?.lower();
        let noun = items.get(j + 1)?.lower();
        let event = match (first.as_str(), noun.as_str()) {
            ("opening" | "first" | "inaugural", "session" | "meeting") => Event::FirstMeeting,
            _ => return None,
        };
        let (name, at) = self.of_phrase(j + 1)?;
        let subject = Subject { name, at: Some(at), object: None, agent: None, factor: 1.0 };
        self.claim(index, event, &subject, 0.6)
    }

    /// `the fifth anniversary of the signing of X` with a dated anchor in the sentence.
    fn anniversaries(&self) -> Vec<Claim> {
        let items = self.items();
        let mut out = Vec::new();
        for (i, it) in items.iter().enumerate() {
            if !it.is("anniversary") {
                continue;
            }
            let Some(years) = i.checked_sub(1).and_then(|j| items.get(j)).and_then(|o| ordinal(&o.lower())) else {
                continue;
            };
            // "of the signing of X"
            let Some(noun_at) = (i + 1..(i + 4).min(items.len()))
                .find(|&j| items.get(j).and_then(|n| event_word(&n.lower())).is_some_and(|(_, f)| f != Form::Past))
            else {
                continue;
            };
            let Some((event, _)) = items.get(noun_at).and_then(|n| event_word(&n.lower())) else { continue };
            let Some((name, at)) = self.of_phrase(noun_at) else { continue };
            // "N day(s) after/before the … anniversary".
            let mut shift_days = 0i64;
            let before_ord = i.saturating_sub(2);
            if before_ord >= 3 {
                let rel = items.get(before_ord - 1).map(Item::lower).unwrap_or_default();
                let unit = items.get(before_ord - 2).map(Item::lower).unwrap_or_default();
                let n = items.get(before_ord - 3).and_then(|x| cardinal(&x.lower()));
                if let (Some(n), true) = (n, unit.starts_with("day")) {
                    shift_days = match rel.as_str() {
                        "after" => -n,
                        "before" => n,
                        _ => 0,
                    };
                }
            }
            // The anchor: the nearest usable date in the sentence.
            let anchor = items
                .iter()
                .enumerate()
                .filter_map(|(j, x)| match x.kind {
                    ItemKind::Date { index, usable: true } => Some((j.abs_diff(i), index)),
                    _ => None,
                })
                .min();
            let Some((_, index)) = anchor else { continue };
            let Some(mention) = self.dates.get(index) else { continue };
            let Some(date) = mention.date.and_then(|d| shift(d, years, shift_days)) else { continue };
            let subject = Subject { name, at: Some(at), object: None, agent: None, factor: 1.0 };
            if let Some(mut c) = self.claim(index, event, &subject, 0.35) {
                c.date = date;
                c.inferred = true;
                let ordinal = items.get(i - 1).map_or("", |o| o.text);
                let noun = items.get(noun_at).map_or("", |n| n.text);
                c.inferred_from =
                    mention.date.map(|d| format!("{ordinal} anniversary of the {noun} ← {}", d.describe()));
                out.push(c);
            }
        }
        out
    }

    /// Qualifiers near the trigger and before the subject.
    fn qualifiers(&self, t: &Trigger, subject_at: Option<usize>) -> Vec<Qualifier> {
        let items = self.items();
        let mut out: Vec<Qualifier> = Vec::new();
        let mut window: Vec<usize> = (t.at.saturating_sub(3)..=(t.at + 1)).collect();
        if let Some(s) = subject_at {
            window.extend(s.saturating_sub(2)..s);
        }
        for j in window {
            if let Some(q) = items.get(j).filter(|it| it.kind == ItemKind::Word).and_then(|it| qualifier(&it.lower()))
                && !out.contains(&q)
            {
                out.push(q);
            }
        }
        if t.event == Event::FirstMeeting {
            out.retain(|q| *q != Qualifier::First);
        }
        out.sort();
        out
    }

    /// Numbers stated in the sentence about counted things ("the 27 member states").
    fn figures(&self) -> Vec<Figure> {
        let items = self.items();
        let mut out = Vec::new();
        for (i, it) in items.iter().enumerate() {
            if it.kind != ItemKind::Number {
                continue;
            }
            let Ok(value) = it.text.replace(',', "").parse::<u64>() else { continue };
            let Some(noun) = items.get(i + 1).filter(|n| n.kind == ItemKind::Word) else { continue };
            let lower = noun.lower();
            if !lower.ends_with('s') || is_time_unit(&lower) {
                continue;
            }
            let f = Figure { value, noun: singular(noun.text) };
            if !out.contains(&f) {
                out.push(f);
            }
        }
        out
    }

    /// Builds a claim dated by the date mention `index`.
    fn claim(&self, index: usize, event: Event, subject: &Subject, confidence: f32) -> Option<Claim> {
        let text = self.doc.text();
        let span = self.s.span;
        let quote = text.get(span.start..span.end).unwrap_or("").to_string();
        let m = self.dates.get(index)?;
        let (date_span, date, inferred, relative) = (m.span, m.date?, m.inferred, m.kind == super::DateKind::Relative);
        let mut confidence = confidence;
        if inferred || relative {
            confidence *= 0.8;
        }
        let location = self.doc.location(date_span.start);
        let rel = |s: Span| Span::new(s.start.saturating_sub(span.start), s.end.saturating_sub(span.start));
        let subject_span = subject.at.and_then(|a| self.item(a)).map(|it| rel(it.span));
        let subject_text =
            subject.at.and_then(|a| self.item(a)).map_or_else(|| subject.name.clone(), |it| it.text.to_string());
        Some(Claim {
            doc: self.doc.id.clone(),
            subject: subject.name.clone(),
            subject_text,
            event,
            agent: subject.agent.clone(),
            object: subject.object.clone(),
            date,
            date_text: self.doc.original_slice(date_span).to_string(),
            inferred,
            inferred_from: None,
            qualifiers: Vec::new(),
            figures: Vec::new(),
            line: location.line,
            column: location.column,
            quote,
            quote_date: rel(date_span),
            quote_subject: subject_span,
            confidence: (confidence * 100.0).round() / 100.0,
        })
    }
}

/// `date` moved back `years` years and forward `days` days, at its own precision;
/// `None` when the result does not exist (29 February in a common year) or the date is a range.
fn shift(date: Date, years: i32, days: i64) -> Option<Date> {
    if date.is_range() {
        return None;
    }
    let p = date.start();
    let year = p.year_value() - years;
    let point = match p.unit() {
        Unit::Day { month, day } => {
            let moved =
                if days == 0 { Some((p.year_value(), month, day)) } else { add_days(p.year_value(), month, day, days) };
            let (_, m, d) = moved?;
            let y = if days == 0 { year } else { moved?.0 - years };
            Point::day(y, m, d)?
        }
        Unit::Month(m) => Point::month(year, m)?,
        Unit::Year => Point::year(year)?,
        _ => return None,
    };
    Some(Date::point(point))
}

/// The civil date `days` days after `year-month-day` (positive years only).
fn add_days(year: i32, month: u8, day: u8, days: i64) -> Option<(i32, u8, u8)> {
    let mut y = year;
    let mut m = month;
    let mut d = i64::from(day) + days;
    for _ in 0..400 {
        let len = i64::from(crate::date::days_in_month(y, m));
        if d < 1 {
            if m == 1 {
                m = 12;
                y -= 1;
            } else {
                m -= 1;
            }
            d += i64::from(crate::date::days_in_month(y, m));
        } else if d > len {
            d -= len;
            if m == 12 {
                m = 1;
                y += 1;
            } else {
                m += 1;
            }
        } else {
            return Some((y, m, u8::try_from(d).ok()?));
        }
    }
    None
}

#[cfg(test)]
mod tests;

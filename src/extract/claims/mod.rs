//! Dated claims: a sheet says that `event` happened to `subject` at `date`.
//!
//! Input: one document, its sentence spans, its [`DateMention`]s and [`BodyMention`]s.
//! Output: [`Claim`]s in document order, subjects as written (the corpus-wide
//! [`Registry`](super::bodies::Registry) makes them canonical afterwards).
//!
//! Each sentence is read as a sequence of items (dates, bodies, relationships, words;
//! see `items`), then as event frames, one stage per module:
//!
//! | stage | module | what it decides |
//! |---|---|---|
//! | 0 | `citations` | whether the sentence is a reference (no claims) |
//! | 1 | `trigger` | the event words (verb or nominalisation) and their form |
//! | 2 | `clause` | which event word governs a date: the date of the trigger's own clause |
//! | 3 | `frames`, `phrases` | the subject (object, agent) the trigger's frame selects; in `phrases`, relative clauses on names the registry does not know (`the X building, which opened in D`) and `A (which had become B …)` |
//! | 3b | `themes` | events whose doers are people: the theme they signed, approved or held |
//! | — | `coordination` | several dates (`May and June 2000`, `5-6 July`) or parties of one predicate; the bodies a counted noun lists (`set up two new councils: the A and the B`) |
//! | 4 | `discourse` | anaphors and definite descriptions resolved to earlier bodies |
//! | 4b | `implied` | meetings of people with no body named: the one council in scope |
//! | 4c | `context`, `instruments` | sentences with no date: a body dated by the act that established it, a present perfect by the `today` before |
//! | — | `nominal` | events named by nouns dated apart from a verb (`the 2004 enlargement of X`, `In D, …, following the creation of X`, `Under the Y of D, A was merged`) |
//! | — | `named` | dates a body's name carries with no event word (`the 2004 X Summit`) |
//! | — | `status` | standing, seat and office frames (`X was formalised`, `X moved to C`, `X took office`) |
//! | — | `membership` | who left or applied to join which body (`ceased to be X members`, `left X for Y`, `applied for X membership`) |
//! | — | `decision` | a body's dated decisions (`X's 1999 decision`, `a decision of X in D`, `X decided on D to`) |
//! | — | `spans` | a fronted bound dates a change (`Since 1996, X has met …`, `Until 2002, the venue of X summits was …`): low confidence, `other` |
//! | — | `resumption` | suspensions and resumptions of process nouns (`meetings of X resumed in D`, `the resumption of A's relationship with B`, `cooperation with P was suspended in D`) |
//! | 5 | `fallback` | last, for dates no rule above (nor `structured`) claimed: the date's clause read generically — a past verb, its subject body (or anaphor, or the body people acted on); event `other` unless the verb is an event word in its own frame; low confidence |
//!
//! Structure is read apart from prose, line by line: `structured` (chronology items,
//! tables, field lines). `lexicon` holds the word lists. Every usable date (a calendar value that is not a
//! duration or the document's own date) is attached to at most one claim, by these rules in order:
//!
//! 1. **Attributive dates**: `the 2004 Athens Summit`, `the 1957 Treaty` — the body's
//!    creation event by its type (an act is signed, a summit held, a declaration adopted).
//!    A date that qualifies a common noun instead (`the 1999 decision`) dates nothing here.
//! 2. **Dated titles**: `the Madrid Declaration of 8 July 1997`.
//! 3. **Headings** yield no claim: `2004: The Athens Summit` dates a section, not an event.
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
//! - a reference, footnote or citation line (`citations`);
//! - a passive whose noun is no body (`the flag which was created by X in 1955`): neither
//!   that noun nor a body farther back (the agent X) was created;
//! - a designation (`established 5 May as Heritage Day`): the date is what was named;
//! - a date after a second, coordinated predicate (`X created, and has since 1955 used, Y`);
//! - an adjective taken for a name (`the creation of a European customs union`);
//! - a date in a `following|after|before` noun phrase the event word is outside of
//!   (`Following the war in 1999, X agreed`): the date is that noun's;
//! - a country (`bodies::countries`): an agent, never a subject.
//!
//! A date with no event word close enough, or whose frame finds no subject, yields no
//! claim: a sentence that merely mentions a body and a year says nothing about when.
//! Confidence falls with the distance between date and event word, for anaphors,
//! intentions (`decided to launch`), relative or inferred dates and headings.

mod citations;
mod clause;
mod context;
mod coordination;
mod decision;
mod discourse;
mod fallback;
mod frames;
mod implied;
mod instruments;
mod items;
mod lexicon;
mod membership;
mod named;
mod nominal;
mod phrases;
mod resumption;
mod spans;
mod status;
mod structured;
mod themes;
mod trigger;

use frames::Subject;
use items::{Item, ItemKind, Sentence, itemize};
use lexicon::{Form, is_time_unit, qualifier, singular};
use trigger::Trigger;

use super::{BodyMention, Claim, DateMention, Event, Figure, Qualifier};
use crate::corpus::Document;
use crate::span::Span;

/// Sentences longer than this many items are not read for claims.
const MAX_ITEMS: usize = 2000;

/// Links the dates and bodies of `doc` into claims, sentence by sentence.
pub fn extract_claims(doc: &Document, sentences: &[Span], dates: &[DateMention], bodies: &[BodyMention]) -> Vec<Claim> {
    let text = doc.text();
    let topic = discourse::topic(doc, sentences, dates, bodies);
    let mut out = Vec::new();
    // Stage 5's generic claims, kept apart until every specific rule (structure included)
    // has taken its dates.
    let mut generic = Vec::new();
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
            // A sentence with no date may still take one from context (stage 4c).
            if context::worth_reading(text, span) {
                let before = previous.take().or_else(|| previous_span.map(|p| itemize(text, p, dates, bodies)));
                let sentence = itemize(text, span, dates, bodies);
                let reader =
                    Reader { doc, dates, bodies, s: &sentence, previous: before.as_ref(), topic: topic.as_deref() };
                let found = reader.undated_claims(&out);
                out.extend(found);
                (previous, previous_span) = (Some(sentence), Some(span));
            } else {
                (previous, previous_span) = (None, Some(span));
            }
            continue;
        }
        let before = previous.take().or_else(|| previous_span.map(|p| itemize(text, p, dates, bodies)));
        let sentence = itemize(text, span, dates, bodies);
        let reader = Reader { doc, dates, bodies, s: &sentence, previous: before.as_ref(), topic: topic.as_deref() };
        let mut claims = reader.claims();
        dedup(&mut claims);
        generic.extend(reader.generic_claims(&claims));
        out.extend(claims);
        (previous, previous_span) = (Some(sentence), Some(span));
    }
    structured::add_structured(doc, dates, bodies, &mut out);
    // A date some specific rule claimed (in prose or structure) is left to it.
    // A set, not a scan of `out` per generic claim: a sheet of a million claims stays linear.
    let taken: rustc_hash::FxHashSet<(u32, u32)> = out.iter().map(|o| (o.line, o.column)).collect();
    generic.retain(|g: &Claim| !taken.contains(&(g.line, g.column)));
    if !generic.is_empty() {
        out.extend(generic);
        out.sort_by_key(|c| (c.line, c.column));
    }
    out
}

/// Keeps one claim per (subject, event, date) in a sentence, the most confident, and
/// drops one whose date only restates a finer date of the same event.
fn dedup(claims: &mut Vec<Claim>) {
    let mut kept: Vec<Claim> = Vec::new();
    for c in claims.drain(..) {
        match kept.iter_mut().find(|k| k.subject == c.subject && k.event == c.event && k.date == c.date) {
            Some(k) if k.confidence >= c.confidence => {}
            Some(k) => *k = c,
            None => kept.push(c),
        }
    }
    // "The Stockholm Convention (1960) was signed on 4 January 1960": one signing, stated
    // twice; the coarser date adds nothing.
    let finer = |c: &Claim| {
        kept.iter()
            .any(|k| k.subject == c.subject && k.event == c.event && k.date != c.date && c.date.contains(&k.date))
    };
    let keep: Vec<bool> = kept.iter().map(|c| !finer(c)).collect();
    let mut keep = keep.into_iter();
    kept.retain(|_| keep.next().unwrap_or(true));
    *claims = kept;
}

/// Reads one sentence (with the one before it, for anaphors) into claims.
struct Reader<'a, 's> {
    doc: &'a Document,
    dates: &'a [DateMention],
    bodies: &'a [BodyMention],
    s: &'s Sentence<'a>,
    previous: Option<&'s Sentence<'a>>,
    /// The body the sheet is about, when its opening sentence defines it (see [`discourse::topic`]).
    topic: Option<&'s str>,
}

impl<'a> Reader<'a, '_> {
    pub(super) fn items(&self) -> &[Item<'a>] {
        &self.s.items
    }

    pub(super) fn item(&self, i: usize) -> Option<&Item<'a>> {
        self.s.items.get(i)
    }

    fn claims(&self) -> Vec<Claim> {
        // A "sentence" of thousands of items is no prose (a table, a dump): not read for claims.
        if self.items().len() > MAX_ITEMS {
            return Vec::new();
        }
        // A heading ("## 1995: The Barcelona Process") dates a section, not an event.
        if self.is_heading() {
            // … save a summit whose name carries the year ("1990 Oslo Summit: …").
            return self.heading_summits();
        }
        let triggers = self.triggers();
        let free = self.free_dates();
        let mut out = Vec::new();
        for (di, item) in self.items().iter().enumerate() {
            let ItemKind::Date { index, usable: true } = item.kind else { continue };
            // A date the body's name carries ("the 2004 Athens Summit", a heading).
            if let Some(c) = self.attributive(di, index) {
                out.push(c);
                out.extend(self.created_by_dated_act(di, index));
                out.extend(self.founded_by_dated_instrument(di, index));
                out.extend(self.dated_by_instrument(di, di + 1, index));
                continue;
            }
            if self.modifies_noun(di) || self.governed_by_other_verb(di) {
                continue;
            }
            if let Some(c) = self.dated_title(di, index) {
                out.push(c);
                out.extend(self.dated_by_instrument(di - 2, di, index));
                // "At the X Summit of D, A decided to launch Y": Y too.
                if let Some((_, t)) = self.decided_at(&triggers, di)
                    && let Some(subject) = self.subject(&t, di)
                {
                    out.extend(self.claim(index, t.event, &subject, 0.6 * subject.factor));
                }
                continue;
            }
            // The event word that governs the date, and its frame's subject.
            let by_event = self.event_claim(&triggers, &free, di, index);
            let by_theme = if by_event.is_none() { self.theme_claim(&triggers, di, index) } else { None };
            // A theme ("the X Summit in P adopted a plan") leaves the summit its own claim.
            let theme_only = by_theme.is_some();
            let governed = by_event
                .or(by_theme)
                .or_else(|| self.meeting_claim(&triggers, di, index))
                .or_else(|| self.implied_meeting(di, index))
                .or_else(|| self.possessive_meeting(di, index))
                .or_else(|| self.became_in_parentheses(di, index));
            // "At their meeting on D, ministers approved X": the meeting besides the approval.
            let meeting =
                governed.as_ref().filter(|c| c.event != Event::Met).and_then(|_| self.their_meeting_claim(di, index));
            let found = governed.is_some();
            // "in May and June 2000": the month before "and" is a claim of its own.
            let month = governed.as_ref().and_then(|c| self.coordinated_month(di, c));
            // "X, which succeeded Y in 1997": X's side of the succession too.
            let took = governed.as_ref().and_then(|c| self.took_over(&triggers, di, index, c));
            out.extend(governed.into_iter().chain(month).chain(meeting).chain(took));
            // "the newly created X in 1991": X's creation besides the verb's own claim.
            out.extend(self.newly_created(di, index));
            // Dates a name carries with no event word around it.
            let parenthesised = if found { None } else { self.dated_in_parentheses(di, index) };
            let session = self.session_after(di, index);
            let summit = if (found && !theme_only) || parenthesised.is_some() || session.is_some() {
                None
            } else {
                self.summit_held(di, index).or_else(|| self.titled_meeting(di, index))
            };
            out.extend(parenthesised.into_iter().chain(session).chain(summit));
        }
        out.extend(self.anniversaries());
        out.extend(self.listed_claims(&triggers));
        out.extend(self.status_claims());
        out.extend(self.membership_claims());
        out.extend(self.decision_claims());
        out.extend(self.adjunct_nominals());
        out.extend(self.resumption_claims());
        let late = self.unclaimed_claims(&triggers, &out);
        out.extend(late);
        let mut out = coordination::split_meeting_days(out);
        let figures = self.figures();
        for c in &mut out {
            c.figures.clone_from(&figures);
        }
        out
    }

    /// The usable dates that no title or noun has claimed: the ones event words compete for.
    fn free_dates(&self) -> Vec<usize> {
        self.items()
            .iter()
            .enumerate()
            .filter(|(di, it)| {
                let ItemKind::Date { index, usable: true } = it.kind else { return false };
                self.attributive(*di, index).is_none()
                    && !self.modifies_noun(*di)
                    && self.dated_title(*di, index).is_none()
            })
            .map(|(di, _)| di)
            .collect()
    }

    /// The claim of the event word that governs date item `di` (stage 2, `clause`) with
    /// the subject its frame selects (stage 3, `frames`).
    fn event_claim(&self, triggers: &[Trigger], free: &[usize], di: usize, index: usize) -> Option<Claim> {
        // Only triggers within reach are costed, so long sentences stay linear.
        let near = triggers.iter().filter(|t| t.at.abs_diff(di) <= 64);
        let mut ranked: Vec<(f32, &Trigger)> = near.filter_map(|t| self.cost(t, di).map(|c| (c, t))).collect();
        ranked.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.at.cmp(&b.1.at)));
        let (cost, t) = ranked.into_iter().find(|(cost, t)| !self.other_side_better(t, *cost, di, free))?;
        // Only the governing trigger is tried: when its frame finds no subject, a
        // farther event word is more often wrong than right.
        let subject = self.subject(t, di)?;
        let mut conf = (0.95 - 0.04 * cost).clamp(0.3, 0.95) * subject.factor;
        if t.form == Form::Base {
            conf *= 0.7;
        }
        if self.irrealis(t) {
            conf *= clause::IRREALIS;
        }
        let mut c = self.claim(index, t.event, &subject, conf)?;
        c.qualifiers = self.qualifiers(t, subject.at);
        if c.agent.is_none() {
            c.agent = self.by_agents(t);
        }
        Some(c)
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

    /// ` in Moscow`, ` to NATO` after an office, a mission or a summit at item `at`: the
    /// place is part of how the sheet names it ("the NATO Information Office in Moscow",
    /// "a Russian Mission to NATO", "the NATO Summit in London"). Empty otherwise.
    fn seat_suffix(&self, at: usize) -> String {
        use super::BodyType::{Mission, Office, Summit};
        let Some(ItemKind::Body(b)) = self.item(at).map(|it| it.kind) else { return String::new() };
        if !self.bodies.get(b).is_some_and(|m| matches!(m.kind, Office | Mission | Summit)) {
            return String::new();
        }
        let (Some(prep), Some(place)) = (self.item(at + 1), self.item(at + 2)) else { return String::new() };
        let named = (place.kind == ItemKind::Word && lexicon::is_cap(place.text)) || place.is_party();
        if (prep.is("in") || prep.is("to")) && named { format!(" {} {}", prep.text, place.text) } else { String::new() }
    }

    /// A body item's name as written, without the acronym folded into it
    /// (`Joint Board (JB)` → `Joint Board`): the acronym is the same name again.
    pub(super) fn written_name<'t>(&self, it: &Item<'t>) -> &'t str {
        let ItemKind::Body(b) = it.kind else { return it.text };
        match self.bodies.get(b).and_then(|m| m.acronym.as_deref()) {
            Some(acr) => it.text.strip_suffix(&format!(" ({acr})")).unwrap_or(it.text),
            None => it.text,
        }
    }

    /// Builds a claim dated by the date mention `index`.
    pub(super) fn claim(&self, index: usize, event: Event, subject: &Subject, confidence: f32) -> Option<Claim> {
        let text = self.doc.text();
        let span = self.s.span;
        let quote = text.get(span.start..span.end).unwrap_or("").to_string();
        let m = self.dates.get(index)?;
        let (date_span, date, inferred, relative) = (m.span, m.date?, m.inferred, m.kind == super::DateKind::Relative);
        // "today" in a sheet dated by a month: the day within it the sheet dates.
        let date = discourse::today(text, self.dates, m).unwrap_or(date);
        let mut confidence = confidence;
        if inferred || relative {
            confidence *= 0.8;
        }
        let location = self.doc.location(date_span.start);
        let rel = |s: Span| Span::new(s.start.saturating_sub(span.start), s.end.saturating_sub(span.start));
        let subject_span = subject.at.and_then(|a| self.item(a)).map(|it| rel(it.span));
        let subject_text = subject.at.and_then(|a| self.item(a)).map_or_else(
            || subject.name.clone(),
            |it| format!("{}{}", self.written_name(it), subject.at.map(|a| self.seat_suffix(a)).unwrap_or_default()),
        );
        Some(
            Claim::new(self.doc.id.clone(), subject.name.clone(), event, date, location)
                .written(subject_text, self.doc.original_slice(date_span).to_string())
                .parties(subject.agent.clone(), subject.object.clone())
                .inferred(inferred)
                .quoted(quote, rel(date_span), subject_span)
                .confident(confidence),
        )
    }
}

#[cfg(test)]
mod tests;

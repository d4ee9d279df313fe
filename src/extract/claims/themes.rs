//! Stage 3b, themes and agents: events whose doers are people (ministers, leaders, a
//! president) and whose dated thing is what they signed, approved, launched or held.
//!
//! Roles are agents, never subjects: in `ministers approved a work programme on X` the
//! claim is about the programme. These rules run only where the governing trigger's frame
//! (see [`frames`](super::frames)) found no body, or add a claim that frame cannot make:
//!
//! - **Descriptive themes**: `signed a declaration on “Title”` dates the titled act;
//!   `agreed a work programme on X`, `agreement on a work programme on X in D`, `a pilot
//!   project was launched on X` date the noun phrase as written (article dropped, up to a
//!   clause break). Only an indefinite phrase (`a`, `an`) whose head is a kind of act, plan
//!   or project is a theme; `the …` refers back and is left to the discourse rules.
//! - **Meetings of a body**: `met … in ministerial sessions of X`, `met in Place for a X
//!   Summit` date a meeting or the summit of X.
//! - **Creation in a modifier**: `the newly created X in 1991` dates X's creation besides
//!   whatever the sentence's verb says.
//! - **Decisions at a dated meeting**: `At the X Summit of D, A decided to launch Y` dates Y.
//!
//! Confidence is lower than for a named body in a verb frame (0.5–0.75): the subject of a
//! descriptive theme is a phrase, not a registered name, and its boundary is a guess.

use super::super::{Claim, Event};
use super::Reader;
use super::frames::Subject;
use super::items::ItemKind;
use super::lexicon::{Form, event_word, is_adverb, is_be, is_cap};
use super::trigger::Trigger;

/// Head nouns of a descriptive theme: kinds of act, plan or project that a meeting signs,
/// approves or launches.
fn is_theme_head(w: &str) -> bool {
    matches!(
        w,
        "declaration"
            | "agreement"
            | "programme"
            | "program"
            | "project"
            | "plan"
            | "contract"
            | "treaty"
            | "convention"
            | "charter"
            | "protocol"
            | "initiative"
            | "accord"
            | "memorandum"
            | "roadmap"
            | "strategy"
            | "framework"
            | "statute"
            | "pact"
    )
}

/// Verbs of agreement that are no event word of their own but take a theme:
/// `agreed a work programme`, `concluded an accord`.
fn agreement_verb(w: &str) -> bool {
    matches!(w, "agreed" | "concluded")
}

/// Events a descriptive theme can undergo.
fn theme_event(e: Event) -> bool {
    matches!(
        e,
        Event::Signed
            | Event::Adopted
            | Event::Launched
            | Event::Established
            | Event::Opened
            | Event::Closed
            | Event::Suspended
            | Event::Resumed
    )
}

/// A descriptive theme found after or before a verb.
struct Theme {
    /// The subject as the text writes it.
    text: String,
    /// First and last item of the phrase (including its complement).
    first: usize,
    last: usize,
}

impl<'a> Reader<'a, '_> {
    /// A claim about a descriptive theme for the date at `di` when no body frame claimed it.
    pub(super) fn theme_claim(&self, triggers: &[Trigger], di: usize, index: usize) -> Option<Claim> {
        let items = self.items();
        // Candidate event words within reach of the date: the triggers, plus `agreed`
        // and `agreement on`.
        let mut cands: Vec<(usize, Event, Form, bool)> = triggers
            .iter()
            .filter(|t| theme_event(t.event) && matches!(t.form, Form::Past | Form::Base))
            .map(|t| (t.at, t.event, t.form, t.passive))
            .collect();
        for (i, it) in items.iter().enumerate() {
            let w = it.lower();
            if it.kind == ItemKind::Word && (agreement_verb(&w) || (w == "agreement" && self.is_word(i + 1, "on"))) {
                let at = if w == "agreement" { i + 1 } else { i };
                cands.push((at, Event::Adopted, Form::Past, false));
            }
        }
        cands.retain(|c| c.0.abs_diff(di) <= 16);
        cands.sort_by_key(|c| c.0.abs_diff(di));
        for (at, event, form, passive) in cands {
            let theme = if passive { self.theme_before(at) } else { self.theme_after(at) };
            let Some(theme) = theme else { continue };
            if !self.dates_theme(di, at, &theme) {
                continue;
            }
            let mut conf = 0.65;
            if form == Form::Base {
                conf *= 0.8;
            }
            let subject = Subject { name: theme.text, at: None, object: None, agent: None, factor: 1.0 };
            let mut c = self.claim(index, event, &subject, conf)?;
            if !passive {
                c.agent = self.agent_before(at);
            }
            return Some(c);
        }
        None
    }

    fn is_word(&self, i: usize, w: &str) -> bool {
        self.item(i).is_some_and(|it| it.is(w))
    }

    /// `the newly created X in D`: X's creation, stated as a modifier of the noun (the
    /// sentence's own verb, if any, makes its own claim).
    pub(super) fn newly_created(&self, di: usize, index: usize) -> Option<Claim> {
        let items = self.items();
        if !(self.is_word(di.checked_sub(1)?, "in") || self.is_word(di - 1, "since")) {
            return None;
        }
        let body = di.checked_sub(2)?;
        if !matches!(items.get(body)?.kind, ItemKind::Body(_)) {
            return None;
        }
        let verb = items.get(body.checked_sub(1)?)?;
        let (event, form) = event_word(&verb.lower())?;
        let adverb = items.get(body.checked_sub(2)?)?;
        if form != Form::Past
            || !(adverb.is("newly") || adverb.is("recently"))
            || !matches!(event, Event::Established | Event::Opened)
        {
            return None;
        }
        let name = self.party_name(items.get(body)?)?;
        let subject = Subject { name, at: Some(body), object: None, agent: None, factor: 1.0 };
        self.claim(index, event, &subject, 0.75)
    }

    /// A meeting of a body whose members are people: `ministers met their counterparts in
    /// ministerial sessions of X` (met), `leaders met in Place for a X Summit` (summit),
    /// the date in the meeting verb's clause.
    pub(super) fn meeting_claim(&self, triggers: &[Trigger], di: usize, index: usize) -> Option<Claim> {
        let items = self.items();
        let t = triggers
            .iter()
            .filter(|t| t.event == Event::Met && t.form == Form::Past && !t.passive)
            .min_by_key(|t| t.at.abs_diff(di))?;
        // The date opens the clause (no other event word between) or closes the verb phrase.
        let (lo, hi) = (di.min(t.at), di.max(t.at));
        let between = items.get(lo + 1..hi)?;
        if hi - lo > 12
            || between.iter().any(|it| {
                matches!(it.kind, ItemKind::Punct(';' | '.') | ItemKind::Date { .. })
                    || (it.kind == ItemKind::Word && !is_cap(it.text) && event_word(&it.lower()).is_some())
            })
        {
            return None;
        }
        let mut j = t.at + 1;
        while let Some(it) = items.get(j) {
            if j > t.at + 20 || matches!(it.kind, ItemKind::Punct(';' | '.' | ':')) {
                return None;
            }
            let w = it.lower();
            // "… sessions of X", "… meetings of X".
            if matches!(w.as_str(), "session" | "sessions" | "meeting" | "meetings") && self.is_word(j + 1, "of") {
                let (name, at) =
                    self.party_from(j + 2).filter(|(_, at)| self.item(*at).is_some_and(|x| x.is_party()))?;
                let subject = Subject { name, at: Some(at), object: None, agent: self.agent_before(t.at), factor: 1.0 };
                return self.claim(index, Event::Met, &subject, 0.7);
            }
            // "… for a X Summit", "… for the X summit".
            if it.is("for") && (self.is_word(j + 1, "a") || self.is_word(j + 1, "an") || self.is_word(j + 1, "the")) {
                let party = j + 2;
                let mut k = party + 1;
                if self.item(k).is_some_and(|x| x.is_punct('(')) {
                    k = self.item(k)?.group.map_or(k, |(_, c)| c + 1);
                }
                let summit_body = matches!(self.item(party).map(|x| x.kind), Some(ItemKind::Body(b))
                    if self.bodies.get(b).is_some_and(|m| m.kind == super::super::BodyType::Summit));
                if self.item(party).is_some_and(|x| x.is_party()) && (summit_body || self.is_word(k, "summit")) {
                    let name = self.party_name(self.item(party)?)?;
                    let subject = Subject { name, at: Some(party), object: None, agent: None, factor: 1.0 };
                    return self.claim(index, Event::Summit, &subject, 0.7);
                }
                return None;
            }
            if matches!(it.kind, ItemKind::Date { .. }) && j != di {
                return None;
            }
            j += 1;
        }
        None
    }

    /// `At the X Summit of D, A decided to launch Y`: the decision's object, dated by the
    /// meeting's dated title (the title's own claim is made by `dated_title`).
    pub(super) fn decided_at(&self, triggers: &[Trigger], di: usize) -> Option<(usize, Trigger)> {
        let items = self.items();
        let opens = di >= 4 && self.is_word(di - 1, "of") && self.is_word(di - 3, "the") && self.is_word(di - 4, "at");
        if !opens || !items.get(di + 1).is_some_and(|it| it.is_punct(',')) {
            return None;
        }
        let t = triggers.iter().find(|t| t.at > di + 1 && t.at <= di + 10)?;
        let stretch = items.get(di + 2..t.at)?;
        if stretch.iter().any(|it| matches!(it.kind, ItemKind::Punct(_) | ItemKind::Date { .. })) {
            return None;
        }
        Some((di, *t))
    }

    /// Whether the date at `di` belongs to the clause of the event word at `v` whose theme
    /// is `theme`: the date opens the clause before the verb (`On D, leaders signed …`,
    /// `In D, … a project was launched`) or closes the theme (`… a work programme on X in D`).
    fn dates_theme(&self, di: usize, v: usize, theme: &Theme) -> bool {
        let items = self.items();
        let other_date = |r: std::ops::Range<usize>| {
            items.get(r).is_some_and(|s| s.iter().any(|it| matches!(it.kind, ItemKind::Date { .. })))
        };
        let hard_break = |r: std::ops::Range<usize>| {
            items.get(r).is_some_and(|s| s.iter().any(|it| matches!(it.kind, ItemKind::Punct(';' | '.'))))
        };
        let start = theme.first.min(v);
        let end = theme.last.max(v);
        if di < start {
            // Nothing between the date and the clause but an adverbial; no other event word.
            if hard_break(di + 1..start) || other_date(di + 1..start) {
                return false;
            }
            let words = items.get(di + 1..start).unwrap_or_default();
            let events = words
                .iter()
                .filter(|it| it.kind == ItemKind::Word && !is_cap(it.text) && event_word(&it.lower()).is_some())
                .count();
            // `at their meeting in P on D to approve …`: the meeting word is before the date.
            // A finite verb between ("…, on D, led to agreement on …") heads another clause.
            let verb = words
                .iter()
                .any(|it| it.kind == ItemKind::Word && !is_cap(it.text) && (it.text.ends_with("ed") || it.is("led")));
            // A theme with a date of its own ("… a programme on X in D2") is not dated by D.
            let own = items
                .get(theme.last + 1..theme.last + 3)
                .is_some_and(|s| s.iter().any(|it| matches!(it.kind, ItemKind::Date { .. })));
            return events == 0 && !verb && !own && words.len() <= 14;
        }
        if di > end {
            let gap = items.get(end + 1..di).unwrap_or_default();
            return gap.len() <= 1 && gap.iter().all(|it| it.is("in") || it.is("on") || it.is("since"));
        }
        false
    }

    /// The indefinite theme after the verb at `v`: `signed a declaration on “Title”`,
    /// `agreed a work programme on X`.
    fn theme_after(&self, v: usize) -> Option<Theme> {
        let items = self.items();
        let mut j = v + 1;
        while items.get(j).is_some_and(|it| is_adverb(&it.lower())) {
            j += 1;
        }
        if !(self.is_word(j, "a") || self.is_word(j, "an")) {
            return None;
        }
        let head = self.theme_head(j + 1)?;
        self.theme_with_complement(j + 1, head)
    }

    /// The indefinite theme of a passive at `v`: `a pilot project was launched on X`.
    fn theme_before(&self, v: usize) -> Option<Theme> {
        let items = self.items();
        let mut b = v.checked_sub(1)?;
        while items.get(b).is_some_and(|it| is_adverb(&it.lower())) {
            b = b.checked_sub(1)?;
        }
        if !items.get(b).is_some_and(|it| is_be(&it.lower())) {
            return None;
        }
        let head = b.checked_sub(1)?;
        if !items.get(head).is_some_and(|it| it.kind == ItemKind::Word && is_theme_head(&it.lower())) {
            return None;
        }
        // Back over lower-case modifiers to the article.
        let mut first = head;
        while first > 0 && head - first < 4 {
            let it = items.get(first - 1)?;
            if it.is("a") || it.is("an") {
                break;
            }
            if !(it.kind == ItemKind::Word || it.is_party()) || event_word(&it.lower()).is_some() {
                return None;
            }
            first -= 1;
        }
        if !(first > 0 && (self.is_word(first - 1, "a") || self.is_word(first - 1, "an"))) {
            return None;
        }
        let noun = self.slice(first, head);
        // `… was launched on X`: the complement after the verb completes the phrase.
        match self.complement(v + 1) {
            Some((text, last)) if !text.title => {
                Some(Theme { text: format!("{noun} {}", text.text), first: first - 1, last })
            }
            Some(_) => None,
            None if head > first => Some(Theme { text: noun, first: first - 1, last: v }),
            None => None,
        }
    }

    /// The head noun of a theme starting at `from` (after its article): up to four
    /// modifiers (lower-case words or a party such as `EU-Canada`), then a theme head.
    fn theme_head(&self, from: usize) -> Option<usize> {
        let items = self.items();
        for j in from..from + 5 {
            let it = items.get(j)?;
            if it.kind == ItemKind::Word && is_theme_head(&it.lower()) {
                return Some(j);
            }
            // Lower-case words, a party or a capitalised adjective (`a Franco-German treaty`).
            let modifier = it.is_party() || it.kind == ItemKind::Word;
            if !modifier || event_word(&it.lower()).is_some() {
                return None;
            }
        }
        None
    }

    /// The theme `first..=head` and its `on`/`for` complement: a title after `on` is the
    /// theme's own name (`a declaration on Fair Play: A Charter` → `Fair Play: A Charter`).
    fn theme_with_complement(&self, first: usize, head: usize) -> Option<Theme> {
        let noun = self.slice(first, head);
        match self.complement(head + 1) {
            Some((c, last)) if c.title => Some(Theme { text: c.text, first: first.saturating_sub(1), last }),
            Some((c, last)) => Some(Theme { text: format!("{noun} {}", c.text), first: first.saturating_sub(1), last }),
            // A bare head ("a plan") names nothing a reader could find again.
            None if head > first => Some(Theme { text: noun, first: first.saturating_sub(1), last: head }),
            None => None,
        }
    }

    /// `on X` / `for X` at `at`, up to a clause break: its text (with the preposition
    /// unless it is a title) and its last item. `None` when no such complement or when it
    /// runs on too long to be a name.
    fn complement(&self, at: usize) -> Option<(Complement, usize)> {
        let items = self.items();
        let prep = items.get(at)?;
        if !(prep.is("on") || prep.is("for")) {
            return None;
        }
        let start = at + 1;
        let first = items.get(start)?;
        let quoted = first.kind == ItemKind::Punct('“') || first.kind == ItemKind::Punct('"');
        let title =
            prep.is("on") && (quoted || (first.kind == ItemKind::Word && is_cap(first.text)) || first.is_party());
        let mut last = None;
        let mut j = start;
        while let Some(it) = items.get(j) {
            let w = it.lower();
            let next = items.get(j + 1);
            let stop = match it.kind {
                ItemKind::Date { .. } => true,
                ItemKind::Punct(':') => !(title && next.is_some_and(|n| n.kind == ItemKind::Word && is_cap(n.text))),
                ItemKind::Punct('”' | '"') => {
                    if j > start {
                        last = Some(j);
                        break;
                    }
                    false
                }
                ItemKind::Punct('“') => j > start,
                ItemKind::Punct(_) => true,
                ItemKind::Word => {
                    matches!(w.as_str(), "which" | "that" | "who" | "to" | "by" | "under" | "with" | "as" | "but")
                        || ((w == "in" || w == "on" || w == "since")
                            && next.is_some_and(|n| matches!(n.kind, ItemKind::Date { .. })))
                        || (w == "and" && next.is_some_and(|n| n.kind == ItemKind::Word && n.lower().ends_with("ed")))
                }
                _ => false,
            };
            if stop {
                break;
            }
            last = Some(j);
            j += 1;
            if j - start > 14 {
                return None;
            }
        }
        let last = last?;
        let from = if title { start } else { at };
        let text = self.slice(from, last);
        let text = text.trim_matches(|c: char| matches!(c, '“' | '”' | '"') || c.is_whitespace()).to_string();
        (!text.is_empty()).then_some((Complement { text, title }, last))
    }

    /// The text of items `from..=to` as written.
    fn slice(&self, from: usize, to: usize) -> String {
        let (Some(a), Some(b)) = (self.item(from), self.item(to)) else { return String::new() };
        self.doc.text().get(a.span.start..b.span.end).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// An `on`/`for` complement of a theme.
struct Complement {
    text: String,
    /// A capitalised or quoted title: the theme's own name.
    title: bool,
}

#[cfg(test)]
mod tests {
    use super::super::tests::{claims, has, lacks};
    use crate::extract::Event;

    #[test]
    fn a_titled_declaration_is_the_subject_not_the_signatories() {
        has(
            "On 3 March 2011 in Oslo, river commissioners and the Minister signed a declaration on \u{201c}Clean Waters: A Shared Duty\u{201d}, which set targets.",
            "Clean Waters: A Shared Duty",
            Event::Signed,
            "2011-03-03",
        );
        has(
            "The league's delegates were able at their congress in Turin on 9 June 2015 to approve a joint charter on Fair Play: A New Code, which was later ratified.",
            "Fair Play: A New Code",
            Event::Adopted,
            "2015-06-09",
        );
    }

    #[test]
    fn descriptive_themes_keep_their_complement() {
        lacks(
            "The storm, on 9 March 2003, led to agreement on a Swiss-Italian work programme on flood warning.",
            "Swiss-Italian work programme on flood warning",
        );
        has(
            "The flood of 2003 led to agreement on a Swiss-Italian work programme on flood warning in May 2004.",
            "Swiss-Italian work programme on flood warning",
            Event::Adopted,
            "2004-05",
        );
        has(
            "In 1999, under the agency's science plan, a joint pilot project was launched on tracking orbital debris.",
            "joint pilot project on tracking orbital debris",
            Event::Launched,
            "1999",
        );
        has(
            "In March 2008 the ministers agreed a work programme on rail safety and discussed budgets.",
            "work programme on rail safety",
            Event::Adopted,
            "2008-03",
        );
    }

    #[test]
    fn definite_or_far_themes_are_left_alone() {
        // A definite theme refers back: left to the discourse rules.
        lacks("In 2008 the ministers approved the work programme on rail safety.", "work programme on rail safety");
        // The date belongs to another verb's clause.
        lacks(
            "Ministers approved a work programme to guide cooperation between the clubs during 2009.",
            "work programme",
        );
        // People are never subjects of what they did.
        let got = claims("In 2010 the ministers approved a plan for the harbour.");
        assert!(got.iter().all(|(s, _, _)| s != "ministers" && s != "the ministers"), "{got:?}");
        // No article, no theme: a bare plural is no thing.
        lacks("In 2010 the ministers approved plans for the harbour.", "plans for the harbour");
    }

    #[test]
    fn creation_in_a_modifier() {
        let text = "In 1988 Norway joined the newly created Arctic Fisheries Council in 1991 talks.";
        let _ = claims(text);
        has(
            "Since then Chile joined the newly created Andean Water Commission in 1993.",
            "Andean Water Commission",
            Event::Established,
            "1993",
        );
        has(
            "Since then Chile joined the newly created Andean Water Commission in 1993.",
            "Andean Water Commission",
            Event::Joined,
            "1993",
        );
        // Without the modifier, joining is no creation.
        let got = claims("Since then Chile joined the Andean Water Commission in 1993.");
        assert!(!got.iter().any(|(_, e, _)| *e == Event::Established), "{got:?}");
    }

    #[test]
    fn meetings_of_a_body_whose_members_are_people() {
        has(
            "In June 2012, sports ministers met their Asian counterparts, Mr Tan and Ms Lee, in ministerial sessions of the Pacific Games Council in Suva.",
            "Pacific Games Council",
            Event::Met,
            "2012-06",
        );
        has(
            "In May 2016, club presidents and the Mayor met in Lyon for a European Rowing Federation (ERF) Summit.",
            "European Rowing Federation",
            Event::Summit,
            "2016-05",
        );
        // The date of another verb's clause is not the meeting's.
        lacks(
            "Ministers met in sessions of the Pacific Games Council after the league was founded in 2010.",
            "Pacific Games Council",
        );
    }

    #[test]
    fn a_decision_at_a_dated_summit() {
        has(
            "At the Geneva Summit of 4 May 2001, the Alpine Union decided to launch the Snow Safety Programme (SSP) as a pilot.",
            "Snow Safety Programme",
            Event::Launched,
            "2001-05-04",
        );
    }

    #[test]
    fn a_fronted_participle_dates_the_body_after_its_comma() {
        has(
            "Founded as an informal circle in 1961, the Baltic Ferry Council became a treaty body in 1990.",
            "Baltic Ferry Council",
            Event::Established,
            "1961",
        );
        // A participle with its own subject is no fronted clause.
        lacks("The clubs founded a league in 1961, the Baltic Ferry Council followed.", "Baltic Ferry Council");
    }
}

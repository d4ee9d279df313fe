//! Suspensions and resumptions told through process nouns: a relationship, a body's
//! meetings, a cooperation or contacts are suspended, interrupted, frozen and resumed.
//!
//! | frame | event |
//! |---|---|
//! | `N resumed in D`, `N was/were suspended in D` (N a process noun phrase) | resumed / suspended |
//! | `the resumption of N`, `the suspension of N`, `an interruption in N`, dated in the sentence | resumed / suspended |
//! | `A froze/suspended R in D, but resumed …`, the resumption with no date of its own | resumed, D's year, inferred |
//!
//! The subject comes from N, by its head noun (`meetings`, `cooperation`, `engagement`,
//! `contacts`, `relations` …), in this order:
//! - `meetings of/within (the) X` → the body X; a bare `meetings` → the body of an earlier
//!   `meetings of X` in the sentence;
//! - a relationship: `A-B relations`, `A's (wider) relationship with B` → the A–B relationship;
//! - `cooperation/engagement … with P` → the sheet's one relationship with P as a party (a
//!   sheet names its relationships `A-B relations`);
//! - a bare `cooperation`, `contacts` … → the sheet's one relationship whose party the
//!   sentence names.
//!
//! When no unique subject is found, no claim. `formal`/`informal` in N are qualifiers. A
//! resumption someone tries to prevent, calls for or expects (`to prevent a resumption of
//! hostilities`) is no event.
//!
//! Confidence: 0.7 when the date closes the phrase (`N resumed in D`, `the suspension of N
//! in D`), 0.45 when the nominal takes a date from elsewhere in its sentence, times 0.75
//! through the sheet's relationships; 0.3 for the coordinated resumption (its date is the
//! suspension's).

use super::super::bodies::relationship_subject;
use super::super::{Claim, Event};
use super::Reader;
use super::frames::Subject;
use super::items::ItemKind;
use super::lexicon::{is_cap, qualifier};

/// Head nouns of a process that is suspended and resumed.
const HEADS: &[&str] = &[
    "meetings",
    "meeting",
    "sessions",
    "cooperation",
    "co-operation",
    "engagement",
    "contacts",
    "talks",
    "dialogue",
    "relations",
    "relationship",
    "consultations",
    "negotiations",
    "ties",
];

/// Heads that are a body's sittings: their subject is the body that sits.
const SITTINGS: &[&str] = &["meetings", "meeting", "sessions"];

/// Words before a nominal that make it no event of its date: prevented, called for,
/// expected, or a suspension maintained, extended or lifted (the date is that step's).
const UNREAL: &[&str] = &[
    "prevent",
    "prevents",
    "avoid",
    "against",
    "any",
    "no",
    "possible",
    "potential",
    "call",
    "called",
    "calls",
    "urged",
    "demanded",
    "sought",
    "proposed",
    "expected",
    "hoped",
    "risk",
    "maintain",
    "maintained",
    "extend",
    "extended",
    "continue",
    "continued",
    "lift",
    "lifted",
    "end",
    "ended",
];

/// Words that end a process noun phrase.
const STOPS: &[&str] = &[
    "after",
    "due",
    "because",
    "following",
    "which",
    "that",
    "since",
    "when",
    "while",
    "to",
    "by",
    "as",
    "until",
    "led",
    "marked",
    "but",
    "despite",
    "before",
    "was",
    "were",
    "is",
    "are",
    "had",
    "has",
    "have",
];

const DATED: f32 = 0.7;
const SENTENCE_DATE: f32 = 0.45;
const THROUGH_SHEET: f32 = 0.75;
const COORDINATED: f32 = 0.3;

/// The relationships a sheet names as `A-B relations` or `A-B relationship`:
/// (subject, A, B), distinct.
fn sheet_relations(text: &str) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = Vec::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    for pair in words.windows(2) {
        let next = pair[1].trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
        if next != "relations" && next != "relationship" {
            continue;
        }
        let word = pair[0].trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        let Some((a, b)) = word.split_once('-') else { continue };
        if !is_cap(a) || !is_cap(b) || b.contains('-') {
            continue;
        }
        let subject = relationship_subject(a, b);
        if !out.iter().any(|(s, _, _)| *s == subject) {
            out.push((subject, a.to_string(), b.to_string()));
        }
    }
    out
}

impl Reader<'_, '_> {
    /// The suspension and resumption claims of the sentence read through process nouns.
    pub(super) fn resumption_claims(&self) -> Vec<Claim> {
        let mut out = Vec::new();
        for (v, it) in self.items().iter().enumerate() {
            if it.kind != ItemKind::Word {
                continue;
            }
            let was = v > 0 && self.item(v - 1).is_some_and(|b| b.is("was") || b.is("were"));
            match it.lower().as_str() {
                "resumed" => {
                    let by_verb = self.verb_frame(v, Event::Resumed, v);
                    if by_verb.is_empty() {
                        out.extend(self.coordinated_resumption(v));
                    }
                    out.extend(by_verb);
                }
                "suspended" | "interrupted" | "frozen" if was => {
                    out.extend(self.verb_frame(v, Event::Suspended, v - 1))
                }
                "resumption" => out.extend(self.nominal_frame(v, Event::Resumed)),
                "suspension" | "interruption" => out.extend(self.nominal_frame(v, Event::Suspended)),
                _ => {}
            }
        }
        out
    }

    fn word_is(&self, k: usize, words: &[&str]) -> bool {
        self.item(k).is_some_and(|it| it.kind == ItemKind::Word && words.contains(&it.lower().as_str()))
    }

    fn usable_at(&self, k: usize) -> Option<usize> {
        match self.item(k)?.kind {
            ItemKind::Date { index, usable: true } => Some(index),
            _ => None,
        }
    }

    /// `in/on/during D` right after item `k`: the date index.
    fn date_after(&self, k: usize) -> Option<usize> {
        if self.word_is(k + 1, &["in", "on", "during", "from"]) { self.usable_at(k + 2) } else { None }
    }

    /// Whether an unreal word (`prevent`, `called for`) stands in the three items before `k`.
    fn unreal_before(&self, k: usize) -> bool {
        (k.saturating_sub(3)..k).any(|j| self.word_is(j, UNREAL))
    }

    /// `N resumed in D` / `N was suspended in D`: the verb at `v`, the phrase ending before `end`.
    fn verb_frame(&self, v: usize, event: Event, end: usize) -> Vec<Claim> {
        let Some(index) = self.date_after(v) else { return Vec::new() };
        let Some(start) = self.phrase_back(end) else { return Vec::new() };
        if self.unreal_before(start) {
            return Vec::new();
        }
        self.phrase_claims(start, end, index, event, DATED)
    }

    /// The start of the process phrase that ends right before item `end`, walking back over
    /// words, bodies and `with P`; `None` when it holds no process head.
    fn phrase_back(&self, end: usize) -> Option<usize> {
        let mut start = end;
        while start > 0 && end - start < 10 {
            let it = self.item(start - 1)?;
            let ok = match it.kind {
                ItemKind::Word => !self.word_is(start - 1, STOPS),
                ItemKind::Body(_) | ItemKind::Relation(_) => true,
                ItemKind::Punct(c) => c == '\'' || c == '’',
                _ => false,
            };
            if !ok {
                break;
            }
            start -= 1;
        }
        (start..end).any(|k| self.word_is(k, HEADS)).then_some(start)
    }

    /// The end (exclusive) of the process phrase that starts at item `start`.
    fn phrase_forward(&self, start: usize) -> usize {
        let mut end = start;
        while end - start < 30 {
            let Some(it) = self.item(end) else { break };
            // An aside between dashes (`cooperation – including X – and meetings`) is skipped.
            if let ItemKind::Punct(d @ ('-' | '–' | '—')) = it.kind
                && let Some(close) = (end + 1..end + 16).find(|&k| self.item(k).is_some_and(|c| c.is_punct(d)))
            {
                end = close + 1;
                continue;
            }
            let ok = match it.kind {
                ItemKind::Word => !self.word_is(end, STOPS),
                ItemKind::Body(_) | ItemKind::Relation(_) => true,
                ItemKind::Punct(c) => c == '\'' || c == '’',
                _ => false,
            };
            if !ok {
                break;
            }
            end += 1;
        }
        end
    }

    /// `the resumption of N`, `an interruption in N`: the noun at `n`.
    fn nominal_frame(&self, n: usize, event: Event) -> Vec<Claim> {
        if !self.word_is(n + 1, &["of", "in"]) {
            return Vec::new();
        }
        // A determiner at most two modifiers back (`the temporary suspension`, `a year-long interruption`).
        let Some(det) = (n.saturating_sub(3)..n).rev().find(|&k| self.word_is(k, &["the", "a", "an"])) else {
            return Vec::new();
        };
        if self.unreal_before(det) {
            return Vec::new();
        }
        let start = n + 2;
        let end = self.phrase_forward(start);
        if !(start..end).any(|k| self.word_is(k, HEADS)) {
            return Vec::new();
        }
        // The date that closes the phrase, else the nearest one before the noun (a coordinated
        // pair `in May and June` gives its first).
        let (index, base) = match self.usable_at(end).filter(|_| self.word_is(end - 1, &["in", "on"])) {
            Some(i) => (i, DATED),
            None => match self.date_after(end - 1) {
                Some(i) => (i, DATED),
                None => {
                    let Some(k) = (0..det).rev().find(|&k| self.usable_at(k).is_some()) else { return Vec::new() };
                    let k = if k >= 2 && self.word_is(k - 1, &["and"]) && self.usable_at(k - 2).is_some() {
                        k - 2
                    } else {
                        k
                    };
                    let Some(i) = self.usable_at(k) else { return Vec::new() };
                    (i, SENTENCE_DATE)
                }
            },
        };
        self.phrase_claims(start, end, index, event, base)
    }

    /// One claim per distinct subject of the process heads in items `start..end`.
    fn phrase_claims(&self, start: usize, end: usize, index: usize, event: Event, base: f32) -> Vec<Claim> {
        let mut qualifiers: Vec<_> = (start..end)
            .filter_map(|k| self.item(k).filter(|it| it.kind == ItemKind::Word).and_then(|it| qualifier(&it.lower())))
            .filter(|q| *q != super::super::Qualifier::First)
            .collect();
        qualifiers.sort();
        qualifiers.dedup();
        let mut out: Vec<Claim> = Vec::new();
        for h in (start..end).filter(|&k| self.word_is(k, HEADS)) {
            let Some((name, at, factor, shown)) = self.process_subject(h, start, end) else { continue };
            if out.iter().any(|c| c.subject == name) {
                continue;
            }
            let subject = Subject { name, at, object: None, agent: None, factor };
            if let Some(mut c) = self.claim(index, event, &subject, base * factor) {
                c.qualifiers.clone_from(&qualifiers);
                if let Some(shown) = shown {
                    c.subject_text = shown;
                }
                out.push(c);
            }
        }
        out
    }

    /// The subject of the process head at `h` within the phrase `start..end`: (name, the
    /// subject's item when written, confidence factor, the name as the sentence puts it when
    /// it differs). The subject of a cooperation is its relationship, named as the
    /// cooperation of its parties (`A-B cooperation`).
    fn process_subject(
        &self,
        h: usize,
        start: usize,
        end: usize,
    ) -> Option<(String, Option<usize>, f32, Option<String>)> {
        let head = self.item(h)?.lower();
        if SITTINGS.contains(&head.as_str()) {
            let body = self.sitting_body(h, end).or_else(|| {
                // A bare `meetings`: the body of an earlier `meetings of X` in the sentence.
                (0..start)
                    .rev()
                    .find_map(|k| if self.word_is(k, SITTINGS) { self.sitting_body(k, usize::MAX) } else { None })
            });
            return body.map(|(name, at, factor)| (name, at, factor, None));
        }
        let text = |relation: &str| -> Option<String> {
            let pair = relation.strip_suffix(" relations")?;
            matches!(head.as_str(), "cooperation" | "co-operation").then(|| format!("{pair} cooperation"))
        };
        // A relationship item in the phrase names it outright.
        if let Some(k) = (start..end).find(|&k| matches!(self.item(k).map(|it| it.kind), Some(ItemKind::Relation(_)))) {
            let name = self.party_name(self.item(k)?)?;
            return Some((name, Some(k), 1.0, None));
        }
        let with = (h + 1..end).find(|&k| self.word_is(k, &["with"])).and_then(|k| self.party_text(k + 1));
        // `A's (wider working) relationship with B`.
        let owner = (start..h).find_map(|k| {
            let glued = self.word_is(k + 2, &["s"])
                && self.item(k + 1).is_some_and(|a| a.is_punct('\'') || a.is_punct('’'))
                && self.item(k).zip(self.item(k + 1)).is_some_and(|(w, a)| w.span.end == a.span.start);
            if glued { self.party_text(k) } else { None }
        });
        if let (Some(a), Some(b)) = (&owner, &with) {
            let name = relationship_subject(a, b);
            let shown = text(&name);
            return Some((name, None, 1.0, shown));
        }
        let relations = sheet_relations(self.doc.text());
        let with_party = |p: &str| -> Vec<&(String, String, String)> {
            relations.iter().filter(|(_, a, b)| a == p || b == p).collect()
        };
        let through_sheet = |name: &String| (name.clone(), None, THROUGH_SHEET, text(name));
        if let Some(p) = with.as_ref().or(owner.as_ref()) {
            let found = with_party(p);
            return (found.len() == 1).then(|| through_sheet(&found[0].0));
        }
        // Bare: the one sheet relationship whose party the sentence names.
        let mut found: Vec<&String> = Vec::new();
        for k in 0..self.items().len() {
            if let Some(p) = self.party_text(k) {
                for (s, _, _) in with_party(&p) {
                    if !found.contains(&s) {
                        found.push(s);
                    }
                }
            }
        }
        (found.len() == 1).then(|| through_sheet(found[0]))
    }

    /// `meetings of/within/in (the) X` with the sitting noun at `h`: the body X, before `end`.
    fn sitting_body(&self, h: usize, end: usize) -> Option<(String, Option<usize>, f32)> {
        if !self.word_is(h + 1, &["of", "within", "in"]) {
            return None;
        }
        let b = if self.word_is(h + 2, &["the"]) { h + 3 } else { h + 2 };
        if b >= end {
            return None;
        }
        let it = self.item(b)?;
        matches!(it.kind, ItemKind::Body(_)).then(|| self.party_name(it).map(|n| (n, Some(b), 1.0)))?
    }

    /// A party's name at item `k`: a body, or a capitalised word (compared with a sheet's
    /// relationship parties only, so a capitalised sentence opener matches nothing).
    fn party_text(&self, k: usize) -> Option<String> {
        let it = self.item(k)?;
        match it.kind {
            ItemKind::Body(_) => self.party_name(it),
            ItemKind::Word if is_cap(it.text) && it.text.chars().all(char::is_alphabetic) => Some(it.text.to_string()),
            _ => None,
        }
    }

    /// `A froze/suspended R in D, but resumed N …` with the second verb at `v` and no date
    /// of its own: what N names (else R) resumed, dated by D's year, inferred.
    fn coordinated_resumption(&self, v: usize) -> Vec<Claim> {
        let joined = self.word_is(v.wrapping_sub(1), &["but", "and"])
            || (self.word_is(v.wrapping_sub(1), &["later", "then", "soon"])
                && self.word_is(v.wrapping_sub(2), &["but", "and"]));
        if !joined || (v + 1..self.items().len()).any(|k| self.usable_at(k).is_some()) {
            return Vec::new();
        }
        let Some(s) = (0..v).rev().find(|&k| self.word_is(k, &["froze", "suspended", "interrupted", "halted"])) else {
            return Vec::new();
        };
        let Some(index) = (s + 1..v).find_map(|k| self.usable_at(k)) else { return Vec::new() };
        let end = self.phrase_forward(v + 1);
        let mut out = self.phrase_claims(v + 1, end, index, Event::Resumed, COORDINATED / DATED);
        if out.is_empty()
            && let Some(object) = self.item(s + 1).filter(|it| it.is_party())
            && let Some(name) = self.party_name(object)
        {
            let subject = Subject { name, at: Some(s + 1), object: None, agent: None, factor: 1.0 };
            out.extend(self.claim(index, Event::Resumed, &subject, COORDINATED));
        }
        let Some(year) = self.dates.get(index).and_then(|m| m.date).and_then(|d| crate::date::Point::year(d.year()))
        else {
            return Vec::new();
        };
        for c in &mut out {
            c.date = crate::date::Date::point(year);
            c.inferred = true;
            c.inferred_from = Some("the suspension's year earlier in the sentence".to_string());
            c.confidence = c.confidence.min(COORDINATED);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::{Event, Qualifier};
    use super::super::tests::{claims, full, has};
    use super::sheet_relations;

    fn of(text: &str, event: Event) -> Vec<(String, String)> {
        claims(text).into_iter().filter(|(_, e, _)| *e == event).map(|(s, _, d)| (s, d)).collect()
    }

    #[test]
    fn a_sheets_relationships() {
        let found =
            sheet_relations("Brazil-Chile relations improved. The Chile-Brazil relationship, and Peru-Chile trade.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "Brazil-Chile relations");
    }

    #[test]
    fn meetings_of_a_body_resumed() {
        let text = "A strike in March 2011 led to the suspension of formal meetings of the Danube River Commission; \
                    meetings resumed in autumn 2012.";
        has(text, "Danube River Commission", Event::Suspended, "2011-03");
        has(text, "Danube River Commission", Event::Resumed, "2012-FA");
        // Meetings of nobody named: no guess.
        assert!(of("Meetings resumed in autumn 2012 after the strike.", Event::Resumed).is_empty());
    }

    #[test]
    fn cooperation_with_a_party_takes_the_sheets_relationship() {
        let text =
            "Brazil-Chile relations date from the 1830s. Informal engagement with Chile resumed in December 2004.";
        has(text, "Brazil-Chile relations", Event::Resumed, "2004-12");
        let c = full(text).into_iter().find(|c| c.event == Event::Resumed);
        assert!(c.is_some_and(|c| c.qualifiers == vec![Qualifier::Informal]));
        has(
            "Brazil-Chile relations date from the 1830s. All naval cooperation with Chile was suspended in May 1999.",
            "Brazil-Chile relations",
            Event::Suspended,
            "1999-05",
        );
        // Two relationships with that party: ambiguous, nothing.
        let two = "Brazil-Chile relations and Peru-Chile relations are old. Engagement with Chile resumed in 2004.";
        assert!(of(two, Event::Resumed).is_empty(), "{:?}", of(two, Event::Resumed));
        // No relationship named by the sheet: nothing.
        assert!(of("Engagement with Chile resumed in 2004.", Event::Resumed).is_empty());
    }

    #[test]
    fn the_resumption_of_a_relationship_dated_in_its_sentence() {
        let text = "Ministers met in April and May 2003, which marked the resumption of Chile's wider trade relationship \
                    with Brazil after a long pause.";
        let got = of(text, Event::Resumed);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "Brazil-Chile relations");
        has(
            "Talks stalled in 1995, which led to an interruption in Peru's relationship with Chile.",
            "Chile-Peru relations",
            Event::Suspended,
            "1995",
        );
        // A suspension maintained: the date is the decision to maintain it.
        assert!(
            of(
                "Brazil-Chile relations were tense. When ministers met in June 2015, they agreed to maintain \
                 the suspension of talks with Chile.",
                Event::Suspended
            )
            .is_empty()
        );
        // Prevented, not happened.
        assert!(
            of("Troops arrived in 1996 to prevent a resumption of the talks with Chile's envoys.", Event::Resumed)
                .is_empty()
        );
        // No process noun after `of`: nothing from this rule.
        assert!(of("The resumption of shipping in 1996 pleased the port of Valparaiso.", Event::Resumed).is_empty());
    }

    #[test]
    fn agreed_to_the_resumption_of_bare_contacts() {
        let text = "Brazil-Chile relations were tense. While Chile's objections remained, the summit on 3 May 2007 \
                    agreed to the resumption of formal contacts.";
        has(text, "Brazil-Chile relations", Event::Resumed, "2007-05-03");
    }

    #[test]
    fn a_resumption_coordinated_with_a_dated_suspension() {
        let text = "Peru froze its relations with Chile over the border dispute in 1995, but resumed trade talks \
                    after the mediation.";
        let got = full(text);
        let c = got.iter().find(|c| c.event == Event::Resumed).expect("a resumption");
        assert_eq!(
            (c.subject.as_str(), c.date.to_string().as_str(), c.inferred),
            ("Chile-Peru relations", "1995", true)
        );
        assert!(c.confidence < 0.5);
        // What the resumption names, past an aside between dashes: a body's meetings and a
        // cooperation (named as its parties' cooperation).
        let text = "Chile-Peru relations are old. Peru froze its relations with Chile in 1995, but resumed \
                    cooperation programmes – including a joint patrol – and meetings within the Andean Border \
                    Commission after the mediation.";
        let got = full(text);
        let resumed: Vec<(&str, &str, String, bool)> = got
            .iter()
            .filter(|c| c.event == Event::Resumed)
            .map(|c| (c.subject.as_str(), c.subject_text.as_str(), c.date.to_string(), c.inferred))
            .collect();
        assert!(
            resumed.contains(&("Andean Border Commission", "Andean Border Commission", "1995".into(), true)),
            "{resumed:?}"
        );
        assert!(
            resumed.contains(&("Chile-Peru relations", "Chile-Peru cooperation", "1995".into(), true)),
            "{resumed:?}"
        );
        // The resumption has its own date: that date, not the suspension's.
        assert!(
            of("Peru froze its relations with Chile in 1995, but resumed them in 1997.", Event::Resumed)
                .iter()
                .all(|(_, d)| d != "1995")
        );
    }
}

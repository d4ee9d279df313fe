//! Events named by nouns whose date is not the verb's: a date on the event noun itself,
//! a nominalisation in an adjunct of a dated clause, and a dated instrument in an adjunct
//! that dates the main clause's passive.
//!
//! | frame | claim |
//! |---|---|
//! | `the D enlargement of X`, `X's D enlargement` — a date between determiner and event noun | X, the noun's event |
//! | `the D informal X` — a dated meeting adjective before a council or summit | X met |
//! | `after the X Treaty in D` — an act alone in a temporal adjunct | X, `other` (signed or in force: not said) |
//! | `In D, …, following the establishment of X (by Y)` — one fronted date, a nominalisation in a `following`/`after` adjunct | X and Y, `other` (at or before D: never compared), the event in `what` |
//! | `Under the Y of D, A and B were merged` / `… of D, two bodies were established, the A and the B` | A, B |
//!
//! A noun whose `of` phrase names the joiner (`accession of Spain`) is left to the
//! membership rules; meetings and summits to `named`. Confidence is lower than a verb's:
//! 0.6 for a dated noun, 0.5 for the main clause an instrument dates (0.45 for an
//! apposition), 0.4 for an adjunct nominalisation (its date is the clause's, not its own).

use super::super::{Claim, Event};
use super::Reader;
use super::frames::Subject;
use super::items::ItemKind;
use super::lexicon::{Form, creation_event, event_word, is_adverb, is_be};

/// Confidence of an event noun the date qualifies.
const DATED_NOUN: f32 = 0.6;
/// Confidence of a main-clause passive dated by an instrument in an adjunct.
const BY_INSTRUMENT: f32 = 0.5;
/// Confidence of a nominalisation in an adjunct of a clause with one fronted date.
const ADJUNCT: f32 = 0.4;

/// The event an event noun names, with the verb for [`Event::Other`] (`what`). Nouns
/// whose `of` phrase is not the subject (`accession of Spain`) and meeting nouns are none.
fn noun_event(noun: &str) -> Option<(Event, Option<&'static str>)> {
    match noun {
        "enlargement" | "expansion" => return Some((Event::Other, Some("enlarged"))),
        "ratification" => return Some((Event::Other, Some("ratified"))),
        "merger" | "merging" => return Some((Event::Other, Some("merged"))),
        "reform" => return Some((Event::Other, Some("reformed"))),
        _ => {}
    }
    let (event, form) = event_word(noun)?;
    let own = !matches!(event, Event::Joined | Event::Withdrew | Event::Met | Event::Summit | Event::Began);
    (form == Form::Noun && own).then_some((event, None))
}

/// The event a past participle of a main clause names (`merged` is no lexicon word).
fn participle_event(verb: &str) -> Option<(Event, Option<&'static str>)> {
    if matches!(verb, "merged" | "amalgamated" | "combined" | "fused") {
        return Some((Event::Other, Some("merged")));
    }
    match event_word(verb)? {
        (Event::Met | Event::Summit, _) => None,
        (event, Form::Past) => Some((event, None)),
        _ => None,
    }
}

/// Adjectives that make a dated council a meeting of it (`the 2017 informal X`).
fn meeting_adjective(w: &str) -> bool {
    matches!(w, "informal" | "extraordinary" | "emergency" | "special" | "spring" | "autumn" | "annual")
}

impl Reader<'_, '_> {
    /// `the D enlargement of X`, `X's D creation`, `the D informal X Council`: a date that
    /// qualifies an event noun (or a meeting adjective) dates that event of X.
    pub(super) fn dated_event_noun(&self, di: usize, index: usize) -> Option<Claim> {
        let items = self.items();
        let noun = items.get(di + 1).filter(|n| n.kind == ItemKind::Word)?;
        let lower = noun.lower();
        let before = items.get(di.checked_sub(1)?)?;
        // "the 2017 informal X Council": a meeting of a council or a summit.
        if before.is("the") && meeting_adjective(&lower) {
            use super::super::BodyType::{Council, Summit};
            let b = di + 2;
            let ItemKind::Body(m) = items.get(b)?.kind else { return None };
            if !self.bodies.get(m).is_some_and(|m| matches!(m.kind, Council | Summit)) || self.is_modifier(b) {
                return None;
            }
            let name = self.party_name(items.get(b)?)?;
            let subject = Subject { name, at: Some(b), object: None, agent: None, factor: 1.0 };
            return self.claim(index, Event::Met, &subject, DATED_NOUN);
        }
        let (event, what) = noun_event(&lower)?;
        // "X's D enlargement": the possessor, glued to its apostrophe.
        let at = if before.is("s") {
            let apostrophe = items.get(di.checked_sub(2)?)?;
            let owner = di.checked_sub(3)?;
            let glued = items.get(owner).is_some_and(|o| o.span.end == apostrophe.span.start);
            if !apostrophe.is_punct('\'') || !glued || !items.get(owner)?.is_party() {
                return None;
            }
            owner
        } else if before.is("the") {
            // "the D enlargement of X": X right after `of` (past an article).
            if !items.get(di + 2)?.is("of") {
                return None;
            }
            let (_, at) = self.party_from(di + 3).filter(|(_, at)| *at <= di + 4)?;
            if !items.get(at)?.is_party() || self.is_modifier(at) {
                return None;
            }
            at
        } else {
            return None;
        };
        let name = self.party_name(items.get(at)?)?;
        let subject = Subject { name, at: Some(at), object: None, agent: None, factor: 1.0 };
        let mut c = self.claim(index, event, &subject, DATED_NOUN)?;
        c.what = what.map(str::to_string);
        Some(c)
    }

    /// `In D, A did V, following the establishment of X by Y`: with one usable date in the
    /// sentence, fronted, a nominalisation in a `following`/`after`/`upon` adjunct took
    /// place by then; X is its subject, and Y (`by Y`) the act that did it. Both are
    /// `other` with the event in `what`: "following" dates it at or before D, not on D.
    pub(super) fn adjunct_nominals(&self) -> Vec<Claim> {
        let items = self.items();
        let mut out = self.acts_in_adjuncts();
        let mut dates = items.iter().enumerate().filter_map(|(k, it)| match it.kind {
            ItemKind::Date { index, usable: true } => Some((k, index)),
            _ => None,
        });
        let (Some((di, index)), None) = (dates.next(), dates.next()) else { return out };
        if !self.fronted(di) {
            return out;
        }
        for n in di + 2..items.len() {
            let Some(noun) = items.get(n).filter(|it| it.kind == ItemKind::Word) else { continue };
            let Some((event, what)) = noun_event(&noun.lower()) else { continue };
            let head = |k: usize, w: &str| items.get(k).is_some_and(|it| it.is(w));
            let Some(prep) = n.checked_sub(2) else { continue };
            if !head(n - 1, "the") || !["following", "after", "upon"].iter().any(|w| head(prep, w)) {
                continue;
            }
            // The adjunct stands apart: after a comma, or opening the clause.
            if !items.get(prep.wrapping_sub(1)).is_some_and(|it| it.is_punct(',')) {
                continue;
            }
            if !head(n + 1, "of") {
                continue;
            }
            let Some((name, at)) = self.party_from(n + 2).filter(|(_, at)| *at <= n + 3) else { continue };
            if !items.get(at).is_some_and(|it| it.is_party()) || self.is_modifier(at) {
                continue;
            }
            // "following X's creation" puts it at or before the date, not on it: the event is
            // kept in `what` and never compared (`other`).
            let subject = Subject { name, at: Some(at), object: None, agent: None, factor: 1.0 };
            if let Some(mut c) = self.claim(index, Event::Other, &subject, ADJUNCT) {
                c.what = Some(what.unwrap_or(event.as_str()).to_string());
                out.push(c);
            }
            // "… by the Y Treaty": the act that did it, its own event left unnamed.
            if head(at + 1, "by")
                && let Some((by, b)) = self.party_from(at + 2).filter(|(_, b)| *b <= at + 3)
                && items.get(b).is_some_and(|it| matches!(it.kind, ItemKind::Body(_)))
            {
                let verb = event_word(&noun.lower()).map_or("acted", |(e, _)| e.as_str());
                let agent = Subject { name: by, at: Some(b), object: None, agent: None, factor: 1.0 };
                if let Some(mut c) = self.claim(index, Event::Other, &agent, ADJUNCT * 0.9) {
                    c.what = Some(what.unwrap_or(verb).to_string());
                    out.push(c);
                }
            }
        }
        out
    }

    /// `after the Y Treaty in D`, `since the Y Act in D`: an act named alone in a temporal
    /// adjunct, dated right after its name. Which of its events (signature, entry into
    /// force) the year is is not said: `other`, never compared.
    fn acts_in_adjuncts(&self) -> Vec<Claim> {
        let items = self.items();
        let mut out = Vec::new();
        for (di, it) in items.iter().enumerate() {
            let ItemKind::Date { index, usable: true } = it.kind else { continue };
            let Some(prep) = di.checked_sub(4) else { continue };
            let is = |k: usize, w: &str| items.get(k).is_some_and(|x| x.is(w));
            if !is(di - 1, "in") || !is(di - 3, "the") {
                continue;
            }
            if !["after", "since", "before", "until", "following"].iter().any(|w| is(prep, w)) {
                continue;
            }
            let at = di - 2;
            let Some(ItemKind::Body(b)) = items.get(at).map(|x| x.kind) else { continue };
            let signed = self.bodies.get(b).and_then(|m| creation_event(m.kind)) == Some(Event::Signed);
            let Some(name) = items.get(at).and_then(|x| self.party_name(x)).filter(|_| signed) else { continue };
            let subject = Subject { name, at: Some(at), object: None, agent: None, factor: 1.0 };
            if let Some(mut c) = self.claim(index, Event::Other, &subject, ADJUNCT) {
                c.what = Some("dated".to_string());
                out.push(c);
            }
        }
        out
    }

    /// `Under the Y Treaty of D, A and B were merged into C`; `In connection with the Y
    /// of D, two bodies were established, the A and the B`: an instrument dated in an
    /// adjunct that opens the sentence dates the main clause's passive, which has no date
    /// of its own. `first` is the item after the instrument's article (its date or its
    /// name), `last` the last item of its phrase.
    pub(super) fn dated_by_instrument(&self, first: usize, last: usize, index: usize) -> Vec<Claim> {
        let items = self.items();
        let mut out = Vec::new();
        let is = |k: usize, w: &str| items.get(k).is_some_and(|it| it.is(w));
        // The adjunct: PREP the ACT …, opening the sentence or after a comma.
        let Some(prep) = first.checked_sub(2) else { return out };
        if !is(first - 1, "the") || !["under", "by", "through", "with", "following"].iter().any(|w| is(prep, w)) {
            return out;
        }
        let mut start = prep;
        if is(prep, "with") && is(prep.wrapping_sub(1), "connection") && is(prep.wrapping_sub(2), "in") {
            start = prep - 2;
        }
        let opens = start == 0 || items.get(start - 1).is_some_and(|it| it.is_punct(','));
        if !opens || !items.get(last + 1).is_some_and(|it| it.is_punct(',')) {
            return out;
        }
        // The main clause, to the end of the sentence: no date of its own.
        let end = (last + 2..items.len())
            .find(|&k| items.get(k).is_some_and(|it| matches!(it.kind, ItemKind::Punct('.' | ';'))))
            .unwrap_or(items.len());
        let clause = items.get(last + 2..end).unwrap_or_default();
        if clause.iter().any(|it| matches!(it.kind, ItemKind::Date { .. })) {
            return out;
        }
        // Its passive: a form of "to be", adverbs, a past participle.
        let Some(be) = (last + 2..end).find(|&k| items.get(k).is_some_and(|it| is_be(&it.lower()))) else {
            return out;
        };
        let mut v = be + 1;
        while items.get(v).is_some_and(|it| is_adverb(&it.lower())) {
            v += 1;
        }
        let Some((event, what)) = items.get(v).and_then(|it| participle_event(&it.lower())) else { return out };
        // The subjects before it, outside parentheses, not modifiers or possessors.
        let mut subjects: Vec<usize> = (last + 2..be)
            .filter(|&k| {
                items.get(k).is_some_and(|it| matches!(it.kind, ItemKind::Body(_)) && it.group.is_none())
                    && !self.is_modifier(k)
                    && !items.get(k + 1).is_some_and(|n| n.is_punct('\''))
            })
            .collect();
        let mut conf = BY_INSTRUMENT;
        if subjects.is_empty() {
            // "two bodies were established, the A and the B": the apposition after it.
            if !items.get(v + 1).is_some_and(|it| it.is_punct(',')) {
                return out;
            }
            let rest = items.get(v + 2..end).unwrap_or_default();
            let listed = rest
                .iter()
                .all(|it| it.is("the") || it.is("and") || it.is_punct(',') || matches!(it.kind, ItemKind::Body(_)));
            if !listed {
                return out;
            }
            subjects =
                (v + 2..end).filter(|&k| items.get(k).is_some_and(|it| matches!(it.kind, ItemKind::Body(_)))).collect();
            conf = BY_INSTRUMENT * 0.9;
        }
        for at in subjects {
            let Some(name) = items.get(at).and_then(|it| self.party_name(it)) else { continue };
            let subject = Subject { name, at: Some(at), object: None, agent: None, factor: 1.0 };
            if let Some(mut c) = self.claim(index, event, &subject, conf) {
                c.what = what.map(str::to_string);
                out.push(c);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::Event;
    use super::super::tests::{claims, has};

    #[test]
    fn a_date_on_an_event_noun_dates_its_of_phrase() {
        has(
            "Fares fell after the 1995 enlargement of the Baltic Rail Union, which brought in two members.",
            "Baltic Rail Union",
            Event::Other,
            "1995",
        );
        has(
            "Historians still debate the Andean Water Commission's 1971 creation and its first budget.",
            "Andean Water Commission",
            Event::Established,
            "1971",
        );
        // A dated noun that names no event, or an event noun of no body.
        let got = claims("Fares fell after the 1995 report of the Baltic Rail Union was read.");
        assert!(!got.iter().any(|(s, _, d)| s == "Baltic Rail Union" && d == "1995"), "{got:?}");
        let got = claims("Fares fell after the 1995 enlargement of the network in the east.");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn an_act_in_a_temporal_adjunct_is_dated() {
        let text = "The Fisheries Board gained its present powers after the Nadi Treaty in 1994, not before.";
        has(text, "Nadi Treaty", Event::Other, "1994");
        // A date that does not follow the act's name, or an act after no temporal word.
        let got = claims("The Fisheries Board gained its present powers after the Nadi Treaty, in 1994.");
        assert!(!got.iter().any(|(s, e, _)| s == "Nadi Treaty" && *e == Event::Other), "{got:?}");
        let got = claims("The Fisheries Board quoted the Nadi Treaty in 1994 in its report.");
        assert!(!got.iter().any(|(s, e, _)| s == "Nadi Treaty" && *e == Event::Other), "{got:?}");
    }

    #[test]
    fn a_dated_informal_council_met() {
        has(
            "Ad hoc meetings went on elsewhere, such as the 2012 informal Nordic Fisheries Council in Bergen.",
            "Nordic Fisheries Council",
            Event::Met,
            "2012",
        );
        // Without a meeting adjective the year is not read as a meeting here.
        let got = claims("Ad hoc meetings went on elsewhere, such as the 2012 busy Nordic Fisheries Council staff.");
        assert!(!got.iter().any(|(s, e, _)| s == "Nordic Fisheries Council" && *e == Event::Met), "{got:?}");
    }

    #[test]
    fn a_nominalisation_in_an_adjunct_takes_the_fronted_date() {
        let text = "In 1981, the Board took the name Alpine Transit Board, following the creation of the Alpine Transit Union by the Bolzano Treaty.";
        has(text, "Alpine Transit Union", Event::Other, "1981");
        has(text, "Bolzano Treaty", Event::Other, "1981");
        // Two dates: which one the adjunct's event took is not said.
        let got = claims(
            "In 1981, the Board took the name Alpine Transit Board in 1983, following the creation of the Alpine Transit Union.",
        );
        assert!(!got.iter().any(|(s, _, _)| s == "Alpine Transit Union"), "{got:?}");
        // Not fronted: the date belongs to its own verb.
        let got = claims(
            "The Board took the name Alpine Transit Board in 1981, following the creation of the Alpine Transit Union.",
        );
        assert!(!got.iter().any(|(s, _, _)| s == "Alpine Transit Union"), "{got:?}");
    }

    #[test]
    fn an_instrument_in_an_adjunct_dates_the_main_passive() {
        let text = "Under the Lugano Convention of 1971, the Alpine Rail Office and the Ticino Rail Board were merged into a single office.";
        has(text, "Alpine Rail Office", Event::Other, "1971");
        has(text, "Ticino Rail Board", Event::Other, "1971");
        has(text, "Lugano Convention", Event::Signed, "1971");
        let text = "In addition, in connection with the Lugano Convention of 1971, two other bodies were established, the Alpine Rail Office and the Ticino Rail Board.";
        has(text, "Alpine Rail Office", Event::Established, "1971");
        has(text, "Ticino Rail Board", Event::Established, "1971");
        // The main clause has its own date, or no passive event: nothing from the instrument.
        let got = claims(
            "Under the Lugano Convention of 1971, the Alpine Rail Office and the Ticino Rail Board were merged in 1975.",
        );
        assert!(!got.iter().any(|(s, _, d)| s == "Alpine Rail Office" && d == "1971"), "{got:?}");
        let got = claims("Under the Lugano Convention of 1971, the Alpine Rail Office keeps its seat in Chur.");
        assert!(!got.iter().any(|(s, _, _)| s == "Alpine Rail Office"), "{got:?}");
    }
}

//! What encyclopaedia articles say about a body's standing and seat, and who took its
//! offices: phrasings that carry no event word of the lexicon, each read as a small frame.
//!
//! | frame | event | subject |
//! |---|---|---|
//! | `X was formalised (as …)`, `X became an official institution`, `X gained the status of …`, `X acquired legal personality` | [`Event::Formalised`] | the body before the verb |
//! | `X moved (its seat) to C`, `X relocated to C`, `X has been based in C since D` | [`Event::Moved`] | the body before the verb |
//! | `X took office`, `P was elected/appointed President of X`, `X elected its president P` | [`Event::Appointed`] | the body whose office it is |
//!
//! The date is the first usable date after the verb in its clause (no `;`, no other event
//! word in between, at most 12 items on), else a date that opens the sentence (`In 1995,
//! the X moved …`) with no other event word before the verb. A subject written as `the
//! Council` or `it` resolves as for every other frame (see `discourse`). These claims come
//! in addition to the event-word claims: "was formalised in 2009 upon the entry into force
//! of Y" dates both the status change and Y's entry into force.
//!
//! Confidence: 0.75 for a named subject next to the verb, less with distance and for a
//! resolved description (the factor of `party_before`).

use super::super::{Claim, Event};
use super::Reader;
use super::frames::Subject;
use super::items::ItemKind;
use super::lexicon::{event_word, is_determiner};

/// Base confidence of a status, seat or office claim.
const BASE: f32 = 0.75;

/// Nouns that, after `became a(n) (official …)`, name a body's standing.
fn is_standing_noun(w: &str) -> bool {
    matches!(w, "institution" | "organ" | "body" | "agency" | "organisation" | "organization")
}

/// Adjectives that may stand between `became a` and the standing noun.
fn is_standing_adjective(w: &str) -> bool {
    matches!(
        w,
        "official"
            | "formal"
            | "full"
            | "permanent"
            | "independent"
            | "autonomous"
            | "specialised"
            | "specialized"
            | "separate"
            | "distinct"
            | "legal"
            | "treaty"
            | "fully-fledged"
            | "fledged"
    )
}

/// Office titles whose holder's election or appointment dates a term of the body named after `of`.
fn is_office(w: &str) -> bool {
    matches!(
        w,
        "president"
            | "chairman"
            | "chairperson"
            | "chair"
            | "secretary-general"
            | "director-general"
            | "director"
            | "governor"
            | "commissioner"
            | "registrar"
            | "head"
            | "presidency"
    )
}

impl Reader<'_, '_> {
    /// The claims of the status, seat and office frames of the sentence.
    pub(super) fn status_claims(&self) -> Vec<Claim> {
        let items = self.items();
        let mut out = Vec::new();
        for (v, it) in items.iter().enumerate() {
            if it.kind != ItemKind::Word {
                continue;
            }
            let Some((event, subject)) = self.status_frame(v) else { continue };
            let Some(index) = self.frame_date(v) else { continue };
            let confidence = BASE * subject.factor;
            // "both X and Y moved": each coordinated body.
            let others = subject.at.map(|at| self.coordinated_before(at)).unwrap_or_default();
            out.extend(self.claim(index, event, &subject, confidence));
            for at in others {
                if let Some(name) = self.item(at).and_then(|it| self.party_name(it)) {
                    let other = Subject { name, at: Some(at), object: None, agent: None, factor: subject.factor };
                    out.extend(self.claim(index, event, &other, confidence * 0.9));
                }
            }
        }
        out.extend(self.fronted_as());
        out.extend(self.inaugural());
        out
    }

    /// The bodies coordinated before the body item `at`: `(both) A, B and (the) C`.
    fn coordinated_before(&self, at: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut j = at;
        loop {
            let mut k = j;
            if k > 0 && self.item(k - 1).is_some_and(|it| it.is("the")) {
                k -= 1;
            }
            let linked = k > 0 && self.item(k - 1).is_some_and(|it| it.is("and") || it.is_punct(','));
            if !linked || k < 2 {
                break;
            }
            let prev = k - 2;
            if !self.item(prev).is_some_and(super::items::Item::is_party) {
                break;
            }
            out.push(prev);
            j = prev;
        }
        out
    }

    /// `Established as an informal forum in 1975, the X …`: a fronted participle with
    /// `as`, dated inside it, says when the body after its comma was established.
    fn fronted_as(&self) -> Option<Claim> {
        let items = self.items();
        let v = items.iter().position(|it| it.kind == ItemKind::Word)?;
        let verb = items.get(v)?;
        let established = matches!(verb.lower().as_str(), "established" | "founded" | "created" | "formed");
        // Only a stray reference mark ("1] ") may come before the participle.
        let opens = items.get(..v)?.iter().all(|it| matches!(it.kind, ItemKind::Number | ItemKind::Punct(_)));
        if !opens || !established || !super::lexicon::is_cap(verb.text) || !items.get(v + 1)?.is("as") {
            return None;
        }
        let comma = (v + 2..(v + 16).min(items.len())).find(|&k| items.get(k).is_some_and(|it| it.is_punct(',')))?;
        let index = (v + 2..comma).find_map(|k| match items.get(k).map(|it| it.kind) {
            Some(ItemKind::Date { index, usable: true }) => Some(index),
            _ => None,
        })?;
        let at = if items.get(comma + 1).is_some_and(|it| it.is("the")) { comma + 2 } else { comma + 1 };
        let name = self.party_name(items.get(at).filter(|it| it.is_party())?)?;
        let subject = Subject { name, at: Some(at), object: None, agent: None, factor: 1.0 };
        self.claim(index, Event::Established, &subject, BASE)
    }

    /// `The inaugural X (, as it became known,) was held in P on D`: X's first meeting.
    fn inaugural(&self) -> Option<Claim> {
        let items = self.items();
        let first = items.iter().position(|it| it.is("inaugural"))?;
        // Emphasis marks around the name ("_X_") are no words.
        let mark = |j: usize| items.get(j).is_some_and(|it| it.is_punct('_') || it.is_punct('*'));
        let mut at = first + 1;
        while mark(at) {
            at += 1;
        }
        let name = self.party_name(items.get(at).filter(|it| it.is_party())?)?;
        // The verb within a few items, past an aside between commas.
        let mut k = at + 1;
        while mark(k) {
            k += 1;
        }
        if items.get(k).is_some_and(|it| it.is_punct(',')) {
            k = (k + 1..(k + 8).min(items.len())).find(|&j| items.get(j).is_some_and(|it| it.is_punct(',')))? + 1;
        }
        let held = items.get(k).is_some_and(super::items::Item::is_be_word)
            && items.get(k + 1).is_some_and(|it| it.is("held") || it.is("convened"));
        let met = items.get(k).is_some_and(|it| it.is("met") || it.is("convened"));
        let v = if held {
            k + 1
        } else if met {
            k
        } else {
            return None;
        };
        let index = self.frame_date(v)?;
        let subject = Subject { name, at: Some(at), object: None, agent: None, factor: 1.0 };
        self.claim(index, Event::FirstMeeting, &subject, BASE)
    }

    /// The event and subject of a status, seat or office frame whose verb is item `v`.
    fn status_frame(&self, v: usize) -> Option<(Event, Subject)> {
        let w = self.item(v)?.lower();
        let next = |k: usize| self.item(v + k).map(super::items::Item::lower).unwrap_or_default();
        let before = |event: Event| {
            let (name, at, factor) = self.party_before(v)?;
            Some((event, Subject { name, at, object: None, agent: None, factor }))
        };
        match w.as_str() {
            "formalised" | "formalized" if self.is_passive(v) => before(Event::Formalised),
            "became" | "become" => {
                // "became an official institution", not "became a member" (a joining).
                let mut k = 1;
                if is_determiner(&next(k)) {
                    k += 1;
                }
                let mut adjectives = 0;
                while is_standing_adjective(&next(k))
                    || self.item(v + k).is_some_and(|it| matches!(it.kind, ItemKind::Body(_)))
                {
                    k += 1;
                    adjectives += 1;
                }
                (adjectives > 0 && is_standing_noun(&next(k))).then_some(())?;
                before(Event::Formalised)
            }
            "gained" | "acquired" | "obtained" | "received" | "granted" | "given" => {
                // "gained the status of …", "acquired legal personality".
                let status = (1..=3).any(|k| matches!(next(k).as_str(), "status" | "personality"));
                status.then_some(())?;
                before(Event::Formalised)
            }
            "moved" | "relocated" | "transferred" => {
                // "moved to C", "moved its seat to C", "moved into the X building".
                let to = (1..=4).find(|&k| matches!(next(k).as_str(), "to" | "into"))?;
                if (1..to).any(|k| {
                    !matches!(
                        next(k).as_str(),
                        "its" | "their" | "seat" | "headquarters" | "offices" | "secretariat" | "permanently"
                    )
                }) {
                    return None;
                }
                before(Event::Moved)
            }
            "based" | "headquartered" | "seated" | "located" | "housed" => {
                // "has been based in C since D": the move is dated by "since".
                let perfect = self.item(v.checked_sub(1)?)?.is("been");
                let since = (1..=6).any(|k| next(k) == "since");
                (perfect && since).then_some(())?;
                before(Event::Moved)
            }
            "took" if next(1) == "office" => before(Event::Appointed),
            // "came into operation", "went into operation": began working.
            "came" | "went" if next(1) == "into" && next(2) == "operation" => before(Event::Began),
            // "both X and Y adopted the Z building as their headquarters": a seat.
            "adopted" | "took" | "chose" => {
                let as_at = (2..=9).find(|&k| next(k) == "as")?;
                let seat = (as_at + 1..=as_at + 4).any(|k| matches!(next(k).as_str(), "headquarters" | "seat"));
                (seat && (1..as_at).any(|k| matches!(next(k).as_str(), "building" | "premises" | "palace")))
                    .then_some(())?;
                before(Event::Moved)
            }
            "elected" | "appointed" => self.office_frame(v),
            _ => None,
        }
    }

    /// `P was elected President of X` (the office's body after `of`, P before the verb)
    /// or `X elected its (first) president P` (X before the verb).
    fn office_frame(&self, v: usize) -> Option<(Event, Subject)> {
        let items = self.items();
        if self.is_passive(v) {
            // After the verb: (as) (the) (first …) OFFICE of (the) X.
            let mut k = v + 1;
            while items.get(k).is_some_and(|it| {
                it.kind == ItemKind::Word
                    && !is_office(&it.lower())
                    && (it.is("as")
                        || is_determiner(&it.lower())
                        || it.is("first")
                        || it.is("new")
                        || it.is("permanent"))
            }) {
                k += 1;
            }
            if !items.get(k).is_some_and(|it| is_office(&it.lower())) || !items.get(k + 1)?.is("of") {
                return None;
            }
            // Only a named body: "President of Brazil" is no office of a body.
            let at = if items.get(k + 2).is_some_and(|it| it.is("the")) { k + 3 } else { k + 2 };
            let name = self.party_name(items.get(at).filter(|it| it.is_party())?)?;
            let agent = self.person_before(v);
            return Some((Event::Appointed, Subject { name, at: Some(at), object: None, agent, factor: 1.0 }));
        }
        // Active: "X elected its first president": the body before, an office after.
        let office = (1..=4).any(|k| items.get(v + k).is_some_and(|it| is_office(&it.lower())));
        if !office || !items.get(v + 1).is_some_and(|it| it.is("its") || it.is("the") || it.is("a")) {
            return None;
        }
        let (name, at, factor) = self.party_before(v)?;
        Some((Event::Appointed, Subject { name, at, object: None, agent: None, factor }))
    }

    /// The capitalised words just before `was` at item `v - 1`: a person's name.
    fn person_before(&self, v: usize) -> Option<String> {
        let items = self.items();
        let mut j = v.checked_sub(1)?;
        if items.get(j).is_some_and(super::items::Item::is_be_word) {
            j = j.checked_sub(1)?;
        }
        let end = j;
        while items.get(j).is_some_and(|it| it.kind == ItemKind::Word && super::lexicon::is_cap(it.text)) {
            if j == 0 {
                break;
            }
            j -= 1;
        }
        let start = if items.get(j).is_some_and(|it| it.kind == ItemKind::Word && super::lexicon::is_cap(it.text)) {
            j
        } else {
            j + 1
        };
        if start > end {
            return None;
        }
        let words: Vec<&str> = items.get(start..=end)?.iter().map(|it| it.text).collect();
        Some(words.join(" "))
    }

    /// The date mention the frame at `v` is dated by (see the module doc).
    pub(super) fn frame_date(&self, v: usize) -> Option<usize> {
        let items = self.items();
        let date_at = |j: usize| match items.get(j).map(|it| it.kind) {
            Some(ItemKind::Date { index, usable: true }) => Some(index),
            _ => None,
        };
        let blocks = |j: usize| {
            items.get(j).is_some_and(|it| {
                it.is_punct(';')
                    || (it.kind == ItemKind::Word
                        && !super::lexicon::is_cap(it.text)
                        && event_word(&it.lower()).is_some_and(|(_, f)| f != super::lexicon::Form::Noun))
            })
        };
        // After the verb, in its clause.
        for j in v + 1..(v + 13).min(items.len()) {
            if let Some(index) = date_at(j) {
                // "between D1 and D2" or "from D1 to D2": the first.
                return Some(index);
            }
            if blocks(j) || items.get(j).is_some_and(|it| matches!(it.kind, ItemKind::Date { .. })) {
                break;
            }
        }
        // A date that opens the sentence: "(In|From|Since|By)? D(,)? … VERB".
        let first = items.iter().position(|it| it.kind != ItemKind::Punct('-') && it.kind != ItemKind::Punct('*'))?;
        let at = if items.get(first).is_some_and(|it| {
            it.kind == ItemKind::Word && matches!(it.lower().as_str(), "in" | "from" | "since" | "by" | "on")
        }) {
            first + 1
        } else {
            first
        };
        let index = date_at(at)?;
        // "In 1995, the X …" or "In 1995 the X …"; not a caption's "in 2007]] Some …".
        if !items.get(at + 1).is_some_and(|it| it.is_punct(',') || !matches!(it.kind, ItemKind::Punct(_))) {
            return None;
        }
        if at >= v
            || (at + 1..v).any(|j| blocks(j) || matches!(items.get(j).map(|it| it.kind), Some(ItemKind::Date { .. })))
        {
            return None;
        }
        Some(index)
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::{Event, extract};
    use crate::corpus::Document;

    /// (subject, event, agent, date) of every claim of `text`.
    fn brief(text: &str) -> Vec<(String, Event, Option<String>, String)> {
        extract(&Document::from_text("t.md", text))
            .claims
            .into_iter()
            .map(|c| (c.subject, c.event, c.agent, c.date.to_string()))
            .collect()
    }

    fn has(text: &str, subject: &str, event: Event, date: &str) -> bool {
        brief(text).iter().any(|(s, e, _, d)| s == subject && *e == event && d == date)
    }

    #[test]
    fn status_changes() {
        let t = "The Danube River Commission was formalised as a treaty body in 1948.";
        assert!(has(t, "Danube River Commission", Event::Formalised, "1948"), "{:?}", brief(t));
        let t = "The Nordic Film Fund became an independent institution in 1990.";
        assert!(has(t, "Nordic Film Fund", Event::Formalised, "1990"), "{:?}", brief(t));
        let t = "The Andean Water Board officially gained the status of a regional agency in 2003.";
        assert!(has(t, "Andean Water Board", Event::Formalised, "2003"), "{:?}", brief(t));
        let t = "In 1977, the Baltic Sea Forum acquired legal personality.";
        assert!(has(t, "Baltic Sea Forum", Event::Formalised, "1977"), "{:?}", brief(t));
        // Negatives: a membership, a status with no date of its own, a plain noun.
        let t = "Chile became a member of the Andean Water Board in 2003.";
        assert!(!brief(t).iter().any(|(_, e, _, _)| *e == Event::Formalised), "{:?}", brief(t));
        let t = "The Andean Water Board has the status of a regional agency, and it was praised in 2003.";
        assert!(!brief(t).iter().any(|(_, e, _, _)| *e == Event::Formalised), "{:?}", brief(t));
        let t = "in 1999]] The Danube River Commission was formalised as a treaty body.";
        assert!(brief(t).is_empty(), "a caption's date opens no sentence: {:?}", brief(t));
        let t = "The rules were formalised in 1999.";
        assert!(brief(t).is_empty(), "{:?}", brief(t));
    }

    #[test]
    fn seats_and_moves() {
        let t = "In 1984 the Polar Research Agency moved into the Aurora building.";
        assert!(has(t, "Polar Research Agency", Event::Moved, "1984"), "{:?}", brief(t));
        let t = "The Alpine Chess League moved its headquarters to Lausanne in 2001.";
        assert!(has(t, "Alpine Chess League", Event::Moved, "2001"), "{:?}", brief(t));
        let t = "The Arctic Football Association has been based in Tromsø since 1995.";
        assert!(has(t, "Arctic Football Association", Event::Moved, "1995"), "{:?}", brief(t));
        // Negatives: moving a motion, being based with no date of the move.
        let t = "The Alpine Chess League moved a motion on doping in 2001.";
        assert!(!brief(t).iter().any(|(_, e, _, _)| *e == Event::Moved), "{:?}", brief(t));
        let t = "The Arctic Football Association is based in Tromsø, and it joined the league in 1995.";
        assert!(!brief(t).iter().any(|(_, e, _, _)| *e == Event::Moved), "{:?}", brief(t));
        // A date of another verb between the move and its clause's date is not the move's.
        let t = "The Polar Research Agency moved to Oslo after it was founded in 1970.";
        assert!(!has(t, "Polar Research Agency", Event::Moved, "1970"), "{:?}", brief(t));
    }

    #[test]
    fn operations_seats_of_coordinated_bodies_and_fronted_as() {
        let t = "The Mountain Rescue Fund came into operation in February 1977.";
        assert!(has(t, "Mountain Rescue Fund", Event::Began, "1977-02"), "{:?}", brief(t));
        let t = "From 2017, both the Polar Research Agency and the Arctic Science Council adopted the \
                 new Aurora building as their official headquarters.";
        assert!(has(t, "Polar Research Agency", Event::Moved, "2017"), "{:?}", brief(t));
        assert!(has(t, "Arctic Science Council", Event::Moved, "2017"), "{:?}", brief(t));
        let t = "2] Established as an informal forum in 1975, the Baltic Sea Forum meets twice a year.";
        assert!(has(t, "Baltic Sea Forum", Event::Established, "1975"), "{:?}", brief(t));
        let t = "The inaugural _Baltic Sea Forum_, as it came to be called, was held in Visby on 3 and 4 May 1976.";
        assert!(has(t, "Baltic Sea Forum", Event::FirstMeeting, "1976-05-03"), "{:?}", brief(t));
        // Negatives: an operation that is no start, a plan adopted, a participle without `as`
        // that names no body after its comma.
        let t = "The Mountain Rescue Fund came into conflict with the state in 1977.";
        assert!(!has(t, "Mountain Rescue Fund", Event::Began, "1977"), "{:?}", brief(t));
        let t = "In 2017 the Arctic Science Council adopted a new plan as its main guide.";
        assert!(!brief(t).iter().any(|(_, e, _, _)| *e == Event::Moved), "{:?}", brief(t));
        let t = "Established as a charity in 1975, it grew fast.";
        assert!(brief(t).is_empty(), "{:?}", brief(t));
    }

    #[test]
    fn offices() {
        let t = "Maria Lopes was elected President of the Iberian Rowing Association in 2011.";
        let all = brief(t);
        assert!(
            all.iter().any(|(s, e, a, d)| s == "Iberian Rowing Association"
                && *e == Event::Appointed
                && a.as_deref() == Some("Maria Lopes")
                && d == "2011"),
            "{all:?}"
        );
        let t = "The Mekong Basin Commission took office in March 1996.";
        assert!(has(t, "Mekong Basin Commission", Event::Appointed, "1996-03"), "{:?}", brief(t));
        let t = "In 2004 the Pacific Islands Forum elected its first secretary-general.";
        assert!(has(t, "Pacific Islands Forum", Event::Appointed, "2004"), "{:?}", brief(t));
        // Elected to something that is not an office of a body: no claim.
        let t = "Maria Lopes was elected to parliament in 2011.";
        assert!(!brief(t).iter().any(|(_, e, _, _)| *e == Event::Appointed), "{:?}", brief(t));
    }
}

#[cfg(test)]
mod topic_tests {
    use super::super::super::{Event, extract};
    use crate::corpus::Document;

    #[test]
    fn the_council_of_an_article_titled_by_a_complement_name() {
        // The article's subject, in capitals, with an apposition before its verb; later
        // "the Council" is that body (head noun before the complement).
        let text = "The COUNCIL OF THE ANDEAN STATES, called simply the Council, is a forum of the Andean states.\n\n\
                    In 1984 the Council moved into the Condor building.\n";
        let got: Vec<(String, Event, String)> = extract(&Document::from_text("t.md", text))
            .claims
            .into_iter()
            .map(|c| (c.subject, c.event, c.date.to_string()))
            .collect();
        assert!(got.contains(&("Council of the Andean States".into(), Event::Moved, "1984".into())), "{got:?}");
    }
}

//! Stage 4b, meetings whose body is implied: in a sheet about a council or a committee,
//! `The transport ministers, who met on 5 May, …`, `At their meeting on 9 June, river
//! ministers approved …`, `In June 2012, ministers met their counterparts in ministerial
//! sessions.` name people meeting and no body: the meeting is one of the sheet's topic.
//!
//! Only when the topic (see [`discourse::topic`](super::discourse::topic)) is a body of
//! meeting kind (a council, committee, assembly, commission, board …), no other body of
//! meeting kind (a council, committee or summit) is named in the sentence or the one
//! before, and the people are not qualified by another body (`Danube Commission
//! ministers`):
//! their meeting may be that body's. Low confidence: the subject is inferred.

use super::super::{BodyType, Claim, Event};
use super::Reader;
use super::frames::Subject;
use super::items::{Item, ItemKind};
use super::lexicon::{event_word, is_cap};

/// Confidence of an implied meeting: the subject is the sheet's topic, never named.
const CONFIDENCE: f32 = 0.5;

/// Plural nouns for the people who sit in a body's meetings.
fn is_role(w: &str) -> bool {
    matches!(
        w,
        "ministers"
            | "leaders"
            | "heads"
            | "delegates"
            | "delegations"
            | "representatives"
            | "ambassadors"
            | "officials"
            | "presidents"
            | "premiers"
            | "governors"
            | "envoys"
            | "commissioners"
            | "secretaries"
            | "mayors"
            | "chairs"
            | "chairmen"
    )
}

/// Head nouns of a body that holds meetings of its members.
fn is_meeting_head(w: &str) -> bool {
    matches!(
        w,
        "council"
            | "committee"
            | "assembly"
            | "commission"
            | "board"
            | "parliament"
            | "conference"
            | "forum"
            | "congress"
            | "cabinet"
            | "senate"
            | "synod"
    )
}

/// Whether two names are one body's: one is a run of the other's words with the same
/// last word (`Permanent Joint Council` in `Baltic Permanent Joint Council`).
fn same_body(a: &str, b: &str) -> bool {
    let w = |s: &str| s.to_lowercase().split_whitespace().map(str::to_string).collect::<Vec<_>>();
    let (a, b) = (w(a), w(b));
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    !short.is_empty() && long.windows(short.len()).any(|x| x == short.as_slice())
}

/// The head noun of a name, lower-cased: `Council of the Baltic Sea States` → `council`.
fn head(name: &str) -> String {
    let lower = name.to_lowercase();
    let before_of = lower.split(" of ").next().unwrap_or(&lower);
    before_of.rsplit(' ').next().unwrap_or(before_of).to_string()
}

/// Body types whose mentions can be the meeting instead of the topic.
fn meets(kind: BodyType) -> bool {
    matches!(kind, BodyType::Council | BodyType::Committee | BodyType::Summit)
}

impl Reader<'_, '_> {
    /// The meeting dated by date item `di` of the one body of meeting kind in scope, when
    /// people meet in the date's clause (`ministers, who met on D`, `at their meeting on
    /// D`), or when such a body decides on a day (`On D, the Council agreed …`).
    pub(super) fn implied_meeting(&self, di: usize, index: usize) -> Option<Claim> {
        if let Some(c) = self.decided_on_day(di, index) {
            return Some(c);
        }
        let role = self.met_role(di).or_else(|| self.their_meeting(di))?;
        let body = self.meeting_body()?;
        let subject = Subject { name: body, at: None, object: None, agent: Some(role), factor: 1.0 };
        self.claim(index, Event::Met, &subject, CONFIDENCE)
    }

    /// `At their meeting on D, ministers approved X`: the meeting, besides the claim the
    /// date's event word made (`their_meeting` only: the date qualifies the meeting noun).
    pub(super) fn their_meeting_claim(&self, di: usize, index: usize) -> Option<Claim> {
        let role = self.their_meeting(di)?;
        let body = self.meeting_body()?;
        let subject = Subject { name: body, at: None, object: None, agent: Some(role), factor: 1.0 };
        self.claim(index, Event::Met, &subject, CONFIDENCE)
    }

    /// The body whose meeting an unnamed one is: the one body of meeting kind (a council,
    /// committee, commission …) named in the sentence, else in the sentence before, else
    /// the sheet's topic when it is of meeting kind. `None` when two different ones are
    /// in scope, or a summit is (a summit is a meeting of its own).
    fn meeting_body(&self) -> Option<String> {
        let mut scopes: Vec<&[Item<'_>]> = vec![self.items()];
        if let Some(p) = self.previous {
            scopes.push(&p.items);
        }
        let mut summit = false;
        for items in scopes {
            let mut found: Vec<String> = Vec::new();
            for it in items {
                let ItemKind::Body(b) = it.kind else { continue };
                let Some(m) = self.bodies.get(b) else { continue };
                // An acronym is typed by the name it stands for.
                let m = self.bodies.iter().find(|d| d.acronym.as_deref() == Some(m.name.as_str())).unwrap_or(m);
                if m.kind == BodyType::Summit {
                    summit = true;
                    continue;
                }
                if !(matches!(m.kind, BodyType::Council | BodyType::Committee) || is_meeting_head(&head(&m.name))) {
                    continue;
                }
                let name = m.name.clone();
                if !found.iter().any(|f| same_body(f, &name)) {
                    found.push(name);
                }
            }
            if summit {
                return None;
            }
            match found.len() {
                0 => {}
                // A topic of meeting kind that is another body makes two candidates.
                1 => return found.pop().filter(|f| self.meeting_topic().is_none_or(|t| same_body(t, f))),
                _ => return None,
            }
        }
        self.meeting_topic().map(str::to_string)
    }

    /// The sheet's topic when it is a body of meeting kind.
    fn meeting_topic(&self) -> Option<&str> {
        let topic = self.topic?;
        let typed = self.bodies.iter().find(|m| m.name == topic).map(|m| m.kind);
        (typed.is_some_and(meets) || is_meeting_head(&head(topic))).then_some(topic)
    }

    /// `On 2 May 2011, the Council agreed …`: a body of meeting kind that agrees or
    /// decides on a day met that day. The date opens the sentence and is a day; the body
    /// is named or a definite description (`the Council`) resolved as usual.
    fn decided_on_day(&self, di: usize, index: usize) -> Option<Claim> {
        let items = self.items();
        let m = self.dates.get(index)?;
        if m.date?.precision() != crate::date::Precision::Day || m.date?.is_range() || !self.fronted(di) {
            return None;
        }
        let mut j = di + 2;
        if items.get(j).is_some_and(|it| it.is("the")) {
            j += 1;
        }
        let it = items.get(j)?;
        let (name, at) = match it.kind {
            ItemKind::Body(b) => {
                let m = self.bodies.get(b)?;
                if !matches!(m.kind, BodyType::Council | BodyType::Committee) {
                    return None;
                }
                (m.name.clone(), Some(j))
            }
            ItemKind::Word if j > 0 && items.get(j - 1)?.is("the") => {
                let noun = it.lower();
                if !is_meeting_head(&noun) {
                    return None;
                }
                let kind = super::items::anaphor_type(&noun)?;
                (self.description(&noun, kind, j)?, None)
            }
            _ => return None,
        };
        let verb = items.get(j + 1)?.lower();
        if !matches!(verb.as_str(), "agreed" | "decided" | "approved" | "adopted" | "endorsed" | "noted" | "condemned")
        {
            return None;
        }
        let factor = if at.is_some() { 1.0 } else { 0.9 };
        let subject = Subject { name, at, object: None, agent: None, factor };
        self.claim(index, Event::Met, &subject, CONFIDENCE * factor)
    }

    /// `ministers met …` with the date in the verb's clause: `… who met on D`, `… met in
    /// P on D`, `In D, ministers met …`. The role noun, when no body qualifies it.
    fn met_role(&self, di: usize) -> Option<String> {
        let items = self.items();
        let v = items.iter().position(|it| it.is("met"))?;
        // The people: `ministers met`, `ministers, who met`, `ministers who met`.
        let mut r = v.checked_sub(1)?;
        if items.get(r)?.is("who") {
            r = r.checked_sub(1)?;
            if items.get(r)?.is_punct(',') {
                r = r.checked_sub(1)?;
            }
        }
        let role = items.get(r).filter(|it| is_role(&it.lower()))?;
        if self.qualified(r) {
            return None;
        }
        let dated = if di > v {
            self.closes_clause(v, di)
        } else {
            // `In D, [modifiers] ministers met`: the date opens the sentence.
            let opens = di == 1 && (items.first()?.is("in") || items.first()?.is("on"));
            opens && items.get(di + 1).is_some_and(|it| it.is_punct(',')) && r - di <= 8
        };
        dated.then(|| role.lower())
    }

    /// `At their meeting on D, ministers …`, `their meeting in P on D`: the role noun of
    /// the clause the meeting belongs to.
    fn their_meeting(&self, di: usize) -> Option<String> {
        let items = self.items();
        let n = (0..di).rev().take(4).find(|&j| {
            let w = items.get(j).map(Item::lower).unwrap_or_default();
            matches!(w.as_str(), "meeting" | "meetings" | "session" | "sessions")
                && j > 0
                && items.get(j - 1).is_some_and(|x| x.is("their"))
        })?;
        if !self.closes_clause(n, di) {
            return None;
        }
        // `ministers were ready at their meeting on D`: the people stand before, in the clause.
        if let Some(r) =
            (n.saturating_sub(10)..n - 1).rev().find(|&j| items.get(j).is_some_and(|it| is_role(&it.lower())))
            && items.get(r + 1..n - 1).is_some_and(|s| s.iter().all(|it| it.kind == ItemKind::Word))
            && !self.qualified(r)
        {
            return items.get(r).map(Item::lower);
        }
        // The people whose meeting it is: the clause's subject, right after the comma.
        let r = (di + 1..di + 8).find(|&j| items.get(j).is_some_and(|it| is_role(&it.lower())))?;
        let stretch = items.get(di + 1..r)?;
        if stretch.iter().filter(|it| it.is_punct(',')).count() > 1
            || stretch.iter().any(|it| {
                matches!(it.kind, ItemKind::Punct(';' | '.' | ':'))
                    || it.kind != ItemKind::Punct(',') && it.kind != ItemKind::Word
            })
            || self.qualified(r)
        {
            return None;
        }
        items.get(r).map(Item::lower)
    }

    /// Whether the date at `di` closes the phrase of the meeting word at `v`: a few words
    /// (a preposition, a place), no punctuation, no other date or event word between.
    fn closes_clause(&self, v: usize, di: usize) -> bool {
        let Some(gap) = self.items().get(v + 1..di) else { return false };
        gap.len() <= 4
            && gap.iter().all(|it| it.kind == ItemKind::Word && (is_cap(it.text) || event_word(&it.lower()).is_none()))
    }

    /// Whether the role noun at `r` is qualified by a body named in its phrase (`Danube Commission
    /// foreign ministers`, `ministers of the Union`, a capitalised name): then they are
    /// that body's people.
    fn qualified(&self, r: usize) -> bool {
        let items = self.items();
        let before = (0..r).rev().take_while(|&j| {
            items.get(j).is_some_and(|it| !matches!(it.kind, ItemKind::Punct(_) | ItemKind::Date { .. }))
        });
        let after_of = items.get(r + 1).is_some_and(|it| it.is("of"));
        // A name the registry does not know qualifies them too (`Oceania Rowing officials`).
        let named = |it: &Item<'_>| {
            it.is_party()
                || (it.kind == ItemKind::Word
                    && is_cap(it.text)
                    && !matches!(it.lower().as_str(), "the" | "their" | "its" | "both" | "all" | "and"))
        };
        // A capital that only opens the sentence (`Transport ministers met`) names nothing.
        before.take(4).any(|j| items.get(j).is_some_and(|it| it.is_party() || (j > 0 && named(it))))
            || (after_of && items.get(r + 2..r + 4).is_some_and(|s| s.iter().any(Item::is_party)))
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::Document;
    use crate::extract::{Event, extract};

    fn claims(text: &str) -> Vec<(String, Event, String, f32)> {
        let doc = Document::from_text("t.txt", text);
        extract(&doc).claims.into_iter().map(|c| (c.subject, c.event, c.date.to_string(), c.confidence)).collect()
    }

    fn met(text: &str, subject: &str, date: &str) -> bool {
        claims(text).iter().any(|(s, e, d, _)| s == subject && *e == Event::Met && d == date)
    }

    const RIVER: &str = "The Mekong Delta River Commission is an intergovernmental body of the riparian states.";
    const LEAGUE: &str = "The Pacific Rugby League Council is the governing forum of the island clubs.";

    #[test]
    fn people_who_met_in_a_sheet_about_a_commission_met_as_the_commission() {
        let text = format!(
            "{RIVER} Its work covers fisheries.\n\nThe transport ministers, who met on 5 May 2011, focused on dredging."
        );
        assert!(met(&text, "Mekong Delta River Commission", "2011-05-05"), "{:?}", claims(&text));
        let low = claims(&text).into_iter().filter(|(s, ..)| s == "Mekong Delta River Commission").all(|c| c.3 <= 0.55);
        assert!(low, "{:?}", claims(&text));
    }

    #[test]
    fn at_their_meeting_dates_the_topic_bodys_meeting() {
        let text = format!(
            "{LEAGUE} It sets the fixtures.\n\nAt their meeting on 9 June 2015, club presidents approved new rules."
        );
        assert!(met(&text, "Pacific Rugby League Council", "2015-06-09"), "{:?}", claims(&text));
        let opening = format!(
            "{LEAGUE} It sets the fixtures.\n\nIn June 2012, sports ministers met their counterparts in ministerial sessions."
        );
        assert!(met(&opening, "Pacific Rugby League Council", "2012-06"), "{:?}", claims(&opening));
    }

    #[test]
    fn no_implied_meeting_without_a_meeting_topic() {
        // No defining opening sentence: no topic.
        let none = "Fisheries matter here.\n\nThe transport ministers, who met on 5 May 2011, focused on dredging.";
        assert!(!claims(none).iter().any(|(_, e, ..)| *e == Event::Met), "{:?}", claims(none));
        // The topic is a treaty: a treaty holds no meetings.
        let treaty = "The Mekong Fisheries Treaty is an agreement of the riparian states. It covers fish.\n\nThe transport ministers, who met on 5 May 2011, focused on dredging.";
        assert!(!claims(treaty).iter().any(|(_, e, ..)| *e == Event::Met), "{:?}", claims(treaty));
    }

    #[test]
    fn no_implied_meeting_when_another_council_is_named_nearby() {
        let text = format!(
            "{RIVER} Its work covers fisheries.\n\nThe Delta Ports Council reviewed the plan. The transport ministers, who met on 5 May 2011, focused on dredging."
        );
        assert!(!met(&text, "Mekong Delta River Commission", "2011-05-05"), "{:?}", claims(&text));
        // People of another body named in their phrase are that body's.
        let qualified = format!(
            "{LEAGUE} It sets the fixtures.\n\nIn June 2012, Oceania Football Confederation officials met in Suva."
        );
        assert!(!met(&qualified, "Pacific Rugby League Council", "2012-06"), "{:?}", claims(&qualified));
        // A date of another verb's clause is not the meeting's.
        let other =
            format!("{RIVER} Its work covers fisheries.\n\nThe ministers met to review the dam completed in 2009.");
        assert!(!met(&other, "Mekong Delta River Commission", "2009"), "{:?}", claims(&other));
        // The council named nearby and the topic are two candidates: no guess.
        assert!(!met(&text, "Delta Ports Council", "2011-05-05"), "{:?}", claims(&text));
    }

    #[test]
    fn the_one_council_of_the_sentence_or_the_one_before_is_the_meeting() {
        // No topic; the council named in the sentence before.
        let before = "Ports matter.\n\nThe ministers praised the work of the Delta Ports Council (DPC). \
                      The transport ministers, who met on 5 May 2011, focused on dredging.";
        assert!(met(before, "Delta Ports Council", "2011-05-05"), "{:?}", claims(before));
        // Named later in the same sentence, by its acronym.
        let here = "The Delta Ports Council (DPC) was set up by the ports.\n\nAt their meeting on 9 June 2015, \
                    transport ministers noted the issues addressed in the DPC over the past year.";
        assert!(met(here, "Delta Ports Council", "2015-06-09"), "{:?}", claims(here));
        // The people stand before their meeting.
        let ready = "Ports matter. The ministers of the Delta Ports Council planned a plan.\n\n\
                     Transport ministers were ready at their meeting in Ghent on 14 May 2012 to approve it.";
        assert!(met(ready, "Delta Ports Council", "2012-05-14"), "{:?}", claims(ready));
        // Two councils in scope: no guess.
        let two = "The Delta Ports Council and the River Pilots Committee worked together. \
                   The transport ministers, who met on 5 May 2011, focused on dredging.";
        assert!(!claims(two).iter().any(|(_, e, d, _)| *e == Event::Met && d == "2011-05-05"), "{:?}", claims(two));
    }

    #[test]
    fn a_council_that_agrees_on_a_day_met_that_day() {
        let text = "Ports matter.\n\nThe Delta Ports Council met in emergency session. \
                    On 2 March 2014, the Council agreed that the dam was unsafe.";
        assert!(met(text, "Delta Ports Council", "2014-03-02"), "{:?}", claims(text));
        let named = "On 2 March 2014, the Delta Ports Council decided to close the canal.";
        assert!(met(named, "Delta Ports Council", "2014-03-02"), "{:?}", claims(named));
        // A month is no meeting day; a body that meets no one is no meeting.
        let month = "In March 2014, the Delta Ports Council decided to close the canal.";
        assert!(!met(month, "Delta Ports Council", "2014-03"), "{:?}", claims(month));
        let treaty = "On 2 March 2014, the Delta Ports Treaty banned tolls.";
        assert!(!claims(treaty).iter().any(|(_, e, ..)| *e == Event::Met), "{:?}", claims(treaty));
    }
}

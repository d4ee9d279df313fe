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
    /// The topic's meeting dated by date item `di`, when people meet in the date's clause
    /// and the text names no other body that could be meeting.
    pub(super) fn implied_meeting(&self, di: usize, index: usize) -> Option<Claim> {
        let topic = self.topic?;
        let typed = self.bodies.iter().find(|m| m.name == topic).map(|m| m.kind);
        if !(typed.is_some_and(meets) || is_meeting_head(&head(topic))) {
            return None;
        }
        let role = self.met_role(di).or_else(|| self.their_meeting(di))?;
        let other = |items: &[Item<'_>]| {
            items.iter().any(|it| match it.kind {
                ItemKind::Body(b) => self.bodies.get(b).is_some_and(|m| m.name != topic && meets(m.kind)),
                _ => false,
            })
        };
        if other(self.items()) || self.previous.is_some_and(|p| other(&p.items)) {
            return None;
        }
        let subject = Subject { name: topic.to_string(), at: None, object: None, agent: Some(role), factor: 1.0 };
        self.claim(index, Event::Met, &subject, CONFIDENCE)
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
        before.take(4).any(|j| items.get(j).is_some_and(named))
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
    }
}

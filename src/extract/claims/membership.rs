//! Membership changes that the event words alone misread: the body a state leaves or
//! joins is the subject, the state is the agent, never the body.
//!
//! | frame | event | subject |
//! |---|---|---|
//! | `A joined X in D and hence ceased to be Y members`, `ceased to be a member of Y` | [`Event::Withdrew`] | Y |
//! | `A left X for Y in D` | [`Event::Joined`] | Y (X's leaving is the event word's own claim) |
//! | `A left X in D in order to join Y` | [`Event::Joined`] | Y, at a low confidence: a purpose |
//! | `A applied for (Y) membership (of Y) in D`, `applied to join Y` | [`Event::Applied`] | Y |
//!
//! The date is the verb's own (see `status`: the first date after it in its clause, or
//! one opening the sentence); `ceased` also takes the date of the predicate it is
//! coordinated with (`joined X in D and hence ceased …`). The agent is the run of
//! capitalised words that opens the sentence (`Austria, Sweden, and Finland`).
//!
//! Confidence: 0.7; 0.45 for a purpose (`in order to join`).

use super::super::{Claim, Event};
use super::Reader;
use super::frames::Subject;
use super::items::ItemKind;

/// Confidence of a membership frame.
const BASE: f32 = 0.7;
/// Confidence of a joining stated as the purpose of a leaving.
const PURPOSE: f32 = 0.45;

/// Words that may link a coordinated `ceased` to the predicate before it.
fn is_linking(w: &str) -> bool {
    matches!(w, "and" | "hence" | "thus" | "therefore" | "so" | "consequently" | "thereby" | "then" | "also")
}

impl Reader<'_, '_> {
    /// The claims of the membership frames of the sentence.
    pub(super) fn membership_claims(&self) -> Vec<Claim> {
        let items = self.items();
        let mut out = Vec::new();
        for (v, it) in items.iter().enumerate() {
            if it.kind != ItemKind::Word {
                continue;
            }
            let found = match it.lower().as_str() {
                "ceased" => self.ceased(v),
                "left" => self.left_for(v),
                "applied" => self.applied(v),
                _ => None,
            };
            if let Some((event, at, index, confidence)) = found
                && let Some(name) = self.item(at).and_then(|b| self.party_name(b))
            {
                let subject = Subject { name, at: Some(at), object: None, agent: self.opening_parties(v), factor: 1.0 };
                out.extend(self.claim(index, event, &subject, confidence));
            }
        }
        out
    }

    /// `the accession of A (and B) to X`, `the withdrawal of A from X`, the noun at item
    /// `n`: X is the subject and A the agent. With no body after `to`/`from`, no subject:
    /// A is a member, not the body joined ("the accession of Ruritania in 2007").
    pub(super) fn joiner_of(&self, n: usize) -> Option<Subject> {
        let (agent, first) = self.party_from(n + 2)?;
        let to = (first + 1..first + 8).find(|&k| self.item(k).is_some_and(|it| it.is("to") || it.is("from")))?;
        // Only names and their coordination between the joiner and `to`.
        let plain = (first + 1..to).all(|k| {
            self.item(k).is_some_and(|it| {
                it.is("and")
                    || it.is_punct(',')
                    || it.kind == ItemKind::Word && super::lexicon::is_cap(it.text)
                    || it.is_party()
            })
        });
        let at = self.body_at(to + 1).filter(|_| plain)?;
        let name = self.party_name(self.item(at)?)?;
        let agent = self.text_of(first, to).unwrap_or(agent);
        Some(Subject { name, at: Some(at), object: None, agent: Some(agent), factor: 1.0 })
    }

    /// The text of items `from..to`, trimmed.
    fn text_of(&self, from: usize, to: usize) -> Option<String> {
        let (a, b) = (self.item(from)?, self.item(to.checked_sub(1)?)?);
        self.doc.text().get(a.span.start..b.span.end).map(|s| s.trim().to_string())
    }

    /// The body item after item `k`, past an optional `the`.
    fn body_at(&self, k: usize) -> Option<usize> {
        let k = if self.item(k).is_some_and(|it| it.is("the")) { k + 1 } else { k };
        self.item(k).is_some_and(|it| matches!(it.kind, ItemKind::Body(_))).then_some(k)
    }

    /// `ceased to be (a) Y member(s)`, `ceased to be (a) member(s) of Y`.
    fn ceased(&self, v: usize) -> Option<(Event, usize, usize, f32)> {
        let is = |k: usize, w: &str| self.item(k).is_some_and(|it| it.is(w));
        if !(is(v + 1, "to") && is(v + 2, "be")) {
            return None;
        }
        let mut k = v + 3;
        if is(k, "a") || is(k, "an") {
            k += 1;
        }
        let member = |k: usize| is(k, "member") || is(k, "members");
        let body = match self.body_at(k) {
            Some(b) if member(b + 1) => b,
            _ if member(k) && is(k + 1, "of") => self.body_at(k + 2)?,
            _ => return None,
        };
        let index = self.frame_date(v).or_else(|| self.coordinated_date(v))?;
        Some((Event::Withdrew, body, index, BASE))
    }

    /// The date of the predicate that `ceased` at `v` is coordinated with: `… in D and
    /// hence ceased`, nothing but linking words and commas in between.
    fn coordinated_date(&self, v: usize) -> Option<usize> {
        let mut j = v;
        let mut linked = false;
        while j > 0 {
            j -= 1;
            let it = self.item(j)?;
            match it.kind {
                ItemKind::Date { index, usable: true } => return linked.then_some(index),
                ItemKind::Punct(',') => {}
                ItemKind::Word if is_linking(&it.lower()) => linked |= it.is("and"),
                _ => return None,
            }
        }
        None
    }

    /// `left X for Y` (Y joined) and `left X … (in order) to join Y` (a purpose).
    fn left_for(&self, v: usize) -> Option<(Event, usize, usize, f32)> {
        let left = self.body_at(v + 1)?;
        let index = self.frame_date(v)?;
        if self.item(left + 1).is_some_and(|it| it.is("for")) {
            return Some((Event::Joined, self.body_at(left + 2)?, index, BASE));
        }
        // "in 1985 in order to join the Y": a few items on, no other predicate between.
        let to = (left + 1..left + 8).find(|&k| {
            self.item(k).is_some_and(|it| it.is("to")) && self.item(k + 1).is_some_and(|it| it.is("join"))
        })?;
        let between_ok = (left + 1..to).all(|k| {
            self.item(k).is_some_and(|it| {
                matches!(it.kind, ItemKind::Date { .. } | ItemKind::Punct(','))
                    || ["in", "order", "on", "so", "as", "to"].iter().any(|w| it.is(w))
            })
        });
        between_ok.then_some(())?;
        Some((Event::Joined, self.body_at(to + 2)?, index, PURPOSE))
    }

    /// `applied for (the) (Y) membership (of|in Y)`, `applied to join Y`, `applied for
    /// accession to Y`.
    fn applied(&self, v: usize) -> Option<(Event, usize, usize, f32)> {
        let is = |k: usize, w: &str| self.item(k).is_some_and(|it| it.is(w));
        let body = if is(v + 1, "to") && is(v + 2, "join") {
            let body = self.body_at(v + 3)?;
            // The date is the joining's: "applied to join X in 1962".
            return Some((Event::Applied, body, self.frame_date(v + 2)?, BASE));
        } else if is(v + 1, "for") {
            let k = if is(v + 2, "the") { v + 3 } else { v + 2 };
            match self.body_at(k) {
                Some(b) if is(b + 1, "membership") => b,
                _ if (is(k, "membership") && (is(k + 1, "of") || is(k + 1, "in")))
                    || (is(k, "accession") && is(k + 1, "to")) =>
                {
                    self.body_at(k + 2)?
                }
                _ => return None,
            }
        } else {
            return None;
        };
        let index = self.frame_date(v)?;
        Some((Event::Applied, body, index, BASE))
    }

    /// The parties that open the sentence before item `v` (`Austria, Sweden, and Finland`,
    /// `The United Kingdom and Denmark`): capitalised words, commas and `and`, after an
    /// opening date; `None` when something else comes first or the run is long.
    fn opening_parties(&self, v: usize) -> Option<String> {
        let items = self.items();
        let mut start = 0;
        // "In 1995, …", "On 16 July 2009, …".
        if items.first().is_some_and(|it| it.is("in") || it.is("on"))
            && items.get(1).is_some_and(|it| matches!(it.kind, ItemKind::Date { .. }))
        {
            start = if items.get(2).is_some_and(|it| it.is_punct(',')) { 3 } else { 2 };
        }
        if items.get(start).is_some_and(|it| it.is("the")) {
            start += 1;
        }
        let mut end = start;
        while end < v {
            let it = items.get(end)?;
            let part = match it.kind {
                ItemKind::Word => super::lexicon::is_cap(it.text) || it.is("and"),
                ItemKind::Punct(',') | ItemKind::Body(_) => true,
                _ => false,
            };
            if !part {
                break;
            }
            end += 1;
        }
        let last = items.get(end.checked_sub(1)?)?;
        if end == start || end - start > 10 || !items.get(start)?.text.chars().next()?.is_uppercase() {
            return None;
        }
        // The run is the subject of the sentence's first verb: a lower-case word follows it.
        let verb_next =
            end < v && items.get(end).is_some_and(|it| it.kind == ItemKind::Word && !super::lexicon::is_cap(it.text));
        if !verb_next || last.is_punct(',') {
            return None;
        }
        let text = self.doc.text();
        text.get(items.get(start)?.span.start..last.span.end).map(str::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::Event;

    use super::super::tests::{brief, full as claims, in_brief as has};

    #[test]
    fn ceasing_to_be_a_member_is_leaving_the_body() {
        let t = "Ruritania and Freedonia joined the Alpine Water Union in 1981 and hence ceased to be \
                 Lake Council members.";
        let all = brief(t);
        assert!(has(&all, "Lake Council", Event::Withdrew, "1981"), "{all:?}");
        let left = all.iter().find(|(s, e, _, _)| s == "Lake Council" && *e == Event::Withdrew);
        assert_eq!(left.and_then(|l| l.2.as_deref()), Some("Ruritania and Freedonia"), "{all:?}");
        let t = "In 1990 Ruritania ceased to be a member of the Lake Council.";
        assert!(has(&brief(t), "Lake Council", Event::Withdrew, "1990"), "{:?}", brief(t));
        // A date of another, unlinked predicate is not the leaving's.
        let t = "Ruritania hosted the games in 1981, but it ceased to be a member of the Lake Council.";
        assert!(!brief(t).iter().any(|(_, e, _, _)| *e == Event::Withdrew), "{:?}", brief(t));
        // Ceasing to be something other than a member.
        let t = "In 1990 the Lake Council ceased to be a forum of experts.";
        assert!(!brief(t).iter().any(|(_, e, _, _)| *e == Event::Withdrew), "{:?}", brief(t));
    }

    #[test]
    fn leaving_for_another_body_joins_it() {
        let all = brief("Freedonia also left LAFTA for the Alpine Water Union in 1986.");
        assert!(has(&all, "Alpine Water Union", Event::Joined, "1986"), "{all:?}");
        assert!(has(&all, "LAFTA", Event::Withdrew, "1986"), "{all:?}");
        let t = "When Freedonia left the Lake Council in 1985 in order to join the Alpine Water Union, \
                 the others stayed.";
        let c = claims(t);
        let joined = c.iter().find(|c| c.subject == "Alpine Water Union" && c.event == Event::Joined);
        assert!(joined.is_some_and(|j| j.date.to_string() == "1985" && j.confidence < 0.5), "{c:?}");
        // Left a place, or left for a place: no body joined.
        let t = "The delegates left Geneva for Paris in 1986.";
        assert!(!brief(t).iter().any(|(_, e, _, _)| *e == Event::Joined), "{:?}", brief(t));
    }

    #[test]
    fn the_accession_of_a_state_is_no_claim_about_the_state() {
        let all = brief("Following the accession of Ruritania and Freedonia to the Lake Council in May 2004, it grew.");
        let joined = all.iter().find(|(s, e, _, d)| s == "Lake Council" && *e == Event::Joined && d == "2004-05");
        assert_eq!(joined.and_then(|j| j.2.as_deref()), Some("Ruritania and Freedonia"), "{all:?}");
        let all = brief("Following the accession of Ruritania in May 2004, the Lake Council grew.");
        assert!(!all.iter().any(|(s, _, _, _)| s == "Ruritania"), "{all:?}");
    }

    #[test]
    fn applying_for_membership() {
        let all = brief("Freedonia applied for Alpine Water Union membership in 2009.");
        assert!(has(&all, "Alpine Water Union", Event::Applied, "2009"), "{all:?}");
        let all =
            brief("On 16 July 2009, the government of Freedonia formally applied for membership of the Lake Council.");
        assert!(has(&all, "Lake Council", Event::Applied, "2009-07-16"), "{all:?}");
        let all = brief("Ruritania applied to join the Lake Council in 1962.");
        assert!(has(&all, "Lake Council", Event::Applied, "1962"), "{all:?}");
        // Applied rules or funds: no membership.
        let all = brief("The Lake Council applied for a loan in 1962.");
        assert!(!all.iter().any(|(_, e, _, _)| *e == Event::Applied), "{all:?}");
    }
}

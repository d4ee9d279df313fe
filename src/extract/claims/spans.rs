//! Spans of time opened or closed by a fronted bound: `Since 1996, the X has met four
//! times a year`, `From 2007, the X co-operate`, `Until 2002, the venue of X summits was Y`.
//!
//! The bound is the time of a change: what the clause states began at a `since` or `from`
//! date and ended at an `until` date. The clause says what held, not what happened, so the
//! claim is [`Event::Other`] (never compared), with the verb and the bound in
//! [`Claim::what`], at low confidence. Its subject is the body the clause's subject names:
//! the head (`the X has met …`; not `has` as a main verb, `X has its seat`) or, less sure, a body inside the subject's noun phrase (`the
//! venue for X summits was …`). A date inside the sentence (`… has met since 1996`), a
//! range (`from 1999 to 2004`, read by the generic reader), a clause with no body before
//! its verb or with a comma in its subject yields nothing here.
//!
//! `Between 1952 and 1967 X held …` needs no rule here: the generic reader dates both ends.

use super::super::{Claim, Event};
use super::Reader;
use super::frames::Subject;
use super::items::ItemKind;
use super::lexicon::{cardinal, is_be, is_cap, is_determiner};

/// Confidence of a span's claim whose subject heads the clause.
const HEAD: f32 = 0.32;
/// Confidence when the body only qualifies the subject's noun (`the venue for X summits`).
const INSIDE: f32 = 0.26;
/// How many items the subject may span before its verb.
const MAX_SUBJECT: usize = 10;

impl Reader<'_, '_> {
    /// The claims of the usable dates no rule before has claimed (not even as the time of
    /// a verb naming no event): a relative clause on a name the registry does not know
    /// (see `phrases`), then a fronted bound.
    pub(super) fn unclaimed_claims(&self, triggers: &[super::trigger::Trigger], claimed: &[Claim]) -> Vec<Claim> {
        let mut out = Vec::new();
        for (di, item) in self.items().iter().enumerate() {
            let ItemKind::Date { index, usable: true } = item.kind else { continue };
            let at = self.doc.location(item.span.start);
            if claimed.iter().any(|c| c.line == at.line && c.column == at.column) {
                continue;
            }
            out.extend(self.named_head_claim(triggers, di, index).or_else(|| self.span_claim(di, index)));
        }
        out
    }

    /// The claim of a date at `di` that a fronted `Since`, `From` or `Until` bounds.
    pub(super) fn span_claim(&self, di: usize, index: usize) -> Option<Claim> {
        let items = self.items();
        // The bound opens the sentence: "Since 1996, …", "Until 2002 the …".
        let bound = di.checked_sub(1).and_then(|b| items.get(b))?;
        let word = bound.lower();
        if di != 1 || !matches!(word.as_str(), "since" | "from" | "until" | "till") {
            return None;
        }
        let m = self.dates.get(index)?;
        if m.date?.is_range() {
            return None;
        }
        let mut s = di + 1;
        while items.get(s).is_some_and(|it| it.is_punct(',') || it.is("however")) {
            s += 1;
        }
        let v = self.span_verb(s)?;
        // The subject's noun phrase: no clause break, no second date.
        let subject = items.get(s..v)?;
        if subject.iter().any(|it| matches!(it.kind, ItemKind::Punct(_) | ItemKind::Date { .. })) {
            return None;
        }
        let (at, head) = (s..v).find(|&j| items.get(j).is_some_and(|it| it.is_party())).map(|j| {
            // The head when only articles lie before it and no noun follows it in the phrase.
            let bare = items.get(s..j).is_some_and(|b| b.iter().all(|it| is_determiner(&it.lower())));
            (j, bare && j + 1 == v)
        })?;
        let name = self.party_name(items.get(at)?)?;
        let conf = if head { HEAD } else { INSIDE };
        let subject = Subject { name, at: Some(at), object: None, agent: None, factor: 1.0 };
        let mut c = self.claim(index, Event::Other, &subject, conf)?;
        let verb = items.get(v)?.lower();
        let aux = matches!(verb.as_str(), "has" | "have" | "had") || is_be(&verb);
        let what = match items.get(v + 1).filter(|n| aux && n.kind == ItemKind::Word && !is_determiner(&n.lower())) {
            Some(n) => format!("{verb} {}", n.lower()),
            None => verb,
        };
        let bound = if word == "till" { "until" } else { word.as_str() };
        c.what = Some(format!("{what} ({bound})"));
        Some(c)
    }

    /// The verb of the clause whose subject starts at `s`: the first form of `be` or
    /// `have`, or a lower-case past or present tense after the subject's noun.
    fn span_verb(&self, s: usize) -> Option<usize> {
        let items = self.items();
        for v in s + 1..(s + MAX_SUBJECT).min(items.len()) {
            let it = items.get(v)?;
            if it.kind != ItemKind::Word || is_cap(it.text) {
                continue;
            }
            let w = it.lower();
            let after_noun = items
                .get(v - 1)
                .is_some_and(|p| p.is_party() || (p.kind == ItemKind::Word && !is_determiner(&p.lower())));
            // A present tense right after the body, before its object ("X publishes its …").
            let present = w.ends_with('s')
                && !w.ends_with("ss")
                && w != "has"
                && items.get(v - 1).is_some_and(|p| p.is_party())
                && items.get(v + 1).is_some_and(|n| n.is_party() || is_determiner(&n.lower()));
            // `has` as a main verb states a possession ("X has its seat in Y", "has nine
            // members"), no change; only a perfect ("has met", "has been") is read.
            let perfect = matches!(w.as_str(), "has" | "have" | "had")
                && items.get(v + 1).is_some_and(|n| {
                    let nw = n.lower();
                    n.kind == ItemKind::Word && !is_cap(n.text) && !is_determiner(&nw) && cardinal(&nw).is_none()
                });
            let finite = is_be(&w) || perfect || (after_noun && w.len() > 4 && w.ends_with("ed")) || present;
            if finite {
                return Some(v);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::full;
    use crate::extract::Event;

    /// (subject, what, date) of the `other` claims of `text`.
    fn others(text: &str) -> Vec<(String, String, String)> {
        full(text)
            .into_iter()
            .filter(|c| c.event == Event::Other)
            .map(|c| (c.subject, c.what.unwrap_or_default(), c.date.to_string()))
            .collect()
    }

    #[test]
    fn a_fronted_since_dates_the_start_of_what_the_body_does() {
        let got = others("Since 1996, the Nordic Fisheries Board has met four times a year.");
        assert!(
            got.iter().any(|(s, w, d)| s == "Nordic Fisheries Board" && w == "has met (since)" && d == "1996"),
            "{got:?}"
        );
        let got = others("From 2007 the Andean Water Commission publishes its minutes.");
        assert!(got.iter().any(|(s, _, d)| s == "Andean Water Commission" && d == "2007"), "{got:?}");
    }

    #[test]
    fn a_fronted_until_dates_a_change_of_a_body_inside_the_subject() {
        let text = "Until 1998, the venue for Baltic Rail Council meetings was the capital of the chairing state.";
        let got = full(text);
        let c = got.iter().find(|c| c.subject == "Baltic Rail Council" && c.date.to_string() == "1998");
        let c = c.unwrap_or_else(|| panic!("{got:?}"));
        assert_eq!(c.event, Event::Other);
        assert!(c.confidence < 0.3, "{c:?}");
        assert_eq!(c.what.as_deref(), Some("was (until)"));
    }

    #[test]
    fn a_bound_leaves_a_date_another_rule_claimed() {
        let got = full("From 2009, both the Alpine Rail Council and the Alpine Road Council moved to Bern.");
        assert!(got.iter().all(|c| !c.what.as_deref().unwrap_or_default().ends_with("(from)")), "{got:?}");
    }

    #[test]
    fn a_bound_inside_the_sentence_or_without_a_body_dates_nothing_here() {
        // Not fronted: the bound qualifies the verb, which other rules read.
        let got = others("The Nordic Fisheries Board has met four times a year since 1996.");
        assert!(got.iter().all(|(_, w, _)| !w.ends_with("(since)")), "{got:?}");
        // `has` as a main verb: a possession, no change.
        assert!(others("Since 1995 the Coastal Fishing Board has its seat in Bergen.").is_empty());
        // No body in the subject.
        assert!(others("Since 1996, the number of meetings has grown.").is_empty());
        // A clause break in the subject: the body is not its subject.
        let got = others("Since 2004, after the Alpine Road Council, ministers have met in Bern.");
        assert!(got.iter().all(|(_, w, _)| !w.ends_with("(since)")), "{got:?}");
        // A range is the generic reader's, not a bound.
        let got = others("From 1999 to 2004 the Danube Pilot Board sat in Vienna.");
        assert!(got.iter().all(|(_, w, _)| !w.ends_with("(from)")), "{got:?}");
    }
}

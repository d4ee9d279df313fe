//! Dates that a body's name carries, with no event word to govern them: attributive years
//! (`the 2004 Athens Summit`), dated titles (`the Madrid Declaration of 8 July 1997`),
//! `X (1985)`, a summit dated where it is named,
//! the opening session after a date, anniversaries, and the act that founded a body.

use super::super::{BodyType, Claim, Event};
use super::Reader;
use super::frames::Subject;
use super::items::{Item, ItemKind};
use super::lexicon::{Form, cardinal, creation_event, event_word, is_cap, is_determiner, ordinal};
use crate::date::{Date, Point, Unit};

impl<'a> Reader<'a, '_> {
    /// `the 2004 Athens Summit`: a date right before a body names that body's creation.
    pub(super) fn attributive(&self, di: usize, index: usize) -> Option<Claim> {
        if let Some(c) = self.dated_meeting_of(di, index).or_else(|| self.dated_event_noun(di, index)) {
            return Some(c);
        }
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
        self.claim(index, event, &subject, 0.7)
    }

    /// A heading that names a dated summit (`1990 Oslo Summit: the first steps`): the
    /// one claim a heading makes, since the year is part of the summit's name.
    pub(super) fn heading_summits(&self) -> Vec<Claim> {
        let mut out = Vec::new();
        for (di, item) in self.items().iter().enumerate() {
            let ItemKind::Date { index, usable: true } = item.kind else { continue };
            if let Some(mut c) = self.attributive(di, index).filter(|c| c.event == Event::Summit) {
                c.confidence = (c.confidence * 0.85 * 100.0).round() / 100.0;
                out.push(c);
            }
        }
        out
    }

    /// `the 9 March meeting of the X Commission`, `the 1996 session of X`: a date that
    /// qualifies a meeting of a named body dates that meeting (the body met).
    fn dated_meeting_of(&self, di: usize, index: usize) -> Option<Claim> {
        let items = self.items();
        if !items.get(di.checked_sub(1)?)?.is("the") {
            return None;
        }
        let noun = items.get(di + 1)?;
        if !(noun.is("meeting") || noun.is("session") || noun.is("sitting")) || !items.get(di + 2)?.is("of") {
            return None;
        }
        let (name, at) = self.party_from(di + 3)?;
        if !self.item(at).is_some_and(Item::is_party) {
            return None;
        }
        let subject = Subject { name, at: Some(at), object: None, agent: None, factor: 1.0 };
        self.claim(index, Event::Met, &subject, 0.7)
    }

    /// `their next meeting in May 2004`, `at its session on 3 May`: a meeting of the body
    /// that owns it — for `their`, the body whose ministers or leaders are the clause's
    /// people (`X Foreign Ministers pledged … their next meeting in D`); for `its`, the
    /// party before it in the clause.
    pub(super) fn possessive_meeting(&self, di: usize, index: usize) -> Option<Claim> {
        let items = self.items();
        if !(items.get(di.checked_sub(1)?)?.is("in") || items.get(di - 1)?.is("on")) {
            return None;
        }
        let noun = di.checked_sub(2)?;
        if !(items.get(noun)?.is("meeting") || items.get(noun)?.is("session")) {
            return None;
        }
        let mut k = noun.checked_sub(1)?;
        if matches!(items.get(k)?.lower().as_str(), "next" | "following" | "last" | "regular" | "annual") {
            k = k.checked_sub(1)?;
        }
        let owner = items.get(k)?;
        let (name, at, factor) = if owner.is("their") {
            // The people of the clause: "X Foreign Ministers … their".
            let people = (k.saturating_sub(20)..k).rev().find(|&m| {
                items.get(m).is_some_and(|it| {
                    matches!(it.lower().as_str(), "ministers" | "leaders" | "heads" | "ambassadors" | "representatives")
                })
            })?;
            if items
                .get(people..k)?
                .iter()
                .any(|it| matches!(it.kind, ItemKind::Punct(';' | '.') | ItemKind::Date { .. }))
            {
                return None;
            }
            let (name, at) = self.meeting_of(people + 1)?;
            (name, Some(at), 0.8)
        } else if owner.is("its") {
            let (name, at, factor) = self.party_before(k)?;
            if !at.and_then(|a| self.item(a)).is_some_and(Item::is_party) {
                return None;
            }
            (name, at, factor)
        } else {
            return None;
        };
        let subject = Subject { name, at, object: None, agent: None, factor };
        self.claim(index, Event::Met, &subject, 0.6 * factor)
    }

    /// `X, established by the 1992 Treaty of Y`: the act that created X is dated by a
    /// year before its name, and that year dates X's creation too.
    pub(super) fn created_by_dated_act(&self, di: usize, index: usize) -> Option<Claim> {
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
    pub(super) fn summit_held(&self, di: usize, index: usize) -> Option<Claim> {
        let items = self.items();
        let is_summit = |j: usize| match items.get(j).map(|it| it.kind) {
            Some(ItemKind::Body(b)) => self.bodies.get(b).is_some_and(|m| m.kind == BodyType::Summit),
            _ => false,
        };
        // BODY [in|at Place [and Place]] on|in DATE
        if di >= 2 && items.get(di - 1).is_some_and(|it| it.is("on") || it.is("in")) {
            let mut j = di - 2;
            let mut place = 0;
            let mut places: Vec<&str> = Vec::new();
            let cap = |k: usize| items.get(k).is_some_and(|it| it.kind == ItemKind::Word && is_cap(it.text));
            while j > 0 && place < 5 {
                if cap(j) {
                    places.push(items.get(j).map_or("", |it| it.text));
                } else if !(items.get(j).is_some_and(|it| it.is("and")) && place > 0 && cap(j - 1)) {
                    break;
                }
                j -= 1;
                place += 1;
            }
            let placed = place > 0 && j > 0 && items.get(j).is_some_and(|it| it.is("in") || it.is("at"));
            if placed {
                j -= 1;
            }
            if is_summit(j) {
                let name = self.party_name(items.get(j)?)?;
                let subject = Subject { name, at: Some(j), object: None, agent: None, factor: 1.0 };
                return self.claim(index, Event::Summit, &subject, 0.7);
            }
            // A summit named by the word and its place: "the Summit in Oslo and Bergen on
            // D", "their summit meeting in Lima on D" → the Oslo/Bergen Summit, the Lima Summit.
            if placed && !places.is_empty() {
                return self.summit_by_place(j, &places, index);
            }
        }
        // "the Hague summit of 1969": a summit named by its place and dated by `of`.
        if di >= 3
            && items.get(di - 1).is_some_and(|it| it.is("of"))
            && items.get(di - 2).is_some_and(|it| it.is("summit"))
        {
            let mut j = di - 3;
            let mut places: Vec<&str> = Vec::new();
            while places.len() < 3 && items.get(j).is_some_and(|it| it.kind == ItemKind::Word && is_cap(it.text)) {
                places.push(items.get(j).map_or("", |it| it.text));
                let Some(p) = j.checked_sub(1) else { break };
                j = p;
            }
            if !places.is_empty() && items.get(j).is_some_and(|it| it.is("the")) {
                places.reverse();
                let name = format!("{} Summit", places.join(" "));
                let subject = Subject { name, at: None, object: None, agent: None, factor: 1.0 };
                return self.claim(index, Event::Summit, &subject, 0.6);
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

    /// The word `summit` (or `summit meeting`) ending at item `j`, held in `places`
    /// (written last first): the summit named as the sheets name such meetings, by place.
    /// Lower confidence: the name is built, not read.
    fn summit_by_place(&self, j: usize, places: &[&str], index: usize) -> Option<Claim> {
        let items = self.items();
        let head = if items.get(j)?.is("meeting") { j.checked_sub(1)? } else { j };
        if !items.get(head)?.is("summit") {
            return None;
        }
        // "a summit in Lima": an article or a possessive before it; not "pre-summit" talks.
        let before = head.checked_sub(1).and_then(|b| items.get(b))?;
        // "the Alliance's Summit": a possessive, a capitalised word or a body.
        // "the December summit in Paris in 1974": a bare month, its year the one that dates the summit.
        let month = match before.kind {
            ItemKind::Date { index: m, .. } if head >= 2 && items.get(head - 2).is_some_and(|t| t.is("the")) => self
                .dates
                .get(m)
                .filter(|d| {
                    self.doc
                        .text()
                        .get(d.span.start..d.span.end)
                        .is_some_and(|t| !t.chars().any(|c| c.is_ascii_digit()))
                })
                .and_then(|d| d.date)
                .filter(|d| d.precision() == crate::date::Precision::Month)
                .and_then(|d| d.start().month_value()),
            // A month name the date reader left alone (no year in reach).
            ItemKind::Word if head >= 2 && items.get(head - 2).is_some_and(|t| t.is("the")) => {
                month_number(&before.lower())
            }
            _ => None,
        };
        let determined = matches!(before.lower().as_str(), "the" | "a" | "their" | "its" | "his" | "her" | "our" | "s")
            || (before.kind == ItemKind::Word && is_cap(before.text))
            || before.is_party()
            || month.is_some();
        if !determined {
            return None;
        }
        let mut names: Vec<&str> = places.to_vec();
        names.reverse();
        let subject =
            Subject { name: format!("{} Summit", names.join("/")), at: None, object: None, agent: None, factor: 1.0 };
        let mut c = self.claim(index, Event::Summit, &subject, 0.55)?;
        if let Some(m) = month {
            let year =
                self.dates.get(index).and_then(|d| d.date).filter(|d| d.precision() == crate::date::Precision::Year)?;
            c.date = Date::point(Point::month(year.start().year_value(), m)?);
            c.confidence = 0.5;
        }
        Some(c)
    }

    /// A titled meeting of experts: `a workshop on Water Rights in Arid Lands in March
    /// 2004`, `the conference on Ocean Acidification on 3 May 2010`. The title must be
    /// capitalised (a topic in lower case is no name); the meeting was held then.
    pub(super) fn titled_meeting(&self, di: usize, index: usize) -> Option<Claim> {
        let items = self.items();
        if !items.get(di.checked_sub(1)?)?.is("in") && !items.get(di - 1)?.is("on") {
            return None;
        }
        // Back over the title to "on": capitalised words and the small words inside titles.
        let mut j = di.checked_sub(2)?;
        let last = j;
        if !items.get(last).is_some_and(|it| it.kind == ItemKind::Word && is_cap(it.text)) {
            return None;
        }
        let small = |w: &str| matches!(w, "and" | "of" | "in" | "the" | "for" | "on" | "to" | "a" | "an" | "with");
        let on = loop {
            let it = items.get(j)?;
            if it.is("on") && j < last && items.get(j + 1).is_some_and(|n| is_cap(n.text)) {
                let noun = items.get(j.checked_sub(1)?)?.lower();
                if matches!(noun.as_str(), "workshop" | "conference" | "seminar" | "symposium" | "colloquium") {
                    break j;
                }
            }
            let ok = match it.kind {
                ItemKind::Word => is_cap(it.text) || small(&it.lower()),
                ItemKind::Body(_) => true,
                ItemKind::Punct(',' | '-' | ':') => true,
                _ => false,
            };
            if !ok || last - j > 16 {
                return None;
            }
            j = j.checked_sub(1)?;
        };
        let noun = items.get(on - 1)?;
        let doc = self.doc.text();
        let (start, end) = (noun.span.start, items.get(last)?.span.end);
        let name = doc.get(start..end)?.split_whitespace().collect::<Vec<_>>().join(" ");
        let subject = Subject { name, at: None, object: None, agent: None, factor: 1.0 };
        self.claim(index, Event::Met, &subject, 0.5)
    }

    /// `the Schengen Agreement (1985)`: a bare year in parentheses right after an act or a
    /// declaration, with no event word to govern it, dates its signing or adoption.
    pub(super) fn dated_in_parentheses(&self, di: usize, index: usize) -> Option<Claim> {
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

    /// A dated title: `the Madrid Declaration of 8 July 1997`.
    pub(super) fn dated_title(&self, di: usize, index: usize) -> Option<Claim> {
        let items = self.items();
        let ItemKind::Body(b) = items.get(di.checked_sub(2)?)?.kind else { return None };
        if !items.get(di - 1).is_some_and(|it| it.is("of")) {
            return None;
        }
        let body = self.bodies.get(b)?;
        let event =
            creation_event(body.kind).filter(|e| matches!(e, Event::Signed | Event::Summit | Event::Adopted))?;
        let subject = Subject { name: body.name.clone(), at: Some(di - 2), object: None, agent: None, factor: 1.0 };
        self.claim(index, event, &subject, 0.8)
    }

    /// Whether the sentence is a heading: a Markdown heading, or a short line on its own
    /// without final punctuation.
    pub(super) fn is_heading(&self) -> bool {
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
    pub(super) fn session_after(&self, di: usize, index: usize) -> Option<Claim> {
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
    pub(super) fn anniversaries(&self) -> Vec<Claim> {
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
            // "today" in a sheet dated by a month stands for the day the sheet dates (discourse).
            let anchor = super::discourse::today(self.doc.text(), self.dates, mention).or(mention.date);
            let Some(date) = anchor.and_then(|d| shift(d, years, shift_days)) else { continue };
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
}

/// The 1-based number of an English month name in lower case.
fn month_number(w: &str) -> Option<u8> {
    let months = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let at = months.iter().position(|m| *m == w)?;
    u8::try_from(at + 1).ok()
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
        Unit::Day { .. } => {
            let moved = p.add_days(days)?;
            let Unit::Day { month, day } = moved.unit() else { return None };
            Point::day(moved.year_value() - years, month, day)?
        }
        Unit::Month(m) => Point::month(year, m)?,
        Unit::Year => Point::year(year)?,
        _ => return None,
    };
    Some(Date::point(point))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{claims, has};
    use crate::extract::Event;

    #[test]
    fn a_summit_named_by_its_place() {
        has(
            "Despite the dispute, the League's Summit in Oslo and Bergen on 3 May 2011 agreed to resume talks.",
            "Oslo/Bergen Summit",
            Event::Summit,
            "2011-05-03",
        );
        has(
            "The charter was then submitted for signature by the ministers at their summit meeting in Lima on 4 June 2003.",
            "Lima Summit",
            Event::Summit,
            "2003-06-04",
        );
        // No place, or no summit: nothing named.
        let got = claims("The ministers prepared for a summit in 2003.");
        assert!(got.iter().all(|(_, e, _)| *e != Event::Summit), "{got:?}");
        let got = claims("The ministers toured the region in Lima on 4 June 2003.");
        assert!(got.iter().all(|(_, e, _)| *e != Event::Summit), "{got:?}");
    }

    #[test]
    fn a_summit_dated_by_a_bare_month_and_a_year() {
        // Whether or not the month alone took a year from the sentence before, the summit's wins.
        let text = "The league grew in 1979. At the March summit in Oslo in 1981, the leaders agreed.";
        has(text, "Oslo Summit", Event::Summit, "1981-03");
        let text = "At the March summit in Oslo in 1981, the leaders agreed.";
        has(text, "Oslo Summit", Event::Summit, "1981-03");
        // The summit is dated by the month, not by the year alone as well.
        let got = claims(text);
        assert!(!got.iter().any(|(s, _, d)| s == "Oslo Summit" && d == "1981"), "{got:?}");
    }

    #[test]
    fn a_heading_names_a_dated_summit() {
        has("1990 Oslo Summit: the first steps\n\nThe text follows here.\n", "Oslo Summit", Event::Summit, "1990");
        let got = claims("2004: the first steps\n\nThe text follows here.\n");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_titled_workshop_was_held() {
        has(
            "Research went on with a workshop on Soil Salinity in Arid and Coastal Farmland in March 2004.",
            "workshop on Soil Salinity in Arid and Coastal Farmland",
            Event::Met,
            "2004-03",
        );
        // A topic in lower case names no meeting.
        let got = claims("Research went on with a workshop on soil salinity in March 2004.");
        assert!(got.is_empty(), "{got:?}");
    }
}

#[cfg(test)]
mod meeting_tests {
    use super::super::tests::{claims, has};
    use crate::extract::Event;

    #[test]
    fn a_dated_meeting_of_a_body() {
        has(
            "The plan, announced at the 9 March 2004 meeting of the Rhine Basin Commission in Basel, was welcomed.",
            "Rhine Basin Commission",
            Event::Met,
            "2004-03-09",
        );
        // A meeting of no named body.
        let got = claims("The plan was discussed at the 9 March 2004 meeting of minds in Basel.");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn the_next_meeting_of_the_ministers_body() {
        has(
            "Rhine Basin Commission Environment Ministers pledged to finish the plan in time for their next meeting in May 2004 in Basel.",
            "Rhine Basin Commission",
            Event::Met,
            "2004-05",
        );
        // "their" with no ministers of a body in the clause.
        let got = claims("The farmers pledged to finish the plan in time for their next meeting in May 2004 in Basel.");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn a_summit_named_by_its_place_and_year() {
        has(
            "The Alpine Club grew after the Hague summit of 1969 and again later.",
            "Hague Summit",
            Event::Summit,
            "1969",
        );
        has("At their summit in Oslo in 1974, the leaders agreed.", "Oslo Summit", Event::Summit, "1974");
    }

    #[test]
    fn came_into_operation_or_effect() {
        has("The Harbour Fund came into operation in February 1977.", "Harbour Fund", Event::Began, "1977-02");
        has(
            "The Harbour Convention came into effect on 1 May 1960.",
            "Harbour Convention",
            Event::EnteredIntoForce,
            "1960-05-01",
        );
    }
}

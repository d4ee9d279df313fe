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
        // BODY [in|at Place] on|in DATE
        if di >= 2 && items.get(di - 1).is_some_and(|it| it.is("on") || it.is("in")) {
            let mut j = di - 2;
            let mut place = 0;
            while j > 0 && place < 3 && items.get(j).is_some_and(|it| it.kind == ItemKind::Word && is_cap(it.text)) {
                j -= 1;
                place += 1;
            }
            if place > 0 && j > 0 && items.get(j).is_some_and(|it| it.is("in") || it.is("at")) {
                j -= 1;
            }
            if is_summit(j) {
                let name = self.party_name(items.get(j)?)?;
                let subject = Subject { name, at: Some(j), object: None, agent: None, factor: 1.0 };
                return self.claim(index, Event::Summit, &subject, 0.7);
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

//! Claims written as structure rather than prose: chronology lists, tables and
//! infobox-style field lines. Read line by line on the normalised text (bullets, `#`
//! markers and indentation already dropped; see [`crate::normalize`]).
//!
//! 1. **Chronology items**: a line that begins with a date and then states an event
//!    (`1997 - Founding Act signed`, `27 May 1997: the Act is signed`). The line must
//!    look like a list item: the date is followed by a dash or colon, or a neighbouring
//!    line also begins with a date. The event word comes from the lexicon; its subject is
//!    a body the item names (the object of an active verb, else the body before the verb,
//!    or the `of` phrase of a noun), or a definite description (`the Council`) whose head
//!    noun is the sheet topic's head. An item with no event word (`2004: The Athens
//!    Summit`) gives no claim, like a bare heading.
//! 2. **Tables** (pipe and grid tables, whitespace-aligned columns): the header row
//!    names the columns. `Accession`/`Joined`/`Admitted` columns date a member joining
//!    the table's body, `Withdrawal`/`Left` a member leaving it (the agent is the row's
//!    name cell); `Term`/`Tenure`/`Year` under an office title (`Secretaries-General`,
//!    `President`) date an appointment (the agent is the person, the date the term's
//!    start); `Founded`/`Signed`/`Adopted` date the body the row itself names. A
//!    `Year | Event` table is read as a chronology. The table's body is the body the
//!    nearest preceding heading or caption names, else the sheet topic.
//!    A list introduced by a paragraph about `meetings of X` (`summits of`, `sessions of`)
//!    dates a meeting of X by each item that names no event (`1985, Lyon: budget reform`);
//!    an item dated no later than the list's own `Creation of X` item is a summit held at
//!    its place instead (`1969, _Lyon_: …` → Lyon Summit): X did not meet before it existed.
//! 3. **Field lines**: `Established | 1 June 1960`, `Formation: 3 May 1960`,
//!    `Founded 1949` alone on a line near the top: the sheet topic's establishment.
//!
//! The sheet topic is the body the first line opens with (`The X is …`, a title line
//! `X`); with none, claims that need it are not made.
//!
//! Confidence: 0.8 for a table or item whose body is named in its heading, caption or
//! the item itself; 0.65 when the body is the sheet topic (inferred from the first line);
//! 0.5 for a definite description resolved to the topic; times 0.8 when a table row names
//! no member or person. A date already claimed by the prose reader is left to it.

use super::super::{BodyMention, Claim, DateMention, Event};
use super::items::usable;
use super::lexicon::{Form, event_word};
use crate::corpus::Document;
use crate::date::Date;
use crate::span::Span;

/// Confidence of a claim whose body the structure itself names.
const NAMED: f32 = 0.8;
/// Confidence of a claim whose body is the sheet topic.
const TOPIC: f32 = 0.65;
/// Confidence of a definite description resolved to the sheet topic.
const DESCRIBED: f32 = 0.5;
/// Confidence of an item of a list its introduction calls meetings of a body.
const LISTED: f32 = 0.6;
/// Confidence of a wiki category line's claim about the sheet topic.
const CATEGORY: f32 = 0.6;
/// Confidence of a list item that is only a title (its event read off its head noun).
const TITLED: f32 = 0.55;
/// How many items on each side of a list item are read for the list's creation item.
const LIST_REACH: usize = 200;
/// How many lines from the top a field line may stand to date the topic.
const FIELD_LINES: usize = 40;

/// Adds the claims of `doc`'s structured lines to `out`, skipping dates `out` already claims.
pub(super) fn add_structured(doc: &Document, dates: &[DateMention], bodies: &[BodyMention], out: &mut Vec<Claim>) {
    let reader = Lines::new(doc, dates, bodies);
    let mut found = reader.claims();
    found.retain(|c| !out.iter().any(|o| o.line == c.line && o.column == c.column));
    out.extend(found);
    out.sort_by_key(|c| (c.line, c.column));
}

/// A date to claim: a date mention, or a table cell that is only a year.
#[derive(Debug, Clone, Copy)]
struct Dated {
    date: Date,
    span: Span,
    inferred: bool,
}

impl Dated {
    fn of(d: &DateMention) -> Option<Dated> {
        Some(Dated { date: d.date?, span: d.span, inferred: d.inferred })
    }
}

/// The body a claim is about, with how sure we are of it.
#[derive(Debug, Clone)]
struct Body {
    name: String,
    /// Where it is written, when on the claim's line.
    span: Option<Span>,
    confidence: f32,
}

struct Lines<'a> {
    doc: &'a Document,
    text: &'a str,
    dates: &'a [DateMention],
    bodies: &'a [BodyMention],
    /// Every line of the normalised text, without its line feed.
    lines: Vec<Span>,
    topic: Option<&'a BodyMention>,
}

impl<'a> Lines<'a> {
    fn new(doc: &'a Document, dates: &'a [DateMention], bodies: &'a [BodyMention]) -> Lines<'a> {
        let text = doc.text();
        let mut lines = Vec::new();
        let mut start = 0;
        for (i, _) in text.match_indices('\n') {
            lines.push(Span::new(start, i));
            start = i + 1;
        }
        lines.push(Span::new(start, text.len()));
        let topic = topic(text, &lines, bodies);
        Lines { doc, text, dates, bodies, lines, topic }
    }

    fn line_text(&self, i: usize) -> &'a str {
        self.lines.get(i).and_then(|s| self.text.get(s.start..s.end)).unwrap_or("")
    }

    /// The usable dates inside `span`.
    fn dates_in(&self, span: Span) -> impl Iterator<Item = (usize, &'a DateMention)> + '_ {
        let first = self.dates.partition_point(|d| d.span.start < span.start);
        self.dates
            .iter()
            .enumerate()
            .skip(first)
            .take_while(move |(_, d)| d.span.start < span.end)
            .filter(move |(_, d)| d.span.end <= span.end && usable(d))
    }

    /// The body mentions inside `span`.
    fn bodies_in(&self, span: Span) -> impl Iterator<Item = &'a BodyMention> + '_ {
        let first = self.bodies.partition_point(|b| b.span.start < span.start);
        self.bodies[first..].iter().take_while(move |b| b.span.start < span.end).filter(move |b| b.span.end <= span.end)
    }

    fn is_heading(&self, span: Span) -> bool {
        self.doc.normalized.headings.iter().any(|h| span.contains(*h) && !h.is_empty())
    }

    fn claims(&self) -> Vec<Claim> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.lines.len() {
            let consumed = self.table_at(i, &mut out);
            if consumed > 0 {
                i += consumed;
                continue;
            }
            self.chronology_item(i, &mut out);
            self.definition_item(i, &mut out);
            self.category_line(i, &mut out);
            if i < FIELD_LINES {
                self.field_line(i, &mut out);
            }
            i += 1;
        }
        out
    }

    // ---- 1. Chronology items ------------------------------------------------------

    /// The date a line begins with, if the line is a chronology item.
    fn leading_date(&self, i: usize) -> Option<(&'a DateMention, Span)> {
        let line = *self.lines.get(i)?;
        let raw = self.line_text(i);
        let lead = raw.len() - raw.trim_start().len();
        let start = line.start + lead;
        let (_, d) = self.dates_in(line).next()?;
        if d.span.start != start || self.is_heading(line) || raw.trim_start().starts_with('|') {
            return None;
        }
        let rest = Span::new(d.span.end, line.end);
        Some((d, rest))
    }

    fn chronology_item(&self, i: usize, out: &mut Vec<Claim>) {
        let Some((d, rest)) = self.leading_date(i) else { return };
        let after = self.text.get(rest.start..rest.end).unwrap_or("");
        let trimmed = after.trim_start();
        let separator = trimmed.chars().next().filter(|c| matches!(c, '-' | ':' | ',' | ';' | ')' | '.'));
        // A dash or colon marks an item; otherwise a neighbouring dated line makes a list.
        let listed = matches!(separator, Some('-' | ':'))
            || (i > 0 && self.leading_date(i - 1).is_some())
            || self.leading_date(i + 1).is_some();
        if !listed || trimmed.is_empty() {
            return;
        }
        let skip = after.len() - trimmed.len() + separator.map_or(0, char::len_utf8);
        let event_text = Span::new(rest.start + skip, rest.end);
        let Some(dated) = Dated::of(d) else { return };
        // "1991, Rome: Agreement on the X Treaty." states its event; "2000, Rome: X
        // Strategy" only names what the item is about (a bare title, read by its head noun).
        let stated = self.read_event(event_text, dated, i).or_else(|| self.bare_title(event_text, dated, i));
        // "Notable meetings of the X Council:" then "1985, Milan: …": each item is a meeting,
        // whatever it decided, except the one that created the body itself.
        let listed = self.meetings_listed(i);
        // A meeting the list dates no later than the body's own creation (an item of the
        // same list) was no meeting of it yet: the summit held at the item's place.
        let before_body = listed.as_ref().and_then(|body| self.created_in_list(i, &body.name));
        let meeting = listed
            .filter(|body| !stated.as_ref().is_some_and(|c| c.event == Event::Established && c.subject == body.name));
        out.extend(stated);
        if before_body.is_some_and(|year| dated.date.start().year_value() <= year) {
            out.extend(self.summit_at_place(event_text, dated, i));
        } else {
            out.extend(meeting.and_then(|body| self.claim(dated, Event::Met, body, None, i)));
        }
    }

    /// The dated items of the list holding item line `i` (blank lines skipped), at most
    /// `LIST_REACH` on each side.
    fn list_rows(&self, i: usize) -> Vec<usize> {
        let mut rows = vec![i];
        let mut j = i;
        while let Some(k) = j.checked_sub(1)
            && rows.len() <= LIST_REACH
        {
            j = k;
            if self.line_text(j).trim().is_empty() {
                continue;
            }
            if self.leading_date(j).is_none() {
                break;
            }
            rows.push(j);
        }
        let above = rows.len();
        let mut j = i + 1;
        while j < self.lines.len() && rows.len() <= above + LIST_REACH {
            if !self.line_text(j).trim().is_empty() {
                if self.leading_date(j).is_none() {
                    break;
                }
                rows.push(j);
            }
            j += 1;
        }
        rows
    }

    /// The year an item of the list holding line `i` says `body` was created (`1970,
    /// Rome: Creation of the Council`).
    fn created_in_list(&self, i: usize, body: &str) -> Option<i32> {
        self.list_rows(i)
            .into_iter()
            .filter_map(|r| {
                let (d, rest) = self.leading_date(r)?;
                let dated = Dated::of(d)?;
                let c = self.read_event(rest, dated, r)?;
                (c.event == Event::Established && c.subject == body).then(|| dated.date.start().year_value())
            })
            .min()
    }

    /// `1969, _The Hague_: …`: the summit held at the item's place (`The Hague Summit`).
    fn summit_at_place(&self, span: Span, d: Dated, line: usize) -> Option<Claim> {
        let raw = self.text.get(span.start..span.end)?.trim_start();
        let end = raw.find([':', ','])?;
        let place = raw.get(..end)?.trim().trim_matches('_').trim();
        let words: Vec<&str> = place.split_whitespace().collect();
        let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
        if words.is_empty() || words.len() > 3 || !words.iter().all(capitalised) {
            return None;
        }
        let body = Body { name: format!("{} Summit", words.join(" ")), span: None, confidence: LISTED * 0.9 };
        self.claim(d, Event::Summit, body, None, line)
    }

    /// An item that is only a title, after an optional place (`2000, _Rome_: Water
    /// Strategy`, `2010, Relief Facility`): the title's creation event by its head noun
    /// (a strategy or declaration adopted, a facility or fund created, a treaty signed).
    /// Only in a list (a neighbouring line is a dated item too), and not a title that
    /// starts with `The` (a dated heading: `2004: The Lakeside Summit`).
    fn bare_title(&self, span: Span, d: Dated, line: usize) -> Option<Claim> {
        let in_list = (line > 0 && self.leading_date(line - 1).is_some()) || self.leading_date(line + 1).is_some();
        if !in_list {
            return None;
        }
        let raw = self.text.get(span.start..span.end)?;
        let (offset, title) = after_place(raw);
        let title = strip_refs(title);
        let title = title.trim().trim_end_matches('.').trim();
        let event = title_event(title)?;
        let start = span.start + offset + raw.get(offset..)?.find(title.get(..1)?)?;
        let name_span = Span::new(start, start + title.len());
        // A body mention that is the whole title names it as the registry knows it.
        let name = self
            .bodies_in(name_span)
            .find(|b| b.span == name_span)
            .map_or_else(|| title.to_string(), |b| b.name.clone());
        let exact = self.text.get(name_span.start..name_span.end) == Some(title);
        let body = Body { name, span: exact.then_some(name_span), confidence: TITLED };
        self.claim(d, event, body, None, line)
    }

    /// A definition item, `Name (ACR): Created in June 2002 through …`: the name before
    /// the colon is the subject of the past participle that opens the definition, dated
    /// by the first date within a few words of it. The name is at most eight words, starts
    /// with a capital and holds no event word itself.
    fn definition_item(&self, i: usize, out: &mut Vec<Claim>) {
        const REACH: usize = 6;
        let Some(&line) = self.lines.get(i) else { return };
        let raw = self.line_text(i);
        let Some(colon) = raw.find(": ") else { return };
        if self.is_heading(line) || self.leading_date(i).is_some() {
            return;
        }
        let lead = raw.len() - raw.trim_start().len();
        let head = raw.get(lead..colon).unwrap_or("").trim_end();
        // "Name (ACR)": the name without its acronym.
        let name = match head.strip_suffix(')').and_then(|h| h.rfind(" (").map(|p| (h, p))) {
            Some((h, p))
                if h.get(p + 2..).is_some_and(|a| a.len() <= 8 && a.chars().all(|c| c.is_ascii_uppercase())) =>
            {
                h.get(..p).unwrap_or("")
            }
            _ => head,
        };
        let name_words: Vec<&str> = name.split_whitespace().collect();
        let starts_cap = name.chars().next().is_some_and(char::is_uppercase);
        if !starts_cap
            || name_words.is_empty()
            || name_words.len() > 8
            || name.contains(['(', ')', '[', '|', '"'])
            || name_words.iter().any(|w| item_event_word(&w.to_lowercase()).is_some())
        {
            return;
        }
        let body_span = Span::new(line.start + lead, line.start + lead + name.len());
        // A name the sheet defines an acronym for, or a body it names: not "Note: Founded …".
        let registered = self.bodies_in(body_span).find(|b| b.span == body_span).map(|b| b.name.clone());
        if registered.is_none() && name.len() == head.len() {
            return;
        }
        let rest = Span::new(line.start + colon + 1, line.end);
        let words = words(self.text, rest);
        let Some((verb, event)) = words.first().and_then(|(s, w)| {
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            match item_event_word(&w.to_lowercase()) {
                Some((e, Form::Past)) if capital => Some((*s, e)),
                _ => None,
            }
        }) else {
            return;
        };
        // The date within REACH words of the verb, before the sentence ends.
        let reach_end = words.get(REACH).map_or(rest.end, |(s, _)| s.start);
        let stop =
            self.text.get(verb.end..reach_end).and_then(|t| t.find(['.', ';'])).map_or(reach_end, |p| verb.end + p);
        let Some((_, d)) = self.dates_in(Span::new(verb.end, stop)).next() else { return };
        let name_text = collapse_ws(name);
        let body = Body { name: registered.unwrap_or(name_text), span: Some(body_span), confidence: NAMED };
        out.extend(Dated::of(d).and_then(|d| self.claim(d, event, body, None, i)));
    }

    /// A wiki category line (`Category:Organizations established in 1960`,
    /// `Category:1960 establishments in Europe`, `Category:Treaties concluded in 1959`,
    /// `Category:Treaties entered into force in 1961`): the sheet topic's event, once per
    /// event and date. Only on a line of categories, and only when the topic is known.
    fn category_line(&self, i: usize, out: &mut Vec<Claim>) {
        let Some(&line) = self.lines.get(i) else { return };
        let raw = self.line_text(i);
        if !raw.trim_start().starts_with("Category:") {
            return;
        }
        let Some(topic) = self.topic_body() else { return };
        let mut seen: Vec<(Event, Date)> = Vec::new();
        let mut starts: Vec<usize> = raw.match_indices("Category:").map(|(p, _)| p).collect();
        starts.push(raw.len());
        for w in starts.windows(2) {
            let (Some(&a), Some(&b)) = (w.first(), w.get(1)) else { continue };
            let segment = raw.get(a + "Category:".len()..b).unwrap_or("").trim_end();
            let lower = segment.to_lowercase();
            let event = if lower.contains("disestablish") || lower.contains("dissolved") {
                None
            } else if lower.contains(" established in ")
                || lower.contains(" founded in ")
                || lower.split_whitespace().nth(1).is_some_and(|w| w == "establishments")
            {
                Some(Event::Established)
            } else if lower.contains(" concluded in ") || lower.contains(" signed in ") {
                Some(Event::Signed)
            } else if lower.contains(" entered into force in ") {
                Some(Event::EnteredIntoForce)
            } else {
                None
            };
            let Some(event) = event else { continue };
            let span = Span::new(line.start + a, line.start + b);
            let Some(d) = self.dates_in(span).find_map(|(_, d)| Dated::of(d)) else { continue };
            if seen.contains(&(event, d.date)) {
                continue;
            }
            seen.push((event, d.date));
            let body = Body { confidence: CATEGORY, ..topic.clone() };
            out.extend(self.claim(d, event, body, None, i));
        }
    }

    /// The body whose meetings the list holding item line `i` enumerates: the paragraph
    /// that introduces the list (the first line above it that is no item) speaks of
    /// `meetings of`, `summits of` or `sessions of` a named body.
    fn meetings_listed(&self, i: usize) -> Option<Body> {
        let mut j = i;
        loop {
            j = j.checked_sub(1)?;
            if self.line_text(j).trim().is_empty() {
                continue;
            }
            if self.leading_date(j).is_none() {
                break;
            }
        }
        let intro = *self.lines.get(j)?;
        if self.is_heading(intro) {
            return None;
        }
        // Matched on the text, not on the line's mentions: a name glued to a dash
        // ("the X Council-and …") is no mention there, but the sheet names it elsewhere.
        let lower = self.line_text(j).to_lowercase();
        for phrase in ["meetings of ", "summits of ", "sessions of "] {
            for (at, _) in lower.match_indices(phrase) {
                let rest = lower.get(at + phrase.len()..).unwrap_or("");
                let rest = rest.strip_prefix("the ").unwrap_or(rest);
                let named = self
                    .bodies
                    .iter()
                    .filter(|b| b.name.contains(' ') && rest.starts_with(&b.name.to_lowercase()))
                    .max_by_key(|b| b.name.len());
                if let Some(b) = named {
                    return Some(Body { name: b.name.clone(), span: None, confidence: LISTED });
                }
            }
        }
        None
    }

    /// Reads the event stated in `span` (an item's text or a table's event cell), dated by `d`.
    fn read_event(&self, span: Span, d: Dated, line: usize) -> Option<Claim> {
        let words = words(self.text, span);
        let (wi, (event, form)) = words.iter().enumerate().find_map(|(wi, (_, w))| {
            let lower = w.to_lowercase();
            // "Agreement on the X Treaty": X agreed (adopted); a bare "agreement" (with
            // someone, for something) names no event of a body.
            if lower == "agreement" {
                let on = words.get(wi + 1).is_some_and(|(_, n)| n.eq_ignore_ascii_case("on"));
                return on.then_some((wi, (Event::Adopted, Form::Noun)));
            }
            item_event_word(&lower).map(|e| (wi, e))
        })?;
        let (trigger, _) = *words.get(wi)?;
        let clause_end =
            self.text.get(trigger.end..span.end).and_then(|t| t.find(';')).map_or(span.end, |p| trigger.end + p);
        let before: Vec<&BodyMention> = self.bodies_in(Span::new(span.start, trigger.start)).collect();
        let after: Vec<&BodyMention> = self.bodies_in(Span::new(trigger.end, clause_end)).collect();
        let by = words.get(wi + 1).is_some_and(|(_, w)| w.eq_ignore_ascii_case("by"))
            || words.get(wi + 2).is_some_and(|(_, w)| w.eq_ignore_ascii_case("by"));
        let named = |b: &BodyMention| Body { name: b.name.clone(), span: Some(b.span), confidence: NAMED };
        let mut agent = None;
        let subject = match form {
            // "Creation of the Council", "Accession of Spain to the Union".
            Form::Noun => match event {
                Event::Joined | Event::Withdrew => after.last().map(|b| named(b)),
                _ => after.first().filter(|b| self.follows_of(trigger, b.span)).map(|b| named(b)),
            }
            .or_else(|| self.described_after(trigger, clause_end)),
            // "Seven countries join the Alliance": the body joined, the agent before.
            _ if matches!(event, Event::Joined | Event::Withdrew) => {
                let b = after.first()?;
                let who = self.text.get(span.start..trigger.start).unwrap_or("").trim();
                if !who.is_empty() && who.split_whitespace().count() <= 5 && before.is_empty() {
                    agent = Some(who.to_string());
                }
                Some(named(b))
            }
            // "NATO establishes the Council": the object; "Founding Act signed": the noun before.
            _ => match (after.first(), before.last()) {
                (Some(b), _) if !by => Some(named(b)),
                (_, Some(b)) => Some(named(b)),
                _ => self.described_before(span.start, trigger.start),
            },
        }?;
        self.claim(d, event, subject, agent, line)
    }

    /// Whether body span `b` is the `of` phrase right after `trigger`.
    fn follows_of(&self, trigger: Span, b: Span) -> bool {
        let between = self.text.get(trigger.end..b.start).unwrap_or("").trim().to_lowercase();
        matches!(between.as_str(), "of" | "of the" | "to" | "to the" | "on" | "on the")
    }

    /// `of the Council` after a noun trigger, when `Council` is the topic's head noun.
    fn described_after(&self, trigger: Span, end: usize) -> Option<Body> {
        let rest = self.text.get(trigger.end..end)?;
        let rest = rest.trim_start().strip_prefix("of ")?.trim_start();
        let noun = rest.strip_prefix("the ")?.split(|c: char| !c.is_alphanumeric() && c != '-').next()?;
        self.topic_by_head(noun)
    }

    /// `the Act is signed`: the description before the trigger names the topic.
    fn described_before(&self, start: usize, trigger: usize) -> Option<Body> {
        let head = self.text.get(start..trigger)?;
        let mut it = head.split_whitespace();
        if !it.next()?.eq_ignore_ascii_case("the") {
            return None;
        }
        let noun = it.next()?;
        self.topic_by_head(noun.trim_end_matches(|c: char| !c.is_alphanumeric()))
    }

    fn topic_by_head(&self, noun: &str) -> Option<Body> {
        let topic = self.topic?;
        let head = topic.name.split_whitespace().last()?;
        let capitalised = noun.chars().next().is_some_and(char::is_uppercase);
        (capitalised && head.eq_ignore_ascii_case(noun)).then(|| Body {
            name: topic.name.clone(),
            span: None,
            confidence: DESCRIBED,
        })
    }

    // ---- 2. Tables ----------------------------------------------------------------

    /// Reads a table starting at line `i`; returns how many lines it spans (0: none).
    fn table_at(&self, i: usize, out: &mut Vec<Claim>) -> usize {
        if let Some(n) = self.pipe_table(i, out) {
            return n;
        }
        self.aligned_table(i, out).unwrap_or(0)
    }

    fn pipe_table(&self, i: usize, out: &mut Vec<Claim>) -> Option<usize> {
        let is_row = |j: usize| self.line_text(j).trim_start().starts_with('|');
        let is_grid = |j: usize| {
            let t = self.line_text(j).trim();
            t.starts_with('+') && t.chars().all(|c| matches!(c, '+' | '-' | '=' | ':' | '|' | ' '))
        };
        if !(is_row(i) || is_grid(i)) || (i > 0 && (is_row(i - 1) || is_grid(i - 1))) {
            return None;
        }
        let mut end = i;
        while end < self.lines.len() && (is_row(end) || is_grid(end)) {
            end += 1;
        }
        let grid = (i..end).any(is_grid);
        let rule = |j: usize| {
            let t = self.line_text(j).trim();
            is_grid(j)
                || (t.starts_with('|') && t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')))
        };
        // Logical rows: a grid row runs between rules; a pipe row is one line.
        let mut rows: Vec<(usize, Vec<Vec<Span>>)> = Vec::new();
        let mut header_rows: Option<usize> = None;
        let mut current: Option<(usize, Vec<Vec<Span>>)> = None;
        for j in i..end {
            if rule(j) {
                if let Some(r) = current.take() {
                    rows.push(r);
                }
                let t = self.line_text(j);
                if header_rows.is_none() && (t.contains('=') || (!grid && t.contains('-'))) {
                    header_rows = Some(rows.len());
                }
                continue;
            }
            let cells = self.pipe_cells(j);
            match current.as_mut() {
                Some((_, cols)) if grid => {
                    for (k, c) in cells.into_iter().enumerate() {
                        match cols.get_mut(k) {
                            Some(col) => col.push(c),
                            None => cols.push(vec![c]),
                        }
                    }
                }
                _ => {
                    if let Some(r) = current.take() {
                        rows.push(r);
                    }
                    current = Some((j, cells.into_iter().map(|c| vec![c]).collect()));
                }
            }
        }
        rows.extend(current);
        let header_rows = header_rows.filter(|&h| h > 0).unwrap_or(1).min(rows.len());
        let (head, body) = rows.split_at(header_rows);
        let mut header: Vec<String> = Vec::new();
        for (_, cols) in head {
            for (k, col) in cols.iter().enumerate() {
                let t = self.cell_text(col);
                match header.get_mut(k) {
                    Some(h) => {
                        h.push(' ');
                        h.push_str(&t);
                    }
                    None => header.push(t),
                }
            }
        }
        let header: Vec<String> = header.iter().map(|h| h.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
        self.read_table(i, &header, body, out);
        Some(end - i)
    }

    /// The cells between the pipes of line `j`.
    fn pipe_cells(&self, j: usize) -> Vec<Span> {
        let Some(line) = self.lines.get(j) else { return Vec::new() };
        let t = self.line_text(j);
        let pipes: Vec<usize> = t.match_indices('|').map(|(p, _)| p).collect();
        pipes.windows(2).filter_map(|w| Some(Span::new(line.start + w.first()? + 1, line.start + w.get(1)?))).collect()
    }

    /// Whitespace-aligned columns: a header line and rows split by runs of two spaces or more.
    fn aligned_table(&self, i: usize, out: &mut Vec<Claim>) -> Option<usize> {
        let split = |j: usize| -> Vec<Span> {
            let Some(line) = self.lines.get(j) else { return Vec::new() };
            let t = self.line_text(j);
            let mut cells = Vec::new();
            let mut start: Option<usize> = None;
            let bytes = t.as_bytes();
            let mut k = 0;
            while k < bytes.len() {
                let gap = bytes.get(k) == Some(&b' ') && bytes.get(k + 1) == Some(&b' ');
                if bytes.get(k) != Some(&b' ') && start.is_none() {
                    start = Some(k);
                } else if gap && let Some(s) = start.take() {
                    cells.push(Span::new(line.start + s, line.start + k));
                }
                k += 1;
            }
            if let Some(s) = start {
                cells.push(Span::new(line.start + s, line.start + t.trim_end().len()));
            }
            cells
        };
        let dashes = |j: usize| {
            let t = self.line_text(j).trim();
            !t.is_empty() && t.chars().all(|c| c == '-' || c == ' ')
        };
        let header = split(i);
        if header.len() < 2 || i > 0 && split(i - 1).len() >= 2 || self.dates_in(*self.lines.get(i)?).next().is_some() {
            return None;
        }
        let mut rows = Vec::new();
        let mut end = i + 1;
        while end < self.lines.len() {
            if dashes(end) {
                end += 1;
                continue;
            }
            let cells = split(end);
            if cells.len() != header.len() {
                break;
            }
            rows.push((end, cells.into_iter().map(|c| vec![c]).collect::<Vec<_>>()));
            end += 1;
        }
        let names: Vec<String> = header.iter().map(|s| self.cell_text(&[*s])).collect();
        // Two rows at least, under a header that names a dated column.
        let dated = names.iter().any(|n| matches!(role(n), Role::Event(_) | Role::Term | Role::Year));
        if rows.len() < 2 || !dated {
            return None;
        }
        self.read_table(i, &names, &rows, out);
        Some(end - i)
    }

    /// The date a table cell gives: its first date mention, or a cell that is only a year
    /// or a range of years (`1960`, `1960-1965`, `2018-present`), which prose rules do not
    /// read as dates without a preposition.
    fn cell_date(&self, pieces: &[Span]) -> Option<Dated> {
        if let Some(d) = pieces.iter().find_map(|s| self.dates_in(*s).next()).and_then(|(_, d)| Dated::of(d)) {
            return Some(d);
        }
        let piece = pieces.iter().find(|s| self.text.get(s.start..s.end).is_some_and(|t| !t.trim().is_empty()))?;
        let raw = self.text.get(piece.start..piece.end)?;
        let text = strip_refs(raw);
        let year: String = text.chars().take_while(char::is_ascii_digit).collect();
        let rest = text.get(year.len()..)?.trim();
        let rest_ok = rest.is_empty()
            || rest.strip_prefix('-').map(str::trim).is_some_and(|r| {
                (r.len() == 4 && r.chars().all(|c| c.is_ascii_digit()))
                    || matches!(r.to_lowercase().as_str(), "present" | "today" | "incumbent" | "")
            });
        let value: i32 = year.parse().ok().filter(|_| year.len() == 4)?;
        if !rest_ok || !(1000..=2099).contains(&value) {
            return None;
        }
        let start = piece.start + (raw.len() - raw.trim_start().len());
        Some(Dated {
            date: Date::point(crate::date::Point::year(value)?),
            span: Span::new(start, start + 4),
            inferred: false,
        })
    }

    /// A cell's text: its pieces joined, references (`[12]`) dropped.
    fn cell_text(&self, pieces: &[Span]) -> String {
        let joined: Vec<&str> = pieces
            .iter()
            .filter_map(|s| self.text.get(s.start..s.end))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect();
        strip_refs(&joined.join(" "))
    }

    fn read_table(&self, first_line: usize, header: &[String], rows: &[(usize, Vec<Vec<Span>>)], out: &mut Vec<Claim>) {
        let roles: Vec<Role> = header.iter().map(|h| role(h)).collect();
        let caption = self.caption_before(first_line);
        let office = caption.as_ref().is_some_and(|(t, _)| names_office(t)) || header.iter().any(|h| names_office(h));
        let table_body = caption.as_ref().and_then(|(_, b)| b.clone()).or_else(|| self.topic_body());
        let chronology = roles.iter().position(|r| *r == Role::Text);
        let events = roles.iter().any(|r| matches!(r, Role::Event(_)));
        for (line, cols) in rows {
            let name_col = roles
                .iter()
                .enumerate()
                .find(|(k, r)| **r == Role::Name && cols.get(*k).is_some_and(|c| !self.cell_text(c).is_empty()))
                .map(|(k, _)| k)
                .or_else(|| {
                    cols.iter().enumerate().position(|(k, c)| {
                        roles.get(k) == Some(&Role::Other)
                            && !self.cell_text(c).is_empty()
                            && c.iter().all(|s| self.dates_in(*s).next().is_none())
                    })
                });
            let name = name_col.and_then(|k| cols.get(k)).map(|c| self.cell_text(c)).filter(|n| !n.is_empty());
            for (k, role) in roles.iter().enumerate() {
                let Some(cell) = cols.get(k) else { continue };
                let Some(d) = self.cell_date(cell) else { continue };
                match *role {
                    Role::Event(e @ (Event::Joined | Event::Withdrew)) => {
                        let Some(body) = table_body.clone() else { continue };
                        let body =
                            if name.is_none() { Body { confidence: body.confidence * 0.8, ..body } } else { body };
                        out.extend(self.claim(d, e, body, name.clone(), *line));
                    }
                    Role::Event(e) => {
                        // The row names the body founded or signed.
                        let row_body = name_col
                            .and_then(|nk| cols.get(nk))
                            .and_then(|c| c.iter().find_map(|s| self.bodies_in(*s).next()));
                        if let Some(b) = row_body {
                            let body = Body { name: b.name.clone(), span: Some(b.span), confidence: NAMED };
                            out.extend(self.claim(d, e, body, None, *line));
                        }
                    }
                    Role::Term | Role::Year if office && !events && chronology.is_none() => {
                        let (Some(body), Some(person)) = (table_body.clone(), name.clone()) else { continue };
                        out.extend(self.claim(d, Event::Appointed, body, Some(person), *line));
                    }
                    Role::Year => {
                        let Some(text_col) = chronology.and_then(|t| cols.get(t)) else { continue };
                        for s in text_col {
                            if let Some(c) = self.read_event(*s, d, *line) {
                                out.push(c);
                                break;
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// The nearest heading or caption line above `line` (within a few lines): its text
    /// and the body it names, if any.
    fn caption_before(&self, line: usize) -> Option<(String, Option<Body>)> {
        for j in (line.saturating_sub(6)..line).rev() {
            let t = self.line_text(j).trim();
            if t.is_empty() {
                continue;
            }
            let span = *self.lines.get(j)?;
            let short = t.len() <= 80 && !t.ends_with('.');
            if !(self.is_heading(span) || short) {
                return None;
            }
            let body =
                self.bodies_in(span).next().map(|b| Body { name: b.name.clone(), span: None, confidence: NAMED });
            return Some((t.to_string(), body));
        }
        None
    }

    fn topic_body(&self) -> Option<Body> {
        self.topic.map(|t| Body { name: t.name.clone(), span: None, confidence: TOPIC })
    }

    // ---- 3. Field lines -----------------------------------------------------------

    /// `Established | 1 June 1960`, `Formation: 3 May 1960`, `Founded 1949`.
    fn field_line(&self, i: usize, out: &mut Vec<Claim>) {
        let Some(&line) = self.lines.get(i) else { return };
        let raw = self.line_text(i);
        let t = raw.trim().trim_matches('|').trim();
        if t.is_empty() || t.len() > 80 {
            return;
        }
        let label: String =
            t.chars().take_while(|c| c.is_alphabetic() || *c == ' ').collect::<String>().trim().to_lowercase();
        if !matches!(
            label.as_str(),
            "established" | "founded" | "formation" | "formed" | "created" | "founding" | "inception" | "date founded"
        ) {
            return;
        }
        let Some((_, d)) = self.dates_in(line).next() else { return };
        // The label, a separator, the date and at most a reference or an aside.
        let label_end = line.start + (raw.len() - raw.trim_start().len()) + raw.trim_start().find(&t[..1]).unwrap_or(0);
        let between = self.text.get(label_end..d.span.start).unwrap_or("");
        let sep_ok = between.chars().filter(|c| c.is_alphabetic()).count()
            == label.chars().filter(|c| c.is_alphabetic()).count();
        let tail = strip_refs(self.text.get(d.span.end..line.end).unwrap_or(""));
        let tail = tail.trim().trim_matches('|').trim();
        let tail_ok = tail.is_empty() || tail.starts_with('(') || tail.starts_with(';');
        if !sep_ok || !tail_ok {
            return;
        }
        if let Some(body) = self.topic_body() {
            out.extend(Dated::of(d).and_then(|d| self.claim(d, Event::Established, body, None, i)));
        }
    }

    // ---- Claims -------------------------------------------------------------------

    fn claim(&self, d: Dated, event: Event, body: Body, agent: Option<String>, line: usize) -> Option<Claim> {
        let span = self.lines.get(line).copied().unwrap_or(d.span);
        let raw = self.text.get(span.start..span.end).unwrap_or("");
        let lead = raw.len() - raw.trim_start().len();
        let quote_span = Span::new(span.start + lead, span.start + raw.trim_end().len());
        let quote = self.text.get(quote_span.start..quote_span.end).unwrap_or("").to_string();
        let rel = |s: Span| Span::new(s.start.saturating_sub(quote_span.start), s.end.saturating_sub(quote_span.start));
        // A range (a term, `1960-1965`) dates its start.
        let date = if d.date.is_range() { Date::point(d.date.start()) } else { d.date };
        let mut confidence = body.confidence;
        if d.inferred {
            confidence *= 0.8;
        }
        let location = self.doc.location(d.span.start);
        let subject_text =
            body.span.and_then(|s| self.text.get(s.start..s.end)).map_or_else(|| body.name.clone(), str::to_string);
        Some(
            Claim::new(self.doc.id.clone(), body.name.clone(), event, date, location)
                .written(subject_text, self.doc.original_slice(d.span).to_string())
                .parties(agent, None)
                .inferred(d.inferred)
                .quoted(quote, rel(d.span), body.span.filter(|s| quote_span.contains(*s)).map(rel))
                .confident(confidence),
        )
    }
}

/// The body the sheet opens with: `The X is …` or a title line `X`.
fn topic<'a>(text: &str, lines: &[Span], bodies: &'a [BodyMention]) -> Option<&'a BodyMention> {
    let first = lines.iter().find(|l| text.get(l.start..l.end).is_some_and(|t| !t.trim().is_empty()))?;
    let b = bodies.first()?;
    if b.span.start < first.start || b.span.end > first.end {
        return None;
    }
    let before = text.get(first.start..b.span.start)?.trim();
    (before.is_empty() || before.eq_ignore_ascii_case("the")).then_some(b)
}

/// The words of `span` with their spans (letters, digits, hyphens, apostrophes).
fn words(text: &str, span: Span) -> Vec<(Span, &str)> {
    let Some(t) = text.get(span.start..span.end) else { return Vec::new() };
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (k, c) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
        let part = c.is_alphanumeric() || c == '-' || c == '\'';
        match (part, start) {
            (true, None) => start = Some(k),
            (false, Some(s)) => {
                out.push((Span::new(span.start + s, span.start + k), t.get(s..k).unwrap_or("")));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The event a word of a chronology item names: the lexicon, plus leaving words that
/// only a list item's terse style makes safe to read as an event.
fn item_event_word(lower: &str) -> Option<(Event, Form)> {
    match lower {
        "withdrew" | "withdraws" | "leaves" | "left" | "quits" | "quit" => Some((Event::Withdrew, Form::Past)),
        "withdrawal" | "departure" | "exit" => Some((Event::Withdrew, Form::Noun)),
        "appointed" | "elected" => Some((Event::Appointed, Form::Past)),
        "appointment" | "election" => Some((Event::Appointed, Form::Noun)),
        _ => event_word(lower),
    }
}

/// The text of an item after a leading place (`_Rome_:`, `Rome:`, `Rome,`): its byte
/// offset in `raw` and the rest. A place is one to three capitalised words (or words
/// in emphasis markers) followed by a colon or comma; with none, `raw` itself.
fn after_place(raw: &str) -> (usize, &str) {
    let lead = raw.len() - raw.trim_start().len();
    let t = raw.trim_start();
    let Some(end) = t.find([':', ',']) else { return (lead, t) };
    let place = t.get(..end).unwrap_or("").trim().trim_matches('_').trim();
    let words: Vec<&str> = place.split_whitespace().collect();
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase) || w.eq_ignore_ascii_case("the");
    if words.is_empty() || words.len() > 3 || !words.iter().all(capitalised) {
        return (lead, t);
    }
    let rest = t.get(end + 1..).unwrap_or("");
    let skip = rest.len() - rest.trim_start().len();
    (lead + end + 1 + skip, rest.trim_start())
}

/// The creation event a bare title states by its head noun: `Water Strategy`,
/// `Declaration on river safety` (adopted), `Relief Facility` (created), `Lake Treaty`
/// (signed). The head is the last word of a capitalised title, or the first word when
/// a lower-case complement follows it (`Declaration on …`). Summits and conferences are
/// left alone: a list item naming one is a heading of that meeting.
fn title_event(title: &str) -> Option<Event> {
    let words: Vec<&str> = title.split_whitespace().collect();
    if words.is_empty() || words.len() > 8 || words.first().is_some_and(|w| w.eq_ignore_ascii_case("the")) {
        return None;
    }
    let plain = |w: &&str| w.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '\'');
    if !words.iter().all(plain) || !words.first()?.chars().next()?.is_uppercase() {
        return None;
    }
    let connector = |w: &&str| matches!(*w, "of" | "on" | "for" | "and" | "the" | "to" | "in");
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    let head = if words.iter().all(|w| capitalised(w) || connector(w)) {
        // "European Relief Facility", "Charter of the Rivers": the head is the last word
        // before any complement.
        let cut = words.iter().position(|w| matches!(*w, "of" | "on" | "for")).unwrap_or(words.len());
        words.get(..cut)?.last()?
    } else if words.get(1).is_some_and(|w| matches!(*w, "on" | "of" | "for")) {
        words.first()?
    } else {
        return None;
    };
    match head.to_lowercase().as_str() {
        "strategy" | "declaration" | "agenda" | "charter" | "resolution" | "plan" | "pact" | "compact" | "doctrine" => {
            Some(Event::Adopted)
        }
        "facility" | "fund" | "mechanism" | "agency" | "authority" | "bank" | "court" | "office" | "institute"
        | "centre" | "center" | "secretariat" | "tribunal" => Some(Event::Established),
        "treaty" | "convention" | "protocol" | "accord" => Some(Event::Signed),
        "programme" | "program" | "initiative" => Some(Event::Launched),
        _ => None,
    }
}

/// `s` with runs of white space collapsed to one space.
fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text with bracketed references (`[12]`) removed and white space collapsed.
fn strip_refs(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a table column holds, by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The row's member, person or body.
    Name,
    /// Dates of this event.
    Event(Event),
    /// A term of office (`Term`, `Tenure`, `In office`).
    Term,
    /// Plain years or dates (`Year`, `Date`, `Period`).
    Year,
    /// Text stating an event (`Event`, `Description`).
    Text,
    /// Anything else.
    Other,
}

/// The role of a column from its header text.
fn role(header: &str) -> Role {
    let h = header.to_lowercase();
    let words: Vec<&str> = h.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let has = |w: &str| words.contains(&w);
    let any = |ws: &[&str]| ws.iter().any(|w| has(w));
    // Leaving first: "Left X and joined Y" is about leaving X.
    if any(&["withdrawal", "withdrew", "left", "exit", "departure"]) {
        return Role::Event(Event::Withdrew);
    }
    if any(&["accession", "joined", "admitted", "admission", "membership"]) {
        return Role::Event(Event::Joined);
    }
    if any(&["founded", "established", "establishment", "formation", "formed", "created", "founding", "inception"]) {
        return Role::Event(Event::Established);
    }
    if any(&["signed", "signature", "signing"]) {
        return Role::Event(Event::Signed);
    }
    if any(&["adopted", "adoption"]) {
        return Role::Event(Event::Adopted);
    }
    if any(&["term", "tenure", "mandate", "served"]) || h.contains("in office") || h.contains("took office") {
        return Role::Term;
    }
    if any(&["year", "years", "date", "dates", "period"]) {
        return Role::Year;
    }
    if any(&["event", "events", "description", "milestone", "development"]) {
        return Role::Text;
    }
    if any(&["name", "member", "members", "state", "states", "country", "countries", "party", "holder", "incumbent"])
        || names_office(&h)
    {
        return Role::Name;
    }
    Role::Other
}

/// Whether a caption or header names an office whose holders a table lists.
fn names_office(text: &str) -> bool {
    const OFFICES: [&str; 9] =
        ["secretar", "presiden", "director", "chair", "governor", "commissioner", "registrar", "ombuds", "rapporteur"];
    let t = text.to_lowercase();
    t.split(|c: char| !c.is_alphanumeric())
        .any(|w| OFFICES.iter().any(|o| w.starts_with(o)) || matches!(w, "head" | "heads" | "leader" | "leaders"))
        || t.contains("high representative")
}

#[cfg(test)]
mod tests {
    use super::super::super::Event;

    use super::super::tests::{brief, full as claims, in_brief as has};

    const TOPIC: &str = "The Alpine Water Association (AWA) is a regional body of mountain states.\n\n";

    #[test]
    fn chronology_items_with_a_dash_or_colon() {
        let text = format!(
            "{TOPIC}Key dates\n\n* 12 March 1961 - Northern Fisheries Convention signed in Oslo\n\
             * 1966: Three states join the Alpine Water Association\n"
        );
        let all = brief(&text);
        assert!(has(&all, "Northern Fisheries Convention", Event::Signed, "1961-03-12"), "{all:?}");
        let joined = all.iter().find(|(_, e, _, d)| *e == Event::Joined && d == "1966");
        assert_eq!(joined.and_then(|j| j.2.as_deref()), Some("Three states"), "{all:?}");
    }

    #[test]
    fn chronology_noun_of_a_description_takes_the_topic_at_lower_confidence() {
        let text = format!("{TOPIC}- 1958: Creation of the Association.\n- 1960: Opening of a field office.\n");
        let c = claims(&text);
        let created = c.iter().find(|c| c.event == Event::Established && c.date.to_string() == "1958");
        assert_eq!(created.map(|c| c.subject.as_str()), Some("Alpine Water Association"), "{c:?}");
        assert!(created.is_some_and(|c| c.confidence <= 0.5));
        // "a field office" names no body: no claim for 1960.
        assert!(!c.iter().any(|c| c.date.to_string() == "1960"), "{c:?}");
    }

    #[test]
    fn a_dated_heading_without_an_event_gives_nothing() {
        let all = brief(&format!("{TOPIC}2004: The Lakeside Summit\n\nDelegates came from far away.\n"));
        assert!(all.iter().all(|(_, _, _, d)| d != "2004"), "{all:?}");
    }

    #[test]
    fn a_sentence_opening_with_a_year_is_no_list_item() {
        let c = claims(&format!("{TOPIC}1997 was a busy year, and the AWA grew.\n"));
        assert!(c.is_empty(), "{c:?}");
    }

    #[test]
    fn pipe_table_of_members_dates_joining_and_leaving() {
        let text = format!(
            "{TOPIC}Former members\n\n| Member | Accession | Withdrawal |\n|---|---|---|\n\
             | Ruritania | 1961 | 1972 |\n| Freedonia | 1965 | 1990 [4] |\n"
        );
        let c = claims(&text);
        let find = |e: Event, d: &str| c.iter().find(|c| c.event == e && c.date.to_string() == d);
        let left = find(Event::Withdrew, "1972").expect("withdrawal of Ruritania");
        assert_eq!(left.subject, "Alpine Water Association");
        assert_eq!(left.agent.as_deref(), Some("Ruritania"));
        assert!(left.confidence < 0.7, "the body is the sheet topic: {}", left.confidence);
        assert_eq!(find(Event::Joined, "1965").and_then(|c| c.agent.as_deref()), Some("Freedonia"));
        assert_eq!(c.len(), 4, "{c:?}");
    }

    #[test]
    fn a_caption_naming_a_body_makes_the_table_confident() {
        let text = format!(
            "{TOPIC}Members of the Coastal Ports Council\n\n| State | Joined |\n|---|---|\n| Ruritania | 1971 |\n"
        );
        let c = claims(&text);
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].subject, "Coastal Ports Council");
        assert!(c[0].confidence >= 0.8);
    }

    #[test]
    fn grid_table_of_office_holders_dates_term_starts() {
        let text = format!(
            "{TOPIC}Secretaries-General\n\n+------+-----------------+\n| Name | Term            |\n\
             +======+=================+\n| Anna Berg        | 1960-1965 |\n+------+-----------------+\n\
             | Olaf Lind        | 1965-present |\n+------+-----------------+\n"
        );
        let all = brief(&text);
        assert!(has(&all, "Alpine Water Association", Event::Appointed, "1960"), "{all:?}");
        assert!(
            all.iter().any(|(_, e, a, d)| *e == Event::Appointed && a.as_deref() == Some("Olaf Lind") && d == "1965")
        );
    }

    #[test]
    fn a_table_of_years_without_an_office_or_event_gives_nothing() {
        let text = format!("{TOPIC}| Country | Population | Year |\n|---|---|---|\n| Ruritania | 3,000 | 1999 |\n");
        assert!(claims(&text).is_empty());
    }

    #[test]
    fn year_and_event_table_is_a_chronology() {
        let text =
            format!("{TOPIC}| Year | Event |\n|---|---|\n| 1975 | Lake Charter adopted |\n| 1980 | Staff grew |\n");
        let all = brief(&text);
        assert!(has(&all, "Lake Charter", Event::Adopted, "1975"), "{all:?}");
        assert_eq!(all.len(), 1, "{all:?}");
    }

    #[test]
    fn aligned_columns_are_a_table() {
        let text = format!(
            "{TOPIC}Member      Accession   Withdrawal\nRuritania   1961        1972\nFreedonia   1965        1990\n"
        );
        let all = brief(&text);
        assert!(has(&all, "Alpine Water Association", Event::Withdrew, "1990"), "{all:?}");
        assert_eq!(all.len(), 4, "{all:?}");
    }

    #[test]
    fn field_lines_date_the_topic_founding() {
        for line in ["Established | 1 June 1960", "Formation: 1 June 1960", "Founded 1 June 1960 [2]"] {
            let all = brief(&format!("{TOPIC}{line}\n"));
            assert!(has(&all, "Alpine Water Association", Event::Established, "1960-06-01"), "{line}: {all:?}");
        }
    }

    #[test]
    fn field_lines_need_a_topic_and_nothing_after_the_date() {
        let all = brief(&format!("{TOPIC}Founded: 1 June 1960 by farmers from the valley\n"));
        assert!(!all.iter().any(|(_, e, _, _)| *e == Event::Established), "{all:?}");
        let untitled = brief("Mountain water in the valleys\n\nFounded: 1 June 1960\n");
        assert!(untitled.is_empty(), "{untitled:?}");
    }

    #[test]
    fn items_with_a_place_and_a_nominal_event() {
        let text = "The Pacific Fisheries Council manages fish stocks.\n\n\
                    Some meetings of the Pacific Fisheries Council - and of its forerunner - mattered:\n\n\
                    -   1969, _Suva_: Creation of the Council.\n\
                    -   1988, _Apia_: Agreement on the Tuna Treaty.\n\
                    -   1991; _Honiara_: Declaration on coastal waters.[3]\n\
                    -   1995, _Nuku'alofa_: Reef Strategy\n\
                    -   2001, Island Relief Facility\n\
                    -   2004, _Apia_: Agreement for the 2006 enlargement.\n";
        let all = brief(text);
        assert!(has(&all, "Pacific Fisheries Council", Event::Established, "1969"), "{all:?}");
        // The item that created the council is no meeting of it.
        assert!(!has(&all, "Pacific Fisheries Council", Event::Met, "1969"), "{all:?}");
        assert!(has(&all, "Tuna Treaty", Event::Adopted, "1988"), "{all:?}");
        assert!(has(&all, "Declaration on coastal waters", Event::Adopted, "1991"), "{all:?}");
        assert!(has(&all, "Reef Strategy", Event::Adopted, "1995"), "{all:?}");
        assert!(has(&all, "Island Relief Facility", Event::Established, "2001"), "{all:?}");
        for year in ["1988", "1991", "1995", "2001", "2004"] {
            assert!(has(&all, "Pacific Fisheries Council", Event::Met, year), "{year}: {all:?}");
        }
        // "Agreement for" something names no body: the meeting only.
        assert_eq!(all.iter().filter(|(_, _, _, d)| d == "2004").count(), 1, "{all:?}");
    }

    #[test]
    fn items_before_the_listed_body_existed_are_summits_at_their_place() {
        let text = "The Pacific Fisheries Council manages fish stocks.\n\n\
                    Some meetings of the Pacific Fisheries Council - and of its forerunner - mattered:\n\n\
                    -   1965, _Port Vila_: Fishing zones.\n\
                    -   1969, _Suva_: Creation of the Council.\n\
                    -   1988, _Apia_: Tuna quotas.\n";
        let all = brief(text);
        assert!(has(&all, "Port Vila Summit", Event::Summit, "1965"), "{all:?}");
        assert!(has(&all, "Suva Summit", Event::Summit, "1969"), "{all:?}");
        assert!(!has(&all, "Pacific Fisheries Council", Event::Met, "1965"), "{all:?}");
        // After its creation, an item is a meeting of the council, not a summit.
        assert!(has(&all, "Pacific Fisheries Council", Event::Met, "1988"), "{all:?}");
        assert!(!has(&all, "Apia Summit", Event::Summit, "1988"), "{all:?}");
        // No creation item in the list: every item stays a meeting.
        let text = "The Pacific Fisheries Council manages fish stocks.\n\n\
                    Some meetings of the Pacific Fisheries Council mattered:\n\n\
                    -   1965, _Port Vila_: Fishing zones.\n\
                    -   1988, _Apia_: Tuna quotas.\n";
        let all = brief(text);
        assert!(has(&all, "Pacific Fisheries Council", Event::Met, "1965"), "{all:?}");
        assert!(!all.iter().any(|(_, e, _, _)| *e == Event::Summit), "{all:?}");
    }

    #[test]
    fn bare_titles_need_a_list_and_a_head_noun_that_says_the_event() {
        // Alone (no neighbouring dated item), a title is a heading.
        let all = brief(&format!("{TOPIC}1995: Reef Strategy\n\nThe reefs were mapped.\n"));
        assert!(all.is_empty(), "{all:?}");
        // In a list, a title whose head says no event, or a title with "The", gives nothing.
        let all = brief(&format!("{TOPIC}- 1995: Reef Survey\n- 1996: The Reef Strategy\n- 1997: quiet year\n"));
        assert!(all.is_empty(), "{all:?}");
    }

    #[test]
    fn definition_items_name_their_subject() {
        let text = "Working groups of the league:\n\n\
                    Youth Football (YF): Created in May 2004 through the merging of two older groups.\n\
                    Referees and Rules (RR): Established in 1999, and renamed later.\n\
                    Stadiums (ST): Composed of club owners since 1990.\n\
                    Note: Founded in 1950 by the clubs.\n";
        let all = brief(text);
        assert!(has(&all, "Youth Football", Event::Established, "2004-05"), "{all:?}");
        assert!(has(&all, "Referees and Rules", Event::Established, "1999"), "{all:?}");
        // No event word opening the definition, or no name: nothing.
        assert!(!all.iter().any(|(_, _, _, d)| d == "1990" || d == "1950"), "{all:?}");
    }

    #[test]
    fn category_lines_date_the_topic() {
        let text = format!(
            "{TOPIC}The association grew.\n\nCategory:1961 establishments in Europe Category:Water \
             Category:Organizations established in 1961 Category:Treaties concluded in 1959 \
             Category:1999 disestablishments\n"
        );
        let all = brief(&text);
        assert!(has(&all, "Alpine Water Association", Event::Established, "1961"), "{all:?}");
        assert!(has(&all, "Alpine Water Association", Event::Signed, "1959"), "{all:?}");
        assert_eq!(all.iter().filter(|(_, e, _, _)| *e == Event::Established).count(), 1, "{all:?}");
        assert!(!all.iter().any(|(_, _, _, d)| d == "1999"), "{all:?}");
        // Without a topic, or outside a category line: nothing.
        let all = brief("Mountain water in the valleys\n\nCategory:Organizations established in 1961\n");
        assert!(all.is_empty(), "{all:?}");
        let all = brief(&format!("{TOPIC}Organizations established in 1961 are listed here.\n"));
        assert!(all.is_empty(), "{all:?}");
    }

    #[test]
    fn items_of_a_list_of_meetings() {
        let text = "The Pacific Fisheries Council manages fish stocks.\n\n\
                    Several sessions of the Pacific Fisheries Council changed its course, for example:\n\n\
                    -   1971, _Suva_: quota reform.\n\
                    -   1978, _Apia_: a new observer scheme.\n\
                    -   1983, _Nuku'alofa_: Creation of the Fisheries Agency.\n";
        let all = brief(text);
        assert!(has(&all, "Pacific Fisheries Council", Event::Met, "1971"), "{all:?}");
        assert!(has(&all, "Pacific Fisheries Council", Event::Met, "1978"), "{all:?}");
        // An item that states an event keeps it, and is a meeting of the council too.
        assert!(has(&all, "Fisheries Agency", Event::Established, "1983"), "{all:?}");
        assert!(has(&all, "Pacific Fisheries Council", Event::Met, "1983"), "{all:?}");
        // A list introduced by anything else dates no meeting.
        let text = "The Pacific Fisheries Council manages fish stocks.\n\n\
                    Catches of the Pacific Fisheries Council members grew, for example:\n\n\
                    -   1971, _Suva_: quota reform.\n\
                    -   1978, _Apia_: a new observer scheme.\n";
        let all = brief(text);
        assert!(!all.iter().any(|(_, e, _, _)| *e == Event::Met), "{all:?}");
    }
}

//! Date extraction: every temporal expression of one document, normalised to a [`Date`].
//!
//! In: a [`Document`] and, when known, its stated date. Out: [`DateMention`]s in document
//! order, non-overlapping, with the document date detected from a header or footer
//! ("Updated: 29-Oct-2002", "correct as of May 2002") when none was stated. No I/O, no
//! state across documents, no panics on any input.
//!
//! It works in four steps:
//!
//! 1. `scan` finds candidates, each a class of phrasing: full dates in any order, numeric
//!    dates, month and year, season and year, decades and centuries, years in a context that
//!    makes them years, year-less months and seasons after a preposition, relative expressions
//!    and durations. Digits inside URLs, e-mail addresses and phone numbers are masked first.
//! 2. Overlaps are settled by length: the longest candidate wins ("Friday, 4 February 2011,
//!    1:32 PM" over "2011"; "two years later" over "two years").
//! 3. Neighbours joined by a range word become one range ("5 December to 7 December 2000",
//!    "between May and June 2000", "from 1994 until 2014").
//! 4. Values are resolved in document order. A date without a year takes it from the
//!    *governing date*: the last adverbial date in the same section (a Markdown heading starts
//!    a new one), or else the document date. Dates that only name something ("the 1997
//!    Founding Act", "(1991)") never govern; a year-less date, once resolved, governs in turn;
//!    a relative date governs only when it moves forward ("the following year"), as a look
//!    back ("the previous year") does not move the story on.
//!
//!    Roll-over: when the governing date's month is at least nine months after the year-less
//!    month (December 2000 → "February 20"), the date falls in the next year, unless a
//!    backward word ("since", "earlier", "previous", "before") precedes it; a smaller gap keeps
//!    the year ("December 2000 … since May" is May 2000). Only a stated date, or a date
//!    inferred from one without rolling over, can trigger it: the document date cannot, and a
//!    rolled-over date cannot roll again, so one wrong guess does not push a whole passage on.
//!
//!    Relative expressions are resolved against the document date ("today", "this year",
//!    "two years ago") or the governing date ("the following year", "two years later", "that
//!    month", "August of that year"); without one they have no value.

mod scan;
#[cfg(test)]
mod tests;
mod timex;

pub use timex::{DurationUnit, Register, Timex};

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::{DateKind, DateMention};
use crate::corpus::Document;
use crate::date::{Date, Modifier, Point, Unit};
use crate::span::Span;
use scan::{Anchor, Candidate, Form, MetadataLabel, Partial, RelUnit, Relative, Role, YearPart};

/// The dates of one document and the document date detected from its metadata.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DateExtraction {
    /// Every temporal expression, in document order.
    pub mentions: Vec<DateMention>,
    /// The document's own date: `reference` when given, else one detected in a header or footer.
    pub document_date: Option<Date>,
    /// The register the sheet was read in: given, or decided from the text (see the module doc).
    pub register: Register,
    /// Dates as written that do not exist ("31 June 1997"), in document order. Each is
    /// also a mention without a value, so that "June 1997" inside it is not read instead.
    pub impossible: Vec<ImpossibleDate>,
}

/// A date as written that does not exist: where it is and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImpossibleDate {
    /// The whole expression in the normalised text.
    pub span: Span,
    /// Why it does not exist: "June has 30 days", "1997 is not a leap year".
    pub reason: String,
}

/// Finds the dates of `doc`; `reference` is the stated document date, if any, and beats one
/// detected in the text. The register is decided from the text.
pub fn extract_dates(doc: &Document, reference: Option<Date>) -> DateExtraction {
    extract_dates_in(doc, reference, None)
}

/// As [`extract_dates`], in the given register when `register` is set.
pub fn extract_dates_in(doc: &Document, reference: Option<Date>, register: Option<Register>) -> DateExtraction {
    let text = doc.text();
    let chosen = merge_ranges(text, select(scan::candidates(text)));
    let labels: Vec<Option<MetadataLabel>> = chosen
        .iter()
        .map(|c| match c.form {
            Form::Date { start, end } if start.year.is_some() && end.is_none_or(|e| e.year.is_some()) => {
                scan::metadata_label(text, c.span.start)
            }
            _ => None,
        })
        .collect();
    let detected = chosen
        .iter()
        .zip(&labels)
        .filter_map(|(c, l)| Some((l.as_ref()?, c.span.start, explicit_date(c.form)?)))
        .min_by_key(|(l, start, _)| (**l, *start))
        .map(|(_, _, d)| d);
    let document_date = reference.or(detected);
    let register = register.unwrap_or_else(|| decide_register(text, &chosen, document_date.is_some()));
    let headings: Vec<usize> = doc.normalized.headings.iter().map(|h| h.start).collect();
    let mut resolver = Resolver {
        text,
        headings: &headings,
        document_date,
        governing: None,
        bc_era: false,
        register,
        last_day: None,
        last_quarter: None,
        stated_days: Vec::new(),
        month_today: document_date.and_then(|d| latest_day_in_month(&chosen, &labels, d)),
    };
    let mentions = chosen.iter().zip(&labels).filter_map(|(c, l)| resolver.resolve(c, l.is_some())).collect();
    let impossible = chosen
        .iter()
        .filter_map(|c| match c.form {
            Form::Invalid(why) => Some(ImpossibleDate { span: c.span, reason: why.reason() }),
            _ => None,
        })
        .collect();
    DateExtraction { mentions, document_date, register, impossible }
}

/// Reporting verbs of news and press releases.
static REPORTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x) (?-u:\b) (?: said | says | told | announced | announces | reported | reports | according\ to
                          | spokesman | spokeswoman | spokesperson ) (?-u:\b)",
    )
    .expect("REPORTING is a valid regex")
});

/// A news dateline opening the text: a place in capitals, perhaps a date and an agency, then a
/// dash or an underscore ("WARSAW, February 26 (Xinhua) --", "ISTANBUL, Turkey (AP)_",
/// "ATLANTA _").
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x) \A \s*
        [A-Z]{3,} (?: [\ .'-]+ [A-Z]{2,} )* \.?                         # the place, in capitals
        (?: , \s* [A-Z][\w.]* (?: \s+ [A-Z0-9][\w.]* ){0,3} )?          # a region or a date
        \s* (?: \( [A-Za-z\ .-]{2,20} \) \s* )?                         # the agency
        (?: _ | -- | — | – )                                            # the dash
        ",
    )
    .expect("DATELINE is a valid regex")
});

/// Decides whether a sheet is a dated report (news, press release) or a narrative.
///
/// A sheet is read as news only when it has a document date to read against, and then when
/// either of these holds:
/// - at least a third of its dates are read from "now" rather than stated with a year
///   (weekdays, "today", "last year", "this week", "now", quarters), with at least two such;
/// - it reports: at least eight reporting words ("said", "told", "announced", "according
///   to", "spokesman") per thousand words with one date read from "now", or ten without.
///
/// A history narrative states its years and tells rather than reports, so it stays a
/// narrative even when it is given a document date.
fn decide_register(text: &str, chosen: &[Candidate], dated: bool) -> Register {
    if !dated {
        return Register::Narrative;
    }
    if DATELINE.is_match(&text[..text.floor_char_boundary(text.len().min(200))]) {
        return Register::News;
    }
    let mut deictic = 0usize;
    let mut stated = 0usize;
    for c in chosen {
        match c.form {
            Form::Date { start, .. } if start.year.is_some() => stated += 1,
            Form::Relative(
                Relative::Present
                | Relative::Weekday { .. }
                | Relative::Quarter { .. }
                | Relative::Weekend { .. }
                | Relative::Shift { anchor: Anchor::Deictic, .. },
            ) => deictic += 1,
            _ => {}
        }
    }
    if deictic >= 2 && deictic * 3 >= deictic + stated {
        return Register::News;
    }
    // Reporting words per thousand words (a word is about six bytes of English).
    let words = text.len() / 6 + 1;
    let reporting = REPORTING.find_iter(text).count();
    if reporting * 1000 >= 8 * words && (deictic >= 1 || reporting * 1000 >= 10 * words) {
        return Register::News;
    }
    Register::Narrative
}

/// Keeps the longest candidates that do not overlap, in document order.
fn select(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    // Longest first; on equal length the earlier start, then the pattern order of `scan`.
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(candidates[i].span.len()), candidates[i].span.start, i));
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut keep = vec![false; candidates.len()];
    for i in order {
        let span = candidates[i].span;
        if span.is_empty() {
            continue;
        }
        let overlaps = taken.range(..span.end).next_back().is_some_and(|(_, &end)| end > span.start);
        if !overlaps {
            taken.insert(span.start, span.end);
            keep[i] = true;
        }
    }
    let mut i = 0;
    candidates.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    candidates.sort_by_key(|c| c.span.start);
    candidates
}

/// Range words between two dates: "5 December - 7 December", "1994 until 2014".
static RANGE_JOIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \A \s* (?: - | -- | to | until | till | through | thru ) \s* \z   # a dash or a range word
        ",
    )
    .expect("RANGE_JOIN is a valid regex")
});

/// "and" makes a range only after "between": "between May and June 2000".
static AND_JOIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x) \A \s+ and \s+ \z  # 'and', only after 'between'").expect("AND_JOIN is a valid regex")
});

/// Joins neighbouring single dates separated by a range word into one range; a missing year
/// in one end is taken from the other.
fn merge_ranges(text: &str, chosen: Vec<Candidate>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::with_capacity(chosen.len());
    for c in chosen {
        if let Some(prev) = out.last_mut()
            && let (Form::Date { start: a, end: None }, Form::Date { start: b, end: None }) = (prev.form, c.form)
        {
            let between = text.get(prev.span.end..c.span.start).unwrap_or("");
            let joined = RANGE_JOIN.is_match(between)
                || (AND_JOIN.is_match(between) && scan::prev_word(text, prev.span.start) == "between");
            if joined && compatible(a, b) {
                let (a, b) = fill_years(a, b);
                prev.form = Form::Date { start: a, end: Some(b) };
                prev.span = Span::new(prev.span.start, c.span.end);
                prev.role = c.role;
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Whether two dates can be the ends of one range: neither is coarser than a year, and a
/// year-less start is never joined to an end with a different unit of year ("May - 1997").
fn compatible(a: Partial, b: Partial) -> bool {
    let fine = |p: Partial| !matches!(p.unit, Unit::Decade | Unit::Century);
    let year_only = |p: Partial| matches!(p.unit, Unit::Year);
    fine(a) && fine(b) && !(a.year.is_none() && year_only(b)) && !(b.year.is_none() && year_only(a))
}

/// Copies a missing year from one end of a range to the other, so that the end is not
/// before the start ("December to February 1991" starts in December 1990).
fn fill_years(mut a: Partial, mut b: Partial) -> (Partial, Partial) {
    match (a.year, b.year) {
        (None, Some(y)) => {
            let earlier = matches!((a.month(), b.month()), (Some(ma), Some(mb)) if ma > mb);
            a.year = Some(if earlier { add_years(y, -1) } else { y });
        }
        (Some(y), None) => {
            let later = matches!((a.month(), b.month()), (Some(ma), Some(mb)) if mb < ma);
            b.year = Some(if later { add_years(y, 1) } else { y });
        }
        _ => {}
    }
    (a, b)
}

/// The value of a date candidate whose years are all stated.
fn explicit_date(form: Form) -> Option<Date> {
    let Form::Date { start, end } = form else { return None };
    let s = point_of(start, start.year?)?;
    match end {
        Some(e) => Date::range(s, point_of(e, e.year?)?),
        None => Some(Date::point(s)),
    }
}

fn point_of(p: Partial, year: i32) -> Option<Point> {
    let point = match p.unit {
        Unit::Day { month, day } => Point::day(year, month, day),
        Unit::Month(m) => Point::month(year, m),
        Unit::Season(s) => Point::season(year, s),
        Unit::Year => Point::year(year),
        Unit::Decade => Point::decade(year),
        Unit::Century => Point::century(year),
    }?;
    Some(point.with_modifier(p.modifier))
}

/// A year `n` years from `year`, skipping the year 0 that the historical calendar lacks.
fn add_years(year: i32, n: i32) -> i32 {
    let r = year.saturating_add(n);
    if (year < 0) != (r < 0) || r == 0 { if n > 0 { r + 1 } else { r - 1 } } else { r }
}

/// A backward word just before a year-less date blocks the roll-over into the next year.
static BACKWARD_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        (?-u:\b) (?: since | previous(?:ly)? | earlier | before | prior | preceding | last | ago ) (?-u:\b)
        ",
    )
    .expect("BACKWARD_CUE is a valid regex")
});

/// Walks the mentions in document order, keeping the governing date of the passage.
struct Resolver<'a> {
    text: &'a str,
    /// Start offsets of the headings: each opens a section.
    headings: &'a [usize],
    document_date: Option<Date>,
    /// Whether the last stated year was BC, so "in 490" means 490 BC.
    bc_era: bool,
    /// The last adverbial date, its section, and whether the text stated it in full.
    governing: Option<(Point, usize, bool)>,
    /// How year-less and relative dates are read.
    register: Register,
    /// The last day the text named, stated or resolved: "that day", "the same day".
    last_day: Option<Point>,
    /// The last quarter named, and where it ended: "a year ago" in a sentence about a
    /// quarter is that quarter a year before.
    last_quarter: Option<(i32, u8, usize)>,
    /// Days the text stated in full, as (month, day, year): "September 11" after "11 September
    /// 2001" is that day again.
    stated_days: Vec<(u8, u8, i32)>,
    /// "today" in a sheet dated to a month only: the latest day of that month it states.
    month_today: Option<Point>,
}

/// The latest day of `document_date`'s month that the text states in full (not in a metadata
/// label), when the document date is a month.
fn latest_day_in_month(chosen: &[Candidate], labels: &[Option<MetadataLabel>], document_date: Date) -> Option<Point> {
    let doc = document_date.start();
    if document_date.is_range() || !matches!(doc.unit(), Unit::Month(_)) {
        return None;
    }
    chosen
        .iter()
        .zip(labels)
        .filter(|(_, l)| l.is_none())
        .filter_map(|(c, _)| match c.form {
            Form::Date { end: None, .. } => explicit_date(c.form),
            _ => None,
        })
        .map(|d| d.start())
        .filter(|p| {
            matches!(p.unit(), Unit::Day { .. })
                && p.year_value() == doc.year_value()
                && p.month_value() == doc.month_value()
        })
        .max_by_key(|p| p.days().0)
}

/// Words that put a clause in the future: "will meet on Friday", "is expected to sign in June",
/// "as early as Tuesday", "until 9 a.m. Tuesday".
static FUTURE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi) (?-u:\b) (?: will | won't | shall | would | could | going\ to | plans?\ to | planned | planning
                          | scheduled | set\ to | expected\ to | expects?\ to | is\ to | are\ to | to\ be\ held
                          | upcoming | as\ soon\ as | as\ early\ as | until | deadline | effective | payable ) (?-u:\b)
              | '\ ?ll (?-u:\b)",
    )
    .expect("FUTURE_CUE is a valid regex")
});

/// Whether the clause around `start..end` speaks of the future: a cue at most 80 bytes before
/// or 30 after, within the sentence.
fn future_tense(text: &str, start: usize, end: usize) -> bool {
    let before = &text[text.floor_char_boundary(start.saturating_sub(80))..start];
    let from = sentence_start(before);
    let after = &text[end..text.ceil_char_boundary((end + 30).min(text.len()))];
    let to = after.find(['.', '!', '?', '\n']).unwrap_or(after.len());
    FUTURE_CUE.is_match(&before[from..]) || FUTURE_CUE.is_match(&after[..to])
}

/// Where the last sentence of `before` starts: after its last `!`, `?`, line break, or a
/// full stop that does not end an initial or a title ("Daniel P. Davison", "Mr. Smith").
fn sentence_start(before: &str) -> usize {
    let mut end = before.len();
    while let Some(i) = before[..end].rfind(['.', '!', '?', '\n']) {
        if before.as_bytes()[i] != b'.' {
            return i + 1;
        }
        let word = before[..i].rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        // An initial ("Daniel P. Davison") or a clock time ("until 9 a.m. Tuesday").
        let abbreviation = (word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase()))
            || clock_abbreviation(before, i)
            || matches!(
                word,
                "Mr" | "Mrs"
                    | "Ms"
                    | "Dr"
                    | "Jr"
                    | "Sr"
                    | "St"
                    | "Gen"
                    | "Sen"
                    | "Rep"
                    | "Gov"
                    | "Co"
                    | "Corp"
                    | "Inc"
                    | "Ltd"
                    | "Prof"
            );
        if !abbreviation {
            return i + 1;
        }
        end = i;
    }
    0
}

/// A part of the day right after a weekday: "Thursday night", "Monday morning".
static DAY_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x) \A \  (?: morning | afternoon | evening | night ) (?-u:\b)").expect("DAY_PART is a valid regex")
});

/// A clock time right before a day: "9 a.m. Tuesday", "10:30 p.m. EST, Nov. 9", "noon Friday".
static CLOCK_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        (?-u:\b)
        (?: (?P<hour>[0-9]{1,2}) (?: : (?P<minute>[0-9]{2}) )? \s* (?P<half>[ap]) \. ? m \. ?   # '9 a.m.'
          | (?P<word>noon|midnight) )
        (?: \s+ (?-i:[A-Z][SD]T) )?                                         # a time zone
        \s* ,? \s+ \z
        ",
    )
    .expect("CLOCK_BEFORE is a valid regex")
});

/// The start, hour and minute of a clock time ending right before `pos`.
fn clock_before(text: &str, pos: usize) -> Option<(usize, u8, u8)> {
    let from = text.floor_char_boundary(pos.saturating_sub(24));
    let caps = CLOCK_BEFORE.captures(&text[from..pos])?;
    let start = from + caps.get(0)?.start();
    if let Some(word) = caps.name("word") {
        let hour = if word.as_str().eq_ignore_ascii_case("noon") { 12 } else { 24 };
        return Some((start, hour, 0));
    }
    let hour: u8 = caps.name("hour")?.as_str().parse().ok()?;
    let minute: u8 = caps.name("minute").map_or(Some(0), |m| m.as_str().parse().ok())?;
    if !(1..=12).contains(&hour) || minute > 59 {
        return None;
    }
    let pm = caps.name("half")?.as_str().eq_ignore_ascii_case("p");
    let hour = match (hour, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    };
    Some((start, hour, minute))
}

/// Whether the full stop at `i` belongs to "a.m." or "p.m.".
fn clock_abbreviation(before: &str, i: usize) -> bool {
    let head = &before.as_bytes()[..i];
    let at = |k: usize| head.len().checked_sub(k).map(|j| head[j].to_ascii_lowercase());
    match at(1) {
        // "a.m" | "p.m" before the final stop
        Some(b'm') => at(2) == Some(b'.') && matches!(at(3), Some(b'a' | b'p')),
        // "a" | "p" before ".m"
        Some(b'a' | b'p') => before.as_bytes().get(i + 1).is_some_and(|b| b.eq_ignore_ascii_case(&b'm')),
        _ => false,
    }
}

/// Whether a weekday is in the future: never right after a reporting verb ("said Monday
/// they will…") or as a possessive ("Wednesday's ruling"), else by [`future_tense`].
fn weekday_future(text: &str, start: usize, end: usize) -> bool {
    let mut prev = scan::prev_word(text, start);
    // "said on Tuesday": look past the preposition.
    if prev == "on"
        && let Some(i) = text[..start].trim_end().strip_suffix("on").map(str::len)
    {
        prev = scan::prev_word(text, i);
    }
    if matches!(prev.as_str(), "said" | "told" | "announced" | "reported" | "says" | "died" | "was" | "were")
        || text[end..].starts_with("'s")
    {
        return false;
    }
    // A past auxiliary right after the day puts it in the past whatever came before: "Until
    // Thursday, they had not…", "a service planned for Saturday was cancelled".
    let after = &text[end..text.ceil_char_boundary((end + 30).min(text.len()))];
    let to = after.find(['.', '!', '?', '\n']).unwrap_or(after.len());
    if PAST_AUXILIARY.is_match(&after[..to]) {
        return false;
    }
    future_tense(text, start, end)
}

/// A past auxiliary as the next verb: right after the day ("Saturday was"), or after a comma
/// and a short subject ("Thursday, the police had"); not a second verb after "and".
static PAST_AUXILIARY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x) \A \s* (?: , \s* (?: \w+ \s+ ){0,2} )? (?: had | was | were ) (?-u:\b)")
        .expect("PAST_AUXILIARY is a valid regex")
});

/// Whether a relative year compares with a year before or after ("a year ago", "a year
/// earlier", "a year later"), as a report of results compares a quarter with the same quarter
/// of another year. "Last year" and "next year" name the calendar year itself.
fn compares_years(surface: &str) -> bool {
    let s = surface.trim_end().to_ascii_lowercase();
    ["ago", "earlier", "later", "before", "previously", "after"].iter().any(|w| s.ends_with(w))
        || s.starts_with("year-")
}

/// The three months of quarter `q` (or six of half `q`) of `year`.
fn quarter_date(year: i32, q: u8, half: bool) -> Option<Date> {
    let len = if half { 6 } else { 3 };
    let first = (q - 1) * len + 1;
    Date::range(Point::month(year, first)?, Point::month(year, first + len - 1)?)
}

/// The week (Monday to Sunday) `weeks` weeks from the week of day point `day`.
fn week_of(day: Point, weeks: i64) -> Option<(Date, i32, u8)> {
    let d = day.days().0 + 7 * weeks;
    let p = Point::day_from_epoch(d)?;
    let (year, week) = p.iso_week()?;
    Some((Date::iso_week(year, week)?, year, week))
}

impl Resolver<'_> {
    fn section(&self, pos: usize) -> usize {
        self.headings.partition_point(|&h| h <= pos)
    }

    /// The date a year-less or anaphoric expression at `pos` is read against, and whether it
    /// may roll over into the next year: only from a date the text stated in full, never from
    /// the document date or from an inferred date (so that errors do not chain).
    fn anchor(&self, pos: usize) -> Option<(Point, bool)> {
        let section = self.section(pos);
        match self.governing {
            Some((p, s, stated)) if s == section => Some((p, stated)),
            _ => self.document_date.map(|d| (d.end().unwrap_or(d.start()), false)),
        }
    }

    /// The document date as a point (the end of a week or range given as reference).
    fn doc_point(&self) -> Option<Point> {
        self.document_date.map(|d| d.end().unwrap_or(d.start()))
    }

    /// The day relative dates of a news sheet are read from, or the day of the passage.
    fn day_anchor(&self, pos: usize) -> Option<Point> {
        let p = match self.register {
            Register::News => self.doc_point(),
            Register::Narrative => self.anchor(pos).map(|(p, _)| p),
        }?;
        matches!(p.unit(), Unit::Day { .. }).then_some(p)
    }

    /// The last quarter named before `pos`, when it is one a report of results can be about:
    /// completed by the document date, and at most a year before it.
    fn completed_quarter(&self, pos: usize) -> Option<(i32, u8)> {
        let (y, q, end) = self.last_quarter?;
        let doc = self.doc_point()?;
        let doc_q = i32::from((doc.month_value()? - 1) / 3 + 1);
        let back = (doc.year_value() * 4 + doc_q) - (y * 4 + i32::from(q));
        (end <= pos && (1..=4).contains(&back)).then_some((y, q))
    }

    fn govern(&mut self, date: &Date, pos: usize, stated: bool) {
        let p = date.end().unwrap_or(date.start());
        if !matches!(p.unit(), Unit::Decade | Unit::Century) {
            self.governing = Some((p, self.section(pos), stated));
        }
    }

    fn resolve(&mut self, c: &Candidate, metadata: bool) -> Option<DateMention> {
        let mut m = self.resolve_value(c, metadata)?;
        // A floating holiday: the first day of its weekday on or after its earliest day.
        if let (Some(wd), Some(d)) = (scan::floating_weekday(&self.text[c.span.start..c.span.end]), m.date)
            && !d.is_range()
            && let Some(from) = d.start().weekday()
        {
            let diff = (i64::from(wd) - i64::from(from)).rem_euclid(7);
            m.date = Point::day_from_epoch(d.start().days().0 + diff).map(Date::point);
        }
        if let Some(d) = m.date
            && !d.is_range()
            && matches!(d.start().unit(), Unit::Day { .. })
        {
            self.last_day = Some(d.start());
            // A clock time just before the day makes it a time: "10 p.m. Wednesday", "noon
            // Thursday", "5 p.m. EST, Nov. 6".
            if m.timex == Timex::Calendar
                && let Some((start, hour, minute)) = clock_before(self.text, c.span.start)
            {
                m.span = Span::new(start, m.span.end);
                m.timex = Timex::Clock { hour, minute };
            } else if matches!(c.form, Form::Relative(Relative::Weekday { .. }))
                && let Some(part) = DAY_PART.find(&self.text[c.span.end..])
            {
                // "Thursday night" is the day (the part of the day is not resolved).
                m.span = Span::new(m.span.start, c.span.end + part.end());
            }
        }
        Some(m)
    }

    fn resolve_value(&mut self, c: &Candidate, metadata: bool) -> Option<DateMention> {
        let mention = |date: Option<Date>, kind: DateKind, inferred: bool| DateMention {
            span: c.span,
            date,
            kind,
            inferred,
            timex: Timex::Calendar,
        };
        let with = |date: Option<Date>, timex: Timex| DateMention {
            span: c.span,
            date,
            kind: DateKind::Relative,
            inferred: date.is_some(),
            timex,
        };
        match c.form {
            Form::Duration(amount, unit) => Some(DateMention {
                timex: Timex::Duration { amount, unit },
                ..mention(None, DateKind::Duration, false)
            }),
            Form::Set(unit) => Some(DateMention { timex: Timex::Set { unit }, ..mention(None, DateKind::Set, false) }),
            Form::Invalid(_) => Some(mention(None, DateKind::Absolute, false)),
            Form::DayOfMonth(day) => {
                let (anchor, _) = self.anchor(c.span.start)?;
                let date = Date::point(Point::day(anchor.year_value(), anchor.month_value()?, day)?);
                self.govern(&date, c.span.start, false);
                Some(mention(Some(date), DateKind::Absolute, true))
            }
            Form::EraYear(n) => {
                let date = Date::point(Point::year(-n)?);
                if !self.bc_era {
                    return None;
                }
                self.govern(&date, c.span.start, true);
                Some(mention(Some(date), DateKind::Absolute, true))
            }
            Form::Date { start, end } => {
                let range_kind = if end.is_some() { DateKind::Range } else { DateKind::Absolute };
                if let Some(date) = explicit_date(c.form) {
                    self.bc_era = date.year() < 0;
                    if let (Unit::Day { month, day }, Some(y)) = (start.unit, start.year)
                        && end.is_none()
                        && !self.stated_days.iter().any(|&(m, d, _)| (m, d) == (month, day))
                    {
                        self.stated_days.push((month, day, y));
                    }
                    if metadata {
                        return Some(mention(Some(date), DateKind::Metadata, false));
                    }
                    if c.role == Role::Governs {
                        self.govern(&date, c.span.start, true);
                    }
                    return Some(mention(Some(date), range_kind, false));
                }
                if start.year.is_some() || end.is_some_and(|e| e.year.is_some()) {
                    return None; // a stated year that makes no valid date ("31 June 1997")
                }
                let backward = {
                    let before = &self.text[..c.span.start];
                    BACKWARD_CUE.is_match(&before[before.floor_char_boundary(before.len().saturating_sub(24))..])
                };
                let news = self.register == Register::News && self.document_date.is_some();
                let inferred = if news { self.doc_point().map(|p| (p.year_value(), false)) } else { None };
                let Some((mut year, may_roll)) = inferred.or_else(|| self.infer_year(c.span.start, start, backward))
                else {
                    return Some(mention(None, range_kind, false));
                };
                // A day stated in full earlier and named again without its year, in a passage
                // about an earlier year, is that day ("in the wake of September 11").
                if let Unit::Day { month, day } = start.unit
                    && end.is_none()
                    && !news
                    && let Some(&(.., y)) = self.stated_days.iter().find(|&&(m, d, _)| (m, d) == (month, day))
                    && y > year
                {
                    let date = Date::point(Point::day(y, month, day)?);
                    return Some(mention(Some(date), range_kind, true));
                }
                // A sheet reports what has happened by its date: a year-less date that would
                // fall after the document date is read in the year before ("as of May 2002 …
                // the events of September 11" is September 2001). In news, a sentence in the
                // future keeps it ("will meet on March 3"), and pushes a date that has passed
                // into the next year ("talks will resume in February", written in November).
                let future = news && future_tense(self.text, c.span.start, c.span.end);
                // A deadline or an end point ("by February", "through January") more than
                // half a year back is the coming one.
                let deadline =
                    matches!(scan::prev_word(self.text, c.span.start).as_str(), "by" | "through" | "until" | "till");
                if let (Some(doc_date), Some(p)) =
                    (self.document_date, point_of(Partial { year: Some(year), ..start }, year))
                {
                    // In news a date up to three months ahead is usually announced, not past.
                    let near = news && p.days().0 <= doc_date.days().1 + 92;
                    if p.days().0 > doc_date.days().1 && !future && !near {
                        year = add_years(year, -1);
                    } else if future && p.days().1 < doc_date.days().0 && !backward {
                        let same_month = p.month_value().is_some() && p.month_value() == doc_date.start().month_value();
                        if !same_month {
                            year = add_years(year, 1);
                        }
                    } else if news
                        && !backward
                        && (p.days().1 + 365 - 92 < doc_date.days().0
                            || deadline && p.days().1 + 183 < doc_date.days().0)
                    {
                        // "in January", written in November: the coming January is two months
                        // away, the last one ten months back; news reads the near one.
                        year = add_years(year, 1);
                    }
                }
                let s = Partial { year: Some(year), ..start };
                let date = match end {
                    None => point_of(s, year).map(Date::point),
                    Some(e) => {
                        let (s, e) = fill_years(s, e);
                        Date::range(point_of(s, year)?, point_of(e, e.year?)?)
                    }
                };
                let date = date?;
                if c.role == Role::Governs {
                    self.govern(&date, c.span.start, may_roll);
                }
                Some(mention(Some(date), range_kind, true))
            }
            Form::Relative(Relative::Present) => {
                // The adjective "current" ("the current talks") refers to the time of writing
                // only in a dated report; a narrative's "current" is the story's.
                let surface = &self.text[c.span.start..c.span.end];
                if surface.eq_ignore_ascii_case("current")
                    && !(self.register == Register::News
                        && self.text[c.span.end..].starts_with(' ')
                        && self.text[c.span.end + 1..].starts_with(|ch: char| ch.is_lowercase())
                        && !matches!(
                            scan::next_word(self.text, c.span.end).as_str(),
                            "in" | "of" | "on" | "at" | "to" | "from" | "is" | "was" | "and" | "or" | "that" | "which"
                        ))
                {
                    return None;
                }
                Some(with(self.document_date, Timex::PresentRef))
            }
            Form::Relative(Relative::Reference { future }) => {
                Some(with(None, if future { Timex::FutureRef } else { Timex::PastRef }))
            }
            Form::Relative(Relative::Weekday { day, offset }) => {
                let value = self.day_anchor(c.span.start).and_then(|anchor| {
                    let diff = i64::from(day) - i64::from(anchor.weekday()?);
                    let diff = match offset {
                        -1 if diff >= 0 => diff - 7,
                        1 if diff <= 0 => diff + 7,
                        -1 | 1 => diff,
                        _ if weekday_future(self.text, c.span.start, c.span.end) => {
                            if diff < 0 {
                                diff + 7
                            } else {
                                diff
                            }
                        }
                        _ if diff > 0 => diff - 7,
                        _ => diff,
                    };
                    Point::day_from_epoch(anchor.days().0 + diff).map(Date::point)
                });
                Some(with(value, Timex::Calendar))
            }
            Form::Relative(Relative::Weekend { offset }) => {
                let value = self.day_anchor(c.span.start).and_then(|anchor| {
                    let wd = anchor.weekday()?;
                    let weeks = match offset {
                        0 if wd < 6 && !future_tense(self.text, c.span.start, c.span.end) => -1,
                        n => i64::from(n),
                    };
                    let (week, year, number) = week_of(anchor, weeks)?;
                    let saturday = Point::day_from_epoch(week.days().0 + 5)?;
                    Some((Date::range(saturday, week.end()?)?, year, number))
                });
                Some(match value {
                    Some((d, year, week)) => with(Some(d), Timex::Weekend { year, week }),
                    None => with(None, Timex::Calendar),
                })
            }
            Form::Relative(Relative::Quarter { half, number, year, offset, reported }) => {
                // "the year-earlier quarter" is four quarters back.
                let year_back = number.is_none() && offset <= -4;
                // A report of results speaks of the quarter just completed.
                let offset =
                    if reported && !future_tense(self.text, c.span.start, c.span.end) { offset - 1 } else { offset };
                let base = match self.register {
                    Register::News => self.doc_point(),
                    Register::Narrative => self.anchor(c.span.start).map(|(p, _)| p).or(self.doc_point()),
                };
                let per_year = if half { 2 } else { 4 };
                let len = if half { 6 } else { 3 };
                let value = match (number, year) {
                    (Some(q), Some(y)) => Some((y, q)),
                    // A quarter not yet begun, in a sentence about the past, is last year's.
                    (Some(q), None) => base.map(|b| {
                        let current = b.month_value().map_or(per_year, |m| i32::from((m - 1) / len + 1));
                        let back =
                            offset == 0 && i32::from(q) > current && !future_tense(self.text, c.span.start, c.span.end);
                        (add_years(b.year_value(), if back { -1 } else { offset }), q)
                    }),
                    // "the 1988 period", after "the third quarter": that quarter of 1988.
                    (None, Some(y)) => self.last_quarter.map(|(_, q, _)| (y, q)),
                    // "the quarter", "the year-earlier quarter" after a quarter was named: that
                    // quarter (a year before).
                    (None, None) if reported && self.completed_quarter(c.span.start).is_some() => self
                        .completed_quarter(c.span.start)
                        .map(|(y, q)| (add_years(y, if year_back { -1 } else { 0 }), q)),
                    (None, _) => base.and_then(|b| {
                        let m = b.month_value()?;
                        let current = i32::from((m - 1) / len + 1);
                        let total = b.year_value() * per_year + current - 1 + offset;
                        Some((total.div_euclid(per_year), u8::try_from(total.rem_euclid(per_year) + 1).ok()?))
                    }),
                };
                let value = value.and_then(|(y, q)| Some((quarter_date(y, q, half)?, y, q)));
                Some(match value {
                    Some((d, year, q)) if half => with(Some(d), Timex::Half { year, half: q }),
                    Some((d, year, quarter)) => {
                        // A comparison ("the year-earlier quarter") does not change the quarter
                        // the report is about.
                        if !(year_back || number.is_some() && offset < 0) {
                            self.last_quarter = Some((year, quarter, c.span.end));
                        }
                        with(Some(d), Timex::Quarter { year, quarter })
                    }
                    // "the 1988 period" with no quarter named before: the year.
                    None => with(year.and_then(Point::year).map(Date::point), Timex::Calendar),
                })
            }
            Form::Relative(Relative::Shift { anchor, unit: RelUnit::Week, offset, .. }) => {
                let base = match anchor {
                    Anchor::Deictic => self.doc_point(),
                    Anchor::Anaphoric => self.last_day.or(self.anchor(c.span.start).map(|(p, _)| p)),
                }
                .filter(|p| matches!(p.unit(), Unit::Day { .. }));
                let value = base.zip(offset).and_then(|(b, n)| week_of(b, i64::from(n)));
                Some(match value {
                    Some((d, year, week)) => with(Some(d), Timex::Week { year, week }),
                    None => with(None, Timex::Calendar),
                })
            }
            Form::Relative(rel) => {
                let date = match rel {
                    Relative::Present
                    | Relative::Reference { .. }
                    | Relative::Weekday { .. }
                    | Relative::Weekend { .. }
                    | Relative::Quarter { .. } => None,
                    Relative::InYear { anchor, offset, part } => {
                        let base = match anchor {
                            Anchor::Deictic => self.document_date.map(|d| d.end().unwrap_or(d.start())),
                            Anchor::Anaphoric => self.anchor(c.span.start).map(|(p, _)| p),
                        };
                        base.and_then(|b| {
                            let year = add_years(b.year_value(), offset);
                            match part {
                                YearPart::Month(month, Some(day)) => Point::day(year, month, day),
                                YearPart::Month(month, None) => Point::month(year, month),
                                YearPart::Season(season) => Point::season(year, season),
                            }
                        })
                        .map(Date::point)
                    }
                    Relative::Shift { anchor, unit, offset, modifier, definite } => {
                        // In news, "the end of the year" is the document's year; "that year"
                        // stays the passage's. "That day" is the last day named.
                        let deictic = anchor == Anchor::Deictic
                            || (definite && offset == Some(0) && self.register == Register::News);
                        let base = if deictic {
                            // An undated sheet reads "last October" from the passage's date.
                            self.doc_point()
                                .or_else(|| self.anchor(c.span.start).map(|(p, _)| p).filter(|_| unit != RelUnit::Day))
                        } else if unit == RelUnit::Day && offset == Some(0) {
                            self.last_day.or(self.anchor(c.span.start).map(|(p, _)| p))
                        } else {
                            self.anchor(c.span.start).map(|(p, _)| p)
                        };
                        match (base, offset) {
                            // "that same day" after "in 1921" names no day we know.
                            (Some(b), _)
                                if !deictic && unit == RelUnit::Day && !matches!(b.unit(), Unit::Day { .. }) =>
                            {
                                None
                            }
                            // "today" in a sheet dated to a month: the latest day of that
                            // month the sheet states in full, if any (a release reports up to
                            // the day it was written: "correct as of May 2002 … today … the
                            // summit in Rome on 28 May 2002").
                            (Some(b), Some(0))
                                if deictic && unit == RelUnit::Day && matches!(b.unit(), Unit::Month(_)) =>
                            {
                                Some(Date::point(self.month_today.unwrap_or(b)))
                            }
                            (Some(b), Some(n)) => shift(b, unit, n, modifier).map(Date::point),
                            _ => None,
                        }
                    }
                };
                // A forward anaphoric date moves the passage on ("the following year", "two years
                // later", "August of that year"); a backward one ("the previous year") is a look back, after which the
                // story resumes where it was.
                if let (
                    Some(d),
                    Relative::Shift { anchor: Anchor::Anaphoric, offset: Some(1..), .. }
                    | Relative::InYear { anchor: Anchor::Anaphoric, .. },
                ) = (&date, rel)
                    && c.role == Role::Governs
                {
                    self.govern(d, c.span.start, false);
                }
                // "Profit rose 5% from a year ago", after "in the third quarter" (in the same
                // sentence, or nearby in a report): the same quarter of the year before.
                if let (
                    Relative::Shift { unit: RelUnit::Year, offset: Some(n @ (-1 | 1)), modifier: None, .. },
                    Some((qy, q, end)),
                ) = (rel, self.last_quarter)
                    && end <= c.span.start
                    && compares_years(&self.text[c.span.start..c.span.end])
                    && (c.span.start - end <= 2000 && self.register == Register::News
                        || !self.text[end..c.span.start].contains(['.', '\n']))
                {
                    let year = add_years(qy, n);
                    if let Some(d) = quarter_date(year, q, false) {
                        return Some(with(Some(d), Timex::Quarter { year, quarter: q }));
                    }
                }
                let timex = match rel {
                    // "a few years later": no calendar value, but a direction.
                    Relative::Shift { offset: None, .. } if date.is_none() => {
                        let surface = self.text[c.span.start..c.span.end].to_ascii_lowercase();
                        if surface.ends_with("earlier") || surface.ends_with("ago") || surface.ends_with("previously") {
                            Timex::PastRef
                        } else {
                            Timex::FutureRef
                        }
                    }
                    // "today" in an undated sheet is the present; in a dated one, its date.
                    Relative::Shift { anchor: Anchor::Deictic, unit: RelUnit::Day, offset: Some(0), .. }
                        if date.is_none() =>
                    {
                        Timex::PresentRef
                    }
                    _ => Timex::Calendar,
                };
                Some(DateMention { timex, ..mention(date, DateKind::Relative, date.is_some()) })
            }
        }
    }

    /// The year of a year-less date at `pos` (see the module doc for the roll-over rule).
    /// Returns the year and whether the result may anchor a later roll-over (it may when its
    /// anchor could and it did not roll over itself).
    fn infer_year(&self, pos: usize, date: Partial, backward: bool) -> Option<(i32, bool)> {
        let (anchor, may_roll) = self.anchor(pos)?;
        if matches!(anchor.unit(), Unit::Decade | Unit::Century) {
            return None;
        }
        let year = anchor.year_value();
        match (anchor.month_value(), date.month()) {
            (Some(am), Some(m)) if may_roll && !backward && am >= m + 9 => Some((add_years(year, 1), false)),
            _ => Some((year, may_roll)),
        }
    }
}

/// `anchor` moved by `offset` units, at the unit's precision.
fn shift(anchor: Point, unit: RelUnit, offset: i32, modifier: Option<Modifier>) -> Option<Point> {
    let year = anchor.year_value();
    let point = match unit {
        RelUnit::Year => Point::year(add_years(year, offset)),
        RelUnit::Decade if year > 0 => Point::decade(year.div_euclid(10) * 10 + 10 * offset),
        RelUnit::Century if year > 0 => Point::century(year.div_euclid(100) * 100 + 100 * offset),
        RelUnit::Decade | RelUnit::Century | RelUnit::Week => None,
        RelUnit::Season(s) => Point::season(add_years(year, offset), s),
        RelUnit::Month => {
            let m = i32::from(anchor.month_value()?);
            let total = year.checked_mul(12)?.checked_add(m - 1 + offset)?;
            let y = total.div_euclid(12);
            Point::month(y, u8::try_from(total.rem_euclid(12) + 1).ok()?)
        }
        RelUnit::Day => match anchor.unit() {
            Unit::Day { month, day } => add_days(year, month, day, offset),
            // "today" in a sheet dated "May 2002" is some day of May 2002.
            _ if offset == 0 => Some(anchor),
            _ => None,
        },
        RelUnit::MonthName(m) => {
            let am = anchor.month_value();
            let y = match (offset, am) {
                (0, _) => year,
                (n, Some(am)) if n < 0 => {
                    if m < am {
                        year
                    } else {
                        add_years(year, -1)
                    }
                }
                (_, Some(am)) => {
                    if m > am {
                        year
                    } else {
                        add_years(year, 1)
                    }
                }
                (n, None) => add_years(year, n.signum()),
            };
            Point::month(y, m)
        }
    }?;
    Some(point.with_modifier(modifier))
}

/// The day `n` days after `year-month-day` (negative `n` goes back); `None` beyond ten years.
fn add_days(year: i32, month: u8, day: u8, n: i32) -> Option<Point> {
    if n.unsigned_abs() > 3660 {
        return None;
    }
    Point::day(year, month, day)?.add_days(i64::from(n))
}

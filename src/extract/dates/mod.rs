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
}

/// Finds the dates of `doc`; `reference` is the stated document date, if any, and beats one
/// detected in the text.
pub fn extract_dates(doc: &Document, reference: Option<Date>) -> DateExtraction {
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
    let headings: Vec<usize> = doc.normalized.headings.iter().map(|h| h.start).collect();
    let mut resolver = Resolver { text, headings: &headings, document_date, governing: None, bc_era: false };
    let mentions = chosen.iter().zip(&labels).filter_map(|(c, l)| resolver.resolve(c, l.is_some())).collect();
    DateExtraction { mentions, document_date }
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

    fn govern(&mut self, date: &Date, pos: usize, stated: bool) {
        let p = date.end().unwrap_or(date.start());
        if !matches!(p.unit(), Unit::Decade | Unit::Century) {
            self.governing = Some((p, self.section(pos), stated));
        }
    }

    fn resolve(&mut self, c: &Candidate, metadata: bool) -> Option<DateMention> {
        let mention =
            |date: Option<Date>, kind: DateKind, inferred: bool| DateMention { span: c.span, date, kind, inferred };
        match c.form {
            Form::Duration => Some(mention(None, DateKind::Duration, false)),
            Form::Invalid => Some(mention(None, DateKind::Absolute, false)),
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
                let Some((mut year, may_roll)) = self.infer_year(c.span.start, start, backward) else {
                    return Some(mention(None, range_kind, false));
                };
                // A sheet reports what has happened by its date: a year-less date that would
                // fall after the document date is read in the year before ("as of May 2002 …
                // the events of September 11" is September 2001).
                if let (Some(doc_date), Some(p)) =
                    (self.document_date, point_of(Partial { year: Some(year), ..start }, year))
                    && p.days().0 > doc_date.days().1
                {
                    year = add_years(year, -1);
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
            Form::Relative(rel) => {
                let date = match rel {
                    Relative::Present => self.document_date,
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
                    Relative::Shift { anchor, unit, offset, modifier } => {
                        let base = match anchor {
                            Anchor::Deictic => self.document_date.map(|d| d.end().unwrap_or(d.start())),
                            Anchor::Anaphoric => self.anchor(c.span.start).map(|(p, _)| p),
                        };
                        match (base, offset) {
                            // "that same day" after "in 1921" names no day we know.
                            (Some(b), _)
                                if anchor == Anchor::Anaphoric
                                    && unit == RelUnit::Day
                                    && !matches!(b.unit(), Unit::Day { .. }) =>
                            {
                                None
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
                Some(mention(date, DateKind::Relative, date.is_some()))
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

//! Calendar dates at the precision a text states them.
//!
//! A [`Date`] is a validated calendar interval: a single [`Point`] ("27 May 1997",
//! "May 1997", "spring 2009", "1997", "the late 1990s") or a range of two points
//! ("5-6 July 1990"). Its [`Display`](std::fmt::Display) form is the TIMEX3 value
//! (`1997-05-27`, `1997-05`, `2009-SP`, `1997`, a decade `199`, a century `19`,
//! `1990-07-05/1990-07-06`; years before the common era as `BC0490`). Parsing also
//! accepts the older `199X` and `19XX`.
//!
//! Serialised, a date is that value in human-readable formats (JSON) and a compact
//! record that keeps its modifier in binary ones (the index), so "the late 1990s"
//! is still the late 1990s when read back.
//!
//! Two dates *agree* when their intervals overlap, however different their
//! precision: "May 1997", "27 May 1997" and "1997" all agree; "1990" and "1991"
//! do not. The cross-check is built on [`Date::overlaps`].
//!
//! ```
//! use concord::Date;
//! let may: Date = "1997-05".parse().unwrap();
//! let day: Date = "1997-05-27".parse().unwrap();
//! let y90: Date = "1990".parse().unwrap();
//! let y91: Date = "1991".parse().unwrap();
//! assert!(may.overlaps(&day));
//! assert!(y90.conflicts_with(&y91));
//! assert_eq!(day.to_string(), "1997-05-27");
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How finely a date is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// A calendar day.
    Day,
    /// A month of a year.
    Month,
    /// A season of a year.
    Season,
    /// A year.
    Year,
    /// A decade (`199`).
    Decade,
    /// A century (`19`).
    Century,
}

impl Precision {
    /// Lower-case name as used in JSON and text output.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Season => "season",
            Precision::Year => "year",
            Precision::Decade => "decade",
            Precision::Century => "century",
        }
    }
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A qualifier that narrows a point to part of it ("early 1990s", "late May").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modifier {
    /// The first part (TIMEX3 `START`).
    Early,
    /// The middle part (TIMEX3 `MID`).
    Mid,
    /// The last part (TIMEX3 `END`).
    Late,
}

impl Modifier {
    /// The TIMEX3 `mod` attribute value.
    pub fn timex(self) -> &'static str {
        match self {
            Modifier::Early => "START",
            Modifier::Mid => "MID",
            Modifier::Late => "END",
        }
    }

    /// Lower-case English word.
    pub fn as_str(self) -> &'static str {
        match self {
            Modifier::Early => "early",
            Modifier::Mid => "mid",
            Modifier::Late => "late",
        }
    }
}

/// A season of the (northern-hemisphere, meteorological) year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Season {
    /// March to May.
    Spring,
    /// June to August.
    Summer,
    /// September to November.
    Autumn,
    /// December to February of the next year.
    Winter,
}

impl Season {
    fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Autumn => "FA",
            Season::Winter => "WI",
        }
    }

    /// First month (1-based) of the season.
    fn first_month(self) -> u8 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Autumn => 9,
            Season::Winter => 12,
        }
    }
}

/// The unit a [`Point`] is stated in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    /// A day: month 1–12, day 1–31 (validated against the month).
    Day {
        /// 1-based month.
        month: u8,
        /// 1-based day of month.
        day: u8,
    },
    /// A month, 1-based.
    Month(u8),
    /// A season.
    Season(Season),
    /// The whole year.
    Year,
    /// The decade starting at the point's year (a multiple of ten).
    Decade,
    /// The century starting at the point's year (a multiple of a hundred).
    Century,
}

/// One calendar point at a precision. Years are historical: `-490` is 490 BC (there is no year 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Point {
    year: i32,
    unit: Unit,
    modifier: Option<Modifier>,
}

/// Days since 1970-01-01 of a proleptic Gregorian date (astronomical year).
fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian (astronomical year, month, day) of a day count since 1970-01-01.
pub(crate) fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = u8::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let month = u8::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in `month` of historical `year`.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(astronomical(year)) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Historical year (no year 0) to astronomical year (1 BC = 0).
fn astronomical(year: i32) -> i64 {
    if year < 0 { i64::from(year) + 1 } else { i64::from(year) }
}

/// Inclusive day range of `month` in `year`.
fn month_days(year: i32, month: u8) -> (i64, i64) {
    let y = astronomical(year);
    let first = days_from_civil(y, month, 1);
    (first, first + i64::from(days_in_month(year, month)) - 1)
}

/// Inclusive day range of a whole historical year span `from..=to`.
fn year_days(from: i32, to: i32) -> (i64, i64) {
    (days_from_civil(astronomical(from), 1, 1), days_from_civil(astronomical(to), 12, 31))
}

/// The part `[lo, hi]` of an inclusive range of `n` sub-units that a modifier selects.
fn modifier_part(modifier: Option<Modifier>, n: i64) -> (i64, i64) {
    match modifier {
        None => (0, n - 1),
        Some(Modifier::Early) => (0, (n * 4 / 10).max(1) - 1),
        Some(Modifier::Mid) => (n * 3 / 10, (n * 7 / 10).max(1) - 1),
        Some(Modifier::Late) => (n * 6 / 10, n - 1),
    }
}

impl Point {
    /// A calendar day; `None` when it does not exist (31 June, 29 February 1997).
    pub fn day(year: i32, month: u8, day: u8) -> Option<Point> {
        if year == 0 || !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Point { year, unit: Unit::Day { month, day }, modifier: None })
    }

    /// A month of a year; `None` when `month` is not 1–12.
    pub fn month(year: i32, month: u8) -> Option<Point> {
        if year == 0 || !(1..=12).contains(&month) {
            return None;
        }
        Some(Point { year, unit: Unit::Month(month), modifier: None })
    }

    /// A season of a year.
    pub fn season(year: i32, season: Season) -> Option<Point> {
        (year != 0).then_some(Point { year, unit: Unit::Season(season), modifier: None })
    }

    /// A whole year.
    pub fn year(year: i32) -> Option<Point> {
        (year != 0).then_some(Point { year, unit: Unit::Year, modifier: None })
    }

    /// The decade starting at `year`, which must be a positive multiple of ten.
    pub fn decade(year: i32) -> Option<Point> {
        (year > 0 && year % 10 == 0).then_some(Point { year, unit: Unit::Decade, modifier: None })
    }

    /// The century starting at `year`, which must be a non-negative multiple of a hundred
    /// (`1900` is the 1900s, "the twentieth century" in common usage).
    pub fn century(year: i32) -> Option<Point> {
        (year >= 0 && year % 100 == 0).then_some(Point { year: year.max(1), unit: Unit::Century, modifier: None })
    }

    /// The same point narrowed by a modifier ("late 1990s"). Days and seasons ignore it.
    pub fn with_modifier(mut self, modifier: Option<Modifier>) -> Point {
        self.modifier = match self.unit {
            Unit::Day { .. } | Unit::Season(_) => None,
            _ => modifier,
        };
        self
    }

    /// The day `days` after 1970-01-01 (negative before); `None` outside years 1 BC-ward of
    /// ±100,000.
    pub fn day_from_epoch(days: i64) -> Option<Point> {
        if days.unsigned_abs() > 36_000_000 {
            return None;
        }
        let (y, month, day) = civil_from_days(days);
        let year = if y <= 0 { i32::try_from(y - 1).ok()? } else { i32::try_from(y).ok()? };
        Point::day(year, month, day)
    }

    /// The ISO weekday of a day point, Monday = 1 … Sunday = 7.
    pub fn weekday(&self) -> Option<u8> {
        let Unit::Day { .. } = self.unit else { return None };
        // 1970-01-01 was a Thursday (4).
        u8::try_from((self.days().0 + 3).rem_euclid(7) + 1).ok()
    }

    /// The ISO 8601 week (year, week 1-53) of a day point.
    pub fn iso_week(&self) -> Option<(i32, u8)> {
        let wd = i64::from(self.weekday()?);
        // The week's Thursday decides its year.
        let thursday = Point::day_from_epoch(self.days().0 - wd + 4)?;
        let first = days_from_civil(astronomical(thursday.year), 1, 1);
        let week = u8::try_from((thursday.days().0 - first) / 7 + 1).ok()?;
        Some((thursday.year, week))
    }

    /// The historical year (negative for BC; the first year of a decade or century).
    pub fn year_value(&self) -> i32 {
        self.year
    }

    /// The unit the point is stated in.
    pub fn unit(&self) -> Unit {
        self.unit
    }

    /// The modifier, if any.
    pub fn modifier(&self) -> Option<Modifier> {
        self.modifier
    }

    /// The month, for day and month points.
    pub fn month_value(&self) -> Option<u8> {
        match self.unit {
            Unit::Day { month, .. } | Unit::Month(month) => Some(month),
            _ => None,
        }
    }

    /// The precision of the point.
    pub fn precision(&self) -> Precision {
        match self.unit {
            Unit::Day { .. } => Precision::Day,
            Unit::Month(_) => Precision::Month,
            Unit::Season(_) => Precision::Season,
            Unit::Year => Precision::Year,
            Unit::Decade => Precision::Decade,
            Unit::Century => Precision::Century,
        }
    }

    /// First and last day (inclusive) as days since 1970-01-01.
    pub fn days(&self) -> (i64, i64) {
        match self.unit {
            Unit::Day { month, day } => {
                let d = days_from_civil(astronomical(self.year), month, day);
                (d, d)
            }
            Unit::Month(month) => {
                let (first, last) = month_days(self.year, month);
                let (lo, hi) = modifier_part(self.modifier, last - first + 1);
                (first + lo, first + hi)
            }
            Unit::Season(season) => {
                let m = season.first_month();
                let (first, _) = month_days(self.year, m);
                // Three months on; winter runs into the next year.
                let (end_year, end_month) = if m + 2 > 12 { (self.year + 1, m + 2 - 12) } else { (self.year, m + 2) };
                let end_year = if end_year == 0 { 1 } else { end_year };
                (first, month_days(end_year, end_month).1)
            }
            Unit::Year => {
                let (first, last) = year_days(self.year, self.year);
                let (lo, hi) = modifier_part(self.modifier, 12);
                let _ = (first, last);
                let lo_m = u8::try_from(lo + 1).unwrap_or(1);
                let hi_m = u8::try_from(hi + 1).unwrap_or(12);
                (month_days(self.year, lo_m).0, month_days(self.year, hi_m).1)
            }
            Unit::Decade | Unit::Century => {
                let n = if self.unit == Unit::Decade { 10 } else { 100 };
                let (lo, hi) = modifier_part(self.modifier, n);
                let from = self.year + i32::try_from(lo).unwrap_or(0);
                let to = self.year + i32::try_from(hi).unwrap_or(0);
                year_days(from, to)
            }
        }
    }
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.year < 0 {
            write!(f, "BC{:04}", -self.year)?;
        } else {
            match self.unit {
                // TIMEX3: a decade is its first three digits, a century its first two.
                Unit::Decade => return write!(f, "{:03}", self.year / 10),
                Unit::Century => return write!(f, "{:02}", self.year / 100),
                _ => write!(f, "{:04}", self.year)?,
            }
        }
        match self.unit {
            Unit::Day { month, day } => write!(f, "-{month:02}-{day:02}"),
            Unit::Month(month) => write!(f, "-{month:02}"),
            Unit::Season(season) => write!(f, "-{}", season.code()),
            Unit::Year | Unit::Decade | Unit::Century => Ok(()),
        }
    }
}

/// A calendar interval at the precision the text states: one point or a range of two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Date {
    start: Point,
    end: Option<Point>,
}

impl Date {
    /// A date that is one point.
    pub fn point(point: Point) -> Date {
        Date { start: point, end: None }
    }

    /// A range from `start` to `end`; `None` when `end` lies wholly before `start`.
    pub fn range(start: Point, end: Point) -> Option<Date> {
        if end.days().1 < start.days().0 {
            return None;
        }
        if start == end {
            return Some(Date::point(start));
        }
        Some(Date { start, end: Some(end) })
    }

    /// The first (or only) point.
    pub fn start(&self) -> Point {
        self.start
    }

    /// The end point of a range.
    pub fn end(&self) -> Option<Point> {
        self.end
    }

    /// Whether this date is a range of two points.
    pub fn is_range(&self) -> bool {
        self.end.is_some()
    }

    /// The precision of the date (of its start point for a range).
    pub fn precision(&self) -> Precision {
        self.start.precision()
    }

    /// The modifier of the start point.
    pub fn modifier(&self) -> Option<Modifier> {
        self.start.modifier
    }

    /// First and last day (inclusive), as days since 1970-01-01.
    pub fn days(&self) -> (i64, i64) {
        let (first, last) = self.start.days();
        match self.end {
            Some(end) => (first, end.days().1.max(last)),
            None => (first, last),
        }
    }

    /// Whether the two intervals share at least one day: the dates agree.
    pub fn overlaps(&self, other: &Date) -> bool {
        let (a0, a1) = self.days();
        let (b0, b1) = other.days();
        a0 <= b1 && b0 <= a1
    }

    /// Whether the two intervals are disjoint: the dates cannot both be right.
    pub fn conflicts_with(&self, other: &Date) -> bool {
        !self.overlaps(other)
    }

    /// Whether `other` lies wholly within `self`.
    pub fn contains(&self, other: &Date) -> bool {
        let (a0, a1) = self.days();
        let (b0, b1) = other.days();
        a0 <= b0 && b1 <= a1
    }

    /// Length of the interval in days (a finer date is shorter).
    pub fn len_days(&self) -> i64 {
        let (a, b) = self.days();
        b - a + 1
    }

    /// The historical year of the start point.
    pub fn year(&self) -> i32 {
        self.start.year
    }

    /// The ISO 8601 week `week` of `year` (`1998-W02`), as the range Monday to Sunday.
    pub fn iso_week(year: i32, week: u8) -> Option<Date> {
        if year <= 0 || !(1..=53).contains(&week) {
            return None;
        }
        let jan4 = Point::day(year, 1, 4)?;
        let monday = jan4.days().0 - i64::from(jan4.weekday()?) + 1 + 7 * (i64::from(week) - 1);
        let start = Point::day_from_epoch(monday)?;
        let end = Point::day_from_epoch(monday + 6)?;
        // Week 53 exists only in years whose 1 January or 31 December is a Thursday.
        if start.iso_week()? != (year, week) {
            return None;
        }
        Date::range(start, end)
    }

    /// Parses a document's reference date: any TIMEX3 value [`Date`] accepts, a date-time as
    /// news archives give it (`1990-08-15T13:37`, `1990-08-15 13:37:00`; the time is
    /// dropped), or an ISO week (`1998-W02`, the range Monday to Sunday).
    ///
    /// # Errors
    /// The text is none of these.
    pub fn parse_reference(s: &str) -> Result<Date, ParseDateError> {
        let t = s.trim();
        if let Some((y, w)) = t.split_once("-W")
            && y.len() == 4
            && w.len() == 2
        {
            let (Ok(year), Ok(week)) = (y.parse::<i32>(), w.parse::<u8>()) else {
                return Err(ParseDateError(s.to_string()));
            };
            return Date::iso_week(year, week).ok_or_else(|| ParseDateError(s.to_string()));
        }
        if t.len() > 10 && t.is_char_boundary(10) {
            let (day, time) = t.split_at(10);
            let time = time.strip_prefix(['T', ' ']).unwrap_or("");
            let clock = time.trim_end_matches('Z');
            let hm: Vec<&str> = clock.split(':').collect();
            let valid_time = (2..=3).contains(&hm.len())
                && hm.iter().all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
                && hm[0] < "24"
                && hm[1] < "60"
                && hm.get(2).is_none_or(|s| *s < "61");
            if !valid_time {
                return Err(ParseDateError(s.to_string()));
            }
            let date: Date = day.parse().map_err(|_| ParseDateError(s.to_string()))?;
            return if date.precision() == Precision::Day && !date.is_range() {
                Ok(date)
            } else {
                Err(ParseDateError(s.to_string()))
            };
        }
        t.parse()
    }

    /// A short human description: "27 May 1997", "May 1997", "late 1990s".
    pub fn describe(&self) -> String {
        let one = |p: &Point| -> String {
            let m = p.modifier.map(|m| format!("{} ", m.as_str())).unwrap_or_default();
            let y = if p.year < 0 { format!("{} BC", -p.year) } else { p.year.to_string() };
            match p.unit {
                Unit::Day { month, day } => format!("{day} {} {y}", MONTH_NAMES[usize::from(month - 1)]),
                Unit::Month(month) => format!("{m}{} {y}", MONTH_NAMES[usize::from(month - 1)]),
                Unit::Season(s) => format!("{s:?} {y}").to_lowercase(),
                Unit::Year => format!("{m}{y}"),
                Unit::Decade => format!("{m}{y}s"),
                Unit::Century => format!("{m}{}s", p.year / 100 * 100),
            }
        };
        match self.end {
            Some(end) => format!("{} to {}", one(&self.start), one(&end)),
            None => one(&self.start),
        }
    }
}

/// English month names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Dates order by first day, then by last day (shorter first), then by precision.
impl Ord for Date {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.days()
            .cmp(&other.days())
            .then_with(|| self.precision().cmp(&other.precision()))
            // Equal dates are the common case in sorts: settle them without formatting.
            .then_with(
                || if self == other { std::cmp::Ordering::Equal } else { self.to_string().cmp(&other.to_string()) },
            )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.start)?;
        if let Some(end) = self.end {
            write!(f, "/{end}")?;
        }
        Ok(())
    }
}

/// Why a TIMEX3-style value could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date value {0:?} (expected e.g. 1997-05-27, 1997-05, 2009-SP, 1997, 199, 19 or a/b)")]
pub struct ParseDateError(pub String);

fn parse_point(s: &str) -> Option<Point> {
    let (bc, rest) = match s.strip_prefix("BC") {
        Some(r) => (true, r),
        None => (false, s),
    };
    let (year_part, tail) = match rest.find('-') {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    if !bc && tail.is_none() && year_part.bytes().all(|b| b.is_ascii_digit()) {
        match year_part.len() {
            // Centuries up to the 30th: "97" is no date.
            2 => return Point::century(Some(year_part.parse::<i32>().ok()?).filter(|c| *c <= 30)? * 100),
            3 => return Point::decade(year_part.parse::<i32>().ok()? * 10),
            _ => {}
        }
    }
    if !bc && tail.is_none() {
        if let Some(d) = year_part.strip_suffix("XX")
            && d.len() == 2
            && d.bytes().all(|b| b.is_ascii_digit())
        {
            return Point::century(d.parse::<i32>().ok()? * 100);
        }
        if let Some(d) = year_part.strip_suffix('X')
            && d.len() == 3
            && d.bytes().all(|b| b.is_ascii_digit())
        {
            return Point::decade(d.parse::<i32>().ok()? * 10);
        }
    }
    if year_part.len() != 4 || !year_part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut year: i32 = year_part.parse().ok()?;
    if bc {
        year = -year;
    }
    let Some(tail) = tail else { return Point::year(year) };
    let season = match tail {
        "SP" => Some(Season::Spring),
        "SU" => Some(Season::Summer),
        "FA" | "AU" => Some(Season::Autumn),
        "WI" => Some(Season::Winter),
        _ => None,
    };
    if let Some(season) = season {
        return Point::season(year, season);
    }
    let mut parts = tail.split('-');
    let month: u8 = parts.next().filter(|m| m.len() == 2)?.parse().ok()?;
    match parts.next() {
        None => Point::month(year, month),
        Some(d) if d.len() == 2 && parts.next().is_none() => Point::day(year, month, d.parse().ok()?),
        Some(_) => None,
    }
}

impl FromStr for Date {
    type Err = ParseDateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseDateError(s.to_string());
        let s = s.trim();
        match s.split_once('/') {
            Some((a, b)) => {
                let start = parse_point(a).ok_or_else(err)?;
                let end = parse_point(b).ok_or_else(err)?;
                Date::range(start, end).ok_or_else(err)
            }
            None => parse_point(s).map(Date::point).ok_or_else(err),
        }
    }
}

/// A point as the index stores it: every field, the modifier included.
#[derive(Serialize, Deserialize)]
struct WirePoint {
    year: i32,
    /// 0 day, 1 month, 2 season, 3 year, 4 decade, 5 century.
    unit: u8,
    /// Month (day, month), season index (season); else 0.
    a: u8,
    /// Day of month (day); else 0.
    b: u8,
    modifier: Option<Modifier>,
}

impl WirePoint {
    fn of(p: Point) -> WirePoint {
        let (unit, a, b) = match p.unit {
            Unit::Day { month, day } => (0, month, day),
            Unit::Month(m) => (1, m, 0),
            Unit::Season(s) => (2, s.first_month(), 0),
            Unit::Year => (3, 0, 0),
            Unit::Decade => (4, 0, 0),
            Unit::Century => (5, 0, 0),
        };
        WirePoint { year: p.year, unit, a, b, modifier: p.modifier }
    }

    fn point(&self) -> Option<Point> {
        let p = match self.unit {
            0 => Point::day(self.year, self.a, self.b),
            1 => Point::month(self.year, self.a),
            2 => Point::season(
                self.year,
                match self.a {
                    3 => Season::Spring,
                    6 => Season::Summer,
                    9 => Season::Autumn,
                    12 => Season::Winter,
                    _ => return None,
                },
            ),
            3 => Point::year(self.year),
            4 => Point::decade(self.year),
            5 => Point::century(self.year),
            _ => None,
        }?;
        Some(p.with_modifier(self.modifier))
    }
}

/// In human-readable formats (JSON) the TIMEX3 value; in binary ones (the index's
/// records) every field, so that the modifier survives the round trip.
impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.collect_str(self)
        } else {
            (WirePoint::of(self.start), self.end.map(WirePoint::of)).serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            let s = String::deserialize(deserializer)?;
            return s.parse().map_err(serde::de::Error::custom);
        }
        let (start, end) = <(WirePoint, Option<WirePoint>)>::deserialize(deserializer)?;
        let invalid = || serde::de::Error::custom("invalid stored date");
        let start = start.point().ok_or_else(invalid)?;
        match end {
            None => Ok(Date::point(start)),
            Some(e) => Date::range(start, e.point().ok_or_else(invalid)?).ok_or_else(invalid),
        }
    }
}

/// Calendar arithmetic on days, the one place dates are moved by a number of days.
impl Point {
    /// The day `days` days after this one (before it when negative), across months, years
    /// and the change from 1 BC to AD 1; `None` when the point is not a day.
    ///
    /// ```
    /// use concord::date::Point;
    /// let d = Point::day(2000, 2, 28).unwrap();
    /// assert_eq!(d.add_days(2), Point::day(2000, 3, 1));
    /// assert_eq!(d.add_days(-59), Point::day(1999, 12, 31));
    /// ```
    pub fn add_days(self, days: i64) -> Option<Point> {
        let Unit::Day { month, day } = self.unit else { return None };
        let n = days_from_civil(astronomical(self.year), month, day).checked_add(days)?;
        n.checked_add(719_468)?;
        let (y, m, d) = civil_from_days(n);
        let year = i32::try_from(if y <= 0 { y - 1 } else { y }).ok()?;
        Point::day(year, m, d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn display_round_trips_every_precision() {
        for v in [
            "1997-05-27",
            "1997-05",
            "2009-SP",
            "2009-SU",
            "2009-FA",
            "2009-WI",
            "1997",
            "199",
            "19",
            "1990-07-05/1990-07-06",
            "2000-05/2000-06",
            "1994/2014",
            "BC0490",
            "BC0490-08",
        ] {
            assert_eq!(d(v).to_string(), v, "{v}");
        }
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert!(Point::day(1997, 6, 31).is_none());
        assert!(Point::day(1997, 2, 29).is_none());
        assert!(Point::day(2000, 2, 29).is_some());
        assert!(Point::day(1900, 2, 29).is_none());
        assert!(Point::month(1997, 13).is_none());
        assert!(Point::decade(1995).is_none());
        assert!("1997-02-30".parse::<Date>().is_err());
        assert!("1997-5".parse::<Date>().is_err());
        assert!("97".parse::<Date>().is_err());
        assert!("2000/1999".parse::<Date>().is_err());
    }

    #[test]
    fn coarse_and_fine_dates_agree_when_nested() {
        assert!(d("1997-05").overlaps(&d("1997-05-27")));
        assert!(d("1997").overlaps(&d("1997-05-27")));
        assert!(d("1997").overlaps(&d("1997-05")));
        assert!(d("199X").overlaps(&d("1997")));
        assert!(d("19XX").overlaps(&d("1997-05-27")));
        assert!(d("1997").contains(&d("1997-05")));
    }

    #[test]
    fn disjoint_dates_conflict() {
        assert!(d("1990").conflicts_with(&d("1991")));
        assert!(d("1997-05").conflicts_with(&d("1997-06-01")));
        assert!(d("1997-05-27").conflicts_with(&d("1997-05-28")));
        assert!(d("198X").conflicts_with(&d("1990")));
    }

    #[test]
    fn ranges_cover_their_span() {
        let r = d("1990-07-05/1990-07-06");
        assert!(r.overlaps(&d("1990-07-06")));
        assert!(r.conflicts_with(&d("1990-07-07")));
        assert_eq!(r.len_days(), 2);
        assert!(d("1994/2014").overlaps(&d("2008-08")));
    }

    #[test]
    fn seasons_and_winter_wraps_into_next_year() {
        assert!(d("2009-SP").overlaps(&d("2009-04")));
        assert!(d("2009-SP").conflicts_with(&d("2009-06")));
        assert!(d("2009-WI").overlaps(&d("2010-01-15")));
    }

    #[test]
    fn modifiers_narrow_the_interval() {
        let late90s = Date::point(Point::decade(1990).unwrap().with_modifier(Some(Modifier::Late)));
        assert_eq!(late90s.to_string(), "199");
        assert!(late90s.overlaps(&d("1998")));
        assert!(late90s.conflicts_with(&d("1991")));
        let early97 = Date::point(Point::year(1997).unwrap().with_modifier(Some(Modifier::Early)));
        assert!(early97.overlaps(&d("1997-02")));
        assert!(early97.conflicts_with(&d("1997-11")));
        let late_may = Date::point(Point::month(1997, 5).unwrap().with_modifier(Some(Modifier::Late)));
        assert!(late_may.overlaps(&d("1997-05-27")));
        assert!(late_may.conflicts_with(&d("1997-05-02")));
    }

    #[test]
    fn ordering_is_by_interval_then_precision() {
        let mut v = [d("1997"), d("1990"), d("1997-05-27"), d("1997-05")];
        v.sort();
        let s: Vec<String> = v.iter().map(Date::to_string).collect();
        assert_eq!(s, ["1990", "1997", "1997-05", "1997-05-27"]);
    }

    #[test]
    fn describe_is_human() {
        assert_eq!(d("1997-05-27").describe(), "27 May 1997");
        assert_eq!(d("2009-SP").describe(), "spring 2009");
        assert_eq!(d("199").describe(), "1990s");
        assert_eq!(d("BC0490").describe(), "490 BC");
    }

    #[test]
    fn timex2_decades_and_centuries_still_parse() {
        assert_eq!(d("199X"), d("199"));
        assert_eq!(d("19XX"), d("19"));
        assert_eq!(d("199X").to_string(), "199");
        assert!("1995X".parse::<Date>().is_err());
        assert!("1".parse::<Date>().is_err());
    }

    /// Issue 15, defect 1: the index stores dates in a binary format; a modifier was lost
    /// because the stored form was the value string.
    #[test]
    fn binary_round_trip_keeps_the_modifier() {
        let early97 = Date::point(Point::year(1997).unwrap().with_modifier(Some(Modifier::Early)));
        let late90s = Date::point(Point::decade(1990).unwrap().with_modifier(Some(Modifier::Late)));
        let mid_may = Date::point(Point::month(1997, 5).unwrap().with_modifier(Some(Modifier::Mid)));
        for date in [early97, late90s, mid_may, d("1990-07-05/1990-07-06"), d("2009-WI"), d("BC0490"), d("19")] {
            let bytes = postcard::to_stdvec(&date).unwrap();
            let back: Date = postcard::from_bytes(&bytes).unwrap();
            assert_eq!(back, date, "{date}");
            assert_eq!(back.modifier(), date.modifier());
        }
        let back: Date = postcard::from_bytes(&postcard::to_stdvec(&early97).unwrap()).unwrap();
        assert!(back.conflicts_with(&d("1997-11")));
        // JSON keeps the plain TIMEX3 value.
        assert_eq!(serde_json::to_string(&late90s).unwrap(), "\"199\"");
        assert!(postcard::from_bytes::<Date>(&[0, 9, 0, 0, 0, 0]).is_err());
    }

    #[test]
    fn weekdays_and_iso_weeks() {
        let day = |y, m, dd| Point::day(y, m, dd).unwrap();
        assert_eq!(day(1970, 1, 1).weekday(), Some(4));
        assert_eq!(day(1998, 1, 8).weekday(), Some(4)); // a Thursday
        assert_eq!(day(1989, 10, 27).weekday(), Some(5)); // a Friday
        assert_eq!(day(1998, 1, 8).iso_week(), Some((1998, 2)));
        assert_eq!(day(2010, 1, 3).iso_week(), Some((2009, 53)));
        assert_eq!(day(2008, 12, 29).iso_week(), Some((2009, 1)));
        assert_eq!(Date::iso_week(1998, 2).unwrap().to_string(), "1998-01-05/1998-01-11");
        assert!(Date::iso_week(1999, 53).is_none());
        assert!(Date::iso_week(2009, 53).is_some());
        assert!(Date::iso_week(1998, 0).is_none());
        assert!(day(1998, 1, 8).days().0 == Point::day_from_epoch(day(1998, 1, 8).days().0).unwrap().days().0);
        assert_eq!(Point::day_from_epoch(-1).unwrap(), day(1969, 12, 31));
        assert!(Point::month(1998, 1).unwrap().weekday().is_none());
    }

    #[test]
    fn reference_dates_accept_date_times_and_weeks() {
        assert_eq!(Date::parse_reference("1990-08-15T13:37").unwrap(), d("1990-08-15"));
        assert_eq!(Date::parse_reference("1990-08-15 13:37:00").unwrap(), d("1990-08-15"));
        assert_eq!(Date::parse_reference("1990-08-15T13:37:00Z").unwrap(), d("1990-08-15"));
        assert_eq!(Date::parse_reference("1998-W02").unwrap(), d("1998-01-05/1998-01-11"));
        assert_eq!(Date::parse_reference("1997-05").unwrap(), d("1997-05"));
        for bad in ["1990-08-15T25:00", "1990-08-15Tnoon", "1990-08-15T13", "1999-W53", "1998-Wxx", "1990-13-01T10:00"]
        {
            assert!(Date::parse_reference(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn days_from_civil_matches_known_values() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
    }
}

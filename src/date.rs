//! Calendar dates at the precision a text states them.
//!
//! A [`Date`] is a validated calendar interval: a single [`Point`] ("27 May 1997",
//! "May 1997", "spring 2009", "1997", "the late 1990s") or a range of two points
//! ("5-6 July 1990"). Its [`Display`](std::fmt::Display) form is the TIMEX3-style
//! value (`1997-05-27`, `1997-05`, `2009-SP`, `1997`, `199X`, `19XX`,
//! `1990-07-05/1990-07-06`; years before the common era as `BC0490`).
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
    /// A decade (`199X`).
    Decade,
    /// A century (`19XX`).
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
                Unit::Decade => return write!(f, "{:03}X", self.year / 10),
                Unit::Century => return write!(f, "{:02}XX", self.year / 100),
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
#[error("invalid date value {0:?} (expected e.g. 1997-05-27, 1997-05, 2009-SP, 1997, 199X, 19XX or a/b)")]
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

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
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
        let (y, m, d) = civil_from_days(n)?;
        let year = i32::try_from(if y <= 0 { y - 1 } else { y }).ok()?;
        Point::day(year, m, d)
    }
}

/// The proleptic Gregorian date (astronomical year, month, day) of a day count since
/// 1970-01-01: the inverse of [`days_from_civil`].
fn civil_from_days(n: i64) -> Option<(i64, u8, u8)> {
    let z = n.checked_add(719_468)?;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = u8::try_from(doy - (153 * mp + 2) / 5 + 1).ok()?;
    let month = u8::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).ok()?;
    let year = yoe + era * 400 + i64::from(month <= 2);
    Some((year, month, day))
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
            "199X",
            "19XX",
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
        assert_eq!(late90s.to_string(), "199X");
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
        assert_eq!(d("199X").describe(), "1990s");
        assert_eq!(d("BC0490").describe(), "490 BC");
    }

    #[test]
    fn days_from_civil_matches_known_values() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
    }
}

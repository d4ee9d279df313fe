//! Candidate temporal expressions: every pattern of the date extractor, and the context tests
//! that decide whether a bare number or month name is a date.
//!
//! In: the normalised text. Out: [`Candidate`]s (span, partial value, role), possibly
//! overlapping; [`super`] picks the longest non-overlapping ones and resolves their values.
//! Nothing here infers a year or reads a document date.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::date::{Modifier, Season, Unit};
use crate::span::Span;

/// Full English month names, capitalised or upper case (never lower case: "may" is a verb).
const MONTH_FULL: &str = "January|February|March|April|May|June|July|August|September|October|November|December|\
JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER";

/// Abbreviated month names (the dot is matched by the patterns that use them).
const MONTH_ABBR: &str =
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT|SEP|OCT|NOV|DEC";

/// Weekday names, full or abbreviated, as an optional prefix of a full date.
const WEEKDAY: &str =
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun";

/// Small cardinal numbers written as words, for "two years later" and "six years".
const NUMBER_WORD: &str = "a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|\
fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|\
several|a\\ few|a\\ couple\\ of|few|some|many";

/// Cardinal words for durations: as [`NUMBER_WORD`] without "a"/"an" ("twice a year" is no duration).
const DURATION_NUMBER: &str = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|\
fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|\
several|a\\ few|a\\ couple\\ of|few|many";

/// A month group named `name`: a full name, or an abbreviation with an optional dot.
fn month(name: &str) -> String {
    format!(r"(?P<{name}>(?:{MONTH_FULL})(?-u:\b)|(?:{MONTH_ABBR})(?-u:\b)\.?)")
}

/// A year group named `name` as it follows a month or day: four digits, or any year with an era.
fn year(name: &str) -> String {
    format!(
        r"(?P<{name}>[0-9]{{1,4}}\ ?(?:BCE?|AD|CE)(?-u:\b)|[0-9]{{1,4}}\ ?B\.C(?:\.E)?\.?|(?:AD|A\.D\.)\ ?[0-9]{{1,4}}(?-u:\b)|[0-9]{{4}}(?-u:\b))"
    )
}

/// An optional clock time after a date ("4 February 2011, 1:32 PM").
const TIME: &str = r"(?:,?\s+(?:at\s+)?[0-9]{1,2}[:.][0-9]{2}(?:\s?(?:AM|PM|am|pm|a\.m\.|p\.m\.))?(?-u:\b))?";

/// Day first: "27 May 1997", "Friday, 4 February 2011, 1:32 PM", "5-6 July 1990", "5 to 6 July", "20th of May".
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        (?: (?:{WEEKDAY})\.?,?\s+ (?:the\s+)? | (?-u:\b)(?i:the)\s+ )?  # weekday or 'the', kept in the span
        (?-u:\b) (?P<day>[0-9]{{1,2}}) (?:st|nd|rd|th)? (?-u:\b)
        (?: \s*(?:-|to|and|&)\s*                       # a second day makes a range
            (?P<day2>[0-9]{{1,2}}) (?:st|nd|rd|th)? (?-u:\b) )?
        (?:\s+of)? [\ \t]+                              # '20th of May'; no line break inside
        {month}
        (?: (?:,?[\ \t]+|\ of\ ) {year} {TIME} )?       # the year (and a time) may follow
        ",
        month = month("month"),
        year = year("year"),
    ))
    .expect("DAY_MONTH is a valid regex")
});

/// Month first: "May 27, 1997", "Friday, February 4, 2011", "February 20", "July 5-6, 1990".
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        (?: (?:{WEEKDAY})\.?,?\s+ )?                    # optional weekday
        (?-u:\b) {month} [\ \t]+ (?:the\s+)?
        (?P<day>[0-9]{{1,2}}) (?:st|nd|rd|th)? (?-u:\b)
        (?: \s*(?:-|to|and|&)\s* (?P<day2>[0-9]{{1,2}}) (?:st|nd|rd|th)? (?-u:\b) )?
        (?: (?:,?[\ \t]+|\ of\ ) {year} {TIME} )?       # 'June 20, 1792', 'June 20 of 1792'
        ",
        month = month("month"),
        year = year("year"),
    ))
    .expect("MONTH_DAY is a valid regex")
});

/// Numeric forms: ISO "1997-05-27" (with an optional time) and "29-Oct-2002".
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        (?-u:\b)
        (?:
            (?P<iy>[0-9]{{4}}) - (?P<im>[0-9]{{2}}) - (?P<id>[0-9]{{2}})  # ISO 8601
            (?: [T\ ] [0-9]{{2}}:[0-9]{{2}} (?::[0-9]{{2}})? )?          # optional time
          | (?P<dd>[0-9]{{1,2}}) [-\ ] (?P<dm>{MONTH_ABBR}|{MONTH_FULL}) [-\ ] (?P<dy>[0-9]{{4}})
        )
        (?-u:\b)
        "
    ))
    .expect("NUMERIC is a valid regex")
});

/// Numeric day and month with a year, either way round: "31/06/1997", "06/31/1997". Read
/// only to report one that no reading makes a real day (see [`numeric_dates`]).
static SLASHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?P<a>[0-9]{1,2})/(?P<b>[0-9]{1,2})/(?P<y>[0-9]{4})(?-u:\b)")
        .expect("SLASHED is a valid regex")
});

/// Month and year: "May 2002", "December, 1991", "February of 1940", "Oct. 2002".
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        (?-u:\b) {month}
        ,? \s+ (?:of\s+)?                               # 'February of 1940'
        {year}
        ",
        month = month("month"),
        year = year("year"),
    ))
    .expect("MONTH_YEAR is a valid regex")
});

/// Season and year: "spring 2009", "the summer of 1943", "winter 1941-42" (start year).
static SEASON_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        (?: (?i:the) \s+ )?                             # 'the summer of 1943'
        (?-u:\b) (?P<season>(?i:spring|summer|autumn|fall|winter))
        ,? \s+ (?:of\s+)?
        {year}
        ",
        year = year("year"),
    ))
    .expect("SEASON_YEAR is a valid regex")
});

/// Decades and centuries: "the 1990s", "1990's", "'90s", "the 460s BC", "the 19th century", "the twentieth century".
static DECADE_CENTURY: LazyLock<Regex> = LazyLock::new(|| {
    let ordinals = crate::extract::patterns::ORDINAL_WORDS.join("|");
    Regex::new(&format!(
        r"(?x)
        (?: (?i:the) \s+ )?
        (?:
            (?-u:\b) (?P<decade>[0-9]{{2,3}}0) '?s (?-u:\b)        # 1990s, 1990's, 460s
            (?: \s? (?P<dbc>BCE?|B\.C\.) )?                       # 460s BC
          | ' (?P<short>[0-9]0) s (?-u:\b)                       # '90s
          | (?-u:\b) (?: (?P<cnum>[0-9]{{1,2}}) (?:st|nd|rd|th) | (?P<cword>(?i:{ordinals})) )
            [\s-]+ (?i:century) (?-u:\b)
            (?: \s? (?P<cbc>BCE?|B\.C\.) )?
        )
        "
    ))
    .expect("DECADE_CENTURY is a valid regex")
});

/// A four-digit number (a year only where [`year_role`] finds a context that makes it one),
/// or a year of any length with an era ("490 BC", "AD 9"), which is always a year.
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?-u:\b)
        (?:
            (?P<era>[0-9]{1,4}\ ?(?:BCE?|AD|CE)(?-u:\b)
                   |[0-9]{1,4}\ ?B\.C(?:\.E)?\.?
                   |(?:AD|A\.D\.)\ ?[0-9]{1,4}(?-u:\b))     # with an era
          | (?P<plain>[0-9]{4}) (?-u:\b)                    # four digits alone
          | (?P<short>[0-9]{3}) (?-u:\b)                    # three digits: a year only in a BC passage
        )
        ",
    )
    .expect("YEAR is a valid regex")
});

/// Holidays, with or without a year: "Christmas 1963", "New Year's Day"; the floating US
/// holidays "Thanksgiving Day" and "Election Day" (see [`floating_weekday`]).
static HOLIDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        (?-u:\b)
        (?P<name> Christmas\ Eve | Christmas(?:\ Day)? | New\ Year's\ (?:Day|Eve) | Boxing\ Day
                | Thanksgiving\ Day | Election\ Day )
        (?: ,?\ (?:of\ )? {year} )?
        ",
        year = year("year"),
    ))
    .expect("HOLIDAY is a valid regex")
});

/// Two years joined by a dash: "1997-1999", "1939-45" (the second may be abbreviated).
static YEAR_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?-u:\b) (?P<y1>[0-9]{4}) \s?-\s? (?P<y2>[0-9]{4}|[0-9]{2}) (?-u:\b)
        ",
    )
    .expect("YEAR_RANGE is a valid regex")
});

/// Two years before the common era joined by a dash or "to": "499-493 BC", "264 to 241 BC".
static BC_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?-u:\b) (?P<y1>[0-9]{1,4}) (?:\ ?(?:BCE?|B\.C\.?))?     # first year, era optional
        \s? (?:-|to) \s?
        (?P<y2>[0-9]{1,4}) \ ? (?:BCE?(?-u:\b)|B\.C(?:\.E)?\.?)  # second year with its era
        ",
    )
    .expect("BC_RANGE is a valid regex")
});

/// An ordinal day alone, "on the 20th": a day of the month the passage is in.
static ORDINAL_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?-u:\b) (?i:the) \s+ (?P<day>[0-9]{1,2}) (?:st|nd|rd|th) (?-u:\b)   # 'the 20th'
        ",
    )
    .expect("ORDINAL_DAY is a valid regex")
});

/// A full month name alone ("in November"); a date only in a preposition or list context.
static BARE_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?x) (?-u:\b) (?P<month>{MONTH_FULL}) (?-u:\b)")).expect("BARE_MONTH is a valid regex")
});

/// A season alone ("the summer", "in winter"); a date only after a determiner or preposition.
static BARE_SEASON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?: (?P<the>(?i:the)) \s+ )?
        (?-u:\b) (?P<season>(?i:spring|summer|autumn|winter)) (?-u:\b)
        ",
    )
    .expect("BARE_SEASON is a valid regex")
});

/// Units written as words, for years spoken aloud ("ninety-six").
const UNIT_WORD: &str = "one|two|three|four|five|six|seven|eight|nine";

/// Years written in words, as transcripts of broadcasts give them: "nineteen ninety-six",
/// "January nineteen ninety-seven", "the winter of nineteen ninety-four", "the year two
/// thousand"; decades in words: "the nineties".
static SPOKEN_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        (?-u:\b)
        (?: (?P<month>{MONTH_FULL}) \s+                                              # 'January nineteen …'
          | (?:(?i:the)\s+)? (?P<season>(?i:spring|summer|autumn|fall|winter)) \s+ (?i:of) \s+
          | (?P<theyear>(?i:the\ year)) \s+ )?
        (?:
            (?P<hundreds>(?i:nineteen|eighteen|seventeen)) [\ -]+
            (?: (?P<teen>(?i:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))
              | (?P<tens>(?i:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)) (?: [\ -]+ (?P<unit>(?i:{UNIT_WORD})) )?
              | (?i:oh) [\ -]+ (?P<oh>(?i:{UNIT_WORD})) )
          | (?P<thousand>(?i:two\ thousand)) (?: \ (?:(?i:and)\ )? (?P<tunit>(?i:{UNIT_WORD}|ten|eleven|twelve)) )?
          | (?i:the) \s+ (?P<decade>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))
        )
        (?-u:\b)
        "
    ))
    .expect("SPOKEN_YEAR is a valid regex")
});

/// Relative and deictic expressions: "today", "now", "last October", "the following year",
/// "later that month", "two years later", "a decade earlier", "the end of the year", weekdays
/// ("on Friday", "last Tuesday"), quarters and halves ("the third quarter", "third-quarter",
/// "the first half of 1998"), weekends, the past and the future ("recently", "the future"),
/// and recurrences ("every year").
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        (?-u:\b)
        (?:
            (?P<today>(?i:today|yesterday|tomorrow))
          | (?: (?P<mname>{MONTH_FULL}) (?:\ (?P<mday>[0-9]{{1,2}}))?          # 'August of that year'
              | (?:(?i:the)\ )? (?P<sname>(?i:spring|summer|autumn|winter)) ) # 'the spring of next year'
            \s+ (?: of \s+ (?P<ydet>(?i:that|the\ same|the\ following|the\ next|the\ previous|the\ preceding|this|last|next))
                  | (?P<ydet2>(?i:this|last|next)) ) \s+ (?i:year)                  # 'June last year'
          | (?P<present>(?i:now|nowadays|currently|current|at\ present|these\ days|the\ present\ day))
          | (?P<wdet>(?i:last|next|this|coming|past)\s+)? (?P<wday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)
          | (?:(?i:the)\s+)?
            (?: (?P<qyear0>[0-9]{{4}}) \s+                                         # 'the 1988 third quarter'
              | (?P<qprev>(?i:(?:comparable\ )?year-(?:earlier|ago)|last\ year's|next\ year's|this\ year's)) \s+ )?
            (?P<qord>(?i:first|second|third|fourth|1st|2nd|3rd|4th)) [\s-]+ (?P<qunit>(?i:quarter|half))
            (?: \s+ (?i:of) \s+ (?P<qyear>[0-9]{{4}}) (?-u:\b) | \s+ (?P<qdet2>(?i:this|last|next)) \s+ (?i:year) )?
          | (?P<qdet>(?i:the(?:\ (?:latest|current|recent|(?:comparable\ )?year-earlier|(?:comparable\ )?year-ago))?|this|last|next|the\ previous|the\ past)) \s+ (?i:quarter)
          | (?P<pdet>(?i:the\ (?:latest|most\ recent|(?:comparable\ )?year-(?:earlier|ago)))) \s+ (?i:period)
          | (?i:the) \s+ (?P<qyear1>[0-9]{{4}}) \s+ (?i:quarter|period)                 # 'the 1988 period'
          | (?P<yago>(?i:year-(?:earlier|ago)))                                  # 'year-earlier sales'
          | (?P<wkdet>(?i:this|last|next|the|that|the\ past|the\ coming)) \s+ (?i:weekend)
          | (?P<set>(?i:every|each)) \s+ (?P<sunit>(?i:year|month|week|day|quarter|spring|summer|autumn|fall|winter|season)
                                                 |Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)
          | (?P<det>(?i:
                  this|last|next|that(?:\ same)?|the\ past|the\ current|the\ full|the\ following|the\ next|the\ previous|the\ preceding|the\ prior|the\ same
                | (?:later|earlier)\ (?:that|in\ the|that\ same|the\ same|this|last|next)
                | (?:the\ )?(?:end|beginning|start|middle|close|rest)\ of\ (?:the|that|this|last|next)(?:\ same)?
              ))
            \s+ (?:(?i:fiscal)\s+)?
            (?P<unit>(?i:year|month|week|day|spring|summer|autumn|fall|winter|decade|century)|{MONTH_FULL})
          | (?P<num>[0-9]{{1,3}}|(?i:{NUMBER_WORD}))
            [\s-]+ (?P<nunit>(?i:years?|months?|weeks?|days?|decades?|centuries|century))
            \s+ (?P<dir>(?i:later|earlier|afterwards?|ago|previously))
          | (?P<pastref>(?i:the\ past|recently|formerly|at\ the\ time|recent\ years|in\ recent\ times))
          | (?P<futureref>(?i:the\ future|the\ years\ (?:ahead|to\ come)))
        )
        (?-u:\b)
        "
    ))
    .expect("RELATIVE is a valid regex")
});

/// Lengths of time: "78-day", "six years", "year-long", "several months", "the past three
/// months". Never calendar dates.
static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        (?-u:\b)
        (?:
            (?: (?:(?i:the)\s+)? (?i:past|last|next|coming|previous|first|following) \s+ )?   # 'the past three months'
            (?P<num>[0-9]{{1,3}}|(?i:{DURATION_NUMBER})) [\ \t-]+
            (?P<unit>(?i:years?|months?|weeks?|days?|hours?|decades?|centuries|century|quarters?))
            (?: -(?i:long|old) )?
          | (?P<lunit>(?i:year|month|week|day|decade|century))-(?i:long)
        )
        (?-u:\b)
        "
    ))
    .expect("DURATION is a valid regex")
});

/// Text that holds digits which are never dates: URLs, e-mail addresses, file-like tokens,
/// phone and fax numbers.
static MASK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
            (?:https?://|ftp://|www\.) [^\s<>()\[\]]+                # URLs
          | [A-Za-z0-9._%+-]+ @ [A-Za-z0-9-]+ (?:\.[A-Za-z0-9-]+)+  # e-mail addresses
          | [A-Za-z0-9-]+ \. [a-z]{2,6} / [^\s<>()\[\]]*            # domain/path without a scheme
          | [A-Za-z0-9.-]* _ [A-Za-z0-9_./-]*                      # tokens with underscores
          | \+ \ ? [0-9] [0-9()\ ./-]{5,} [0-9]                    # international phone numbers
          | (?i:tel|fax|phone|telephone) \.? \s* :? \s* \+? [0-9] [0-9()\ ./-]{4,} [0-9]  # labelled numbers
        ",
    )
    .expect("MASK is a valid regex")
});

/// A label before a document date: "Updated:", "Last modified:", "correct as of".
static METADATA_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        (?-u:\b)
        (?:
            (?P<asof>(?:correct|accurate|current|valid|true)\s+as\s+(?:of|at)|as\s+(?:of|at)\s*:)
          | (?P<stamp>(?:last\s+)?(?:updated|modified|revised|reviewed)(?:\s+on)?|published(?:\s+on)?
                     |posted(?:\s+on)?|issued(?:\s+on)?|dated?\s*:)
        )
        \s* :? \s*
        \z
        ",
    )
    .expect("METADATA_LABEL is a valid regex")
});

/// An approximation just before a year: "c. ", "ca. ", "circa ".
static APPROX_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x) (?-u:\b) (?: c\. | ca\. | (?i:circa) ) \s* \z  # approximation marker")
        .expect("APPROX_BEFORE is a valid regex")
});

/// An early/mid/late qualifier just before a date: "late", "mid-", "the end of", "early in".
static MODIFIER_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        (?-u:\b)
        (?:the\s+)? (?:very\s+)?
        (?:
            (?P<early>early|beginning\s+of|start\s+of|first\s+half\s+of|turn\s+of|early\s+in)
          | (?P<mid>mid|middle\s+of|mid-?way\s+through)
          | (?P<late>late|end\s+of|close\s+of|latter\s+(?:part|half)\s+of|second\s+half\s+of|later\s+part\s+of|late\s+in)
        )
        (?: \s+(?:the\s+)? | \s*-\s* )
        \z
        ",
    )
    .expect("MODIFIER_BEFORE is a valid regex")
});

/// "the year" standing alone ("a high for the year"); `the_years` decides which are dates.
static THE_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)[Tt]he\s+year(?-u:\b)").expect("THE_YEAR is a valid regex"));

/// Every pattern, so one test compiles them all.
#[cfg(test)]
pub(super) static PATTERNS: [(&str, &LazyLock<Regex>); 23] = [
    ("THE_YEAR", &THE_YEAR),
    ("SPOKEN_HINT", &SPOKEN_HINT),
    ("SPOKEN_YEAR", &SPOKEN_YEAR),
    ("ORDINAL_DAY", &ORDINAL_DAY),
    ("BC_RANGE", &BC_RANGE),
    ("APPROX_BEFORE", &APPROX_BEFORE),
    ("HOLIDAY", &HOLIDAY),
    ("DAY_MONTH", &DAY_MONTH),
    ("MONTH_DAY", &MONTH_DAY),
    ("NUMERIC", &NUMERIC),
    ("SLASHED", &SLASHED),
    ("MONTH_YEAR", &MONTH_YEAR),
    ("SEASON_YEAR", &SEASON_YEAR),
    ("DECADE_CENTURY", &DECADE_CENTURY),
    ("YEAR", &YEAR),
    ("YEAR_RANGE", &YEAR_RANGE),
    ("BARE_MONTH", &BARE_MONTH),
    ("BARE_SEASON", &BARE_SEASON),
    ("RELATIVE", &RELATIVE),
    ("DURATION", &DURATION),
    ("MASK", &MASK),
    ("METADATA_LABEL", &METADATA_LABEL),
    ("MODIFIER_BEFORE", &MODIFIER_BEFORE),
];

/// A date value with the year possibly missing ("5 December", "in November").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Partial {
    /// Historical year (negative BC), when the text states it.
    pub year: Option<i32>,
    /// The unit stated.
    pub unit: Unit,
    /// early/mid/late.
    pub modifier: Option<Modifier>,
}

impl Partial {
    fn new(year: Option<i32>, unit: Unit) -> Partial {
        Partial { year, unit, modifier: None }
    }

    /// The month, for day and month units.
    pub fn month(&self) -> Option<u8> {
        match self.unit {
            Unit::Day { month, .. } | Unit::Month(month) => Some(month),
            _ => None,
        }
    }
}

/// How a date relates to the next one in a range, or to the text around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// An adverbial date ("in 1994", "on 5 December 2000"): sets the time of the passage.
    Governs,
    /// A date that names or qualifies something ("the 1997 Founding Act", "(1991)"): it does
    /// not move the passage's time, so it never anchors a later year-less date.
    Attributive,
}

/// Which way and how far a relative expression points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RelUnit {
    Day,
    Week,
    Month,
    Year,
    Decade,
    Century,
    Season(Season),
    /// A named month ("last October").
    MonthName(u8),
}

/// What a relative expression is anchored to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Anchor {
    /// The document date: "today", "this year", "two years ago".
    Deictic,
    /// The date of the passage: "that year", "the following day", "two years later".
    Anaphoric,
}

/// The part of a year a relative year expression names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum YearPart {
    /// A month, with a day when given ("July 25 of that year").
    Month(u8, Option<u8>),
    /// A season ("the spring of next year").
    Season(Season),
}

/// A relative or deictic expression, unresolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Relative {
    /// The present as of the document date ("now", "currently").
    Present,
    /// The past or the future in general ("recently", "the future"): `PAST_REF`, `FUTURE_REF`.
    Reference { future: bool },
    /// A weekday (1 = Monday); `offset` -1 for "last", +1 for "next", 0 when the tense decides.
    Weekday { day: u8, offset: i32 },
    /// A quarter (`half`: a half year): number and year when stated, else the document's
    /// current one moved by `offset`. `reported`: "the quarter", "the latest quarter", which
    /// in a report of results is the last quarter completed.
    Quarter { half: bool, number: Option<u8>, year: Option<i32>, offset: i32, reported: bool },
    /// The weekend of the document's week moved by `offset` (0: the tense decides).
    Weekend { offset: i32 },
    /// A month (and day) of the year `offset` years from the anchor's ("August of that year").
    InYear { anchor: Anchor, offset: i32, part: YearPart },
    /// `offset` units from the anchor; `None` offset for "a few years later" (unresolvable).
    /// `definite`: "the end of the year" (the document's year in a news sheet), as against
    /// "that year" (always the passage's).
    Shift { anchor: Anchor, unit: RelUnit, offset: Option<i32>, modifier: Option<Modifier>, definite: bool },
}

/// The value a candidate will resolve to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
    /// A date or a range; a missing year is inferred later.
    Date { start: Partial, end: Option<Partial> },
    /// A relative expression.
    Relative(Relative),
    /// A length of time: the number of units (none for "several") and the unit.
    Duration(Option<u32>, super::timex::DurationUnit),
    /// A recurrence ("every year").
    Set(super::timex::DurationUnit),
    /// A date as written that does not exist ("31 June 1997").
    Invalid(Impossible),
    /// A day of the month the passage is in ("on the 20th").
    DayOfMonth(u8),
    /// A three-digit year without an era ("in 490"): a year BC when the passage's stated
    /// years are BC, else not a date.
    EraYear(i32),
}

/// A day as written that its month does not have: "31 June 1997", "29 February 1997".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Impossible {
    /// The year as written, if any.
    pub year: Option<i32>,
    /// 1–12.
    pub month: u8,
    /// The day as written.
    pub day: u8,
}

impl Impossible {
    /// Why the date does not exist: "June has 30 days", "1997 is not a leap year".
    pub fn reason(self) -> String {
        let name = crate::date::MONTH_NAMES[usize::from(self.month.clamp(1, 12) - 1)];
        if self.day == 0 {
            return "there is no day 0".to_string();
        }
        let year = |y: i32| if y < 0 { format!("{} BC", -y) } else { y.to_string() };
        match self.year {
            Some(y) if self.month == 2 && self.day == 29 => format!("{} is not a leap year", year(y)),
            Some(y) if self.month == 2 => format!("February {} has {} days", year(y), crate::date::days_in_month(y, 2)),
            None if self.month == 2 => "February has at most 29 days".to_string(),
            _ => format!("{name} has {} days", crate::date::days_in_month(2000, self.month)),
        }
    }
}

/// One possible temporal expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Candidate {
    pub span: Span,
    pub form: Form,
    pub role: Role,
}

/// All candidates in `text`, unordered and possibly overlapping, none inside a URL, an e-mail
/// address or a phone number.
pub(super) fn candidates(text: &str) -> Vec<Candidate> {
    let masks: Vec<Span> = MASK.find_iter(text).map(|m| Span::new(m.start(), m.end())).collect();
    let mut out = Vec::new();
    full_dates(text, &mut out);
    numeric_dates(text, &mut out);
    month_years(text, &mut out);
    season_years(text, &mut out);
    decades(text, &mut out);
    holidays(text, &mut out);
    years(text, &mut out);
    year_ranges(text, &mut out);
    bc_ranges(text, &mut out);
    ordinal_days(text, &mut out);
    bare_months(text, &mut out);
    bare_seasons(text, &mut out);
    spoken_years(text, &mut out);
    relatives(text, &mut out);
    the_years(text, &mut out);
    durations(text, &mut out);
    out.retain(|c| !crate::span::overlaps_any(&masks, c.span));
    for c in &mut out {
        extend_modifier(text, c);
    }
    out
}

fn span_of(caps: &Captures<'_>) -> Option<Span> {
    caps.get(0).map(|m| Span::new(m.start(), m.end()))
}

fn month_of(caps: &Captures<'_>, name: &str) -> Option<u8> {
    caps.name(name).and_then(|m| super::super::patterns::month_number(m.as_str()))
}

fn num<T: std::str::FromStr>(caps: &Captures<'_>, name: &str) -> Option<T> {
    caps.name(name).and_then(|m| m.as_str().parse().ok())
}

/// Parses a year as written: "1997", "490 BC", "AD 9", "146 B.C.".
pub(super) fn parse_year(s: &str) -> Option<i32> {
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let value: i32 = digits.parse().ok()?;
    if value == 0 {
        return None;
    }
    let bc = s.contains("BC") || s.contains("B.C.");
    Some(if bc { -value } else { value })
}

fn day_unit(year: Option<i32>, month: u8, day: u8) -> Option<Unit> {
    // Validate against the stated year, or against a leap year when the year is unknown.
    let check_year = year.unwrap_or(2000);
    crate::date::Point::day(check_year, month, day)?;
    Some(Unit::Day { month, day })
}

/// DAY_MONTH and MONTH_DAY: full dates with or without a year, day ranges inside one month.
fn full_dates(text: &str, out: &mut Vec<Candidate>) {
    for re in [&*DAY_MONTH, &*MONTH_DAY] {
        for caps in re.captures_iter(text) {
            let Some(span) = span_of(&caps) else { continue };
            let Some(month) = month_of(&caps, "month") else { continue };
            let Some(day) = num::<u8>(&caps, "day") else { continue };
            let year = caps.name("year").and_then(|y| parse_year(y.as_str()));
            if caps.name("year").is_some() && year.is_none() {
                continue;
            }
            let Some(unit) = day_unit(year, month, day) else {
                // "31 June 1997": a date as written but impossible; kept without a value so
                // that "June 1997" inside it is not taken for the meaning, and reported.
                let form = Form::Invalid(Impossible { year, month, day });
                out.push(Candidate { span, form, role: Role::Attributive });
                continue;
            };
            // "March 3.5 km", "at 10:30": a day glued to a decimal or a clock time is neither.
            let mut rest = text[span.end..].chars();
            if rest.next().is_some_and(|c| c == ':' || c == '.') && rest.next().is_some_and(|c| c.is_ascii_digit()) {
                continue;
            }
            let start = Partial::new(year, unit);
            let end = match num::<u8>(&caps, "day2") {
                Some(day2) if day2 > day => match day_unit(year, month, day2) {
                    Some(u) => Some(Partial::new(year, u)),
                    None => {
                        // "30-31 June 1997": the range ends on a day that does not exist.
                        let form = Form::Invalid(Impossible { year, month, day: day2 });
                        out.push(Candidate { span, form, role: Role::Attributive });
                        continue;
                    }
                },
                Some(_) => continue,
                None => None,
            };
            out.push(Candidate { span, form: Form::Date { start, end }, role: role_of_full(text, span) });
        }
    }
}

/// A full date is attributive when it qualifies a noun ("the 7 December meeting", "the
/// September 2001 attacks"): preceded by "the" or a possessive and followed by a word.
fn role_of_full(text: &str, span: Span) -> Role {
    let prev = prev_word(text, span.start);
    let next = text.get(span.end..).unwrap_or("");
    let followed_by_word = next.starts_with(' ') && next[1..].starts_with(|c: char| c.is_alphabetic());
    let inner_the = text.get(span.start..span.start + 4).is_some_and(|t| t.eq_ignore_ascii_case("the "));
    let determiner = inner_the
        || matches!(prev.as_str(), "the" | "its" | "their" | "his" | "her" | "our")
        || ends_possessive(text, span.start);
    if determiner && followed_by_word {
        let word = next_word(text, span.end);
        if !is_clause_word(&word) && next[1..].starts_with(|c: char| c.is_uppercase()) {
            return Role::Attributive;
        }
    }
    Role::Governs
}

/// Words that begin a clause or phrase after a date, so the date is not a noun modifier.
fn is_clause_word(word: &str) -> bool {
    matches!(
        word,
        "and"
            | "or"
            | "to"
            | "until"
            | "in"
            | "at"
            | "on"
            | "when"
            | "as"
            | "by"
            | "for"
            | "with"
            | "after"
            | "before"
            | "the"
    )
}

/// Whether a numeric date at `span` is part of a longer number or identifier
/// ("12-2002-05-27", "v1997-05-27", "A/RES/31/06/1997").
fn glued(text: &str, span: Span) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    before.is_some_and(|c| c == '-' || c == '/' || c == '.' || c.is_ascii_alphanumeric())
        || after.is_some_and(|c| c == '-' || c == '/' || c.is_ascii_alphanumeric())
}

/// A numeric day its month does not have ("1997-06-31"): a real month and a day of 1–31
/// past the month's end, as a written "31 June 1997" is. A day of 0 or over 31, or a month
/// over 12, is no date at all (a code, a placeholder).
fn impossible_day(year: i32, month: u8, day: u8) -> Option<Impossible> {
    let real_month = (1..=12).contains(&month) && year != 0;
    (real_month && (1..=31).contains(&day) && day > crate::date::days_in_month(year, month)).then_some(Impossible {
        year: Some(year),
        month,
        day,
    })
}

fn numeric_dates(text: &str, out: &mut Vec<Candidate>) {
    for caps in NUMERIC.captures_iter(text) {
        let Some(span) = span_of(&caps) else { continue };
        if glued(text, span) {
            continue;
        }
        let (year, month, day) = if caps.name("iy").is_some() {
            (num::<i32>(&caps, "iy"), num::<u8>(&caps, "im"), num::<u8>(&caps, "id"))
        } else {
            (num::<i32>(&caps, "dy"), month_of(&caps, "dm"), num::<u8>(&caps, "dd"))
        };
        let (Some(year), Some(month), Some(day)) = (year, month, day) else { continue };
        if crate::date::Point::day(year, month, day).is_none() {
            // "1997-06-31", "31-Jun-1997": kept without a value and reported, as "31 June 1997" is.
            if let Some(why) = impossible_day(year, month, day) {
                out.push(Candidate { span, form: Form::Invalid(why), role: Role::Attributive });
            }
            continue;
        }
        out.push(Candidate {
            span,
            form: Form::Date { start: Partial::new(Some(year), Unit::Day { month, day }), end: None },
            role: Role::Governs,
        });
    }
    // "31/06/1997": reported when neither day/month nor month/day is a real day and one of
    // the two is a real month. A slashed date that exists is not read (which way round it
    // is written is not known).
    for caps in SLASHED.captures_iter(text) {
        let Some(span) = span_of(&caps) else { continue };
        let (Some(a), Some(b), Some(year)) = (num::<u8>(&caps, "a"), num::<u8>(&caps, "b"), num::<i32>(&caps, "y"))
        else {
            continue;
        };
        let real = |month: u8, day: u8| crate::date::Point::day(year, month, day).is_some();
        if glued(text, span) || real(b, a) || real(a, b) {
            continue;
        }
        if let Some(why) = impossible_day(year, b, a).or_else(|| impossible_day(year, a, b)) {
            out.push(Candidate { span, form: Form::Invalid(why), role: Role::Attributive });
        }
    }
}

fn month_years(text: &str, out: &mut Vec<Candidate>) {
    for caps in MONTH_YEAR.captures_iter(text) {
        let Some(span) = span_of(&caps) else { continue };
        let (Some(month), Some(year)) =
            (month_of(&caps, "month"), caps.name("year").and_then(|y| parse_year(y.as_str())))
        else {
            continue;
        };
        if is_followed_by_count(text, span.end) {
            continue;
        }
        out.push(Candidate {
            span,
            form: Form::Date { start: Partial::new(Some(year), Unit::Month(month)), end: None },
            role: role_of_full(text, span),
        });
    }
}

fn holidays(text: &str, out: &mut Vec<Candidate>) {
    for caps in HOLIDAY.captures_iter(text) {
        let Some(span) = span_of(&caps) else { continue };
        let name = caps.name("name").map_or("", |m| m.as_str());
        let (month, day) = match name {
            "Christmas Eve" => (12, 24),
            "Boxing Day" => (12, 26),
            "New Year's Day" => (1, 1),
            "New Year's Eve" => (12, 31),
            // The earliest day a floating holiday can fall on; moved to its weekday once the
            // year is known.
            "Thanksgiving Day" => (11, 22),
            "Election Day" => (11, 2),
            _ => (12, 25),
        };
        let year = caps.name("year").and_then(|y| parse_year(y.as_str()));
        out.push(Candidate {
            span,
            form: Form::Date { start: Partial::new(year, Unit::Day { month, day }), end: None },
            role: Role::Governs,
        });
    }
}

fn season_of(word: &str) -> Option<Season> {
    match word.to_ascii_lowercase().as_str() {
        "spring" => Some(Season::Spring),
        "summer" => Some(Season::Summer),
        "autumn" | "fall" => Some(Season::Autumn),
        "winter" => Some(Season::Winter),
        _ => None,
    }
}

fn season_years(text: &str, out: &mut Vec<Candidate>) {
    for caps in SEASON_YEAR.captures_iter(text) {
        let Some(span) = span_of(&caps) else { continue };
        let Some(season) = caps.name("season").and_then(|s| season_of(s.as_str())) else { continue };
        let Some(year) = caps.name("year").and_then(|y| parse_year(y.as_str())) else { continue };
        if is_followed_by_count(text, span.end) {
            continue;
        }
        out.push(Candidate {
            span,
            form: Form::Date { start: Partial::new(Some(year), Unit::Season(season)), end: None },
            role: Role::Governs,
        });
    }
}

fn decades(text: &str, out: &mut Vec<Candidate>) {
    for caps in DECADE_CENTURY.captures_iter(text) {
        let Some(span) = span_of(&caps) else { continue };
        let (year, unit) = if let Some(d) = num::<i32>(&caps, "decade") {
            if caps.name("dbc").is_some() {
                // A BC decade cannot be written as a TIMEX3 decade here; its first year is a
                // coarse but honest stand-in only for "the 460s BC", so skip it instead.
                continue;
            }
            if d < 100 {
                continue; // "the 20s" is ambiguous (age, temperature)
            }
            (d, Unit::Decade)
        } else if let Some(s) = num::<i32>(&caps, "short") {
            (if s >= 20 { 1900 + s } else { 2000 + s }, Unit::Decade)
        } else {
            let n = num::<i32>(&caps, "cnum").or_else(|| {
                let w = caps.name("cword")?.as_str().to_ascii_lowercase();
                crate::extract::patterns::ORDINAL_WORDS
                    .iter()
                    .position(|o| *o == w)
                    .and_then(|i| i32::try_from(i + 1).ok())
            });
            let Some(n) = n.filter(|n| (1..=30).contains(n)) else { continue };
            if caps.name("cbc").is_some() {
                continue; // BC centuries have no value in our calendar type
            }
            ((n - 1) * 100, Unit::Century)
        };
        out.push(Candidate {
            span,
            form: Form::Date { start: Partial::new(Some(year), unit), end: None },
            role: Role::Governs,
        });
    }
}

/// Plural nouns that make a preceding number a count ("1,200 troops", "2000 members").
fn is_count_noun(word: &str) -> bool {
    matches!(
        word,
        "troops"
            | "soldiers"
            | "men"
            | "women"
            | "people"
            | "persons"
            | "personnel"
            | "casualties"
            | "dead"
            | "killed"
            | "wounded"
            | "prisoners"
            | "deaths"
            | "aircraft"
            | "planes"
            | "tanks"
            | "ships"
            | "vessels"
            | "guns"
            | "vehicles"
            | "km"
            | "kilometres"
            | "kilometers"
            | "miles"
            | "metres"
            | "meters"
            | "feet"
            | "tons"
            | "tonnes"
            | "members"
            | "staff"
            | "officers"
            | "sailors"
            | "marines"
            | "civilians"
            | "refugees"
            | "units"
            | "pages"
            | "votes"
            | "delegates"
            | "participants"
            | "employees"
            | "workers"
            | "students"
            | "copies"
            | "dollars"
            | "euros"
            | "pounds"
            | "hours"
            | "rounds"
            | "cases"
            | "times"
            | "strong"
            | "horses"
            | "warriors"
            | "infantry"
            | "cavalry"
            | "hoplites"
            | "strong,"
    )
}

fn is_followed_by_count(text: &str, end: usize) -> bool {
    is_count_noun(&next_word(text, end))
}

/// Words after which a number is never a year ("Resolution 1244", "page 1997", "at 1200").
fn is_number_label(word: &str) -> bool {
    matches!(
        word,
        "resolution"
            | "resolutions"
            | "no"
            | "nos"
            | "number"
            | "numbers"
            | "page"
            | "pages"
            | "p"
            | "pp"
            | "paragraph"
            | "paragraphs"
            | "para"
            | "paras"
            | "article"
            | "articles"
            | "art"
            | "section"
            | "sections"
            | "chapter"
            | "room"
            | "tel"
            | "fax"
            | "phone"
            | "telephone"
            | "flight"
            | "route"
            | "highway"
            | "platform"
            | "model"
            | "code"
            | "box"
            | "item"
            | "items"
            | "annex"
            | "rule"
            | "regulation"
            | "directive"
            | "order"
            | "iso"
            | "at"
            | "hill"
            | "height"
            | "elevation"
            | "altitude"
            | "km"
            | "mile"
            | "hour"
            | "hours"
            | "vol"
            | "volume"
            | "issue"
            | "ref"
            | "doc"
            | "document"
            | "file"
            | "case"
            | "bill"
            | "law"
            | "decree"
            | "unit"
            | "battalion"
            | "regiment"
            | "division"
            | "squadron"
            | "group"
            | "wing"
            | "over"
            | "about"
            | "approximately"
            | "nearly"
            | "some"
            | "total"
            | "than"
    )
}

/// Prepositions and qualifiers after which a four-digit number is a year ("in 1994", "since 1999").
fn is_year_preposition(word: &str) -> bool {
    matches!(
        word,
        "in" | "since"
            | "by"
            | "until"
            | "till"
            | "til"
            | "from"
            | "during"
            | "after"
            | "before"
            | "around"
            | "circa"
            | "c"
            | "ca"
            | "of"
            | "between"
            | "through"
            | "throughout"
            | "early"
            | "mid"
            | "late"
            | "year"
            | "years"
            | "fiscal"
            | "spring"
            | "summer"
            | "autumn"
            | "fall"
            | "winter"
            | "as"
            | "unto"
            | "up"
            | "beginning"
            | "end"
            | "start"
            | "middle"
            | "pre"
            | "post"
            | "early-"
            | "for"
            | "on"
            | "into"
    )
}

/// The lower-cased word before `pos`, dots and hyphens stripped ("No." → "no", "mid-" → "mid").
pub(super) fn prev_word(text: &str, pos: usize) -> String {
    let before = text.get(..pos).unwrap_or("");
    let trimmed = before.trim_end_matches([' ', '\t', '-']);
    let trimmed = trimmed.strip_suffix('.').unwrap_or(trimmed);
    let start = trimmed
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(0, |i| i + trimmed[i..].chars().next().map_or(1, char::len_utf8));
    trimmed.get(start..).unwrap_or("").to_lowercase()
}

/// The lower-cased word after `pos` (skipping one run of spaces), punctuation excluded.
pub(super) fn next_word(text: &str, pos: usize) -> String {
    let after = text.get(pos..).unwrap_or("").trim_start_matches([' ', '\t', '-', '"', '\'']);
    let end = after.find(|c: char| !c.is_alphanumeric()).unwrap_or(after.len());
    after.get(..end).unwrap_or("").to_lowercase()
}

fn ends_possessive(text: &str, pos: usize) -> bool {
    let before = text.get(..pos).unwrap_or("").trim_end();
    before.ends_with("'s") || before.ends_with("s'")
}

/// Whether the four-digit number at `start..end` is a year, and if so its role.
///
/// A year needs a context: a preposition ("in 1994", "since 1999"), parentheses ("(1991)"),
/// a list or range after another year ("1994 and 1997"), the head of a line ("1994: The
/// Partnership"), or a determiner with a following noun ("the 1997 Founding Act"). Numbers
/// glued to other digits or punctuation ("1,200", "707 1252", "1244/99"), numbers after
/// labels ("Resolution 1244", "page 1997") and counts ("2000 troops") are never years.
fn year_role(text: &str, start: usize, end: usize, year: i32) -> Option<Role> {
    if !(1000..=2099).contains(&year) {
        return None;
    }
    let before = text.get(..start)?;
    let after = text.get(end..)?;
    let mut back = before.chars().rev();
    let c_before = back.next();
    let mut ahead = after.chars();
    let c_after = ahead.next();
    let c_after2 = ahead.next();
    if c_before.is_some_and(|c| c.is_alphanumeric() || ",./:_+#$@".contains(c) || c == '€' || c == '£') {
        return None;
    }
    // Compare the last four bytes only: lower-casing `before` would copy the whole text per year.
    let mid = before.len() >= 4 && before.as_bytes()[before.len() - 4..].eq_ignore_ascii_case(b"mid-");
    if c_before == Some('-') && !mid {
        return None;
    }
    if c_after.is_some_and(|c| c.is_alphanumeric() || "_@%".contains(c)) {
        return None;
    }
    if c_after.is_some_and(|c| ",.:-/".contains(c)) && c_after2.is_some_and(|d| d.is_ascii_digit()) {
        return None;
    }
    // Digit groups separated by spaces are phone numbers or tables: "707 1252", "1010 1002".
    let mut b2 = before.chars().rev();
    if matches!(b2.next(), Some(' ')) && b2.next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    if c_after == Some(' ') && c_after2.is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let prev = prev_word(text, start);
    let next = next_word(text, end);
    if is_number_label(&prev) || is_count_noun(&next) {
        return None;
    }
    if is_year_preposition(&prev) {
        return Some(Role::Governs);
    }
    // A list or range after another year: "1994 and 1997", "1994, 1997", "1994 to 1997".
    static AFTER_YEAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?x) (?:[0-9]{4}|BC|AD) (?: \s*[,;]\s* (?:and\s+|or\s+)? | \s+(?:and|or|&|to|until|through)\s+ ) \z",
        )
        .expect("AFTER_YEAR is a valid regex")
    });
    let window = &before[before.floor_char_boundary(before.len().saturating_sub(24))..];
    if AFTER_YEAR.is_match(window) {
        return Some(Role::Governs);
    }
    if before.trim_end_matches(' ').ends_with('(') {
        return Some(Role::Attributive);
    }
    // The head of a line: "1994: The Partnership for Peace", "1994 - accession talks", "1994".
    // A line that starts with a year is a heading or a dated entry: "1972 election and peace".
    // Look at most `LINE_WINDOW` bytes each way: a longer line is no heading, and bounded
    // windows keep a 50 MB single-line sheet linear.
    const LINE_WINDOW: usize = 128;
    let back = &before[before.floor_char_boundary(before.len().saturating_sub(LINE_WINDOW))..];
    let ahead = &after[..after.ceil_char_boundary(after.len().min(LINE_WINDOW))];
    let line_head = match back.rfind('\n') {
        Some(i) => &back[i + 1..],
        None if back.len() == before.len() => back,
        None => "\u{0}not a line head",
    };
    let line_tail = match ahead.find('\n') {
        Some(i) => &ahead[..i],
        None if ahead.len() == after.len() => ahead,
        None => "\u{0}not a line end",
    };
    if line_head.trim().is_empty() {
        return Some(Role::Governs);
    }
    // A year closing a heading-like line: "Blockade and siege, 1861", "Eastern theatre 1861-1863".
    let line_len = line_head.len() + line_tail.len();
    if line_tail.trim().is_empty() && line_len < 100 && !line_head.trim_end().ends_with(['.', '!', '?']) {
        return Some(Role::Governs);
    }
    // A possessive year: "1965's man of the year".
    if after.starts_with("'s ") {
        return Some(Role::Attributive);
    }
    // A year that names or qualifies: "the 1997 Founding Act", "NATO's 1999 decision".
    let determiner = matches!(prev.as_str(), "the" | "its" | "their" | "his" | "her" | "our" | "this" | "that")
        || ends_possessive(text, start);
    if determiner && c_after == Some(' ') && !next.is_empty() && !is_clause_word(&next) {
        // Before a name ("the 1997 Founding Act") the year only names it; before a common
        // noun ("the 2019 session") it dates an occurrence, which sets the passage's time.
        let name_follows = after[1..].starts_with(|c: char| c.is_uppercase());
        return Some(if name_follows { Role::Attributive } else { Role::Governs });
    }
    // In running prose a modern year stands on its own after a lower-case word or an
    // article: "his unsuccessful 1996 campaign", "a 1971 convention", "bonds due 1993",
    // "dating to 1994". Not after a name ("Orion 1980", "Kopp's 1987 Chevrolet"). It names
    // or qualifies rather than sets the passage's time.
    // A plural noun after the number makes it a count ("1997 points").
    let plural = next.len() > 3 && next.ends_with('s') && after[1..].starts_with(|c: char| c.is_lowercase());
    if (1900..=2029).contains(&year) && c_before == Some(' ') && !plural && lower_case_word_before(before) {
        return Some(Role::Attributive);
    }
    None
}

/// Whether the word before `before`'s trailing space starts in lower case, or is an article.
fn lower_case_word_before(before: &str) -> bool {
    let trimmed = before.trim_end_matches(' ');
    let word = trimmed.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    // The word must end right where the spaces begin (no punctuation between).
    if word.is_empty() || !trimmed.ends_with(word) {
        return false;
    }
    matches!(word, "A" | "An") || word.starts_with(|c: char| c.is_lowercase())
}

fn years(text: &str, out: &mut Vec<Candidate>) {
    for caps in YEAR.captures_iter(text) {
        let Some(span) = span_of(&caps) else { continue };
        if let Some(era) = caps.name("era") {
            let Some(year) = parse_year(era.as_str()) else { continue };
            out.push(Candidate {
                span,
                form: Form::Date { start: Partial::new(Some(year), Unit::Year), end: None },
                role: Role::Governs,
            });
            continue;
        }
        if let Some(short) = num::<i32>(&caps, "short") {
            // "in 490", "by 480" in a passage about years BC; the era is settled on resolution.
            if short >= 100 && is_short_year_context(text, span) {
                out.push(Candidate { span, form: Form::EraYear(short), role: Role::Governs });
            }
            continue;
        }
        let Some(year) = num::<i32>(&caps, "plain") else { continue };
        let Some(role) = year_role(text, span.start, span.end, year) else { continue };
        out.push(Candidate { span, form: Form::Date { start: Partial::new(Some(year), Unit::Year), end: None }, role });
    }
}

/// Whether a three-digit number stands where a year would: after "in", "by", "until"… and
/// not glued to other digits or followed by a counted noun.
fn is_short_year_context(text: &str, span: Span) -> bool {
    let c_before = text[..span.start].chars().next_back();
    let c_after = text[span.end..].chars().next();
    if c_before.is_some_and(|c| !c.is_whitespace())
        || c_after.is_some_and(|c| c.is_alphanumeric() || ",.:/-%".contains(c))
    {
        return false;
    }
    let prev = prev_word(text, span.start);
    matches!(
        prev.as_str(),
        "in" | "by" | "until" | "till" | "since" | "from" | "around" | "c" | "ca" | "circa" | "before" | "after"
    ) && !is_count_noun(&next_word(text, span.end))
        && !text[span.end..].trim_start().starts_with(|c: char| c.is_ascii_digit())
}

fn year_ranges(text: &str, out: &mut Vec<Candidate>) {
    for caps in YEAR_RANGE.captures_iter(text) {
        let Some(span) = span_of(&caps) else { continue };
        let (Some(y1), Some(y2s)) = (num::<i32>(&caps, "y1"), caps.name("y2")) else { continue };
        let Ok(mut y2) = y2s.as_str().parse::<i32>() else { continue };
        if y2s.as_str().len() == 2 {
            y2 += y1 / 100 * 100;
        }
        if !(1000..=2099).contains(&y1) || y2 <= y1 || y2 - y1 > 100 {
            continue;
        }
        // Same edge rules as a bare year, on both ends, but the dash itself is the context.
        let before = text[..span.start].chars().next_back();
        let after = text[span.end..].chars().next();
        if before.is_some_and(|c| c.is_alphanumeric() || ",./:_+#$@-".contains(c))
            || after.is_some_and(|c| c.is_alphanumeric() || "/_@%-".contains(c))
            || text[span.end..].starts_with(',') && text[span.end + 1..].starts_with(|c: char| c.is_ascii_digit())
            || is_number_label(&prev_word(text, span.start))
            || is_followed_by_count(text, span.end)
        {
            continue;
        }
        out.push(Candidate {
            span,
            form: Form::Date {
                start: Partial::new(Some(y1), Unit::Year),
                end: Some(Partial::new(Some(y2), Unit::Year)),
            },
            role: Role::Governs,
        });
    }
}

fn ordinal_days(text: &str, out: &mut Vec<Candidate>) {
    for caps in ORDINAL_DAY.captures_iter(text) {
        let Some(span) = span_of(&caps) else { continue };
        let Some(day) = num::<u8>(&caps, "day").filter(|d| (1..=31).contains(d)) else { continue };
        let prev = prev_word(text, span.start);
        let next = next_word(text, span.end);
        let after = &text[span.end..];
        // "on the 20th", "from the 13th to the 19th"; not "the 5th Army", "the 19th century".
        let noun_follows = after.starts_with(' ') && after[1..].starts_with(|c: char| c.is_uppercase())
            || after.starts_with('-')
            || matches!(
                next.as_str(),
                "century"
                    | "centuries"
                    | "anniversary"
                    | "birthday"
                    | "amendment"
                    | "time"
                    | "times"
                    | "edition"
                    | "floor"
                    | "place"
                    | "round"
                    | "minute"
                    | "session"
                    | "meeting"
                    | "congress"
                    | "summit"
                    | "division"
                    | "army"
                    | "regiment"
                    | "of"
            );
        if !matches!(prev.as_str(), "on" | "from" | "until" | "till" | "by" | "to" | "since" | "after" | "before")
            || noun_follows
        {
            continue;
        }
        out.push(Candidate { span, form: Form::DayOfMonth(day), role: Role::Governs });
    }
}

fn bc_ranges(text: &str, out: &mut Vec<Candidate>) {
    for caps in BC_RANGE.captures_iter(text) {
        let Some(span) = span_of(&caps) else { continue };
        let (Some(y1), Some(y2)) = (num::<i32>(&caps, "y1"), num::<i32>(&caps, "y2")) else { continue };
        // Years BC count down: the range starts at the larger number.
        if y1 <= y2 || text[..span.start].ends_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',') {
            continue;
        }
        out.push(Candidate {
            span,
            form: Form::Date {
                start: Partial::new(Some(-y1), Unit::Year),
                end: Some(Partial::new(Some(-y2), Unit::Year)),
            },
            role: Role::Governs,
        });
    }
}

/// Prepositions after which a month name alone is a date ("in November", "by March").
fn is_month_preposition(word: &str) -> bool {
    matches!(
        word,
        "in" | "since"
            | "by"
            | "until"
            | "till"
            | "from"
            | "during"
            | "after"
            | "before"
            | "of"
            | "between"
            | "through"
            | "throughout"
            | "early"
            | "mid"
            | "late"
            | "around"
            | "for"
            | "that"
            | "last"
            | "next"
            | "this"
            | "following"
            | "same"
    )
}

fn bare_months(text: &str, out: &mut Vec<Candidate>) {
    static MONTH_LIST_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?x) (?:{MONTH_FULL}) (?: \s*[,-]\s* (?:and\s+|or\s+)? | \s+(?:and|or|to|until|through)\s+ ) \z"
        ))
        .expect("MONTH_LIST_BEFORE is a valid regex")
    });
    static MONTH_RANGE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"(?x) \A (?: \s*-\s* | \s+(?:to|and|until|through)\s+ ) (?:{MONTH_FULL}) (?-u:\b)"))
            .expect("MONTH_RANGE_AFTER is a valid regex")
    });
    for caps in BARE_MONTH.captures_iter(text) {
        let Some(span) = span_of(&caps) else { continue };
        let Some(month) = month_of(&caps, "month") else { continue };
        let prev = prev_word(text, span.start);
        let before = &text[..span.start];
        let window = &before[before.floor_char_boundary(before.len().saturating_sub(16))..];
        let after = &text[span.end..];
        let head = &after[..after.ceil_char_boundary(after.len().min(24))];
        let by_context =
            is_month_preposition(&prev) || MONTH_LIST_BEFORE.is_match(window) || MONTH_RANGE_AFTER.is_match(head);
        // Other months stand alone ("the costly August battles", "September saw the retreat")
        // unless a capitalised word follows, which makes them part of a name ("August Wilson").
        // "May" needs its context: alone it is the modal verb.
        let name = &text[span.start..span.end];
        let followed_by_name = after.strip_prefix(' ').is_some_and(|a| a.starts_with(|c: char| c.is_uppercase()));
        // "the Long March", "Women's March", "the March to the Sea": after a capitalised word or
        // a determiner, a month that is also a noun names an event.
        let noun_month = name.eq_ignore_ascii_case("march") || name.eq_ignore_ascii_case("may");
        let prev_raw = before.trim_end().rsplit([' ', '\n', '\t']).next().unwrap_or("");
        let after_name = prev_raw.starts_with(|c: char| c.is_uppercase())
            && !before.trim_end().ends_with(['.', '\n'])
            && !is_month_preposition(&prev);
        let after_the = matches!(prev.as_str(), "the" | "a" | "his" | "her" | "their") || before.ends_with(['"', '\'']);
        if noun_month && (after_name || after_the) {
            continue;
        }
        let ok = by_context || (!name.eq_ignore_ascii_case("may") && !followed_by_name);
        if !ok {
            continue;
        }
        out.push(Candidate {
            span,
            form: Form::Date { start: Partial::new(None, Unit::Month(month)), end: None },
            role: Role::Governs,
        });
    }
}

fn bare_seasons(text: &str, out: &mut Vec<Candidate>) {
    for caps in BARE_SEASON.captures_iter(text) {
        let Some(span) = span_of(&caps) else { continue };
        let Some(season) = caps.name("season").and_then(|s| season_of(s.as_str())) else { continue };
        let word_start = caps.name("season").map_or(span.start, |m| m.start());
        let prev = prev_word(text, word_start);
        let by_context = caps.name("the").is_some()
            || matches!(
                prev.as_str(),
                "in" | "during" | "by" | "until" | "till" | "early" | "late" | "mid" | "through"
            );
        // A lower-case season is a date anywhere ("their summer offensive"); a capitalised one
        // only after a determiner or preposition, as "Prague Spring" names an event.
        let capital = text[word_start..].starts_with(|c: char| c.is_uppercase());
        let sentence_start = text[..span.start].trim_end().ends_with(['.', '\n']) || span.start == 0;
        let ok = !capital || by_context || sentence_start;
        if !ok || next_word(text, span.end) == "of" {
            continue;
        }
        out.push(Candidate {
            span,
            form: Form::Date { start: Partial::new(None, Unit::Season(season)), end: None },
            role: Role::Governs,
        });
    }
}

/// The value of a number word below twenty, or of a tens word.
fn word_value(word: &str) -> Option<i32> {
    number_value(word).filter(|n| *n > 0 && *n < 100)
}

/// The words every year in words holds: one literal scan, so that texts without them (most)
/// skip [`SPOKEN_YEAR`], whose optional month prefix defeats the regex engine's own prefilter.
static SPOKEN_HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)teen[ -]|two thousand|the (?:twen|thir|for|fif|six|seven|eigh|nine)ties")
        .expect("SPOKEN_HINT is a valid regex")
});

fn spoken_years(text: &str, out: &mut Vec<Candidate>) {
    if !SPOKEN_HINT.is_match(text) {
        return;
    }
    for caps in SPOKEN_YEAR.captures_iter(text) {
        let Some(span) = span_of(&caps) else { continue };
        let word = |name: &str| caps.name(name).and_then(|m| word_value(m.as_str()));
        let (year, decade) = if let Some(h) = word("hundreds") {
            let rest = word("teen").or_else(|| Some(word("tens")? + word("unit").unwrap_or(0))).or_else(|| word("oh"));
            let Some(rest) = rest else { continue };
            (h * 100 + rest, false)
        } else if caps.name("thousand").is_some() {
            // "two thousand" is a count ("two thousand people") unless it is named a year.
            if caps.name("theyear").is_none() && caps.name("month").is_none() && caps.name("season").is_none() {
                continue;
            }
            (2000 + word("tunit").unwrap_or(0), false)
        } else if let Some(d) = caps.name("decade") {
            let tens = d.as_str().to_ascii_lowercase();
            // "nineties" → "ninety"
            let Some(n) = number_value(&format!("{}y", tens.trim_end_matches("ies"))) else { continue };
            (1900 + n, true)
        } else {
            continue;
        };
        if is_followed_by_count(text, span.end) {
            continue;
        }
        let unit = if decade {
            Unit::Decade
        } else if let Some(m) = caps.name("month").and_then(|m| super::super::patterns::month_number(m.as_str())) {
            Unit::Month(m)
        } else if let Some(s) = caps.name("season").and_then(|s| season_of(s.as_str())) {
            Unit::Season(s)
        } else {
            Unit::Year
        };
        out.push(Candidate {
            span,
            form: Form::Date { start: Partial::new(Some(year), unit), end: None },
            role: Role::Governs,
        });
    }
}

fn number_value(word: &str) -> Option<i32> {
    let w = word.to_ascii_lowercase();
    if let Ok(n) = w.parse() {
        return Some(n);
    }
    const WORDS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    if w == "a" || w == "an" {
        return Some(1);
    }
    if let Some(i) = WORDS.iter().position(|x| *x == w) {
        return i32::try_from(i).ok();
    }
    match w.as_str() {
        "twenty" => Some(20),
        "thirty" => Some(30),
        "forty" => Some(40),
        "fifty" => Some(50),
        "sixty" => Some(60),
        "seventy" => Some(70),
        "eighty" => Some(80),
        "ninety" => Some(90),
        "hundred" => Some(100),
        _ => None,
    }
}

fn rel_unit(word: &str) -> Option<RelUnit> {
    let w = word.to_ascii_lowercase();
    let w = w.trim_end_matches('s');
    Some(match w {
        "year" => RelUnit::Year,
        "month" => RelUnit::Month,
        "week" => RelUnit::Week,
        "day" => RelUnit::Day,
        "decade" => RelUnit::Decade,
        "century" | "centurie" => RelUnit::Century,
        _ => {
            if let Some(s) = season_of(w) {
                RelUnit::Season(s)
            } else {
                RelUnit::MonthName(super::super::patterns::month_number(word)?)
            }
        }
    })
}

/// Anchor and offset of a determiner: "this" and "last" point from the document date, "that",
/// "the following" and "the previous" from the passage's date.
fn year_shift(det: &str) -> (Anchor, i32) {
    let last = det.rsplit(' ').next().unwrap_or("");
    let bare = !det.contains("the ");
    match last {
        "this" | "current" => (Anchor::Deictic, 0),
        "last" | "past" => (Anchor::Deictic, -1),
        "next" if bare => (Anchor::Deictic, 1),
        "following" | "next" => (Anchor::Anaphoric, 1),
        "previous" | "preceding" | "prior" => (Anchor::Anaphoric, -1),
        _ => (Anchor::Anaphoric, 0), // that, the same, the
    }
}

fn relatives(text: &str, out: &mut Vec<Candidate>) {
    for caps in RELATIVE.captures_iter(text) {
        let Some(mut span) = span_of(&caps) else { continue };
        let rel = if let Some(t) = caps.name("today") {
            if generic_today(text, span.end) {
                continue;
            }
            let offset = match t.as_str().to_ascii_lowercase().as_str() {
                "yesterday" => {
                    // "late yesterday", "Earlier yesterday": the qualifier is part of the day's
                    // expression (its value stays the day).
                    span.start -= qualifier_before(text, span.start);
                    -1
                }
                "tomorrow" => 1,
                _ => 0,
            };
            Relative::Shift {
                anchor: Anchor::Deictic,
                unit: RelUnit::Day,
                offset: Some(offset),
                modifier: None,
                definite: false,
            }
        } else if let Some(ydet) = caps.name("ydet").or(caps.name("ydet2")) {
            let part = match (month_of(&caps, "mname"), caps.name("sname").and_then(|s| season_of(s.as_str()))) {
                (Some(month), _) => YearPart::Month(month, num::<u8>(&caps, "mday")),
                (None, Some(season)) => YearPart::Season(season),
                (None, None) => continue,
            };
            let (anchor, offset) = year_shift(&ydet.as_str().to_ascii_lowercase());
            Relative::InYear { anchor, offset, part }
        } else if let Some(p) = caps.name("present") {
            // "Now, the board says …": a capitalised "Now" with a comma opens a sentence as a
            // discourse marker, not as the time of writing.
            if p.as_str() == "Now" && text[span.end..].starts_with(',') {
                continue;
            }
            Relative::Present
        } else if caps.name("pastref").is_some() || caps.name("futureref").is_some() {
            Relative::Reference { future: caps.name("futureref").is_some() }
        } else if let Some(w) = caps.name("wday") {
            let day = weekday_number(w.as_str());
            let det = caps.name("wdet").map(|d| d.as_str().trim().to_ascii_lowercase()).unwrap_or_default();
            let offset = match det.as_str() {
                "last" | "past" => -1,
                "next" | "coming" => 1,
                _ => 0,
            };
            // "Friday's meeting" and "Friday, March 3" are found by other patterns; a weekday
            // that starts a name ("Black Monday", "Good Friday") is no date of this week.
            if det.is_empty() && is_named_day(text, w.start()) {
                continue;
            }
            Relative::Weekday { day, offset }
        } else if let Some(q) = caps.name("qord") {
            let half = caps.name("qunit").is_some_and(|u| u.as_str().eq_ignore_ascii_case("half"));
            let number = match q.as_str().to_ascii_lowercase().as_str() {
                "first" | "1st" => 1,
                "second" | "2nd" => 2,
                "third" | "3rd" => 3,
                _ => 4,
            };
            if half && number > 2 {
                continue;
            }
            let prev = caps.name("qprev").map(|d| d.as_str().to_ascii_lowercase());
            let det = caps.name("qdet2").map(|d| d.as_str().to_ascii_lowercase()).or(prev);
            let offset = match det.as_deref() {
                Some(d) if d.starts_with("last") || d.contains("year-") => -1,
                Some(d) if d.starts_with("next") => 1,
                _ => 0,
            };
            let year = num::<i32>(&caps, "qyear").or_else(|| num::<i32>(&caps, "qyear0"));
            Relative::Quarter { half, number: Some(number), year, offset, reported: false }
        } else if let Some(d) = caps.name("qdet") {
            let det = d.as_str().to_ascii_lowercase();
            let offset = match det.as_str() {
                "last" | "the previous" | "the past" => -1,
                "next" => 1,
                _ => 0,
            };
            // "the year-earlier quarter" is the same quarter a year before.
            let year_back = det.contains("year-");
            let reported = det.starts_with("the") && !det.contains("current") && offset == 0;
            Relative::Quarter {
                half: false,
                number: None,
                year: None,
                offset: if year_back { -4 } else { offset },
                reported,
            }
        } else if let Some(d) = caps.name("pdet") {
            // "the latest period" of a report of results is its quarter; "the year-earlier
            // period" the same quarter a year before.
            let year_back = d.as_str().contains("year-");
            Relative::Quarter {
                half: false,
                number: None,
                year: None,
                offset: if year_back { -4 } else { 0 },
                reported: true,
            }
        } else if let Some(y) = num::<i32>(&caps, "qyear1") {
            Relative::Quarter { half: false, number: None, year: Some(y), offset: 0, reported: true }
        } else if caps.name("yago").is_some() {
            // "year-earlier sales": last year, or its quarter in a report of a quarter.
            Relative::Shift {
                anchor: Anchor::Deictic,
                unit: RelUnit::Year,
                offset: Some(-1),
                modifier: None,
                definite: false,
            }
        } else if let Some(d) = caps.name("wkdet") {
            let offset = match d.as_str().to_ascii_lowercase().as_str() {
                "last" | "the past" => -1,
                "next" | "the coming" => 1,
                _ => 0,
            };
            Relative::Weekend { offset }
        } else if caps.name("set").is_some() {
            let unit = caps.name("sunit").map_or("", |u| u.as_str());
            // "every Thursday" recurs weekly.
            let weekly = unit.ends_with("day") && unit.starts_with(|c: char| c.is_uppercase());
            let unit = match super::timex::DurationUnit::of_word(unit) {
                _ if weekly => super::timex::DurationUnit::Week,
                Some(u) => u,
                None => super::timex::DurationUnit::Year,
            };
            out.push(Candidate { span, form: Form::Set(unit), role: Role::Attributive });
            continue;
        } else if let Some(det_match) = caps.name("det") {
            let Some(unit_match) = caps.name("unit") else { continue };
            let Some(unit) = rel_unit(unit_match.as_str()) else { continue };
            // A title in quotation marks ("This Week", a broadcast or a column) names no week:
            // its unit word is capitalised, which a month name is anyway.
            if !matches!(unit, RelUnit::MonthName(_))
                && unit_match.as_str().starts_with(|ch: char| ch.is_ascii_uppercase())
                && text[..span.start].ends_with(['"', '`', '\'', '\u{201c}'])
            {
                continue;
            }
            let det = det_match.as_str().to_ascii_lowercase();
            let det = det.split_whitespace().collect::<Vec<_>>().join(" ");
            let modifier = if det.contains("end of") || det.contains("close of") || det.starts_with("later") {
                Some(Modifier::Late)
            } else if det.contains("beginning of") || det.contains("start of") || det.starts_with("earlier") {
                Some(Modifier::Early)
            } else if det.contains("middle of") {
                Some(Modifier::Mid)
            } else {
                None
            };
            // "the last week of August", "the next month of talks": part of a longer phrase.
            if next_word(text, span.end) == "of" {
                continue;
            }
            // "the past year" is the year before; "the past week" is a length of time.
            if det == "the past" && unit != RelUnit::Year {
                continue;
            }
            // "earlier this week": the week is "this week" (the qualifier narrows no week value).
            if unit == RelUnit::Week
                && (det.starts_with("earlier ") || det.starts_with("later "))
                && det.ends_with(" this")
                && let Some(i) = det_match.as_str().rfind(char::is_whitespace)
            {
                span.start = det_match.start() + i + 1;
            }
            let (anchor, offset) = year_shift(&det);
            let definite = !det.contains("same") && (det.starts_with("the ") || det.contains("of the"));
            // "that day", "this morning" stand for a day; "last night" is yesterday.
            Relative::Shift { anchor, unit, offset: Some(offset), modifier, definite }
        } else {
            let Some(unit) = caps.name("nunit").and_then(|u| rel_unit(u.as_str())) else { continue };
            let n = caps.name("num").and_then(|n| number_value(n.as_str()));
            let dir = caps.name("dir").map(|d| d.as_str().to_ascii_lowercase()).unwrap_or_default();
            // "nearly four years ago": the approximation belongs to the expression.
            let before = &text[..span.start];
            for w in ["nearly ", "almost ", "Nearly ", "Almost "] {
                if before.ends_with(w) {
                    span.start -= w.len();
                    break;
                }
            }
            let (anchor, sign) = match dir.as_str() {
                "ago" => (Anchor::Deictic, -1),
                "earlier" | "previously" => (Anchor::Anaphoric, -1),
                _ => (Anchor::Anaphoric, 1),
            };
            Relative::Shift { anchor, unit, offset: n.map(|n| n * sign), modifier: None, definite: false }
        };
        // "this" and "that" before a day part or a month are often not dates ("that May be"):
        // keep month names only where the month is capitalised, which the pattern enforces.
        out.push(Candidate { span, form: Form::Relative(rel), role: Role::Governs });
    }
}

/// Whether "today" ending at `end` is "today's" before a noun of an age rather than a day
/// ("today's world", "today's youth"): the nowadays sense, which names no date.
fn generic_today(text: &str, end: usize) -> bool {
    let after = &text[end..];
    let Some(rest) = after.strip_prefix("'s").or_else(|| after.strip_prefix("\u{2019}s")) else { return false };
    if !rest.starts_with(' ') {
        return false;
    }
    matches!(
        next_word(text, text.len() - rest.len()).as_str(),
        "world" | "youth" | "society" | "generation" | "children" | "kids" | "standards" | "culture"
    )
}

/// Length in bytes of an "early", "late", "earlier" or "later" (and one space) right before `pos`.
fn qualifier_before(text: &str, pos: usize) -> usize {
    let before = &text[..pos];
    let Some(rest) = before.strip_suffix(' ') else { return 0 };
    for q in ["earlier", "later", "early", "late"] {
        if rest.len() >= q.len()
            && rest.is_char_boundary(rest.len() - q.len())
            && rest[rest.len() - q.len()..].eq_ignore_ascii_case(q)
            && !rest[..rest.len() - q.len()].ends_with(char::is_alphanumeric)
        {
            return q.len() + 1;
        }
    }
    0
}

/// "the year" after "for" or "of" ("a high for the year", "the first nine months of the year"):
/// in a report, the year it is written in; in a narrative, the passage's year. Not "the year
/// ended June 30" (a length of time), "the year before", "the year 1812", "the year-earlier
/// quarter", "the year's end" or a capitalised "the Year" (a title, "the Year III" of a calendar).
fn the_years(text: &str, out: &mut Vec<Candidate>) {
    for m in THE_YEAR.find_iter(text) {
        if text[m.end()..].starts_with(['-', '\'', '\u{2019}'])
            || !matches!(prev_word(text, m.start()).as_str(), "for" | "of")
        {
            continue;
        }
        let next = next_word(text, m.end());
        if next.starts_with(|c: char| c.is_ascii_digit())
            || matches!(
                next.as_str(),
                "ended"
                    | "ending"
                    | "ends"
                    | "before"
                    | "after"
                    | "earlier"
                    | "ago"
                    | "later"
                    | "to"
                    | "through"
                    | "when"
                    | "that"
                    | "which"
                    | "in"
                    | "two"
                    | "one"
                    | "nineteen"
            )
        {
            continue;
        }
        out.push(Candidate {
            span: Span::new(m.start(), m.end()),
            form: Form::Relative(Relative::Shift {
                anchor: Anchor::Anaphoric,
                unit: RelUnit::Year,
                offset: Some(0),
                modifier: None,
                definite: true,
            }),
            role: Role::Attributive,
        });
    }
}

fn durations(text: &str, out: &mut Vec<Candidate>) {
    use super::timex::DurationUnit;
    for caps in DURATION.captures_iter(text) {
        let Some(span) = span_of(&caps) else { continue };
        let form = if let Some(u) = caps.name("lunit") {
            Form::Duration(Some(1), DurationUnit::of_word(u.as_str()).unwrap_or(DurationUnit::Year))
        } else {
            let Some(unit) = caps.name("unit").and_then(|u| DurationUnit::of_word(u.as_str())) else { continue };
            // "several months" has no number: `PXM`.
            let amount = caps.name("num").and_then(|n| number_value(n.as_str())).and_then(|n| u32::try_from(n).ok());
            Form::Duration(amount, unit)
        };
        out.push(Candidate { span, form, role: Role::Attributive });
    }
}

/// Monday = 1 … Sunday = 7.
/// The weekday a floating holiday falls on, the first one on or after the day `holidays`
/// gives it: Thanksgiving Day (US) is the fourth Thursday of November, Election Day (US) the
/// Tuesday after the first Monday of November.
pub(super) fn floating_weekday(surface: &str) -> Option<u8> {
    if surface.starts_with("Thanksgiving Day") {
        Some(4)
    } else if surface.starts_with("Election Day") {
        Some(2)
    } else {
        None
    }
}

fn weekday_number(name: &str) -> u8 {
    match name {
        "Monday" => 1,
        "Tuesday" => 2,
        "Wednesday" => 3,
        "Thursday" => 4,
        "Friday" => 5,
        "Saturday" => 6,
        _ => 7,
    }
}

/// Whether the weekday at `start` is part of a name: "Black Monday", "Good Friday", "Bloody
/// Sunday", "Super Tuesday" (the word before names the day, not a day of this week).
fn is_named_day(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches(' ');
    let prev_raw = before.rsplit([' ', '\n', '\t']).next().unwrap_or("");
    matches!(
        prev_raw,
        "Black"
            | "Good"
            | "Bloody"
            | "Holy"
            | "Ash"
            | "Palm"
            | "Easter"
            | "Super"
            | "Cyber"
            | "Blue"
            | "Maundy"
            | "Shrove"
    )
}

/// Widens a date candidate over an early/mid/late qualifier before it ("the late 1990s",
/// "mid-September", "the end of March 1944") and records the modifier. Days take none.
fn extend_modifier(text: &str, c: &mut Candidate) {
    // "early this year", "late last month": the qualifier narrows a deictic year or month.
    if let Form::Relative(Relative::Shift {
        anchor: Anchor::Deictic,
        unit: RelUnit::Year | RelUnit::Month,
        modifier: modifier @ None,
        ..
    }) = &mut c.form
    {
        let before = &text[..c.span.start];
        let window = &before[before.floor_char_boundary(before.len().saturating_sub(40))..];
        if let Some(caps) = MODIFIER_BEFORE.captures(window)
            && let Some(m) = caps.get(0)
        {
            *modifier = Some(if caps.name("early").is_some() {
                Modifier::Early
            } else if caps.name("mid").is_some() {
                Modifier::Mid
            } else {
                Modifier::Late
            });
            c.span.start = before.len() - window.len() + m.start();
        }
        return;
    }
    let Form::Date { start, end: None } = &mut c.form else { return };
    if matches!(start.unit, Unit::Day { .. }) {
        return;
    }
    let before = &text[..c.span.start];
    // "c. 466 BC", "circa 1200": the approximation belongs to the expression.
    if let Some(m) = APPROX_BEFORE.find(&before[before.floor_char_boundary(before.len().saturating_sub(8))..]) {
        c.span.start -= m.len();
        return;
    }
    let window = &before[before.floor_char_boundary(before.len().saturating_sub(40))..];
    let Some(caps) = MODIFIER_BEFORE.captures(window) else { return };
    let Some(m) = caps.get(0) else { return };
    let modifier = if caps.name("early").is_some() {
        Modifier::Early
    } else if caps.name("mid").is_some() {
        Modifier::Mid
    } else {
        Modifier::Late
    };
    start.modifier = Some(modifier);
    c.span.start = before.len() - window.len() + m.start();
}

/// The metadata label that ends right before `start` (line breaks allowed in between), if any.
pub(super) fn metadata_label(text: &str, start: usize) -> Option<MetadataLabel> {
    let before = text.get(..start)?;
    let window = &before[before.floor_char_boundary(before.len().saturating_sub(48))..];
    let caps = METADATA_LABEL.captures(window)?;
    Some(if caps.name("asof").is_some() { MetadataLabel::AsOf } else { MetadataLabel::Stamp })
}

/// What a document-date label says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum MetadataLabel {
    /// "correct as of": the date the content describes; preferred.
    AsOf,
    /// "Updated:", "Last modified:": when the page last changed.
    Stamp,
}

//! TIMEX3 values that a calendar [`Date`](crate::Date) cannot hold, and the register a
//! sheet is read in.
//!
//! A mention's `date` is what claims and the cross-check compare; its [`Timex`] says how
//! the expression is written as a TIMEX3 `value`: the date's own value for most, or a week
//! (`1998-W02`), a weekend (`1998-W02-WE`), a quarter (`1998-Q1`), a half (`2008-H2`), a
//! reference to the present, past or future (`PRESENT_REF`, `PAST_REF`, `FUTURE_REF`), a
//! length (`P6Y`, `PXM`) or a recurrence (`SET`, not a date).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The unit of a length of time, as TIMEX3 writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DurationUnit {
    /// `H` (after `T`).
    Hour,
    /// `D`.
    Day,
    /// `W`.
    Week,
    /// `M`.
    Month,
    /// `Q`.
    Quarter,
    /// `Y`.
    Year,
    /// `DE`.
    Decade,
    /// `CE`.
    Century,
}

impl DurationUnit {
    /// The unit of a noun ("years", "month", "centuries").
    pub fn of_word(word: &str) -> Option<DurationUnit> {
        let w = word.to_ascii_lowercase();
        Some(match w.trim_end_matches('s') {
            "hour" => DurationUnit::Hour,
            "day" => DurationUnit::Day,
            "week" => DurationUnit::Week,
            "month" => DurationUnit::Month,
            "quarter" => DurationUnit::Quarter,
            "year" => DurationUnit::Year,
            "decade" => DurationUnit::Decade,
            "century" | "centurie" => DurationUnit::Century,
            _ => return None,
        })
    }

    fn code(self) -> &'static str {
        match self {
            DurationUnit::Hour => "H",
            DurationUnit::Day => "D",
            DurationUnit::Week => "W",
            DurationUnit::Month => "M",
            DurationUnit::Quarter => "Q",
            DurationUnit::Year => "Y",
            DurationUnit::Decade => "DE",
            DurationUnit::Century => "CE",
        }
    }
}

/// How a mention's TIMEX3 `value` is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Timex {
    /// The value of the mention's date (`1997-05-27`, `199`, `2009-SP`), none when unresolved.
    #[default]
    Calendar,
    /// An ISO week (`2013-W12`); the date is Monday to Sunday.
    Week {
        /// ISO week-numbering year.
        year: i32,
        /// Week 1-53.
        week: u8,
    },
    /// The weekend of an ISO week (`2013-W12-WE`); the date is Saturday to Sunday.
    Weekend {
        /// ISO week-numbering year.
        year: i32,
        /// Week 1-53.
        week: u8,
    },
    /// A quarter (`1998-Q1`); the date is its three months.
    Quarter {
        /// The year.
        year: i32,
        /// Quarter 1-4.
        quarter: u8,
    },
    /// A half year (`2008-H2`); the date is its six months.
    Half {
        /// The year.
        year: i32,
        /// Half 1-2.
        half: u8,
    },
    /// The present ("now", "currently"); the date, when known, is the document date.
    PresentRef,
    /// The past in general ("the past", "recently", "formerly").
    PastRef,
    /// The future in general ("the future", "soon").
    FutureRef,
    /// A length of time (`P6Y`; `PXM` for "several months").
    Duration {
        /// The number of units; `None` when the text gives none ("several", "a few").
        amount: Option<u32>,
        /// The unit.
        unit: DurationUnit,
    },
    /// A recurrence ("every year", "each season"): TIMEX3 type `SET`, not a date.
    Set {
        /// The period's unit.
        unit: DurationUnit,
    },
    /// A clock time on a day: "10 p.m. Wednesday" (`1998-02-11T22:00`), a TIMEX3 `TIME`.
    Clock {
        /// 0 to 24 (`24` is midnight at the end of the day).
        hour: u8,
        /// 0 to 59.
        minute: u8,
    },
}

impl Timex {
    /// The TIMEX3 value, given the mention's date; `None` when there is none to write.
    pub fn value(&self, date: Option<crate::Date>) -> Option<String> {
        Some(match *self {
            Timex::Calendar => date?.to_string(),
            Timex::Week { year, week } => format!("{year:04}-W{week:02}"),
            Timex::Weekend { year, week } => format!("{year:04}-W{week:02}-WE"),
            Timex::Quarter { year, quarter } => format!("{year:04}-Q{quarter}"),
            Timex::Half { year, half } => format!("{year:04}-H{half}"),
            Timex::Clock { hour, minute } => format!("{}T{hour:02}:{minute:02}", date?),
            Timex::PresentRef => "PRESENT_REF".to_string(),
            Timex::PastRef => "PAST_REF".to_string(),
            Timex::FutureRef => "FUTURE_REF".to_string(),
            Timex::Duration { amount, unit } => {
                let t = if unit == DurationUnit::Hour { "T" } else { "" };
                match amount {
                    Some(n) => format!("P{t}{n}{}", unit.code()),
                    None => format!("P{t}X{}", unit.code()),
                }
            }
            Timex::Set { unit } => {
                let t = if unit == DurationUnit::Hour { "T" } else { "" };
                format!("P{t}1{}", unit.code())
            }
        })
    }
}

/// How a sheet reads its relative and year-less dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Register {
    /// A history narrative: "in June" and "that year" follow the story's last date.
    #[default]
    Narrative,
    /// A dated report, release or news item: "in June", "Friday" and "last year" are read
    /// against the document's own date.
    News,
}

impl Register {
    /// Lower-case name for output and configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Register::Narrative => "narrative",
            Register::News => "news",
        }
    }
}

impl fmt::Display for Register {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Register {
    type Err = String;

    fn from_str(s: &str) -> Result<Register, String> {
        match s {
            "news" | "report" => Ok(Register::News),
            "narrative" => Ok(Register::Narrative),
            _ => Err(format!("register must be \"news\" or \"narrative\", not {s:?}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_timex3() {
        assert_eq!(Timex::Week { year: 2013, week: 12 }.value(None).unwrap(), "2013-W12");
        assert_eq!(Timex::Weekend { year: 1998, week: 2 }.value(None).unwrap(), "1998-W02-WE");
        assert_eq!(Timex::Quarter { year: 1998, quarter: 1 }.value(None).unwrap(), "1998-Q1");
        assert_eq!(Timex::Half { year: 2008, half: 2 }.value(None).unwrap(), "2008-H2");
        assert_eq!(Timex::Duration { amount: Some(6), unit: DurationUnit::Year }.value(None).unwrap(), "P6Y");
        assert_eq!(Timex::Duration { amount: None, unit: DurationUnit::Month }.value(None).unwrap(), "PXM");
        assert_eq!(Timex::Duration { amount: Some(3), unit: DurationUnit::Hour }.value(None).unwrap(), "PT3H");
        assert_eq!(Timex::Duration { amount: Some(2), unit: DurationUnit::Decade }.value(None).unwrap(), "P2DE");
        assert_eq!(Timex::Set { unit: DurationUnit::Year }.value(None).unwrap(), "P1Y");
        assert_eq!(Timex::PresentRef.value(None).unwrap(), "PRESENT_REF");
        let decade: crate::Date = "199".parse().unwrap();
        assert_eq!(Timex::Calendar.value(Some(decade)).unwrap(), "199");
        assert_eq!(Timex::Calendar.value(None), None);
    }

    #[test]
    fn registers_parse() {
        assert_eq!("news".parse::<Register>().unwrap(), Register::News);
        assert_eq!("narrative".parse::<Register>().unwrap(), Register::Narrative);
        assert!("novel".parse::<Register>().unwrap_err().contains("novel"));
        assert!(DurationUnit::of_word("Centuries") == Some(DurationUnit::Century));
        assert!(DurationUnit::of_word("fortnight").is_none());
    }
}

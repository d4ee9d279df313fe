//! Date extraction (placeholder: full dates and bare years only; the date issue replaces it).

use std::sync::LazyLock;

use regex::Regex;

use super::patterns::{MONTH, month_number};
use super::{DateKind, DateMention};
use crate::corpus::Document;
use crate::date::{Date, Point};
use crate::span::Span;

/// The dates of one document and the document date detected from its metadata.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DateExtraction {
    /// Every temporal expression, in document order.
    pub mentions: Vec<DateMention>,
    /// The document's own date: `reference` when given, else one detected in a header or footer.
    pub document_date: Option<Date>,
}

static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)\b(?:(?P<day>[0-9]{{1,2}})\ (?P<month>{MONTH})\ (?P<year>[0-9]{{4}})|(?P<year2>(?:1[0-9]|20)[0-9]{{2}}))\b"
    ))
    .expect("DAY_MONTH_YEAR is a valid regex")
});

/// Finds the dates of `doc`; `reference` is the stated document date, if any.
pub fn extract_dates(doc: &Document, reference: Option<Date>) -> DateExtraction {
    let text = doc.text();
    let mut mentions = Vec::new();
    for caps in DAY_MONTH_YEAR.captures_iter(text) {
        let Some(m) = caps.get(0) else { continue };
        let point = if let Some(y) = caps.name("year2") {
            y.as_str().parse().ok().and_then(Point::year)
        } else {
            let year = caps.name("year").and_then(|y| y.as_str().parse().ok());
            let month = caps.name("month").and_then(|m| month_number(m.as_str()));
            let day = caps.name("day").and_then(|d| d.as_str().parse().ok());
            match (year, month, day) {
                (Some(y), Some(mo), Some(d)) => Point::day(y, mo, d),
                _ => None,
            }
        };
        if let Some(p) = point {
            mentions.push(DateMention {
                span: Span::new(m.start(), m.end()),
                date: Some(Date::point(p)),
                kind: DateKind::Absolute,
                inferred: false,
            });
        }
    }
    DateExtraction { mentions, document_date: reference }
}

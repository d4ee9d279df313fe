//! `concord export --format ndjson`: one JSON object per passage with its document, line,
//! text, dates, canonical bodies and claims — the fields of the tantivy schema — for
//! hand-over to a distributed search engine (see `deploy/`).
//!
//! The field set is mirrored by `deploy/elasticsearch-mapping.json` and
//! `deploy/quickwit-index.yaml`; a test checks every exported field against the mapping.

use std::io::{self, Write};

use serde::Serialize;

use crate::corpus::{DocId, Document};
use crate::extract::Claim;
use crate::extract::bodies::Registry;
use crate::index::SheetRecord;
use crate::span::starting_within;

/// One date of a passage.
#[derive(Debug, Serialize)]
pub struct ExportDate {
    /// TIMEX3-style value.
    pub value: String,
    /// day, month, season, year, decade, century.
    pub precision: &'static str,
    /// First day of the interval, `YYYY-MM-DD` (proleptic Gregorian), for the `yyyy-MM-dd`
    /// date fields of the documented mappings; absent for a date outside years 1–9999 (a
    /// BC date), which such a field rejects: filter those on `years`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// Last day of the interval, as `start`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// The text as written.
    pub text: String,
    /// absolute, range, relative, metadata.
    pub kind: &'static str,
}

/// One claim of a passage.
#[derive(Debug, Serialize)]
pub struct ExportClaim {
    /// Canonical subject.
    pub subject: String,
    /// Event name.
    pub event: &'static str,
    /// TIMEX3-style value.
    pub value: String,
    /// Precision name.
    pub precision: &'static str,
    /// 0–1.
    pub confidence: f32,
}

/// One exported passage.
#[derive(Debug, Serialize)]
pub struct ExportPassage {
    /// Stable id: `doc#line`.
    pub id: String,
    /// Corpus-relative sheet path.
    pub doc: DocId,
    /// Sheet title.
    pub title: String,
    /// Original 1-based line where the passage starts.
    pub line: u32,
    /// Normalised passage text.
    pub text: String,
    /// Dates the passage mentions.
    pub dates: Vec<ExportDate>,
    /// Years the passage's dates cover (for range filters), as historical years: 465 BC is
    /// -465 (there is no year 0).
    pub years: Vec<i32>,
    /// Canonical names of the bodies the passage mentions.
    pub bodies: Vec<String>,
    /// Claims whose date stands in the passage.
    pub claims: Vec<ExportClaim>,
}

/// `YYYY-MM-DD` for a day number when its year is within 1–9999, the range a `yyyy-MM-dd`
/// date field accepts.
fn ymd_field(days: i64) -> Option<String> {
    let s = ymd(days);
    (!s.starts_with('-') && s.len() == 10 && !s.starts_with("0000")).then_some(s)
}

fn ymd(days: i64) -> String {
    let (y, m, d) = crate::date::civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The passages of one sheet, ready to serialise.
pub fn passages(doc: &Document, record: &SheetRecord, registry: &Registry, claims: &[Claim]) -> Vec<ExportPassage> {
    let text = doc.text();
    let x = &record.extraction;
    let sites: Vec<_> = x.dates.iter().zip(&record.date_sites).collect();
    let mut claims: Vec<&Claim> = claims.iter().filter(|c| c.doc == doc.id).collect();
    claims.sort_by_key(|c| c.line);
    doc.paragraphs()
        .into_iter()
        .map(|p| {
            let first = doc.location(p.start).line;
            let last = doc.location(p.end.saturating_sub(1).max(p.start)).line;
            let mut dates = Vec::new();
            let mut years = std::collections::BTreeSet::new();
            for (m, site) in
                starting_within(&sites, p, |(m, _)| m.span.start).iter().filter(|(m, _)| p.contains(m.span))
            {
                let Some(d) = m.date else { continue };
                let (lo, hi) = d.days();
                let y1 = d.end().map_or(d.year(), |e| e.year_value());
                years.extend(d.year()..=y1.min(d.year() + 100));
                dates.push(ExportDate {
                    value: d.to_string(),
                    precision: d.precision().as_str(),
                    start: ymd_field(lo),
                    end: ymd_field(hi),
                    text: site.text.clone(),
                    kind: m.kind.as_str(),
                });
            }
            let bodies: std::collections::BTreeSet<String> = starting_within(&x.bodies, p, |b| b.span.start)
                .iter()
                .map(|b| registry.canonical(&b.name).unwrap_or(&b.name).to_string())
                .collect();
            let lo = claims.partition_point(|c| c.line < first);
            let hi = claims.partition_point(|c| c.line <= last).max(lo);
            let claims = claims[lo..hi]
                .iter()
                .map(|c| ExportClaim {
                    subject: c.subject.clone(),
                    event: c.event.as_str(),
                    value: c.date.to_string(),
                    precision: c.date.precision().as_str(),
                    confidence: c.confidence,
                })
                .collect();
            ExportPassage {
                id: format!("{}#{first}", doc.id),
                doc: doc.id.clone(),
                title: record.title.clone(),
                line: first,
                text: text[p.start..p.end].to_string(),
                dates,
                years: years.into_iter().collect(),
                bodies: bodies.into_iter().collect(),
                claims,
            }
        })
        .collect()
}

/// Writes passages as NDJSON.
///
/// # Errors
/// Writing to `out` failed.
pub fn write_ndjson(out: &mut dyn Write, passages: &[ExportPassage]) -> io::Result<()> {
    passages.iter().try_for_each(|p| crate::report::listing::json::json_line(out, p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ymd_inverts_day_numbers() {
        assert_eq!(ymd(0), "1970-01-01");
        assert_eq!(ymd(11_017), "2000-03-01");
        assert_eq!(ymd(-1), "1969-12-31");
        let d: crate::Date = "1997-05-27".parse().unwrap();
        assert_eq!(ymd(d.days().0), "1997-05-27");
    }

    /// Issue 15: 465 BC was exported as `-464-01-01`, which a `yyyy-MM-dd` field rejects.
    #[test]
    fn bc_dates_have_no_date_field_and_ad_dates_fit_yyyy_mm_dd() {
        let bc: crate::Date = "BC0465".parse().unwrap();
        assert_eq!((ymd_field(bc.days().0), ymd_field(bc.days().1)), (None, None));
        let ad: crate::Date = "0800-12-25".parse().unwrap();
        assert_eq!(ymd_field(ad.days().0).as_deref(), Some("0800-12-25"));
        let late: crate::Date = "1997".parse().unwrap();
        assert_eq!(ymd_field(late.days().1).as_deref(), Some("1997-12-31"));
    }
}

//! The listings as JSON Lines: one object per line, serialised with serde. The fields are
//! documented in the README; tests in `tests/listings.rs` hold them.

use std::io::{self, Write};
use std::sync::Arc;

use serde::Serialize;

use crate::corpus::{DocId, Site};
use crate::extract::bodies::Registry;
use crate::extract::{Claim, Extraction};
use crate::index::{Hit, SheetRecord};

/// Writes one JSON line. An I/O failure keeps its kind (a closed pipe stays `BrokenPipe`).
pub(crate) fn json_line<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(|e| match e.io_error_kind() {
        Some(kind) => io::Error::from(kind),
        None => io::Error::other(e),
    })?;
    out.write_all(b"\n")
}

#[derive(Serialize)]
struct HitJson<'a> {
    doc: &'a DocId,
    line: u32,
    column: u32,
    title: &'a str,
    score: f32,
    snippet: &'a str,
    /// Character ranges of the matched terms within `snippet`.
    highlights: Vec<[usize; 2]>,
}

/// One line per hit.
///
/// # Errors
/// Writing to `out` failed.
pub fn hits(hits: &[Hit], out: &mut dyn Write) -> io::Result<()> {
    for h in hits {
        let to_chars = |b: usize| h.snippet.get(..b).map_or(0, |s| s.chars().count());
        let highlights = h.highlights.iter().map(|r| [to_chars(r.start), to_chars(r.end)]).collect();
        json_line(
            out,
            &HitJson {
                doc: &h.doc,
                line: h.line,
                column: h.column,
                title: &h.title,
                score: h.score,
                snippet: &h.snippet,
                highlights,
            },
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct DateJson<'a> {
    doc: &'a DocId,
    line: u32,
    column: u32,
    text: &'a str,
    value: Option<String>,
    precision: Option<&'static str>,
    modifier: Option<&'static str>,
    inferred: bool,
    kind: &'static str,
    /// TIMEX3 type: DATE, DURATION or SET.
    timex_type: &'static str,
    /// The register the sheet was read in: news or narrative.
    register: &'static str,
}

/// One line per date of the sheet, in document order.
///
/// # Errors
/// Writing to `out` failed.
pub fn dates(doc: &DocId, extraction: &Extraction, sites: &[Site], out: &mut dyn Write) -> io::Result<()> {
    let register = extraction.register.as_str();
    for (m, site) in extraction.dates.iter().zip(sites) {
        json_line(
            out,
            &DateJson {
                doc,
                line: site.line,
                column: site.column,
                text: &site.text,
                value: m.value(),
                precision: m.date.map(|d| d.precision().as_str()),
                modifier: m.date.and_then(|d| d.modifier()).map(|x| x.as_str()),
                inferred: m.inferred,
                kind: m.kind.as_str(),
                timex_type: m.timex_type(),
                register,
            },
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct BodyJson<'a> {
    doc: &'a DocId,
    line: u32,
    column: u32,
    text: &'a str,
    canonical: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    defines: Option<&'a str>,
}

/// One line per body mention of every stored sheet, at its site, named by `registry`.
///
/// # Errors
/// Writing to `out` failed.
pub fn body_mentions(records: &[SheetRecord], registry: &Registry, out: &mut dyn Write) -> io::Result<()> {
    for s in records {
        for (m, site) in s.extraction.bodies.iter().zip(&s.body_sites) {
            let body = registry.body(&m.name);
            json_line(
                out,
                &BodyJson {
                    doc: &s.id,
                    line: site.line,
                    column: site.column,
                    text: &site.text,
                    canonical: body.map_or(m.name.as_str(), |b| b.canonical.as_str()),
                    kind: body.map_or(m.kind, |b| b.kind).as_str(),
                    defines: m.acronym.as_deref(),
                },
            )?;
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct ClaimJson<'a> {
    subject: &'a str,
    subject_text: &'a str,
    event: &'static str,
    agent: Option<&'a str>,
    object: Option<&'a str>,
    value: String,
    precision: &'static str,
    date_text: &'a str,
    inferred: bool,
    qualifiers: Vec<&'static str>,
    doc: &'a DocId,
    line: u32,
    column: u32,
    quote: &'a str,
    confidence: f32,
}

/// One line per claim.
///
/// # Errors
/// Writing to `out` failed.
pub fn claims(claims: &[Arc<Claim>], out: &mut dyn Write) -> io::Result<()> {
    for c in claims {
        json_line(
            out,
            &ClaimJson {
                subject: &c.subject,
                subject_text: &c.subject_text,
                event: c.event.as_str(),
                agent: c.agent.as_deref(),
                object: c.object.as_deref(),
                value: c.date.to_string(),
                precision: c.date.precision().as_str(),
                date_text: &c.date_text,
                inferred: c.inferred,
                qualifiers: super::qualifiers(c),
                doc: &c.doc,
                line: c.line,
                column: c.column,
                quote: &c.quote,
                confidence: c.confidence,
            },
        )?;
    }
    Ok(())
}

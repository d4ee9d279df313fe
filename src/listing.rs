//! Line-oriented output of the listing commands (`search`, `dates`, `bodies`, `claims`):
//! human text, or JSON Lines (one object per line, serialised with serde).
//!
//! Renderers get finished, sorted data and write it; they never sort, filter or read files.

use std::io::{self, Write};

use serde::Serialize;

use crate::corpus::DocId;
use crate::corpus::Site;
use crate::extract::bodies::Registry;
use crate::extract::{BodyMention, Claim, DateMention, Extraction};
use crate::index::Hit;
use crate::pipeline::BodySummary;

pub use crate::report::Style;

/// Writes one JSON line. An I/O failure keeps its kind (a closed pipe stays `BrokenPipe`).
pub(crate) fn json_line<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(|e| match e.io_error_kind() {
        Some(kind) => io::Error::from(kind),
        None => io::Error::other(e),
    })?;
    out.write_all(b"\n")
}

/// Collapses white space so a passage prints on one line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
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

/// Writes search hits.
///
/// # Errors
/// Writing to `out` failed.
pub fn search_hits(out: &mut dyn Write, hits: &[Hit], json: bool, style: Style) -> io::Result<()> {
    for h in hits {
        if json {
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
            continue;
        }
        writeln!(
            out,
            "{}:{}:{}  {}  {}",
            style.path(h.doc.as_str()),
            h.line,
            h.column,
            h.title,
            style.dim(&format!("score {:.2}", h.score))
        )?;
        let mut marked = String::new();
        let mut at = 0;
        for r in &h.highlights {
            if let (Some(before), Some(term)) = (h.snippet.get(at..r.start), h.snippet.get(r.start..r.end)) {
                marked.push_str(before);
                marked.push_str(&style.mark(term));
                at = r.end;
            }
        }
        marked.push_str(h.snippet.get(at..).unwrap_or(""));
        writeln!(out, "    {}", one_line(&marked))?;
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

/// Writes the dates of one sheet, in document order.
///
/// # Errors
/// Writing to `out` failed.
/// In text, a first line gives the sheet's register and document date.
pub fn dates(
    out: &mut dyn Write,
    doc: &DocId,
    extraction: &Extraction,
    sites: &[Site],
    json: bool,
    style: Style,
) -> io::Result<()> {
    let mentions: &[DateMention] = &extraction.dates;
    let register = extraction.register.as_str();
    if !json {
        let dated = extraction.document_date.map_or_else(|| "none".to_string(), |d| d.to_string());
        writeln!(
            out,
            "{}  {}",
            style.path(doc.as_str()),
            style.dim(&format!("register: {register}, document date: {dated}"))
        )?;
    }
    for (m, site) in mentions.iter().zip(sites) {
        let value = m.value();
        if json {
            json_line(
                out,
                &DateJson {
                    doc,
                    line: site.line,
                    column: site.column,
                    text: &site.text,
                    value,
                    precision: m.date.map(|d| d.precision().as_str()),
                    modifier: m.date.and_then(|d| d.modifier()).map(|x| x.as_str()),
                    inferred: m.inferred,
                    kind: m.kind.as_str(),
                    timex_type: m.timex_type(),
                    register,
                },
            )?;
            continue;
        }
        let value = match (value, m.date) {
            (Some(v), Some(d)) => {
                let modifier = d.modifier().map(|x| format!(", {}", x.as_str())).unwrap_or_default();
                // A reference or a week also shows the calendar interval it stands for.
                let shown = d.to_string();
                let also = if shown == v { String::new() } else { format!(" = {shown}") };
                format!("{v} ({}{modifier}){also}", d.precision())
            }
            (Some(v), None) => v,
            (None, _) => "unresolved".to_string(),
        };
        let mut flags = Vec::new();
        if m.inferred {
            flags.push("inferred");
        }
        if m.kind != crate::extract::DateKind::Absolute {
            flags.push(m.kind.as_str());
        }
        let flags = if flags.is_empty() { String::new() } else { format!("  [{}]", flags.join(", ")) };
        writeln!(
            out,
            "{}:{}:{}  {}  →  {value}{}",
            style.path(doc.as_str()),
            site.line,
            site.column,
            one_line(&site.text),
            style.dim(&flags)
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

/// Writes body mentions as JSON Lines, one per mention.
///
/// # Errors
/// Writing to `out` failed.
pub fn body_mentions(
    out: &mut dyn Write,
    doc: &DocId,
    mentions: &[BodyMention],
    sites: &[Site],
    registry: &Registry,
) -> io::Result<()> {
    for (m, site) in mentions.iter().zip(sites) {
        let body = registry.body(&m.name);
        json_line(
            out,
            &BodyJson {
                doc,
                line: site.line,
                column: site.column,
                text: &site.text,
                canonical: body.map_or(m.name.as_str(), |b| b.canonical.as_str()),
                kind: body.map_or(m.kind, |b| b.kind).as_str(),
                defines: m.acronym.as_deref(),
            },
        )?;
    }
    Ok(())
}

/// Writes the canonical bodies, one block each.
///
/// # Errors
/// Writing to `out` failed.
pub fn bodies_text(out: &mut dyn Write, bodies: &[BodySummary], style: Style) -> io::Result<()> {
    for b in bodies {
        let total: usize = b.mentions.iter().map(|(_, n)| n).sum();
        writeln!(
            out,
            "{}  ({}, {} mention{})",
            style.mark(&b.canonical).replace("**", ""),
            b.kind,
            total,
            if total == 1 { "" } else { "s" }
        )?;
        if !b.aliases.is_empty() {
            writeln!(out, "    aliases: {}", b.aliases.join(", "))?;
        }
        let docs: Vec<String> = b.mentions.iter().map(|(d, n)| format!("{} ×{n}", style.path(d.as_str()))).collect();
        if !docs.is_empty() {
            writeln!(out, "    in: {}", docs.join(", "))?;
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct ClaimJson<'a> {
    subject: &'a str,
    subject_text: &'a str,
    event: &'static str,
    /// The verb or noun a generic claim was read from (`other` events); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    what: Option<&'a str>,
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

/// Writes claims.
///
/// # Errors
/// Writing to `out` failed.
pub fn claims(out: &mut dyn Write, claims: &[std::sync::Arc<Claim>], json: bool, style: Style) -> io::Result<()> {
    for c in claims {
        let qualifiers: Vec<&'static str> = c
            .qualifiers
            .iter()
            .map(|q| match q {
                crate::extract::Qualifier::Formal => "formal",
                crate::extract::Qualifier::Informal => "informal",
                crate::extract::Qualifier::First => "first",
                crate::extract::Qualifier::Partial => "partial",
            })
            .collect();
        if json {
            json_line(
                out,
                &ClaimJson {
                    subject: &c.subject,
                    subject_text: &c.subject_text,
                    event: c.event.as_str(),
                    what: c.what.as_deref(),
                    agent: c.agent.as_deref(),
                    object: c.object.as_deref(),
                    value: c.date.to_string(),
                    precision: c.date.precision().as_str(),
                    date_text: &c.date_text,
                    inferred: c.inferred,
                    qualifiers,
                    doc: &c.doc,
                    line: c.line,
                    column: c.column,
                    quote: &c.quote,
                    confidence: c.confidence,
                },
            )?;
            continue;
        }
        let who = c.agent.as_deref().map(|a| format!(" by {a}")).unwrap_or_default();
        let what = c.object.as_deref().map(|o| format!(" → {o}")).unwrap_or_default();
        let q = if qualifiers.is_empty() { String::new() } else { format!(" ({})", qualifiers.join(", ")) };
        // A generic claim shows the word it was read from: "other: moved".
        let event = match c.what.as_deref() {
            Some(w) if c.event == crate::extract::Event::Other => format!("other: {w}"),
            _ => c.event.as_str().to_string(),
        };
        writeln!(
            out,
            "{}:{}:{}  {} — {}{}{}{}  {} ({}){}",
            style.path(c.doc.as_str()),
            c.line,
            c.column,
            c.subject,
            event,
            q,
            who,
            what,
            c.date,
            c.date.precision(),
            style.dim(&format!("  confidence {:.2}", c.confidence)),
        )?;
    }
    Ok(())
}

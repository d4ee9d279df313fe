//! The listings as human text: `path:line:column` first, so terminals and editors can jump
//! to it; colour only through [`Style`].

use std::io::{self, Write};
use std::sync::Arc;

use super::Style;
use crate::corpus::{DocId, Site};
use crate::extract::{Claim, DateKind, Extraction};
use crate::index::Hit;
use crate::pipeline::{BodySummary, UpdateStats};
use crate::report::snippet::plural;

/// What `index` did, in one line: `indexed N sheets: … added, … updated, … removed, …
/// unchanged; N passages written in S s`.
///
/// # Errors
/// Writing to `out` failed.
pub fn update_stats(s: &UpdateStats, took: std::time::Duration, out: &mut dyn Write) -> io::Result<()> {
    let total = s.added + s.updated + s.unchanged;
    writeln!(
        out,
        "indexed {}: {} added, {} updated, {} removed, {} unchanged; {} written in {:.2} s",
        plural(total, "sheet"),
        s.added,
        s.updated,
        s.removed,
        s.unchanged,
        plural(s.passages, "passage"),
        took.as_secs_f64()
    )
}

/// Collapses white space so a passage prints on one line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Each hit as two lines: its position, title and score, then the passage with the matched
/// terms marked.
///
/// # Errors
/// Writing to `out` failed.
pub fn hits(hits: &[Hit], style: Style, out: &mut dyn Write) -> io::Result<()> {
    for h in hits {
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

/// A first line with the sheet's register and document date, then one line per date.
///
/// # Errors
/// Writing to `out` failed.
pub fn dates(
    doc: &DocId,
    extraction: &Extraction,
    sites: &[Site],
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let dated = extraction.document_date.map_or_else(|| "none".to_string(), |d| d.to_string());
    writeln!(
        out,
        "{}  {}",
        style.path(doc.as_str()),
        style.dim(&format!("register: {}, document date: {dated}", extraction.register.as_str()))
    )?;
    for (m, site) in extraction.dates.iter().zip(sites) {
        let value = match (m.value(), m.date) {
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
        if m.kind != DateKind::Absolute {
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

/// The canonical bodies, one block each: name, type and mentions, aliases, sheets.
///
/// # Errors
/// Writing to `out` failed.
pub fn bodies(bodies: &[BodySummary], style: Style, out: &mut dyn Write) -> io::Result<()> {
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

/// One line per claim: position, subject — event (qualifiers, agent, object), date and
/// precision, confidence.
///
/// # Errors
/// Writing to `out` failed.
pub fn claims(claims: &[Arc<Claim>], style: Style, out: &mut dyn Write) -> io::Result<()> {
    for c in claims {
        let qualifiers = super::qualifiers(c);
        let who = c.agent.as_deref().map(|a| format!(" by {a}")).unwrap_or_default();
        let what = c.object.as_deref().map(|o| format!(" → {o}")).unwrap_or_default();
        let q = if qualifiers.is_empty() { String::new() } else { format!(" ({})", qualifiers.join(", ")) };
        writeln!(
            out,
            "{}:{}:{}  {} — {}{}{}{}  {} ({}){}",
            style.path(c.doc.as_str()),
            c.line,
            c.column,
            c.subject,
            c.event.as_str(),
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

//! The listings (`search`, `dates`, `bodies`, `claims`): line-oriented output, one
//! renderer per format, as ripgrep's printer crate keeps one printer per format.
//!
//! In: finished, sorted data (hits, a sheet's extraction with its sites, claims, body
//! summaries or stored records). Out: lines on an [`io::Write`]. Renderers never sort,
//! filter or read files. [`ListFormat`] picks the format: [`text`] writes human lines
//! (coloured by [`Style`]), [`json`] writes JSON Lines (one object per line, with serde).
//! The body listing shows different things per format (a block per canonical body, or
//! every mention at its site): [`BodyListing::fetch`] gets what a format shows, and
//! [`render_bodies`] writes it.

pub mod json;
pub mod text;

use std::io;
use std::sync::Arc;

use crate::corpus::{DocId, Site};
use crate::extract::bodies::Registry;
use crate::extract::{Claim, Extraction};
use crate::index::{Hit, SheetRecord};
use crate::pipeline::{BodySummary, Session};

pub use super::Style;

/// An output format of the listing commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ListFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// JSON Lines: one object per line.
    Json,
}

/// Writes search hits in `format`.
///
/// # Errors
/// Writing to `out` failed.
pub fn render_hits(format: ListFormat, hits: &[Hit], style: Style, out: &mut dyn io::Write) -> io::Result<()> {
    match format {
        ListFormat::Text => text::hits(hits, style, out),
        ListFormat::Json => json::hits(hits, out),
    }
}

/// Writes the dates of one sheet in `format`, in document order; `sites` are the
/// original positions of `extraction.dates`, in the same order.
///
/// # Errors
/// Writing to `out` failed.
pub fn render_dates(
    format: ListFormat,
    doc: &DocId,
    extraction: &Extraction,
    sites: &[Site],
    style: Style,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        ListFormat::Text => text::dates(doc, extraction, sites, style, out),
        ListFormat::Json => json::dates(doc, extraction, sites, out),
    }
}

/// Writes claims in `format`.
///
/// # Errors
/// Writing to `out` failed.
pub fn render_claims(
    format: ListFormat,
    claims: &[Arc<Claim>],
    style: Style,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        ListFormat::Text => text::claims(claims, style, out),
        ListFormat::Json => json::claims(claims, out),
    }
}

/// What the body listing shows, which differs per format.
#[derive(Debug)]
pub enum BodyListing {
    /// Text: one block per canonical body (from the view cache).
    Summaries(Vec<BodySummary>),
    /// JSON: every mention at its site (from the stored records), named by the registry.
    Mentions(Vec<SheetRecord>, Registry),
}

impl BodyListing {
    /// Gets from `session` what `format` shows.
    ///
    /// # Errors
    /// The index or the view cache cannot be read.
    pub fn fetch(format: ListFormat, session: &Session) -> crate::error::Result<BodyListing> {
        Ok(match format {
            ListFormat::Text => BodyListing::Summaries(session.bodies()?),
            ListFormat::Json => BodyListing::Mentions(session.records()?, session.registry()?),
        })
    }
}

/// Writes the body listing in the format it was fetched for.
///
/// # Errors
/// Writing to `out` failed.
pub fn render_bodies(listing: &BodyListing, style: Style, out: &mut dyn io::Write) -> io::Result<()> {
    match listing {
        BodyListing::Summaries(bodies) => text::bodies(bodies, style, out),
        BodyListing::Mentions(records, registry) => json::body_mentions(records, registry, out),
    }
}

/// A claim's qualifiers by name, as both formats print them.
fn qualifiers(c: &Claim) -> Vec<&'static str> {
    c.qualifiers
        .iter()
        .map(|q| match q {
            crate::extract::Qualifier::Formal => "formal",
            crate::extract::Qualifier::Informal => "informal",
            crate::extract::Qualifier::First => "first",
            crate::extract::Qualifier::Partial => "partial",
        })
        .collect()
}

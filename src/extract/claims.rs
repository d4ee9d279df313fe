//! Dated claims (placeholder; the claims issue replaces it).

use super::{BodyMention, Claim, DateMention};
use crate::corpus::Document;
use crate::span::Span;

/// Links the dates and bodies of `doc` into claims, sentence by sentence.
pub fn extract_claims(
    _doc: &Document,
    _sentences: &[Span],
    _dates: &[DateMention],
    _bodies: &[BodyMention],
) -> Vec<Claim> {
    Vec::new()
}

//! Properties every input must satisfy, checked by the fuzz targets (`fuzz/`) and, on the
//! inputs the fuzzer kept, by the regression tests (`tests/fuzz.rs`): one definition, so a
//! regression test asserts exactly what the fuzzer asserted when it found the input.
//!
//! Each function panics (that is how a fuzzer learns of a failure) when a property does
//! not hold; none panics on text that satisfies them, whatever the text.

/// Normalisation and its offset map: every origin in bounds, on a char boundary and
/// non-decreasing; newlines kept one for one; every position maps to a 1-based line:column.
///
/// # Panics
/// When a property does not hold.
pub fn normalize(original: &str) {
    let n = crate::normalize::normalize(original);
    assert_eq!(n.origin.len(), n.text.len() + 1, "one origin per byte, plus the end");
    assert_eq!(n.text.matches('\n').count(), original.matches('\n').count(), "newlines kept one for one");
    let mut last = 0;
    for &o in &n.origin {
        let o = o as usize;
        assert!(o <= original.len() && original.is_char_boundary(o), "origin {o} not a char boundary of the original");
        assert!(o >= last, "origins decrease: {last} then {o}");
        last = o;
    }
    let doc = crate::Document::from_text("fuzz.txt", original);
    for i in (0..=doc.text().len()).step_by(7) {
        let loc = doc.location(i);
        assert!(loc.line >= 1 && loc.column >= 1, "position {i} maps to {}:{}", loc.line, loc.column);
    }
}

/// Date, body and claim extraction: every span inside the normalised text and on char
/// boundaries, every claim position inside the original, every quote range inside its quote.
///
/// # Panics
/// When a property does not hold.
pub fn extract(original: &str) {
    let doc = crate::Document::from_text("fuzz.txt", original);
    let text = doc.text();
    let x = crate::extract::extract(&doc);
    let inside = |s: crate::Span| {
        s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
    };
    for m in &x.dates {
        assert!(inside(m.span), "date span {:?} outside the text", m.span);
    }
    for b in &x.bodies {
        assert!(inside(b.span), "body span {:?} outside the text", b.span);
    }
    let lines = u32::try_from(original.lines().count().max(1)).unwrap_or(u32::MAX);
    for c in &x.claims {
        assert!(c.line >= 1 && c.line <= lines.saturating_add(1), "claim line {} of {lines}", c.line);
        assert!(c.quote_date.start <= c.quote_date.end && c.quote_date.end <= c.quote.len(), "quote range");
    }
}

/// The configuration, date-value and baseline parsers: an error or a value, never a panic.
pub fn parsers(text: &str) {
    let _ = crate::config::Config::parse(text);
    let _ = text.parse::<crate::Date>();
    let _ = crate::baseline::Baseline::parse(text, std::path::Path::new("fuzz.json"));
}

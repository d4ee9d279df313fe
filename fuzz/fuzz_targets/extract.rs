//! Date, body and claim extraction: no panic, every span inside the text and on char
//! boundaries, every claim position inside the original.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(original) = std::str::from_utf8(data) else { return };
    let doc = concord::Document::from_text("fuzz.txt", original);
    let text = doc.text();
    let x = concord::extract::extract(&doc);
    for m in &x.dates {
        assert!(m.span.start <= m.span.end && m.span.end <= text.len());
        assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
    }
    for b in &x.bodies {
        assert!(b.span.end <= text.len() && text.is_char_boundary(b.span.start) && text.is_char_boundary(b.span.end));
    }
    let lines = original.lines().count().max(1) as u32;
    for c in &x.claims {
        assert!(c.line >= 1 && c.line <= lines + 1);
        assert!(c.quote_date.end <= c.quote.len());
    }
});

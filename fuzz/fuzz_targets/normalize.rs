//! Normalisation with its offset map: no panic, every origin in bounds and on a char
//! boundary, non-decreasing, newlines kept one for one.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(original) = std::str::from_utf8(data) else { return };
    let n = concord::normalize::normalize(original);
    assert_eq!(n.origin.len(), n.text.len() + 1);
    assert_eq!(n.text.matches('\n').count(), original.matches('\n').count());
    let mut last = 0;
    for &o in &n.origin {
        let o = o as usize;
        assert!(o <= original.len() && original.is_char_boundary(o));
        assert!(o >= last);
        last = o;
    }
    let doc = concord::Document::from_text("fuzz.txt", original);
    for i in (0..=doc.text().len()).step_by(7) {
        let loc = doc.location(i);
        assert!(loc.line >= 1 && loc.column >= 1);
    }
});

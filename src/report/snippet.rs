//! Pieces every format shares: the quote window around a date, control-character
//! clean-up, positions and plurals.
//!
//! In: a claim's quote and the byte span of its date. Out: the text before, the marked date
//! and the text after, cut at character boundaries (never by byte arithmetic on unchecked
//! offsets: a span that does not fall on char boundaries yields an unmarked quote).

use std::borrow::Cow;

use crate::extract::Claim;
use crate::span::Span;

/// A quote split around its marked date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet<'a> {
    /// Text before the mark (already shortened, see `cut_start`).
    pub before: &'a str,
    /// The marked date; empty when the span did not fit the quote.
    pub mark: &'a str,
    /// Text after the mark.
    pub after: &'a str,
    /// Whether text was left out before `before`.
    pub cut_start: bool,
    /// Whether text was left out after `after`.
    pub cut_end: bool,
}

/// Splits `quote` around `span`, keeping at most about `context` characters on each side
/// (`None`: the whole quote). Cuts prefer white space so words stay whole.
pub fn snippet(quote: &str, span: Span, context: Option<usize>) -> Snippet<'_> {
    let (before, mark, after) = match (quote.get(..span.start), quote.get(span.start..span.end), quote.get(span.end..))
    {
        (Some(b), Some(m), Some(a)) if span.start < span.end => (b, m, a),
        _ => (quote, "", ""),
    };
    let Some(context) = context else {
        return Snippet { before, mark, after, cut_start: false, cut_end: false };
    };
    let (before, cut_start) = tail_chars(before, context);
    let (after, cut_end) = head_chars(after, context);
    Snippet { before, mark, after, cut_start, cut_end }
}

/// The last `n` characters of `s`, widened back to the start of a word when one is near.
fn tail_chars(s: &str, n: usize) -> (&str, bool) {
    let count = s.chars().count();
    if count <= n {
        return (s, false);
    }
    let start = s.char_indices().nth(count - n).map_or(0, |(i, _)| i);
    let rest = &s[start..];
    // Skip the partial word at the cut.
    match rest.char_indices().find(|(_, c)| c.is_whitespace()) {
        Some((i, c)) if i < 20 => (&rest[i + c.len_utf8()..], true),
        _ => (rest, true),
    }
}

/// The first `n` characters of `s`, cut back to the end of a word when one is near.
fn head_chars(s: &str, n: usize) -> (&str, bool) {
    let Some((end, _)) = s.char_indices().nth(n) else { return (s, false) };
    let head = &s[..end];
    match head.char_indices().rev().find(|(_, c)| c.is_whitespace()) {
        Some((i, _)) if head.len() - i < 20 => (&head[..i], true),
        _ => (head, true),
    }
}

/// `s` with every control character (newline, tab, escape) replaced by a space, so corpus
/// text cannot move the cursor, colour a terminal or break a line of output.
pub fn clean(s: &str) -> Cow<'_, str> {
    if s.chars().any(char::is_control) {
        Cow::Owned(s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// `doc:line:column` of a claim's date.
pub fn position(claim: &Claim) -> String {
    format!("{}:{}:{}", claim.doc, claim.line, claim.column)
}

/// How an inferred claim's value was reached, for every format: the extractor's account
/// ("year from line 14"), or a plain "inferred from context" when it kept none; `None` for
/// a value the sheet states outright.
pub fn derivation(claim: &Claim) -> Option<String> {
    if !claim.inferred {
        return None;
    }
    Some(claim.inferred_from.clone().unwrap_or_else(|| "inferred from context".to_string()))
}

/// `s` percent-encoded for a URL path segment or query value: every byte but ASCII
/// letters, digits and `-._~` becomes `%XX`.
pub fn url_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The headline of a finding, written the same way by every renderer:
/// `subject — event: values`, each part passed through the format's escaping `esc`.
pub fn headline(subject: &str, event: &str, values: &str, esc: impl Fn(&str) -> String) -> String {
    format!("{} — {}: {}", esc(subject), esc(event), esc(values))
}

/// The escaping of terminal formats, for [`headline`]: [`clean`], owned.
pub fn cleaned(s: &str) -> String {
    clean(s).into_owned()
}

/// [`headline`] of a finding with its distinct values (`1997-05-27 vs 1998`).
pub fn finding_headline(f: &crate::check::Finding, esc: impl Fn(&str) -> String) -> String {
    headline(&f.subject, &f.event, &f.values.join(" vs "), esc)
}

/// "1 claim", "2 claims".
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 { format!("{n} {noun}") } else { format!("{n} {noun}s") }
}

/// The summary sentence shared by text and Markdown.
pub fn summary_line(s: &super::Summary) -> String {
    let findings = if s.conflicts + s.reviews == 0 {
        "no findings".to_string()
    } else {
        format!("{}, {}", plural(s.conflicts, "conflict"), plural(s.reviews, "review"))
    };
    let mut line = format!("{findings}; {} from {} compared", plural(s.claims, "claim"), plural(s.sheets, "sheet"));
    if s.warnings > 0 {
        line.push_str(&format!("; {}", plural(s.warnings, "warning")));
    }
    line
}

/// The gate's counts in one phrase, as the one-line formats end with them:
/// `2 new, 0 below threshold, 1 known, 0 stale`, and `, 1 warning` when there are some.
pub fn gate_counts(gate: &crate::baseline::Gate) -> String {
    let mut counts = format!(
        "{} new, {} below threshold, {} known, {} stale",
        gate.new.len(),
        gate.below_threshold.len(),
        gate.known.len(),
        gate.stale.len()
    );
    if !gate.warnings.is_empty() {
        counts.push_str(&format!(", {}", plural(gate.warnings.len(), "warning")));
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_the_date() {
        let s = snippet("founded in 1997 here", Span::new(11, 15), None);
        assert_eq!((s.before, s.mark, s.after), ("founded in ", "1997", " here"));
    }

    #[test]
    fn bad_spans_leave_the_quote_unmarked() {
        for span in [Span::new(3, 2), Span::new(0, 99), Span::new(1, 2), Span::new(50, 60)] {
            let s = snippet("é1997", span, Some(3));
            assert_eq!(s.mark, "", "{span:?}");
        }
        assert_eq!(snippet("é1997", Span::new(2, 6), None).mark, "1997");
    }

    #[test]
    fn long_quotes_are_cut_at_words() {
        let q = format!("{} in 1997 {}", "word ".repeat(40), "tail ".repeat(40));
        let at = q.find("1997").unwrap();
        let s = snippet(&q, Span::new(at, at + 4), Some(30));
        assert!(s.cut_start && s.cut_end);
        assert!(s.before.starts_with("word") && s.before.ends_with(" in "), "{:?}", s.before);
        assert!(s.after.trim_end().ends_with("tail"), "{:?}", s.after);
        assert!(s.before.chars().count() <= 30 && s.after.chars().count() <= 30);
    }

    #[test]
    fn cutting_multibyte_text_never_panics() {
        let q = "ééééééééééééééééééééé 1997 ééééééééééééééééééé";
        let at = q.find("1997").unwrap();
        for n in 0..30 {
            let s = snippet(q, Span::new(at, at + 4), Some(n));
            assert_eq!(s.mark, "1997");
        }
    }

    #[test]
    fn url_components_are_percent_encoded() {
        assert_eq!(url_component("a b/<c>é.txt"), "a%20b%2F%3Cc%3E%C3%A9.txt");
        assert_eq!(url_component("Plain-1_2.~"), "Plain-1_2.~");
    }

    #[test]
    fn control_characters_become_spaces() {
        assert_eq!(clean("a\nb\x1b[31mc\t"), "a b [31mc ");
        assert!(matches!(clean("plain"), Cow::Borrowed(_)));
    }
}

//! Normalisation of a sheet's text for analysis, with an exact map back to the original.
//!
//! Input: the decoded original text of one file. Output: [`Normalized`], the text that
//! every extractor reads, plus `origin`, which gives for every byte of the normalised
//! text the byte offset of the original character it came from. Reports cite original
//! `line:column` through that map, so normalisation happens here and nowhere else.
//!
//! What changes: CR before LF and zero-width characters are dropped; Markdown links
//! `[text](url)` become `text`; backslash escapes (`\_`) lose the backslash; `**`
//! emphasis markers, `#` heading markers, leading indentation and bullets (`•`, `-`, `*`)
//! are dropped; typographic quotes become ASCII quotes, dashes become `-`, non-breaking
//! and other Unicode spaces become a space, `…` becomes `...`.
//!
//! What never changes: every `\n` is kept, one for one, so a normalised line is an
//! original line; characters are never reordered.

use std::sync::LazyLock;

use regex::Regex;

use crate::span::Span;

/// A normalised text and its map back to the original.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// `origin[i]` is the byte offset in the original of the character that produced
    /// byte `i` of `text`; `origin[text.len()]` is the original's length.
    pub origin: Vec<u32>,
    /// Lines that were Markdown headings (`#` … `######`), as spans of `text` without the markers.
    pub headings: Vec<Span>,
}

/// A Markdown inline link `[text](target)` on one line.
static MARKDOWN_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \[ (?P<text> [^\]\n]* ) \]     # [link text]
        \( (?P<target> [^)\s]* ) \)    # (target), no spaces
        ",
    )
    .expect("MARKDOWN_LINK is a valid regex")
});

/// What a single original character becomes.
fn replacement(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => "\"",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' => "-",
        // A dash that sets off an aside: padded, so the words on either side stay words
        // (see `Builder::dash`).
        '\u{2014}' | '\u{2015}' => " - ",
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\t' => " ",
        '\u{2026}' => "...",
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => "",
        _ => return None,
    })
}

/// Whether `c` starts a bullet when followed by a space at the start of a line.
fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '◦' | '▪' | '▫' | '‣' | '●' | '○' | '■' | '□' | '-' | '*' | '+' | '·')
}

/// Whether an original byte may need more than a plain copy: non-ASCII (replacements,
/// multi-byte characters), CR, escapes, emphasis markers and tabs.
fn needs_attention(b: u8) -> bool {
    b >= 0x80 || matches!(b, b'\r' | b'\\' | b'*' | b'\t')
}

struct Builder<'a> {
    original: &'a str,
    out: Normalized,
}

impl Builder<'_> {
    fn push(&mut self, s: &str, at: usize) {
        self.out.text.push_str(s);
        let at = u32::try_from(at).unwrap_or(u32::MAX);
        self.out.origin.extend(std::iter::repeat_n(at, s.len()));
    }

    /// Copies `range` of the original, applying per-character replacements and escapes.
    fn inline(&mut self, start: usize, end: usize) {
        let src = &self.original[start..end];
        let bytes = src.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Fast path: a run of ASCII bytes that need no attention is copied whole, each
            // byte its own origin (most of any English sheet).
            let run = bytes[i..].iter().position(|&b| needs_attention(b)).unwrap_or(bytes.len() - i);
            if run > 0 {
                self.out.text.push_str(&src[i..i + run]);
                let base = start + i;
                self.out.origin.extend((base..base + run).map(|o| u32::try_from(o).unwrap_or(u32::MAX)));
                i += run;
                continue;
            }
            let Some(c) = src[i..].chars().next() else { break };
            let at = start + i;
            let next = src[i + c.len_utf8()..].chars().next();
            match c {
                '\r' => {}
                '\\' => {
                    if !next.is_some_and(|n| n.is_ascii_punctuation()) {
                        self.push("\\", at);
                    }
                }
                '*' if next == Some('*') => i += 1,
                '\u{2014}' | '\u{2015}' => self.dash(at, next),
                _ => match replacement(c) {
                    Some(r) => self.push(r, at),
                    None => {
                        let mut buf = [0u8; 4];
                        self.push(c.encode_utf8(&mut buf), at);
                    }
                },
            }
            i += c.len_utf8();
        }
    }

    /// An em dash at original offset `at`, followed by `next`: `-` with a space on each
    /// side that has none, so "the Council\u{2014}and" reads as three words ("the Council
    /// - and"), not as one hyphenated word; between digits (`1972\u{2014}2002`) a plain `-`.
    fn dash(&mut self, at: usize, next: Option<char>) {
        let before = self.out.text.chars().next_back();
        if before.is_some_and(|b| b.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit()) {
            self.push("-", at);
            return;
        }
        if before.is_some_and(|b| !b.is_whitespace()) {
            self.push(" ", at);
        }
        self.push("-", at);
        if next.is_some_and(|n| !n.is_whitespace()) {
            self.push(" ", at);
        }
    }

    /// One original line, `start..end`, without its `\n`.
    fn line(&mut self, start: usize, end: usize) {
        let line = &self.original[start..end];
        // Leading indentation.
        let mut pos = line.len() - line.trim_start().len();
        let rest = &line[pos..];
        // Heading markers.
        let hashes = rest.bytes().take_while(|&b| b == b'#').count();
        let mut heading = false;
        if (1..=6).contains(&hashes) && rest[hashes..].starts_with([' ', '\t']) {
            pos += hashes;
            pos += line[pos..].len() - line[pos..].trim_start().len();
            heading = true;
        } else if let Some(c) = rest.chars().next() {
            // Bullets: one marker followed by white space (not `**bold**`).
            let after = &rest[c.len_utf8()..];
            if is_bullet(c) && after.starts_with([' ', '\t', '\u{00A0}']) {
                pos += c.len_utf8();
                pos += line[pos..].len() - line[pos..].trim_start().len();
            }
        }
        let text_start = self.out.text.len();
        let mut cursor = start + pos;
        for caps in MARKDOWN_LINK.captures_iter(&line[pos..]) {
            let (Some(whole), Some(text)) = (caps.get(0), caps.name("text")) else { continue };
            self.inline(cursor, start + pos + whole.start());
            let text_range = (start + pos + text.start(), start + pos + text.end());
            if text.is_empty() {
                // `[](url)`: keep the target so nothing silently vanishes.
                if let Some(t) = caps.name("target") {
                    self.inline(start + pos + t.start(), start + pos + t.end());
                }
            } else {
                self.inline(text_range.0, text_range.1);
            }
            cursor = start + pos + whole.end();
        }
        self.inline(cursor, end);
        if heading {
            let text_end = self.out.text.trim_end().len().max(text_start);
            self.out.headings.push(Span::new(text_start, text_end));
        }
    }
}

/// Normalises `original` for analysis; see the module documentation for what changes.
pub fn normalize(original: &str) -> Normalized {
    let mut b = Builder {
        original,
        out: Normalized {
            text: String::with_capacity(original.len()),
            origin: Vec::with_capacity(original.len() + 1),
            headings: Vec::new(),
        },
    };
    let mut start = 0;
    while start < original.len() {
        let end = original[start..].find('\n').map_or(original.len(), |i| start + i);
        b.line(start, end);
        if end < original.len() {
            b.push("\n", end);
        }
        start = end + 1;
    }
    b.out.origin.push(u32::try_from(original.len()).unwrap_or(u32::MAX));
    b.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(s).text
    }

    #[test]
    fn markup_is_removed() {
        assert_eq!(norm("## 1994: The Partnership"), "1994: The Partnership");
        assert_eq!(norm("see [the text](http://x.org/a_b.htm) here"), "see the text here");
        assert_eq!(norm("official\\_texts"), "official_texts");
        assert_eq!(norm("**Tel.: +32**"), "Tel.: +32");
        assert_eq!(norm("  • Peacekeeping"), "Peacekeeping");
        assert_eq!(norm("- item\n* item\n+ item"), "item\nitem\nitem");
        assert_eq!(norm("#hashtag stays"), "#hashtag stays");
    }

    #[test]
    fn typography_is_folded() {
        assert_eq!(norm("NATO\u{2019}s \u{201C}x\u{201D}"), "NATO's \"x\"");
        assert_eq!(norm("5\u{2013}6 July \u{2014} x"), "5-6 July - x");
        assert_eq!(norm("27\u{00A0}May"), "27 May");
        assert_eq!(norm("wait\u{2026}"), "wait...");
        // An em dash glued to words sets off an aside: the words stay apart.
        assert_eq!(norm("the Board\u{2014}and its staff\u{2014}met"), "the Board - and its staff - met");
        assert_eq!(norm("(1972\u{2014}2002)"), "(1972-2002)");
        assert_eq!(norm("\u{2014}end"), "- end");
        assert_eq!(norm("\u{FEFF}text"), "text");
    }

    #[test]
    fn crlf_becomes_lf_and_lines_are_kept() {
        let n = normalize("a\r\nb\r\n\r\nc");
        assert_eq!(n.text, "a\nb\n\nc");
        assert_eq!(n.text.matches('\n').count(), 3);
    }

    #[test]
    fn headings_are_recorded() {
        let n = normalize("intro\n### 1990 London Summit\ntext");
        assert_eq!(n.headings.len(), 1);
        let h = n.headings[0];
        assert_eq!(&n.text[h.start..h.end], "1990 London Summit");
    }

    #[test]
    fn origin_points_at_the_source_character() {
        let original = "## Title \u{201C}x\u{201D}\r\n[link](http://a) \\_ \u{2013} end";
        let n = normalize(original);
        assert_eq!(n.origin.len(), n.text.len() + 1);
        for (i, c) in n.text.char_indices() {
            let o = n.origin[i] as usize;
            let oc = original[o..].chars().next().unwrap();
            assert!(oc == c || replacement(oc).is_some_and(|r| r.starts_with(c)), "{c:?} vs {oc:?}");
        }
    }

    #[test]
    fn empty_and_odd_inputs() {
        assert_eq!(norm(""), "");
        assert_eq!(norm("\n\n"), "\n\n");
        assert_eq!(norm("[unclosed link(x"), "[unclosed link(x");
        assert_eq!(norm("#"), "#");
        assert_eq!(norm("\\"), "\\");
    }

    proptest::proptest! {
        /// Every normalised character maps back to the same original character, or to one
        /// the replacement table folds into it; offsets stay in bounds and ordered.
        #[test]
        fn origin_map_is_exact(original in "(?s)[a-zA-Z0-9 #*\\_\\[\\]()•\u{2018}\u{2019}\u{201C}\u{201D}\u{2013}\u{2014}\u{00A0}\u{FEFF}\u{2026}\r\n.:-]{0,200}") {
            let n = normalize(&original);
            proptest::prop_assert_eq!(n.origin.len(), n.text.len() + 1);
            proptest::prop_assert_eq!(n.text.matches('\n').count(), original.matches('\n').count());
            let mut last = 0u32;
            for (i, c) in n.text.char_indices() {
                let o = n.origin[i];
                proptest::prop_assert!(o >= last, "origin goes backwards at {}", i);
                last = o;
                let oc = original[o as usize..].chars().next().unwrap();
                proptest::prop_assert!(
                    oc == c || replacement(oc).is_some_and(|r| r.contains(c)),
                    "{:?} maps to {:?}", c, oc
                );
            }
        }
    }
}

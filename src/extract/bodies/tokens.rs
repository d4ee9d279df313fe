//! Word and punctuation tokens of a sentence, with byte spans into the document text.
//!
//! Both the body finder and the claim linker reason over tokens rather than raw text:
//! a token is a word (letters and digits, hyphen- or slash-joined parts kept together,
//! so `NATO-Russia` and `Strasbourg/Kehl` are one token), a number (`1,200`, `78-day`,
//! `1990s`) or a single punctuation character. White space is dropped. Offsets are
//! regex match offsets, so slicing the text with them never splits a character.

use std::sync::LazyLock;

use regex::Regex;

use crate::span::Span;

/// One token.
static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<word>
            \p{L} [\p{L}0-9]*              # a word starts with a letter
            (?: [-/] [\p{L}0-9]+ )*        # hyphen- or slash-joined parts: NATO-Russia, Strasbourg/Kehl
        )
        | (?P<number>
            [0-9]+ (?: [,.] [0-9]+ )*      # 1994, 1,200, 3.5
            (?: [-]? \p{L}+ )?             # glued unit or suffix: 78-day, 1990s, 5th
        )
        | (?P<punct> [^\s\p{L}0-9] )       # any other single character
        ",
    )
    .expect("TOKEN is a valid regex")
});

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Letters (and digits after the first letter), possibly hyphen-joined.
    Word,
    /// Starts with a digit.
    Number,
    /// One punctuation character.
    Punct(char),
}

/// A token with its place in the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    /// Byte span in the document text.
    pub span: Span,
    /// The token text.
    pub text: &'a str,
    /// Its kind.
    pub kind: TokenKind,
}

impl Token<'_> {
    /// Whether this is a word token.
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// Whether this is the punctuation character `c`.
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokenKind::Punct(c)
    }

    /// Whether this is a word equal to `w`, ignoring ASCII case.
    pub fn is(&self, w: &str) -> bool {
        self.kind == TokenKind::Word && self.text.eq_ignore_ascii_case(w)
    }
}

/// Tokens of `text[span]`, with spans into `text`. An out-of-bounds or split span gives none.
pub(crate) fn tokenize(text: &str, span: Span) -> Vec<Token<'_>> {
    let Some(slice) = text.get(span.start..span.end) else { return Vec::new() };
    TOKEN
        .captures_iter(slice)
        .filter_map(|c| {
            let (m, kind) = if let Some(m) = c.name("word") {
                (m, TokenKind::Word)
            } else if let Some(m) = c.name("number") {
                (m, TokenKind::Number)
            } else {
                let m = c.name("punct")?;
                (m, TokenKind::Punct(m.as_str().chars().next()?))
            };
            Some(Token { span: Span::new(span.start + m.start(), span.start + m.end()), text: m.as_str(), kind })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_numbers_and_punctuation() {
        let text = "The EU-China Summit (2,500 guests, 78-day run): \u{e9}t\u{e9}.";
        let toks: Vec<&str> = tokenize(text, Span::new(0, text.len())).iter().map(|t| t.text).collect();
        assert_eq!(
            toks,
            ["The", "EU-China", "Summit", "(", "2,500", "guests", ",", "78-day", "run", ")", ":", "\u{e9}t\u{e9}", "."]
        );
    }

    #[test]
    fn spans_are_absolute() {
        let text = "xx Board of Trade";
        let toks = tokenize(text, Span::new(3, text.len()));
        assert_eq!(toks[0].span, Span::new(3, 8));
        assert!(tokenize(text, Span::new(2, 99)).is_empty());
    }
}

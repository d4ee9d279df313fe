//! Word and punctuation tokens of a sentence, with byte spans into the document text.
//!
//! Both the body finder and the claim linker reason over tokens rather than raw text:
//! a token is a word (letters and digits, hyphen- or slash-joined parts kept together,
//! so `NATO-Russia` and `Strasbourg/Kehl` are one token), a number (`1,200`, `78-day`,
//! `1990s`) or a single punctuation character. White space is dropped. The tokenizer is
//! hand-written (a regex grammar in the tests is its reference) and consumes whole
//! characters, so slicing the text with its offsets never splits a character.

use crate::span::Span;

/// Whether `c` may start or continue a word: a letter. ASCII is decided on the byte; other
/// characters by Unicode's Alphabetic property (letters, plus letter-like marks and numerals).
fn is_letter(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphabetic() } else { c.is_alphabetic() }
}

/// Whether `c` may continue a word: a letter or an ASCII digit.
fn is_word_char(c: char) -> bool {
    c.is_ascii_digit() || is_letter(c)
}

/// A cursor over one slice; every method consumes only whole characters.
struct Cursor<'a> {
    s: &'a str,
    at: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.s[self.at..].chars().next()
    }

    fn peek2(&self) -> Option<char> {
        let mut it = self.s[self.at..].chars();
        it.next();
        it.next()
    }

    /// Consumes characters while `f` holds; returns how many bytes.
    fn eat_while(&mut self, f: impl Fn(char) -> bool) -> usize {
        let rest = &self.s[self.at..];
        let n = rest.find(|c: char| !f(c)).unwrap_or(rest.len());
        self.at += n;
        n
    }
}

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
///
/// The grammar, tried in this order at each non-space character:
/// - word: a letter, then letters and digits, then any number of `-` or `/` joined parts
///   of letters and digits (`NATO-Russia`, `Strasbourg/Kehl`);
/// - number: ASCII digits with `,` or `.` groups (`1,200`, `3.5`), then an optional glued
///   unit or suffix of letters, with or without a hyphen (`78-day`, `1990s`, `5th`);
/// - any other single character is punctuation.
///
/// Hand-written rather than a regex with capture groups: it is the innermost loop of body
/// and claim extraction, and a capturing regex search per token cost about half of it.
pub(crate) fn tokenize(text: &str, span: Span) -> Vec<Token<'_>> {
    let Some(slice) = text.get(span.start..span.end) else { return Vec::new() };
    let mut out = Vec::with_capacity(slice.len() / 5);
    let mut cur = Cursor { s: slice, at: 0 };
    while let Some(c) = cur.peek() {
        if c.is_whitespace() {
            cur.at += c.len_utf8();
            continue;
        }
        let start = cur.at;
        let kind = if is_letter(c) {
            cur.eat_while(is_word_char);
            while matches!(cur.peek(), Some('-' | '/')) && cur.peek2().is_some_and(is_word_char) {
                cur.at += 1;
                cur.eat_while(is_word_char);
            }
            TokenKind::Word
        } else if c.is_ascii_digit() {
            cur.eat_while(|c| c.is_ascii_digit());
            while matches!(cur.peek(), Some(',' | '.')) && cur.peek2().is_some_and(|c| c.is_ascii_digit()) {
                cur.at += 1;
                cur.eat_while(|c| c.is_ascii_digit());
            }
            if cur.peek() == Some('-') && cur.peek2().is_some_and(is_letter) {
                cur.at += 1;
            }
            cur.eat_while(is_letter);
            TokenKind::Number
        } else {
            cur.at += c.len_utf8();
            TokenKind::Punct(c)
        };
        let text = &slice[start..cur.at];
        out.push(Token { span: Span::new(span.start + start, span.start + cur.at), text, kind });
    }
    out
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

    /// The grammar as a regex: the reference the hand-written tokenizer must agree with.
    fn oracle(text: &str) -> Vec<(String, TokenKind)> {
        let re = regex::Regex::new(
            r"(?x)
            (?P<word> \p{Alphabetic} [\p{Alphabetic}0-9]* (?: [-/] [\p{Alphabetic}0-9]+ )* )
            | (?P<number> [0-9]+ (?: [,.] [0-9]+ )* (?: [-]? \p{Alphabetic}+ )? )
            | (?P<punct> [^\s\p{Alphabetic}0-9] )",
        )
        .unwrap();
        re.captures_iter(text)
            .map(|c| {
                if let Some(m) = c.name("word") {
                    (m.as_str().to_string(), TokenKind::Word)
                } else if let Some(m) = c.name("number") {
                    (m.as_str().to_string(), TokenKind::Number)
                } else {
                    let m = c.name("punct").unwrap();
                    (m.as_str().to_string(), TokenKind::Punct(m.as_str().chars().next().unwrap()))
                }
            })
            .collect()
    }

    #[test]
    fn edge_cases_match_the_grammar() {
        for text in [
            "a-",
            "a--b",
            "-a",
            "1,",
            "1,2,",
            "1.2.3x",
            "12-",
            "12-3",
            "12-ab-c",
            "x/1/y",
            "a/ b",
            "\u{e9}-\u{e8}",
            "5th.",
            "",
        ] {
            let got: Vec<(String, TokenKind)> =
                tokenize(text, Span::new(0, text.len())).iter().map(|t| (t.text.to_string(), t.kind)).collect();
            assert_eq!(got, oracle(text), "{text:?}");
        }
    }

    proptest::proptest! {
        /// Same tokens as the regex grammar on text mixing the characters that matter.
        #[test]
        fn agrees_with_the_regex_grammar(text in "[a-zA-Z0-9 ,./\\-()'\"\u{e9}\u{df}\u{3a9}\u{4e2d}\u{2013}\u{a0}\n\t:;]{0,60}") {
            let got: Vec<(String, TokenKind)> =
                tokenize(&text, Span::new(0, text.len())).iter().map(|t| (t.text.to_string(), t.kind)).collect();
            proptest::prop_assert_eq!(got, oracle(&text));
        }
    }
}

//! Sentence boundaries as byte spans of the normalised text.
//!
//! Boundaries come from Unicode sentence segmentation (UAX #29, via
//! unicode-segmentation), then two repairs: a break after an abbreviation or an
//! initial ("e.g.", "Gen.", "J. Smith", "U.S.") is undone, and a break at a single line
//! end inside a hard-wrapped paragraph (the next line starts in lower case) is undone.
//! Every span is trimmed of surrounding white space and never crosses a blank line.
//!
//! UAX #29 always breaks after a line feed, and no rule looks back or ahead across one, so
//! each line is segmented on its own. A line of ASCII, Latin-1, Latin Extended-A and
//! General Punctuation goes through `table_breaks`, a port of unicode-segmentation's
//! state machine with those categories inlined (the crate's per-character table search
//! was an eighth of all extraction time); any other line through unicode-segmentation
//! itself. Differential tests hold the two to the same boundaries, character by
//! character over the covered blocks.
//!
//! The text is already normalised ([`crate::normalize`]): curly quotes, dashes, the
//! ellipsis, guillemets and Unicode spaces arrive as ASCII, so most lines are plain
//! ASCII. The table still covers the whole General Punctuation block, so a caller with
//! unnormalised text gets the same boundaries as unicode-segmentation's.

use unicode_segmentation::UnicodeSegmentation;

use crate::span::Span;

/// Abbreviations after which a full stop does not end a sentence (lower-cased, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "cf", "vs", "viz", "approx", "ca", "no", "nos", "mr", "mrs", "ms", "dr", "prof", "gen", "lt",
    "col", "capt", "cmdr", "adm", "sgt", "maj", "gov", "sen", "rep", "pres", "st", "mt", "ft", "jr", "sr", "rev",
    "hon", "tel", "fax", "art", "para", "fig", "vol", "pp", "ed", "eds", "inc", "ltd", "co", "corp", "dept", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.u", "a.m",
    "p.m",
];

/// Whether the fragment ends with an abbreviation or a single-letter initial and a dot.
fn ends_with_abbreviation(fragment: &str) -> bool {
    let t = fragment.trim_end();
    let Some(body) = t.strip_suffix('.') else { return false };
    let word = body.rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"').next().unwrap_or("");
    if word.is_empty() {
        return false;
    }
    // A single capital letter: an initial ("John F. Kennedy").
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    // The abbreviations are ASCII: compare without a lower-cased copy. "etc." usually ends
    // a sentence when the next starts with a capital; keep it conservative.
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)) && !word.eq_ignore_ascii_case("etc")
}

/// UAX #29 Sentence_Break categories, as unicode-segmentation's tables give them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cat {
    Other,
    Cr,
    Lf,
    Sep,
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    Extend,
    Format,
}

fn ascii_cat(b: u8) -> Cat {
    match b {
        b'\t' | 0x0b | 0x0c | b' ' => Cat::Sp,
        b'\n' => Cat::Lf,
        b'\r' => Cat::Cr,
        b'!' | b'?' => Cat::STerm,
        b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Cat::Close,
        b',' | b'-' | b':' | b';' => Cat::SContinue,
        b'.' => Cat::ATerm,
        b'0'..=b'9' => Cat::Numeric,
        b'A'..=b'Z' => Cat::Upper,
        b'a'..=b'z' => Cat::Lower,
        _ => Cat::Other,
    }
}

/// General Punctuation (U+2000–U+206F) entries of unicode-segmentation's sentence table;
/// every other character of the block is Other.
const GENERAL_PUNCTUATION: [(char, char, Cat); 17] = [
    ('\u{2000}', '\u{200a}', Cat::Sp),
    ('\u{200b}', '\u{200b}', Cat::Format),
    ('\u{200c}', '\u{200d}', Cat::Extend),
    ('\u{200e}', '\u{200f}', Cat::Format),
    ('\u{2013}', '\u{2014}', Cat::SContinue),
    ('\u{2018}', '\u{201f}', Cat::Close),
    ('\u{2024}', '\u{2024}', Cat::ATerm),
    ('\u{2028}', '\u{2029}', Cat::Sep),
    ('\u{202a}', '\u{202e}', Cat::Format),
    ('\u{202f}', '\u{202f}', Cat::Sp),
    ('\u{2039}', '\u{203a}', Cat::Close),
    ('\u{203c}', '\u{203d}', Cat::STerm),
    ('\u{2045}', '\u{2046}', Cat::Close),
    ('\u{2047}', '\u{2049}', Cat::STerm),
    ('\u{205f}', '\u{205f}', Cat::Sp),
    ('\u{2060}', '\u{2064}', Cat::Format),
    ('\u{2066}', '\u{206f}', Cat::Format),
];

/// The category of `c` where this module knows it: ASCII, Latin-1 Supplement, Latin
/// Extended-A (the letters of European names) and General Punctuation (what normalisation
/// leaves of it, and all of it on unnormalised text). `None` elsewhere: such a line is
/// left to unicode-segmentation.
fn cat(c: char) -> Option<Cat> {
    match c {
        '\0'..='\u{7f}' => Some(ascii_cat(c as u8)),
        '\u{85}' => Some(Cat::Sep),
        '\u{a0}' => Some(Cat::Sp),
        '\u{ab}' | '\u{bb}' => Some(Cat::Close),
        '\u{ad}' => Some(Cat::Format),
        // In these two blocks Upper and Lower are exactly the Uppercase and Lowercase
        // properties (checked character by character in the tests).
        '\u{80}'..='\u{17f}' if c.is_uppercase() => Some(Cat::Upper),
        '\u{80}'..='\u{17f}' if c.is_lowercase() => Some(Cat::Lower),
        '\u{80}'..='\u{17f}' => Some(Cat::Other),
        '\u{2000}'..='\u{206f}' => {
            Some(GENERAL_PUNCTUATION.iter().find(|(lo, hi, _)| (*lo..=*hi).contains(&c)).map_or(Cat::Other, |e| e.2))
        }
        _ => None,
    }
}

/// The state of unicode-segmentation's forward sentence-break machine: the last four
/// parts, runs of Close and of Sp collapsed into one part each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Sot,
    Other,
    Cr,
    Lf,
    Sep,
    ATerm,
    UpperLower,
    ClosePlus,
    SpPlus,
    STerm,
}

fn push(parts: [Part; 4], c: Cat) -> [Part; 4] {
    match (parts[3], c) {
        (Part::ClosePlus, Cat::Close) | (Part::SpPlus, Cat::Sp) => parts,
        _ => [
            parts[1],
            parts[2],
            parts[3],
            match c {
                Cat::Cr => Part::Cr,
                Cat::Lf => Part::Lf,
                Cat::Sep => Part::Sep,
                Cat::ATerm => Part::ATerm,
                Cat::Upper | Cat::Lower => Part::UpperLower,
                Cat::Close => Part::ClosePlus,
                Cat::Sp => Part::SpPlus,
                Cat::STerm => Part::STerm,
                Cat::Other | Cat::Numeric | Cat::SContinue | Cat::Extend | Cat::Format => Part::Other,
            },
        ],
    }
}

fn is_term(p: Part) -> bool {
    matches!(p, Part::ATerm | Part::STerm)
}

/// SB8: ATerm Close* Sp* × (¬(OLetter | Upper | Lower | ParaSep | SATerm))* Lower.
/// `ahead` starts at the current character.
fn sb8(parts: [Part; 4], ahead: &str) -> bool {
    let mut i = if parts[3] == Part::SpPlus { 2 } else { 3 };
    if parts[i] == Part::ClosePlus {
        i -= 1;
    }
    // An uncovered character ahead sends the whole line to the crate anyway.
    parts[i] == Part::ATerm
        && ahead
            .chars()
            .map(|ch| cat(ch).unwrap_or(Cat::Other))
            .find(|c| matches!(c, Cat::Lower | Cat::Upper | Cat::Sep | Cat::Cr | Cat::Lf | Cat::STerm | Cat::ATerm))
            == Some(Cat::Lower)
}

/// SB8a and SB10: SATerm Close* Sp* before the position.
fn sb8a(parts: [Part; 4]) -> bool {
    let mut i = if parts[3] == Part::SpPlus { 2 } else { 3 };
    if parts[i] == Part::ClosePlus {
        i -= 1;
    }
    is_term(parts[i])
}

/// SB9: SATerm Close* before the position.
fn sb9(parts: [Part; 4]) -> bool {
    is_term(parts[if parts[3] == Part::ClosePlus { 2 } else { 3 }])
}

/// SB11: SATerm Close* Sp* ParaSep? before the position.
fn sb11(parts: [Part; 4]) -> bool {
    let mut i = if matches!(parts[3], Part::Sep | Part::Cr | Part::Lf) { 2 } else { 3 };
    if parts[i] == Part::SpPlus {
        i -= 1;
    }
    if parts[i] == Part::ClosePlus {
        i -= 1;
    }
    is_term(parts[i])
}

/// The sentence breaks of `line` after its start, its end included — the positions of
/// unicode-segmentation's forward iterator — or `false` when the line holds a character
/// whose category this module does not know.
fn table_breaks(line: &str, out: &mut Vec<usize>) -> bool {
    let mut parts = [Part::Sot; 4];
    for (pos, ch) in line.char_indices() {
        let Some(c) = cat(ch) else { return false };
        let before = parts;
        parts = push(parts, c);
        if matches!(before[3], Part::Other | Part::UpperLower) {
            // After a letter or an ordinary character no rule breaks: most characters.
            if matches!(c, Cat::Extend | Cat::Format) {
                parts = before;
            }
            continue;
        }
        let brk = match c {
            _ if before[3] == Part::Sot => false,
            Cat::Lf if before[3] == Part::Cr => false,
            _ if matches!(before[3], Part::Sep | Part::Cr | Part::Lf) => true,
            Cat::Extend | Cat::Format => {
                parts = before;
                false
            }
            Cat::Numeric if before[3] == Part::ATerm => false,
            Cat::Upper if before[2] == Part::UpperLower && before[3] == Part::ATerm => false,
            _ if sb8(before, &line[pos..]) => false,
            Cat::SContinue | Cat::STerm | Cat::ATerm if sb8a(before) => false,
            Cat::Close | Cat::Sp | Cat::Sep | Cat::Cr | Cat::Lf if sb9(before) => false,
            Cat::Sp | Cat::Sep | Cat::Cr | Cat::Lf if sb8a(before) => false,
            _ => sb11(before),
        };
        if brk {
            out.push(pos);
        }
    }
    if !line.is_empty() {
        out.push(line.len());
    }
    true
}

/// UAX #29 sentence fragments of `text` with their byte offsets, exactly as
/// `split_sentence_bound_indices` gives them, one line at a time.
fn fragments(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut breaks = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        breaks.clear();
        if table_breaks(line, &mut breaks) {
            let mut from = 0;
            for &to in &breaks {
                out.push((start + from, &line[from..to]));
                from = to;
            }
        } else {
            out.extend(line.split_sentence_bound_indices().map(|(i, frag)| (start + i, frag)));
        }
        start += line.len();
    }
    out
}

/// Sentence spans of `text`, in order.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut glue = false;
    for (start, frag) in fragments(text) {
        let end = start + frag.len();
        let trimmed_start = start + (frag.len() - frag.trim_start().len());
        let trimmed_end = start + frag.trim_end().len();
        if trimmed_start >= trimmed_end {
            // Pure white space: a blank line ends any gluing.
            if frag.matches('\n').count() >= 2 {
                glue = false;
            }
            continue;
        }
        let next_starts_lower = text[trimmed_start..].chars().next().is_some_and(char::is_lowercase);
        let can_glue = match out.last() {
            Some(prev) => {
                let between = &text[prev.end..trimmed_start];
                let blank_line = between.matches('\n').count() >= 2;
                let prev_text = &text[prev.start..prev.end];
                let line_wrap =
                    between.contains('\n') && next_starts_lower && !prev_text.ends_with(['.', '!', '?', ':', ';']);
                !blank_line && ((glue && !between.contains('\n')) || line_wrap)
            }
            None => false,
        };
        match out.last_mut() {
            Some(prev) if can_glue => prev.end = trimmed_end,
            _ => out.push(Span::new(trimmed_start, trimmed_end)),
        }
        glue = ends_with_abbreviation(&text[start..end]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|s| &text[s.start..s.end]).collect()
    }

    /// A small deterministic generator (xorshift), so the differential test needs no crate.
    fn random_text(seed: u64, len: usize, alphabet: &[&str]) -> String {
        let mut x = seed.max(1);
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                alphabet[usize::try_from(x % alphabet.len() as u64).unwrap()]
            })
            .collect()
    }

    #[test]
    fn line_by_line_fragments_equal_unicode_segmentation() {
        // Every ASCII sentence-break category, several of each where runs matter; then
        // covered non-ASCII (letters, quotes, dashes, spaces, NEL, separators, format
        // characters, a joiner) and uncovered characters (a CJK full stop, Cyrillic, a
        // combining accent, an ellipsis) that send their line to the crate.
        let ascii = [
            "a", "b", "e", "x", "A", "B", "U", "S", "1", "9", ".", ".", "!", "?", " ", " ", "\t", "\n", "\r", "\"",
            "'", "(", ")", "[", "]", "{", "}", ",", "-", ":", ";", "#", "/", "&", "\u{b}", "\u{c}",
        ];
        let mut covered: Vec<&str> = ascii.to_vec();
        covered.extend([
            "é", "Ł", "ß", "ª", "×", "’", "“", "”", "«", "—", "–", "\u{a0}", "\u{85}", "\u{2029}", "\u{ad}",
            "\u{200b}", "\u{200d}", "\u{2024}", "‼", "\u{2009}",
        ]);
        let mut mixed = covered.clone();
        mixed.extend(["。", "Ж", "\u{301}", "…", "ǅ"]);
        for (alphabet, seeds) in [(&ascii[..], 0..3000u64), (&covered[..], 3000..6000), (&mixed[..], 6000..9000)] {
            for seed in seeds {
                let len = 1 + usize::try_from(seed % 40).unwrap();
                let text = random_text(seed * 7919 + 1, len, alphabet);
                let expected: Vec<(usize, &str)> = text.split_sentence_bound_indices().collect();
                assert_eq!(fragments(&text), expected, "text {text:?}");
            }
        }
        let sheet = "Title\r\n\r\nThe U.S. (and the U.K.) met on 5 May 1990. \"Why?\" he asked.  It ended.\n\
                     e.g. this one... and 3.5 more! Then: next.\n“Quoted.” Done — Łódź’s. é";
        assert_eq!(fragments(sheet), sheet.split_sentence_bound_indices().collect::<Vec<_>>());
    }

    #[test]
    fn every_covered_character_segments_as_in_unicode_segmentation() {
        // Each character of the inlined blocks in the contexts that tell the categories
        // apart: after a full stop and a space (SB8 looks for a lower-case letter), glued
        // to a full stop (SB6, SB7), after a closing quote (SB9), in the look-ahead, as
        // a run, and before a line end.
        let contexts = [
            "a. {}b",
            "a. {} b",
            "A.{}b",
            "Ab.{}C",
            "x. {}",
            "{}. a",
            "{}. A",
            "a.{} c",
            "a! {}b",
            "a?{}\nb",
            "\"{}\" x. y",
            "a.\" {}{}b",
            "{}{}. {}x",
            "Go.{}{} next",
            "a.{}",
            "{}",
            "A. {}.a",
        ];
        let blocks = ('\u{80}'..='\u{17f}').chain('\u{2000}'..='\u{206f}');
        for ch in blocks {
            assert!(cat(ch).is_some(), "{ch:?} is in a covered block");
            for ctx in contexts {
                let text = ctx.replace("{}", &ch.to_string());
                let expected: Vec<(usize, &str)> = text.split_sentence_bound_indices().collect();
                assert_eq!(fragments(&text), expected, "U+{:04X} in {text:?}", u32::from(ch));
            }
        }
        assert_eq!(cat('\u{180}'), None);
        assert_eq!(cat('。'), None);
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(split("One thing. Another thing! A third?"), ["One thing.", "Another thing!", "A third?"]);
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        assert_eq!(
            split("Issues, e.g. the situation in Serbia, were discussed. Next."),
            ["Issues, e.g. the situation in Serbia, were discussed.", "Next."]
        );
        assert_eq!(split("President John F. Kennedy spoke. Then."), ["President John F. Kennedy spoke.", "Then."]);
        assert_eq!(split("Gen. Smith arrived in the U.S. in May."), ["Gen. Smith arrived in the U.S. in May."]);
    }

    #[test]
    fn lines_and_paragraphs() {
        assert_eq!(split("Heading\n\nBody text here."), ["Heading", "Body text here."]);
        assert_eq!(split("Title line\nNext line"), ["Title line", "Next line"]);
        assert_eq!(split("a sentence that is\nwrapped here."), ["a sentence that is\nwrapped here."]);
    }

    #[test]
    fn spans_are_trimmed_and_in_bounds() {
        let text = "  Lead.  \n\n Tail  ";
        for s in sentences(text) {
            assert!(s.end <= text.len());
            assert_eq!(text[s.start..s.end].trim(), &text[s.start..s.end]);
        }
    }
}

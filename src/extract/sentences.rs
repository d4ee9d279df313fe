//! Sentence boundaries as byte spans of the normalised text.
//!
//! Boundaries come from Unicode sentence segmentation (UAX #29, via
//! unicode-segmentation), then two repairs: a break after an abbreviation or an
//! initial ("e.g.", "Gen.", "J. Smith", "U.S.") is undone, and a break at a single line
//! end inside a hard-wrapped paragraph (the next line starts in lower case) is undone.
//! Every span is trimmed of surrounding white space and never crosses a blank line.
//!
//! UAX #29 always breaks after a line feed, and no rule looks back or ahead across one, so
//! each line is segmented on its own: an ASCII line by [`ascii_breaks`], a port of
//! unicode-segmentation's state machine over a byte table (its per-character table search
//! was an eighth of all extraction time), any other line by unicode-segmentation itself. A
//! differential test holds the two to the same boundaries.

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
    let lower = word.to_lowercase();
    // "etc." usually ends a sentence when the next starts with a capital; keep it conservative.
    ABBREVIATIONS.contains(&lower.as_str()) && lower != "etc"
}

/// UAX #29 Sentence_Break categories of the ASCII characters (unicode-segmentation's table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cat {
    Other,
    Cr,
    Lf,
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
}

fn cat(b: u8) -> Cat {
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

/// The state of unicode-segmentation's forward sentence-break machine: the last four
/// parts, runs of Close and of Sp collapsed into one part each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Sot,
    Other,
    Cr,
    Lf,
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
                Cat::ATerm => Part::ATerm,
                Cat::Upper | Cat::Lower => Part::UpperLower,
                Cat::Close => Part::ClosePlus,
                Cat::Sp => Part::SpPlus,
                Cat::STerm => Part::STerm,
                Cat::Other | Cat::Numeric | Cat::SContinue => Part::Other,
            },
        ],
    }
}

fn is_term(p: Part) -> bool {
    matches!(p, Part::ATerm | Part::STerm)
}

/// SB8: ATerm Close* Sp* × (¬(OLetter | Upper | Lower | Sep | STerm | ATerm))* Lower.
fn sb8(parts: [Part; 4], ahead: &[u8]) -> bool {
    let mut i = if parts[3] == Part::SpPlus { 2 } else { 3 };
    if parts[i] == Part::ClosePlus {
        i -= 1;
    }
    parts[i] == Part::ATerm
        && ahead
            .iter()
            .map(|&b| cat(b))
            .find(|c| matches!(c, Cat::Lower | Cat::Upper | Cat::Cr | Cat::Lf | Cat::STerm | Cat::ATerm))
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
    let mut i = if matches!(parts[3], Part::Cr | Part::Lf) { 2 } else { 3 };
    if parts[i] == Part::SpPlus {
        i -= 1;
    }
    if parts[i] == Part::ClosePlus {
        i -= 1;
    }
    is_term(parts[i])
}

/// The sentence breaks of an ASCII `line` after its start, its end included: the same
/// positions as unicode-segmentation's forward iterator.
fn ascii_breaks(line: &[u8], out: &mut Vec<usize>) {
    let mut parts = [Part::Sot; 4];
    for (pos, &b) in line.iter().enumerate() {
        let c = cat(b);
        let before = parts;
        parts = push(parts, c);
        let brk = match c {
            _ if before[3] == Part::Sot => false,
            Cat::Lf if before[3] == Part::Cr => false,
            _ if matches!(before[3], Part::Cr | Part::Lf) => true,
            Cat::Numeric if before[3] == Part::ATerm => false,
            Cat::Upper if before[2] == Part::UpperLower && before[3] == Part::ATerm => false,
            _ if sb8(before, &line[pos..]) => false,
            Cat::SContinue | Cat::STerm | Cat::ATerm if sb8a(before) => false,
            Cat::Close | Cat::Sp | Cat::Cr | Cat::Lf if sb9(before) => false,
            Cat::Sp | Cat::Cr | Cat::Lf if sb8a(before) => false,
            _ => sb11(before),
        };
        if brk {
            out.push(pos);
        }
    }
    if !line.is_empty() {
        out.push(line.len());
    }
}

/// UAX #29 sentence fragments of `text` with their byte offsets, exactly as
/// `split_sentence_bound_indices` gives them, one line at a time.
fn fragments(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut breaks = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        if line.is_ascii() {
            breaks.clear();
            ascii_breaks(line.as_bytes(), &mut breaks);
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
        // Every ASCII sentence-break category, several of each where runs matter, plus
        // non-ASCII letters, quotes, a non-breaking space, NEL and a paragraph separator.
        let ascii = [
            "a", "b", "e", "x", "A", "B", "U", "S", "1", "9", ".", ".", "!", "?", " ", " ", "\t", "\n", "\r", "\"",
            "'", "(", ")", "[", "]", "{", "}", ",", "-", ":", ";", "#", "/", "&", "\u{b}", "\u{c}",
        ];
        let mut mixed: Vec<&str> = ascii.to_vec();
        mixed.extend(["é", "Ł", "’", "“", "”", "\u{a0}", "\u{85}", "\u{2029}", "\u{ad}", "。", "—"]);
        for (alphabet, seeds) in [(&ascii[..], 0..3000u64), (&mixed[..], 3000..6000u64)] {
            for seed in seeds {
                let len = 1 + usize::try_from(seed % 40).unwrap();
                let text = random_text(seed * 7919 + 1, len, alphabet);
                let expected: Vec<(usize, &str)> = text.split_sentence_bound_indices().collect();
                assert_eq!(fragments(&text), expected, "text {text:?}");
            }
        }
        let sheet = "Title\r\n\r\nThe U.S. (and the U.K.) met on 5 May 1990. \"Why?\" he asked.  It ended.\n\
                     e.g. this one... and 3.5 more! Then: next.\n“Quoted.” Done";
        assert_eq!(fragments(sheet), sheet.split_sentence_bound_indices().collect::<Vec<_>>());
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

//! Sentence boundaries as byte spans of the normalised text.
//!
//! Boundaries come from Unicode sentence segmentation (UAX #29, via
//! unicode-segmentation), then two repairs: a break after an abbreviation or an
//! initial ("e.g.", "Gen.", "J. Smith", "U.S.") is undone, and a break at a single line
//! end inside a hard-wrapped paragraph (the next line starts in lower case) is undone.
//! Every span is trimmed of surrounding white space and never crosses a blank line.

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

/// Sentence spans of `text`, in order.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut glue = false;
    for (start, frag) in text.split_sentence_bound_indices() {
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

//! Bibliographic lines: references, footnotes and citations state no claims.
//!
//! A reference such as `Smith, J. (2012) The establishment of X. Journal …, pp. 12–15.
//! Retrieved 3 May 2013.` holds event words and dates, but the date is when a work was
//! published or read, not when anything happened. Such sentences keep their dates (the
//! date extractor is not involved) but yield no claims.
//!
//! Recognised by shape, never by content:
//! - **citation markers** in the sentence: `Retrieved`/`Accessed` followed by a date,
//!   `Archived from|on|at`, `ISBN`, `ISSN`, `doi:10.`, `(PDF)`, page ranges `pp. 12`,
//!   `et al.`, `Vol. 3`;
//! - the same markers anywhere on a short line (a reference split into several sentences);
//! - a line that opens like a note or a reference: a footnote number `[12] `, a caret
//!   `^ `, or an author list with a year, `Surname, I. (2012)`, `Surname, Given and
//!   Other, I. (eds) (2012)`.

use std::sync::LazyLock;

use regex::Regex;

use crate::span::Span;

/// Lines longer than this are prose paragraphs: a marker on them condemns only its own sentence.
const MAX_REFERENCE_LINE: usize = 600;

/// Citation markers that make a sentence (or a short line) bibliographic.
static MARKER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:(?-u:\b)(?:Retrieved|Accessed)(?:\s+on)?\s*:?\s*(?:[0-9]{1,4}|(?:January|February|March|April|May|June|July|",
        r"August|September|October|November|December)(?-u:\b))",
        r"|(?-u:\b)Archived\s+(?:from|on|at)(?-u:\b)",
        r"|(?-u:\b)(?:ISBN|ISSN)(?-u:\b)",
        r"|(?-u:\b)doi:\s*10\.",
        r"|\((?:PDF|pdf)\)",
        r"|(?-u:\b)pp\.\s*[0-9]",
        r"|(?-u:\b)et\s+al\.",
        r"|(?-u:\b)[Vv]ol\.\s*[0-9])"
    ))
    .ok()
});

/// A line that opens like a footnote or a reference entry.
static REFERENCE_START: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(concat!(
        // Optional list bullets, then a footnote number or a caret.
        r"^\s*(?:[-*+]\s+)*(?:\[[0-9]{1,4}\]\s|\^\s",
        // Or an author list: "Surname, I." / "Surname, Given", more names, then "(2012)" or "(eds)".
        r"|[\p{Lu}][\p{L}'’-]+,\s+(?:(?:[\p{Lu}][\p{L}'’.-]*|and|&|et|al\.)\s*,?\s*){1,10}",
        r"\(\s*(?:[0-9]{4}[a-z]?|eds?\.?)\s*\))"
    ))
    .ok()
});

/// Whether the sentence `span` of `text` is part of a reference, footnote or citation.
pub(crate) fn is_citation(text: &str, span: Span) -> bool {
    let Some(sentence) = text.get(span.start..span.end) else { return false };
    let marker = |s: &str| MARKER.as_ref().is_some_and(|re| re.is_match(s));
    if marker(sentence) {
        return true;
    }
    let line_start = text.get(..span.start).and_then(|b| b.rfind('\n')).map_or(0, |i| i + 1);
    let line_end = text.get(span.end..).and_then(|a| a.find('\n')).map_or(text.len(), |i| span.end + i);
    let Some(line) = text.get(line_start..line_end) else { return false };
    REFERENCE_START.as_ref().is_some_and(|re| re.is_match(line)) || (line.len() <= MAX_REFERENCE_LINE && marker(line))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(s: &str) -> bool {
        is_citation(s, Span::new(0, s.len()))
    }

    #[test]
    fn reference_shapes() {
        assert!(whole("Garcia, M. (2015) The founding of the Andean Development Bank. Latin American Review 4, 1-20."));
        assert!(whole("Okafor, Chidi and Lund, P. (eds) (2009) Regional Courts in West Africa. Lagos: Unity Press."));
        assert!(whole("[17] Rowing federation history page. Retrieved 4 March 2011."));
        assert!(whole("^ The Harbour Board was created in 1881, see the annual report."));
        assert!(whole("The city council was established in 1904 (PDF). City archive."));
        assert!(whole("The Alpine Club was founded in 1857, as told in Mason et al. in their history."));
        assert!(whole("History of the league, pp. 40–44, ISBN 978-0-00-000000-2."));
        assert!(whole("Archived from the original on 2 June 2012."));
    }

    #[test]
    fn prose_is_not_a_reference() {
        assert!(!whole("The Alpine Club was founded in 1857 in London."));
        assert!(!whole("Geneva, the seat of the federation, hosted the congress (1904)."));
        assert!(!whole("The Port Authority (1921) manages the harbour."));
        assert!(!whole("Records retrieved from the archive in 1990 show the date."));
    }

    #[test]
    fn a_split_reference_line_is_one_reference() {
        let text =
            "Intro line.\nLee, K. (2003) Policy. The creation of the Mekong Commission. Journal of Rivers.\nNext.";
        let at = text.find("The creation").unwrap_or(0);
        let end = text.find("Commission.").map_or(0, |i| i + "Commission.".len());
        assert!(is_citation(text, Span::new(at, end)));
        assert!(!is_citation(text, Span::new(0, "Intro line.".len())));
    }
}

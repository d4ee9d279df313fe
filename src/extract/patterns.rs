//! Regex fragments shared by the extractors (month names, word boundaries).
//!
//! Each extractor keeps its compiled patterns in its own module, built once in a
//! `LazyLock` from these fragments; this module holds only what several share.

/// Full and abbreviated English month names, longest first, for use inside a group.
pub const MONTH: &str = "January|February|March|April|May|June|July|August|September|October|November|December|\
Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";

/// English ordinal words, "first" to "twenty-first" ("the nineteenth century", "the fifth anniversary").
pub(crate) const ORDINAL_WORDS: [&str; 21] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "twenty-first",
];

/// Month number (1-based) of a full or abbreviated English month name, any case.
pub fn month_number(name: &str) -> Option<u8> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    let i = NAMES
        .iter()
        .position(|full| *full == lower || (full.starts_with(&lower) && (lower.len() == 3 || lower == "sept")))?;
    u8::try_from(i + 1).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_numbers() {
        assert_eq!(month_number("May"), Some(5));
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("december"), Some(12));
        assert_eq!(month_number("Ma"), None);
        assert_eq!(month_number("Monday"), None);
        assert_eq!(month_number("Marshal"), None);
    }
}

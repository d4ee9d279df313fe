//! Word classes the body rules rely on: head nouns and their types, connectors inside
//! names, capitalised function words that never start a name, acronym shapes, and the
//! initials test that links an acronym to its full name.
//!
//! These are lists of English words, not of any corpus's bodies: a rule that needs a
//! particular body's name is a bug.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

use super::super::BodyType;

/// Head nouns that end a body's name, with the type they give it (exact, title case).
const HEAD_NOUNS: &[(&str, BodyType)] = &[
    ("Council", BodyType::Council),
    ("Assembly", BodyType::Council),
    ("Parliament", BodyType::Council),
    ("Senate", BodyType::Council),
    ("Congress", BodyType::Council),
    ("Commission", BodyType::Council),
    ("Forum", BodyType::Council),
    ("Act", BodyType::Act),
    ("Treaty", BodyType::Act),
    ("Agreement", BodyType::Act),
    ("Accord", BodyType::Act),
    ("Accords", BodyType::Act),
    ("Charter", BodyType::Act),
    ("Memorandum", BodyType::Act),
    ("Convention", BodyType::Act),
    ("Protocol", BodyType::Act),
    ("Pact", BodyType::Act),
    ("Statute", BodyType::Act),
    ("Programme", BodyType::Programme),
    ("Program", BodyType::Programme),
    ("Partnership", BodyType::Programme),
    ("Initiative", BodyType::Programme),
    ("Plan", BodyType::Programme),
    ("Project", BodyType::Programme),
    ("Mission", BodyType::Mission),
    ("Operation", BodyType::Mission),
    ("Office", BodyType::Office),
    ("Agency", BodyType::Office),
    ("Centre", BodyType::Office),
    ("Center", BodyType::Office),
    ("Division", BodyType::Office),
    ("Section", BodyType::Office),
    ("Headquarters", BodyType::Office),
    ("Bureau", BodyType::Office),
    ("Secretariat", BodyType::Office),
    ("Administration", BodyType::Office),
    ("Department", BodyType::Office),
    ("Directorate", BodyType::Office),
    ("Force", BodyType::Force),
    ("Forces", BodyType::Force),
    ("Brigade", BodyType::Force),
    ("Corps", BodyType::Force),
    ("Army", BodyType::Force),
    ("Navy", BodyType::Force),
    ("Fleet", BodyType::Force),
    ("Command", BodyType::Force),
    ("Summit", BodyType::Summit),
    ("Conference", BodyType::Summit),
    ("Meeting", BodyType::Summit),
    ("Tournament", BodyType::Summit),
    ("Championship", BodyType::Summit),
    ("Championships", BodyType::Summit),
    ("Games", BodyType::Summit),
    ("Festival", BodyType::Summit),
    ("Exhibition", BodyType::Summit),
    ("Declaration", BodyType::Declaration),
    ("Statement", BodyType::Declaration),
    ("Communique", BodyType::Declaration),
    ("Communiqu\u{e9}", BodyType::Declaration),
    ("Concept", BodyType::Declaration),
    ("Resolution", BodyType::Declaration),
    ("Doctrine", BodyType::Declaration),
    ("Committee", BodyType::Committee),
    ("Group", BodyType::Committee),
    ("Board", BodyType::Committee),
    ("Panel", BodyType::Committee),
    ("Organisation", BodyType::Institution),
    ("Organization", BodyType::Institution),
    ("Alliance", BodyType::Institution),
    ("University", BodyType::Institution),
    ("College", BodyType::Institution),
    ("Institute", BodyType::Institution),
    ("Academy", BodyType::Institution),
    ("School", BodyType::Institution),
    ("Ministry", BodyType::Institution),
    ("Union", BodyType::Institution),
    ("Community", BodyType::Institution),
    ("League", BodyType::Institution),
    ("Bank", BodyType::Institution),
    ("Fund", BodyType::Institution),
    ("Court", BodyType::Institution),
    ("Tribunal", BodyType::Institution),
    ("Foundation", BodyType::Institution),
    ("Association", BodyType::Institution),
    ("Society", BodyType::Institution),
    ("Club", BodyType::Institution),
    ("Authority", BodyType::Institution),
    ("Company", BodyType::Institution),
    ("Corporation", BodyType::Institution),
    ("Museum", BodyType::Institution),
    ("Library", BodyType::Institution),
    ("Hospital", BodyType::Institution),
];

/// The type a head noun gives, if `word` (the last hyphen part, title case) is one.
pub(crate) fn head_noun_type(word: &str) -> Option<BodyType> {
    static BY_NOUN: LazyLock<HashMap<&'static str, BodyType>> = LazyLock::new(|| HEAD_NOUNS.iter().copied().collect());
    let last = word.rsplit(['-', '/']).next().unwrap_or(word);
    BY_NOUN.get(last).copied()
}

/// The type of a full name: from its last head noun before any complement.
pub(crate) fn name_type(name: &str) -> BodyType {
    let mut kind = None;
    for w in name.split([' ', ',']) {
        if is_connector(w) {
            // The head comes before the first complement ("Council of Europe").
            if kind.is_some() {
                break;
            }
            continue;
        }
        if let Some(t) = head_noun_type(w) {
            kind = Some(t);
        }
    }
    kind.unwrap_or(BodyType::Other)
}

/// Lower-case words that may join the parts of a name ("Partnership for Peace").
pub(crate) fn is_connector(word: &str) -> bool {
    matches!(word, "of" | "for" | "on" | "and" | "the" | "de" | "du" | "des" | "la" | "le" | "von" | "van" | "&")
}

/// Capitalised words that never start a name: articles, pronouns, prepositions,
/// conjunctions and sentence adverbs written with a capital at a sentence start.
const NEVER_START: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "By",
    "For",
    "Of",
    "To",
    "With",
    "From",
    "Into",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "Their",
    "They",
    "His",
    "Her",
    "Our",
    "We",
    "My",
    "Your",
    "When",
    "While",
    "Where",
    "After",
    "Before",
    "Since",
    "Under",
    "Following",
    "During",
    "Both",
    "Each",
    "All",
    "Some",
    "Any",
    "Today",
    "Also",
    "And",
    "But",
    "Or",
    "Nor",
    "However",
    "Moreover",
    "Furthermore",
    "Thus",
    "Therefore",
    "Then",
    "As",
    "If",
    "Although",
    "Though",
    "Because",
    "Once",
    "Over",
    "Within",
    "Through",
    "Between",
    "Among",
    "Despite",
    "Thanks",
    "Such",
    "Other",
    "Another",
    "Its",
    "Here",
    "There",
    "What",
    "Which",
    "Who",
    "Whose",
    "How",
    "Why",
    "Yet",
    "So",
    "Not",
    "No",
    "Yes",
    "Every",
    "Many",
    "Most",
    "Several",
    "Until",
    "Upon",
    "Via",
    "Per",
    "Against",
    "Without",
    "Toward",
    "Towards",
    "Last",
    "Next",
    "Later",
    "Earlier",
    "Former",
    "Current",
    "See",
    "Note",
    "Unlike",
    "Like",
    "Following",
    "Including",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Whether a capitalised word cannot start a name wherever it stands.
pub(crate) fn never_starts_name(word: &str) -> bool {
    // Month names never start a name either: one list, the date module's.
    static SET: LazyLock<HashSet<&'static str>> =
        LazyLock::new(|| NEVER_START.iter().chain(crate::date::MONTH_NAMES.iter()).copied().collect());
    SET.contains(word)
}

/// Lower-case last parts that make a hyphenated word an adjective ("NATO-led", "UN-mandated").
const ADJECTIVE_SUFFIXES: &[&str] = &[
    "led",
    "based",
    "mandated",
    "sponsored",
    "backed",
    "owned",
    "run",
    "strong",
    "style",
    "wide",
    "related",
    "type",
    "born",
    "speaking",
    "funded",
    "made",
    "level",
    "era",
    "day",
    "year",
    "member",
    "members",
];

/// Whether `word` is capitalised in a way that can be part of a name: it starts with an
/// upper-case letter and is not a hyphenated adjective such as `NATO-led`.
pub(crate) fn is_cap_word(word: &str) -> bool {
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    match word.rsplit_once('-') {
        Some((_, last)) => !ADJECTIVE_SUFFIXES.contains(&last),
        None => true,
    }
}

/// All-caps words that are not acronyms of bodies.
const NOT_ACRONYMS: &[&str] = &[
    "AND", "THE", "OF", "FOR", "TO", "IN", "ON", "AT", "BY", "OR", "AN", "AS", "IS", "IT", "BE", "NO", "NOT", "WE",
    "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "HTTP", "HTTPS", "WWW", "URL", "HTML", "PDF", "AM",
    "PM", "OK", "TEL", "FAX", "EMAIL", "MAIL", "NB", "PS", "FAQ", "TBD", "USD", "EUR", "GBP", "ID", "TV", "CEO",
    "ISBN", "AD", "BC", "HIV", "AIDS", "GDP", "GNP",
];

fn not_acronym(word: &str) -> bool {
    static SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| NOT_ACRONYMS.iter().copied().collect());
    SET.contains(word)
}

/// Whether `word` looks like an acronym: 2–10 letters, starts upper case, at least two
/// upper-case letters and no more lower-case than upper-case ones (`NATO`, `PfP`, `EAPC`).
pub(crate) fn is_acronym_shape(word: &str) -> bool {
    // All ASCII letters, so bytes are characters.
    let b = word.as_bytes();
    if !(2..=10).contains(&b.len()) || !b.iter().all(u8::is_ascii_alphabetic) || !b[0].is_ascii_uppercase() {
        return false;
    }
    let upper = b.iter().filter(|c| c.is_ascii_uppercase()).count();
    upper >= 2 && upper * 2 >= b.len() && !not_acronym(word)
}

/// Whether `acronym` can be read off the initials of `words` (which may contain
/// connectors and hyphenated compounds). Every non-connector part must give its initial;
/// a part may give further letters in order ("KFOR" = "Kosovo FORce"), a connector may
/// give its initial or none ("PfP" = "Partnership for Peace").
pub(crate) fn initials_match(acronym: &str, words: &[&str]) -> bool {
    let acr: Vec<char> = acronym.chars().flat_map(char::to_lowercase).collect();
    let parts: Vec<(Vec<char>, bool)> = words
        .iter()
        .flat_map(|w| {
            let connector = is_connector(w);
            w.split(['-', '/'])
                .filter(|p| !p.is_empty())
                .map(move |p| (p.chars().flat_map(char::to_lowercase).collect(), connector))
        })
        .collect();
    if acr.is_empty() || parts.is_empty() || parts.len() > 16 || acr.len() > 12 {
        return false;
    }
    let mut memo = vec![None; (acr.len() + 1) * (parts.len() + 1)];
    match_parts(&acr, 0, &parts, 0, &mut memo)
}

/// Whether `acr[a..]` can be read off `parts[p..]`; `memo` caches each `(a, p)` so the
/// search stays polynomial on long names.
fn match_parts(acr: &[char], a: usize, parts: &[(Vec<char>, bool)], p: usize, memo: &mut [Option<bool>]) -> bool {
    let slot = a * (parts.len() + 1) + p;
    if let Some(Some(known)) = memo.get(slot) {
        return *known;
    }
    let result = match_parts_uncached(acr, a, parts, p, memo);
    if let Some(m) = memo.get_mut(slot) {
        *m = Some(result);
    }
    result
}

fn match_parts_uncached(
    acr: &[char],
    a: usize,
    parts: &[(Vec<char>, bool)],
    p: usize,
    memo: &mut [Option<bool>],
) -> bool {
    let Some((part, connector)) = parts.get(p) else { return a >= acr.len() };
    if *connector && match_parts(acr, a, parts, p + 1, memo) {
        return true;
    }
    let (Some(&a0), Some(&p0)) = (acr.get(a), part.first()) else { return false };
    if a0 != p0 {
        return false;
    }
    // Consume the initial, then k further letters found in order inside the same part.
    let mut pos = 1;
    let mut next_a = a + 1;
    loop {
        if match_parts(acr, next_a, parts, p + 1, memo) {
            return true;
        }
        let Some(&next) = acr.get(next_a) else { return false };
        match part.get(pos..).and_then(|rest| rest.iter().position(|&c| c == next)) {
            Some(off) => {
                pos += off + 1;
                next_a += 1;
            }
            None => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials() {
        let yes: &[(&str, &[&str])] = &[
            ("EU", &["European", "Union"]),
            ("PfP", &["Partnership", "for", "Peace"]),
            ("UEFA", &["Union", "of", "European", "Football", "Associations"]),
            ("KFOR", &["Kosovo", "Force"]),
            ("ECB", &["European", "Central", "Bank"]),
            ("ASEAN", &["Association", "of", "Southeast", "Asian", "Nations"]),
            ("EFTA", &["European", "Free", "Trade", "Association"]),
            ("ARC", &["Anglo-Russian", "Committee"]),
            ("MNB", &["Multinational", "Brigade"]),
        ];
        for (a, w) in yes {
            assert!(initials_match(a, w), "{a} {w:?}");
        }
        let no: &[(&str, &[&str])] = &[
            ("EU", &["World", "Bank"]),
            ("ECB", &["European", "Investment", "Bank"]),
            ("UN", &["United", "Nations", "Security", "Council"]),
            ("WHO", &["the", "Council"]),
        ];
        for (a, w) in no {
            assert!(!initials_match(a, w), "{a} {w:?}");
        }
    }

    #[test]
    fn shapes() {
        assert!(is_acronym_shape("UEFA"));
        assert!(is_acronym_shape("PfP"));
        assert!(!is_acronym_shape("Paris"));
        assert!(!is_acronym_shape("AND"));
        assert!(!is_acronym_shape("A"));
        assert!(is_cap_word("Anglo-Russian"));
        assert!(!is_cap_word("EU-led"));
        assert!(!is_cap_word("council"));
        assert_eq!(name_type("Council of Europe"), BodyType::Council);
        assert_eq!(name_type("Partnership for Peace"), BodyType::Programme);
        assert_eq!(name_type("Euro-Atlantic Partnership Council"), BodyType::Council);
        assert_eq!(name_type("Memorandum of Understanding on Trade"), BodyType::Act);
        assert_eq!(name_type("WHO"), BodyType::Other);
    }
}

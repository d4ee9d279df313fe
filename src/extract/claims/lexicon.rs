//! Event words: which verb or noun forms name which [`Event`], and the small word
//! classes the claim frames need (auxiliaries, adverbs, ordinals, time units).

use super::super::{BodyType, Event, Qualifier};

/// How an event word is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// Past tense or past participle ("established", "signed", "began", "set").
    Past,
    /// Base form or present ("establish", "launch", "join"), usually after "to" or "decided to".
    Base,
    /// Gerund ("creating", "replacing").
    Gerund,
    /// A noun ("creation", "signing", "launch", "suspension").
    Noun,
}

/// The event and form of `word` (lower case), if it names an event.
pub(crate) fn event_word(word: &str) -> Option<(Event, Form)> {
    use Event::*;
    use Form::*;
    Some(match word {
        "established" | "instituted" | "formed" | "founded" | "created" | "constituted" => (Established, Past),
        "establish" | "establishes" | "create" | "creates" | "found" | "form" => (Established, Base),
        "establishing" | "creating" | "founding" | "forming" => (Established, Gerund),
        "establishment" | "creation" | "formation" | "foundation" => (Established, Noun),
        "set" => (Established, Past),
        "signed" => (Signed, Past),
        "sign" | "signs" => (Signed, Base),
        "signing" | "signature" => (Signed, Noun),
        "adopted" | "approved" | "endorsed" => (Adopted, Past),
        "adopt" | "approve" | "endorse" => (Adopted, Base),
        "adoption" | "approval" | "endorsement" => (Adopted, Noun),
        "launched" => (Launched, Past),
        "launch" | "launches" => (Launched, Base),
        "launching" => (Launched, Gerund),
        "joined" => (Joined, Past),
        "withdrew" | "left" => (Withdrew, Past),
        "withdrawal" => (Withdrew, Noun),
        "join" | "joins" => (Joined, Base),
        "joining" => (Joined, Gerund),
        "accession" | "admission" => (Joined, Noun),
        "succeeded" | "replaced" | "superseded" => (Succeeded, Past),
        "succeed" | "replace" | "supersede" => (Succeeded, Base),
        "succeeding" | "replacing" | "superseding" => (Succeeded, Gerund),
        "renamed" | "rebranded" => (Renamed, Past),
        "suspended" | "froze" | "frozen" => (Suspended, Past),
        "suspend" | "freeze" => (Suspended, Base),
        "suspending" | "freezing" => (Suspended, Gerund),
        "suspension" => (Suspended, Noun),
        "resumed" | "restored" => (Resumed, Past),
        "resume" => (Resumed, Base),
        "resuming" => (Resumed, Gerund),
        "resumption" => (Resumed, Noun),
        "opened" | "inaugurated" => (Opened, Past),
        "open" => (Opened, Base),
        "opening" | "inauguration" => (Opened, Noun),
        "closed" | "dissolved" | "abolished" | "disbanded" | "terminated" => (Closed, Past),
        "close" | "dissolve" | "abolish" | "disband" => (Closed, Base),
        "closure" | "dissolution" | "abolition" => (Closed, Noun),
        "began" | "begun" | "started" | "commenced" => (Began, Past),
        "begin" | "start" => (Began, Base),
        "beginning" => (Began, Noun),
        "deployed" => (Deployed, Past),
        "deploy" => (Deployed, Base),
        "deployment" => (Deployed, Noun),
        "met" | "convened" | "held" | "gathered" => (Met, Past),
        "meet" | "convene" => (Met, Base),
        "meeting" | "session" | "congress" => (Met, Noun),
        "reached" | "reaching" => (Outreach, Past),
        "summit" => (Summit, Noun),
        _ => return None,
    })
}

/// Whether `word` (lower case) is a form of "to be" that makes a passive.
pub(crate) fn is_be(word: &str) -> bool {
    matches!(word, "was" | "were" | "is" | "are" | "been" | "be" | "being")
}

/// Adverbs that may stand between an auxiliary and its verb, or before a verb.
pub(crate) fn is_adverb(word: &str) -> bool {
    matches!(
        word,
        "formally"
            | "officially"
            | "later"
            | "subsequently"
            | "first"
            | "also"
            | "then"
            | "finally"
            | "jointly"
            | "eventually"
            | "initially"
            | "originally"
            | "temporarily"
            | "quickly"
            | "newly"
            | "soon"
            | "only"
            | "informally"
            | "partially"
            | "partly"
            | "again"
            | "effectively"
            | "not"
            | "has"
            | "have"
            | "had"
    )
}

/// The qualifier a word expresses, if any.
pub(crate) fn qualifier(word: &str) -> Option<Qualifier> {
    Some(match word {
        "formally" | "formal" | "officially" | "official" => Qualifier::Formal,
        "informal" | "informally" => Qualifier::Informal,
        "first" | "initial" | "initially" | "inaugural" => Qualifier::First,
        "partial" | "partially" | "partly" => Qualifier::Partial,
        _ => return None,
    })
}

/// The number an ordinal word stands for ("fifth" → 5, "25th" → 25).
pub(crate) fn ordinal(word: &str) -> Option<i32> {
    if let Some(i) = crate::extract::patterns::ORDINAL_WORDS.iter().position(|w| *w == word) {
        return i32::try_from(i + 1).ok();
    }
    match word {
        "twenty-fifth" => return Some(25),
        "thirtieth" => return Some(30),
        "fortieth" => return Some(40),
        "fiftieth" => return Some(50),
        "hundredth" => return Some(100),
        _ => {}
    }
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if matches!(suffix, "st" | "nd" | "rd" | "th") { digits.parse().ok() } else { None }
}

/// A small cardinal number word ("one" → 1).
pub(crate) fn cardinal(word: &str) -> Option<i64> {
    const WORDS: [&str; 10] = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
    WORDS.iter().position(|w| *w == word).and_then(|i| i64::try_from(i + 1).ok()).or_else(|| word.parse().ok())
}

/// Whether a plural noun after a number counts time, not things ("six years").
pub(crate) fn is_time_unit(word: &str) -> bool {
    matches!(
        word,
        "years"
            | "months"
            | "weeks"
            | "days"
            | "hours"
            | "minutes"
            | "decades"
            | "centuries"
            | "year"
            | "month"
            | "day"
            | "percent"
            | "per"
            | "times"
    )
}

/// The event by which a body of this type comes into being (used for attributive
/// years and dated headings): an act is signed, a summit is held, a declaration adopted.
pub(crate) fn creation_event(kind: BodyType) -> Option<Event> {
    Some(match kind {
        BodyType::Act => Event::Signed,
        BodyType::Summit => Event::Summit,
        BodyType::Declaration => Event::Adopted,
        BodyType::Programme => Event::Launched,
        BodyType::Council
        | BodyType::Committee
        | BodyType::Office
        | BodyType::Mission
        | BodyType::Force
        | BodyType::Institution => Event::Established,
        BodyType::Other => return None,
    })
}

/// Singular lower-case form of a counted noun ("Allies" → "ally").
pub(crate) fn singular(noun: &str) -> String {
    let lower = noun.to_lowercase();
    if let Some(stem) = lower.strip_suffix("ies") {
        format!("{stem}y")
    } else if lower.ends_with("ss") {
        lower
    } else if let Some(stem) = lower.strip_suffix('s') {
        stem.to_string()
    } else {
        lower
    }
}

/// Whether a word starts with a capital letter.
pub(crate) fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Words after which a verb-looking word is a noun.
pub(crate) fn is_determiner(w: &str) -> bool {
    matches!(w, "the" | "a" | "an" | "its" | "their" | "this" | "that" | "his" | "her" | "our" | "whose")
}

/// Words that end the search for an object after a verb.
pub(crate) fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "in" | "on"
            | "at"
            | "by"
            | "during"
            | "after"
            | "following"
            | "since"
            | "from"
            | "until"
            | "within"
            | "under"
            | "before"
            | "when"
            | "which"
            | "that"
            | "who"
            | "because"
            | "as"
            | "to"
            | "for"
            | "between"
            | "but"
    )
}

/// Lower-case words that may follow a body that is the head of its noun phrase.
pub(crate) fn follows_head(w: &str) -> bool {
    w.ends_with("ed")
        || is_be(w)
        || is_adverb(w)
        || is_preposition(w)
        || event_word(w).is_some()
        || matches!(
            w,
            "and"
                | "or"
                | "of"
                | "with"
                | "over"
                | "about"
                | "against"
                | "into"
                | "through"
                | "across"
                | "around"
                | "amid"
                | "among"
                | "despite"
                | "without"
                | "via"
                | "near"
                | "beyond"
                | "toward"
                | "towards"
                | "up"
                | "out"
                | "so"
                | "yet"
                | "nor"
                | "itself"
                | "has"
                | "had"
                | "have"
                | "held"
                | "will"
                | "would"
                | "can"
                | "could"
                | "may"
                | "must"
                | "shall"
                | "should"
                | "took"
                | "made"
                | "became"
                | "remains"
                | "met"
                | "set"
                | "came"
                | "comes"
                | "entered"
                | "enters"
                | "left"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(event_word("creation"), Some((Event::Established, Form::Noun)));
        assert_eq!(event_word("table"), None);
        assert_eq!(ordinal("fifth"), Some(5));
        assert_eq!(ordinal("25th"), Some(25));
        assert_eq!(ordinal("fifty"), None);
        assert_eq!(cardinal("one"), Some(1));
        assert_eq!(singular("Allies"), "ally");
        assert_eq!(singular("countries"), "country");
        assert_eq!(singular("troops"), "troop");
    }
}

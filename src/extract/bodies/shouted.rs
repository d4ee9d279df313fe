//! Names written in capitals: `The EUROPEAN SPACE AGENCY (ESA) is …`, `The COUNCIL OF
//! THE NORDIC STATES is …`. Encyclopaedia articles print their own subject this way in
//! the opening sentence (a bold term rendered in capitals), and a sheet may shout a name
//! anywhere for emphasis.
//!
//! A run of two or more all-capital words with a head noun among them, inside a line that
//! is not all capitals (a heading or an address line is left alone), is a name. Connectors
//! (`OF`, `THE`, `FOR`, `ON`, `AND`) may stand inside the run, never at its ends. The name
//! is recorded as the document writes it elsewhere: a word the document also writes in
//! lower or mixed case is an ordinary word and is title-cased (`EUROPEAN` → `European`,
//! `OF` → `of`); a name with any other word (an acronym, a word seen only in capitals)
//! is kept as written (`ABM TREATY`).
//! So the shouted subject and its plain mentions fall into one registry entry.

use rustc_hash::FxHashMap;

use super::tokens::Token;
use super::words::{head_noun_type, is_connector};

/// Whether `t` is a word of at least two letters, all in capitals.
fn is_caps(t: &Token<'_>) -> bool {
    t.is_word() && t.text.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !t.text.chars().any(char::is_lowercase)
}

/// `word` (all capitals) as the document writes it: title case when the document writes
/// it in lower or mixed case somewhere (`ordinary`), lower case for a connector, else as is.
pub(super) fn unshout(word: &str, ordinary: &FxHashMap<String, bool>) -> String {
    let lower = word.to_lowercase();
    if is_connector(&lower) {
        return lower;
    }
    if !ordinary.contains_key(&lower) && head_noun_type(&title(&lower)).is_none() {
        return word.to_string();
    }
    // Hyphen parts are title-cased each ("ANTI-BALLISTIC" → "Anti-Ballistic").
    lower.split('-').map(title).collect::<Vec<_>>().join("-")
}

fn title(lower: &str) -> String {
    let mut chars = lower.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The words of a shouted name as the document writes them, joined by spaces.
/// A name with a word the document never writes otherwise (an acronym, a word seen only
/// in capitals) stays in capitals as a whole: half-cased names match nothing.
pub(super) fn name_of(words: &[&str], ordinary: &FxHashMap<String, bool>) -> String {
    let known = |w: &&str| {
        let lower = w.to_lowercase();
        is_connector(&lower) || ordinary.contains_key(&lower) || head_noun_type(&title(&lower)).is_some()
    };
    if words.iter().all(known) {
        words.iter().map(|w| unshout(w, ordinary)).collect::<Vec<_>>().join(" ")
    } else {
        words.join(" ")
    }
}

/// Whether a multi-word name is written all in capitals (`EUROPEAN FREE TRADE ASSOCIATION`).
pub(super) fn is_shouted_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    words.len() >= 2
        && words.iter().all(|w| !w.chars().any(char::is_lowercase))
        && words.iter().filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2).count() >= 2
}

/// The token ranges `first..=last` of shouted names among `tokens`; `caps_line(t)` tells
/// whether a token stands on an all-capitals line.
pub(super) fn runs(text: &str, tokens: &[Token<'_>], caps_line: impl Fn(&Token<'_>) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some(t) = tokens.get(i).filter(|t| is_caps(t) && !caps_line(t)) else {
            i += 1;
            continue;
        };
        if is_connector(&t.text.to_lowercase()) {
            i += 1;
            continue;
        }
        // Extend over capital words and inner connectors on the same line.
        let mut last = i;
        let mut j = i + 1;
        while let Some(n) = tokens.get(j).filter(|n| is_caps(n)) {
            if line_break_before(text, tokens, j) {
                break;
            }
            if !is_connector(&n.text.to_lowercase()) {
                last = j;
            }
            j += 1;
        }
        let words: Vec<&str> = tokens[i..=last].iter().map(|t| t.text).collect();
        let named = words.iter().filter(|w| !is_connector(&w.to_lowercase())).count() >= 2;
        let head = words.iter().any(|w| head_noun_type(&title(&w.to_lowercase())).is_some());
        if named && head {
            out.push((i, last));
        }
        i = j.max(i + 1);
    }
    out
}

/// Whether a line feed stands between tokens `j - 1` and `j`.
fn line_break_before(text: &str, tokens: &[Token<'_>], j: usize) -> bool {
    match (j.checked_sub(1).and_then(|p| tokens.get(p)), tokens.get(j)) {
        (Some(a), Some(b)) => text.get(a.span.end..b.span.start).is_none_or(|gap| gap.contains('\n')),
        _ => true,
    }
}

//! Named bodies: which councils, acts, programmes, missions, offices… a sheet names.
//!
//! Input: one [`Document`] and its sentence spans. Output: [`BodyMention`]s in document
//! order, names as written. Three rules, all over tokens of one sentence:
//!
//! 1. **Acronym definitions**, either order: `Full Name (ACR)` and `ACR (Full Name)`. The
//!    acronym must be readable off the initials of the name (connectors such as `of`,
//!    `for`, `and` may give a letter or none; a word may give further letters, as in
//!    `KFOR` = Kosovo FORce). A hyphenated or acronym qualifier just before the matched
//!    name is kept in the name (`EU-China Joint Committee (JC)`). An acronym whose first
//!    letter is the initial of an acronym earlier in the sentence may cover only the rest
//!    (`UEFA opened a Youth Office (UYO)`); the registry then links it to `UEFA Youth Office`.
//!    Inside `ACR (Full Name)` commas are allowed (`(Educational, Scientific and Cultural …)`).
//! 2. **Head-noun names**: a run of capitalised words ending in a head noun (Council,
//!    Act, Mission, Summit, University, …), optionally followed by a complement
//!    introduced by `of`/`for`/`on` (`Founding Act on Relations, Trade and Security`).
//!    Sentence-initial words that the document also writes in lower case, and function
//!    words such as `The` or `In`, never start a name.
//! 3. **Standalone acronyms** (`EAPC`, `PfP`): every acronym-shaped word outside a
//!    definition. Whether one is a body is decided corpus-wide by [`Registry`], since a
//!    sheet may use an acronym that only another sheet defines.
//!
//! What it does not do: decide which names are the same body. That is [`Registry`]'s
//! job, after every sheet has been read.

mod countries;
mod registry;
mod shouted;
pub(crate) mod tokens;
mod words;

use rustc_hash::{FxHashMap, FxHashSet};

pub use registry::{Body, NameCount, Registry, relationship_subject};
use tokens::{Token, tokenize};
pub(crate) use words::name_type;
pub(crate) use words::never_starts_name as never_starts;
use words::{head_noun_type, initials_match, is_acronym_shape, is_cap_word, is_connector, never_starts_name};

use super::{BodyMention, BodyType};
use crate::corpus::Document;
use crate::span::Span;

/// Finds the named-body mentions of `doc`; `sentences` are its sentence spans.
pub fn extract_bodies(doc: &Document, sentences: &[Span]) -> Vec<BodyMention> {
    let text = doc.text();
    let mut lower_words: FxHashSet<&str> = FxHashSet::default();
    // Every word the document writes with a lower-case letter, lower-cased ("European",
    // "press"), with whether it is ever all lower case; parts of addresses ("nato.int",
    // "un.org/en") are not words.
    let mut ordinary: FxHashMap<String, bool> = FxHashMap::default();
    let mut lower = String::new();
    for t in tokenize(text, Span::new(0, text.len())) {
        if !t.is_word() || !t.text.chars().any(char::is_lowercase) {
            continue;
        }
        if t.text.chars().next().is_some_and(char::is_lowercase) {
            lower_words.insert(t.text);
        }
        if in_address(text, t.span) {
            continue;
        }
        let all_lower = !t.text.chars().any(char::is_uppercase);
        // Lower-cased into one buffer: a key is allocated only for a word not seen before.
        lower.clear();
        lower.extend(t.text.chars().flat_map(char::to_lowercase));
        match ordinary.get_mut(lower.as_str()) {
            Some(seen) => *seen |= all_lower,
            None => {
                ordinary.insert(lower.clone(), all_lower);
            }
        }
    }
    let mut out = Vec::new();
    let mut shouted = Vec::new();
    for &sentence in sentences {
        let tokens = tokenize(text, sentence);
        let caps_lines = caps_lines(text, sentence, &tokens);
        let finder =
            Finder { text, tokens: &tokens, lower_words: &lower_words, caps_lines: &caps_lines, ordinary: &ordinary };
        out.extend(finder.find());
        shouted.extend(finder.shouted(&ordinary));
    }
    // A shouted word is a body only when the document defines it as an acronym.
    if !shouted.is_empty() {
        let defined: FxHashSet<String> =
            out.iter().filter_map(|m| m.acronym.as_ref()).map(|a| a.to_lowercase()).collect();
        out.retain(|m| m.acronym.is_some() || !shouted.contains(&m.span) || defined.contains(&m.name.to_lowercase()));
    }
    // A country is never a body (`Soviet Union`, `USSR`), unless the document defines
    // that acronym for a body (`Pacific Reef Commission (PRC)`).
    let body_acronyms: FxHashSet<String> =
        out.iter().filter(|m| !countries::is_country(&m.name)).filter_map(|m| m.acronym.clone()).collect();
    out.retain(|m| !countries::is_country(&m.name) || body_acronyms.contains(&m.name));
    out.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    out
}

/// Whether the word at `span` is part of a web or mail address ("nato.int", "un.org/en").
fn in_address(text: &str, span: Span) -> bool {
    let before = text.get(..span.start).and_then(|b| b.chars().next_back());
    let mut after = text.get(span.end..).map(str::chars).into_iter().flatten();
    let glued_dot = after.next() == Some('.') && after.next().is_some_and(char::is_alphanumeric);
    glued_dot || matches!(before, Some('.' | '/' | '@' | '_' | ':'))
}

/// The rules applied to the tokens of one sentence.
struct Finder<'a, 't> {
    text: &'a str,
    tokens: &'t [Token<'a>],
    /// Words the document writes in lower case somewhere.
    lower_words: &'t FxHashSet<&'a str>,
    /// Newline offsets inside the sentence, and for each line whether it is all capitals.
    caps_lines: &'t (Vec<usize>, Vec<bool>),
    /// Every word the document writes with a lower-case letter, lower-cased.
    ordinary: &'t FxHashMap<String, bool>,
}

/// The newline offsets of a sentence and, per line, whether it has at least three words
/// and all of them in capitals (a heading or an address line, where acronyms are words).
fn caps_lines(text: &str, sentence: Span, tokens: &[Token<'_>]) -> (Vec<usize>, Vec<bool>) {
    let newlines: Vec<usize> = text
        .get(sentence.start..sentence.end)
        .map(|s| s.match_indices('\n').map(|(i, _)| sentence.start + i).collect())
        .unwrap_or_default();
    let mut counts = vec![(0usize, true); newlines.len() + 1];
    for t in tokens.iter().filter(|t| t.is_word()) {
        let line = newlines.partition_point(|&n| n < t.span.start);
        if let Some((n, all)) = counts.get_mut(line) {
            *n += 1;
            *all &= t.text.chars().all(|c| !c.is_lowercase());
        }
    }
    (newlines, counts.into_iter().map(|(n, all)| n >= 3 && all).collect())
}

impl<'a> Finder<'a, '_> {
    fn find(&self) -> Vec<BodyMention> {
        let mut found: Vec<BodyMention> = Vec::new();
        let mut definition_parens: Vec<Span> = Vec::new();
        self.acronym_definitions(&mut found, &mut definition_parens);
        // Names in capitals ("The EUROPEAN SPACE AGENCY is …"), see `shouted`.
        for (first, last) in shouted::runs(self.text, self.tokens, |t| self.in_all_caps_run(t)) {
            let span = Span::new(self.tokens[first].span.start, self.tokens[last].span.end);
            if !found.iter().any(|d| d.span.overlaps(span)) {
                found.push(self.mention(span, None));
            }
        }
        let defined = found.len();
        for m in self.head_noun_names() {
            // A definition wins over a name it overlaps.
            if !found.iter().take(defined).any(|d| d.span.overlaps(m.span)) {
                found.push(m);
            }
        }
        let names: Vec<Span> = found.iter().map(|m| m.span).collect();
        for t in self.tokens {
            if t.is_word()
                && is_acronym_shape(t.text)
                && !names.iter().any(|s| s.overlaps(t.span))
                && !definition_parens.iter().any(|s| s.contains(t.span))
                && !self.in_all_caps_run(t)
            {
                found.push(BodyMention {
                    span: t.span,
                    name: t.text.to_string(),
                    acronym: None,
                    kind: BodyType::Other,
                });
            }
        }
        found
    }

    /// All-caps words that are ordinary words written in capitals, not acronyms: words the
    /// document also writes in lower case ("NOTE", "PRESS"), head nouns ("COUNCIL"), and
    /// words it writes in mixed case that stand next to another all-caps word ("the
    /// EUROPEAN COUNCIL").
    /// `NATO`, `UNESCO` (even where a sheet also writes `Unesco`) stay acronyms.
    fn shouted(&self, ordinary: &FxHashMap<String, bool>) -> Vec<Span> {
        let caps = |t: &Token<'_>| {
            t.is_word()
                && t.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !t.text.chars().any(char::is_lowercase)
        };
        let mut out = Vec::new();
        for (i, t) in self.tokens.iter().enumerate() {
            if !caps(t) || t.text.chars().count() < 3 {
                continue;
            }
            let lower = t.text.to_lowercase();
            let neighbour = i.checked_sub(1).and_then(|p| self.tokens.get(p)).is_some_and(caps)
                || self.tokens.get(i + 1).is_some_and(caps);
            // A head noun in capitals ("PARLIAMENT") is a word, not an acronym.
            let mut title: String = t.text.chars().take(1).collect();
            title.push_str(&lower.chars().skip(1).collect::<String>());
            if ordinary.get(&lower).is_some_and(|&all_lower| all_lower || neighbour) || head_noun_type(&title).is_some()
            {
                out.push(t.span);
            }
        }
        out
    }

    /// Whether `t` stands among capitalised words only (an all-caps heading or address line).
    fn in_all_caps_run(&self, t: &Token<'_>) -> bool {
        let (newlines, caps) = self.caps_lines;
        caps.get(newlines.partition_point(|&n| n < t.span.start)).copied().unwrap_or(false)
    }

    /// Whether token `i` can be a word of a name.
    fn name_word(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else { return false };
        t.is_word() && is_cap_word(t.text) && !(i == self.sentence_start() && self.common_at_start(t.text))
    }

    /// Whether token `i` can start a name.
    fn name_start(&self, i: usize) -> bool {
        self.name_word(i) && self.tokens.get(i).is_some_and(|t| !never_starts_name(t.text))
    }

    /// Index of the first word token of the sentence (after bullets and quotes).
    fn sentence_start(&self) -> usize {
        self.tokens.iter().position(Token::is_word).unwrap_or(0)
    }

    /// Whether a capitalised sentence-initial word is an ordinary word of the document.
    fn common_at_start(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        word.chars().skip(1).all(char::is_lowercase) && self.lower_words.contains(lower.as_str())
    }

    fn is_connector_at(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.is_word() && is_connector(t.text))
    }

    fn acronym_definitions(&self, found: &mut Vec<BodyMention>, parens: &mut Vec<Span>) {
        let toks = self.tokens;
        for i in 0..toks.len() {
            // Full Name (ACR)
            if toks[i].is_punct('(')
                && toks.get(i + 2).is_some_and(|t| t.is_punct(')'))
                && toks.get(i + 1).is_some_and(|t| t.is_word() && is_acronym_shape(t.text))
            {
                let acr = toks[i + 1].text;
                if let Some(m) = self.name_before(i, acr) {
                    parens.push(Span::new(toks[i].span.start, toks[i + 2].span.end));
                    found.push(m);
                    continue;
                }
            }
            // ACR (Full Name)
            if toks[i].is_word() && is_acronym_shape(toks[i].text) && toks.get(i + 1).is_some_and(|t| t.is_punct('(')) {
                let Some(close) = toks.iter().skip(i + 2).take(14).position(|t| t.is_punct(')')).map(|p| p + i + 2)
                else {
                    continue;
                };
                let inner = &toks[i + 2..close];
                if inner.first().is_some_and(|t| self.name_word_token(t))
                    && inner.last().is_some_and(|t| self.name_word_token(t))
                    && inner
                        .iter()
                        .all(|t| t.is_punct(',') || (t.is_word() && (is_cap_word(t.text) || is_connector(t.text))))
                {
                    let words: Vec<&str> = inner.iter().filter(|t| t.is_word()).map(|t| t.text).collect();
                    if initials_match(toks[i].text, &words) {
                        let span = Span::new(inner[0].span.start, inner[inner.len() - 1].span.end);
                        parens.push(Span::new(toks[i + 1].span.start, toks[close].span.end));
                        found.push(self.mention(span, Some(toks[i].text)));
                    }
                }
            }
        }
    }

    fn name_word_token(&self, t: &Token<'_>) -> bool {
        t.is_word() && is_cap_word(t.text) && !never_starts_name(t.text)
    }

    /// The full name that `acr` abbreviates, ending just before token `open` (a `(`).
    fn name_before(&self, open: usize, acr: &str) -> Option<BodyMention> {
        self.name_before_matching(open, acr, acr).or_else(|| {
            // An owner's initial may lead the acronym: "X opened a Trade Office (XTO)".
            // The name stays as written; the registry links it to "X Trade Office".
            let mut chars = acr.chars();
            let first = chars.next()?;
            let rest = chars.as_str();
            let owner = self
                .tokens
                .get(..open)?
                .iter()
                .any(|t| t.is_word() && is_acronym_shape(t.text) && t.text.starts_with(first) && !rest.is_empty());
            if acr.len() < 3 || !owner {
                return None;
            }
            self.name_before_matching(open, rest, acr).filter(|m| m.name.contains(' '))
        })
    }

    /// [`Self::name_before`] with the letters to match (`matching`) apart from the acronym recorded.
    fn name_before_matching(&self, open: usize, matching: &str, acr: &str) -> Option<BodyMention> {
        // The name may be followed by one lower-case generic noun: "… for Peace programme (PfP)".
        let ends: Vec<usize> = [open.checked_sub(1), open.checked_sub(2)].into_iter().flatten().collect();
        for (n, &end) in ends.iter().enumerate() {
            if n == 1
                && !self.tokens.get(end + 1).is_some_and(|t| t.is_word() && t.text.chars().all(char::is_lowercase))
            {
                continue;
            }
            if !self.name_word(end) {
                continue;
            }
            // Walk back over name words and connectors, at most 16 tokens.
            let mut start = end;
            while start > 0 && end - start < 16 {
                let prev = start - 1;
                let joins =
                    self.is_connector_at(prev) || self.tokens.get(prev).is_some_and(|t| t.is("in") || t.is("at"));
                if self.name_word(prev) || (joins && prev > 0 && self.name_word(prev - 1)) {
                    start = prev;
                } else {
                    break;
                }
            }
            // Candidate (first, last) pairs: longest name ending latest first; a trailing
            // "in Place" may be left out ("Office in Berlin (OB)").
            for last in (start..=end).rev() {
                if !self.name_word(last) {
                    continue;
                }
                for first in start..=last {
                    if !self.name_start(first) {
                        continue;
                    }
                    let words: Vec<&str> = self.tokens[first..=last].iter().map(|t| t.text).collect();
                    if initials_match(matching, &words) {
                        let trailing = &self.tokens[last + 1..=end];
                        if !trailing.is_empty() && !trailing.first().is_some_and(|t| t.is("in") || t.is("at")) {
                            continue;
                        }
                        // Keep one qualifier just before the match when it is a hyphenated
                        // compound or an acronym ("EU-China Joint Committee (JC)").
                        let mut q = first;
                        if q > start
                            && self.name_start(q - 1)
                            && self.tokens.get(q - 1).is_some_and(|t| t.text.contains('-') || is_acronym_shape(t.text))
                        {
                            q -= 1;
                        }
                        let span = Span::new(self.tokens[q].span.start, self.tokens[last].span.end);
                        return Some(self.mention(span, Some(acr)));
                    }
                }
            }
        }
        None
    }

    fn mention(&self, span: Span, acronym: Option<&str>) -> BodyMention {
        let mut name = collapse(self.text.get(span.start..span.end).unwrap_or(""));
        // A name in capitals is recorded as the document writes it elsewhere.
        if shouted::is_shouted_name(&name) {
            let words: Vec<&str> = name.split(' ').collect();
            name = shouted::name_of(&words, self.ordinary);
        }
        let kind = name_type(&name);
        BodyMention { span, name, acronym: acronym.map(str::to_string), kind }
    }

    /// Names made of capitalised words that end in a head noun, with an optional complement.
    fn head_noun_names(&self) -> Vec<BodyMention> {
        let toks = self.tokens;
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            if !self.name_start(i) {
                i += 1;
                continue;
            }
            match self.name_from(i) {
                // "Agreement on the Lake Treaty": an agreement about a named act is no
                // name of its own; the act after `on` is the name.
                Some((last, _)) if self.about_an_act(i, last).is_some() => {
                    i = self.about_an_act(i, last).unwrap_or(i + 1);
                }
                Some((last, words)) if words >= 2 => {
                    out.push(self.mention(Span::new(toks[i].span.start, toks[last].span.end), None));
                    i = last + 1;
                }
                Some(_) => i += 1,
                None => {
                    // No head noun closes a name from here: none will from a later word of
                    // the same run either, so skip the run (keeps long capitalised lines linear).
                    i += 1;
                    while self.name_word(i)
                        && toks.get(i).is_some_and(|t| !never_starts_name(t.text) && head_noun_type(t.text).is_none())
                    {
                        i += 1;
                    }
                }
            }
        }
        out
    }

    /// The last token of a head-noun name starting at `first`, and its count of
    /// capitalised words; `None` when no head noun closes a name there.
    fn name_from(&self, first: usize) -> Option<(usize, usize)> {
        #[derive(PartialEq)]
        enum State {
            /// Modifiers before any head noun.
            Pre,
            /// Just after a head noun.
            Head,
            /// Inside a complement ("of …", "on …").
            Complement,
            /// Capitalised words after a head noun, waiting for another head noun.
            PostHead,
        }
        let toks = self.tokens;
        let mut state = State::Pre;
        let mut end: Option<(usize, usize)> = None;
        let mut words = 0;
        let mut i = first;
        while let Some(t) = toks.get(i).filter(|_| i < first + 48) {
            if self.name_word(i) && !never_starts_name(t.text) {
                words += 1;
                let head = head_noun_type(t.text).is_some() && !t.text.chars().skip(1).any(char::is_uppercase);
                match state {
                    State::Complement => end = Some((i, words)),
                    _ if head => {
                        state = State::Head;
                        end = Some((i, words));
                    }
                    State::Head => state = State::PostHead,
                    _ => {}
                }
                i += 1;
                continue;
            }
            let next_is_name = |j: usize| {
                self.name_word(j) || (self.tokens.get(j).is_some_and(|t| t.is("the")) && self.name_word(j + 1))
            };
            match t.text {
                "of" | "for" | "on" if t.is_word() && next_is_name(i + 1) => {
                    match state {
                        State::Head | State::Complement => state = State::Complement,
                        // A complement before any head noun ("Heads of State"): no name here.
                        _ => return end,
                    }
                    i += if toks.get(i + 1).is_some_and(|t| t.is("the")) { 2 } else { 1 };
                }
                // In a complement "and the" may join ("… and the Elimination of …"); before
                // the head it would join two names ("NATO and the Moscow University").
                // "X of Y and the Z Court": a second name of its own after "and" ends the first.
                "and" | "&" if state == State::Complement && self.second_name_at(i + 1) => break,
                "and" | "&"
                    if (if state == State::Pre { self.name_word(i + 1) } else { next_is_name(i + 1) })
                        && state != State::Head
                        && state != State::PostHead =>
                {
                    i += if toks.get(i + 1).is_some_and(|t| t.is("the")) { 2 } else { 1 };
                }
                "," if state == State::Complement
                    && self.name_word(i + 1)
                    && toks[i + 1..].iter().take(8).any(|t| t.is("and")) =>
                {
                    i += 1;
                }
                // A plural possessive inside a name: "Players' Association".
                "'" if i > first
                    && toks.get(i - 1).is_some_and(|p| p.text.ends_with('s') && p.span.end == t.span.start)
                    && self.name_word(i + 1) =>
                {
                    i += 1;
                }
                _ => break,
            }
        }
        end
    }
}

impl Finder<'_, '_> {
    /// For a name `first..=last` of the shape `Agreement on (the) X Treaty` (one act head
    /// noun, `on`, then a name ending in an act head noun of its own): the token where the
    /// inner act's name starts.
    fn about_an_act(&self, first: usize, last: usize) -> Option<usize> {
        let toks = self.tokens;
        let is_act = |t: &Token<'_>| head_noun_type(t.text) == Some(BodyType::Act);
        if !(toks.get(first).is_some_and(is_act) && toks.get(first + 1).is_some_and(|t| t.is("on"))) {
            return None;
        }
        let inner = if toks.get(first + 2).is_some_and(|t| t.is("the")) { first + 3 } else { first + 2 };
        (inner < last && toks.get(last).is_some_and(is_act)).then_some(inner)
    }

    /// Whether the capitalised run at token `j` (after an optional `the`) holds a head noun
    /// of its own: "… of Europe and the European Court" joins two names, "… of Trade and
    /// Industry" continues one.
    fn second_name_at(&self, j: usize) -> bool {
        let mut k = if self.tokens.get(j).is_some_and(|t| t.is("the")) { j + 1 } else { j };
        while self.name_word(k) && k < j + 12 {
            if self.tokens.get(k).is_some_and(|t| head_noun_type(t.text).is_some()) {
                return true;
            }
            k += 1;
        }
        false
    }
}

/// `s` with runs of white space collapsed to one space.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;

//! Stage 5, the generic clause reader: the last stage, for the usable dates of a sentence
//! that no specific rule has claimed.
//!
//! Specific rules fire on phrasings someone has seen; on unseen text most dated sentences
//! match none of them ("X moved into the Y building in 1971", "X was hit by a crisis in
//! 1965", "Between 1952 and 1967 X held its meetings in Z"). This reader reads any such
//! clause the same way:
//!
//! 1. **The clause of the date** ([`Reader::generic_clause`]): bounded by the sentence, `;`,
//!    `:`, the parenthesis the date is in, a relative or subordinating word (`which`, `who`,
//!    `where`, `when`, `but`, `while`, `although`, …) and a coordinator that starts a second
//!    predicate (`and`/`or` with a finite verb on both sides). A parenthesis the date is not
//!    in is an aside: skipped.
//! 2. **Something happens in it**: a verb in the past tense or participle (an event word of
//!    the lexicon, a regular `-ed` form, an irregular past such as `held`, `became`, `hit`).
//!    A present tense (`X has its seat`) states no change. Clauses about a person's life
//!    (`born`, `died`), a price or a population figure, an unreal mood (`would`, `if`) and a
//!    date that only qualifies a noun (`the 1999 report`) yield nothing.
//! 3. **Its subject**, in this order: the bodies before the clause's first verb (after a
//!    fronted date or adverbial; coordinated bodies give one claim each); a pronoun or
//!    definite description there, resolved by the discourse rules; the antecedent of
//!    `which`; the subject of the clause before for a coordinated predicate (`X met in A and
//!    moved in 1971`); the body the verb acts on when the subject is a person, a state or
//!    people (`ministers boycotted the meetings of X`). A common noun as the subject (`the
//!    impasse was resolved`), a body in another clause, two readings: no claim.
//! 4. **Its event**: the lexicon's event where the verb is an event word read in its own
//!    frame (a passive, or an intransitive `met`, `began`); `held … meetings` is a meeting;
//!    anything else is [`Event::Other`], with the verb as written in [`Claim::what`].
//!
//! Confidence is low on purpose (0.15–0.42): below the cross-check's `MIN_CONFIDENCE`, so a
//! generic claim with a lexicon event can only ever support a review, and `other` claims are
//! never compared at all (they recur and have no place in the order rule).

use super::super::{Claim, Event};
use super::Reader;
use super::frames::Subject;
use super::items::{Item, ItemKind, anaphor_type};
use super::lexicon::{Form, event_word, is_adverb, is_be, is_cap, is_determiner, is_preposition};

/// A body named as the clause's subject (or the antecedent of `which`).
const NAMED: f32 = 0.42;
/// One of several coordinated bodies.
const COORDINATED: f32 = 0.4;
/// The subject of the clause before, for a coordinated predicate.
const SHARED: f32 = 0.36;
/// A pronoun or definite description, resolved by the discourse rules (times their factor).
const ANAPHOR: f32 = 0.55;
/// The body a person, a state or people acted on.
const OBJECT: f32 = 0.32;
/// Confidence factor when the verb stands far from the date.
const DISTANT: f32 = 0.9;
/// How many items the subject may span before the verb.
const MAX_SUBJECT: usize = 16;
/// How many items after the verb the object may stand.
const MAX_OBJECT: usize = 10;

/// Words that open a clause of their own: relative pronouns and subordinators.
fn opens_clause(w: &str) -> bool {
    matches!(
        w,
        "which"
            | "who"
            | "whom"
            | "whose"
            | "where"
            | "when"
            | "but"
            | "while"
            | "whereas"
            | "although"
            | "though"
            | "because"
            | "unless"
            | "whereby"
    )
}

/// Irregular past forms that say something happened (reporting and thinking verbs left out).
fn irregular_past(w: &str) -> bool {
    matches!(
        w,
        "held"
            | "became"
            | "began"
            | "begun"
            | "met"
            | "took"
            | "taken"
            | "made"
            | "gave"
            | "given"
            | "won"
            | "lost"
            | "left"
            | "came"
            | "went"
            | "brought"
            | "rose"
            | "fell"
            | "grew"
            | "led"
            | "ran"
            | "sent"
            | "spent"
            | "built"
            | "bought"
            | "sold"
            | "paid"
            | "wrote"
            | "chose"
            | "chosen"
            | "drew"
            | "fought"
            | "froze"
            | "frozen"
            | "hit"
            | "kept"
            | "laid"
            | "shut"
            | "split"
            | "struck"
            | "withdrew"
            | "withdrawn"
            | "undertook"
            | "underwent"
            | "undergone"
            | "overtook"
            | "broke"
            | "broken"
            | "set"
            | "sought"
    )
}

/// `-ed` words that are adjectives, states, intentions or reports rather than events.
fn not_an_event(w: &str) -> bool {
    matches!(
        w,
        "based"
            | "located"
            | "headquartered"
            | "seated"
            | "limited"
            | "called"
            | "named"
            | "so-called"
            | "united"
            | "related"
            | "advanced"
            | "detailed"
            | "concerned"
            | "interested"
            | "involved"
            | "associated"
            | "affiliated"
            | "linked"
            | "entitled"
            | "titled"
            | "dated"
            | "specialised"
            | "specialized"
            | "supposed"
            | "proposed"
            | "planned"
            | "scheduled"
            | "expected"
            | "intended"
            | "hoped"
            | "aimed"
            | "required"
            | "composed"
            | "considered"
            | "regarded"
            | "deemed"
            | "described"
            | "reported"
            | "stated"
            | "noted"
            | "argued"
            | "claimed"
            | "alleged"
            | "believed"
            | "estimated"
            | "used"
            | "owned"
            | "hundred"
            | "indeed"
            | "needed"
            | "allowed"
            | "tasked"
            | "charged"
            | "dedicated"
            | "committed"
            | "retrieved"
            | "accessed"
            | "archived"
            // Talk about a body is no event of it.
            | "praised"
            | "welcomed"
            | "criticised"
            | "criticized"
            | "discussed"
            | "debated"
            | "stressed"
            | "condemned"
            | "urged"
            | "asked"
            | "expressed"
            | "emphasised"
            | "emphasized"
            | "reiterated"
            | "reaffirmed"
            | "recalled"
            | "recognised"
            | "recognized"
            | "acknowledged"
            | "mentioned"
            | "cited"
            | "quoted"
            | "commended"
            | "thanked"
            | "congratulated"
    )
}

/// Whether `w` (lower case) is a past tense or participle that may say something happened.
fn past_verb(w: &str) -> bool {
    if not_an_event(w) {
        return false;
    }
    if matches!(event_word(w), Some((_, Form::Past))) || irregular_past(w) {
        return true;
    }
    // "-eed" words are mostly no past tense ("succeed", "proceed"); "agreed" is.
    let eed_ok = !w.ends_with("eed") || matches!(w, "agreed" | "decreed" | "guaranteed" | "freed");
    w.len() > 4 && w.ends_with("ed") && eed_ok && w.chars().all(|c| c.is_alphabetic() || c == '-')
}

/// Subject nouns that name people or states: they act, they are no body.
fn names_people(w: &str) -> bool {
    matches!(
        w,
        "leaders"
            | "leader"
            | "ministers"
            | "minister"
            | "president"
            | "presidents"
            | "government"
            | "governments"
            | "members"
            | "states"
            | "countries"
            | "country"
            | "heads"
            | "officials"
            | "delegates"
            | "delegation"
            | "representatives"
            | "he"
            | "she"
            | "voters"
            | "parliament"
            | "prime"
            | "chancellor"
            | "king"
            | "queen"
            | "secretary"
            | "diplomats"
            | "negotiators"
            | "citizens"
            | "people"
            | "nations"
    )
}

/// Words whose clause states a life, a price or a count, not an event of a body.
fn no_event_clause(w: &str) -> bool {
    matches!(
        w,
        "born"
            | "died"
            | "birth"
            | "death"
            | "aged"
            | "population"
            | "inhabitants"
            | "million"
            | "billion"
            | "percent"
            | "%"
            | "gdp"
            | "euro"
            | "euros"
            | "dollars"
            | "price"
            | "cost"
            | "would"
            | "could"
            | "might"
            | "should"
            | "will"
            | "shall"
            | "if"
            | "whether"
            | "possibility"
            | "proposal"
    )
}

/// A clause: an inclusive item range, and how it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Clause {
    pub lo: usize,
    pub hi: usize,
    pub opens: Opens,
}

/// How a clause opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Opens {
    /// At the start of the sentence, after `;`/`:` or inside the date's parenthesis.
    Plain,
    /// With `which`/`that` (the antecedent is the subject).
    Which,
    /// With `who`/`whom`/`whose`: about a person.
    Who,
    /// With another subordinating word (`where`, `when`, `but`, …): its own subject follows.
    Subordinate,
    /// With `and`/`or` and a verb: a second predicate of the clause before.
    SharedSubject,
    /// With `and`/`or` and a new subject.
    Coordinate,
}

/// How the subject of a clause was read.
enum Head {
    /// A body or relationship (item index, name).
    Party(usize, String),
    /// A pronoun or a definite description resolved to a body, with its confidence factor.
    Anaphor(String, f32),
    /// A person, a state or people.
    Agent,
}

impl Reader<'_, '_> {
    /// The generic claims of this sentence for its usable dates that `claimed` (the claims
    /// of the earlier rules) leaves free. Headings and citations are never read here.
    pub(super) fn generic_claims(&self, claimed: &[Claim]) -> Vec<Claim> {
        if self.items().len() > super::MAX_ITEMS || self.is_heading() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (di, item) in self.items().iter().enumerate() {
            let ItemKind::Date { index, usable: true } = item.kind else { continue };
            let at = self.doc.location(item.span.start);
            if claimed.iter().any(|c| c.line == at.line && c.column == at.column) {
                continue;
            }
            out.extend(self.generic_date(di, index));
        }
        out
    }

    /// The generic claims of date item `di`: one per subject of its clause.
    fn generic_date(&self, di: usize, index: usize) -> Vec<Claim> {
        let items = self.items();
        // "the 1999 report": the date qualifies a noun, it dates no event here.
        if self.modifies_noun(di) || self.lone_parenthesis(di) || self.opens_noun_phrase(di) {
            return Vec::new();
        }
        // "in 1999]] The X …" (a caption's date), "set 4 May as its day" (a designation).
        if items.get(di + 1).is_some_and(|n| n.is_punct(']') || n.is("as")) {
            return Vec::new();
        }
        // A reference point or a bound, not the time of an event: "since 2008", "before
        // 1919", "by 1914", "as of June 2012", "the first months of 2012".
        let before = di.checked_sub(1).and_then(|j| items.get(j));
        if before.is_some_and(|b| {
            matches!(b.lower().as_str(), "since" | "before" | "by" | "until" | "till" | "after" | "of" | "prior")
        }) {
            return Vec::new();
        }
        let clause = self.generic_clause(di);
        let words = || self.clause_items(clause).filter(|(_, it)| it.kind == ItemKind::Word);
        if words().any(|(_, it)| no_event_clause(&it.lower())) {
            return Vec::new();
        }
        let Some(v) = self.first_verb(clause) else { return Vec::new() };
        // "X joined Y in 1981, Z following in 1986": a verb with a nearer date of its own,
        // or a clause of its own in between, does not govern this one.
        let own_date_between = items
            .get(v.min(di) + 1..v.max(di))
            .unwrap_or_default()
            .iter()
            .any(|it| matches!(it.kind, ItemKind::Date { usable: true, .. }));
        if v < di && (own_date_between || self.absolute_clause_between(v, di)) {
            return Vec::new();
        }
        if self.dates_a_reference_event(v, di) {
            return Vec::new();
        }
        let Some((subjects, factor)) = self.clause_subjects(clause, v, 0) else { return Vec::new() };
        let Some(verb) = items.get(v) else { return Vec::new() };
        // "X has adopted … in 1990": a present perfect sums up; it dates no one event.
        if v.checked_sub(1).and_then(|j| items.get(j)).is_some_and(|a| a.is("has") || a.is("have")) {
            return Vec::new();
        }
        let event = self.generic_event(v);
        // "X held the chair": holding is an event only as a meeting.
        if verb.is("held") && event == Event::Other {
            return Vec::new();
        }
        let distant = if v.abs_diff(di) > 10 { DISTANT } else { 1.0 };
        let mut out = Vec::new();
        for mut subject in subjects {
            // "co-operation between A and B started": the pair's relationship, not B.
            if let Some(pair) = subject.at.and_then(|_| self.pair_before(v)) {
                (subject.name, subject.factor) = (pair, subject.factor * 0.6);
            }
            let conf = factor * subject.factor * distant;
            let Some(mut c) = self.claim(index, event, &subject, conf) else { continue };
            c.what = Some(verb.text.to_lowercase());
            // "Between 1952 and 1967 X held its meetings in Y": each end is a change.
            if let Some(end) = c.date.end() {
                let mut last = c.clone();
                last.date = crate::date::Date::point(end);
                c.date = crate::date::Date::point(c.date.start());
                out.push(c);
                out.push(last);
            } else {
                out.push(c);
            }
        }
        out
    }

    /// Whether the date at `di` is written with its article and qualifies the common noun
    /// after it (`the 11 September attacks`).
    fn opens_noun_phrase(&self, di: usize) -> bool {
        let Some(it) = self.item(di) else { return false };
        let after = self.item(di + 1);
        it.text.to_lowercase().starts_with("the ")
            && after.is_some_and(|a| {
                a.kind == ItemKind::Word && !is_cap(a.text) && !super::lexicon::follows_head(&a.lower())
            })
    }

    /// Whether the date at `di` stands alone in parentheses, or with other dates only (a
    /// person's life dates `(1920–1995)`, `joined X (1994)`): left to the specific rules.
    fn lone_parenthesis(&self, di: usize) -> bool {
        let Some((o, c)) = self.item(di).and_then(|it| it.group) else { return false };
        self.items().get(o + 1..c).unwrap_or_default().iter().all(|it| {
            matches!(it.kind, ItemKind::Date { .. } | ItemKind::Punct(_) | ItemKind::Number)
                || it.is("and")
                || it.is("to")
                || it.is("b")
                || it.is("d")
        })
    }

    /// The items of `clause` that are not in a parenthesis of their own (asides), with their indices.
    fn clause_items(&self, clause: Clause) -> impl Iterator<Item = (usize, &Item<'_>)> + '_ {
        let items = self.items();
        let own = items.get(clause.lo).and_then(|it| it.group);
        (clause.lo..=clause.hi).filter_map(move |k| {
            let it = items.get(k)?;
            let aside = it.group.is_some_and(|g| Some(g) != own && !(g.0 < clause.lo && g.1 > clause.hi));
            (!aside && !it.is_punct('(') && !it.is_punct(')')).then_some((k, it))
        })
    }

    /// Whether item `k` is a verb that may carry an event: a past tense or participle, not
    /// after a determiner (`the merged institutions`), not part of a name.
    fn verb_at(&self, k: usize) -> bool {
        let Some(it) = self.item(k) else { return false };
        if it.kind != ItemKind::Word || (k > 0 && is_cap(it.text)) {
            return false;
        }
        let w = it.lower();
        if !past_verb(&w) {
            return false;
        }
        let before = k.checked_sub(1).and_then(|j| self.item(j));
        !before.is_some_and(|b| {
            let p = b.lower();
            is_determiner(&p) || matches!(p.as_str(), "newly" | "recently" | "so" | "well")
        })
    }

    /// Whether item `k` is a finite verb or an auxiliary (for clause breaks at `and`).
    fn finite_at(&self, k: usize) -> bool {
        self.verb_at(k)
            || self.item(k).is_some_and(|it| {
                let w = it.lower();
                it.kind == ItemKind::Word && (is_be(&w) || matches!(w.as_str(), "has" | "had" | "have"))
            })
    }

    /// The clause of the date at `di` (see the module doc, step 1).
    pub(super) fn generic_clause(&self, di: usize) -> Clause {
        let items = self.items();
        let aside = |k: usize| {
            items.get(k).and_then(|it| it.group).is_some_and(|(o, c)| !(o <= di && di <= c))
                || items.get(k).is_some_and(|it| it.is_punct('(') || it.is_punct(')'))
        };
        let (mut lo, mut hi) = match items.get(di).and_then(|it| it.group) {
            Some((o, c)) => (o + 1, c.saturating_sub(1).max(o + 1)),
            None => (0, items.len().saturating_sub(1)),
        };
        let mut opens = Opens::Plain;
        // A citation mark left before the sentence (`[61] Between …`) is no part of it.
        while lo < di && items.get(lo).is_some_and(|it| matches!(it.kind, ItemKind::Punct(_) | ItemKind::Number)) {
            lo += 1;
        }
        // Hard breaks to the left: `;`, `:`, a relative or subordinating word.
        for k in (lo..di).rev() {
            if aside(k) {
                continue;
            }
            let Some(it) = items.get(k) else { continue };
            if it.is_punct(';') || it.is_punct(':') {
                lo = k + 1;
                break;
            }
            if it.kind == ItemKind::Word && opens_clause(&it.lower()) {
                lo = k;
                opens = match it.lower().as_str() {
                    "which" => Opens::Which,
                    "who" | "whom" | "whose" => Opens::Who,
                    _ => Opens::Subordinate,
                };
                break;
            }
        }
        for k in di + 1..=hi {
            if aside(k) {
                continue;
            }
            let Some(it) = items.get(k) else { continue };
            if it.is_punct(';') || it.is_punct(':') || (it.kind == ItemKind::Word && opens_clause(&it.lower())) {
                hi = k.saturating_sub(1).max(di);
                break;
            }
        }
        // `and`/`or` starts a second predicate when a verb stands on both sides of it
        // (the one after it before any further `and`).
        let coord: Vec<usize> =
            (lo..=hi).filter(|&k| !aside(k) && items.get(k).is_some_and(|it| it.is("and") || it.is("or"))).collect();
        let verb_in = |a: usize, b: usize| (a..b).any(|k| !aside(k) && self.finite_at(k));
        let splits: Vec<usize> = coord
            .iter()
            .enumerate()
            .filter(|&(n, &k)| {
                let next = coord.get(n + 1).copied().unwrap_or(hi + 1);
                verb_in(lo, k) && verb_in(k + 1, next)
            })
            .map(|(_, &k)| k)
            .collect();
        if let Some(&k) = splits.iter().rev().find(|&&k| k < di) {
            lo = k;
            // "and moved …" shares the subject; "and the Council moved …" has its own.
            let mut j = k + 1;
            while items.get(j).is_some_and(|it| is_adverb(&it.lower())) {
                j += 1;
            }
            opens = if self.finite_at(j) { Opens::SharedSubject } else { Opens::Coordinate };
        }
        if let Some(&k) = splits.iter().find(|&&k| k > di) {
            hi = k - 1;
        }
        Clause { lo, hi, opens }
    }

    /// The first verb of `clause` (after its opening word).
    fn first_verb(&self, clause: Clause) -> Option<usize> {
        let from = if clause.opens == Opens::Plain { clause.lo } else { clause.lo + 1 };
        self.clause_items(clause).map(|(k, _)| k).find(|&k| k >= from && self.verb_at(k))
    }

    /// The subjects of `clause` whose first verb is at `v`, with the confidence of how they
    /// were found (see the module doc, step 3). `None`: no subject, or no single reading.
    fn clause_subjects(&self, clause: Clause, v: usize, depth: usize) -> Option<(Vec<Subject>, f32)> {
        let items = self.items();
        let body = |name: String, at: Option<usize>| Subject { name, at, object: None, agent: None, factor: 1.0 };
        match clause.opens {
            Opens::Who => return None,
            // "the X building, which opened in 2017": the antecedent, if it is a body.
            Opens::Which => {
                let mut j = clause.lo.checked_sub(1)?;
                if items.get(j).is_some_and(|it| it.is_punct(',')) {
                    j = j.checked_sub(1)?;
                }
                let name = self.party_name(items.get(j)?)?;
                // Only when the relative clause's verb comes first: "which X joined" has its own subject.
                let between = self.clause_items(clause).filter(|(k, _)| *k > clause.lo && *k < v).count();
                return (between <= 2).then(|| (vec![body(name, Some(j))], NAMED));
            }
            // "X met in A and moved in 1971": the subject of the clause before.
            Opens::SharedSubject if depth < 3 => {
                let before = self.generic_clause(clause.lo.checked_sub(1)?);
                let v0 = self.first_verb(before)?;
                let (subjects, _) = self.clause_subjects(before, v0, depth + 1)?;
                return Some((subjects, SHARED));
            }
            Opens::SharedSubject => return None,
            _ => {}
        }
        let start = if clause.opens == Opens::Plain { clause.lo } else { clause.lo + 1 };
        let s0 = self.after_fronted(start, v)?;
        let region: Vec<usize> = self.clause_items(clause).map(|(k, _)| k).filter(|&k| k >= s0 && k < v).collect();
        if region.len() > MAX_SUBJECT {
            return None;
        }
        // Drop auxiliaries and adverbs before the verb ("has also", "was formally").
        let mut end = region.len();
        while end > 0
            && region.get(end - 1).and_then(|&k| items.get(k)).is_some_and(|it| {
                let w = it.lower();
                it.kind == ItemKind::Word && (is_be(&w) || is_adverb(&w) || w.ends_with("ly"))
            })
        {
            end -= 1;
        }
        let region = region.get(..end).unwrap_or_default();
        let junk =
            |k: &usize| items.get(*k).is_some_and(|it| matches!(it.kind, ItemKind::Punct('[' | ']' | '|' | '"')));
        if region.is_empty() || region.iter().any(junk) {
            return None;
        }
        // Conjuncts at `and`; within one, what follows a comma is an apposition.
        let mut heads: Vec<Head> = Vec::new();
        let mut unread = false;
        for part in region.split(|&k| items.get(k).is_some_and(|it| it.is("and"))) {
            let part: Vec<usize> =
                part.iter().copied().take_while(|&k| !items.get(k).is_some_and(|it| it.is_punct(','))).collect();
            match self.conjunct_head(&part) {
                Some(h) => heads.push(h),
                // "the Council and its secretariat": the body's claim stands; a common
                // noun alone is no subject.
                None => unread = true,
            }
        }
        let parties: Vec<(Subject, f32)> = heads
            .iter()
            .filter_map(|h| match h {
                Head::Party(at, name) => Some((body(name.clone(), Some(*at)), NAMED)),
                Head::Anaphor(name, f) => Some((body(name.clone(), None), ANAPHOR * f)),
                Head::Agent => None,
            })
            .collect();
        if parties.is_empty() {
            // People or a state acted: the body they acted on (never handed on to a
            // coordinated predicate: "A joined X in 1991 and left in 1995" is A's).
            if unread || heads.is_empty() || depth > 0 {
                return None;
            }
            let (at, name) = self.object_of(clause, v)?;
            return Some((vec![body(name, Some(at))], OBJECT));
        }
        let several = parties.len() > 1;
        let mut subjects = Vec::new();
        for (mut s, conf) in parties {
            s.factor = if several { conf.min(COORDINATED) } else { conf };
            subjects.push(s);
        }
        Some((subjects, 1.0))
    }

    /// The item after a fronted date or adverbial that opens the clause at `start` ("In
    /// 1971 the Council …", "Between 1952 and 1967 the Board …", "Later, the Board …").
    /// `None` when the adverbial has no clear end before the verb at `v`.
    fn after_fronted(&self, start: usize, v: usize) -> Option<usize> {
        let items = self.items();
        let first = items.get(start)?;
        let w = first.lower();
        let adverbial = first.kind == ItemKind::Word
            && (is_preposition(&w) && !matches!(w.as_str(), "which" | "that" | "who" | "when")
                || matches!(w.as_str(), "throughout" | "prior" | "also")
                || is_adverb(&w)
                || w.ends_with("ly"));
        let dated = matches!(first.kind, ItemKind::Date { .. });
        if !adverbial && !dated {
            return Some(start);
        }
        // A comma closes the adverbial.
        if let Some(k) = (start..v).find(|&k| items.get(k).is_some_and(|it| it.is_punct(','))) {
            return Some(k + 1);
        }
        // "In 1971 X …", "Between 1952 and 1967 X …": the dates close it.
        let mut k = if dated { start } else { start + 1 };
        let mut seen = false;
        while k < v {
            let it = items.get(k)?;
            if matches!(it.kind, ItemKind::Date { .. }) {
                seen = true;
            } else if !(it.is("and")
                || it.is("to")
                || it.is_punct('-')
                || it.is("the")
                || it.is("early")
                || it.is("late"))
            {
                break;
            }
            k += 1;
        }
        seen.then_some(k)
    }

    /// What one conjunct of a subject names: its head is the item before its first
    /// preposition (`the President of X` is a person), else its last item.
    fn conjunct_head(&self, part: &[usize]) -> Option<Head> {
        let items = self.items();
        let prep = |w: &str| {
            is_preposition(w) || matches!(w, "of" | "with" | "against" | "over" | "among" | "into" | "about" | "than")
        };
        let head_pos = part
            .iter()
            .position(|&k| items.get(k).is_some_and(|it| it.kind == ItemKind::Word && prep(&it.lower())))
            .map_or(part.len(), |p| p);
        let &h = part.get(head_pos.checked_sub(1)?)?;
        let it = items.get(h)?;
        if let Some(name) = self.party_name(it) {
            return (!self.is_modifier(h)).then_some(Head::Party(h, name));
        }
        if it.kind != ItemKind::Word {
            return None;
        }
        let w = it.lower();
        if w == "it" {
            // "Its office moved … but in 1955 it was housed …": `it` is the sentence's own
            // earlier subject, which is no body.
            let before = items.get(..h).unwrap_or_default();
            let own_subject = (0..h).any(|k| self.verb_at(k)) && !before.iter().any(Item::is_party);
            return if own_subject { None } else { self.pronoun(h).map(|(name, f)| Head::Anaphor(name, f)) };
        }
        if matches!(w.as_str(), "they" | "these" | "those" | "we" | "there" | "this" | "that" | "its" | "their") {
            return None;
        }
        let det = h.checked_sub(1).and_then(|j| items.get(j)).is_some_and(|d| {
            d.is("the") || d.is("this") || d.is("new") && h >= 2 && items.get(h - 2).is_some_and(|x| x.is("the"))
        });
        if det && let Some(kind) = anaphor_type(&w) {
            // "the Council": the body the discourse rules resolve it to, at their confidence.
            return self.description(&w, kind, h).map(|name| Head::Anaphor(name, 0.55));
        }
        if names_people(&w) || (is_cap(it.text) && !is_determiner(&w)) {
            return Some(Head::Agent);
        }
        None
    }

    /// The body the verb at `v` acts on: the first party after it in the clause, within
    /// reach, with no second party that is not coordinated with it.
    fn object_of(&self, clause: Clause, v: usize) -> Option<(usize, String)> {
        // The object's noun phrase: words and `of` up to the first other preposition, date,
        // punctuation or party ("boycotted all meetings of the X").
        for (k, it) in self.clause_items(clause).filter(|(k, _)| *k > v && *k <= v + MAX_OBJECT) {
            if let Some(name) = self.party_name(it) {
                return (!self.is_modifier(k)).then_some((k, name));
            }
            let w = it.lower();
            let np_word = it.kind == ItemKind::Word && (w == "of" || !is_preposition(&w)) && !past_verb(&w);
            if !np_word || w == "and" {
                return None;
            }
        }
        None
    }

    /// The event of the verb at `v`: the lexicon's where the verb is read in its own frame,
    /// a meeting for `held … meetings`, else [`Event::Other`].
    fn generic_event(&self, v: usize) -> Event {
        let Some(it) = self.item(v) else { return Event::Other };
        let w = it.lower();
        if w == "held"
            && self.items().iter().skip(v + 1).take(5).any(|n| {
                matches!(n.lower().as_str(), "meeting" | "meetings" | "session" | "sessions" | "summit" | "summits")
            })
        {
            return Event::Met;
        }
        let Some((event, Form::Past)) = event_word(&w) else { return Event::Other };
        if w == "held" && !self.is_passive(v) {
            return Event::Other;
        }
        // "X established 1 October as its day": a designation, no founding of X.
        let designates = self.item(v + 1).is_some_and(|n| matches!(n.kind, ItemKind::Date { .. }))
            && self.item(v + 2).is_some_and(|n| n.is("as"));
        if designates {
            return Event::Other;
        }
        if self.is_passive(v) {
            return event;
        }
        let intransitive = self.item(v + 1).is_none_or(|n| {
            matches!(n.kind, ItemKind::Date { .. } | ItemKind::Punct(_))
                || n.kind == ItemKind::Word && is_preposition(&n.lower())
        });
        match event {
            Event::Met | Event::FirstMeeting | Event::Began | Event::EnteredIntoForce => event,
            Event::Opened | Event::Closed | Event::Resumed | Event::Suspended if intransitive => event,
            _ => Event::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::full;
    use crate::extract::{Claim, Event};

    /// The generic claims (those with a `what`) of `text`: (subject, event, what, date).
    fn generic(text: &str) -> Vec<(String, Event, String, String)> {
        full(text)
            .into_iter()
            .filter_map(|c: Claim| c.what.clone().map(|w| (c.subject, c.event, w, c.date.to_string())))
            .collect()
    }

    fn has(text: &str, subject: &str, event: Event, date: &str) {
        let got = generic(text);
        assert!(got.iter().any(|(s, e, _, d)| s == subject && *e == event && d == date), "{text}\n  got {got:?}");
    }

    fn none(text: &str) {
        let got = generic(text);
        assert!(got.is_empty(), "{text}\n  got {got:?}");
    }

    #[test]
    fn a_body_before_the_verb_is_the_subject() {
        has("In 1971 the Rhine Shipping Board rented the Harbour Tower.", "Rhine Shipping Board", Event::Other, "1971");
        has(
            "The Alpine Chess League was hit by a doping scandal in 1983.",
            "Alpine Chess League",
            Event::Other,
            "1983",
        );
        let got = generic("The Polar Research Agency acquired the old lighthouse in 2008.");
        assert!(
            got.iter().any(|(s, _, w, d)| s == "Polar Research Agency" && w == "acquired" && d == "2008"),
            "{got:?}"
        );
    }

    #[test]
    fn a_fronted_range_dates_both_ends() {
        let text = "Between 1952 and 1967 the Baltic Ferry Council held its meetings in the Old Town Hall.";
        has(text, "Baltic Ferry Council", Event::Met, "1952");
        has(text, "Baltic Ferry Council", Event::Met, "1967");
    }

    #[test]
    fn coordinated_bodies_give_one_claim_each() {
        let text = "In 1995 the Danube Fishing Office and the Danube Pilot Board rented a hall in Linz.";
        has(text, "Danube Fishing Office", Event::Other, "1995");
        has(text, "Danube Pilot Board", Event::Other, "1995");
    }

    #[test]
    fn a_pronoun_and_a_description_take_the_body_before() {
        has(
            "The Andean Rail Council was set up by five states. In 1964 it hired its first engineers.",
            "Andean Rail Council",
            Event::Other,
            "1964",
        );
        has(
            "The Andean Rail Council was set up by five states. In 1964 the Council hired its first engineers.",
            "Andean Rail Council",
            Event::Other,
            "1964",
        );
        // The confidence of an anaphor is lower than a named subject's.
        let named = full("In 1964 the Andean Rail Council hired its first engineers.");
        let anaphor = full("The Andean Rail Council was set up by five states. In 1964 it hired its first engineers.");
        let conf = |cs: &[Claim]| cs.iter().find(|c| c.what.is_some()).map(|c| c.confidence);
        assert!(conf(&anaphor) < conf(&named), "{:?} {:?}", conf(&anaphor), conf(&named));
    }

    #[test]
    fn the_antecedent_of_which_is_the_subject() {
        has(
            "The ferries dock beside the Lakeside Ferry Office, which flooded in 1987.",
            "Lakeside Ferry Office",
            Event::Other,
            "1987",
        );
    }

    #[test]
    fn a_coordinated_predicate_shares_the_subject() {
        has(
            "The Coastal Radio Board met in Bergen in 1960 and relocated its archive to Oslo in 1972.",
            "Coastal Radio Board",
            Event::Other,
            "1972",
        );
    }

    #[test]
    fn people_acting_on_a_body_date_the_body() {
        has("In 1966 the ministers boycotted the Coastal Radio Board.", "Coastal Radio Board", Event::Other, "1966");
        // A designation names a day; the body that designates it is not founded then.
        has(
            "In 1984 the Alpine Guides Union established 2 June as Guides Day.",
            "Alpine Guides Union",
            Event::Other,
            "1984",
        );
        let cs = full("In 1984 the Alpine Guides Union established 2 June as Guides Day.");
        assert!(cs.iter().all(|c| c.event != Event::Established), "{cs:#?}");
    }

    #[test]
    fn the_clause_ends_at_a_relative_word_and_a_second_predicate() {
        // The date belongs to the second clause, whose subject is a common noun: nothing.
        none("The Coastal Radio Board met in Bergen, where the harbour flooded in 1953.");
        // A second coordinated clause with its own subject: not the first body.
        none("The Coastal Radio Board met in Bergen and the harbour flooded in 1953.");
        let got = generic(
            "The Coastal Radio Board hired divers in Bergen and the Fjord Pilot Board rented an office in Oslo in 1953.",
        );
        assert!(got.iter().all(|(s, _, _, _)| s != "Coastal Radio Board"), "{got:?}");
        assert!(got.iter().any(|(s, _, _, _)| s == "Fjord Pilot Board"), "{got:?}");
    }

    #[test]
    fn a_body_in_a_prepositional_phrase_is_no_subject() {
        // The head of "the chairman of X" is a person; the verb acts on no body: nothing.
        none("In 1977 the chairman of the Coastal Radio Board retired to Crete.");
    }

    #[test]
    fn person_dates_bare_mentions_and_figures_yield_nothing() {
        none("The Coastal Radio Board was led by Ann Berg (1920-1995), an engineer.");
        none("Ann Berg, who chaired the Coastal Radio Board, died in 1995.");
        none("The Coastal Radio Board published the 1999 report on storms.");
        none("The Coastal Radio Board counted a population of 4 million in 1990 along its coast.");
        none("The Coastal Radio Board would have moved to Oslo in 1990 if funds had allowed.");
    }

    #[test]
    fn talk_holding_a_chair_and_a_coordinated_agent_yield_nothing() {
        none("On 3 May 2001, ministers praised the Lima Harbour Board.");
        none("The Arctic Fisheries Council discussed quotas in 2013.");
        none("The Arctic Fisheries Council held the chair in 1999.");
        // The state that joined is the one that left: no claim about the body.
        let got = generic("Chile joined the Andean Water Board in 1991 and then left in 1995.");
        assert!(got.iter().all(|(_, _, _, d)| d != "1995"), "{got:?}");
        none("Chile joined the Andean Water Board in 1981, Peru and Bolivia following in 1986.");
        none("in 1999]] The Andean Water Board was praised.");
    }

    #[test]
    fn a_present_tense_states_no_event() {
        none("Since 1995 the Coastal Radio Board has its seat in Bergen.");
        none("The Coastal Radio Board has adopted many rules, among them one in 1990.");
    }

    #[test]
    fn a_reference_point_is_no_time_of_an_event() {
        none("The Coastal Radio Board raised its fees for the first time since 2008.");
        none("The Coastal Radio Board was chartered with wide powers, and had nine members by 1914.");
        none("As of 18 June 2012, the Coastal Radio Board had spent a fortune on masts.");
    }

    #[test]
    fn a_citation_yields_nothing() {
        none("Berg, A. (1999). Coastal Radio Board history. Bergen: Sea Press. Retrieved 4 May 2010.");
    }

    #[test]
    fn clause_bounds() {
        use super::super::items::itemize;
        use super::super::{Reader, discourse};
        use crate::corpus::Document;
        use crate::extract::{bodies, dates, sentences};
        let text = "The Pilot Guild met in Oslo; in 1962 it rented a hall in Bergen, which flooded in 1963.";
        let doc = Document::from_text("t.txt", text);
        let ds = dates::extract_dates_in(&doc, None, doc.register).mentions;
        let spans = sentences::sentences(doc.text());
        let bs = bodies::extract_bodies(&doc, &spans);
        let span = spans[0];
        let s = itemize(doc.text(), span, &ds, &bs);
        let topic = discourse::topic(&doc, &spans, &ds, &bs);
        let r = Reader { doc: &doc, dates: &ds, bodies: &bs, s: &s, previous: None, topic: topic.as_deref() };
        let date_at = |y: &str| s.items.iter().position(|it| it.text == y).unwrap();
        let words = |c: super::Clause| s.items[c.lo..=c.hi].iter().map(|it| it.text).collect::<Vec<_>>().join(" ");
        let c62 = r.generic_clause(date_at("1962"));
        assert_eq!(words(c62), "in 1962 it rented a hall in Bergen ,");
        let c63 = r.generic_clause(date_at("1963"));
        assert_eq!(words(c63), "which flooded in 1963 .");
        assert_eq!(c63.opens, super::Opens::Which);
    }
}

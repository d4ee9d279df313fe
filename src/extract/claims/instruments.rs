//! Stage 4c, founding instruments: an act, treaty, charter or declaration carries its date
//! to the body it establishes.
//!
//! The frames (the instrument is the clause's subject or its `under`/`by` phrase):
//! - `The 1997 Border Act established the Joint Board`, `The 1997 Border Act gave …,
//!   including by establishing the Joint Board`, `The declaration … established a new
//!   body, the Joint Board`;
//! - `Under the 2004 Treaty, the Joint Board was created`, `the Joint Board was set up
//!   under the Border Act`.
//!
//! The date is the instrument's: a bare year before its name in the same sentence, else
//! the date the same sheet gave earlier for the instrument's signing or adoption (an
//! earlier claim). Dates that nest (1997 and 27 May 1997) are one date, the finer taken;
//! two that do not (signed 1997, adopted 1999) give no claim. The date is inferred, the
//! confidence low: the text says the body came with the instrument, not when.

use super::super::{BodyType, Claim, Event};
use super::Reader;
use super::frames::Subject;
use super::items::{ItemKind, anaphor_type};
use super::lexicon::Form;
use super::trigger::Trigger;
use crate::date::Date;
use crate::span::Span;

/// Confidence with the instrument's year written before its name.
const BY_YEAR: f32 = 0.5;
/// Confidence with the date taken from an earlier claim of the sheet.
const BY_EARLIER: f32 = 0.45;

/// Whether a body of this type is an instrument that can establish a body.
fn is_instrument(kind: BodyType) -> bool {
    matches!(kind, BodyType::Act | BodyType::Declaration)
}

/// Words of a name, lower case, without a leading article and punctuation.
fn words(name: &str) -> Vec<String> {
    let mut w: Vec<String> =
        name.split(|c: char| c.is_whitespace() || c == ',').filter(|s| !s.is_empty()).map(str::to_lowercase).collect();
    if w.first().is_some_and(|f| f == "the") {
        w.remove(0);
    }
    w
}

/// Whether two names written for an instrument are the same instrument: one is a run of
/// the other's words that keeps its head noun (`Founding Act` in `the Border Founding Act
/// on Trade`), compared without case.
pub(super) fn same_instrument(a: &str, b: &str) -> bool {
    let (a, b) = (words(a), words(b));
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // One word (`Act`) names no instrument of its own.
    if short.len() < 2 {
        return false;
    }
    let head = |w: &[String]| -> Option<String> {
        let end = w.iter().position(|x| matches!(x.as_str(), "of" | "on" | "between")).unwrap_or(w.len());
        w.get(..end).and_then(|s| s.last()).cloned()
    };
    head(&short) == head(&long) && long.windows(short.len()).any(|win| win == short.as_slice())
}

/// The one date the earlier claims give for the instrument `name`'s signing or adoption:
/// the finest of dates that nest, `None` when two do not or there is none. Dates the
/// sheet itself inferred (an anniversary, `today`) are left out.
fn instrument_date<'c>(name: &str, earlier: &'c [Claim]) -> Option<&'c Claim> {
    let mut best: Option<&Claim> = None;
    for c in earlier.iter().filter(|c| {
        matches!(c.event, Event::Signed | Event::Adopted) && !c.inferred && same_instrument(&c.subject, name)
    }) {
        best = match best {
            None => Some(c),
            Some(b) if b.date.contains(&c.date) => Some(c),
            Some(b) if c.date.contains(&b.date) => Some(b),
            Some(_) => return None,
        };
    }
    best
}

impl Reader<'_, '_> {
    /// `The 1997 Border Act … established the Joint Board`, `Under the 2004 Treaty, the
    /// Joint Board was created`: the establishment dated by the instrument's year at date
    /// item `di` (which [`Self::attributive`] read as the instrument's own date).
    pub(super) fn founded_by_dated_instrument(&self, di: usize, index: usize) -> Option<Claim> {
        let ia = di + 1;
        let ItemKind::Body(b) = self.item(ia)?.kind else { return None };
        let name = self.bodies.get(b).filter(|m| is_instrument(m.kind))?.name.clone();
        let (subject, t) = self.founded_by(ia, &name)?;
        let mut c = self.claim(index, Event::Established, &subject, BY_YEAR * subject.factor)?;
        c.inferred = true;
        c.inferred_from = Some(format!("year of the {name}"));
        c.qualifiers = self.qualifiers(&t, subject.at);
        Some(c)
    }

    /// In a sentence with no date of its own: the body an instrument established, dated
    /// by the instrument's signing or adoption in `earlier` (the sheet's claims so far).
    pub(super) fn founded_by_earlier_instrument(&self, earlier: &[Claim]) -> Option<Claim> {
        let items = self.items();
        // The instrument: the first body of the sentence, or a definite description
        // (`The declaration …`, `Under the Act, …`) resolved to an earlier body.
        let mut ia = usize::from(items.first()?.is("under") || items.first()?.is("by"));
        if items.get(ia)?.is("the") {
            ia += 1;
        }
        let it = items.get(ia)?;
        let name = match it.kind {
            ItemKind::Body(b) => self.bodies.get(b).filter(|m| is_instrument(m.kind)).map(|m| m.name.clone()),
            ItemKind::Word if ia > 0 && items.get(ia - 1)?.is("the") => {
                let noun = it.lower();
                anaphor_type(&noun)
                    .filter(|k| is_instrument(*k))
                    .and_then(|k| self.description(&noun, k, ia).or_else(|| self.signed_before(earlier)))
            }
            _ => None,
        };
        let Some(name) = name else { return self.set_up_under(earlier) };
        let (subject, t) = self.founded_by(ia, &name)?;
        let source = instrument_date(&name, earlier)?;
        self.inferred_claim(&subject, &t, source, BY_EARLIER, &name)
    }

    /// The one instrument the sentence before says was signed or adopted (`On D, the
    /// states signed a charter on "Fair Fishing". The charter …`), for a description the
    /// body names do not resolve.
    fn signed_before(&self, earlier: &[Claim]) -> Option<String> {
        let prev = self.previous?;
        let (first, last) = (self.doc.location(prev.span.start).line, self.doc.location(prev.span.end).line);
        let mut names: Vec<&str> = Vec::new();
        for c in earlier.iter().rev().take_while(|c| c.line >= first) {
            if c.line <= last
                && matches!(c.event, Event::Signed | Event::Adopted)
                && !names.contains(&c.subject.as_str())
            {
                names.push(&c.subject);
            }
        }
        match names.as_slice() {
            [one] => Some((*one).to_string()),
            _ => None,
        }
    }

    /// `the Joint Board was set up under the Border Act` in a sentence with no date.
    fn set_up_under(&self, earlier: &[Claim]) -> Option<Claim> {
        let items = self.items();
        let triggers = self.triggers();
        let t = triggers.iter().find(|t| t.event == Event::Established && t.form == Form::Past && t.passive)?;
        let mut p = t.at + 1;
        if items.get(p)?.is("up") {
            p += 1;
        }
        if !(items.get(p)?.is("under") || items.get(p)?.is("by")) || !items.get(p + 1)?.is("the") {
            return None;
        }
        let ItemKind::Body(b) = items.get(p + 2)?.kind else { return None };
        let name = self.bodies.get(b).filter(|m| is_instrument(m.kind))?.name.clone();
        if self.passive_subject_is_plain_noun(t.at) {
            return None;
        }
        let (sname, at, factor) = self.party_before(t.at)?;
        if same_instrument(&sname, &name) {
            return None;
        }
        let subject = Subject { name: sname, at, object: None, agent: None, factor };
        let source = instrument_date(&name, earlier)?;
        self.inferred_claim(&subject, t, source, BY_EARLIER, &name)
    }

    /// The body established with the instrument at item `ia`, and the trigger: the
    /// object of `established`/`by establishing` when the instrument is the clause's
    /// subject, or the subject of a passive after `Under the instrument,`.
    fn founded_by(&self, ia: usize, name: &str) -> Option<(Subject, Trigger)> {
        let items = self.items();
        let prep = |j: Option<usize>| j.and_then(|j| items.get(j)).is_some_and(|x| x.is("under") || x.is("by"));
        let the = |j: Option<usize>| j.and_then(|j| items.get(j)).is_some_and(|x| x.is("the"));
        let year =
            |j: Option<usize>| j.and_then(|j| items.get(j)).is_some_and(|x| matches!(x.kind, ItemKind::Date { .. }));
        // `Under the Act,`, `Under the 2004 Act,`.
        let fronted = (the(ia.checked_sub(1)) && prep(ia.checked_sub(2)))
            || (year(ia.checked_sub(1)) && the(ia.checked_sub(2)) && prep(ia.checked_sub(3)));
        // The instrument must open its sentence (after `The`, `Under the`, a year).
        let opens = items
            .get(..ia)?
            .iter()
            .all(|x| x.is("the") || x.is("under") || x.is("by") || matches!(x.kind, ItemKind::Date { .. }));
        if !opens {
            return None;
        }
        let triggers = self.triggers();
        let t = *triggers.iter().find(|t| t.at > ia && t.event == Event::Established)?;
        // No sentence break, semicolon or other date between instrument and verb.
        let between = items.get(ia + 1..t.at)?;
        if between.iter().any(|x| matches!(x.kind, ItemKind::Punct(';' | ':' | '.') | ItemKind::Date { .. })) {
            return None;
        }
        let subject = if fronted {
            // `Under the Act, the Board was created`: a passive after the phrase's comma.
            if !t.passive || !between.iter().any(|x| x.is_punct(',')) || self.passive_subject_is_plain_noun(t.at) {
                return None;
            }
            let (sname, at, factor) = self.party_before(t.at)?;
            Subject { name: sname, at, object: None, agent: None, factor }
        } else {
            // `The Act established X`, `… including by establishing X`: an active verb
            // whose subject is the instrument; no other body acts between them.
            let active = (t.form == Form::Past && !t.passive)
                || (t.form == Form::Gerund && t.at > 0 && items.get(t.at - 1)?.is("by"));
            if !active || self.item(t.at.checked_sub(1)?).is_some_and(|x| x.is("to")) {
                return None;
            }
            // `…, and the Valley Council established X`: another body is the verb's subject.
            let mut k = t.at;
            while k > ia + 1
                && items.get(k - 1).is_some_and(|x| {
                    x.is("has") || x.is("have") || x.is("had") || super::lexicon::is_adverb(&x.lower())
                })
            {
                k -= 1;
            }
            let other_body = k > ia + 1
                && items.get(k - 1).is_some_and(|x| {
                    matches!(x.kind, ItemKind::Body(_))
                        && !self.party_name(x).is_some_and(|n| same_instrument(&n, name))
                });
            if other_body {
                return None;
            }
            let (sname, at) = self.object_after(t.at, None)?;
            Subject { name: sname, at: Some(at), object: None, agent: None, factor: 1.0 }
        };
        if same_instrument(&subject.name, name) {
            return None;
        }
        Some((subject, t))
    }

    /// A claim dated by `source` (an earlier claim), placed on the trigger `t` of this
    /// sentence and marked inferred.
    fn inferred_claim(&self, subject: &Subject, t: &Trigger, source: &Claim, conf: f32, what: &str) -> Option<Claim> {
        let mut c = self.placed_claim(subject, t.at, source.date, &source.date_text, conf * subject.factor)?;
        c.qualifiers = self.qualifiers(t, subject.at);
        c.inferred_from = Some(format!("date of the {what}, line {}", source.line));
        Some(c)
    }

    /// A claim of this sentence dated by a date it does not write: placed on item `at`
    /// (its line is the sentence's), inferred.
    pub(super) fn placed_claim(
        &self,
        subject: &Subject,
        at: usize,
        date: Date,
        date_text: &str,
        confidence: f32,
    ) -> Option<Claim> {
        let text = self.doc.text();
        let span = self.s.span;
        let anchor = self.item(at)?.span;
        let rel = |s: Span| Span::new(s.start.saturating_sub(span.start), s.end.saturating_sub(span.start));
        let location = self.doc.location(anchor.start);
        let subject_item = subject.at.and_then(|a| self.item(a));
        let subject_text = subject_item.map_or_else(|| subject.name.clone(), |it| self.written_name(it).to_string());
        Some(
            Claim::new(self.doc.id.clone(), subject.name.clone(), Event::Established, date, location)
                .written(subject_text, date_text.to_string())
                .parties(subject.agent.clone(), subject.object.clone())
                .inferred(true)
                .quoted(
                    text.get(span.start..span.end).unwrap_or("").to_string(),
                    rel(anchor),
                    subject_item.map(|it| rel(it.span)),
                )
                .confident(confidence),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{claims, has, lacks};
    use crate::extract::Event;

    #[test]
    fn names_of_one_instrument() {
        assert!(super::same_instrument("Founding Act", "the Border Founding Act on Trade and Fishing"));
        assert!(super::same_instrument("Treaty of Lugano", "Treaty of Lugano"));
        assert!(!super::same_instrument("Founding Act", "Founding Council"));
        assert!(!super::same_instrument("Act", "Single Act of Union"));
    }

    #[test]
    fn the_year_of_an_instrument_dates_the_body_it_established() {
        let text = "The 1987 Alpine Water Act gave the valleys a voice, including by establishing the Alpine Water Board (AWB) as a forum.";
        has(text, "Alpine Water Board", Event::Established, "1987");
        let active = "The 1987 Alpine Water Act established the Alpine Water Board.";
        has(active, "Alpine Water Board", Event::Established, "1987");
        let fronted = "Under the 1987 Alpine Water Act, the Alpine Water Board was created as a forum.";
        has(fronted, "Alpine Water Board", Event::Established, "1987");
        // The act's own signing stays.
        has(active, "Alpine Water Act", Event::Signed, "1987");
    }

    #[test]
    fn another_actor_or_a_purpose_is_no_founding_by_the_instrument() {
        // Another body acts between the act and the verb.
        lacks(
            "The 1987 Alpine Water Act was welcomed, and the Valley Council established the Alpine Water Board.",
            "Alpine Water Board",
        );
        // An intention is no founding.
        lacks("The 1987 Alpine Water Act aims to establish the Alpine Water Board.", "Alpine Water Board");
        // A year that is no instrument's.
        lacks("The 1987 floods established the Alpine Water Board as a necessity.", "Alpine Water Board");
    }

    #[test]
    fn an_instrument_dated_earlier_in_the_sheet_dates_the_body() {
        let text = "The Lakes Fishing Charter was signed in Geneva on 3 March 1961.\n\n\
                    Under the Lakes Fishing Charter, the Lakes Fishing Commission was created as a forum.";
        has(text, "Lakes Fishing Commission", Event::Established, "1961-03-03");
        let passive = "The Lakes Fishing Charter was signed in Geneva on 3 March 1961.\n\n\
                       The Lakes Fishing Commission was set up under the Lakes Fishing Charter.";
        has(passive, "Lakes Fishing Commission", Event::Established, "1961-03-03");
        let active = "The Lakes Fishing Charter was signed on 3 March 1961.\n\n\
                      The Lakes Fishing Charter established a new body, the Lakes Fishing Commission, to manage stocks.";
        has(active, "Lakes Fishing Commission", Event::Established, "1961-03-03");
        // A description of the instrument: `The charter` is the one named before.
        let described = "On 3 March 1961 the states signed the Lakes Fishing Charter.\n\n\
                         The charter settled old claims, and established the Lakes Fishing Commission as a forum.";
        has(described, "Lakes Fishing Commission", Event::Established, "1961-03-03");
        // A description resolved to what the sentence before says was signed.
        let signed = "On 3 March 1961 the states signed a charter on \"Fair Fishing in the Lakes\".\n\n\
                      The charter reaffirmed the aims of the Lakes Fishing Treaty, and established the Lakes Fishing Commission as a forum.";
        has(signed, "Lakes Fishing Commission", Event::Established, "1961-03-03");
        // Dates that nest are one date: the finer one.
        let nested = "The 1961 Lakes Fishing Charter opened a new era. The Lakes Fishing Charter was signed on 3 March 1961.\n\n\
                      Under the Lakes Fishing Charter, the Lakes Fishing Commission was created.";
        has(nested, "Lakes Fishing Commission", Event::Established, "1961-03-03");
    }

    #[test]
    fn no_date_when_the_sheet_dates_the_instrument_twice_or_not_at_all() {
        let twice = "The Lakes Fishing Charter was signed on 3 March 1961. The Lakes Fishing Charter was signed again in 1965.\n\n\
                     Under the Lakes Fishing Charter, the Lakes Fishing Commission was created.";
        lacks(twice, "Lakes Fishing Commission");
        let undated = "The Lakes Fishing Charter was much debated.\n\n\
                       Under the Lakes Fishing Charter, the Lakes Fishing Commission was created.";
        lacks(undated, "Lakes Fishing Commission");
        // The charter's date comes after the founding sentence: not an earlier claim.
        let later = "Under the Lakes Fishing Charter, the Lakes Fishing Commission was created.\n\n\
                     The Lakes Fishing Charter was signed on 3 March 1961.";
        lacks(later, "Lakes Fishing Commission");
        // An instrument that only mentions a body does not establish it.
        let mention = "The Lakes Fishing Charter was signed on 3 March 1961.\n\n\
                       The Lakes Fishing Charter praised the Lakes Fishing Commission.";
        lacks(mention, "Lakes Fishing Commission");
    }

    #[test]
    fn an_inferred_founding_is_low_confidence() {
        let text = "The Lakes Fishing Charter was signed on 3 March 1961.\n\n\
                    Under the Lakes Fishing Charter, the Lakes Fishing Commission was created.";
        let doc = crate::corpus::Document::from_text("t.txt", text);
        let got = crate::extract::extract(&doc).claims;
        let c = got.iter().find(|c| c.subject == "Lakes Fishing Commission").expect("a claim");
        assert!(c.inferred && c.confidence <= 0.5, "{c:?}");
        assert_eq!(c.line, 3);
        let _ = claims(text);
    }
}

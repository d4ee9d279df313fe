//! Stage 4, discourse: subjects and dates the sentence does not name itself — an anaphor
//! (`It met for the first time …`, `this forum`) resolved in the sentence before or,
//! typed, earlier in the same sentence.

use super::super::{BodyMention, BodyType, DateMention};
use super::Reader;
use super::frames::Subject;
use super::items::{ItemKind, itemize};
use super::trigger::Trigger;
use crate::corpus::Document;
use crate::span::Span;

/// The body a sheet is about: the first body of its opening sentence when that sentence
/// defines it ("The Nordic Council (NC) is a …", "The Nordic Council was …"). An
/// encyclopaedia article or a fact sheet opens this way; a sheet that does not has no topic.
pub(super) fn topic<'a>(
    doc: &Document,
    sentences: &[Span],
    dates: &[DateMention],
    bodies: &'a [BodyMention],
) -> Option<&'a str> {
    let text = doc.text();
    // The first sentence that is not a Markdown heading.
    let first = sentences.iter().find(|s| !crate::span::overlaps_any(&doc.normalized.headings, **s))?;
    let sentence = itemize(text, *first, dates, bodies);
    let at = sentence.items.iter().position(|it| !it.is("the"))?;
    let ItemKind::Body(b) = sentence.items.get(at)?.kind else { return None };
    let verb = sentence.items.get(at + 1)?;
    // "The X Council, also called …, is a …": an apposition may stand before the verb.
    let apposition = verb.is_punct(',')
        && sentence.items.iter().skip(at + 2).take(16).any(|it| it.is("is") || it.is("was") || it.is("are"));
    if verb.is("is") || verb.is("was") || verb.is("are") || apposition {
        bodies.get(b).map(|m| m.name.as_str())
    } else {
        None
    }
}

impl<'a> Reader<'a, '_> {
    /// The body an anaphor refers to: with a type, the last body of that type in the
    /// previous sentence; without, the first body of the previous sentence.
    pub(super) fn anaphor(&self, kind: Option<BodyType>, at: usize) -> Option<String> {
        // A typed anaphor may point back within the sentence ("X was approved; the programme …").
        if let Some(k) = kind {
            let mut here = self.items().get(..at).unwrap_or_default().iter().rev().filter_map(|it| match it.kind {
                ItemKind::Body(b) => self.bodies.get(b).filter(|m| m.kind == k),
                _ => None,
            });
            if let Some(m) = here.next() {
                return Some(m.name.clone());
            }
        }
        let prev = self.previous?;
        let mut bodies = prev.items.iter().filter_map(|it| match it.kind {
            ItemKind::Body(b) => self.bodies.get(b),
            _ => None,
        });
        match kind {
            None => bodies.next().map(|m| m.name.clone()),
            Some(k) => bodies.rfind(|m| m.kind == k).map(|m| m.name.clone()),
        }
    }

    /// The sheet's topic as the subject of a membership event with no object: `Estonia
    /// joined in 1996`, `Latvia became a full member in 1998`. Only when a country (a
    /// capitalised name that is no body) acted and the sentence names no body before the
    /// verb, and the date follows the verb: then the text leaves no other reading. Low confidence.
    pub(super) fn topic_subject(&self, t: &Trigger, di: usize) -> Option<Subject> {
        let topic = self.topic?;
        // "Estonia joined in 1996", not "In 1995, its neighbour, Latvia joined".
        if di < t.at {
            return None;
        }
        let agent = self.agent_before(t.at)?;
        if self.items().get(..t.at)?.iter().any(|it| it.is_party()) {
            return None;
        }
        Some(Subject { name: topic.to_string(), at: None, object: None, agent: Some(agent), factor: 0.5 })
    }

    /// The body a definite description (`the Council`, `the new Council`, `this forum`)
    /// at item `at` refers to: a body earlier in the sentence or in the one before whose
    /// name ends in the same head noun, else one of the same type (as [`Self::anaphor`]),
    /// else the sheet's topic when its name ends in that noun. Two different bodies with
    /// that head noun in the sentence before: no guess.
    pub(super) fn description(&self, noun: &str, kind: BodyType, at: usize) -> Option<String> {
        // The head noun stands before a complement: "Council of the Andean States" is a council.
        let same_head = |name: &str| {
            let head = name.split(" of ").next().unwrap_or(name);
            head.rsplit(' ').next().is_some_and(|h| h.eq_ignore_ascii_case(noun))
        };
        let here = self.items().get(..at).unwrap_or_default();
        let before = self.previous.map(|p| p.items.as_slice()).unwrap_or_default();
        let names = |items: &[super::items::Item<'_>]| -> Vec<String> {
            let mut out: Vec<String> = Vec::new();
            for it in items {
                if let ItemKind::Body(b) = it.kind
                    && let Some(m) = self.bodies.get(b)
                    && same_head(&m.name)
                    && !out.contains(&m.name)
                {
                    out.push(m.name.clone());
                }
            }
            out
        };
        if let Some(last) = names(here).pop() {
            return Some(last);
        }
        match names(before).as_slice() {
            [one] => return Some(one.clone()),
            [] => {}
            _ => return None,
        }
        if let Some(found) = self.anaphor(Some(kind), at) {
            return Some(found);
        }
        self.topic.filter(|t| same_head(t)).map(str::to_string)
    }
}

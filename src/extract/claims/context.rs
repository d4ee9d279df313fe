//! Stage 4c, dates from context: a sentence that writes no date of its own may still
//! date an event the paragraph or the sheet dates.
//!
//! - A body an instrument established takes the instrument's date (see
//!   [`instruments`](super::instruments)).
//! - `Today` anchors its paragraph: after `A new chapter was opened today in river
//!   policy.`, `The ministers have established the Delta Board.` happened the same day —
//!   only a present perfect (`has`/`have` + an event verb), only right after the sentence
//!   with `today`, in the same paragraph, and only where the sheet's own date makes
//!   `today` a date. Inferred, low confidence.

use super::super::{Claim, DateKind, Event};
use super::Reader;
use super::items::ItemKind;
use super::lexicon::Form;
use crate::span::Span;

/// Confidence of an event dated by the `today` of the sentence before.
const TODAY: f32 = 0.4;

/// Word stems of the events a sentence with no date may still be dated for: cheap to
/// test on the raw text before the sentence is itemised.
const STEMS: &[&str] =
    &["establish", "creat", "set up", "found", "formed", "instituted", "signed", "adopted", "launched"];

/// Whether the undated sentence `span` of `text` is worth itemising for context dates.
pub(super) fn worth_reading(text: &str, span: Span) -> bool {
    let Some(s) = text.get(span.start..span.end) else { return false };
    let lower = s.to_lowercase();
    STEMS.iter().any(|w| lower.contains(w))
}

/// Whether the text between two sentences (from `end` to `start`) keeps them in one
/// paragraph: no blank line, that is fewer than two line breaks.
pub(super) fn same_paragraph(text: &str, end: usize, start: usize) -> bool {
    text.get(end.min(start)..start).is_some_and(|gap| gap.matches('\n').count() < 2)
}

impl Reader<'_, '_> {
    /// The claims of a sentence with no date, dated by context.
    pub(super) fn undated_claims(&self, earlier: &[Claim]) -> Vec<Claim> {
        if self.items().len() > super::MAX_ITEMS || self.is_heading() {
            return Vec::new();
        }
        let mut out: Vec<Claim> = Vec::new();
        out.extend(self.founded_by_earlier_instrument(earlier));
        out.extend(self.after_today());
        let mut kept: Vec<Claim> = Vec::new();
        for c in out {
            if !kept.iter().any(|k| k.subject == c.subject && k.event == c.event && k.date == c.date) {
                kept.push(c);
            }
        }
        kept
    }

    /// `A new chapter was opened today in river policy. The ministers have established
    /// the Delta Board …`: the present perfect's event is dated by the `today` of the
    /// sentence before, in the same paragraph.
    fn after_today(&self) -> Option<Claim> {
        let prev = self.previous?;
        let text = self.doc.text();
        if !same_paragraph(text, prev.span.end, self.s.span.start) {
            return None;
        }
        let today = prev.items.iter().find_map(|it| match it.kind {
            ItemKind::Date { index, usable: true } => {
                let m = self.dates.get(index)?;
                let said = text.get(m.span.start..m.span.end)?.to_lowercase();
                (m.kind == DateKind::Relative && said.starts_with("today")).then_some(m)
            }
            _ => None,
        })?;
        let date = super::discourse::today(text, self.dates, today).or(today.date)?;
        let items = self.items();
        let triggers = self.triggers();
        let t = triggers.iter().find(|t| {
            t.form == Form::Past
                && !t.passive
                && t.at > 0
                && items.get(t.at - 1).is_some_and(|x| x.is("has") || x.is("have"))
                && matches!(t.event, Event::Established | Event::Signed | Event::Adopted | Event::Launched)
        })?;
        let subject = self.subject(t, t.at)?;
        let date_text = self.doc.original_slice(today.span).to_string();
        let mut c = self.placed_claim(&subject, t.at, date, &date_text, TODAY * subject.factor)?;
        c.event = t.event;
        c.qualifiers = self.qualifiers(t, subject.at);
        c.inferred_from = Some(format!("the today of line {} = {date}", self.doc.location(today.span.start).line));
        Some(c)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{has, lacks};
    use crate::extract::Event;

    const DATED: &str = "correct as of\nJune 2015\n\n";

    #[test]
    fn a_present_perfect_after_today_takes_today() {
        let text = format!(
            "{DATED}The summit of the river states in Linz on 12 June 2015 closed.\n\n\
             A new chapter was opened today in river policy. The ministers have established a new body - the Danube Delta Board - to manage floods."
        );
        has(&text, "Danube Delta Board", Event::Established, "2015-06-12");
    }

    #[test]
    fn no_today_no_paragraph_no_perfect_no_claim() {
        // No sheet date: today dates nothing.
        let undated =
            "A new chapter was opened today in river policy. The ministers have established the Danube Delta Board.";
        lacks(undated, "Danube Delta Board");
        // Another paragraph.
        let apart = format!(
            "{DATED}A new chapter was opened today in river policy.\n\nThe ministers have established the Danube Delta Board."
        );
        lacks(&apart, "Danube Delta Board");
        // A simple past tells its own time, not today's.
        let past = format!(
            "{DATED}A new chapter was opened today in river policy. The ministers established the Danube Delta Board long ago."
        );
        lacks(&past, "Danube Delta Board");
        // Two sentences on: today no longer anchors.
        let far = format!(
            "{DATED}A new chapter was opened today in river policy. Floods rose. The ministers have established the Danube Delta Board."
        );
        lacks(&far, "Danube Delta Board");
    }

    #[test]
    fn paragraphs() {
        let t = "One. Two.\nThree.\n\nFour.";
        assert!(super::same_paragraph(t, 4, 5));
        assert!(super::same_paragraph(t, 9, 10));
        assert!(!super::same_paragraph(t, 16, 18));
    }
}

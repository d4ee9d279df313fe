//! The one way to build a [`Claim`]: what every rule knows (the sheet, the subject, the
//! event, the date and where the date is written) goes to [`Claim::new`]; everything else
//! starts empty and is set by name. The confidence is rounded to hundredths here, once,
//! so that no rule stores more digits than another.
//!
//! In: the parts a rule found. Out: a [`Claim`] with subjects as written (the registry
//! makes them canonical later).

use super::{Claim, Event};
use crate::corpus::DocId;
use crate::date::Date;
use crate::span::{Location, Span};

impl Claim {
    /// A claim of `doc` that `subject` had `event` on `date`, the date written at `at`;
    /// the subject as written is `subject` itself until [`Claim::written`] says otherwise,
    /// the confidence is 1, and the rest is empty.
    pub(crate) fn new(doc: DocId, subject: String, event: Event, date: Date, at: Location) -> Claim {
        Claim {
            doc,
            subject_text: subject.clone(),
            subject,
            event,
            agent: None,
            object: None,
            date,
            date_text: String::new(),
            inferred: false,
            inferred_from: None,
            what: None,
            qualifiers: Vec::new(),
            figures: Vec::new(),
            line: at.line,
            column: at.column,
            quote: String::new(),
            quote_date: Span::new(0, 0),
            quote_subject: None,
            confidence: 1.0,
        }
    }

    /// The subject and the date as the sheet writes them.
    pub(crate) fn written(mut self, subject_text: String, date_text: String) -> Claim {
        self.subject_text = subject_text;
        self.date_text = date_text;
        self
    }

    /// Who acted and the other body (or the site) of the event.
    pub(crate) fn parties(mut self, agent: Option<String>, object: Option<String>) -> Claim {
        self.agent = agent;
        self.object = object;
        self
    }

    /// Whether the date's value was inferred from context.
    pub(crate) fn inferred(mut self, inferred: bool) -> Claim {
        self.inferred = inferred;
        self
    }

    /// The sentence, with the byte ranges of the date and of the subject within it.
    pub(crate) fn quoted(mut self, quote: String, date: Span, subject: Option<Span>) -> Claim {
        self.quote = quote;
        self.quote_date = date;
        self.quote_subject = subject;
        self
    }

    /// How sure the rule is, rounded to hundredths.
    pub(crate) fn confident(mut self, confidence: f32) -> Claim {
        self.confidence = (confidence * 100.0).round() / 100.0;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, column: u32) -> Location {
        Location { line, column }
    }

    #[test]
    fn a_new_claim_holds_what_it_was_given_and_nothing_else() {
        let date = "1977-05-04".parse::<Date>().unwrap();
        let c = Claim::new(
            DocId("ports/osprey.txt".into()),
            "Osprey Port Board".into(),
            Event::Established,
            date,
            at(7, 12),
        );
        assert_eq!(
            (c.doc.as_str(), c.subject.as_str(), c.subject_text.as_str()),
            ("ports/osprey.txt", "Osprey Port Board", "Osprey Port Board")
        );
        assert_eq!((c.event, c.date, c.line, c.column), (Event::Established, date, 7, 12));
        assert!(
            !c.inferred && c.agent.is_none() && c.object.is_none() && c.inferred_from.is_none() && c.what.is_none()
        );
        assert!(c.qualifiers.is_empty() && c.figures.is_empty() && c.quote.is_empty() && c.quote_subject.is_none());
        assert_eq!(c.confidence, 1.0);
    }

    #[test]
    fn the_named_parts_land_in_their_fields_and_confidence_is_rounded() {
        let date = "1988".parse::<Date>().unwrap();
        let quote = "The OPB was founded in 1988.".to_string();
        let c = Claim::new(DocId("a.txt".into()), "Osprey Port Board".into(), Event::Established, date, at(1, 24))
            .written("OPB".into(), "1988".into())
            .parties(Some("Harbour Guild".into()), None)
            .inferred(true)
            .quoted(quote.clone(), Span::new(23, 27), Some(Span::new(4, 7)))
            .confident(0.9 * 0.8);
        assert_eq!(
            (c.subject.as_str(), c.subject_text.as_str(), c.date_text.as_str()),
            ("Osprey Port Board", "OPB", "1988")
        );
        assert_eq!((c.agent.as_deref(), c.object.as_deref()), (Some("Harbour Guild"), None));
        assert!(c.inferred);
        assert_eq!(
            (c.quote.as_str(), c.quote_date, c.quote_subject),
            (quote.as_str(), Span::new(23, 27), Some(Span::new(4, 7)))
        );
        assert_eq!(c.confidence, 0.72, "rounded to hundredths, not 0.72000003");
        assert_eq!(
            Claim::new(DocId("b.txt".into()), "X".into(), Event::Established, date, at(1, 1))
                .confident(0.456)
                .confidence,
            0.46
        );
    }
}

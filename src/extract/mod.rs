//! Extraction: from one [`Document`] to its dates, named-body mentions and dated claims.
//!
//! Everything here is per document and pure (no I/O, no corpus-wide state), so sheets
//! are extracted in parallel and an unchanged sheet's [`Extraction`] can be cached.
//! Corpus-wide work — resolving aliases to canonical bodies — happens afterwards in
//! [`bodies::Registry`].

pub mod bodies;
mod claim;
pub mod claims;
pub mod dates;
mod inference;
pub mod patterns;
pub mod sentences;

pub use dates::{DurationUnit, Register, Timex};

use serde::{Deserialize, Serialize};

use crate::corpus::{DocId, Document};
use crate::date::{Date, Precision};
use crate::span::Span;
use crate::warning::{Warning, WarningKind};

/// What kind of temporal expression a [`DateMention`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateKind {
    /// A calendar date stated outright ("27 May 1997", "1994", "the late 1990s").
    Absolute,
    /// A range of dates ("5-6 July 1990", "from 1994 until 2014").
    Range,
    /// A date relative to another ("today", "last October", "the following year").
    Relative,
    /// The document's own date, from a header or footer ("Updated: 29-Oct-2002").
    Metadata,
    /// A length of time ("78-day", "six years"), never a calendar date.
    Duration,
    /// A recurrence ("every year", "each season"), never a calendar date.
    Set,
}

impl DateKind {
    /// Lower-case name for output.
    pub fn as_str(self) -> &'static str {
        match self {
            DateKind::Absolute => "absolute",
            DateKind::Range => "range",
            DateKind::Relative => "relative",
            DateKind::Metadata => "metadata",
            DateKind::Duration => "duration",
            DateKind::Set => "set",
        }
    }
}

/// One temporal expression found in a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    /// Where it stands in the normalised text (the whole expression, weekday and time included).
    pub span: Span,
    /// The calendar value; `None` for durations and for relative dates that could not be resolved.
    pub date: Option<Date>,
    /// What kind of expression it is.
    pub kind: DateKind,
    /// Whether any part of the value (usually the year) was inferred from context.
    pub inferred: bool,
    /// How the TIMEX3 `value` is written (a week, a quarter, `PRESENT_REF`, a duration…).
    pub timex: Timex,
}

impl DateMention {
    /// The TIMEX3 `value`: `1997-05-27`, `199`, `1998-W02`, `1998-Q1`, `PRESENT_REF`, `P6Y`.
    pub fn value(&self) -> Option<String> {
        self.timex.value(self.date)
    }

    /// The TIMEX3 type: `DURATION`, `SET`, `TIME` (a clock time on a day) or `DATE`.
    pub fn timex_type(&self) -> &'static str {
        match (self.kind, self.timex) {
            (DateKind::Duration, _) => "DURATION",
            (DateKind::Set, _) => "SET",
            (_, dates::Timex::Clock { .. }) => "TIME",
            _ => "DATE",
        }
    }

    /// The precision of the resolved value.
    pub fn precision(&self) -> Option<Precision> {
        self.date.map(|d| d.precision())
    }
}

/// The type of a named body, from its head noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BodyType {
    /// Council, Assembly, Parliament, Commission.
    Council,
    /// Act, Treaty, Agreement, Charter, Memorandum, Convention.
    Act,
    /// Programme, Program, Partnership, Initiative, Plan.
    Programme,
    /// Mission, Operation.
    Mission,
    /// Office, Agency, Centre, Division, Section, Headquarters.
    Office,
    /// Force, Brigade, Corps, Army.
    Force,
    /// Summit, Conference, Meeting.
    Summit,
    /// Declaration, Statement, Communiqué, Concept, Resolution.
    Declaration,
    /// Committee, Group, Board, Panel.
    Committee,
    /// Organisation, Alliance, University, College, Institute, Ministry, Union.
    Institution,
    /// Anything else (an acronym with no head noun known).
    Other,
}

impl BodyType {
    /// Lower-case name for output.
    pub fn as_str(self) -> &'static str {
        match self {
            BodyType::Council => "council",
            BodyType::Act => "act",
            BodyType::Programme => "programme",
            BodyType::Mission => "mission",
            BodyType::Office => "office",
            BodyType::Force => "force",
            BodyType::Summit => "summit",
            BodyType::Declaration => "declaration",
            BodyType::Committee => "committee",
            BodyType::Institution => "institution",
            BodyType::Other => "other",
        }
    }
}

/// One mention of a named body in a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BodyMention {
    /// Where the name stands in the normalised text.
    pub span: Span,
    /// The name as written, white space collapsed ("North Atlantic Cooperation Council", "NACC").
    pub name: String,
    /// When this mention defines an acronym ("… Council (NACC)" or "KFOR (Kosovo Force)"):
    /// the acronym, while `name` holds the full form.
    pub acronym: Option<String>,
    /// Type from the head noun.
    pub kind: BodyType,
}

/// The normalised event of a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Event {
    /// Created, founded, set up, established.
    Established,
    /// First session or first meeting.
    FirstMeeting,
    /// Met (a meeting that is not the first).
    Met,
    /// A party joined the subject.
    Joined,
    /// Signed.
    Signed,
    /// Adopted, approved (a declaration, a concept).
    Adopted,
    /// Launched (a programme, an initiative).
    Launched,
    /// Succeeded or replaced by another body (`object`).
    Succeeded,
    /// Took over from another body (`object`): the successor's side of a succession,
    /// said when the text makes the successor the grammatical subject ("X, which succeeded Y").
    TookOver,
    /// Renamed to another name (`object`).
    Renamed,
    /// Suspended, frozen.
    Suspended,
    /// Resumed.
    Resumed,
    /// Opened, inaugurated.
    Opened,
    /// Closed, dissolved, ended.
    Closed,
    /// Began, started (relations, cooperation).
    Began,
    /// Reached out (first outreach, overtures).
    Outreach,
    /// Deployed (forces).
    Deployed,
    /// A summit was held.
    Summit,
    /// An act (a treaty, a statute, a convention) entered into force.
    EnteredIntoForce,
    /// A party left the subject ("Portugal left EFTA").
    Withdrew,
    /// Someone (`agent`) was appointed to the subject's office; the start of a term.
    Appointed,
    /// The subject's standing changed: formalised, became an official institution, gained
    /// a status or legal personality.
    Formalised,
    /// The subject moved its seat or came to be based somewhere.
    Moved,
    /// A party (`agent`) applied to join the subject.
    Applied,
    /// The subject (a body) took a decision; a body decides many times.
    Decided,
    /// Something else happened to or was done by the subject, read by the generic clause
    /// reader: the verb or noun is in [`Claim::what`]. Never compared by the cross-check.
    Other,
}

impl Event {
    /// Kebab-case name for output.
    pub fn as_str(self) -> &'static str {
        match self {
            Event::Established => "established",
            Event::FirstMeeting => "first-meeting",
            Event::Met => "met",
            Event::Joined => "joined",
            Event::Signed => "signed",
            Event::Adopted => "adopted",
            Event::Launched => "launched",
            Event::Succeeded => "succeeded",
            Event::TookOver => "took-over",
            Event::Renamed => "renamed",
            Event::Suspended => "suspended",
            Event::Resumed => "resumed",
            Event::Opened => "opened",
            Event::Closed => "closed",
            Event::Began => "began",
            Event::Outreach => "outreach",
            Event::Deployed => "deployed",
            Event::Summit => "summit",
            Event::EnteredIntoForce => "entered-into-force",
            Event::Withdrew => "withdrew",
            Event::Appointed => "appointed",
            Event::Formalised => "formalised",
            Event::Moved => "moved",
            Event::Applied => "applied",
            Event::Decided => "decided",
            Event::Other => "other",
        }
    }
}

/// A word that changes a claim's meaning ("formally began" is not "began").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Qualifier {
    /// "formally", "formal", "officially".
    Formal,
    /// "informal", "informally".
    Informal,
    /// "first", "initial".
    First,
    /// "partially", "partial".
    Partial,
}

/// A number the text states about the subject ("the 26 Allies", "19 Allies").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Figure {
    /// The number.
    pub value: u64,
    /// The counted noun, singular and lower case ("ally", "country", "troop").
    pub noun: String,
}

/// One dated claim: a document says that `event` happened to `subject` at `date`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// The sheet that says it.
    pub doc: DocId,
    /// The canonical subject once resolved (see [`bodies::Registry`]); as written before.
    pub subject: String,
    /// The subject as written in the sentence.
    pub subject_text: String,
    /// What happened.
    pub event: Event,
    /// Who acted, where that is part of the event ("Russia" joined).
    pub agent: Option<String>,
    /// The other body of a succession or renaming, or the site of a summit.
    pub object: Option<String>,
    /// When.
    pub date: Date,
    /// The date as written in the original.
    pub date_text: String,
    /// Whether the date's value was inferred from context.
    pub inferred: bool,
    /// How an inferred value was reached, when known ("year from line 14").
    #[serde(default)]
    pub inferred_from: Option<String>,
    /// The verb or event noun as written, for a claim of the generic clause reader
    /// ("moved", "hit", "enlargement"); `None` for the specific rules.
    #[serde(default)]
    pub what: Option<String>,
    /// Words that change the claim's meaning.
    pub qualifiers: Vec<Qualifier>,
    /// Numbers stated about the subject in the same sentence.
    pub figures: Vec<Figure>,
    /// Original 1-based line of the date.
    pub line: u32,
    /// Original 1-based column (characters) of the date.
    pub column: u32,
    /// The sentence, normalised text.
    pub quote: String,
    /// Byte range of the date within `quote`.
    pub quote_date: Span,
    /// Byte range of the subject within `quote`, when the subject is written in it.
    pub quote_subject: Option<Span>,
    /// How sure the rule is that the date belongs to this subject and event, 0–1.
    pub confidence: f32,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// The document date: stated (manifest, command line) or detected from metadata.
    pub document_date: Option<Date>,
    /// How the sheet's relative and year-less dates were read.
    pub register: Register,
    /// Dates in document order.
    pub dates: Vec<DateMention>,
    /// Named-body mentions in document order.
    pub bodies: Vec<BodyMention>,
    /// Claims in document order, subjects as written (not yet canonical).
    pub claims: Vec<Claim>,
    /// Problems with the text that did not stop extraction ("31 June 1997"), in document order.
    pub warnings: Vec<Warning>,
}

/// Runs every extractor over one document.
pub fn extract(doc: &Document) -> Extraction {
    let dates = dates::extract_dates_in(doc, doc.stated_date, doc.register);
    let sentences = sentences::sentences(doc.text());
    let bodies = bodies::extract_bodies(doc, &sentences);
    let mut claims = claims::extract_claims(doc, &sentences, &dates.mentions, &bodies);
    inference::explain(doc, &dates.mentions, dates.document_date, &mut claims);
    let warnings = impossible_dates(doc, &dates.impossible);
    Extraction {
        document_date: dates.document_date,
        register: dates.register,
        dates: dates.mentions,
        bodies,
        claims,
        warnings,
    }
}

/// One warning per date as written that does not exist, at its original line and column.
pub fn impossible_dates(doc: &Document, impossible: &[dates::ImpossibleDate]) -> Vec<Warning> {
    impossible
        .iter()
        .map(|d| {
            let at = doc.location(d.span.start);
            Warning {
                doc: Some(doc.id.clone()),
                line: Some(at.line),
                column: Some(at.column),
                kind: WarningKind::ImpossibleDate,
                message: format!("impossible date \"{}\": {}", doc.original_slice(d.span), d.reason),
            }
        })
        .collect()
}

//! concord: finds what a corpus of fact sheets says happened when, and where the sheets disagree.
//!
//! The pipeline follows the data: [`corpus`] lists and reads sheets, [`normalize`]
//! cleans their text while keeping a map back to original `line:column`, [`extract`]
//! finds dates, named bodies and dated claims, [`index`] stores records and passages in
//! a tantivy index on disk for search and for incremental runs, [`check`] cross-checks
//! claims, [`baseline`] gates them for CI, and [`report`] renders the results (the
//! report, the gate and the listings, one renderer per format). [`pipeline`] runs those
//! stages (ingest, the incremental check) and returns one typed result per command;
//! [`serve`] puts the same results in a browser.
//!
//! Beside them: [`date`] and [`span`] (values and positions), [`warning`] (per-sheet
//! problems every output shows), [`error`], [`config`] (`concord.toml`), [`search`] (query
//! and glob checks), [`export`] (NDJSON passages), [`atomic`] (atomic file writes),
//! [`invariants`] (shared with the fuzz targets) and [`timing`].
//!
//! ```
//! use concord::{Document, extract::extract};
//! let doc = Document::from_text("a.txt", "The Council was established on 27 May 1997.");
//! let x = extract(&doc);
//! assert_eq!(x.dates[0].date.unwrap().to_string(), "1997-05-27");
//! ```

#![deny(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod atomic;
pub mod baseline;
pub mod check;
pub mod config;
pub mod corpus;
pub mod date;
pub mod error;
pub mod export;
pub mod extract;
pub mod index;
pub mod invariants;
pub mod normalize;
pub mod pipeline;
pub mod report;
pub mod search;
pub mod serve;
pub mod span;
pub mod timing;
pub mod warning;

pub use corpus::{DocId, Document};
pub use date::{Date, Precision};
pub use error::{Error, Result};
pub use span::{Location, Span};
pub use warning::{Warning, WarningKind};

//! Warnings: a problem with one sheet that did not stop the run.
//!
//! Two stages raise them and every output shows them, so the type has its own file.
//! Extraction raises [`WarningKind::ImpossibleDate`] for a date as written that does not
//! exist ("31 June 1997", "1997-06-31", "31/06/1997"); it is stored with the sheet in the
//! index, so a warm run shows it as the cold one did. Ingest raises [`WarningKind::Unreadable`] for a sheet it could
//! not read (no permission, not text, too large), which is then left out of every result.
//! A warning never changes the verdict of `check`; whether an unreadable sheet fails the
//! run is the binary's call (`--skip-invalid`).

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::corpus::DocId;
use crate::error::Error;

/// What a warning is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum WarningKind {
    /// The sheet could not be read or is not text; it is left out of every result.
    Unreadable,
    /// A date as written that does not exist ("31 June 1997"); it gives no value.
    ImpossibleDate,
}

impl WarningKind {
    /// Kebab-case name, as in JSON and as the SARIF rule id.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningKind::Unreadable => "unreadable",
            WarningKind::ImpossibleDate => "impossible-date",
        }
    }

    /// One sentence on what the warning means, for SARIF rule descriptions.
    pub fn description(self) -> &'static str {
        match self {
            WarningKind::Unreadable => "A sheet could not be read or is not text; it is left out of every result.",
            WarningKind::ImpossibleDate => {
                "A date as written does not exist (a day past the end of its month); it gives no value."
            }
        }
    }
}

impl fmt::Display for WarningKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A problem with one sheet that did not stop the run. Sorted by sheet, then position.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Warning {
    /// The sheet (corpus-relative; for a folder that could not be read, its relative path).
    pub doc: Option<DocId>,
    /// 1-based line in the original file, when known.
    pub line: Option<u32>,
    /// 1-based column in characters, when known.
    pub column: Option<u32>,
    /// What it is about.
    pub kind: WarningKind,
    /// What is wrong, lower case, no final period, without the sheet's name.
    pub message: String,
}

impl Warning {
    /// The warning for a file or folder under the corpus `root` that could not be read
    /// (found while scanning): named relative to `root` when it lies there.
    pub fn unreadable(root: &Path, error: &Error) -> Warning {
        let doc = error_path(error).map(|p| {
            let rel = p.strip_prefix(root).unwrap_or(p);
            DocId(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
        });
        Warning::of_error(doc, error)
    }

    /// The warning for the sheet `id` that could not be read or decoded: invalid UTF-8 and
    /// NUL bytes give the line they are on.
    pub fn unreadable_sheet(id: &DocId, error: &Error) -> Warning {
        Warning::of_error(Some(id.clone()), error)
    }

    fn of_error(doc: Option<DocId>, error: &Error) -> Warning {
        let (line, message) = match error {
            Error::Read { source, .. } => (None, format!("cannot read: {source}")),
            Error::InvalidUtf8 { line, offset, .. } => {
                (Some(*line), format!("invalid UTF-8 at byte offset {offset}; sheet left out"))
            }
            Error::Binary { line, offset, .. } => {
                (Some(*line), format!("binary file (NUL byte at offset {offset}), not a text sheet"))
            }
            Error::Parse { message, source: None, .. } => (None, message.clone()),
            other => (None, other.full_message()),
        };
        // A message that names no file keeps the error's own words, path included.
        let message = if doc.is_none() { error.full_message() } else { message };
        Warning { doc, line, column: None, kind: WarningKind::Unreadable, message }
    }

    /// `doc:line:column`, as far as known; empty when the warning names no sheet.
    pub fn position(&self) -> String {
        let Some(doc) = &self.doc else { return String::new() };
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{doc}:{l}:{c}"),
            (Some(l), None) => format!("{doc}:{l}"),
            _ => doc.to_string(),
        }
    }

    /// Whether the sheet was left out of the results (it could not be read).
    pub fn is_unreadable(&self) -> bool {
        self.kind == WarningKind::Unreadable
    }
}

/// The file a per-file error is about.
fn error_path(error: &Error) -> Option<&Path> {
    match error {
        Error::Read { path, .. }
        | Error::InvalidUtf8 { path, .. }
        | Error::Binary { path, .. }
        | Error::Parse { path, source: None, .. } => Some(path),
        _ => None,
    }
}

/// `doc:line:column: message`, or the message alone when no sheet is named.
impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.doc {
            Some(_) => write!(f, "{}: {}", self.position(), self.message),
            None => f.write_str(&self.message),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn an_unreadable_sheet_is_named_relative_to_the_corpus_with_its_line() {
        let root = Path::new("/data/sheets");
        let e = Error::InvalidUtf8 { path: PathBuf::from("/data/sheets/a/b.txt"), line: 3, offset: 17 };
        let w = Warning::unreadable(root, &e);
        assert_eq!(w.doc, Some(DocId("a/b.txt".into())));
        assert_eq!(w.line, Some(3));
        assert_eq!(w.kind, WarningKind::Unreadable);
        assert_eq!(w.to_string(), "a/b.txt:3: invalid UTF-8 at byte offset 17; sheet left out");
        let e = Error::Read {
            path: PathBuf::from("/data/sheets/c.txt"),
            source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        };
        let w = Warning::unreadable(root, &e);
        assert_eq!(w.position(), "c.txt");
        assert!(w.message.starts_with("cannot read: "), "{}", w.message);
        assert!(w.is_unreadable());
    }

    #[test]
    fn a_file_outside_the_corpus_keeps_its_path() {
        let e = Error::Binary { path: PathBuf::from("elsewhere/x.txt"), line: 1, offset: 0 };
        let w = Warning::unreadable(Path::new("/data/sheets"), &e);
        assert_eq!(w.doc, Some(DocId("elsewhere/x.txt".into())));
        assert!(w.to_string().starts_with("elsewhere/x.txt:1: binary file"), "{w}");
        // A sheet named on the command line keeps the id it was given.
        let w = Warning::unreadable_sheet(&DocId("given/x.txt".into()), &e);
        assert_eq!(w.to_string(), "given/x.txt:1: binary file (NUL byte at offset 0), not a text sheet");
        // An error about no one file keeps its own words.
        let w = Warning::unreadable(Path::new("/data"), &Error::Invalid("odd".into()));
        assert_eq!((w.doc.clone(), w.to_string()), (None, "odd".to_string()));
    }

    #[test]
    fn warnings_sort_by_sheet_then_position() {
        let w = |doc: &str, line: u32| Warning {
            doc: Some(DocId(doc.into())),
            line: Some(line),
            column: Some(1),
            kind: WarningKind::ImpossibleDate,
            message: "m".into(),
        };
        let mut ws = [w("b.txt", 1), w("a.txt", 9), w("a.txt", 2)];
        ws.sort();
        let order: Vec<String> = ws.iter().map(Warning::position).collect();
        assert_eq!(order, ["a.txt:2:1", "a.txt:9:1", "b.txt:1:1"]);
    }
}

//! The library's one error type.
//!
//! Every variant names what a caller can act on and carries the path or value
//! involved; the underlying cause is kept as `source`, never stringified.

use std::path::PathBuf;

/// Everything that can make a concord operation fail.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The corpus directory does not exist or is not a directory.
    #[error("corpus {path} is not a readable directory")]
    CorpusNotDir {
        /// The path given as the corpus.
        path: PathBuf,
    },
    /// The corpus holds no `.txt` or `.md` sheet.
    #[error("corpus {path} contains no sheets (.txt or .md files)")]
    EmptyCorpus {
        /// The corpus root.
        path: PathBuf,
    },
    /// A sheet or another input file could not be read.
    #[error("cannot read {path}")]
    Read {
        /// The file that failed.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A sheet is not valid UTF-8.
    #[error("{path}: invalid UTF-8 at byte offset {offset}")]
    InvalidUtf8 {
        /// The file that failed.
        path: PathBuf,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// A sheet looks binary (contains NUL bytes).
    #[error("{path}: binary file (NUL byte at offset {offset}), not a text sheet")]
    Binary {
        /// The file that failed.
        path: PathBuf,
        /// Byte offset of the first NUL.
        offset: usize,
    },
    /// A file could not be written.
    #[error("cannot write {path}")]
    Write {
        /// The file that failed.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A configuration, manifest or baseline file is malformed.
    #[error("{path}: {message}")]
    Parse {
        /// The file that failed.
        path: PathBuf,
        /// What is wrong, with line and column where known.
        message: String,
    },
    /// The index directory cannot be used.
    #[error("index {path}: {message}")]
    Index {
        /// The index directory.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// Another concord process holds the index lock.
    #[error("index {path} is locked by another concord process ({holder}); waited {waited_secs} s")]
    IndexLocked {
        /// The index directory.
        path: PathBuf,
        /// Who holds the lock, as recorded in the lock file.
        holder: String,
        /// How long this process waited.
        waited_secs: u64,
    },
    /// A search query could not be parsed.
    #[error("invalid query {query:?}: {message}")]
    Query {
        /// The query text.
        query: String,
        /// The parser's message.
        message: String,
    },
    /// An argument value is invalid.
    #[error("{0}")]
    Invalid(String),
    /// A git command needed by `--changed-since` failed.
    #[error("git: {0}")]
    Git(String),
    /// `git` could not be started for `--changed-since`.
    #[error("--changed-since needs git on the PATH")]
    GitMissing {
        /// Why it could not be started.
        #[source]
        source: std::io::Error,
    },
    /// A timeline was asked for a body no claim is about.
    #[error("no claim is about {name:?} (try `concord bodies` for the known names)")]
    NoClaimAbout {
        /// The name asked for.
        name: String,
    },
}

/// `Result` with [`Error`] as the default error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Wraps a tantivy error for the index at `path`.
    pub(crate) fn index(path: &std::path::Path, err: impl std::fmt::Display) -> Self {
        Error::Index { path: path.to_path_buf(), message: err.to_string() }
    }
}

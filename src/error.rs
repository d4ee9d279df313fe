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
    #[error("{path}:{line}: invalid UTF-8 at byte offset {offset}")]
    InvalidUtf8 {
        /// The file that failed.
        path: PathBuf,
        /// 1-based line of the first invalid sequence.
        line: u32,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// A sheet looks binary (contains NUL bytes).
    #[error("{path}:{line}: binary file (NUL byte at offset {offset}), not a text sheet")]
    Binary {
        /// The file that failed.
        path: PathBuf,
        /// 1-based line of the first NUL.
        line: u32,
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
        /// What is wrong; the parser's own detail (line and column) is in `source` when a
        /// parser reported it.
        message: String,
        /// The parser's error, when one reported the problem.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    /// The index directory cannot be used.
    #[error("index {path}: {message}")]
    Index {
        /// The index directory.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The search engine failed on the index (an I/O error, a damaged or foreign file).
    /// [`Error::needs_rebuild`] tells a damaged index from a disk that refuses to write.
    #[error("index {path}")]
    Engine {
        /// The index directory.
        path: PathBuf,
        /// The engine's error.
        #[source]
        source: tantivy::TantivyError,
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
    #[error("invalid query {query:?}")]
    Query {
        /// The query text.
        query: String,
        /// The query parser's error.
        #[source]
        source: tantivy::query::QueryParserError,
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
    /// A problem concord itself found in the index at `path` (a damaged record, a missing
    /// column): the index is unusable as it is and is rebuilt from the corpus.
    pub(crate) fn index(path: &std::path::Path, err: impl std::fmt::Display) -> Self {
        Error::Index { path: path.to_path_buf(), message: err.to_string() }
    }

    /// Wraps a search-engine error for the index at `path`, keeping it as the source.
    pub(crate) fn engine(path: &std::path::Path, source: tantivy::TantivyError) -> Self {
        Error::Engine { path: path.to_path_buf(), source }
    }

    /// Whether this error says the index's files are of another version or format, or
    /// damaged, so that deleting the index and rebuilding it from the corpus is the cure.
    /// Never true for an I/O error of the machine (a full disk, a permission refused, a
    /// read-only file system): rebuilding would delete a good index and fail the same way.
    pub fn needs_rebuild(&self) -> bool {
        match self {
            Error::Index { .. } => true,
            Error::Engine { source, .. } => engine_format_error(source),
            _ => false,
        }
    }

    /// The message with every cause after it, `outer: cause: cause`, for callers that show
    /// an error on one line without `anyhow` (the web pages).
    pub fn full_message(&self) -> String {
        let mut out = self.to_string();
        let mut cause = std::error::Error::source(self);
        while let Some(c) = cause {
            out.push_str(": ");
            out.push_str(&c.to_string());
            cause = c.source();
        }
        out
    }
}

/// Whether a tantivy error is about the index's files themselves (format, version,
/// damage, a file missing or cut short) rather than the machine refusing an operation.
pub(crate) fn engine_format_error(e: &tantivy::TantivyError) -> bool {
    use tantivy::TantivyError as T;
    use tantivy::directory::error::OpenReadError;
    match e {
        T::DataCorruption(_)
        | T::IncompatibleIndex(_)
        | T::SchemaError(_)
        | T::FieldNotFound(_)
        | T::DeserializeError(_)
        | T::OpenReadError(OpenReadError::FileDoesNotExist(_) | OpenReadError::IncompatibleIndex(_)) => true,
        T::IoError(io) => damaged_file(io),
        T::OpenReadError(OpenReadError::IoError { io_error, .. }) => damaged_file(io_error),
        _ => false,
    }
}

/// An I/O error that means a file is cut short or malformed, not that the machine refused.
fn damaged_file(io: &std::io::Error) -> bool {
    matches!(io.kind(), std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::InvalidData)
}

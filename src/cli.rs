//! Command-line definitions (clap). Declared only by `main.rs`; the library never sees clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// concord: find what fact sheets say happened when, and where they disagree.
///
/// Exit status: 0 success (for `check`: no new finding; for `report`: no finding),
/// 1 findings, 2 error.
#[derive(Debug, Parser)]
#[command(name = "concord", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command accepts.
#[derive(Debug, Args)]
pub struct Global {
    /// Corpus directory (.txt and .md sheets, nested folders).
    #[arg(long, global = true, default_value = "corpus", value_name = "DIR")]
    pub corpus: PathBuf,
    /// Index directory (build output; safe to delete).
    #[arg(long, global = true, default_value = "index", value_name = "DIR")]
    pub index: PathBuf,
    /// Configuration file [default: ./concord.toml if present].
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// When to use colour.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print only results and errors (no summary lines, no progress bar).
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Leave out sheets that cannot be read or decoded instead of failing the run.
    #[arg(long, global = true)]
    pub skip_invalid: bool,
    /// Seconds to wait for another concord process holding the index lock.
    #[arg(long, global = true, default_value_t = 30, value_name = "SECS")]
    pub lock_timeout: u64,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when standard output is a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Output of the listing commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Human-readable lines.
    Text,
    /// JSON Lines: one object per line.
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build or update the index (only new and changed sheets are read).
    Index,
    /// Full-text search over the sheets' passages (tantivy query syntax, BM25).
    Search(SearchArgs),
    /// List every date in the corpus (or the given sheets), in document order.
    Dates(DatesArgs),
    /// List the named bodies: canonical name, aliases, type, mentions.
    Bodies(FormatArg),
    /// List every dated claim.
    Claims(FormatArg),
    /// The claims about one body (any alias) or all, merged across sheets in date order.
    Timeline(TimelineArgs),
    /// The discrepancy report: where the sheets disagree, with every source quoted.
    Report(ReportArgs),
    /// CI gate: fail on findings not accepted by the baseline.
    Check(CheckArgs),
    /// Export passages with their dates, bodies and claims for a distributed search engine.
    Export(ExportArgs),
    /// Browse the corpus, findings and chronology in a local web UI (127.0.0.1 only, read-only).
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Port on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 8017, value_name = "N")]
    pub port: u16,
    /// Open the UI in the default browser.
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Only this body (canonical name, full name, short name or acronym).
    pub body: Option<String>,
    /// text, markdown, json or html.
    #[arg(long, default_value = "text", value_name = "FORMAT")]
    pub format: concord::report::Format,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// text, markdown, json or html.
    #[arg(long, default_value = "text", value_name = "FORMAT")]
    pub format: concord::report::Format,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Baseline of accepted findings [default: check.baseline in concord.toml, else concord-baseline.json].
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write the baseline from the current findings (existing reasons are kept) and exit 0.
    #[arg(long)]
    pub update_baseline: bool,
    /// Also fail on stale baseline entries (accepted findings that no longer occur).
    #[arg(long)]
    pub strict: bool,
    /// Lowest severity that fails the gate: conflict or review [default: conflict].
    #[arg(long, value_name = "SEVERITY")]
    pub fail_on: Option<concord::check::Severity>,
    /// Put findings that involve sheets changed since this git revision first, and mark them.
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// text, json, github (workflow commands) or sarif (SARIF 2.1.0).
    #[arg(long, default_value = "text", value_name = "FORMAT")]
    pub format: concord::report::GateFormat,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format (NDJSON: one object per passage).
    #[arg(long, value_enum, default_value_t = ExportFormat::Ndjson)]
    pub format: ExportFormat,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Newline-delimited JSON, one passage per line.
    Ndjson,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Query: terms, "phrases", AND/OR/NOT, +/-, field:value (fields: text, title).
    pub query: String,
    /// Most hits to show.
    #[arg(long, default_value = "10", value_name = "N")]
    pub limit: std::num::NonZeroUsize,
    /// Only sheets whose corpus-relative path matches this glob (repeatable).
    #[arg(long = "doc", value_name = "GLOB")]
    pub docs: Vec<String>,
    /// Only passages that mention this body (any alias: acronym, full or short name).
    #[arg(long, value_name = "NAME")]
    pub body: Option<String>,
    /// Only passages mentioning a date on or after this (1997, 1997-05, 1997-05-27).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only passages mentioning a date on or before this.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct DatesArgs {
    /// Sheets to read (default: the whole corpus, through the index).
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    /// Document date for every sheet in this run (beats manifest and detected dates).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub reference_date: Option<String>,
}

#[derive(Debug, Args)]
pub struct FormatArg {
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

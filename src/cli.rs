//! Command-line definitions (clap). Declared only by `main.rs`; the library never sees clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// concord: find what fact sheets say happened when, and where they disagree.
///
/// Exit status: 0 success, 1 the `check` gate failed, 2 error. `report` is a report:
/// it exits 0 once rendered, whatever it found.
#[derive(Debug, Parser)]
#[command(
    name = "concord",
    version,
    about,
    long_about = None,
    propagate_version = true,
    after_help = "Examples:\n  concord report                      what the sheets disagree on\n  \
                  concord check --format github       the CI gate, as GitHub annotations\n  \
                  concord search '\"joint council\"' --doc '*.md'"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command accepts.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct Global {
    /// Corpus directory (.txt and .md sheets, nested folders).
    #[arg(long, global = true, default_value = "corpus", value_name = "DIR")]
    pub corpus: PathBuf,
    /// Index directory (build output; safe to delete).
    #[arg(long, global = true, default_value = "index", value_name = "DIR")]
    pub index: PathBuf,
    /// Configuration file [default: concord.toml in the current directory or the nearest
    /// parent, up to the repository root].
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// When to use colour.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print only findings and errors (no summary, check, result or timeline lines, no
    /// progress bar).
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

impl From<ListFormat> for concord::report::listing::ListFormat {
    fn from(f: ListFormat) -> Self {
        match f {
            ListFormat::Text => Self::Text,
            ListFormat::Json => Self::Json,
        }
    }
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
    /// Requests answered at once (idle connections hold none).
    #[arg(long, default_value_t = concord::serve::DEFAULT_WORKERS, value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..=256))]
    pub workers: u16,
}

/// Help for `report --format` and `timeline --format`.
const REPORT_FORMATS: &str = "text: compiler-style, sources quoted; concise: one line per finding \
(path:line:col: severity[id] subject — event: values); markdown: for a review or an issue; json: one \
document with every claim; html: one self-contained page";

/// Help for `check --format`.
const GATE_FORMATS: &str = "text: new findings in full, known ones one line each, the verdict; concise: one \
line per new finding, then the verdict; json: one document; github: one workflow annotation per finding \
(GitHub Actions); sarif: SARIF 2.1.0 for code scanning";

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Only this body (canonical name, full name, short name or acronym).
    pub body: Option<String>,
    /// text, concise, markdown, json or html (--help describes each).
    #[arg(long, default_value = "text", value_name = "FORMAT", long_help = REPORT_FORMATS)]
    pub format: concord::report::Format,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  concord report --format concise\n  concord report --format html -o report.html\n  \
                        concord report --statistics"
)]
pub struct ReportArgs {
    /// text, concise, markdown, json or html (--help describes each).
    #[arg(long, default_value = "text", value_name = "FORMAT", long_help = REPORT_FORMATS)]
    pub format: concord::report::Format,
    /// Print how many findings each rule raised, by severity, instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  concord check --format github --changed-since origin/main\n  \
                        concord check --update-baseline   (then write each reason)\n  \
                        concord check --strict --verbose")]
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
    /// Exit 0 even when the gate fails (the verdict is still printed).
    #[arg(long)]
    pub exit_zero: bool,
    /// Print how many new findings each rule raised, by severity, then the verdict.
    #[arg(long)]
    pub statistics: bool,
    /// Also print the baseline's reason under each known finding.
    #[arg(short, long)]
    pub verbose: bool,
    /// Put findings that involve sheets changed since this git revision first, and mark them.
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// text, concise, json, github or sarif (--help describes each).
    #[arg(long, default_value = "text", value_name = "FORMAT", long_help = GATE_FORMATS)]
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
#[command(after_help = "Examples:\n  concord search '\"joint council\"' --doc '*.md'\n  \
                        concord search 'founding AND act' --from 1997 --to 1998\n  \
                        concord search council --body NACC --format json")]
pub struct SearchArgs {
    /// Query: terms, "phrases", AND/OR/NOT, +/-, field:value (fields: text, title).
    pub query: String,
    /// Most hits to show (1 to 100000).
    #[arg(long, default_value = "10", value_name = "N", value_parser = parse_limit)]
    pub limit: std::num::NonZeroUsize,
    /// Only sheets matching this glob, as ripgrep's -g: without a `/` it matches the file
    /// name at any depth (`*.md`), with one the corpus-relative path (`nato/*.txt`); a
    /// leading `!` excludes (repeatable).
    #[arg(long = "doc", value_name = "GLOB")]
    pub docs: Vec<String>,
    /// Only passages that mention this body (any alias: acronym, full or short name).
    #[arg(long, value_name = "NAME")]
    pub body: Option<String>,
    /// Only passages mentioning a date on or after this (1997, 1997-05, 1997-05-27).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<concord::Date>,
    /// Only passages mentioning a date on or before this.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<concord::Date>,
    /// text (one hit per line pair: path:line:column, then the passage) or json (JSON Lines).
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

/// The most hits a search may ask for: beyond it tantivy would reserve memory for
/// every slot up front (`--limit 10000000000` aborted the process).
pub const MAX_LIMIT: usize = 100_000;

fn parse_date(s: &str) -> Result<concord::Date, String> {
    s.parse::<concord::Date>().map_err(|e| e.to_string())
}

fn parse_limit(s: &str) -> Result<std::num::NonZeroUsize, String> {
    let n: usize = s.trim().parse().map_err(|_| format!("{s:?} is not a number of hits"))?;
    match std::num::NonZeroUsize::new(n) {
        None => Err("must be at least 1".into()),
        Some(_) if n > MAX_LIMIT => Err(format!("{n} is more than {MAX_LIMIT}")),
        Some(v) => Ok(v),
    }
}

#[derive(Debug, Args)]
pub struct DatesArgs {
    /// Sheets to read (default: the whole corpus, through the index).
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    /// Document date for every sheet in this run (beats manifest and detected dates): a date,
    /// a date-time (1990-08-15T13:37) or an ISO week (1998-W02).
    #[arg(long, value_name = "DATE")]
    pub reference_date: Option<String>,
    /// Read every sheet in this register, news or narrative (beats concord.toml and the
    /// register decided from the text).
    #[arg(long, value_name = "REGISTER")]
    pub register: Option<String>,
}

#[derive(Debug, Args)]
pub struct FormatArg {
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

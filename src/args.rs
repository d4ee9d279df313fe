//! From parsed flags to what the library takes, in one place (ripgrep's "high arguments"):
//! paths and the configuration file found, colour and progress decided for this terminal,
//! the sheets named on the command line resolved. Also the terminal pieces every command
//! shares: the progress bar, warnings on standard error, atomic output files.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use concord::Warning;
use concord::baseline::StalePolicy;
use concord::corpus::{DocId, Manifest, SheetFile};
use concord::date::Date;
use concord::pipeline::{GateOptions, Options, Progress, SearchRequest, Session};
use concord::report::chronology::PageOptions;
use concord::report::{GateFormat, RenderOptions, Style, Verbosity};

use crate::cli::{CheckArgs, ColorChoice, DatesArgs, Global, SearchArgs, ServeArgs};

/// Sheets `dates` reads straight from disk, with their manifest and reference date.
pub struct DirectDates {
    /// The sheets named on the command line (or the whole corpus).
    pub files: Vec<SheetFile>,
    /// The corpus manifest, with `--register` or concord.toml's registers applied.
    pub manifest: Manifest,
    /// `--reference-date`.
    pub reference: Option<Date>,
}

/// What every command needs from the global options.
pub struct Ctx {
    pub opts: Options,
    pub style: Style,
    pub quiet: bool,
    skip_invalid: bool,
}

impl Ctx {
    /// Resolves the global flags: the configuration file is the flag's, else the nearest
    /// `concord.toml` up to the repository root (like ruff, Vale and typos).
    pub fn new(g: &Global) -> Ctx {
        let mut opts = Options::new(&g.corpus, &g.index);
        opts.config = g.config.clone().or_else(|| {
            let cwd = std::env::current_dir().ok()?;
            concord::config::find_upwards(&cwd, concord::config::CONFIG_FILE)
        });
        opts.lock_wait = Duration::from_secs(g.lock_timeout);
        Ctx { opts, style: style_for(g.color), quiet: g.quiet, skip_invalid: g.skip_invalid }
    }

    /// Opens and updates the index, printing each sheet that could not be read: an error,
    /// or with `--skip-invalid` a warning.
    pub fn open(&self) -> Result<Session> {
        let bar = Bar::new(self.quiet);
        let session = Session::open(&self.opts, &bar)?;
        drop(bar);
        if let Some(why) = &session.stats.rebuilt {
            eprintln!("concord: {}: {why}", self.opts.index.display());
        }
        self.print_problems(&session.problems);
        Ok(session)
    }

    /// Prints each sheet that could not be read on standard error.
    pub fn print_problems(&self, problems: &[Warning]) {
        let label = if self.skip_invalid { "warning (skipped)" } else { "error" };
        for p in problems {
            eprintln!("concord: {label}: {p}");
        }
    }

    /// Exit code for the run's warnings: 2 when a sheet could not be read, unless such
    /// sheets are to be skipped. No other warning changes it.
    pub fn problems_code(&self, problems: &[Warning]) -> u8 {
        if problems.iter().any(Warning::is_unreadable) && !self.skip_invalid { 2 } else { 0 }
    }

    /// Render options from the global flags; colour only when writing to the terminal.
    pub fn render_options(&self, to_stdout: bool, path_prefix: String) -> RenderOptions {
        RenderOptions {
            color: self.style == Style::Color && to_stdout,
            path_prefix,
            verbosity: if self.quiet { Verbosity::Quiet } else { Verbosity::Normal },
        }
    }

    /// Render options of `check`: paths prefixed with the corpus directory (for the formats
    /// whose consumers resolve them), and the baseline's reasons with `--verbose`.
    pub fn gate_render_options(&self, a: &CheckArgs) -> RenderOptions {
        let mut options = self.render_options(a.output.is_none(), self.corpus_prefix());
        if a.verbose && !self.quiet {
            options.verbosity = Verbosity::Verbose;
        }
        options
    }

    /// What `check` gates with: the baseline and `--fail-on` resolved against concord.toml
    /// (from the current directory), the stale-entry policy, `--changed-since`, and whether
    /// the known findings' claims are read (only the formats that print them need them).
    pub fn gate_options(&self, a: &CheckArgs, session: &Session) -> Result<GateOptions> {
        let cwd = std::env::current_dir().unwrap_or_default();
        let mut opts =
            GateOptions::resolve(a.baseline.clone(), a.fail_on, &session.config, self.opts.config.as_deref(), &cwd)?;
        opts.policy = if a.strict { StalePolicy::Fail } else { StalePolicy::Report };
        opts.changed_since.clone_from(&a.changed_since);
        opts.known_claims =
            a.changed_since.is_some() || (!a.statistics && matches!(a.format, GateFormat::Json | GateFormat::Sarif));
        Ok(opts)
    }

    /// The corpus directory as a prefix of repository-relative paths (`corpus/`), for the
    /// formats whose consumers resolve paths themselves.
    fn corpus_prefix(&self) -> String {
        let prefix = self.opts.corpus.to_string_lossy().trim_end_matches('/').to_string();
        if prefix.is_empty() || prefix == "." { String::new() } else { format!("{prefix}/") }
    }

    /// For `dates`: the sheets to read straight from disk with their manifest and
    /// reference date, or `None` when the index answers (no path, no override).
    pub fn dates_direct(&self, a: &DatesArgs) -> Result<Option<DirectDates>> {
        let reference = a
            .reference_date
            .as_deref()
            .map(|v| Date::parse_reference(v).with_context(|| format!("invalid --reference-date {v:?}")))
            .transpose()?;
        let register = a
            .register
            .as_deref()
            .map(|v| v.parse::<concord::extract::Register>().map_err(|e| anyhow::anyhow!("invalid --register: {e}")))
            .transpose()?;
        if a.paths.is_empty() && reference.is_none() && register.is_none() {
            return Ok(None);
        }
        let files = self.sheet_files(&a.paths)?;
        // The flag beats concord.toml's per-glob registers.
        let overrides = match register {
            Some(r) => std::collections::BTreeMap::from([("**".to_string(), r)]),
            None => concord::config::Config::load(self.opts.config.as_deref())?.dates.register,
        };
        let manifest = Manifest::load(&self.opts.corpus)?.with_registers(&overrides).map_err(anyhow::Error::msg)?;
        Ok(Some(DirectDates { files, manifest, reference }))
    }

    /// Sheets named on the command line: files, or folders scanned like the corpus.
    fn sheet_files(&self, paths: &[PathBuf]) -> Result<Vec<SheetFile>> {
        if paths.is_empty() {
            let (files, problems) = concord::corpus::scan(&self.opts.corpus)?;
            for p in problems {
                eprintln!("concord: error: {}", Warning::unreadable(&self.opts.corpus, &p));
            }
            return Ok(files);
        }
        let corpus = std::fs::canonicalize(&self.opts.corpus).ok();
        let mut files = Vec::new();
        for p in paths {
            let meta = std::fs::metadata(p).with_context(|| format!("cannot read {}", p.display()))?;
            if meta.is_dir() {
                files.extend(concord::corpus::scan(p)?.0);
                continue;
            }
            // Identity: relative to the corpus when the file lies in it, else the path as given.
            let id = std::fs::canonicalize(p)
                .ok()
                .zip(corpus.as_ref())
                .and_then(|(abs, root)| abs.strip_prefix(root).ok().map(|r| r.to_string_lossy().replace('\\', "/")))
                .unwrap_or_else(|| p.to_string_lossy().replace('\\', "/"));
            files.push(SheetFile { id: DocId(id), path: p.clone() });
        }
        Ok(files)
    }
}

/// What `search` asks the library for.
pub fn search_request(a: &SearchArgs) -> SearchRequest {
    SearchRequest {
        query: a.query.clone(),
        limit: a.limit,
        doc_globs: a.docs.clone(),
        body: a.body.clone(),
        from: a.from,
        to: a.to,
    }
}

/// The chronology page's links, as configured in concord.toml.
pub fn page_options(session: &Session) -> PageOptions {
    PageOptions {
        repository_url: session.config.html.repository_url.clone(),
        report_href: session.config.html.report.clone(),
    }
}

fn style_for(choice: ColorChoice) -> Style {
    let on = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    if on { Style::Color } else { Style::Plain }
}

/// Renders into `out`, or into `path` atomically (streamed to a temporary file, then renamed).
pub fn emit(
    out: &mut dyn Write,
    path: Option<&Path>,
    render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    match path {
        None => Ok(render(out)?),
        Some(p) => Ok(concord::atomic::write_atomic_with(p, render)?),
    }
}

/// `concord serve`: binds 127.0.0.1, prints the address, answers until interrupted.
pub fn serve(ctx: &Ctx, a: &ServeArgs, out: &mut dyn Write) -> Result<u8> {
    let opts = concord::serve::ServeOptions { port: a.port, workers: usize::from(a.workers) };
    concord::serve::serve(ctx.opts.clone(), &opts, |addr| {
        let url = format!("http://{addr}/");
        // The first line of standard output is the address (tests and scripts read it).
        let _ = writeln!(out, "concord: serving {url} (read-only; Ctrl-C to stop)");
        let _ = out.flush();
        if a.open {
            let opener = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
            if let Err(e) = std::process::Command::new(opener).arg(&url).spawn() {
                eprintln!("concord: warning: could not start {opener}: {e}; open {url} yourself");
            }
        }
    })?;
    Ok(0)
}

/// A progress bar on standard error, only when it is a terminal.
struct Bar(Option<indicatif::ProgressBar>);

impl Bar {
    fn new(quiet: bool) -> Bar {
        if quiet || !std::io::stderr().is_terminal() {
            return Bar(None);
        }
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template("indexing {bar:30} {pos}/{len} sheets ({eta})")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Bar(Some(bar))
    }
}

impl Progress for Bar {
    fn advance(&self, done: usize, total: usize) {
        if let Some(b) = &self.0 {
            b.set_length(total as u64);
            b.set_position(done as u64);
        }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

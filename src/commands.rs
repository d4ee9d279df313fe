//! One function per command: turn parsed arguments into library calls and print.
//! Terminal decisions (colour, progress bar) and exit codes live here, nothing else.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use concord::baseline::{Baseline, StalePolicy, gate};
use concord::check::Severity;
use concord::corpus::Site;
use concord::corpus::{DocId, Manifest, SheetFile};
use concord::date::Date;
use concord::index::{self, SearchOptions};
use concord::listing::{self, BodySummary, Style};
use concord::pipeline::{Options, Progress, Session};
use concord::report::{RenderOptions, Report, Verbosity, Warning};
use rayon::prelude::*;

use crate::cli::{Cli, ColorChoice, Command, ListFormat};

/// What every command needs from the global options.
struct Ctx {
    opts: Options,
    style: Style,
    quiet: bool,
    skip_invalid: bool,
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

fn parse_date(flag: &str, value: &str) -> Result<Date> {
    value.parse::<Date>().with_context(|| format!("invalid {flag} {value:?}"))
}

/// Runs the command; returns the exit code.
pub fn run(cli: Cli) -> Result<u8> {
    let g = cli.global;
    let mut opts = Options::new(&g.corpus, &g.index);
    // Like ruff, Vale and typos: the nearest concord.toml up to the repository root.
    opts.config = g.config.clone().or_else(|| {
        let cwd = std::env::current_dir().ok()?;
        concord::config::find_upwards(&cwd, concord::config::CONFIG_FILE)
    });
    opts.lock_wait = Duration::from_secs(g.lock_timeout);
    let ctx = Ctx { opts, style: style_for(g.color), quiet: g.quiet, skip_invalid: g.skip_invalid };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let code = match cli.command {
        Command::Index => cmd_index(&ctx, &mut out)?,
        Command::Search(a) => {
            concord::search::check_query(&a.query)?;
            let search_from = a.from.as_deref().map(|v| parse_date("--from", v)).transpose()?;
            let search_to = a.to.as_deref().map(|v| parse_date("--to", v)).transpose()?;
            let session = open(&ctx)?;
            let body_names = match &a.body {
                Some(name) => {
                    let registry = session.registry()?;
                    match registry.body(name) {
                        Some(_) => registry.names_of(name).iter().map(|n| n.to_lowercase()).collect(),
                        None => {
                            eprintln!(
                                "concord: warning: no body named {name:?} is known; matching the name as written"
                            );
                            vec![name.to_lowercase()]
                        }
                    }
                }
                None => Vec::new(),
            };
            if let (Some(from), Some(to)) = (&search_from, &search_to)
                && from.days().0 > to.days().1
            {
                anyhow::bail!("--from {} is after --to {}: nothing can match", from, to);
            }
            let search = SearchOptions {
                limit: a.limit,
                doc_globs: a.docs.clone(),
                body_names,
                from: search_from,
                to: search_to,
            };
            let hits = session.index.search(&a.query, &search)?;
            let code = problems_code(&ctx, &session.problems);
            // The hits are in memory: release the index lock before printing, so a slow
            // reader of the output (a pager, a full pipe) never holds up another concord.
            drop(session);
            listing::search_hits(&mut out, &hits, a.format == ListFormat::Json, ctx.style)?;
            out.flush()?;
            if hits.is_empty() && !ctx.quiet && a.format == ListFormat::Text {
                eprintln!("concord: no passage matches {:?}", a.query);
            }
            code
        }
        Command::Dates(a) => {
            let json = a.format == ListFormat::Json;
            let reference = a
                .reference_date
                .as_deref()
                .map(|v| Date::parse_reference(v).with_context(|| format!("invalid --reference-date {v:?}")))
                .transpose()?;
            let register = a
                .register
                .as_deref()
                .map(|v| {
                    v.parse::<concord::extract::Register>().map_err(|e| anyhow::anyhow!("invalid --register: {e}"))
                })
                .transpose()?;
            if a.paths.is_empty() && reference.is_none() && register.is_none() {
                let session = open(&ctx)?;
                for s in session.index.sheets()? {
                    let x = &s.extraction;
                    listing::dates(&mut out, &s.id, x, &s.date_sites, json, ctx.style)?;
                }
                problems_code(&ctx, &session.problems)
            } else {
                let files = sheet_files(&ctx, &a.paths)?;
                // The flag beats concord.toml's per-glob registers.
                let overrides = match register {
                    Some(r) => std::collections::BTreeMap::from([("**".to_string(), r)]),
                    None => concord::config::Config::load(ctx.opts.config.as_deref())?.dates.register,
                };
                let manifest =
                    Manifest::load(&ctx.opts.corpus)?.with_registers(&overrides).map_err(anyhow::Error::msg)?;
                let (docs, problems) = concord::pipeline::extract_files(&files, &manifest, reference);
                for (doc, x) in &docs {
                    let sites: Vec<Site> = x.dates.iter().map(|m| Site::of(doc, m.span)).collect();
                    listing::dates(&mut out, &doc.id, x, &sites, json, ctx.style)?;
                }
                problems_code(&ctx, &problems)
            }
        }
        Command::Bodies(a) => {
            let session = open(&ctx)?;
            let view = session.view_without_claims()?;
            if a.format == ListFormat::Json {
                // Every mention with its site: from the stored records, streamed sheet by sheet.
                for s in session.index.sheets()? {
                    listing::body_mentions(&mut out, &s.id, &s.extraction.bodies, &s.body_sites, &view.registry)?;
                }
            } else {
                // One pass over each sheet's name counts (a scan per body was quadratic).
                let mut counts: std::collections::HashMap<&str, Vec<(DocId, usize)>> = std::collections::HashMap::new();
                for s in &view.sheets {
                    for n in &s.names {
                        let Some(canonical) = view.registry.canonical(&n.name) else { continue };
                        let per_doc = counts.entry(canonical).or_default();
                        match per_doc.last_mut() {
                            Some((doc, k)) if *doc == s.id => *k += n.count as usize,
                            _ => per_doc.push((s.id.clone(), n.count as usize)),
                        }
                    }
                }
                let summaries: Vec<BodySummary> = view
                    .registry
                    .bodies()
                    .iter()
                    .map(|b| BodySummary {
                        canonical: b.canonical.clone(),
                        kind: b.kind.as_str(),
                        aliases: b.aliases.clone(),
                        mentions: counts.remove(b.canonical.as_str()).unwrap_or_default(),
                    })
                    .collect();
                listing::bodies_text(&mut out, &summaries, ctx.style)?;
            }
            problems_code(&ctx, &session.problems)
        }
        Command::Claims(a) => {
            let session = open(&ctx)?;
            let view = session.view()?;
            listing::claims(&mut out, &view.claims, a.format == ListFormat::Json, ctx.style)?;
            problems_code(&ctx, &session.problems)
        }
        Command::Report(a) => {
            let session = open(&ctx)?;
            let view = session.view()?;
            let report = Report::from_shared(&view.claims, view.sheets.len(), warnings(&session));
            let options = render_options(&ctx, a.output.is_none(), String::new());
            emit(&mut out, a.output.as_deref(), |w| {
                if a.statistics {
                    concord::report::render_statistics(&report, w)
                } else {
                    concord::report::render(a.format, &report, &options, w)
                }
            })?;
            let findings = report.summary.conflicts + report.summary.reviews;
            if !ctx.quiet && a.output.is_some() {
                eprintln!("concord: wrote {} finding{}", findings, if findings == 1 { "" } else { "s" });
            }
            // A report is a report: it exits 0 once rendered, whatever it found. The gate
            // is `check`.
            problems_code(&ctx, &session.problems)
        }
        Command::Timeline(a) => {
            let session = open(&ctx)?;
            let view = session.view()?;
            let claims: Vec<std::sync::Arc<concord::extract::Claim>> = match &a.body {
                Some(name) => {
                    let canonical = view.registry.canonical(name).unwrap_or(name.as_str()).to_string();
                    let wanted = canonical.to_lowercase();
                    let picked: Vec<_> = view
                        .claims
                        .iter()
                        .filter(|c| c.subject.to_lowercase() == wanted || c.subject.to_lowercase().contains(&wanted))
                        .cloned()
                        .collect();
                    if picked.is_empty() {
                        anyhow::bail!("no claim is about {name:?} (try `concord bodies` for the known names)");
                    }
                    picked
                }
                None => view.claims.clone(),
            };
            let report = Report::from_shared(&claims, view.sheets.len(), warnings(&session));
            let options = render_options(&ctx, a.output.is_none(), String::new());
            if a.format == concord::report::Format::Html {
                // The chronology page, with the links configured in concord.toml.
                let page = concord::report::chronology::PageOptions {
                    repository_url: session.config.html.repository_url.clone(),
                    report_href: session.config.html.report.clone(),
                };
                emit(&mut out, a.output.as_deref(), |w| concord::report::chronology::render_page(&report, &page, w))?;
            } else {
                emit(&mut out, a.output.as_deref(), |w| {
                    concord::report::render_timeline(a.format, &report, &options, w)
                })?;
            }
            problems_code(&ctx, &session.problems)
        }
        Command::Check(a) => cmd_check(&ctx, &a, &mut out)?,
        Command::Serve(a) => cmd_serve(&ctx, &a, &mut out)?,
        Command::Export(a) => {
            let crate::cli::ExportFormat::Ndjson = a.format;
            let session = open(&ctx)?;
            // Streamed: the alias registry (cached in the index), then the stored records a
            // batch at a time, each sheet's claims resolved on the way. Nothing corpus-wide
            // is held but the registry and the list of files.
            let registry = session.registry()?;
            let (files, _) = concord::corpus::scan(&ctx.opts.corpus)?;
            let files: std::collections::BTreeMap<&DocId, &SheetFile> = files.iter().map(|f| (&f.id, f)).collect();
            let sheet_lines = |record: &index::SheetRecord| -> std::io::Result<Vec<u8>> {
                let mut buf = Vec::new();
                let Some(f) = files.get(&record.id) else { return Ok(buf) };
                let mut doc = concord::Document::load(f, &session.manifest).map_err(std::io::Error::other)?;
                doc.title.clone_from(&record.title);
                let mut claims = record.extraction.claims.clone();
                registry.resolve_claims(&mut claims);
                concord::export::write_ndjson(&mut buf, &concord::export::passages(&doc, record, &registry, &claims))?;
                Ok(buf)
            };
            let render = |w: &mut dyn Write| -> std::io::Result<()> {
                for records in session.index.record_batches(EXPORT_BATCH).map_err(std::io::Error::other)? {
                    let records = records.map_err(std::io::Error::other)?;
                    let lines: Vec<Vec<u8>> = records.par_iter().map(sheet_lines).collect::<std::io::Result<_>>()?;
                    lines.iter().try_for_each(|bytes| w.write_all(bytes))?;
                }
                Ok(())
            };
            emit(&mut out, a.output.as_deref(), render)?;
            problems_code(&ctx, &session.problems)
        }
    };
    out.flush()?;
    Ok(code)
}

/// Render options from the global flags; colour only when writing to the terminal.
fn render_options(ctx: &Ctx, to_stdout: bool, path_prefix: String) -> RenderOptions {
    RenderOptions {
        color: ctx.style == Style::Color && to_stdout,
        path_prefix,
        verbosity: if ctx.quiet { Verbosity::Quiet } else { Verbosity::Normal },
    }
}

/// Opens and updates the index, printing per-sheet problems as warnings.
fn open(ctx: &Ctx) -> Result<Session> {
    let bar = Bar::new(ctx.quiet);
    let session = Session::open(&ctx.opts, &bar)?;
    drop(bar);
    if let Some(why) = &session.stats.rebuilt {
        eprintln!("concord: {}: {why}", ctx.opts.index.display());
    }
    for p in &session.problems {
        let label = if ctx.skip_invalid { "warning (skipped)" } else { "error" };
        eprintln!("concord: {label}: {}", p.error);
    }
    Ok(session)
}

/// Exit code for per-sheet problems: 2 unless they are to be skipped.
fn problems_code(ctx: &Ctx, problems: &[concord::pipeline::SheetError]) -> u8 {
    if !problems.is_empty() && !ctx.skip_invalid { 2 } else { 0 }
}

fn cmd_index(ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let start = Instant::now();
    let session = open(ctx)?;
    let s = &session.stats;
    if !ctx.quiet {
        let total = s.added + s.updated + s.unchanged;
        writeln!(
            out,
            "indexed {total} sheet{}: {} added, {} updated, {} removed, {} unchanged; {} passage{} written in {:.2} s",
            if total == 1 { "" } else { "s" },
            s.added,
            s.updated,
            s.removed,
            s.unchanged,
            s.passages,
            if s.passages == 1 { "" } else { "s" },
            start.elapsed().as_secs_f64()
        )?;
    }
    Ok(problems_code(ctx, &session.problems))
}

/// Sheets named on the command line: files, or folders scanned like the corpus.
fn sheet_files(ctx: &Ctx, paths: &[PathBuf]) -> Result<Vec<SheetFile>> {
    if paths.is_empty() {
        let (files, problems) = concord::corpus::scan(&ctx.opts.corpus)?;
        for p in problems {
            eprintln!("concord: error: {p}");
        }
        return Ok(files);
    }
    let corpus = std::fs::canonicalize(&ctx.opts.corpus).ok();
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

/// Renders into `out`, or into `path` atomically (streamed to a temporary file, then renamed).
fn emit(
    out: &mut dyn Write,
    path: Option<&std::path::Path>,
    render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    match path {
        None => Ok(render(out)?),
        Some(p) => Ok(concord::baseline::write_atomic_with(p, render)?),
    }
}

/// Per-sheet problems as report warnings.
fn warnings(session: &Session) -> Vec<Warning> {
    session.problems.iter().map(|p| Warning { doc: None, line: None, message: p.error.to_string() }).collect()
}

fn cmd_check(ctx: &Ctx, a: &crate::cli::CheckArgs, out: &mut dyn Write) -> Result<u8> {
    let session = open(ctx)?;
    let config_dir =
        ctx.opts.config.as_deref().and_then(|p| p.parent()).map(std::path::Path::to_path_buf).unwrap_or_default();
    // The baseline: the flag, else the config's (relative to the config file), else the
    // nearest concord-baseline.json up to the repository root, else a new one at the root.
    let baseline_path = match a.baseline.clone() {
        Some(p) => p,
        None => match session.config.check.baseline.as_ref() {
            Some(b) => config_dir.join(b),
            None => {
                let cwd = std::env::current_dir().unwrap_or_default();
                concord::config::find_upwards(&cwd, concord::baseline::BASELINE_FILE).unwrap_or_else(|| {
                    let dir = match &ctx.opts.config {
                        Some(_) => config_dir,
                        None => concord::config::repository_root(&cwd).unwrap_or_default(),
                    };
                    dir.join(concord::baseline::BASELINE_FILE)
                })
            }
        },
    };
    let fail_on = match (a.fail_on, session.config.check.fail_on.as_deref()) {
        (Some(s), _) => s,
        (None, Some(s)) => s.parse()?,
        (None, None) => Severity::Conflict,
    };
    // The claims move into shared handles that the findings cite; the rest of the view
    // (sheet summaries, registry) is freed before the cross-check.
    let concord::pipeline::CorpusView { claims: shared, sheets: summaries, .. } = session.view()?;
    let (claims, sheets) = (shared.len(), summaries.len());
    drop(summaries);
    let findings = concord::check::cross_check_shared(&shared);
    // Claims no finding cites are freed here.
    drop(shared);
    let baseline = Baseline::load_or_empty(&baseline_path)?;
    if a.update_baseline {
        let updated = baseline.updated(&findings);
        updated.save(&baseline_path)?;
        if !ctx.quiet {
            eprintln!(
                "concord: wrote {} ({} accepted finding{}); explain each new entry in its \"reason\"",
                baseline_path.display(),
                findings.len(),
                if findings.len() == 1 { "" } else { "s" }
            );
        }
        return Ok(problems_code(ctx, &session.problems));
    }
    let policy = if a.strict { StalePolicy::Fail } else { StalePolicy::Report };
    let mut gate = gate(findings, &baseline, fail_on).with_counts(claims, sheets).with_policy(policy);
    if let Some(rev) = &a.changed_since {
        gate = gate.with_changed(changed_since(&ctx.opts.corpus, rev)?);
    }
    let prefix = ctx.opts.corpus.to_string_lossy().trim_end_matches('/').to_string();
    let mut options = render_options(
        ctx,
        a.output.is_none(),
        if prefix.is_empty() || prefix == "." { String::new() } else { format!("{prefix}/") },
    );
    if a.verbose && !ctx.quiet {
        options.verbosity = Verbosity::Verbose;
    }
    emit(out, a.output.as_deref(), |w| {
        if a.statistics {
            concord::report::render_gate_statistics(&gate, w)
        } else {
            concord::report::render_gate(a.format, &gate, &options, w)
        }
    })?;
    // The verdict every format printed decides the status; --exit-zero only reports it.
    let code = match problems_code(ctx, &session.problems) {
        0 if gate.failed() && !a.exit_zero => 1,
        code => code,
    };
    // The process exits next: freeing millions of cited claims one by one would only
    // delay the exit (8 % of `check` on a 100 MB corpus); the OS reclaims them at once.
    std::mem::forget(gate);
    Ok(code)
}

/// `concord serve`: binds 127.0.0.1, prints the address, answers until interrupted.
fn cmd_serve(ctx: &Ctx, a: &crate::cli::ServeArgs, out: &mut dyn Write) -> Result<u8> {
    let opts = concord::serve::ServeOptions { port: a.port, threads: 4 };
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

/// Sheets exported per batch: decoded and rendered in parallel, written in order.
const EXPORT_BATCH: usize = 256;

/// Sheets (as corpus-relative ids) changed in the work tree since `rev`, new files included.
fn changed_since(corpus: &std::path::Path, rev: &str) -> Result<std::collections::BTreeSet<DocId>> {
    let git = |args: &[&str]| -> Result<String> {
        let out = std::process::Command::new("git")
            .arg("-C")
            .arg(corpus)
            .args(args)
            .output()
            .with_context(|| "--changed-since needs git on the PATH")?;
        if !out.status.success() {
            return Err(concord::Error::Git(String::from_utf8_lossy(&out.stderr).trim().to_string()).into());
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let mut names = git(&["diff", "--name-only", "--relative", rev, "--", "."])?;
    names.push_str(&git(&["ls-files", "--others", "--exclude-standard", "--", "."])?);
    Ok(names.lines().filter(|l| !l.trim().is_empty()).map(|l| DocId(l.trim().to_string())).collect())
}

//! The stages, top to bottom, and one typed result per command.
//!
//! 1. [`ingest`]: scan the corpus, read each new or changed sheet (bounded), hash, decode,
//!    build its [`Document`] and extract; the index plans and stores.
//! 2. [`Session::open`]: configuration, manifest, the index locked and brought up to date,
//!    so results are never stale.
//! 3. [`Session::view`]: the corpus-wide view (sheets, canonical bodies, resolved claims)
//!    in a fixed order.
//! 4. One call per command, each returning a typed value the binary renders:
//!    [`Session::report`], [`Session::timeline`], [`Session::gate`], [`Session::bodies`],
//!    [`Session::search`], [`Session::export`]. The cross-check and the baseline gate run
//!    here, never in the report module or the binary; `check_cache.rs` keeps the findings
//!    per subject in the index directory, so a second `check` re-checks only the subjects
//!    whose sheets changed.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rayon::iter::{IntoParallelRefIterator as _, IntoParallelRefMutIterator as _, ParallelIterator as _};
use rayon::slice::ParallelSliceMut as _;

use crate::baseline::{BASELINE_FILE, Baseline, Gate, StalePolicy};
use crate::check::{Severity, cross_check_shared, timeline_shared};
use crate::config::Config;
use crate::corpus::{DocId, Document, Manifest, SheetFile};
use crate::date::Date;
use crate::error::Result;
use crate::extract::Claim;
use crate::extract::bodies::Registry;
use crate::index::{CorpusIndex, Hit, SearchOptions, SheetRecord, SheetSummary};
use crate::report::Report;
use crate::warning::Warning;

mod check_cache;
mod ingest;

pub use ingest::{Ingested, NoProgress, Progress, UpdateStats, extract_files, ingest, update_index};

/// Where things are and how to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// The corpus directory.
    pub corpus: PathBuf,
    /// The index directory.
    pub index: PathBuf,
    /// The configuration file; `None` looks for `concord.toml` in the current directory.
    pub config: Option<PathBuf>,
    /// A document date for every sheet, for this run only.
    pub reference_date: Option<Date>,
    /// How long to wait for another process's index lock.
    pub lock_wait: Duration,
}

impl Options {
    /// Options with defaults for the given corpus and index.
    pub fn new(corpus: impl Into<PathBuf>, index: impl Into<PathBuf>) -> Options {
        Options {
            corpus: corpus.into(),
            index: index.into(),
            config: None,
            reference_date: None,
            lock_wait: Duration::from_secs(30),
        }
    }
}

/// An open, up-to-date index with the run's configuration.
#[derive(Debug)]
pub struct Session {
    /// The index.
    pub index: CorpusIndex,
    /// The configuration in force.
    pub config: Config,
    /// The corpus manifest.
    pub manifest: Manifest,
    /// What the update did.
    pub stats: UpdateStats,
    /// Sheets that could not be read (left out of every result), one warning each.
    pub problems: Vec<Warning>,
    /// The corpus directory.
    corpus: PathBuf,
}

/// The corpus as the cross-check sees it.
#[derive(Debug, Clone, Default)]
pub struct CorpusView {
    /// Every indexed sheet, sorted by id (its claims are in `claims`).
    pub sheets: Vec<SheetSummary>,
    /// Canonical bodies and their aliases, corpus-wide.
    pub registry: Registry,
    /// Every claim with its subject resolved to the canonical body, sorted by (doc, line,
    /// column). Shared, so that findings and timeline entries cite them without copies.
    pub claims: Vec<Arc<Claim>>,
}

impl Session {
    /// Loads the configuration and manifest, opens the index and brings it up to date.
    ///
    /// # Errors
    /// Bad configuration or manifest, an unusable corpus or index, or a held lock.
    pub fn open(opts: &Options, progress: &dyn Progress) -> Result<Session> {
        let t = std::time::Instant::now();
        if !opts.corpus.is_dir() {
            return Err(crate::Error::CorpusNotDir { path: opts.corpus.clone() });
        }
        let config = Config::load(opts.config.as_deref())?;
        let manifest = Manifest::load(&opts.corpus)?.with_registers(&config.dates.register).map_err(|message| {
            crate::error::Error::Parse {
                path: opts.config.clone().unwrap_or_else(|| crate::config::CONFIG_FILE.into()),
                message,
                source: None,
            }
        })?;
        let t = crate::timing::phase("config and manifest", t);
        let (mut index, mut rebuilt) = CorpusIndex::open(&opts.index, opts.lock_wait)?;
        let t = crate::timing::phase("open index", t);
        let (mut stats, problems) =
            match update_index(&mut index, &opts.corpus, &manifest, opts.reference_date, progress) {
                Ok(done) => done,
                // The corpus is the source of truth: an index whose files turn out damaged while
                // updating (a file left by a killed run, a cut segment) is rebuilt once from it.
                // A disk that is full or refuses to write is reported instead: rebuilding
                // would delete a good index and fail the same way.
                Err(e) if e.needs_rebuild() => {
                    drop(index);
                    index = CorpusIndex::rebuild(&opts.index, opts.lock_wait)?;
                    rebuilt =
                        Some(format!("index failed while updating ({}); rebuilt from the corpus", e.full_message()));
                    update_index(&mut index, &opts.corpus, &manifest, opts.reference_date, progress)?
                }
                Err(e) => return Err(index.explain(e)),
            };
        stats.rebuilt = rebuilt;
        crate::timing::phase("update", t);
        Ok(Session { index, config, manifest, stats, problems, corpus: opts.corpus.clone() })
    }

    /// The corpus-wide view: sheets, registry and resolved claims. Reads the index's view
    /// cache, not every stored record (see [`CorpusIndex::view_sheets`]).
    ///
    /// # Errors
    /// The index cannot be read.
    pub fn view(&self) -> Result<CorpusView> {
        self.view_of(self.index.view_sheets(true)?)
    }

    /// The corpus-wide alias registry alone (for `search --body`): read from its cache in
    /// the index when no sheet and no alias setting changed since it was built, else built
    /// from the sheets' name counts and cached.
    ///
    /// # Errors
    /// The index cannot be read.
    pub fn registry(&self) -> Result<Registry> {
        self.registry_or(|| Ok(build_registry(&self.index.view_sheets(false)?, &self.config)))
    }

    /// The cached registry when it is current, else `build`'s, which is then cached.
    fn registry_or(&self, build: impl FnOnce() -> Result<Registry>) -> Result<Registry> {
        let key = self.registry_key()?;
        if let Some(registry) = self.index.cached::<Registry>(REGISTRY_CACHE, &key) {
            return Ok(registry);
        }
        let registry = build()?;
        self.index.store_cached(REGISTRY_CACHE, &key, &registry);
        Ok(registry)
    }

    /// What the registry depends on: every sheet's write, and the alias settings.
    fn registry_key(&self) -> Result<[u8; 32]> {
        let mut h = blake3::Hasher::new();
        h.update(&self.index.content_key()?);
        h.update(format!("{:?}", self.config.bodies).as_bytes());
        Ok(*h.finalize().as_bytes())
    }

    /// The corpus-wide view without claims (`claims` is empty): sheets and registry, for
    /// `search --body` and the body listing, which decode no claim.
    ///
    /// # Errors
    /// The index cannot be read.
    pub fn view_without_claims(&self) -> Result<CorpusView> {
        self.view_of(self.index.view_sheets(false)?)
    }

    /// The view of `sheets` with the cached registry (built from them when stale).
    fn view_of(&self, sheets: Vec<(SheetSummary, Vec<Claim>)>) -> Result<CorpusView> {
        let registry = self.registry_or(|| Ok(build_registry(&sheets, &self.config)))?;
        Ok(assemble_view(sheets, registry))
    }
}

/// File name of the registry cache in the index directory.
const REGISTRY_CACHE: &str = "registry.bin";

/// Builds the corpus-wide view from each sheet's summary and claims (no I/O).
pub fn build_view(sheets: Vec<(SheetSummary, Vec<Claim>)>, config: &Config) -> CorpusView {
    let registry = build_registry(&sheets, config);
    assemble_view(sheets, registry)
}

/// The registry of every sheet's name counts and the alias settings (no I/O).
fn build_registry(sheets: &[(SheetSummary, Vec<Claim>)], config: &Config) -> Registry {
    Registry::build_counted(sheets.iter().flat_map(|(s, _)| s.names.iter()), &config.bodies)
}

/// The view from the sheets and their registry: claims resolved and sorted.
fn assemble_view(sheets: Vec<(SheetSummary, Vec<Claim>)>, registry: Registry) -> CorpusView {
    let mut summaries = Vec::with_capacity(sheets.len());
    let mut per_sheet = Vec::with_capacity(sheets.len());
    for (sheet, sheet_claims) in sheets {
        summaries.push(sheet);
        per_sheet.push(sheet_claims);
    }
    per_sheet.par_iter_mut().for_each(|c| registry.resolve_claims(c));
    // Each claim moves once, into its shared handle; a sheet's vector is freed as soon as
    // it is consumed. The sort then moves pointers, not claims.
    let mut claims: Vec<Arc<Claim>> = Vec::with_capacity(per_sheet.iter().map(Vec::len).sum());
    claims.extend(per_sheet.into_iter().flatten().map(Arc::new));
    claims.par_sort_by(|a, b| (&a.doc, a.line, a.column).cmp(&(&b.doc, b.line, b.column)));
    CorpusView { sheets: summaries, registry, claims }
}

// ---------------------------------------------------------------------------------------
// One typed result per command
// ---------------------------------------------------------------------------------------

/// What the `check` gate needs besides the findings, already resolved from flags and
/// configuration ([`GateOptions::resolve`]).
#[derive(Debug, Clone)]
pub struct GateOptions {
    /// The baseline file (it need not exist: then nothing is accepted).
    pub baseline: PathBuf,
    /// Lowest severity that fails the gate.
    pub fail_on: Severity,
    /// What stale entries and unexplained reasons do to the verdict.
    pub policy: StalePolicy,
    /// Put findings about sheets changed since this git revision first.
    pub changed_since: Option<String>,
    /// Whether the findings the baseline accepts are needed with their claims (the JSON
    /// and SARIF formats print them, and `changed_since` marks findings by their sheets).
    /// Without it they carry no claims, and `check` reads none of theirs.
    pub known_claims: bool,
}

impl GateOptions {
    /// The baseline and threshold in force: a flag beats the configuration. The baseline
    /// is the flag's, else the configuration's (relative to the configuration file), else
    /// the nearest `concord-baseline.json` from `cwd` up to the repository root, else a new
    /// one beside the configuration file or at the repository root.
    ///
    /// # Errors
    /// The configuration's `check.fail_on` is not a severity.
    pub fn resolve(
        baseline: Option<PathBuf>,
        fail_on: Option<Severity>,
        config: &Config,
        config_file: Option<&Path>,
        cwd: &Path,
    ) -> Result<GateOptions> {
        let config_dir = config_file.and_then(Path::parent).map(Path::to_path_buf).unwrap_or_default();
        let baseline = match baseline {
            Some(p) => p,
            None => match config.check.baseline.as_ref() {
                Some(b) => config_dir.join(b),
                None => crate::config::find_upwards(cwd, BASELINE_FILE).unwrap_or_else(|| {
                    let dir = match config_file {
                        Some(_) => config_dir,
                        None => crate::config::repository_root(cwd).unwrap_or_default(),
                    };
                    dir.join(BASELINE_FILE)
                }),
            },
        };
        let fail_on = match (fail_on, config.check.fail_on.as_deref()) {
            (Some(s), _) => s,
            (None, Some(s)) => s.parse()?,
            (None, None) => Severity::Conflict,
        };
        Ok(GateOptions { baseline, fail_on, policy: StalePolicy::Report, changed_since: None, known_claims: true })
    }
}

/// One canonical body with how often and where it is mentioned (the body listing).
#[derive(Debug, Clone)]
pub struct BodySummary {
    /// Canonical name.
    pub canonical: String,
    /// Type name.
    pub kind: &'static str,
    /// Other names.
    pub aliases: Vec<String>,
    /// Mentions per sheet, in sheet order.
    pub mentions: Vec<(DocId, usize)>,
}

/// What `search` found, and whether the body filter named a known body.
#[derive(Debug, Clone)]
pub struct Found {
    /// Hits, best first.
    pub hits: Vec<Hit>,
    /// The `body` asked for is not a known name: it was matched as written.
    pub unknown_body: bool,
}

/// A search as the command line asks it.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    /// The query, in tantivy's syntax.
    pub query: String,
    /// Most hits.
    pub limit: std::num::NonZeroUsize,
    /// Sheet globs (ripgrep's `-g` rules).
    pub doc_globs: Vec<String>,
    /// Only passages mentioning this body (any alias).
    pub body: Option<String>,
    /// Only passages mentioning a date on or after this.
    pub from: Option<Date>,
    /// Only passages mentioning a date on or before this.
    pub to: Option<Date>,
}

impl Session {
    /// The discrepancy report over the whole corpus: cross-check, then chronology.
    ///
    /// # Errors
    /// The index cannot be read.
    pub fn report(&self) -> Result<Report> {
        let view = self.view()?;
        Ok(report_of(&view.claims, view.sheets.len(), warnings_of(&self.problems, &view)))
    }

    /// The report of the claims about one body (any alias; a name no claim resolves to is
    /// also matched as part of a subject), or of all claims.
    ///
    /// # Errors
    /// No claim is about `body`, or the index cannot be read.
    pub fn timeline(&self, body: Option<&str>) -> Result<Report> {
        let view = self.view()?;
        let claims: Vec<Arc<Claim>> = match body {
            Some(name) => {
                let canonical = view.registry.canonical(name).unwrap_or(name).to_string();
                let wanted = canonical.to_lowercase();
                let picked: Vec<_> = view
                    .claims
                    .iter()
                    .filter(|c| c.subject.to_lowercase() == wanted || c.subject.to_lowercase().contains(&wanted))
                    .cloned()
                    .collect();
                if picked.is_empty() {
                    return Err(crate::Error::NoClaimAbout { name: name.to_string() });
                }
                picked
            }
            None => view.claims.clone(),
        };
        Ok(report_of(&claims, view.sheets.len(), warnings_of(&self.problems, &view)))
    }

    /// The CI gate: the findings against the baseline.
    ///
    /// # Errors
    /// The index or the baseline cannot be read, or `git` fails for `changed_since`.
    pub fn gate(&self, opts: &GateOptions) -> Result<Gate> {
        let baseline = Baseline::load_or_empty(&opts.baseline)?;
        let t = std::time::Instant::now();
        let checked = check_cache::run(self)?;
        let t = crate::timing::phase(&format!("check ({:?})", checked.how), t);
        let (claims, sheets) = (checked.claims, checked.sheets);
        let warnings: Vec<Warning> = self.problems.iter().chain(&checked.warnings).cloned().collect();
        // Claims are read back only for the findings printed with them.
        let accepted: BTreeSet<&str> = baseline.entries.iter().map(|e| e.id.as_str()).collect();
        let findings = checked.into_findings(|id| opts.known_claims || !accepted.contains(id))?;
        drop(accepted);
        crate::timing::phase("findings", t);
        let mut gate = crate::baseline::gate(findings, &baseline, opts.fail_on)
            .with_counts(claims, sheets)
            .with_policy(opts.policy)
            .with_warnings(warnings);
        if let Some(rev) = &opts.changed_since {
            gate = gate.with_changed(changed_since(&self.corpus, rev)?);
        }
        Ok(gate)
    }

    /// Writes the baseline that accepts every current finding (existing reasons are
    /// kept); returns how many it accepts.
    ///
    /// # Errors
    /// The index or the baseline cannot be read, or the baseline cannot be written.
    pub fn update_baseline(&self, opts: &GateOptions) -> Result<usize> {
        // A baseline entry holds no claim: none is read back.
        let findings = check_cache::run(self)?.into_findings(|_| false)?;
        let baseline = Baseline::load_or_empty(&opts.baseline)?;
        baseline.updated(&findings).save(&opts.baseline)?;
        Ok(findings.len())
    }

    /// The canonical bodies with their mentions per sheet, in the registry's order.
    ///
    /// # Errors
    /// The index cannot be read.
    pub fn bodies(&self) -> Result<Vec<BodySummary>> {
        let view = self.view_without_claims()?;
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
        Ok(view
            .registry
            .bodies()
            .iter()
            .map(|b| BodySummary {
                canonical: b.canonical.clone(),
                kind: b.kind.as_str(),
                aliases: b.aliases.clone(),
                mentions: counts.remove(b.canonical.as_str()).unwrap_or_default(),
            })
            .collect())
    }

    /// Every stored sheet record, sorted by id (for the full listings of dates and body
    /// mentions).
    ///
    /// # Errors
    /// The index cannot be read.
    pub fn records(&self) -> Result<Vec<SheetRecord>> {
        self.index.sheets()
    }

    /// Runs a search; the body filter matches every alias of the body named.
    ///
    /// # Errors
    /// The query or a glob does not parse, `from` is after `to`, or the index cannot be read.
    pub fn search(&self, req: &SearchRequest) -> Result<Found> {
        let mut unknown_body = false;
        let body_names = match &req.body {
            Some(name) => {
                let registry = self.registry()?;
                match registry.body(name) {
                    Some(_) => registry.names_of(name).iter().map(|n| n.to_lowercase()).collect(),
                    None => {
                        unknown_body = true;
                        vec![name.to_lowercase()]
                    }
                }
            }
            None => Vec::new(),
        };
        if let (Some(from), Some(to)) = (&req.from, &req.to)
            && from.days().0 > to.days().1
        {
            return Err(crate::Error::Invalid(format!("--from {from} is after --to {to}: nothing can match")));
        }
        let opts = SearchOptions {
            limit: req.limit,
            doc_globs: req.doc_globs.clone(),
            body_names,
            from: req.from,
            to: req.to,
        };
        let t = std::time::Instant::now();
        let hits = self.index.search(&req.query, &opts)?;
        crate::timing::phase("search", t);
        Ok(Found { hits, unknown_body })
    }

    /// Writes every passage with its dates, bodies and claims as NDJSON, streamed: the
    /// alias registry (cached in the index), then the stored records a batch at a time,
    /// each sheet's claims resolved on the way. Nothing corpus-wide is held but the
    /// registry and the list of files.
    ///
    /// # Errors
    /// The index cannot be read, a sheet cannot be re-read, or writing fails.
    pub fn export(&self, w: &mut dyn Write) -> std::io::Result<()> {
        let registry = self.registry().map_err(std::io::Error::other)?;
        let (files, _) = crate::corpus::scan(&self.corpus).map_err(std::io::Error::other)?;
        let files: BTreeMap<&DocId, &SheetFile> = files.iter().map(|f| (&f.id, f)).collect();
        let sheet_lines = |record: &SheetRecord| -> std::io::Result<Vec<u8>> {
            let mut buf = Vec::new();
            let Some(f) = files.get(&record.id) else { return Ok(buf) };
            let mut doc = Document::load(f, &self.manifest).map_err(std::io::Error::other)?;
            doc.title.clone_from(&record.title);
            let mut claims = record.extraction.claims.clone();
            registry.resolve_claims(&mut claims);
            crate::export::write_ndjson(&mut buf, &crate::export::passages(&doc, record, &registry, &claims))?;
            Ok(buf)
        };
        for records in self.index.record_batches(EXPORT_BATCH).map_err(std::io::Error::other)? {
            let records = records.map_err(std::io::Error::other)?;
            let lines: Vec<Vec<u8>> = records.par_iter().map(sheet_lines).collect::<std::io::Result<_>>()?;
            lines.iter().try_for_each(|bytes| w.write_all(bytes))?;
        }
        Ok(())
    }
}

/// Sheets exported per batch: decoded and rendered in parallel, written in order.
const EXPORT_BATCH: usize = 256;

/// Every warning of a run: the sheets that could not be read (`problems`) and what
/// extraction met in the sheets of `view` ("31 June 1997").
pub fn warnings_of(problems: &[Warning], view: &CorpusView) -> Vec<Warning> {
    problems.iter().chain(view.sheets.iter().flat_map(|s| &s.warnings)).cloned().collect()
}

/// The report of `claims`: cross-check, chronology, counts (no I/O). `sheets` is the
/// number of sheets read.
pub fn report_of(claims: &[Arc<Claim>], sheets: usize, warnings: Vec<Warning>) -> Report {
    Report::new(cross_check_shared(claims), timeline_shared(claims), claims.len(), sheets, warnings)
}

/// [`report_of`] over owned claims (tests, examples, library callers).
pub fn report_of_claims(claims: &[Claim], sheets: usize, warnings: Vec<Warning>) -> Report {
    report_of(&claims.iter().cloned().map(Arc::new).collect::<Vec<_>>(), sheets, warnings)
}

/// Sheets (as corpus-relative ids) changed in the work tree since `rev`, new files included.
fn changed_since(corpus: &Path, rev: &str) -> Result<BTreeSet<DocId>> {
    let git = |args: &[&str]| -> Result<String> {
        let out = std::process::Command::new("git")
            .arg("-C")
            .arg(corpus)
            .args(args)
            .output()
            .map_err(|source| crate::Error::GitMissing { source })?;
        if !out.status.success() {
            return Err(crate::Error::Git(String::from_utf8_lossy(&out.stderr).trim().to_string()));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let mut names = git(&["diff", "--name-only", "--relative", rev, "--", "."])?;
    names.push_str(&git(&["ls-files", "--others", "--exclude-standard", "--", "."])?);
    Ok(names.lines().filter(|l| !l.trim().is_empty()).map(|l| DocId(l.trim().to_string())).collect())
}

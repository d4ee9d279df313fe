//! Ties the stages together for the commands: open and update the index, then give a
//! corpus-wide view (sheets, canonical bodies, resolved claims) in a fixed order.
//!
//! Every command that reads the index goes through [`Session::open`], which brings the
//! index up to date first, so results are never stale.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use rayon::iter::{IntoParallelRefMutIterator as _, ParallelIterator as _};
use rayon::slice::ParallelSliceMut as _;

use crate::config::Config;
use crate::corpus::Manifest;
use crate::date::Date;
use crate::error::Result;
use crate::extract::Claim;
use crate::extract::bodies::Registry;
use crate::index::{CorpusIndex, SheetSummary};

mod ingest;

pub use ingest::{Ingested, NoProgress, Progress, SheetError, UpdateStats, extract_files, ingest, update_index};

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
    /// Sheets that could not be read (left out of every result).
    pub problems: Vec<SheetError>,
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
        if !opts.corpus.is_dir() {
            return Err(crate::Error::CorpusNotDir { path: opts.corpus.clone() });
        }
        let config = Config::load(opts.config.as_deref())?;
        let manifest = Manifest::load(&opts.corpus)?.with_registers(&config.dates.register).map_err(|message| {
            crate::error::Error::Parse {
                path: opts.config.clone().unwrap_or_else(|| crate::config::CONFIG_FILE.into()),
                message,
            }
        })?;
        let (mut index, mut rebuilt) = CorpusIndex::open(&opts.index, opts.lock_wait)?;
        let (mut stats, problems) =
            match update_index(&mut index, &opts.corpus, &manifest, opts.reference_date, progress) {
                Ok(done) => done,
                // The corpus is the source of truth: an index that fails while updating (a file
                // left by a killed run, a damaged segment) is rebuilt once from it.
                Err(crate::Error::Index { message, .. }) => {
                    drop(index);
                    index = CorpusIndex::rebuild(&opts.index, opts.lock_wait)?;
                    rebuilt = Some(format!("index failed while updating ({message}); rebuilt from the corpus"));
                    update_index(&mut index, &opts.corpus, &manifest, opts.reference_date, progress)?
                }
                Err(e) => return Err(e),
            };
        stats.rebuilt = rebuilt;
        Ok(Session { index, config, manifest, stats, problems })
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

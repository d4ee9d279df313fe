//! `concord serve`: the corpus, its findings and its chronology in a browser.
//!
//! The library side turns a [`Request`] into a [`Response`] ([`App::handle`]) without any
//! socket, so every page and JSON endpoint is testable in process; [`serve`] binds
//! 127.0.0.1 and feeds it from `net.rs`: one thread per kept-alive connection, at most
//! `workers` requests answered at once. Files: `http.rs` (request, response, headers),
//! `pages.rs` (one handler per page or endpoint), `net.rs` (the connections), `watch.rs`
//! (when to run the freshness check).
//!
//! **State, and why requests do not queue behind each other.** The open index is shared
//! by every worker: a search takes its own tantivy searcher and runs beside any other
//! request. What a request reads comes from a `Snapshot` (generation, alias registry,
//! problems) swapped whole when the index changes; what is derived from the whole corpus
//! (the view and the report, and per body its report and mentions) is computed once per
//! generation and shared, and so are the rendered corpus-wide pages (findings, bodies,
//! sheets, chronology: up to tens of megabytes on a large corpus), answered without a
//! copy. Only two short critical sections remain:
//! - the freshness check: with filesystem notifications a request drains the event queue
//!   (microseconds) and runs the full check only when something changed; requests that
//!   arrive meanwhile wait for it, which is what makes an edited sheet show on the next
//!   request. Without notifications every request runs the check, coalesced: one that
//!   started after the request arrived will do;
//! - an update holds the session for writing (only when a sheet changed): requests wait
//!   for it, as they must to see the change; every other use of the session is shared
//!   (and the corpus view, read under it, never mixes two states of the index).
//!
//! **The index lock** is released once the index is open and taken back only while an
//! update writes, so CLI commands on the same index run while the server does.
//!
//! **Security.** Read-only: only `GET` and `HEAD`, nothing is written to the corpus. A
//! `Host` that is not this loopback address and port is refused (DNS rebinding); no CORS
//! header is ever sent; a CSP allows scripts only from `/app.js`; every piece of corpus
//! text goes through `escape_html` or is put in the DOM with `textContent`.

mod http;
mod net;
mod pages;
mod watch;

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Instant;

pub use http::{Request, Response, SECURITY_HEADERS, decode, host_allowed};

use crate::check::Finding;
use crate::corpus::DocId;
use crate::error::{Error, Result};
use crate::extract::bodies::Registry;
use crate::pipeline::{CorpusView, NoProgress, Options, Session, update_index};
use crate::report::Report;
use crate::report::html::escape_html;

/// What is derived from one state of the index.
struct Derived {
    /// Sheets, registry, claims.
    view: CorpusView,
    /// Findings and the merged timeline.
    report: Arc<Report>,
}

/// What the pages of one body show, computed once per generation.
struct BodyData {
    /// The report of the claims about the body (its chronology and findings).
    report: Arc<Report>,
    /// Mentions of the body per sheet, the most mentions first.
    per_sheet: Vec<(DocId, u64)>,
}

/// Bodies whose data is kept per generation; beyond it the cache starts over.
const BODY_CACHE_SIZE: usize = 256;

/// What every request reads, swapped whole when the index changes.
struct Snapshot {
    /// Bumped whenever the content of the index changed.
    generation: u64,
    /// The alias registry of this generation (search needs only this).
    registry: Arc<Registry>,
    /// Problems of the last check, as messages.
    problems: Arc<Vec<crate::warning::Warning>>,
}

/// The freshness check's own state, behind its mutex.
struct Fresh {
    /// Tells whether the corpus may have changed (inotify), else says always.
    watcher: watch::Watcher,
    /// When the last successful freshness check started.
    checked: Option<Instant>,
    /// The last check failed (e.g. the lock was held too long): check on the next request.
    failed: bool,
    /// The index's content key after the last check.
    key: [u8; 32],
}

/// Locks a mutex, taking the data of a poisoned one (a panicking request changes nothing
/// the next one cannot use).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Shares a read-write lock (never twice on one thread: a waiting update would block the
/// second read, and the first would never be let go).
fn read<T>(m: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    m.read().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The UI over one corpus and index.
pub struct App {
    opts: Options,
    port: u16,
    /// The open index (searched by every worker at once) and its configuration; written
    /// only by an update.
    session: RwLock<Session>,
    /// The freshness check; held only while it runs.
    fresh: Mutex<Fresh>,
    /// The current snapshot.
    snapshot: RwLock<Arc<Snapshot>>,
    /// The corpus view and report of a generation; held while they are computed, so the
    /// pages that need them wait for one computation instead of each running their own.
    derived: Mutex<Option<(u64, Arc<Derived>)>>,
    /// Per-body data of a generation, by canonical name.
    bodies: Mutex<(u64, BTreeMap<String, Arc<BodyData>>)>,
    /// Rendered pages computed from the whole corpus, for one generation.
    responses: Mutex<Responses>,
    /// One lock per kept page being rendered, by key (see [`App::render_once`]).
    rendering: Mutex<HashMap<String, Arc<Mutex<()>>>>,
}

/// The rendered pages of one generation, by request (see [`cache_key`]).
#[derive(Default)]
struct Responses {
    generation: u64,
    /// Sum of the bodies held.
    bytes: usize,
    by_key: HashMap<String, Response>,
}

/// Most bytes of rendered pages kept; beyond it the cache starts over.
const RESPONSE_CACHE_BYTES: usize = 256 << 20;

/// The key under which the response to `req` is kept, for the pages that are a function
/// of the generation and the request alone (the sheet pages read a file and are cheap:
/// not kept). The findings pages also show the baseline, read on each request: its size
/// and modification time are part of their key.
fn cache_key(session: &Session, opts: &Options, req: &Request) -> Option<String> {
    let path = req.path();
    let kept = matches!(
        path,
        "/findings"
            | "/api/findings"
            | "/bodies"
            | "/api/bodies"
            | "/body"
            | "/api/body"
            | "/sheets"
            | "/chronology"
            | "/api/chronology"
    );
    if !kept {
        return None;
    }
    let url = req.url.split('#').next().unwrap_or("");
    if path.ends_with("findings") {
        let stamp = std::fs::metadata(pages::baseline_path(session, opts)).ok().map(|m| (m.len(), m.modified().ok()));
        return Some(format!("{url}\u{0}{stamp:?}"));
    }
    Some(url.to_string())
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App").field("corpus", &self.opts.corpus).field("port", &self.port).finish_non_exhaustive()
    }
}

/// What a page handler gets: the app, the snapshot, and for every page but search the
/// corpus view and report.
struct Ctx<'a> {
    app: &'a App,
    session: &'a Session,
    registry: &'a Registry,
    derived: Option<Arc<Derived>>,
    generation: u64,
    problems: &'a [crate::warning::Warning],
    opts: &'a Options,
}

impl Ctx<'_> {
    /// The corpus view and report; [`pages::route`] only calls this on pages for which
    /// [`needs_view`] built them.
    fn d(&self) -> &Derived {
        static EMPTY: std::sync::LazyLock<Derived> = std::sync::LazyLock::new(|| Derived {
            view: CorpusView::default(),
            report: Arc::new(Report::new(Vec::new(), Vec::new(), 0, 0, Vec::new())),
        });
        self.derived.as_deref().unwrap_or(&EMPTY)
    }

    /// The report and mentions of the body `canonical`, computed once per generation.
    fn body(&self, canonical: &str) -> Arc<BodyData> {
        {
            let cache = lock(&self.app.bodies);
            if cache.0 == self.generation
                && let Some(b) = cache.1.get(canonical)
            {
                return Arc::clone(b);
            }
        }
        // Computed outside the lock: pages of other bodies do not wait for this one. Two
        // requests for the same new body may both compute it; both results are equal.
        let data = Arc::new(BodyData {
            report: Arc::new(pages::body_report(self, canonical)),
            per_sheet: pages::mentions_per_sheet(self, canonical),
        });
        let mut cache = lock(&self.app.bodies);
        if cache.0 != self.generation || cache.1.len() >= BODY_CACHE_SIZE {
            *cache = (self.generation, BTreeMap::new());
        }
        cache.1.insert(canonical.to_string(), Arc::clone(&data));
        data
    }
}

/// Whether a path needs the corpus-wide view (everything but search does).
fn needs_view(path: &str) -> bool {
    !matches!(path, "/" | "/search" | "/api/search")
}

impl App {
    /// Opens and updates the index (as every command does) for a server on `port`, then
    /// lets go of the index lock (each later update takes it back while it writes).
    ///
    /// # Errors
    /// As [`Session::open`].
    pub fn open(opts: Options, port: u16) -> Result<App> {
        let mut session = Session::open(&opts, &NoProgress)?;
        session.index.release_lock();
        let problems = session.problems.clone();
        // Watches are set before the first check below is trusted: an edit made after
        // `Session::open`'s update and before the watches exist is caught by the check
        // that the first request then runs.
        let watcher = watch::Watcher::new(&opts.corpus);
        let key = session.index.content_key()?;
        let registry = Arc::new(session.registry()?);
        let snapshot = Snapshot { generation: 0, registry, problems: Arc::new(problems) };
        Ok(App {
            opts,
            port,
            session: RwLock::new(session),
            fresh: Mutex::new(Fresh { watcher, checked: None, failed: false, key }),
            snapshot: RwLock::new(Arc::new(snapshot)),
            derived: Mutex::new(None),
            bodies: Mutex::new((0, BTreeMap::new())),
            responses: Mutex::new(Responses::default()),
            rendering: Mutex::new(HashMap::new()),
        })
    }

    /// The port the Host check accepts.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Answers one request. Never panics on any input; errors become 4xx/5xx pages.
    /// Any number of threads may call it at once.
    pub fn handle(&self, req: &Request) -> Response {
        let arrived = Instant::now();
        if !host_allowed(req.host.as_deref(), self.port) {
            return Response::text(
                403,
                "concord serve answers only requests for its own loopback address (Host: 127.0.0.1 or localhost with its port)\n",
            );
        }
        if req.method != "GET" && req.method != "HEAD" {
            return Response::text(405, "concord serve is read-only: GET and HEAD only\n");
        }
        let path = req.path();
        match path {
            "/app.js" => {
                return Response {
                    status: 200,
                    content_type: "text/javascript; charset=utf-8",
                    body: APP_JS.as_bytes().into(),
                    timing: None,
                };
            }
            "/favicon.ico" => {
                return Response { status: 204, content_type: "image/x-icon", body: Arc::from(&[][..]), timing: None };
            }
            _ => {}
        }
        let waited = Instant::now();
        let snapshot = match self.refresh(arrived) {
            Ok(s) => s,
            Err(e) => {
                return error_page(
                    path,
                    500,
                    &format!("the index could not be brought up to date: {}", e.full_message()),
                );
            }
        };
        let checked = Instant::now();
        let derived = if needs_view(path) {
            match self.derived(&snapshot) {
                Ok(d) => Some(d),
                Err(e) => {
                    return error_page(path, 500, &format!("the corpus view could not be built: {}", e.full_message()));
                }
            }
        } else {
            None
        };
        // Shared with every other request; taken after `derived`, which takes it itself.
        let session = read(&self.session);
        let ctx = Ctx {
            app: self,
            session: &session,
            registry: &snapshot.registry,
            derived,
            generation: snapshot.generation,
            problems: &snapshot.problems,
            opts: &self.opts,
        };
        let viewed = Instant::now();
        let key = cache_key(&session, &self.opts, req);
        let kept = key.as_ref().and_then(|k| {
            let cache = lock(&self.responses);
            (cache.generation == snapshot.generation).then(|| cache.by_key.get(k).cloned()).flatten()
        });
        let mut res = match (kept, key) {
            (Some(res), _) => res,
            (None, None) => pages::route(&ctx, req),
            (None, Some(k)) => self.render_once(&ctx, req, snapshot.generation, k),
        };
        let ms = |a: Instant, b: Instant| b.duration_since(a).as_secs_f64() * 1000.0;
        res.timing = Some(format!(
            "fresh;dur={:.2}, view;dur={:.2}, page;dur={:.2}",
            ms(waited, checked),
            ms(checked, viewed),
            ms(viewed, Instant::now())
        ));
        res
    }

    /// Renders the kept page `key` of `generation` once when several requests for it
    /// arrive together: the first renders and keeps it, the others wait for it and take
    /// the kept page (before, each rendered its own: 8–11 s each for the first findings
    /// or body page of the 100 MB corpus under load).
    fn render_once(&self, ctx: &Ctx<'_>, req: &Request, generation: u64, key: String) -> Response {
        let turn = Arc::clone(lock(&self.rendering).entry(key.clone()).or_default());
        let _turn = lock(&turn);
        let kept = {
            let cache = lock(&self.responses);
            (cache.generation == generation).then(|| cache.by_key.get(&key).cloned()).flatten()
        };
        if let Some(res) = kept {
            return res;
        }
        let res = pages::route(ctx, req);
        if res.status == 200 {
            self.keep(generation, key.clone(), &res);
        }
        lock(&self.rendering).remove(&key);
        res
    }

    /// Keeps a rendered page of `generation` (dropping those of other generations).
    fn keep(&self, generation: u64, key: String, res: &Response) {
        let mut cache = lock(&self.responses);
        if cache.generation != generation {
            if cache.generation > generation {
                return;
            }
            *cache = Responses { generation, ..Responses::default() };
        }
        if cache.bytes + res.body.len() > RESPONSE_CACHE_BYTES {
            cache.by_key.clear();
            cache.bytes = 0;
        }
        if res.body.len() <= RESPONSE_CACHE_BYTES {
            cache.bytes += res.body.len();
            if let Some(old) = cache.by_key.insert(key, res.clone()) {
                cache.bytes -= old.body.len();
            }
        }
    }

    /// The snapshot a request that arrived at `arrived` must see: after the freshness
    /// check when one is due (see the module doc).
    fn refresh(&self, arrived: Instant) -> Result<Arc<Snapshot>> {
        let mut fresh = lock(&self.fresh);
        // With notifications, the full check runs only after an event (or on the first
        // request, or after a failed one); without, on every request (coalesced: one that
        // started after this request arrived will do).
        let must_check = if fresh.watcher.active() {
            let changed = fresh.watcher.changed();
            changed || fresh.checked.is_none() || fresh.failed
        } else {
            fresh.failed || fresh.checked.is_none_or(|t| t < arrived)
        };
        if must_check {
            fresh.failed = true;
            let started = Instant::now();
            self.check(&mut fresh)?;
            fresh.failed = false;
            // New folders get a watch (a folder created empty changes no stats).
            if fresh.checked.is_some() {
                fresh.watcher.rewatch();
            }
            fresh.checked = Some(started);
        }
        drop(fresh);
        Ok(Arc::clone(&*self.snapshot.read().unwrap_or_else(std::sync::PoisonError::into_inner)))
    }

    /// The full freshness check: updates the index and, when its content or the problems
    /// changed, publishes a new snapshot. Called with the freshness mutex held.
    fn check(&self, fresh: &mut Fresh) -> Result<()> {
        let mut session = self.session.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        let session = &mut *session;
        let (stats, problems) = update_index(
            &mut session.index,
            &self.opts.corpus,
            &session.manifest,
            self.opts.reference_date,
            &NoProgress,
        )?;
        // The content key changes whenever a sheet is written or removed, by this process or
        // (seen after the reload that starts the update) by another one. A sheet touched but
        // unchanged is re-written with the same content: nothing derived from it changes, so
        // a key changed by this update's own writes alone does not start a new generation.
        let key = session.index.content_key()?;
        let ours = stats.added + stats.updated + stats.removed > 0;
        let foreign = key != fresh.key && stats.passages == 0;
        fresh.key = key;
        let old = Arc::clone(&*self.snapshot.read().unwrap_or_else(std::sync::PoisonError::into_inner));
        if !ours && !foreign && problems == *old.problems {
            return Ok(());
        }
        let registry = Arc::new(session.registry()?);
        let snapshot = Snapshot { generation: old.generation + 1, registry, problems: Arc::new(problems) };
        *self.snapshot.write().unwrap_or_else(std::sync::PoisonError::into_inner) = Arc::new(snapshot);
        Ok(())
    }

    /// The corpus view and report of `snapshot`'s generation, computed by the first
    /// request that needs them.
    fn derived(&self, snapshot: &Snapshot) -> Result<Arc<Derived>> {
        let mut slot = lock(&self.derived);
        if let Some((g, d)) = &*slot
            && *g >= snapshot.generation
        {
            return Ok(Arc::clone(d));
        }
        // No update may commit while the view is read; the generation is read again under
        // this guard, so the view is labelled with the state it was read from.
        let session = read(&self.session);
        let current = Arc::clone(&*self.snapshot.read().unwrap_or_else(std::sync::PoisonError::into_inner));
        *slot = None;
        let view = session.view()?;
        let warnings = crate::pipeline::warnings_of(&current.problems, &view);
        let report = Arc::new(crate::pipeline::report_of(&view.claims, view.sheets.len(), warnings));
        let d = Arc::new(Derived { view, report });
        *slot = Some((current.generation, Arc::clone(&d)));
        Ok(d)
    }
}

/// An error as JSON under `/api/`, else as a page.
fn error_page(path: &str, status: u16, message: &str) -> Response {
    if path.starts_with("/api/") {
        Response::json(status, &serde_json::json!({ "error": message }))
    } else {
        Response::html(status, pages::layout("Error", "", &format!("<p class=\"error\">{}</p>", escape_html(message))))
    }
}

/// The script of the search page: results as you type, built with `textContent` only.
const APP_JS: &str = include_str!("app.js");

/// How [`serve`] runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Requests answered at once (connections are not limited by it: an idle kept-alive
    /// connection holds no worker).
    pub workers: usize,
}

/// Requests answered at once by default: enough that a slow corpus-wide page (rendered
/// once per index state) does not hold up searches on a small machine.
pub const DEFAULT_WORKERS: u16 = 8;

/// Binds 127.0.0.1:`port`, opens the index, then calls `ready` with the address and
/// answers requests until the process ends.
///
/// # Errors
/// The port cannot be bound, or the index cannot be opened.
pub fn serve(opts: Options, serve: &ServeOptions, ready: impl FnOnce(SocketAddr)) -> Result<()> {
    let bind_error =
        |e: std::io::Error| Error::Write { path: PathBuf::from(format!("127.0.0.1:{}", serve.port)), source: e };
    let listener = std::net::TcpListener::bind(("127.0.0.1", serve.port)).map_err(bind_error)?;
    let addr = listener.local_addr().map_err(bind_error)?;
    let app = Arc::new(App::open(opts, addr.port())?);
    ready(addr);
    net::run(&listener, serve.workers, Arc::new(move |req: &Request| app.handle(req))).map_err(bind_error)?;
    Ok(())
}

/// The tally of a finding's values: each value with the sheets giving it, fewest sheets
/// first (the dissenters), then by value.
pub fn tally(f: &Finding) -> Vec<(String, Vec<(String, u32)>)> {
    let mut by_value: std::collections::BTreeMap<String, Vec<(String, u32)>> = std::collections::BTreeMap::new();
    for c in &f.claims {
        by_value.entry(c.date.to_string()).or_default().push((c.doc.as_str().to_string(), c.line));
    }
    let mut out: Vec<_> = by_value.into_iter().collect();
    out.sort_by(|a, b| a.1.len().cmp(&b.1.len()).then_with(|| a.0.cmp(&b.0)));
    out
}

#[cfg(test)]
mod tests;

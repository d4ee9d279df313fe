//! `concord serve`: the corpus, its findings and its chronology in a browser.
//!
//! The library side turns a [`Request`] into a [`Response`] ([`App::handle`]) without any
//! socket, so every page and JSON endpoint is testable in process; [`serve`] is the thin
//! loop that feeds it from a `tiny_http` listener bound to 127.0.0.1.
//!
//! **State.** One [`Session`] (the index, opened and locked once) behind a mutex. Before
//! each request the index gets the same freshness check as every CLI command
//! ([`crate::index::CorpusIndex::update`]: stat every sheet, re-read the changed ones), so
//! an edited sheet shows on the next request. Checks coalesce: a request is satisfied by a
//! check that started after it arrived. What is derived from the whole corpus (the view,
//! the report) is rebuilt only when the index's content key changes.
//!
//! **Security.** Read-only: only `GET` and `HEAD`, nothing is written to the corpus. A
//! `Host` that is not this loopback address and port is refused (DNS rebinding); no CORS
//! header is ever sent; a CSP allows scripts only from `/app.js`; every piece of corpus
//! text goes through [`escape_html`] or is put in the DOM with `textContent`.

mod http;
mod pages;
mod watch;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

pub use http::{Request, Response, SECURITY_HEADERS, decode, host_allowed};

use crate::check::Finding;
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
    report: Report,
}

/// Mutable server state.
struct State {
    session: Session,
    /// Tells whether the corpus may have changed (inotify), else says always.
    watcher: watch::Watcher,
    /// When the last freshness check started.
    checked: Option<Instant>,
    /// Bumped whenever a freshness check changed the index.
    generation: u64,
    /// Problems of the last check, as messages.
    problems: Vec<String>,
    /// The alias registry of `generation` (search needs only this).
    registry: Option<(u64, Arc<Registry>)>,
    /// The corpus view and report of `generation` (built on the first page that needs them).
    derived: Option<(u64, Arc<Derived>)>,
}

/// The UI over one corpus and index.
pub struct App {
    opts: Options,
    port: u16,
    state: Mutex<State>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App").field("corpus", &self.opts.corpus).field("port", &self.port).finish_non_exhaustive()
    }
}

/// What a page handler gets: the session (locked), the registry, and for every page but
/// search the corpus view and report.
struct Ctx<'a> {
    session: &'a Session,
    registry: &'a Registry,
    derived: Option<&'a Derived>,
    problems: &'a [String],
    opts: &'a Options,
}

impl Ctx<'_> {
    /// The corpus view and report; [`pages::route`] only calls this on pages for which
    /// [`needs_view`] built them.
    fn d(&self) -> &Derived {
        static EMPTY: std::sync::LazyLock<Derived> = std::sync::LazyLock::new(|| Derived {
            view: CorpusView::default(),
            report: Report::new(Vec::new(), Vec::new(), 0, 0, Vec::new()),
        });
        self.derived.unwrap_or(&EMPTY)
    }
}

/// Whether a path needs the corpus-wide view (everything but search does).
fn needs_view(path: &str) -> bool {
    !matches!(path, "/" | "/search" | "/api/search")
}

impl App {
    /// Opens and updates the index (as every command does) for a server on `port`.
    ///
    /// # Errors
    /// As [`Session::open`].
    pub fn open(opts: Options, port: u16) -> Result<App> {
        let session = Session::open(&opts, &NoProgress)?;
        let problems = session.problems.iter().map(|p| p.error.to_string()).collect();
        // Watches are set before the first check below is trusted: an edit made after
        // `Session::open`'s update and before the watches exist is caught by the check
        // that the first request then runs.
        let watcher = watch::Watcher::new(&opts.corpus);
        let state = State { session, watcher, checked: None, generation: 0, problems, registry: None, derived: None };
        Ok(App { opts, port, state: Mutex::new(state) })
    }

    /// The port the Host check accepts.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Answers one request. Never panics on any input; errors become 4xx/5xx pages.
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
                    body: APP_JS.into(),
                    timing: None,
                };
            }
            "/favicon.ico" => {
                return Response { status: 204, content_type: "image/x-icon", body: Vec::new(), timing: None };
            }
            _ => {}
        }
        let mut state = match self.state.lock() {
            Ok(s) => s,
            Err(poisoned) => poisoned.into_inner(),
        };
        let locked = Instant::now();
        if let Err(e) = self.refresh(&mut state, arrived, needs_view(path)) {
            return error_page(path, 500, &format!("the index could not be brought up to date: {e}"));
        }
        let (Some((_, registry)), derived) = (&state.registry, &state.derived) else {
            return error_page(path, 500, "the index has no alias registry");
        };
        let ctx = Ctx {
            session: &state.session,
            registry,
            derived: derived.as_ref().map(|(_, d)| &**d),
            problems: &state.problems,
            opts: &self.opts,
        };
        let fresh = Instant::now();
        let mut res = pages::route(&ctx, req);
        let ms = |a: Instant, b: Instant| b.duration_since(a).as_secs_f64() * 1000.0;
        res.timing = Some(format!(
            "wait;dur={:.2}, fresh;dur={:.2}, page;dur={:.2}",
            ms(arrived, locked),
            ms(locked, fresh),
            ms(fresh, Instant::now())
        ));
        res
    }

    /// The freshness check (unless one started after `arrived`), then what the request
    /// needs of the derived data, rebuilt when the index changed.
    fn refresh(&self, state: &mut State, arrived: Instant, view: bool) -> Result<()> {
        // With notifications, the full check runs only after an event (or on the first
        // request); without, on every request (coalesced: one that started after this
        // request arrived will do).
        let must_check = if state.watcher.active() {
            let changed = state.watcher.changed();
            changed || state.checked.is_none()
        } else {
            state.checked.is_none_or(|t| t < arrived)
        };
        if must_check {
            let started = Instant::now();
            let (stats, problems) = update_index(
                &mut state.session.index,
                &self.opts.corpus,
                &state.session.manifest,
                self.opts.reference_date,
                &NoProgress,
            )?;
            // A sheet touched but unchanged is re-written with the same content: nothing
            // derived from it changes. A sheet that became unreadable left the index.
            if stats.added + stats.updated + stats.removed > 0 || !problems.is_empty() || !state.problems.is_empty() {
                state.generation += 1;
            }
            // New folders get a watch (a folder created empty changes no stats).
            if state.checked.is_some() {
                state.watcher.rewatch();
            }
            state.problems = problems.iter().map(|p| p.error.to_string()).collect();
            state.checked = Some(started);
        }
        let generation = state.generation;
        if view && state.derived.as_ref().is_none_or(|(g, _)| *g != generation) {
            state.derived = None;
            let view = state.session.view()?;
            let warnings = state
                .problems
                .iter()
                .map(|m| crate::report::Warning { doc: None, line: None, message: m.clone() })
                .collect();
            let report = crate::pipeline::report_of(&view.claims, view.sheets.len(), warnings);
            state.registry = Some((generation, Arc::new(view.registry.clone())));
            state.derived = Some((generation, Arc::new(Derived { view, report })));
        }
        if state.registry.as_ref().is_none_or(|(g, _)| *g != generation) {
            state.registry = Some((generation, Arc::new(state.session.registry()?)));
        }
        Ok(())
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
    /// Worker threads answering requests.
    pub threads: usize,
}

/// Binds 127.0.0.1:`port`, opens the index, then calls `ready` with the address and
/// answers requests until the process ends.
///
/// # Errors
/// The port cannot be bound, or the index cannot be opened.
pub fn serve(opts: Options, serve: &ServeOptions, ready: impl FnOnce(SocketAddr)) -> Result<()> {
    let server = tiny_http::Server::http(("127.0.0.1", serve.port)).map_err(|e| Error::Write {
        path: PathBuf::from(format!("127.0.0.1:{}", serve.port)),
        source: std::io::Error::other(e.to_string()),
    })?;
    let addr = server.server_addr().to_ip().ok_or_else(|| Error::Invalid("the server has no IP address".into()))?;
    let app = Arc::new(App::open(opts, addr.port())?);
    let server = Arc::new(server);
    ready(addr);
    let workers: Vec<_> = (0..serve.threads.max(1))
        .map(|_| {
            let (server, app) = (Arc::clone(&server), Arc::clone(&app));
            std::thread::spawn(move || {
                while let Ok(rq) = server.recv() {
                    answer(&app, rq);
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
    Ok(())
}

/// Answers one tiny_http request through [`App::handle`].
fn answer(app: &App, rq: tiny_http::Request) {
    let host = rq.headers().iter().find(|h| h.field.equiv("Host")).map(|h| h.value.as_str().to_string());
    let req = Request { method: rq.method().as_str().to_string(), url: rq.url().to_string(), host };
    let res = app.handle(&req);
    // The body is whole in memory: always a Content-Length, never chunked.
    let mut out =
        tiny_http::Response::from_data(res.body).with_status_code(res.status).with_chunked_threshold(usize::MAX);
    let mut add = |name: &str, value: &str| {
        if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            out.add_header(h);
        }
    };
    add("Content-Type", res.content_type);
    if let Some(t) = &res.timing {
        add("Server-Timing", t);
    }
    for (name, value) in SECURITY_HEADERS {
        add(name, value);
    }
    // A client that went away is not the server's problem.
    let _ = rq.respond(out);
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

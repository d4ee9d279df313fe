//! `concord serve` over real HTTP on loopback: every page and JSON endpoint, the Host
//! check, escaping of hostile sheet text, freshness after an edit; and the static
//! chronology of `timeline --format html`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use crate::util::Work;

/// A running `concord serve --port 0`, stopped on drop.
pub struct Server {
    child: Child,
    pub port: u16,
}

impl Server {
    pub fn start(corpus: &std::path::Path, index: &std::path::Path, cwd: &std::path::Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_concord"))
            .current_dir(cwd)
            .arg("--corpus")
            .arg(corpus)
            .arg("--index")
            .arg(index)
            .args(["serve", "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start concord serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let port = line
            .split("http://127.0.0.1:")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        Server { child, port }
    }

    /// `GET path` with `Host: host`; returns (status, headers lower-cased, body).
    pub fn get_as(&self, path: &str, host: &str) -> (u16, String, String) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
        let status = head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
        (status, head.to_lowercase(), body.to_string())
    }

    pub fn get(&self, path: &str) -> (u16, String, String) {
        self.get_as(path, &format!("127.0.0.1:{}", self.port))
    }

    pub fn json(&self, path: &str) -> serde_json::Value {
        let (status, head, body) = self.get(path);
        assert_eq!(status, 200, "{path}: {body}");
        assert!(head.contains("content-type: application/json"), "{head}");
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: not JSON ({e}): {body}"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn hostile_corpus() -> Work {
    let w = Work::new();
    w.write(
        "harbour/a.txt",
        "Harbour Authority facts\n\nThe Harbour Authority (HA) was established on 3 March 1961.\n\
         Its board <script>document.title='pwned'</script> met again in 1970.\n",
    );
    w.write("harbour/b.txt", "Harbour Authority history\n\nThe Harbour Authority was established in 1962.\n");
    w.write("c <b>bold</b>.txt", "The Canal Board was set up in 1901.\n");
    w
}

#[test]
fn every_page_and_endpoint_answers() {
    let w = hostile_corpus();
    let s = Server::start(&w.corpus(), &w.index(), w.dir.path());
    for path in [
        "/",
        "/?q=established&from=1960&to=1970&body=HA&sheet=harbour/*",
        "/findings",
        "/bodies",
        "/body?name=HA",
        "/sheets",
        "/sheet?doc=harbour%2Fa.txt",
        "/chronology",
        "/chronology?zoom=month",
        "/chronology?body=Harbour+Authority&zoom=year",
        "/app.js",
    ] {
        let (status, head, body) = s.get(path);
        assert_eq!(status, 200, "{path}: {body}");
        assert!(head.contains("content-security-policy:"), "{path}: {head}");
        assert!(!head.contains("access-control-"), "no CORS header on {path}");
        if path != "/app.js" {
            assert!(body.starts_with("<!DOCTYPE html>") && body.contains("</html>"), "{path}");
            for needle in ["src=\"http", "href=\"http", "@import", "<link", "url("] {
                assert!(!body.contains(needle), "{path}: no external asset ({needle})");
            }
        }
    }
    // The search page filters by alias, date range and sheet, and marks the terms.
    let (_, _, page) = s.get("/?q=established&from=1960&to=1961&body=HA&sheet=harbour/*");
    assert!(page.contains("<mark>established</mark>"), "{page}");
    assert!(page.contains("href=\"/sheet?doc=harbour%2Fa.txt#L3\""), "{page}");
    assert!(!page.contains("harbour/b.txt:3"), "1962 is outside the range");

    let hits = s.json("/api/search?q=established&body=Harbour+Authority");
    assert_eq!(hits["hits"].as_array().unwrap().len(), 2, "{hits}");
    assert!(hits["hits"][0]["parts"].as_array().unwrap().iter().any(|p| p["mark"] == true));
    let bad = s.get("/api/search?q=established&from=1990&to=1980");
    assert_eq!(bad.0, 400, "an inverted range is refused: {}", bad.2);

    let findings = s.json("/api/findings");
    let f = &findings["findings"][0];
    assert_eq!(f["subject"], "Harbour Authority", "{findings}");
    assert_eq!(f["status"], "new");
    assert!(f["claims"][0]["href"].as_str().unwrap().starts_with("/sheet?doc=harbour%2F"));
    let bodies = s.json("/api/bodies");
    assert!(bodies["bodies"].as_array().unwrap().iter().any(|b| b["canonical"] == "Harbour Authority"));
    let body = s.json("/api/body?name=HA");
    assert_eq!(body["canonical"], "Harbour Authority");
    assert_eq!(body["sheets"].as_array().unwrap().len(), 2);
    assert!(body["chronology"]["entries"].as_array().unwrap().iter().any(|e| e["disputed"] == true));
    let sheet = s.json("/api/sheet?doc=harbour%2Fa.txt");
    assert!(sheet["marks"].as_array().unwrap().iter().any(|m| m["kind"] == "claim-date" && m["line"] == 3));
    let chron = s.json("/api/chronology");
    let disputed = chron["entries"].as_array().unwrap().iter().find(|e| e["disputed"] == true).unwrap();
    assert_eq!(disputed["finding"], f["id"], "a disputed event names its finding");
    // The chronology links a disputed event to its finding, which opens on its own.
    let id = f["id"].as_str().unwrap();
    let (_, _, chron_page) = s.get("/chronology");
    assert!(chron_page.contains(&format!("href=\"/findings?id={id}#{id}\"")), "{chron_page}");
    let (status, _, one) = s.get(&format!("/findings?id={id}"));
    assert_eq!(status, 200);
    assert!(one.contains(&format!("id=\"{id}\"")));
    assert_eq!(s.json(&format!("/api/findings?id={id}"))["findings"].as_array().unwrap().len(), 1);
    assert_eq!(s.json("/api/findings?page=2")["findings"].as_array().unwrap().len(), 0, "one page holds them all");

    // Unknown things are 404s, bad parameters 400s, writes 405s.
    assert_eq!(s.get("/nope").0, 404);
    assert_eq!(s.get("/api/body?name=Nobody+Here").0, 404);
    assert_eq!(s.get("/sheet?doc=..%2F..%2Fetc%2Fpasswd").0, 404);
    assert_eq!(s.get("/chronology?zoom=week").0, 400);
}

#[test]
fn hostile_host_headers_are_refused() {
    let w = hostile_corpus();
    let s = Server::start(&w.corpus(), &w.index(), w.dir.path());
    let port = s.port;
    for host in [
        format!("evil.example:{port}"),
        format!("127.0.0.1.nip.example:{port}"),
        format!("localhost:{}", port.wrapping_add(1)),
        "localhost".to_string(),
    ] {
        let (status, head, body) = s.get_as("/api/findings", &host);
        assert_eq!(status, 403, "Host {host} must be refused");
        assert!(!body.contains("Harbour"), "nothing leaks to {host}");
        assert!(!head.contains("access-control-"));
    }
    assert_eq!(s.get_as("/", &format!("localhost:{port}")).0, 200);
    // No Host header at all (HTTP/1.0 style) is refused too.
    let mut c = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(c, "GET / HTTP/1.0\r\n\r\n").unwrap();
    let mut raw = String::new();
    c.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.0 403") || raw.starts_with("HTTP/1.1 403"), "{raw}");
}

#[test]
fn sheet_text_with_script_renders_as_text() {
    let w = hostile_corpus();
    let s = Server::start(&w.corpus(), &w.index(), w.dir.path());
    let (status, _, page) = s.get("/sheet?doc=harbour%2Fa.txt");
    assert_eq!(status, 200);
    assert!(page.contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"), "{page}");
    assert!(!page.contains("<script>document"), "no live script from the sheet");
    // The only script element is the server's own.
    assert_eq!(page.matches("<script").count(), 1);
    assert!(page.contains("<script src=\"/app.js\" defer></script>"));
    // A sheet whose name is markup is listed as text.
    let (_, _, sheets) = s.get("/sheets");
    assert!(sheets.contains("c &lt;b&gt;bold&lt;/b&gt;.txt"), "{sheets}");
    assert!(!sheets.contains("<b>bold"));
    let (status, _, page) = s.get("/sheet?doc=c%20%3Cb%3Ebold%3C%2Fb%3E.txt");
    assert_eq!(status, 200, "{page}");
    assert!(!page.contains("<b>bold"));
}

#[test]
fn an_edited_sheet_shows_on_the_next_request() {
    let w = hostile_corpus();
    let s = Server::start(&w.corpus(), &w.index(), w.dir.path());
    let count = |q: &str| s.json(&format!("/api/search?q={q}"))["hits"].as_array().unwrap().len();
    assert_eq!(count("lighthouse"), 0);
    w.write("harbour/b.txt", "Harbour Authority history\n\nThe lighthouse of the Harbour Authority was lit in 1962.\n");
    assert_eq!(count("lighthouse"), 1, "the edit is searched at once");
    let (_, _, page) = s.get("/sheet?doc=harbour%2Fb.txt");
    assert!(page.contains("lighthouse"));
    w.remove("harbour/b.txt");
    assert_eq!(count("lighthouse"), 0, "a removed sheet leaves the results");
    assert_eq!(s.get("/sheet?doc=harbour%2Fb.txt").0, 404);
    // The corpus is never written: only the two sheets remain.
    let names: Vec<_> = walk(&w.corpus());
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn concurrent_requests_are_all_answered() {
    let w = hostile_corpus();
    let s = Server::start(&w.corpus(), &w.index(), w.dir.path());
    // Searches mixed with the pages computed from the whole corpus, from 8 clients at once:
    // each answer must be complete and the same as when asked alone.
    let paths = [
        "/api/search?q=established&body=Harbour+Authority",
        "/api/findings",
        "/api/search?q=established&from=1960&to=1961",
        "/api/body?name=HA",
        "/api/chronology",
        "/api/search?q=canal",
        "/api/sheet?doc=harbour%2Fa.txt",
        "/api/bodies",
    ];
    let alone: Vec<serde_json::Value> = paths.iter().map(|p| s.json(p)).collect();
    let server = &s;
    std::thread::scope(|scope| {
        for client in 0..8 {
            let alone = &alone;
            scope.spawn(move || {
                for round in 0..12 {
                    let i = (client + round) % paths.len();
                    assert_eq!(server.json(paths[i]), alone[i], "{} from client {client}", paths[i]);
                }
            });
        }
    });
    assert_eq!(alone[0]["hits"].as_array().unwrap().len(), 2, "{}", alone[0]);
    assert_eq!(alone[1]["findings"].as_array().unwrap().len(), 1, "{}", alone[1]);
}

#[test]
fn pages_computed_once_per_index_state_follow_an_edit() {
    let w = hostile_corpus();
    let s = Server::start(&w.corpus(), &w.index(), w.dir.path());
    let disputed = |path: &str, key: &str| {
        s.json(path).pointer(key).unwrap().as_array().unwrap().iter().filter(|e| e["disputed"] == true).count()
    };
    // Computed and kept: the findings, the body's data, the chronology.
    assert_eq!(s.json("/api/findings")["total"], 1);
    assert_eq!(disputed("/api/body?name=HA", "/chronology/entries"), 1);
    assert_eq!(disputed("/api/chronology", "/entries"), 1);
    // The second sheet comes to agree: every cached page drops the dispute.
    w.write("harbour/b.txt", "Harbour Authority history\n\nThe Harbour Authority was established in 1961.\n");
    assert_eq!(s.json("/api/findings")["total"], 0);
    assert_eq!(disputed("/api/body?name=Harbour+Authority", "/chronology/entries"), 0);
    assert_eq!(disputed("/api/body?name=HA", "/chronology/entries"), 0);
    assert_eq!(disputed("/api/chronology", "/entries"), 0);
    let (_, _, page) = s.get("/findings");
    assert!(page.contains("The sheets agree on every event compared."), "{page}");
    // And disagrees again, with another year.
    w.write("harbour/b.txt", "Harbour Authority history\n\nThe Harbour Authority was established in 1965.\n");
    let findings = s.json("/api/findings");
    assert_eq!(findings["total"], 1);
    assert!(findings["findings"][0]["values"].to_string().contains("1965"), "{findings}");
    assert_eq!(disputed("/api/body?name=HA", "/chronology/entries"), 1);
    // A new sheet names a new body: the registry follows too.
    assert_eq!(s.get("/api/body?name=QB").0, 404);
    w.write("d.txt", "The Quarry Board (QB) was founded in 1930.\n");
    assert_eq!(s.json("/api/body?name=QB")["canonical"], "Quarry Board");
    assert_eq!(s.get("/body?name=Quarry+Board").0, 200);
}

#[test]
fn cli_commands_use_the_index_while_serve_runs() {
    let w = hostile_corpus();
    let s = Server::start(&w.corpus(), &w.index(), w.dir.path());
    // Once the server has answered, it holds no lock on the index.
    assert_eq!(s.json("/api/search?q=established")["hits"].as_array().unwrap().len(), 2);
    // A bounded wait: before the server let go of the lock, this failed with "locked".
    let out = w.cmd(&["--lock-timeout", "10", "search", "established"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("harbour/a.txt") && stdout.contains("harbour/b.txt"), "{stdout}");
    // The CLI's update of an edited sheet is committed under the lock; the server then
    // sees the edit too (its own update reloads first and has nothing left to write).
    w.write("harbour/b.txt", "Harbour Authority history\n\nThe lighthouse was lit in 1962.\n");
    let out = w.cmd(&["--lock-timeout", "10", "search", "lighthouse"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("harbour/b.txt"));
    assert_eq!(s.json("/api/search?q=lighthouse")["hits"].as_array().unwrap().len(), 1);
    assert_eq!(s.json("/api/search?q=established")["hits"].as_array().unwrap().len(), 1);
    // And the server keeps updating the index itself afterwards.
    w.write("harbour/b.txt", "Harbour Authority history\n\nThe harbour crane was built in 1963.\n");
    assert_eq!(s.json("/api/search?q=crane")["hits"].as_array().unwrap().len(), 1);
    let out = w.cmd(&["--lock-timeout", "10", "search", "crane"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}

#[test]
fn timeline_html_is_a_chronology_not_the_report() {
    let w = hostile_corpus();
    let timeline = w.cmd(&["timeline", "--format", "html"]).output().unwrap();
    assert!(timeline.status.success(), "{}", String::from_utf8_lossy(&timeline.stderr));
    let report = w.cmd(&["report", "--format", "html"]).output().unwrap();
    let (t, r) = (String::from_utf8_lossy(&timeline.stdout), String::from_utf8_lossy(&report.stdout));
    assert_ne!(t, r);
    assert!(t.contains("<title>concord chronology</title>"));
    assert_eq!(t.matches("class=\"row axis\"").count(), 1, "one global axis");
    assert!(t.contains("harbour/a.txt:3"), "sheet labels are shown");
    assert!(!t.contains("<script"), "the static page needs no script");
    // With a report page and a repository URL configured, the links follow them.
    std::fs::write(
        w.dir.path().join("concord.toml"),
        "[html]\nrepository_url = \"https://example.org/r/blob/main/corpus\"\nreport = \"report.html\"\n",
    )
    .unwrap();
    let linked = w.cmd(&["timeline", "--format", "html"]).output().unwrap();
    let linked = String::from_utf8_lossy(&linked.stdout);
    let id = r.split("<article class=\"conflict\" id=\"").nth(1).and_then(|x| x.split('"').next()).unwrap();
    assert!(linked.contains(&format!("href=\"report.html#{id}\"")), "{linked}");
    assert!(linked.contains("href=\"https://example.org/r/blob/main/corpus/harbour/a.txt#L3\""));
}

/// Reads one HTTP/1.1 response with a `Content-Length` from a kept-alive connection;
/// returns (status, body). A read that waits longer than `c`'s read timeout panics.
fn read_response(c: &mut BufReader<TcpStream>, what: &str) -> (u16, String) {
    let mut status = 0;
    let mut len = 0usize;
    loop {
        let mut line = String::new();
        match c.read_line(&mut line) {
            Ok(0) => panic!("{what}: the server closed the connection"),
            Ok(_) => {}
            Err(e) => panic!("{what}: no answer ({e}): the request was never picked up"),
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if status == 0 {
            status = line.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
        } else if let Some((k, v)) = line.split_once(':')
            && k.eq_ignore_ascii_case("content-length")
        {
            len = v.trim().parse().unwrap();
        }
    }
    let mut body = vec![0; len];
    c.read_exact(&mut body).unwrap_or_else(|e| panic!("{what}: body cut short ({e})"));
    (status, String::from_utf8_lossy(&body).into_owned())
}

#[test]
fn idle_keep_alive_connections_do_not_starve_other_clients() {
    // Browsers keep connections open between requests and open spare ones they may never
    // use. Many such connections, opened at once, must not keep a request on another one
    // from being answered: each is read by its own thread, and the workers that answer
    // only ever hold a request, never a connection.
    let w = hostile_corpus();
    let s = Server::start(&w.corpus(), &w.index(), w.dir.path());
    let host = format!("127.0.0.1:{}", s.port);
    // A generous bound: only a request that is never picked up reaches it.
    let patience = Some(std::time::Duration::from_secs(60));
    let connect = || {
        let c = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
        c.set_read_timeout(patience).unwrap();
        BufReader::new(c)
    };
    // Far more open connections than workers (4 by default), opened in one burst.
    let mut conns: Vec<_> = (0..32).map(|_| connect()).collect();
    // Half of them ask once and then stay open, idle.
    for (i, c) in conns.iter_mut().enumerate().filter(|(i, _)| i % 2 == 0) {
        write!(c.get_mut(), "GET /api/search?q=established HTTP/1.1\r\nHost: {host}\r\n\r\n").unwrap();
        let (status, body) = read_response(c, &format!("connection {i}"));
        assert_eq!(status, 200, "{body}");
    }
    // Every other connection, and a new one, is still answered while all the idle ones
    // stay open; then each connection asks again, kept alive.
    conns.push(connect());
    for round in 0..2 {
        for (i, c) in conns.iter_mut().enumerate().rev() {
            write!(c.get_mut(), "GET /api/findings HTTP/1.1\r\nHost: {host}\r\n\r\n").unwrap();
            let (status, body) = read_response(c, &format!("connection {i}, round {round}"));
            assert_eq!(status, 200, "{body}");
            assert!(body.contains("Harbour Authority"), "{body}");
        }
    }
}

/// Most bytes of one chronology page, whatever the corpus: a page holds at most 100 rows,
/// each naming at most 8 sheets and drawing at most 16 marks.
const CHRONOLOGY_PAGE_BOUND: usize = 1 << 20;

#[test]
fn the_chronology_of_a_large_corpus_is_paged_by_decade_and_year() {
    // 120 invented bodies, each founded in its own year between 1850 and 1999, each
    // dated by about 53 of 160 sheets, one sheet in eight giving the next year instead.
    // Drawn whole (one row per event, one mark and label per sheet), this chronology was
    // over 3 MB.
    let w = Work::new();
    let places =
        ["Arlen", "Bexa", "Corvo", "Dunmere", "Elsk", "Farrow", "Gelt", "Hollin", "Istra", "Jarvo", "Kelby", "Lorne"];
    let heads = ["Water Board", "Rail Authority", "Arts Council", "Port Commission", "Health Agency"];
    let bodies: Vec<String> = places
        .iter()
        .flat_map(|p| heads.iter().map(move |h| format!("{p} {h}")))
        .chain(places.iter().flat_map(|p| heads.iter().map(move |h| format!("North {p} {h}"))))
        .collect();
    assert_eq!(bodies.len(), 120);
    for k in 0..160usize {
        let mut text = format!("Public bodies, sheet {k}\n\n");
        for (j, b) in bodies.iter().enumerate().filter(|(j, _)| (j + k) % 3 == 0) {
            let year = 1850 + (j * 37) % 150 + usize::from((j + k) % 8 == 0);
            text.push_str(&format!("The {b} was established on 12 May {year}.\n"));
        }
        w.write(&format!("s{}/sheet-{k:03}.txt", k % 4), text);
    }
    let s = Server::start(&w.corpus(), &w.index(), w.dir.path());
    let events = s.json("/api/chronology?limit=0")["events"].as_u64().unwrap() as usize;
    assert!(events >= 110, "nearly every body's founding is an event: {events}");
    let rows = |page: &str| page.matches("<li class=\"row ev").count();
    let get = |path: &str| {
        let (status, _, page) = s.get(path);
        assert_eq!(status, 200, "{path}: {page}");
        assert!(page.len() < CHRONOLOGY_PAGE_BOUND, "{path}: {} bytes", page.len());
        page
    };
    // The default page: the first 100 events, the count, a link to the next page and
    // one link per decade with its count.
    let first = get("/chronology");
    assert_eq!(rows(&first), 100);
    assert!(first.contains(&format!("{events} events in all")), "{first}");
    assert!(first.contains("href=\"/chronology?zoom=fit&amp;page=2\""), "{first}");
    let second = get("/chronology?zoom=fit&page=2");
    assert_eq!(rows(&first) + rows(&second), events, "the pages hold every event once");
    // A row dated by many sheets names a few and counts the rest.
    assert!(first.contains(" more sheets</a>"), "{first}");
    let strip = first.split("Decades: ").nth(1).and_then(|r| r.split("</p>").next()).unwrap();
    let decades: Vec<(String, usize)> = strip
        .split("href=\"/chronology?zoom=decade&amp;at=")
        .skip(1)
        .map(|rest| {
            let at = rest.split('"').next().unwrap().to_string();
            let n = rest.split("</a> (").nth(1).and_then(|r| r.split(')').next()).unwrap().parse().unwrap();
            (at, n)
        })
        .collect();
    assert!(decades.len() >= 14, "{decades:?}");
    assert_eq!(decades.iter().map(|d| d.1).sum::<usize>(), events, "{decades:?}");
    // Each decade shows its events, as counted, and the years within it with theirs.
    for (at, n) in &decades {
        let page = get(&format!("/chronology?zoom=decade&at={at}"));
        assert_eq!(rows(&page), *n, "decade {at}");
        assert!(page.contains(&format!("in the {at}s")), "{page}");
        let strip = page.split("Years (by year): ").nth(1).and_then(|r| r.split("</p>").next()).unwrap();
        let years: usize = strip
            .split("href=\"/chronology?zoom=year&amp;at=")
            .skip(1)
            .map(|rest| {
                rest.split("</a> (").nth(1).and_then(|r| r.split(')').next()).unwrap().parse::<usize>().unwrap()
            })
            .sum();
        assert_eq!(years, *n, "the years of the {at}s add up");
    }
    // A year, and the same year by month.
    let year = 1850 + (5 * 37) % 150;
    let page = get(&format!("/chronology?zoom=year&at={year}"));
    assert!(rows(&page) >= 1 && page.contains(&format!("in {year}")), "{page}");
    let by_month = get(&format!("/chronology?zoom=month&at={year}"));
    assert_eq!(rows(&by_month), rows(&page));
    assert!(by_month.contains("<span>Jun</span>"), "month ticks");
    assert_eq!(s.get("/chronology?zoom=year&at=nineteen").0, 400);
    assert_eq!(s.get("/chronology?page=0").0, 400);

    // The JSON chronology is the same window, paged the same way: every event on exactly
    // one page, each page bounded.
    let event_key = |e: &serde_json::Value| format!("{}|{}|{}", e["subject"], e["label"], e["date"]);
    let json = |path: &str| {
        let (status, _, body) = s.get(path);
        assert_eq!(status, 200, "{path}: {body}");
        assert!(body.len() < CHRONOLOGY_PAGE_BOUND, "{path}: {} bytes", body.len());
        serde_json::from_str::<serde_json::Value>(&body).unwrap()
    };
    let first = json("/api/chronology");
    assert_eq!(first["events"].as_u64().unwrap() as usize, events);
    assert_eq!((first["per_page"].as_u64(), first["pages"].as_u64()), (Some(100), Some(events.div_ceil(100) as u64)));
    let mut seen = std::collections::BTreeSet::new();
    for limit in [100, 7] {
        seen.clear();
        let pages = events.div_ceil(limit);
        for page in 1..=pages {
            let p = json(&format!("/api/chronology?zoom=fit&limit={limit}&page={page}"));
            assert_eq!(p["pages"].as_u64().unwrap() as usize, pages);
            let entries = p["entries"].as_array().unwrap();
            assert!(!entries.is_empty() && entries.len() <= limit, "page {page}: {}", entries.len());
            for e in entries {
                assert!(seen.insert(event_key(e)), "{} on two pages", event_key(e));
                assert!(e["supporting"].as_array().unwrap().len() <= 8, "a few sheets a side, counted");
                assert!(e["supporting_total"].as_u64().unwrap() >= e["supporting"].as_array().unwrap().len() as u64);
            }
        }
        assert_eq!(seen.len(), events, "limit {limit}: every event on one page");
    }
    // By decade: the windows' events add up, and the decades listed are those of the page.
    let mut by_decade = std::collections::BTreeSet::new();
    for d in first["decades"].as_array().unwrap() {
        let at = d["decade"].as_i64().unwrap();
        let w = json(&format!("/api/chronology?zoom=decade&at={at}"));
        assert_eq!(w["in_window"], d["events"], "decade {at}");
        assert_eq!(w["pages"], 1);
        for e in w["entries"].as_array().unwrap() {
            assert!(by_decade.insert(event_key(e)));
            let year: i64 = e["date"].as_str().unwrap()[..4].parse().unwrap();
            assert!((at..at + 10).contains(&year), "{e}");
        }
    }
    assert_eq!(by_decade, seen, "the decades hold every event once");
    // A body's chronology pages the same way ("Arlen Water Board" also matches the claims
    // about "North Arlen Water Board").
    let body = json("/api/body?name=Arlen+Water+Board&limit=1");
    let pages = body["chronology"]["pages"].as_u64().unwrap();
    assert!(pages >= 2, "{body}");
    let mut of_body = std::collections::BTreeSet::new();
    for page in 1..=pages {
        let p = json(&format!("/api/body?name=Arlen+Water+Board&limit=1&page={page}"));
        let entries = p["chronology"]["entries"].as_array().unwrap();
        assert_eq!(entries.len(), 1);
        assert!(of_body.insert(event_key(&entries[0])));
        assert!(p["sheets"].as_array().unwrap().len() <= 100);
    }
    assert_eq!(of_body.len() as u64, body["chronology"]["in_window"].as_u64().unwrap());
}

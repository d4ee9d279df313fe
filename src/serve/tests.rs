//! In-process tests of the pages and endpoints: no socket, a temporary corpus.

#![allow(clippy::unwrap_used)]

use super::*;
use crate::report::snippet::url_component;
use pages::{QUOTES_PER_FINDING, TALLY_ROWS};

const SHEET_A: &str = "Harbour Authority facts\n\nThe Harbour Authority (HA) was established on 3 March 1961.\nIt <script>alert(1)</script> met again in 1970.\n";
const SHEET_B: &str = "Harbour Authority history\n\nThe Harbour Authority was established in 1962.\n";

fn app(dir: &std::path::Path) -> App {
    std::fs::write(dir.join("none.toml"), "").unwrap();
    app_with_config(dir)
}

/// The app over the two sheets, with the configuration already in `dir/none.toml`.
fn app_with_config(dir: &std::path::Path) -> App {
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(corpus.join("a.txt"), SHEET_A).unwrap();
    std::fs::write(corpus.join("b.txt"), SHEET_B).unwrap();
    let mut opts = Options::new(&corpus, dir.join("index"));
    opts.config = Some(dir.join("none.toml"));
    App::open(opts, 4321).unwrap()
}

fn get(app: &App, url: &str) -> Response {
    app.handle(&Request::get(url, "127.0.0.1:4321"))
}

#[test]
fn hostile_hosts_and_methods_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    assert_eq!(app.handle(&Request::get("/", "evil.example:4321")).status, 403);
    assert_eq!(app.handle(&Request { method: "GET".into(), url: "/".into(), host: None }).status, 403);
    assert_eq!(
        app.handle(&Request { method: "POST".into(), url: "/".into(), host: Some("localhost:4321".into()) }).status,
        405
    );
    assert_eq!(get(&app, "/").status, 200);
    assert_eq!(app.handle(&Request::get("/", "localhost:4321")).status, 200);
}

#[test]
fn sheet_text_is_escaped_and_numbered() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let page = get(&app, "/sheet?doc=a.txt").text_body();
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("id=\"L3\""));
    assert!(page.contains("class=\"hl-c\""), "the claim's date is marked");
    assert!(page.contains("precision day"), "hover shows the precision");
    assert_eq!(get(&app, "/sheet?doc=../etc/passwd").status, 404);
    assert_eq!(get(&app, "/api/sheet?doc=nope.txt").status, 404);
}

#[test]
fn findings_tally_dissenters_first_and_link_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let page = get(&app, "/findings").text_body();
    assert!(page.contains("Harbour Authority"), "{page}");
    assert!(page.contains("href=\"/sheet?doc=a.txt#L3\""), "{page}");
    assert!(page.contains("status new"));
    let json: serde_json::Value = serde_json::from_slice(&get(&app, "/api/findings").body).unwrap();
    let f = &json["findings"][0];
    assert_eq!(f["status"], "new");
    assert_eq!(f["tally"].as_array().unwrap().len(), 2);
}

#[test]
fn edits_show_on_the_next_request() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let hits = |app: &App| -> usize {
        let v: serde_json::Value = serde_json::from_slice(&get(app, "/api/search?q=lighthouse").body).unwrap();
        v["hits"].as_array().unwrap().len()
    };
    assert_eq!(hits(&app), 0);
    std::fs::write(dir.path().join("corpus/b.txt"), "The lighthouse was lit in 1962.\n").unwrap();
    assert_eq!(hits(&app), 1);
}

#[test]
fn corpus_wide_pages_are_rendered_once_per_index_state() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let first = get(&app, "/chronology");
    let again = get(&app, "/chronology");
    assert!(Arc::ptr_eq(&first.body, &again.body), "the second request is answered from the kept page");
    assert!(!Arc::ptr_eq(&get(&app, "/chronology?zoom=year").body, &first.body), "another request, another page");
    let search = get(&app, "/api/search?q=established");
    assert!(!Arc::ptr_eq(&get(&app, "/api/search?q=established").body, &search.body), "searches are not kept");
    // An edit starts a new state: the page is rendered again, from the new claims.
    std::fs::write(dir.path().join("corpus/b.txt"), "The Harbour Authority was established in 1975.\n").unwrap();
    let edited = get(&app, "/chronology");
    assert!(!Arc::ptr_eq(&edited.body, &first.body));
    assert!(edited.text_body().contains("1975") && !first.text_body().contains("1975"));
}

#[test]
fn a_page_asked_for_by_several_requests_at_once_is_rendered_once() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    for url in ["/chronology?zoom=year", "/api/findings", "/body?name=HA"] {
        let bodies: Vec<Arc<[u8]>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..6).map(|_| s.spawn(|| get(&app, url).body)).collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for b in &bodies {
            assert!(Arc::ptr_eq(b, &bodies[0]), "{url}: every request got the one rendering");
        }
    }
}

#[test]
fn a_kept_findings_page_follows_the_baseline() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("none.toml"), "[check]\nbaseline = \"base.json\"\n").unwrap();
    let app = app_with_config(dir.path());
    let before: serde_json::Value = serde_json::from_slice(&get(&app, "/api/findings").body).unwrap();
    let f = &before["findings"][0];
    assert_eq!(f["status"], "new");
    assert!(get(&app, "/findings").text_body().contains("status new"));
    let entry = serde_json::json!({
        "id": f["id"], "severity": f["severity"], "subject": f["subject"], "event": f["event"],
        "values": f["values"], "reason": "two foundings are told apart elsewhere",
    });
    let baseline = serde_json::json!({ "schema_version": 1, "entries": [entry] });
    std::fs::write(dir.path().join("base.json"), baseline.to_string()).unwrap();
    let after: serde_json::Value = serde_json::from_slice(&get(&app, "/api/findings").body).unwrap();
    assert_eq!(after["findings"][0]["status"], "known", "{after}");
    let page = get(&app, "/findings").text_body();
    assert!(page.contains("two foundings are told apart elsewhere"), "{page}");
}

fn json(app: &App, url: &str) -> serde_json::Value {
    let res = get(app, url);
    assert_eq!(res.status, 200, "{url}: {}", res.text_body());
    serde_json::from_slice(&res.body).unwrap()
}

#[test]
fn json_chronology_pages_hold_every_event_once() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path());
    let all = json(&app, "/api/chronology");
    let events = all["events"].as_u64().unwrap() as usize;
    assert!(events >= 2, "{all}");
    assert_eq!(all["pages"], 1);
    assert_eq!(all["entries"].as_array().unwrap().len(), events);
    // One event a page: as many pages as events, each a different one.
    let one = json(&app, "/api/chronology?limit=1");
    assert_eq!(one["pages"].as_u64().unwrap() as usize, events, "{one}");
    let mut seen = std::collections::BTreeSet::new();
    for page in 1..=events {
        let p = json(&app, &format!("/api/chronology?limit=1&page={page}"));
        assert_eq!(p["page"].as_u64().unwrap() as usize, page);
        let entries = p["entries"].as_array().unwrap();
        assert_eq!(entries.len(), 1, "{p}");
        assert!(seen.insert(format!("{}|{}|{}", entries[0]["subject"], entries[0]["label"], entries[0]["date"])));
    }
    assert_eq!(json(&app, &format!("/api/chronology?limit=1&page={}", events + 1))["entries"], serde_json::json!([]));
    // A window: the decade of 1961 holds the disputed founding, with its finding.
    let decade = json(&app, "/api/chronology?zoom=decade&at=1961");
    assert_eq!((decade["from_year"].as_i64(), decade["to_year"].as_i64()), (Some(1960), Some(1969)));
    let disputed: Vec<_> = decade["entries"].as_array().unwrap().iter().filter(|e| e["disputed"] == true).collect();
    assert_eq!(disputed.len(), 1, "{decade}");
    let finding = json(&app, "/api/findings")["findings"][0]["id"].clone();
    assert_eq!(disputed[0]["finding"], finding);
    assert_eq!(disputed[0]["dissenting_total"], 1);
    assert_eq!(json(&app, "/api/chronology?zoom=decade&at=1800")["in_window"], 0);
    // The body's chronology is the same window.
    let body = json(&app, "/api/body?name=HA&zoom=decade&at=1960&limit=1");
    assert_eq!(body["chronology"]["from_year"], 1960);
    assert_eq!(body["chronology"]["entries"].as_array().unwrap().len(), 1);
    for bad in ["/api/chronology?limit=many", "/api/chronology?page=0", "/api/body?name=HA&sheets_page=0"] {
        assert_eq!(get(&app, bad).status, 400, "{bad}");
    }
}

/// Sheets generated for the body page: `n` sheets naming the Quay Board once to five
/// times each.
fn app_over_sheets(dir: &std::path::Path, n: usize) -> App {
    app_over_sheets_and(dir, n, &[])
}

/// [`app_over_sheets`] and the sheets `extra` (name, text).
fn app_over_sheets_and(dir: &std::path::Path, n: usize, extra: &[(&str, &str)]) -> App {
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    for (name, text) in extra {
        std::fs::write(corpus.join(name), text).unwrap();
    }
    for k in 0..n {
        let mut text = format!("Quay notes {k}\n\nThe Quay Board was established in 1931.\n");
        for m in 0..k % 5 {
            text.push_str(&format!("The Quay Board met on {} May 1950.\n", m + 1));
        }
        std::fs::write(corpus.join(format!("q{k:03}.txt")), text).unwrap();
    }
    std::fs::write(dir.join("none.toml"), "").unwrap();
    let mut opts = Options::new(&corpus, dir.join("index"));
    opts.config = Some(dir.join("none.toml"));
    App::open(opts, 4321).unwrap()
}

#[test]
fn the_body_page_lists_a_bounded_page_of_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let n = 230;
    let app = app_over_sheets(dir.path(), n);
    let rows = |page: &str| page.matches("<tr><td><a href=\"/sheet?doc=").count();
    let first = get(&app, "/body?name=Quay+Board").text_body();
    assert_eq!(rows(&first), 100, "the first hundred sheets only");
    assert!(first.contains(&format!("Named in {n} sheets; the most mentions first, showing 1–100")), "{first}");
    assert!(first.contains("href=\"/body?name=Quay%20Board&amp;sheets_page=2#sheets\""), "{first}");
    assert!(first.contains("130 more sheets"), "{first}");
    assert!(first.contains("href=\"/?q=Quay%20Board&amp;body=Quay%20Board\">search its passages"), "{first}");
    // The pages of the table hold every sheet once, the most mentions first.
    let mut seen = std::collections::BTreeSet::new();
    let mut counts = Vec::new();
    for page in 1..=3 {
        let html = get(&app, &format!("/body?name=Quay+Board&sheets_page={page}")).text_body();
        assert!(rows(&html) <= 100);
        let v = json(&app, &format!("/api/body?name=Quay+Board&sheets_page={page}"));
        assert_eq!((v["sheets_total"].as_u64(), v["sheets_pages"].as_u64()), (Some(n as u64), Some(3)));
        let sheets = v["sheets"].as_array().unwrap();
        assert_eq!(sheets.len(), rows(&html), "page {page}");
        for s in sheets {
            assert!(seen.insert(s["doc"].as_str().unwrap().to_string()), "{s} twice");
            counts.push(s["mentions"].as_u64().unwrap());
        }
    }
    assert_eq!(seen.len(), n);
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "most mentions first: {counts:?}");
    assert!(counts[0] > *counts.last().unwrap(), "{counts:?}");
    let last = get(&app, "/body?name=Quay+Board&sheets_page=3").text_body();
    assert!(last.contains("showing 201–230") && !last.contains("next sheets"), "{last}");
    assert_eq!(json(&app, "/api/body?name=Quay+Board&sheets_page=4")["sheets"], serde_json::json!([]));
}

#[test]
fn a_finding_restated_by_many_sheets_shows_a_bounded_page_of_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let n = 130;
    let app = app_over_sheets_and(
        dir.path(),
        n,
        &[("z-dissent.txt", "Dissent\n\nThe Quay Board was established in 1934.\n")],
    );
    let list = json(&app, "/api/findings");
    let id = list["findings"][0]["id"].as_str().unwrap().to_string();
    let v = json(&app, &format!("/api/findings?id={}", url_component(&id)));
    assert_eq!(v["total"], 1, "{v}");
    let f = &v["findings"][0];
    let total = f["claims_total"].as_u64().unwrap() as usize;
    assert!(total > n, "every sheet's founding is a claim of the finding: {total}");
    assert_eq!(f["claims"].as_array().unwrap().len(), QUOTES_PER_FINDING);
    assert_eq!(v["quotes_per_finding"], QUOTES_PER_FINDING);
    // The tally still counts every sheet, and names a bounded number of them.
    let tally = f["tally"].as_array().unwrap();
    assert_eq!(f["tally_total"], tally.len());
    let counted: u64 = tally.iter().map(|t| t["sheets"].as_u64().unwrap()).sum();
    assert_eq!(counted as usize, total);
    assert!(tally.iter().all(|t| t["at"].as_array().unwrap().len() <= TALLY_ROWS), "{tally:?}");
    assert!(tally.iter().any(|t| t["at"] == serde_json::json!(["z-dissent.txt:3"])), "the dissenter is named");
    // The page shows as many quote rows and says how many more there are.
    let page = get(&app, &format!("/findings?id={}", url_component(&id))).text_body();
    assert_eq!(page.matches("<a class=\"quote\"").count(), QUOTES_PER_FINDING, "{page}");
    assert!(page.contains(&format!("{} more quotes; the tally counts them all", total - QUOTES_PER_FINDING)), "{page}");
    // A finding with few quotes says nothing of more.
    let small = app_with_few(dir.path());
    assert!(!get(&small, "/findings").text_body().contains("more quotes"));
}

fn app_with_few(dir: &std::path::Path) -> App {
    let sub = dir.join("few");
    std::fs::create_dir_all(&sub).unwrap();
    app(&sub)
}

#[test]
fn the_body_pagers_keep_each_others_place() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_over_sheets(dir.path(), 230);
    let page = get(&app, "/body?name=Quay+Board&sheets_page=2&zoom=decade&at=1950").text_body();
    // The sheets' next page keeps the chronology's window ...
    assert!(
        page.contains("href=\"/body?name=Quay%20Board&amp;zoom=decade&amp;at=1950&amp;sheets_page=3#sheets\""),
        "{page}"
    );
    assert!(page.contains("href=\"/body?name=Quay%20Board&amp;zoom=decade&amp;at=1950&amp;sheets_page=1#sheets\""));
    // ... and every chronology link keeps the sheets' page.
    assert!(page.contains("href=\"/body?name=Quay%20Board&amp;sheets_page=2&amp;zoom=fit"), "{page}");
    assert!(page.contains("href=\"/body?name=Quay%20Board&amp;sheets_page=2&amp;zoom=year&amp;at=1950\""), "{page}");
    assert!(
        !page.contains("href=\"/body?name=Quay%20Board&amp;zoom=year"),
        "no chronology link drops the sheets' page"
    );
    // Both places hold: the second page of sheets in the 1950s.
    assert!(page.contains("showing 101–200"), "{page}");
    assert!(page.contains("in the 1950s"), "{page}");
    // Without a chronology window the sheets' links are as before.
    let plain = get(&app, "/body?name=Quay+Board").text_body();
    assert!(plain.contains("href=\"/body?name=Quay%20Board&amp;sheets_page=2#sheets\""));
    assert!(plain.contains("href=\"/body?name=Quay%20Board&amp;zoom=fit\""), "{plain}");
}

//! In-process tests of the pages and endpoints: no socket, a temporary corpus.

#![allow(clippy::unwrap_used)]

use super::*;

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

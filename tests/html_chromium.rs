//! The HTML report in a real browser: headless Chromium (Debian's `chromium` package) loads
//! a report whose sheets contain `<script>`, an `onerror` handler and an attribute break-out,
//! and the dumped DOM must show the page rendered with that text as text and no script run.
//!
//! Skips with a note when no Chromium is installed (`tests/html_chromium.sh --install`
//! installs it); set `CONCORD_CHROMIUM` to a browser binary to choose one.

// Helpers below are test code too: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use concord::extract::{Claim, Event};
use concord::report::{Format, RenderOptions, render};
use concord::{DocId, Span};

pub fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CONCORD_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| p.is_file())
}

fn claim(doc: &str, date: &str, quote: &str) -> Claim {
    let at = quote.find(date).unwrap_or(0);
    Claim {
        doc: DocId(doc.into()),
        subject: "Permanent Joint Council".into(),
        subject_text: "Permanent Joint Council".into(),
        event: Event::Established,
        agent: None,
        object: None,
        date: date.parse().unwrap(),
        date_text: date.into(),
        inferred: false,
        inferred_from: None,
        what: None,
        qualifiers: vec![],
        figures: vec![],
        line: 3,
        column: 7,
        quote: quote.into(),
        quote_date: Span::new(at, at + date.len()),
        quote_subject: None,
        confidence: 1.0,
    }
}

fn dump_dom(browser: &Path, page: &Path) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--virtual-time-budget=2000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within 90 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "chromium failed: {:?}", out.status);
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn html_report_renders_and_runs_no_script() {
    let Some(browser) = chromium() else {
        println!("note: skipping the Chromium check: no chromium found (run tests/html_chromium.sh --install)");
        return;
    };
    let claims = vec![
        claim(
            "a.txt",
            "1997",
            "<script>document.title='pwned';document.body.setAttribute('data-pwned','1')</script> set up in 1997",
        ),
        claim(
            "b<img src=x onerror=\"document.body.setAttribute('data-pwned','2')\">.txt",
            "1998",
            "set up in 1998 <img src=x onerror=\"document.title='pwned'\">",
        ),
        claim(
            "c.txt",
            "1999",
            "x\" onmouseover=\"alert(1)\" '><svg onload=alert(1)> in 1999 </textarea></style><script>alert(1)</script>",
        ),
    ];
    let report = concord::pipeline::report_of_claims(&claims, 3, Vec::new());
    assert_eq!(report.findings.len(), 1);
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let mut html = Vec::new();
    render(Format::Html, &report, &RenderOptions::default(), &mut html).unwrap();
    std::fs::write(&page, &html).unwrap();

    let dom = dump_dom(&browser, &page);
    assert!(dom.contains("<title>concord report</title>"), "the page rendered with its own title:\n{dom}");
    assert!(dom.contains("<h1>concord report</h1>"));
    assert!(dom.contains("Permanent Joint Council"));
    assert!(dom.matches("<svg").count() >= 1, "the timeline is drawn");
    // Every payload would set `data-pwned` on <body> or change the title; neither happened.
    let body_tag = dom.split("<body").nth(1).and_then(|rest| rest.split('>').next()).unwrap();
    assert!(!body_tag.contains("data-pwned"), "no script ran: <body{body_tag}>");
    assert!(!dom.contains("<title>pwned"), "no handler changed the title");
    assert!(!dom.contains("<script"), "no script element exists");
    assert!(!dom.contains("<img"), "no image element from corpus text");
    // Text nodes serialise `<` as `&lt;`, so every `<` left in the DOM opens a real tag:
    // no tag may carry an event handler taken from the corpus.
    for tag in dom.split('<').skip(1).filter_map(|t| t.split('>').next()) {
        for handler in ["onmouseover", "onerror", "onload"] {
            assert!(!tag.contains(handler), "attribute break-out: <{tag}>");
        }
    }
    // The hostile text is there, as text.
    assert!(dom.contains("&lt;script&gt;document.title='pwned'"), "{dom}");
    assert!(dom.contains("&lt;img src=x onerror="));
    println!("chromium rendered {} bytes of DOM; no script ran", dom.len());
}

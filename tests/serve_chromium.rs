//! The live UI of `concord serve` in headless Chromium (Debian's `chromium` package),
//! driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`, file
//! descriptors 3 and 4 bound to FIFOs by a shell): load the search page, type a query and
//! see results drawn by the page's script, open the findings, follow a quote to its sheet
//! line. Screenshots of every page go to `target/serve-*.png`.
//!
//! Skips with a note when no Chromium is installed (`tests/html_chromium.sh --install`).

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::serve::Server;

/// A browser driven over the DevTools pipe, with one attached page.
struct Browser {
    child: Child,
    input: std::fs::File,
    messages: Receiver<Value>,
    next: u64,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn start(binary: &std::path::Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let (to_browser, from_browser) = (profile.path().join("in"), profile.path().join("out"));
        for fifo in [&to_browser, &from_browser] {
            assert!(Command::new("mkfifo").arg(fifo).status().unwrap().success(), "mkfifo");
        }
        let child = Command::new("bash")
            .arg("-c")
            .arg(
                "exec \"$0\" --headless --no-sandbox --disable-gpu --no-first-run --disable-sync \
                  --disable-background-networking --disable-component-update --hide-scrollbars \
                  --window-size=1280,900 --user-data-dir=\"$3\" --remote-debugging-pipe about:blank 3<\"$1\" 4>\"$2\"",
            )
            .arg(binary)
            .arg(&to_browser)
            .arg(&from_browser)
            .arg(profile.path().join("profile"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let input = std::fs::OpenOptions::new().write(true).open(&to_browser).unwrap();
        let output = std::fs::File::open(&from_browser).unwrap();
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(output);
            loop {
                let mut buf = Vec::new();
                match r.read_until(0, &mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        buf.pop();
                        if let Ok(v) = serde_json::from_slice::<Value>(&buf)
                            && tx.send(v).is_err()
                        {
                            break;
                        }
                    }
                }
            }
        });
        let mut b = Browser { child, input, messages, next: 0, session: String::new(), _profile: profile };
        let target = b.call(None, "Target.createTarget", json!({"url": "about:blank"}));
        let target_id = target["targetId"].as_str().unwrap().to_string();
        let attached = b.call(None, "Target.attachToTarget", json!({"targetId": target_id, "flatten": true}));
        b.session = attached["sessionId"].as_str().unwrap().to_string();
        b.page("Page.enable", json!({}));
        b
    }

    /// Sends one command and waits for its answer (events in between are dropped).
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        let mut bytes = serde_json::to_vec(&msg).unwrap();
        bytes.push(0);
        self.input.write_all(&bytes).unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let m = self.messages.recv_timeout(left).unwrap_or_else(|_| panic!("no answer to {method}"));
            if m["id"] == json!(id) {
                assert!(m.get("error").is_none(), "{method}: {m}");
                return m["result"].clone();
            }
        }
    }

    fn page(&mut self, method: &str, params: Value) -> Value {
        let s = self.session.clone();
        self.call(Some(&s), method, params)
    }

    /// Evaluates `expr` in the page and returns its value.
    fn eval(&mut self, expr: &str) -> Value {
        let r = self.page("Runtime.evaluate", json!({"expression": expr, "returnByValue": true, "awaitPromise": true}));
        r["result"]["value"].clone()
    }

    /// Polls `expr` until it is true.
    fn wait_for(&mut self, expr: &str, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if self.eval(expr) == json!(true) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let dom = self.eval("document.documentElement.outerHTML");
        panic!("timed out waiting for {what} ({expr}); page: {dom}");
    }

    fn open(&mut self, url: &str) {
        self.page("Page.navigate", json!({"url": url}));
        self.wait_for(&format!("location.href === {} && document.readyState === 'complete'", json!(url)), url);
    }

    fn screenshot(&mut self, name: &str) {
        let shot = self.page("Page.captureScreenshot", json!({"format": "png"}));
        let png = base64(shot["data"].as_str().unwrap());
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("serve-{name}.png")), png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Standard base64 (the screenshot's encoding).
fn base64(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for v in s.bytes().filter_map(val) {
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

#[test]
fn live_ui_search_findings_and_sheet_lines_in_chromium() {
    let Some(browser) = crate::html_chromium::chromium() else {
        println!("note: skipping the live UI check: no chromium found (run tests/html_chromium.sh --install)");
        return;
    };
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let index = tempfile::tempdir().unwrap();
    let server = Server::start(&repo.join("corpus"), &index.path().join("index"), repo);
    let base = format!("http://127.0.0.1:{}", server.port);
    let mut b = Browser::start(&browser);

    // Load the search page: empty, then type a query and see results drawn as you type.
    b.open(&format!("{base}/"));
    assert_eq!(b.eval("document.querySelectorAll('#results li').length"), json!(0));
    b.eval("document.querySelector('input[name=q]').focus()");
    b.page("Input.insertText", json!({"text": "established"}));
    b.wait_for("document.querySelectorAll('#results li').length > 0", "results as you type");
    assert_eq!(b.eval("document.querySelectorAll('#results mark').length > 0"), json!(true), "terms are marked");
    assert_eq!(b.eval("location.search"), json!("?q=established"), "the query is in the address");
    b.screenshot("search");

    // Open the findings: each has a quote linked to its sheet line.
    b.open(&format!("{base}/findings"));
    assert_eq!(b.eval("document.querySelectorAll('article.finding').length > 0"), json!(true));
    b.screenshot("findings");
    let href = b.eval("document.querySelector('article.finding a.quote').getAttribute('href')");
    let href = href.as_str().unwrap().to_string();
    let line = href.rsplit("#L").next().unwrap().to_string();
    b.eval("document.querySelector('article.finding a.quote').click()");
    b.wait_for("location.pathname === '/sheet' && document.readyState === 'complete'", "the sheet page");
    // The quoted line is the :target, highlighted, and holds the date of a claim.
    b.wait_for(
        &format!("document.querySelector(':target') && document.querySelector(':target').id === 'L{line}'"),
        "the target line",
    );
    assert_eq!(
        b.eval("document.querySelector(':target .hl-c') !== null"),
        json!(true),
        "the claim's date is marked on its line"
    );
    assert_eq!(
        b.eval("getComputedStyle(document.querySelector(':target')).backgroundColor !== 'rgba(0, 0, 0, 0)'"),
        json!(true)
    );
    b.screenshot("sheet");

    // The other pages render, and a body page links back to sheets.
    b.open(&format!("{base}/chronology"));
    assert_eq!(b.eval("document.querySelectorAll('.chron .row.ev').length > 0"), json!(true));
    b.screenshot("chronology");
    b.open(&format!("{base}/bodies"));
    let body = b.eval("document.querySelector('main table a').href").as_str().unwrap().to_string();
    b.open(&body);
    assert_eq!(b.eval("document.querySelectorAll('a[href^=\"/sheet?doc=\"]').length > 0"), json!(true));
    b.screenshot("body");
    // No script error and nothing fetched from elsewhere: the CSP held every page.
    assert_eq!(
        b.eval("performance.getEntriesByType('resource').every(e => e.name.startsWith(location.origin))"),
        json!(true)
    );
    println!("screenshots in target/serve-*.png");
}

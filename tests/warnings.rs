//! Warnings through the binary: a sheet with an impossible date and a sheet that cannot be
//! read are named with their line in every format of `report` and `check`, and a warning
//! never changes the verdict of `check`.

use serde_json::Value;

use crate::util::*;

/// A sheet whose third line holds an impossible date, beside two that conflict.
fn corpus_with_an_impossible_date() -> Work {
    let w = Work::new();
    w.write("heron.txt", "The Heron Compact\n\nThe Heron Compact was signed on 31 June 1997 in Oslo.\n")
        .write("a.txt", "The Tern Accord was signed in Lisbon on 14 March 2003.\n")
        .write("b.txt", "The Tern Accord was signed in 2004 after long talks.\n");
    w
}

fn run(w: &Work, args: &[&str]) -> (Option<i32>, String, String) {
    let out = w.cmd(args).output().unwrap();
    (out.status.code(), stdout_of(&out), stderr_of(&out))
}

const DATE_WARNING: &str = "heron.txt:3:33: impossible date \"31 June 1997\": June has 30 days";

#[test]
fn report_shows_the_impossible_date_in_every_format_cold_and_warm() {
    let w = corpus_with_an_impossible_date();
    // Twice: the first run extracts, the second reads the index's cache.
    for _ in 0..2 {
        let (code, text, err) = run(&w, &["report"]);
        assert_eq!(code, Some(0), "{err}");
        assert!(text.contains(&format!("warning[impossible-date]: {DATE_WARNING}\n")), "{text}");
        assert!(text.contains("; 1 warning\n"), "{text}");
        let (_, concise, _) = run(&w, &["report", "--format", "concise"]);
        assert!(concise.contains(&"heron.txt:3:33: warning[impossible-date] impossible date".to_string()), "{concise}");
        let (_, md, _) = run(&w, &["report", "--format", "markdown"]);
        assert!(md.contains(&format!("- {DATE_WARNING}")), "{md}");
        let (_, html, _) = run(&w, &["report", "--format", "html"]);
        assert!(html.contains("heron.txt:3:33: impossible date &quot;31 June 1997&quot;"), "{html}");
        let (_, json, _) = run(&w, &["report", "--format", "json"]);
        let v: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["summary"]["warnings"], 1, "{v}");
        let warning = &v["warnings"][0];
        assert_eq!(warning["doc"], "heron.txt");
        assert_eq!((warning["line"].as_u64(), warning["column"].as_u64()), (Some(3), Some(33)));
        assert_eq!(warning["kind"], "impossible-date");
    }
}

#[test]
fn check_shows_the_warning_in_every_format_and_keeps_its_verdict() {
    let w = corpus_with_an_impossible_date();
    let baseline = w.dir.path().join("baseline.json");
    let base = baseline.to_str().unwrap();
    // The conflict is new: the gate fails (1), whatever the warning.
    let (code, text, err) = run(&w, &["check", "--baseline", base]);
    assert_eq!(code, Some(1), "{text}{err}");
    assert!(text.contains(&format!("warning[impossible-date]: {DATE_WARNING}\n")), "{text}");
    // Accepted: the gate passes (0) with the warning still shown in every format.
    let (code, _, err) = run(&w, &["check", "--baseline", base, "--update-baseline"]);
    assert_eq!(code, Some(0), "{err}");
    let (code, text, _) = run(&w, &["check", "--baseline", base]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains(DATE_WARNING) && text.ends_with("; 1 warning\nresult: pass\n"), "{text}");
    let (code, concise, _) = run(&w, &["check", "--baseline", base, "--format", "concise"]);
    assert_eq!(code, Some(0));
    assert!(concise.contains("heron.txt:3:33: warning[impossible-date]"), "{concise}");
    let (code, json, _) = run(&w, &["check", "--baseline", base, "--format", "json"]);
    assert_eq!(code, Some(0));
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!((v["result"].as_str(), v["summary"]["warnings"].as_u64()), (Some("pass"), Some(1)));
    assert_eq!(v["warnings"][0]["line"], 3);
    let (code, github, _) = run(&w, &["check", "--baseline", base, "--format", "github"]);
    assert_eq!(code, Some(0));
    assert!(
        github.contains("::warning file=")
            && github.contains("heron.txt,line=3,col=33,title=concord impossible-date::")
    );
    let (code, sarif, _) = run(&w, &["check", "--baseline", base, "--format", "sarif"]);
    assert_eq!(code, Some(0));
    let v: Value = serde_json::from_str(&sarif).unwrap();
    let result = v["runs"][0]["results"].as_array().unwrap().iter().find(|r| r["ruleId"] == "impossible-date").unwrap();
    assert_eq!(result["level"], "warning");
    assert_eq!(result["locations"][0]["physicalLocation"]["region"]["startLine"], 3);
}

#[test]
fn numeric_impossible_dates_warn_as_written_ones_do() {
    let w = Work::new();
    w.write(
        "lagoon.txt",
        "The Lagoon Board\n\nThe Lagoon Board first sat on 1997-06-31 in Split.\nIts charter is dated 31/06/1997.\n",
    );
    let (code, concise, err) = run(&w, &["check", "--format", "concise", "--baseline", "none.json"]);
    assert_eq!(code, Some(0), "a warning never fails the gate: {concise}{err}");
    assert!(
        concise
            .contains("lagoon.txt:3:31: warning[impossible-date] impossible date \"1997-06-31\": June has 30 days\n"),
        "{concise}"
    );
    assert!(
        concise
            .contains("lagoon.txt:4:22: warning[impossible-date] impossible date \"31/06/1997\": June has 30 days\n"),
        "{concise}"
    );
    assert!(concise.ends_with("2 warnings; result: pass\n"), "{concise}");
    // `dates` lists each as a date without a value, from the index and straight from disk.
    let (_, from_index, _) = run(&w, &["dates", "--format", "json"]);
    let (_, direct, _) = run(&w, &["dates", "--format", "json", w.corpus().join("lagoon.txt").to_str().unwrap()]);
    for listing in [from_index, direct] {
        let rows = json_lines(listing.as_bytes());
        let texts: Vec<(&str, bool)> =
            rows.iter().map(|r| (r["text"].as_str().unwrap_or(""), r["value"].is_null())).collect();
        assert_eq!(texts, [("1997-06-31", true), ("31/06/1997", true)], "{rows:?}");
    }
    let (_, json, _) = run(&w, &["report", "--format", "json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["summary"]["warnings"], 2, "{v}");
}

#[test]
fn an_undecodable_sheet_is_a_warning_with_its_line_and_skip_invalid_keeps_the_status() {
    let w = Work::new();
    w.write("ok.txt", "The Tern Accord was signed in Lisbon on 14 March 2003.\n")
        .write("broken.txt", b"The Kite Fund\nopened in 1990.\nIts \xff seal.\n");
    let baseline = w.dir.path().join("baseline.json");
    let base = baseline.to_str().unwrap();
    // Without --skip-invalid the unreadable sheet fails the run (2), named with its line.
    let (code, _, err) = run(&w, &["check", "--baseline", base]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("concord: error: broken.txt:3: invalid UTF-8 at byte offset 34"), "{err}");
    // With it, the run passes and every format still shows the sheet left out.
    let (code, text, err) = run(&w, &["--skip-invalid", "check", "--baseline", base]);
    assert_eq!(code, Some(0), "{text}{err}");
    assert!(
        text.contains("warning[unreadable]: broken.txt:3: invalid UTF-8 at byte offset 34; sheet left out"),
        "{text}"
    );
    let (_, json, _) = run(&w, &["--skip-invalid", "report", "--format", "json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["warnings"][0]["kind"], "unreadable");
    assert_eq!(v["warnings"][0]["doc"], "broken.txt");
    assert_eq!(v["warnings"][0]["line"], 3);
    let (code, github, _) = run(&w, &["--skip-invalid", "check", "--baseline", base, "--format", "github"]);
    assert_eq!(code, Some(0));
    assert!(github.contains("broken.txt,line=3,title=concord unreadable::invalid UTF-8"), "{github}");
}

#[cfg(unix)]
#[test]
fn a_sheet_without_read_permission_is_named_in_the_report() {
    use std::os::unix::fs::PermissionsExt as _;
    let w = Work::new();
    w.write("ok.txt", "The Tern Accord was signed in Lisbon on 14 March 2003.\n").write("secret.txt", "x\n");
    let secret = w.corpus().join("secret.txt");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&secret).is_ok() {
        eprintln!("skipped: this user reads files without read permission (root)");
        return;
    }
    let (code, text, _) = run(&w, &["--skip-invalid", "report"]);
    assert_eq!(code, Some(0));
    assert!(text.contains("warning[unreadable]: secret.txt: cannot read: "), "{text}");
}

#[test]
fn a_clean_corpus_has_no_warning_anywhere() {
    let w = Work::new();
    w.write("a.txt", "The Tern Accord was signed in Lisbon on 30 June 2003.\n");
    let (_, text, _) = run(&w, &["report"]);
    assert!(!text.contains("warning"), "{text}");
    let (_, json, _) = run(&w, &["check", "--format", "json", "--baseline", "none.json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert!(v.get("warnings").is_none(), "{v}");
}

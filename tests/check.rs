//! The cross-check, reports and the CI gate driven through the binary on small corpora
//! written here, plus the bundled corpus's known review finding.

use serde_json::Value;

use crate::util::*;

const AGREE_A: &str = "The Sirius Accord was signed in Geneva on 14 March 2003.\n";
const AGREE_B: &str = "In March 2003, the Sirius Accord was signed by all parties.\n";
const AGREE_C: &str = "History\n\nThe Sirius Accord was signed in 2003 after long talks.\n";
const CONFLICT: &str = "Notes\n\nThe Sirius Accord was signed in 2004 in Geneva.\n";

fn json_report(w: &Work) -> Value {
    let out = w.cmd(&["report", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn precision_aware_agreement_yields_no_finding() {
    let w = Work::new();
    w.write("a.txt", AGREE_A).write("b.txt", AGREE_B).write("c.txt", AGREE_C);
    let out = w.cmd(&["report"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout_of(&out), stderr_of(&out));
    let r = json_report(&w);
    assert_eq!(r["findings"].as_array().unwrap().len(), 0, "{r}");
}

#[test]
fn disjoint_years_are_a_conflict_citing_both_sheets() {
    let w = Work::new();
    w.write("a.txt", AGREE_A).write("b.txt", AGREE_B).write("late.txt", CONFLICT);
    let r = json_report(&w);
    let findings = r["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{r}");
    let f = &findings[0];
    assert_eq!(f["severity"], "conflict");
    assert_eq!(f["subject"], "Sirius Accord");
    let docs: Vec<&str> = f["claims"].as_array().unwrap().iter().map(|c| c["doc"].as_str().unwrap()).collect();
    assert!(docs.contains(&"late.txt") && (docs.contains(&"a.txt") || docs.contains(&"b.txt")), "{docs:?}");
    let late = f["claims"].as_array().unwrap().iter().find(|c| c["doc"] == "late.txt").unwrap();
    assert_eq!(late["line"], 3);
    assert_eq!(late["value"], "2004");
    assert_eq!(late["precision"], "year");
    assert!(late["quote"].as_str().unwrap().contains("2004"));
    assert!(f["id"].as_str().unwrap().starts_with("C-"));

    // The human report quotes each source with doc:line:column and underlines the date.
    // A report exits 0 once rendered, whatever it found (the gate is `check`).
    let out = w.cmd(&["report"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = stdout_of(&out);
    assert!(text.contains("late.txt:3:"), "{text}");
    assert!(text.contains("^^^^"), "{text}");
    assert!(text.contains("1 conflict"), "{text}");
}

#[test]
fn finding_id_is_stable_when_other_lines_move() {
    let w = Work::new();
    w.write("a.txt", AGREE_A).write("late.txt", CONFLICT);
    let id = json_report(&w)["findings"][0]["id"].clone();
    w.write("late.txt", format!("Preface added.\n\nAnother paragraph.\n\n{CONFLICT}"));
    let r = json_report(&w);
    assert_eq!(r["findings"][0]["id"], id);
    assert_eq!(
        r["findings"][0]["claims"].as_array().unwrap().iter().find(|c| c["doc"] == "late.txt").unwrap()["line"],
        7
    );
}

#[test]
fn markdown_and_html_reports_escape_sheet_text() {
    let w = Work::new();
    w.write("a.txt", AGREE_A).write("late.txt", "The Sirius Accord <script>alert(1)</script> was signed in 2004.\n");
    let html = w.dir.path().join("r.html");
    let out = w.cmd(&["report", "--format", "html", "-o", html.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(!page.contains("<script>alert"), "unescaped sheet text in HTML");
    assert!(page.contains("&lt;script&gt;"));
    // Self-contained: nothing is fetched (the SVG namespace URI is a name, not a request).
    for external in ["src=\"http", "href=\"http", "url(http", "<link", "@import", "<script"] {
        assert!(!page.contains(external), "external reference {external} in the HTML report");
    }
    let out = w.cmd(&["report", "--format", "markdown"]).output().unwrap();
    assert!(stdout_of(&out).contains("late.txt"));
}

#[test]
fn gate_fails_on_new_passes_when_accepted_and_reports_stale() {
    let w = Work::new();
    w.write("a.txt", AGREE_A).write("b.txt", AGREE_B);
    let baseline = w.dir.path().join("concord-baseline.json");
    let b = baseline.to_str().unwrap();
    let out = w.cmd(&["check", "--baseline", b]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout_of(&out));

    // A contradicting sheet: exit 1, both sheets and lines named.
    w.write("late.txt", CONFLICT);
    let out = w.cmd(&["check", "--baseline", b]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stdout_of(&out));
    let text = stdout_of(&out);
    assert!(text.contains("late.txt:3:") && (text.contains("a.txt:1:") || text.contains("b.txt:1:")), "{text}");

    // Accept it: exit 0, the reason template is written for a human to fill in.
    let out = w.cmd(&["check", "--baseline", b, "--update-baseline"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&baseline).unwrap()).unwrap();
    assert_eq!(saved["entries"].as_array().unwrap().len(), 1);
    let out = w.cmd(&["check", "--baseline", b]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout_of(&out));

    // Reasons survive a rewrite.
    let edited = std::fs::read_to_string(&baseline)
        .unwrap()
        .replace("TODO: explain why this finding is accepted", "the 2004 sheet is a draft");
    std::fs::write(&baseline, edited).unwrap();
    w.cmd(&["check", "--baseline", b, "--update-baseline"]).output().unwrap();
    assert!(std::fs::read_to_string(&baseline).unwrap().contains("the 2004 sheet is a draft"));

    // Remove the contradicting sheet: the entry is stale; --strict fails on it.
    w.remove("late.txt");
    let out = w.cmd(&["check", "--baseline", b]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout_of(&out).contains("1 stale"), "{}", stdout_of(&out));
    let out = w.cmd(&["check", "--baseline", b, "--strict"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn corrupt_baseline_exits_2_with_the_reason() {
    let w = Work::new();
    w.write("a.txt", AGREE_A);
    let baseline = w.dir.path().join("b.json");
    for broken in ["{ not json", "{\"schema_version\": 1, \"entries\": [{\"id\": 7}]}", "[]"] {
        std::fs::write(&baseline, broken).unwrap();
        let out = w.cmd(&["check", "--baseline", baseline.to_str().unwrap()]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{broken}: {}", stdout_of(&out));
        assert!(stderr_of(&out).contains("b.json"), "{broken}: {}", stderr_of(&out));
    }
}

#[test]
fn github_and_sarif_outputs_point_at_the_dissent() {
    let w = Work::new();
    w.write("a.txt", AGREE_A).write("late.txt", CONFLICT);
    let b = w.dir.path().join("none.json");
    let out = w.cmd(&["check", "--baseline", b.to_str().unwrap(), "--format", "github"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout_of(&out);
    // One annotation per finding; the other sheet is summarised in it.
    let errors: Vec<&str> = text.lines().filter(|l| l.starts_with("::error ")).collect();
    assert_eq!(errors.len(), 1, "{text}");
    assert!(
        (errors[0].contains("late.txt,line=3,col=") && errors[0].contains("+1 sheet gives 2003"))
            || (errors[0].contains("a.txt,line=1,col=") && errors[0].contains("+1 sheet gives 2004")),
        "{text}"
    );

    let out = w.cmd(&["check", "--baseline", b.to_str().unwrap(), "--format", "sarif"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "concord");
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let r = &results[0];
    assert_eq!(r["level"], "error");
    assert!(r["ruleId"].is_string() && r["message"]["text"].is_string());
    let locs = r["locations"].as_array().unwrap();
    assert_eq!(locs.len(), 1, "one location: the dissenting claim");
    let related = r["relatedLocations"].as_array().unwrap();
    assert_eq!(related.len(), 1, "the other source");
    for l in locs.iter().chain(related) {
        let p = &l["physicalLocation"];
        assert!(p["artifactLocation"]["uri"].as_str().unwrap().ends_with(".txt"));
        assert!(p["region"]["startLine"].as_u64().unwrap() >= 1);
        assert!(p["region"]["startColumn"].as_u64().unwrap() >= 1);
    }
    assert!(r["partialFingerprints"].as_object().is_some_and(|o| !o.is_empty()));
}

#[test]
fn bundled_corpus_yields_the_1990_1991_review_the_two_resumptions_and_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    let out = concord(tmp.path(), &bundled_corpus(), &tmp.path().join("ix"), &["report", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = r["findings"].as_array().unwrap();
    // Three of the four differently dated pairs: the start of relations (1990 vs 1991), and
    // the resumption after the 1999 freeze and after the August 2008 suspension.
    assert_eq!(findings.len(), 3, "{r:#}");
    let values = |f: &Value| -> Vec<String> {
        f["claims"].as_array().unwrap().iter().map(|c| c["value"].as_str().unwrap().to_string()).collect()
    };
    for f in findings {
        assert_eq!(f["severity"], "review", "{f:#}");
        assert!(f["reason"].as_str().is_some_and(|s| !s.is_empty()));
    }
    let start = findings.iter().find(|f| f["event"] == "start").expect("the start of relations");
    assert!(values(start).contains(&"1990".into()) && values(start).contains(&"1991".into()), "{start:#}");
    let resumptions: Vec<&Value> = findings.iter().filter(|f| f["kind"] == "resumption-dates").collect();
    assert_eq!(resumptions.len(), 2, "{r:#}");
    assert!(resumptions.iter().any(|f| values(f).contains(&"2000-05".into())), "{r:#}");
    assert!(resumptions.iter().any(|f| values(f).contains(&"2008-12".into())), "{r:#}");

    // The committed baseline accepts it, with a reason.
    let baseline = concat!(env!("CARGO_MANIFEST_DIR"), "/concord-baseline.json");
    let out =
        concord(tmp.path(), &bundled_corpus(), &tmp.path().join("ix"), &["check", "--baseline", baseline, "--strict"])
            .output()
            .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout_of(&out));
}

/// Held-out sheets on another subject (tests/fixtures/heldout): one real conflict, and
/// passive agents, designations, references and shouted headings that must add nothing.
#[test]
fn heldout_sheets_give_only_the_real_conflict() {
    let w = Work::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/heldout");
    for name in ["rowing-history.md", "ora-overview.txt", "ora-timeline.txt"] {
        w.write(name, std::fs::read_to_string(dir.join(name)).unwrap());
    }
    let r = json_report(&w);
    let findings = r["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{r}");
    let f = &findings[0];
    assert_eq!(f["severity"], "conflict", "{f}");
    assert_eq!(f["subject"], "Oceania Rowing Association", "{f}");
    let values: Vec<&str> = f["claims"].as_array().unwrap().iter().map(|c| c["value"].as_str().unwrap()).collect();
    assert!(values.contains(&"1963") && values.iter().any(|v| v.starts_with("1962")), "{values:?}");
    // The designated day (1980) is no founding date.
    assert!(values.iter().all(|v| v.starts_with("1962") || *v == "1963"), "{values:?}");
}

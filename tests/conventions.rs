//! One verdict in every format, CI output that fits GitHub at scale, and the
//! conventions linter users expect (report exits 0, config found from a subdirectory,
//! ripgrep-style `--doc` globs, concise output, quiet means quiet). Each defect's test is
//! named after it.

use std::io::Read;
use std::process::Stdio;

use serde_json::Value;

use crate::util::*;

const SIGNED_A: &str = "The Vega Treaty was signed in Lisbon on 14 September 2011.\n";
const SIGNED_B: &str = "In September 2011 the Vega Treaty was signed by nine states.\n";
const SIGNED_LATE: &str = "Notes\n\nThe Vega Treaty was signed in 2012 after a delay.\n";

/// A corpus with one conflict: two sheets agree, one dissents.
fn conflicting() -> Work {
    let w = Work::new();
    w.write("a.txt", SIGNED_A).write("b.txt", SIGNED_B).write("late.txt", SIGNED_LATE);
    w
}

fn baseline_arg(w: &Work) -> String {
    w.dir.path().join("concord-baseline.json").to_string_lossy().into_owned()
}

/// Accepts every current finding with a written reason.
fn accept_all(w: &Work) {
    let b = baseline_arg(w);
    let out = w.cmd(&["check", "--baseline", &b, "--update-baseline"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let text = std::fs::read_to_string(&b).unwrap().replace("TODO: explain why this finding is accepted", "checked");
    std::fs::write(&b, text).unwrap();
}

#[test]
fn strict_verdict_and_exit_status_agree_in_every_format() {
    let w = conflicting();
    accept_all(&w);
    w.remove("late.txt");
    let b = baseline_arg(&w);
    for format in ["text", "concise", "json", "github", "sarif"] {
        let out = w.cmd(&["check", "--baseline", &b, "--strict", "--format", format]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}: {}", stdout_of(&out));
        let text = stdout_of(&out);
        match format {
            "text" | "concise" => assert!(text.trim_end().ends_with("result: fail"), "{format}: {text}"),
            "json" => assert_eq!(serde_json::from_str::<Value>(&text).unwrap()["result"], "fail"),
            "github" => assert!(text.trim_end().ends_with("; fail"), "{text}"),
            _ => {}
        }
        // Without --strict the same state passes, and says so.
        let out = w.cmd(&["check", "--baseline", &b, "--format", format]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}: {}", stdout_of(&out));
        if format == "json" {
            assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap()["result"], "pass");
        }
    }
}

#[test]
fn known_findings_take_one_line_and_a_todo_reason_fails_strict() {
    let w = conflicting();
    let b = baseline_arg(&w);
    w.cmd(&["check", "--baseline", &b, "--update-baseline"]).output().unwrap();
    let out = w.cmd(&["check", "--baseline", &b]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout_of(&out));
    let text = stdout_of(&out);
    let known: Vec<&str> = text.lines().filter(|l| l.starts_with("known[")).collect();
    assert_eq!(known.len(), 1, "{text}");
    assert!(known[0].contains("Vega Treaty — signed: ") && known[0].ends_with("(reason still TODO)"), "{text}");
    assert!(!text.contains("accepted:"), "the reason only with --verbose: {text}");

    let out = w.cmd(&["check", "--baseline", &b, "--strict"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "a TODO reason fails --strict: {}", stdout_of(&out));
    assert!(stdout_of(&out).contains("fails --strict"));

    accept_all(&w);
    let out = w.cmd(&["check", "--baseline", &b, "--strict", "--verbose"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout_of(&out));
    assert!(stdout_of(&out).contains("= accepted: checked"), "{}", stdout_of(&out));
}

#[test]
fn report_exits_0_once_rendered_and_check_exit_zero_keeps_the_verdict() {
    let w = conflicting();
    for format in ["text", "concise", "markdown", "json", "html"] {
        let out = w.cmd(&["report", "--format", format]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}: {}", stderr_of(&out));
    }
    let b = baseline_arg(&w);
    let out = w.cmd(&["check", "--baseline", &b]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = w.cmd(&["check", "--baseline", &b, "--exit-zero"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout_of(&out).trim_end().ends_with("result: fail"), "{}", stdout_of(&out));
    let out = w.cmd(&["check", "--baseline", &b, "--fail-on", "review", "--exit-zero"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn quiet_means_quiet() {
    let w = conflicting();
    let b = baseline_arg(&w);
    for args in [
        vec!["-q", "report"],
        vec!["-q", "report", "--format", "concise"],
        vec!["-q", "timeline"],
        vec!["-q", "check", "--baseline", &b],
        vec!["-q", "check", "--baseline", &b, "--format", "github"],
    ] {
        let out = w.cmd(&args).output().unwrap();
        let text = stdout_of(&out);
        for prefix in ["summary:", "check:", "result:", "timeline:", "concord check:"] {
            assert!(!text.lines().any(|l| l.starts_with(prefix)), "{args:?} printed {prefix}\n{text}");
        }
        assert!(text.contains("Vega Treaty"), "{args:?}: the findings are still printed\n{text}");
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let w = Work::new();
    // Enough output to overflow a pipe buffer many times over.
    for i in 0..600 {
        let year = if i % 2 == 0 { 2011 } else { 2012 };
        w.write(&format!("s{i:03}.txt"), format!("The Vega Treaty was signed in {year} in a long ceremony.\n"));
    }
    assert_eq!(w.cmd(&["index"]).output().unwrap().status.code(), Some(0));
    for format in ["json", "text"] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_concord"))
            .current_dir(w.dir.path())
            .args(["--corpus", w.corpus().to_str().unwrap(), "--index", w.index().to_str().unwrap()])
            .args(["report", "--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut one = [0u8; 1];
        child.stdout.take().unwrap().read_exact(&mut one).unwrap();
        // The reading end is closed here (`| head -c1`).
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}: {}", stderr_of(&out));
        assert_eq!(stderr_of(&out), "", "{format}");
    }
}

#[test]
fn a_huge_search_limit_is_rejected_not_an_abort() {
    let w = conflicting();
    let out = w.cmd(&["search", "Vega", "--limit", "10000000000"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("more than 100000"), "{}", stderr_of(&out));
    let out = w.cmd(&["search", "Vega", "--limit", "100000"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
}

#[test]
fn export_dates_fit_the_documented_date_mapping() {
    let w = Work::new();
    w.write("a.txt", "The Delian Treaty was signed in 465 BC at Delos.\n\nThe Delian Treaty was renewed in 1997.\n");
    let out = w.cmd(&["export"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let lines = json_lines(&out.stdout);
    let is_yyyy_mm_dd = |s: &str| {
        let b = s.as_bytes();
        b.len() == 10 && b[4] == b'-' && b[7] == b'-' && s.chars().filter(char::is_ascii_digit).count() == 8
    };
    let mut seen_bc = false;
    for passage in &lines {
        for d in passage["dates"].as_array().unwrap() {
            for key in ["start", "end"] {
                if let Some(v) = d.get(key) {
                    assert!(is_yyyy_mm_dd(v.as_str().unwrap()), "{key} {v} is not yyyy-MM-dd");
                    let year: i32 = v.as_str().unwrap()[..4].parse().unwrap();
                    assert!(passage["years"].as_array().unwrap().iter().any(|y| y == year), "{passage}");
                }
            }
            if d["value"] == "BC0465" {
                seen_bc = true;
                assert!(d.get("start").is_none() && d.get("end").is_none(), "{d}");
                assert_eq!(passage["years"], serde_json::json!([-465]));
            }
        }
    }
    assert!(seen_bc, "{lines:?}");
}

#[test]
fn github_output_at_scale_is_one_annotation_per_finding() {
    let w = Work::new();
    for i in 0..60 {
        w.write(&format!("s{i:03}.txt"), SIGNED_A);
    }
    w.write("changed.txt", SIGNED_LATE);
    let b = baseline_arg(&w);
    let out = w.cmd(&["check", "--baseline", &b, "--format", "github"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout_of(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() <= 2, "{text}");
    let error = lines.iter().find(|l| l.starts_with("::error ")).unwrap();
    assert!(error.contains("changed.txt,line=3"), "points at the dissent: {error}");
    assert!(error.contains("+60 sheets give 2011-09-14"), "{error}");
    assert!(text.len() < 2_000, "{} bytes", text.len());
}

#[test]
fn sarif_has_one_location_related_ones_and_a_base_for_absolute_paths() {
    let w = Work::new();
    for i in 0..80 {
        w.write(&format!("s{i:03}.txt"), SIGNED_A);
    }
    w.write("changed.txt", SIGNED_LATE);
    let b = baseline_arg(&w);
    // Work::cmd passes the corpus as an absolute path.
    let out = w.cmd(&["check", "--baseline", &b, "--format", "sarif"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let run = &sarif["runs"][0];
    let driver = &run["tool"]["driver"];
    assert!(driver["version"].as_str().is_some_and(|v| !v.is_empty()));
    assert!(driver["rules"].as_array().unwrap().iter().all(|r| r["help"]["text"].is_string()));
    let base = run["originalUriBaseIds"]["CORPUS"]["uri"].as_str().unwrap();
    assert!(base.starts_with("file:///") && base.ends_with("/corpus/"), "{base}");
    let r = &run["results"][0];
    let locations = r["locations"].as_array().unwrap();
    assert_eq!(locations.len(), 1);
    let artifact = &locations[0]["physicalLocation"]["artifactLocation"];
    assert_eq!(artifact["uri"], "changed.txt");
    assert_eq!(artifact["uriBaseId"], "CORPUS");
    let related = r["relatedLocations"].as_array().unwrap();
    assert_eq!(related.len(), 50, "capped");
    let message = r["message"]["text"].as_str().unwrap();
    assert!(message.contains("30 more sources not listed"), "{message}");
}

#[test]
fn config_and_baseline_are_found_from_a_subdirectory() {
    let w = conflicting();
    let root = w.dir.path();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    let sub = root.join("notes").join("drafts");
    std::fs::create_dir_all(&sub).unwrap();
    // The project's config moves the baseline; run from two levels down.
    std::fs::write(root.join("concord.toml"), "[check]\nbaseline = \"ci/accepted.json\"\n").unwrap();
    std::fs::create_dir_all(root.join("ci")).unwrap();
    let out = concord(&sub, &w.corpus(), &w.index(), &["check", "--update-baseline"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(root.join("ci/accepted.json").is_file(), "the config's baseline, relative to the config file");
    let out = concord(&sub, &w.corpus(), &w.index(), &["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout_of(&out));

    // Without a config, the nearest concord-baseline.json up to the repository root.
    std::fs::remove_file(root.join("concord.toml")).unwrap();
    std::fs::rename(root.join("ci/accepted.json"), root.join("concord-baseline.json")).unwrap();
    let out = concord(&sub, &w.corpus(), &w.index(), &["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout_of(&out));
    // A bad config found this way is still an error naming it.
    std::fs::write(root.join("concord.toml"), "[check]\nfail_on = \"sometimes\"\n").unwrap();
    let out = concord(&sub, &w.corpus(), &w.index(), &["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("concord.toml"), "{}", stderr_of(&out));
}

#[test]
fn doc_globs_follow_ripgrep() {
    let w = Work::new();
    w.write("top.txt", SIGNED_A).write("nested/deep/b.txt", SIGNED_B).write("nested/c.md", SIGNED_A);
    let docs = |glob: &str| -> Vec<String> {
        let out = w.cmd(&["search", "Vega", "--doc", glob, "--format", "json"]).output().unwrap();
        let mut d: Vec<String> =
            json_lines(&out.stdout).iter().map(|h| h["doc"].as_str().unwrap().to_string()).collect();
        d.sort();
        d
    };
    assert_eq!(docs("b.txt"), ["nested/deep/b.txt"], "a name matches at any depth");
    assert_eq!(docs("*.txt"), ["nested/deep/b.txt", "top.txt"]);
    assert_eq!(docs("nested/*.md"), ["nested/c.md"]);
    assert_eq!(docs("nested"), ["nested/c.md", "nested/deep/b.txt"], "a folder keeps what is below it");
    assert_eq!(docs("!nested"), ["top.txt"]);
}

#[test]
fn search_input_errors_are_clear_and_hits_have_columns() {
    let w = conflicting();
    for (args, expected) in [
        (vec!["search", ""], "invalid query: it is empty"),
        (vec!["search", "Vega", "--from", "2012", "--to", "2010"], "--from 2012 is after --to 2010"),
        (vec!["search", "Veg*"], "wildcards are not supported (`*` at character 4)"),
        (vec!["search", "Vega~1"], "fuzzy terms are not supported"),
        (vec!["search", "\"Vega Treaty"], "at character 1"),
    ] {
        let out = w.cmd(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr_of(&out).contains(expected), "{args:?}: {}", stderr_of(&out));
    }
    let out = w.cmd(&["search", "Treaty"]).output().unwrap();
    let text = stdout_of(&out);
    assert!(text.contains("late.txt:3:10  "), "path:line:column, column of the match: {text}");
    assert!(!text.contains("**"), "no markers in piped text: {text}");
    let out = w.cmd(&["search", "Treaty", "--format", "json"]).output().unwrap();
    assert!(json_lines(&out.stdout).iter().all(|h| h["column"].as_u64().is_some_and(|c| c >= 1)));
    let out = w.cmd(&["search", "--help"]).output().unwrap();
    let help = stdout_of(&out);
    assert!(help.contains("Global options:") && help.contains("Examples:"), "{help}");
}

#[test]
fn concise_and_statistics() {
    let w = conflicting();
    let out = w.cmd(&["report", "--format", "concise"]).output().unwrap();
    let text = stdout_of(&out);
    let first = text.lines().next().unwrap();
    assert!(first.starts_with("late.txt:3:") && first.contains(": conflict[C-"), "{text}");
    assert!(first.contains("] Vega Treaty — signed: 2011-09-14: 2 sheets ("), "{first}");
    assert!(first.ends_with(" · 2012: 1 sheet (late.txt:3:31)"), "{first}");
    let b = baseline_arg(&w);
    let out = w.cmd(&["check", "--baseline", &b, "--statistics"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout_of(&out);
    assert!(text.lines().any(|l| l.trim_start().starts_with("1  date-conflict")), "{text}");
    assert!(text.trim_end().ends_with("result: fail"), "{text}");
}

#[test]
fn an_inferred_year_says_where_it_came_from() {
    let w = Work::new();
    w.write(
        "a.txt",
        "History\n\nTalks on the Vega Treaty opened in 2011.\n\nOn 14 September, the Vega Treaty was signed in Lisbon.\n",
    );
    w.write("b.txt", SIGNED_LATE);
    let out = w.cmd(&["report", "--format", "json"]).output().unwrap();
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    let claims: Vec<&Value> = r["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["supporting"].as_array().unwrap().iter().chain(e["dissenting"].as_array().unwrap()))
        .collect();
    let inferred = claims.iter().find(|c| c["inferred"] == true).unwrap_or_else(|| panic!("{r:#}"));
    assert_eq!(inferred["inferred_from"], "year from line 3", "{inferred}");
    let text = stdout_of(&w.cmd(&["report"]).output().unwrap());
    assert!(text.contains("inferred: year from line 3"), "{text}");
}

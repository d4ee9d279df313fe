//! `concord dates` and date values through the index.

use crate::util::*;

/// The `value` and `modifier` of every date row of a `dates --format json` run.
fn values(out: &std::process::Output) -> Vec<(String, String, String)> {
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(out));
    json_lines(&out.stdout)
        .iter()
        .map(|v| (v["text"].to_string(), v["value"].to_string(), v["modifier"].to_string()))
        .collect()
}

/// Issue 15, defect 1: the index stored a date as its value string, which drops the
/// modifier, so "early 1997" came back as the whole of 1997.
#[test]
fn issue_15_modifier_survives_the_index() {
    let w = Work::new();
    w.write("a.txt", "The Orion Council was established in early 1997 in Oslo.\n")
        .write("b.txt", "The Orion Council was established in November 1997.\n")
        .write("c.txt", "Membership grew in the late 1990s.\n");
    let through_index = values(&w.cmd(&["dates", "--format", "json"]).output().unwrap());
    let corpus = w.corpus();
    let paths: Vec<String> =
        ["a.txt", "b.txt", "c.txt"].iter().map(|f| corpus.join(f).to_string_lossy().into_owned()).collect();
    let mut args = vec!["dates", "--format", "json"];
    args.extend(paths.iter().map(String::as_str));
    let direct = values(&w.cmd(&args).output().unwrap());
    assert_eq!(through_index, direct);
    assert!(through_index.iter().any(|(_, v, m)| v == "\"1997\"" && m == "\"early\""), "{through_index:?}");
    assert!(through_index.iter().any(|(_, v, m)| v == "\"199\"" && m == "\"late\""), "{through_index:?}");
    // The cross-check sees the modifier: early 1997 and November 1997 are disjoint.
    let out = w.cmd(&["report", "--format", "json"]).output().unwrap();
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["findings"].as_array().unwrap().len(), 1, "{r}");
}

const RELEASE: &str = "The ferry company said on Tuesday that fares would rise next month. A spokesman \
said sales fell last week and that the board will meet on Friday. Prices now exceed last year's.\n";

#[test]
fn dates_prints_the_register_and_accepts_date_times_and_flags() {
    let w = Work::new();
    w.write("press/release.txt", RELEASE);
    let file = w.corpus().join("press/release.txt");
    let file = file.to_string_lossy();
    let out = w.cmd(&["dates", &file, "--reference-date", "2004-03-10T13:37"]).output().unwrap();
    let text = stdout_of(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(text.contains("register: news, document date: 2004-03-10"), "{text}");
    // 2004-03-10 was a Wednesday: "on Tuesday" (said) is the day before, "on Friday" (will meet) after.
    assert!(text.contains("Tuesday  →  2004-03-09"), "{text}");
    assert!(text.contains("Friday  →  2004-03-12"), "{text}");
    assert!(text.contains("last week  →  2004-W10"), "{text}");
    assert!(text.contains("now  →  PRESENT_REF"), "{text}");
    // The flag overrides the register decided from the text.
    let out = w.cmd(&["dates", &file, "--reference-date", "2004-W11", "--register", "narrative"]).output().unwrap();
    assert!(stdout_of(&out).contains("register: narrative"), "{}", stdout_of(&out));
    let bad = w.cmd(&["dates", &file, "--reference-date", "2004-03-10T25:00"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr_of(&bad).contains("--reference-date"), "{}", stderr_of(&bad));
    let bad = w.cmd(&["dates", &file, "--reference-date", "2004-03-10", "--register", "novel"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr_of(&bad).contains("novel"), "{}", stderr_of(&bad));
}

#[test]
fn concord_toml_sets_the_register_per_glob_and_the_index_follows_it() {
    let w = Work::new();
    // No document date: read as a narrative whatever the text.
    w.write("press/release.txt", RELEASE);
    let out = w.cmd(&["dates", "--format", "json"]).output().unwrap();
    let rows = json_lines(&out.stdout);
    assert!(rows.iter().all(|r| r["register"] == "narrative"), "{rows:?}");
    std::fs::write(w.corpus().join("../concord.toml"), "[dates]\nregister = { \"press/**\" = \"news\" }\n").unwrap();
    let out = w.cmd(&["dates", "--format", "json"]).output().unwrap();
    let rows = json_lines(&out.stdout);
    assert!(!rows.is_empty() && rows.iter().all(|r| r["register"] == "news"), "{rows:?}");
}

#[test]
fn today_is_the_sheets_date_when_it_has_one() {
    let w = Work::new();
    w.write("club/history.txt", "The club was founded in 1921. Today it trains 400 riders.\n");
    let file = w.corpus().join("club/history.txt");
    let file = file.to_string_lossy();
    // Undated: the present.
    let out = w.cmd(&["dates", &file]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("Today  →  PRESENT_REF"), "{}", stdout_of(&out));
    // Dated, even as a narrative: that day.
    let out = w.cmd(&["dates", &file, "--reference-date", "2009-12-19", "--register", "narrative"]).output().unwrap();
    assert!(stdout_of(&out).contains("Today  →  2009-12-19"), "{}", stdout_of(&out));
    // A sheet dated by its "correct as of" label to a month: the latest day of that month it states.
    w.write(
        "club/release.txt",
        "correct as of\nJune 2015\n\nA new hall opened today. The board met on 3 June 2015 and the hall was \
         handed over on 19 June 2015.\n",
    );
    let file = w.corpus().join("club/release.txt");
    let out = w.cmd(&["dates", &file.to_string_lossy()]).output().unwrap();
    assert!(stdout_of(&out).contains("today  →  2015-06-19"), "{}", stdout_of(&out));
}

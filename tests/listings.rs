//! The documented JSON fields of `dates`, `bodies` and `timeline` (README, "Output formats"
//! and `concord timeline`): every field is present, nothing undocumented appears, and the
//! values agree with the invented sheets they come from.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::util::*;

const SHEET_A: &str =
    "The Osprey Trust (OT) was founded on 12 March 1984 in Leeds.\nIn 1990 the OT opened a second office.\n";
const SHEET_B: &str = "The Osprey Trust (OT) was founded on 3 May 1986 in York.\n";

fn work() -> Work {
    let w = Work::new();
    w.write("a.txt", SHEET_A).write("b.txt", SHEET_B);
    w
}

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

fn set<'a>(names: &[&'a str]) -> BTreeSet<&'a str> {
    names.iter().copied().collect()
}

/// 1-based character column of `needle` in `line`.
fn column_of(line: &str, needle: &str) -> u64 {
    (line[..line.find(needle).unwrap()].chars().count() + 1) as u64
}

fn listing(w: &Work, args: &[&str]) -> Vec<Value> {
    let out = w.cmd(args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    json_lines(&out.stdout)
}

#[test]
fn dates_json_lines_carry_the_documented_fields() {
    let w = work();
    let rows = listing(&w, &["dates", "--format", "json"]);
    let documented = set(&[
        "doc",
        "line",
        "column",
        "text",
        "value",
        "precision",
        "modifier",
        "inferred",
        "kind",
        "timex_type",
        "register",
    ]);
    assert!(!rows.is_empty());
    for r in &rows {
        assert_eq!(keys(r), documented, "{r}");
        assert!(["news", "narrative"].contains(&r["register"].as_str().unwrap()), "{r}");
        assert!(["DATE", "DURATION", "SET"].contains(&r["timex_type"].as_str().unwrap()), "{r}");
    }
    let day = rows.iter().find(|r| r["text"] == "12 March 1984").expect("the day is listed");
    assert_eq!(day["doc"], "a.txt");
    assert_eq!(day["line"], 1);
    assert_eq!(day["column"].as_u64(), Some(column_of(SHEET_A, "12 March 1984")));
    assert_eq!(day["value"], "1984-03-12");
    assert_eq!(day["precision"], "day");
    assert_eq!(day["kind"], "absolute");
    assert_eq!(day["timex_type"], "DATE");
    assert_eq!(day["inferred"], false);
    let year = rows.iter().find(|r| r["text"] == "1990").expect("the year is listed");
    assert_eq!(
        (year["line"].as_u64(), year["value"].as_str(), year["precision"].as_str()),
        (Some(2), Some("1990"), Some("year"))
    );
    // Nothing is listed that the sheets do not say.
    assert!(rows.iter().all(|r| ["a.txt", "b.txt"].contains(&r["doc"].as_str().unwrap())));
}

#[test]
fn bodies_json_lines_carry_the_documented_fields() {
    let w = work();
    let rows = listing(&w, &["bodies", "--format", "json"]);
    let documented = set(&["doc", "line", "column", "text", "canonical", "type", "defines"]);
    assert!(!rows.is_empty());
    for r in &rows {
        assert_eq!(keys(r), documented, "{r}");
        assert!(r["type"].is_string(), "{r}");
    }
    let defining = rows
        .iter()
        .find(|r| r["doc"] == "a.txt" && r["line"] == 1 && r["text"] == "Osprey Trust")
        .expect("the full name is a mention");
    assert_eq!(defining["column"].as_u64(), Some(column_of(SHEET_A, "Osprey Trust")));
    assert_eq!(defining["defines"], "OT");
    assert_eq!(defining["canonical"], "Osprey Trust");
    // The acronym alone resolves to the name it was defined for and defines nothing.
    let short = rows.iter().find(|r| r["doc"] == "a.txt" && r["line"] == 2).expect("the acronym on line 2");
    assert_eq!((short["text"].as_str(), short["canonical"].as_str()), (Some("OT"), Some("Osprey Trust")));
    assert!(short["defines"].is_null(), "{short}");
}

#[test]
fn timeline_json_carries_the_documented_fields_and_marks_a_one_against_one_split_disputed() {
    let w = work();
    let out = w.cmd(&["timeline", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(keys(&v), set(&["schema_version", "timeline"]));
    assert_eq!(v["schema_version"], 1);
    let entries = v["timeline"].as_array().unwrap();
    let entry_fields = set(&["date", "precision", "subject", "event", "disputed", "supporting", "dissenting"]);
    let cite_fields = set(&["doc", "line", "column", "value", "precision", "text", "quote", "confidence"]);
    for e in entries {
        assert_eq!(keys(e), entry_fields, "{e}");
        for c in e["supporting"].as_array().unwrap().iter().chain(e["dissenting"].as_array().unwrap()) {
            assert_eq!(keys(c), cite_fields, "{c}");
            let conf = c["confidence"].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&conf), "{c}");
        }
    }
    // Two sheets, one founding day each: one against one is disputed, and the entry's date
    // is its supporters' date.
    let founding = entries.iter().find(|e| e["subject"] == "Osprey Trust").expect("an entry about the trust");
    assert_eq!(founding["disputed"], true, "{founding}");
    assert_eq!(founding["precision"], "day");
    let (sup, dis) = (founding["supporting"].as_array().unwrap(), founding["dissenting"].as_array().unwrap());
    assert_eq!((sup.len(), dis.len()), (1, 1), "{founding}");
    assert_eq!(sup[0]["value"], founding["date"]);
    let docs: BTreeSet<&str> = [&sup[0], &dis[0]].iter().map(|c| c["doc"].as_str().unwrap()).collect();
    assert_eq!(docs, set(&["a.txt", "b.txt"]));
    for c in [&sup[0], &dis[0]] {
        let sheet = if c["doc"] == "a.txt" { SHEET_A } else { SHEET_B };
        let text = c["text"].as_str().unwrap();
        assert_eq!(c["column"].as_u64(), Some(column_of(sheet, text)), "{c}");
        assert!(c["quote"].as_str().unwrap().contains(text), "{c}");
    }
    // The timeline of one body, named by its acronym, is the same entry.
    let out = w.cmd(&["timeline", "OT", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let one: Value = serde_json::from_slice(&out.stdout).unwrap();
    // Besides the founding, the sheet says what the trust did later ("opened a second
    // office"): an `other` event, never disputed because never compared.
    let about: Vec<Value> = entries.iter().filter(|e| e["subject"] == "Osprey Trust").cloned().collect();
    assert!(about.iter().any(|e| e["event"] == "other" && e["disputed"] == false), "{about:?}");
    assert_eq!(one["timeline"].as_array().unwrap(), &about);
}

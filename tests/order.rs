//! The cross-check by order of events, the confidence rules for one sheet, and the rule
//! that a one-against-one split is no agreed date, driven through the binary on small
//! corpora written here.

use serde_json::Value;

use crate::util::*;

const FOUNDED: &str = "The Baltic Glacier Commission was founded in 1963 in Riga.\n";
const FIRST_MET: &str = "The Baltic Glacier Commission first met on 12 March 1962 in Tartu.\n";

fn json_report(w: &Work) -> Value {
    let out = w.cmd(&["report", "--format", "json"]).output().unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr_of(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn findings(r: &Value) -> &Vec<Value> {
    r["findings"].as_array().unwrap()
}

#[test]
fn a_first_meeting_before_the_founding_in_another_sheet_is_a_conflict_naming_both() {
    let w = Work::new();
    w.write("founding.txt", FOUNDED).write("history.txt", format!("History\n\n{FIRST_MET}"));
    let r = json_report(&w);
    let f = findings(&r);
    assert_eq!(f.len(), 1, "{r:#}");
    assert_eq!(f[0]["severity"], "conflict");
    assert_eq!(f[0]["kind"], "event-order");
    assert_eq!(f[0]["subject"], "Baltic Glacier Commission");
    let reason = f[0]["reason"].as_str().unwrap();
    assert!(reason.contains("first met on 12 March 1962 (history.txt)"), "{reason}");
    assert!(reason.contains("but established in 1963 (founding.txt)"), "{reason}");
    let docs: Vec<&str> = f[0]["claims"].as_array().unwrap().iter().map(|c| c["doc"].as_str().unwrap()).collect();
    assert_eq!(docs, ["history.txt", "founding.txt"], "sorted by date");

    // The human report and the gate see it too.
    let out = w.cmd(&["report"]).output().unwrap();
    let text = stdout_of(&out);
    assert!(text.contains("first-meeting before established"), "{text}");
    assert!(text.contains("history.txt:3:"), "{text}");
    let out = w.cmd(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stdout_of(&out));
}

#[test]
fn events_in_order_or_at_compatible_precision_give_nothing() {
    let w = Work::new();
    w.write("founding.txt", FOUNDED).write(
        "history.txt",
        "The Baltic Glacier Commission first met in March 1963 in Tartu.\n\
         The Baltic Glacier Commission met in Riga in 1970.\n\
         The Baltic Glacier Commission was dissolved in 1990.\n",
    );
    let r = json_report(&w);
    assert!(findings(&r).is_empty(), "{r:#}");
}

#[test]
fn a_meeting_after_the_body_was_dissolved_is_a_conflict() {
    let w = Work::new();
    w.write("end.txt", "The Baltic Glacier Commission was dissolved in 1990.\n")
        .write("late.txt", "The Baltic Glacier Commission met in Riga in 1995.\n");
    let r = json_report(&w);
    let f = findings(&r);
    assert_eq!(f.len(), 1, "{r:#}");
    assert_eq!(f[0]["kind"], "event-order");
    let reason = f[0]["reason"].as_str().unwrap();
    assert!(reason.starts_with("met in 1995 (late.txt), but closed in 1990 (end.txt)"), "{reason}");
}

#[test]
fn inside_one_sheet_a_low_confidence_reading_gives_no_finding() {
    // "It first met …" is an anaphor: a guess, below the high-confidence mark.
    let w = Work::new();
    w.write("a.txt", format!("{FOUNDED}It first met on 12 March 1962 in Tartu.\n"));
    let claims = w.cmd(&["claims"]).output().unwrap();
    assert!(stdout_of(&claims).contains("first-meeting"), "the anaphor is read: {}", stdout_of(&claims));
    let r = json_report(&w);
    assert!(findings(&r).is_empty(), "{r:#}");

    // The same event dated twice in one sheet, once through the anaphor: nothing either.
    let w = Work::new();
    w.write("a.txt", format!("{FOUNDED}It was founded in 1961 according to the charter.\n"));
    let claims = w.cmd(&["claims"]).output().unwrap();
    assert!(stdout_of(&claims).contains("established  1961"), "the anaphor is read: {}", stdout_of(&claims));
    let r = json_report(&w);
    assert!(findings(&r).is_empty(), "{r:#}");
}

#[test]
fn inside_one_sheet_two_direct_readings_are_a_review_never_a_conflict() {
    let w = Work::new();
    w.write("a.txt", format!("{FOUNDED}{FIRST_MET}"));
    let r = json_report(&w);
    let f = findings(&r);
    assert_eq!(f.len(), 1, "{r:#}");
    assert_eq!(f[0]["severity"], "review");
    assert_eq!(f[0]["kind"], "single-sheet-order");
}

/// Issue 15, defect 3: a one-against-one split is no agreed date. The report's findings and
/// timeline say so in one JSON document.
#[test]
fn one_sheet_against_one_is_disputed_in_the_timeline_and_has_no_agreed_date() {
    let w = Work::new();
    w.write("a.txt", "The Kestrel Accord was signed in 1990 in Oslo.\n")
        .write("b.txt", "The Kestrel Accord was signed in 1991 in Oslo.\n");
    let r = json_report(&w);
    let f = findings(&r);
    assert_eq!(f.len(), 1, "{r:#}");
    assert_eq!(f[0]["consolidated"], Value::Null);
    let timeline = r["timeline"].as_array().unwrap();
    let entry = timeline.iter().find(|e| e["subject"] == "Kestrel Accord").expect("a timeline entry");
    assert_eq!(entry["disputed"], true, "{entry:#}");
    let out = w.cmd(&["timeline"]).output().unwrap();
    assert!(stdout_of(&out).contains("disputed"), "{}", stdout_of(&out));
    let out = w.cmd(&["timeline", "--format", "markdown"]).output().unwrap();
    assert!(stdout_of(&out).contains("| disputed: "), "{}", stdout_of(&out));
    let out = w.cmd(&["report", "--format", "html"]).output().unwrap();
    assert!(stdout_of(&out).contains("1990 (disputed)"), "{}", stdout_of(&out));

    // Two sheets against one: a majority, not disputed.
    w.write("c.txt", "The Kestrel Accord was signed on 4 May 1991.\n");
    let r = json_report(&w);
    let entry = r["timeline"].as_array().unwrap().iter().find(|e| e["subject"] == "Kestrel Accord").unwrap().clone();
    assert_eq!(entry["disputed"], false, "{entry:#}");
    assert_eq!(entry["date"], "1991-05-04");
}

#[test]
fn a_body_joining_another_before_it_was_founded_is_a_conflict() {
    let w = Work::new();
    w.write("union.txt", "The Rowing Union was founded in 1963 in Apia.\n")
        .write("council.txt", "The Rowing Union joined the Pacific Sports Council in 1950.\n");
    let r = json_report(&w);
    let f = findings(&r);
    assert_eq!(f.len(), 1, "{r:#}");
    assert_eq!(f[0]["kind"], "event-order");
    assert_eq!(f[0]["subject"], "Rowing Union");
    let reason = f[0]["reason"].as_str().unwrap();
    assert!(reason.contains("joined by Rowing Union in 1950 (council.txt)"), "{reason}");
    assert!(reason.contains("but Rowing Union established in 1963 (union.txt)"), "{reason}");

    // Joining after the founding: nothing.
    w.write("council.txt", "The Rowing Union joined the Pacific Sports Council in 1971.\n");
    let r = json_report(&w);
    assert!(findings(&r).is_empty(), "{r:#}");
}

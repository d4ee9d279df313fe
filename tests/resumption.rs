//! Resumptions after one suspension dated apart by two sheets: extracted from invented
//! sentences, flagged as a review by the binary, with every source cited.

use serde_json::Value;

use crate::util::*;

fn json_report(w: &Work) -> Value {
    let out = w.cmd(&["report", "--format", "json"]).output().unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr_of(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn resumption_findings(r: &Value) -> Vec<&Value> {
    r["findings"].as_array().unwrap().iter().filter(|f| f["kind"] == "resumption-dates").collect()
}

const HISTORY: &str = "Iceland-Norway relations: a history\n\n\
    Iceland's seizure of a trawler in August 2008 led to the temporary suspension of formal meetings of the \
    North Atlantic Fisheries Council and cooperation in some areas; meetings and cooperation resumed in spring 2009.\n";

#[test]
fn two_sheets_dating_one_resumption_apart_give_a_review_citing_both() {
    let w = Work::new();
    w.write("history.txt", HISTORY).write(
        "chronology.txt",
        "Iceland-Norway relations since 1990\n\n\
         Informal engagement with Iceland resumed in December 2008.\n",
    );
    let r = json_report(&w);
    let f = resumption_findings(&r);
    assert_eq!(f.len(), 1, "{r:#}");
    assert_eq!(f[0]["severity"], "review");
    assert_eq!(f[0]["subject"], "Iceland-Norway relations");
    let reason = f[0]["reason"].as_str().unwrap();
    assert!(reason.contains("December 2008 (chronology.txt)"), "{reason}");
    assert!(reason.contains("spring 2009 (history.txt)"), "{reason}");
    assert!(reason.contains("suspended August 2008, history.txt"), "{reason}");
    let docs: Vec<&str> = f[0]["claims"].as_array().unwrap().iter().map(|c| c["doc"].as_str().unwrap()).collect();
    assert_eq!(docs, ["chronology.txt", "history.txt"], "sorted by date");
    // A review only: the gate fails on it as on any new finding, and the baseline can accept it.
    let out = w.cmd(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stdout_of(&out));
}

#[test]
fn resumptions_that_agree_or_follow_different_suspensions_give_nothing() {
    let w = Work::new();
    w.write("history.txt", HISTORY).write(
        "chronology.txt",
        "Iceland-Norway relations since 1990\n\n\
         Engagement with Iceland resumed in April 2009.\n\
         All cooperation with Iceland was suspended in April 2014.\n\
         Engagement with Iceland resumed in 2016.\n",
    );
    let r = json_report(&w);
    assert!(resumption_findings(&r).is_empty(), "{r:#}");
}

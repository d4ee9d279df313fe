//! `concord export --format ndjson` is valid NDJSON whose every field is in the shipped
//! Elasticsearch mapping with a compatible type.

use serde_json::Value;

use crate::util::*;

/// Checks `value` against a mapping's `properties` entry, recursively.
fn conforms(path: &str, value: &Value, mapping: &Value) -> Result<(), String> {
    let ty = mapping["type"].as_str().unwrap_or("object");
    let check_scalar = |v: &Value| -> Result<(), String> {
        let ok = match ty {
            "keyword" | "text" => v.is_string(),
            "integer" | "long" => v.is_i64() || v.is_u64(),
            "float" | "double" => v.is_number(),
            "date" => v.as_str().is_some_and(|s| s.len() == 10 && s.as_bytes()[4] == b'-'),
            "nested" | "object" => v.is_object(),
            other => return Err(format!("{path}: unknown mapping type {other}")),
        };
        if ok { Ok(()) } else { Err(format!("{path}: {v} is not a {ty}")) }
    };
    let items: Vec<&Value> = match value {
        Value::Array(a) => a.iter().collect(),
        v => vec![v],
    };
    for item in items {
        if item.is_null() {
            continue;
        }
        check_scalar(item)?;
        if let Value::Object(obj) = item {
            let props = &mapping["properties"];
            for (k, v) in obj {
                let m = props.get(k).ok_or_else(|| format!("{path}.{k} is not in the mapping"))?;
                conforms(&format!("{path}.{k}"), v, m)?;
            }
        }
    }
    Ok(())
}

#[test]
fn export_matches_the_elasticsearch_mapping() {
    let mapping: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/deploy/elasticsearch-mapping.json")).unwrap(),
    )
    .unwrap();
    let root = serde_json::json!({ "type": "object", "properties": mapping["mappings"]["properties"] });
    let tmp = tempfile::tempdir().unwrap();
    let out = concord(tmp.path(), &bundled_corpus(), &tmp.path().join("ix"), &["export", "--format", "ndjson"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let lines = json_lines(&out.stdout);
    assert!(lines.len() > 50, "one object per passage");
    let mut with_dates = 0;
    for l in &lines {
        conforms("", l, &root).unwrap();
        for key in ["id", "doc", "title", "line", "text", "dates", "years", "bodies", "claims"] {
            assert!(l.get(key).is_some(), "missing {key} in {l}");
        }
        with_dates += usize::from(!l["dates"].as_array().unwrap().is_empty());
    }
    assert!(with_dates > 20);

    // -o writes the same bytes to a file.
    let file = tmp.path().join("out.ndjson");
    let out2 =
        concord(tmp.path(), &bundled_corpus(), &tmp.path().join("ix"), &["export", "-o", file.to_str().unwrap()])
            .output()
            .unwrap();
    assert_eq!(out2.status.code(), Some(0));
    assert_eq!(std::fs::read(&file).unwrap(), out.stdout);
}

#[test]
fn export_streams_every_sheet_once_in_order_across_batches() {
    // More sheets than one export batch (256): each appears once, in id order, and an
    // acronym defined in one sheet resolves claims about it in every other.
    let w = Work::new();
    w.write("000-defines.txt", "The Harbour Pilots Council (HPC) was established in 1901.\n");
    for i in 1..300 {
        w.write(&format!("{i:03}-sheet.txt"), format!("Notes {i}\n\nThe HPC met in {}.\n", 1902 + i % 50));
    }
    let out = w.cmd(&["export"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let lines = json_lines(&out.stdout);
    let docs: Vec<&str> = lines.iter().map(|l| l["doc"].as_str().unwrap()).collect();
    let mut distinct = docs.clone();
    distinct.dedup();
    assert_eq!(distinct.len(), 300, "every sheet exported");
    let mut sorted = distinct.clone();
    sorted.sort_unstable();
    assert_eq!(distinct, sorted, "in id order, each sheet's passages together");
    let subjects: Vec<&str> = lines
        .iter()
        .filter(|l| l["doc"] == "299-sheet.txt")
        .flat_map(|l| l["claims"].as_array().unwrap())
        .map(|c| c["subject"].as_str().unwrap())
        .collect();
    assert_eq!(subjects, ["Harbour Pilots Council"], "claims carry the canonical subject");
}

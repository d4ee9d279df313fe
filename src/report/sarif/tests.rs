//! SARIF output checked field by field, and against the parts of the SARIF 2.1.0 schema
//! (OASIS, `sarif-schema-2.1.0.json`) that concord uses, transcribed below: for every
//! object, the allowed properties (the schema sets `additionalProperties: false`), the
//! required ones, enums, integer minimums and string types.

use serde_json::Value;

use crate::baseline::{Baseline, gate};
use crate::check::Severity;
use crate::report::{GateFormat, RenderOptions, fixture, render_gate};

/// `(definition, allowed properties with their definition or primitive type, required)`.
/// Primitive types: `string`, `uri`, `integer>=N`, `enum:a|b`, `object-of-strings`, `any`;
/// `[x]` is an array of `x`.
type Definition = (&'static str, &'static [(&'static str, &'static str)], &'static [&'static str]);

const SCHEMA: &[Definition] = &[
    (
        "sarifLog",
        &[
            ("$schema", "uri"),
            ("version", "enum:2.1.0"),
            ("runs", "[run]"),
            ("inlineExternalProperties", "any"),
            ("properties", "propertyBag"),
        ],
        &["version", "runs"],
    ),
    (
        "run",
        &[
            ("tool", "tool"),
            ("results", "[result]"),
            ("columnKind", "enum:utf16CodeUnits|unicodeCodePoints"),
            ("originalUriBaseIds", "any"),
            ("invocations", "any"),
            ("artifacts", "any"),
            ("properties", "propertyBag"),
        ],
        &["tool"],
    ),
    ("tool", &[("driver", "toolComponent"), ("extensions", "any"), ("properties", "propertyBag")], &["driver"]),
    (
        "toolComponent",
        &[
            ("name", "string"),
            ("version", "string"),
            ("semanticVersion", "string"),
            ("informationUri", "uri"),
            ("rules", "[reportingDescriptor]"),
            ("properties", "propertyBag"),
        ],
        &["name"],
    ),
    (
        "reportingDescriptor",
        &[
            ("id", "string"),
            ("name", "string"),
            ("shortDescription", "multiformatMessageString"),
            ("fullDescription", "multiformatMessageString"),
            ("help", "multiformatMessageString"),
            ("helpUri", "uri"),
            ("defaultConfiguration", "reportingConfiguration"),
            ("properties", "propertyBag"),
        ],
        &["id"],
    ),
    (
        "multiformatMessageString",
        &[("text", "string"), ("markdown", "string"), ("properties", "propertyBag")],
        &["text"],
    ),
    (
        "reportingConfiguration",
        &[
            ("enabled", "any"),
            ("level", "enum:none|note|warning|error"),
            ("rank", "any"),
            ("parameters", "propertyBag"),
            ("properties", "propertyBag"),
        ],
        &[],
    ),
    (
        "result",
        &[
            ("ruleId", "string"),
            ("ruleIndex", "integer>=-1"),
            ("rule", "any"),
            ("kind", "enum:notApplicable|pass|fail|review|open|informational"),
            ("level", "enum:none|note|warning|error"),
            ("message", "message"),
            ("locations", "[location]"),
            ("partialFingerprints", "object-of-strings"),
            ("fingerprints", "object-of-strings"),
            ("baselineState", "enum:new|unchanged|updated|absent"),
            ("suppressions", "[suppression]"),
            ("relatedLocations", "[location]"),
            ("properties", "propertyBag"),
        ],
        &["message"],
    ),
    (
        "message",
        &[
            ("text", "string"),
            ("markdown", "string"),
            ("id", "string"),
            ("arguments", "any"),
            ("properties", "propertyBag"),
        ],
        &[],
    ),
    (
        "location",
        &[
            ("id", "integer>=-1"),
            ("physicalLocation", "physicalLocation"),
            ("logicalLocations", "any"),
            ("message", "message"),
            ("annotations", "any"),
            ("relationships", "any"),
            ("properties", "propertyBag"),
        ],
        &[],
    ),
    (
        "physicalLocation",
        &[
            ("address", "any"),
            ("artifactLocation", "artifactLocation"),
            ("region", "region"),
            ("contextRegion", "region"),
            ("properties", "propertyBag"),
        ],
        &[],
    ),
    (
        "artifactLocation",
        &[
            ("uri", "uri"),
            ("uriBaseId", "string"),
            ("index", "integer>=-1"),
            ("description", "message"),
            ("properties", "propertyBag"),
        ],
        &[],
    ),
    (
        "region",
        &[
            ("startLine", "integer>=1"),
            ("startColumn", "integer>=1"),
            ("endLine", "integer>=1"),
            ("endColumn", "integer>=1"),
            ("charOffset", "integer>=-1"),
            ("charLength", "integer>=0"),
            ("byteOffset", "integer>=-1"),
            ("byteLength", "integer>=0"),
            ("snippet", "any"),
            ("message", "message"),
            ("sourceLanguage", "string"),
            ("properties", "propertyBag"),
        ],
        &[],
    ),
    (
        "suppression",
        &[
            ("guid", "string"),
            ("kind", "enum:inSource|external"),
            ("status", "enum:accepted|underReview|rejected"),
            ("justification", "string"),
            ("location", "location"),
            ("properties", "propertyBag"),
        ],
        &["kind"],
    ),
];

fn validate(def: &str, v: &Value, path: &str, errors: &mut Vec<String>) {
    if let Some(inner) = def.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
        match v.as_array() {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    validate(inner, item, &format!("{path}[{i}]"), errors);
                }
            }
            None => errors.push(format!("{path}: expected an array")),
        }
        return;
    }
    if let Some(values) = def.strip_prefix("enum:") {
        if !v.as_str().is_some_and(|s| values.split('|').any(|x| x == s)) {
            errors.push(format!("{path}: {v} not one of {values}"));
        }
        return;
    }
    if let Some(min) = def.strip_prefix("integer>=") {
        let min: i64 = min.parse().unwrap();
        if v.as_i64().is_none_or(|n| n < min) {
            errors.push(format!("{path}: {v} is not an integer >= {min}"));
        }
        return;
    }
    match def {
        "any" => return,
        "string" => {
            if !v.is_string() {
                errors.push(format!("{path}: expected a string"));
            }
            return;
        }
        "uri" => {
            // format uri / uri-reference: no spaces or control characters.
            if !v.as_str().is_some_and(|s| !s.is_empty() && !s.chars().any(|c| c.is_whitespace() || c.is_control())) {
                errors.push(format!("{path}: {v} is not a URI reference"));
            }
            return;
        }
        "object-of-strings" | "propertyBag" => {
            match v.as_object() {
                Some(o) if def == "propertyBag" || o.values().all(Value::is_string) => {}
                _ => errors.push(format!("{path}: expected {def}")),
            }
            return;
        }
        _ => {}
    }
    let Some((_, props, required)) = SCHEMA.iter().find(|(name, _, _)| *name == def) else {
        errors.push(format!("{path}: no definition {def}"));
        return;
    };
    let Some(obj) = v.as_object() else {
        errors.push(format!("{path}: expected an object ({def})"));
        return;
    };
    for r in *required {
        if !obj.contains_key(*r) {
            errors.push(format!("{path}: missing required {r}"));
        }
    }
    for (k, val) in obj {
        match props.iter().find(|(name, _)| name == k) {
            Some((_, sub)) => validate(sub, val, &format!("{path}.{k}"), errors),
            None => errors.push(format!("{path}: property {k} not allowed in {def}")),
        }
    }
    if def == "message" && !obj.contains_key("text") && !obj.contains_key("id") {
        errors.push(format!("{path}: message needs text or id"));
    }
    if def == "physicalLocation" && !obj.contains_key("address") && !obj.contains_key("artifactLocation") {
        errors.push(format!("{path}: physicalLocation needs address or artifactLocation"));
    }
}

fn sarif() -> (Value, crate::baseline::Gate) {
    let report = fixture::report();
    // Accept the figures review so one result is "unchanged" with a suppression.
    let mut baseline = Baseline::default().updated(&report.findings[1..2]);
    baseline.entries[0].reason = "the 26 counts the Allies in 2004".into();
    let g = gate(report.findings.clone(), &baseline, Severity::Conflict);
    let opts = RenderOptions { path_prefix: "corpus/".into(), ..RenderOptions::default() };
    let mut out = Vec::new();
    render_gate(GateFormat::Sarif, &g, &opts, &mut out).unwrap();
    (serde_json::from_slice(&out).unwrap(), g)
}

#[test]
fn conforms_to_the_schema_subset() {
    let (v, _) = sarif();
    let mut errors = Vec::new();
    validate("sarifLog", &v, "$", &mut errors);
    assert!(errors.is_empty(), "{errors:#?}");
    // The validator itself rejects what the schema rejects.
    let mut bad = v.clone();
    bad["runs"][0]["results"][0]["level"] = "fatal".into();
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0.into();
    bad["runs"][0]["tool"]["driver"]["colour"] = "red".into();
    let mut errors = Vec::new();
    validate("sarifLog", &bad, "$", &mut errors);
    assert_eq!(errors.len(), 3, "{errors:#?}");
}

#[test]
fn fields_one_by_one() {
    let (v, g) = sarif();
    assert_eq!(v["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
    assert_eq!(v["version"], "2.1.0");
    let runs = v["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "concord");
    let rules = driver["rules"].as_array().unwrap();
    let rule_ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        rule_ids,
        [
            "date-conflict",
            "uncertain-dates",
            "single-sheet-dates",
            "event-wording",
            "figures",
            "succession",
            "event-order",
            "uncertain-order",
            "single-sheet-order",
            "resumption-dates"
        ]
    );
    assert_eq!(rules[0]["defaultConfiguration"]["level"], "error");
    assert_eq!(rules[3]["defaultConfiguration"]["level"], "warning");
    assert_eq!(rules[6]["defaultConfiguration"]["level"], "error");
    assert_eq!(rules[7]["defaultConfiguration"]["level"], "warning");
    assert_eq!(rules[8]["defaultConfiguration"]["level"], "warning");

    let results = runs[0]["results"].as_array().unwrap();
    assert_eq!(results.len(), g.new.len() + g.below_threshold.len() + g.known.len());
    let conflict = &results[0];
    let f = &g.new[0];
    assert_eq!(conflict["ruleId"], "date-conflict");
    assert_eq!(conflict["ruleIndex"], 0);
    assert_eq!(conflict["level"], "error");
    assert_eq!(conflict["baselineState"], "new");
    assert_eq!(conflict["partialFingerprints"]["concord/v1"], f.id.as_str());
    assert!(
        conflict["message"]["text"]
            .as_str()
            .unwrap()
            .starts_with("Permanent Joint Council — established: 1997-05-27: 2 sheets"),
        "{}",
        conflict["message"]["text"]
    );
    // One location, the dissenting claim; the other sources are related locations.
    let locations = conflict["locations"].as_array().unwrap();
    assert_eq!(locations.len(), 1);
    let related = conflict["relatedLocations"].as_array().unwrap();
    assert_eq!(related.len() + 1, f.claims.len());
    let pointer = crate::report::tally::Tally::of(f).pointer(&g.changed).unwrap();
    assert_eq!(locations[0]["physicalLocation"]["region"]["startLine"], pointer.line);
    assert_eq!(locations[0]["physicalLocation"]["artifactLocation"]["uri"], "corpus/evil%20%3Csheet%3E.txt");
    for (i, loc) in related.iter().enumerate() {
        assert_eq!(loc["id"], i + 1);
        let pl = &loc["physicalLocation"];
        let claim = f
            .claims
            .iter()
            .find(|c| pl["region"]["startLine"] == c.line && pl["region"]["startColumn"] == c.column)
            .unwrap();
        let uri = pl["artifactLocation"]["uri"].as_str().unwrap();
        assert!(uri.starts_with("corpus/") && uri.ends_with(claim.doc.as_str().rsplit('/').next().unwrap()), "{uri}");
    }
    // The French quote's date "27 mai 1997" is 11 code points wide.
    let rome = related.iter().find(|l| l["physicalLocation"]["artifactLocation"]["uri"] == "corpus/pjc.txt").unwrap();
    let region = &rome["physicalLocation"]["region"];
    assert_eq!(region["endColumn"].as_u64().unwrap() - region["startColumn"].as_u64().unwrap(), 11);
    // A relative prefix needs no base id; the driver has a version and each rule a help.
    assert!(runs[0].get("originalUriBaseIds").is_none());
    assert!(driver["version"].is_string());
    assert!(rules.iter().all(|r| r["help"]["text"].as_str().is_some_and(|t| !t.is_empty())));

    let known = results.iter().find(|r| r["baselineState"] == "unchanged").unwrap();
    assert_eq!(known["level"], "warning");
    assert_eq!(known["suppressions"][0]["kind"], "external");
    assert_eq!(known["suppressions"][0]["status"], "accepted");
    assert_eq!(known["suppressions"][0]["justification"], "the 26 counts the Allies in 2004");
    assert!(conflict.get("suppressions").is_none());
}

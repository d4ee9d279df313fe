//! Claim rules, one table row per sentence, on sentences about subjects other than the
//! bundled corpus; then the whole extractor over a small multi-sheet corpus of our own.

use super::*;
use crate::config::BodiesConfig;
use crate::extract::bodies::Registry;
use crate::extract::extract;

/// (subject, event, date) of every claim of `text`, subjects as written.
fn claims(text: &str) -> Vec<(String, Event, String)> {
    let doc = Document::from_text("t.txt", text);
    extract(&doc).claims.into_iter().map(|c| (c.subject, c.event, c.date.to_string())).collect()
}

fn full(text: &str) -> Vec<Claim> {
    extract(&Document::from_text("t.txt", text)).claims
}

fn has(text: &str, subject: &str, event: Event, date: &str) {
    let got = claims(text);
    assert!(got.iter().any(|(s, e, d)| s == subject && *e == event && d == date), "{text}\n  got {got:?}");
}

fn none(text: &str) {
    let got = claims(text);
    assert!(got.is_empty(), "{text}\n  got {got:?}");
}

/// Prints what the extractor finds on the bundled corpus (run with `--ignored --nocapture`).
#[test]
#[ignore = "prints the bundled corpus's bodies and claims; asserts nothing"]
fn print_corpus_claims() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let (sheets, _) = crate::corpus::scan(&dir).unwrap();
    let manifest = crate::corpus::Manifest::load(&dir).unwrap();
    let mut all_bodies = Vec::new();
    let mut all_claims = Vec::new();
    for sheet in &sheets {
        let doc = Document::load(sheet, &manifest).unwrap();
        let x = extract(&doc);
        all_bodies.extend(x.bodies);
        all_claims.extend(x.claims);
    }
    let reg = Registry::build(&all_bodies, &BodiesConfig::default());
    reg.resolve_claims(&mut all_claims);
    for b in reg.bodies() {
        println!("BODY {} [{}] {:?} x{}", b.canonical, b.kind.as_str(), b.aliases, b.mentions);
    }
    for c in &all_claims {
        println!(
            "CLAIM {}:{} | {} | {} | {} | {:.2} | q={:?} o={:?} a={:?} f={:?}\n      {}",
            c.doc,
            c.line,
            c.subject,
            c.event.as_str(),
            c.date,
            c.confidence,
            c.qualifiers,
            c.object,
            c.agent,
            c.figures,
            c.quote.chars().take(160).collect::<String>()
        );
    }
    println!("mentions {} bodies {} claims {}", all_bodies.len(), reg.bodies().len(), all_claims.len());
}

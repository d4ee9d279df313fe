//! Runs the date extractor over the WikiWars benchmark and prints the scorer's TSV.
//!
//! ```text
//! cargo run --release --example wikiwars -- /work/shared/benchmarks/wikiwars/text > out.tsv
//! python3 /work/shared/benchmarks/wikiwars/score.py out.tsv --types DATE
//! ```
//!
//! With `--throughput ROUNDS` it instead times `extract_dates` alone over every text,
//! `ROUNDS` times, and prints the volume and MB/s (see `bench/dates-throughput.sh`).
//!
//! Every article is read with the benchmark's document creation time (2009-12-19) as the
//! stated document date. Offsets are converted from bytes to characters; values are mapped
//! to the gold's conventions where ours differ (a decade `199X` is written `199`, a century
//! `19XX` is `19`, the present is `PRESENT_REF`, a winter is named by the year of its
//! January); durations are typed `DURATION`.

use std::path::PathBuf;
use std::sync::LazyLock;

use regex::Regex;

use concord::extract::DateKind;
use concord::extract::dates::extract_dates;
use concord::{Document, Span};

fn main() -> anyhow::Result<()> {
    // # Step 1: find the texts
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .first()
        .filter(|a| !a.starts_with("--"))
        .map_or_else(|| PathBuf::from("/work/shared/benchmarks/wikiwars/text"), PathBuf::from);
    let rounds = args
        .iter()
        .position(|a| a == "--throughput")
        .map(|i| args.get(i + 1).and_then(|n| n.parse::<usize>().ok()).unwrap_or(10));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let reference = "2009-12-19".parse()?;

    if let Some(rounds) = rounds {
        return throughput(&paths, rounds, reference);
    }

    // # Step 2: extract and print one row per mention
    println!("doc\tstart\tend\ttext\ttype\tvalue");
    for path in paths {
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let original = std::fs::read_to_string(&path)?;
        let doc = Document::from_text(&name, &original);
        let text = doc.text();
        // The header ends with the line after "HISTORY ARTICLE" (the download time stamp).
        let header_end = text
            .find("HISTORY ARTICLE")
            .and_then(|i| text[i..].match_indices('\n').nth(1).map(|(j, _)| i + j))
            .unwrap_or(0);
        let x = extract_dates(&doc, Some(reference));
        for m in x.mentions {
            if m.span.start < header_end {
                continue;
            }
            // The gold annotates the two ends of a range as two dates ("1955-1963").
            let parts = match (m.kind, m.date) {
                (DateKind::Range, Some(date)) => split_range(&text[m.span.start..m.span.end])
                    .map(|(left, right)| {
                        vec![
                            (Span::new(m.span.start, m.span.start + left), Some(concord::Date::point(date.start()))),
                            (Span::new(m.span.end - right, m.span.end), date.end().map(concord::Date::point)),
                        ]
                    })
                    .unwrap_or_else(|| vec![(m.span, Some(date))]),
                _ => vec![(m.span, m.date)],
            };
            for (span, date) in parts {
                let (kind, value) = gold_value(m.kind, date, &text[span.start..span.end]);
                // Offsets of the original file, in characters (normalisation may fold characters).
                let surface = doc.original_slice(span);
                let byte_start = original.len() - original_tail(&doc, span.start).len();
                let start = original[..byte_start].chars().count();
                let end = start + surface.chars().count();
                let surface = surface.replace('\n', "\\n").replace('\t', "\\t");
                println!("{name}\t{start}\t{end}\t{surface}\t{kind}\t{value}");
            }
        }
    }
    Ok(())
}

/// Times `extract_dates` alone (documents are read and normalised beforehand).
fn throughput(paths: &[PathBuf], rounds: usize, reference: concord::Date) -> anyhow::Result<()> {
    let docs: Vec<Document> = paths
        .iter()
        .map(|p| Ok(Document::from_text(&p.to_string_lossy(), &std::fs::read_to_string(p)?)))
        .collect::<anyhow::Result<_>>()?;
    let bytes: usize = docs.iter().map(|d| d.text().len()).sum::<usize>() * rounds;
    let started = std::time::Instant::now();
    let mut mentions = 0;
    for _ in 0..rounds {
        for doc in &docs {
            mentions += extract_dates(doc, Some(reference)).mentions.len();
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1e6;
    println!(
        "{} documents x {rounds} rounds: {mb:.1} MB, {mentions} mentions, {secs:.2} s, {:.1} MB/s",
        docs.len(),
        mb / secs
    );
    Ok(())
}

/// Byte lengths of the two ends of a range's text, split at its first range word or dash.
fn split_range(surface: &str) -> Option<(usize, usize)> {
    static JOIN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s*(?:-|\bto\b|\buntil\b|\btill\b|\bthrough\b|\band\b)\s*").expect("JOIN is a valid regex")
    });
    let m = JOIN.find_iter(surface).find(|m| m.start() > 0)?;
    Some((m.start(), surface.len() - m.end()))
}

/// The original text from the character that produced normalised byte `offset`.
fn original_tail(doc: &Document, offset: usize) -> &str {
    let origin = doc.normalized.origin.get(offset).copied().unwrap_or(0) as usize;
    doc.original.get(origin..).unwrap_or("")
}

/// TIMEX3 type and value in the gold's conventions.
fn gold_value(kind: DateKind, date: Option<concord::Date>, surface: &str) -> (&'static str, String) {
    if kind == DateKind::Duration {
        return ("DURATION", String::new());
    }
    let lower = surface.to_ascii_lowercase();
    if kind == DateKind::Relative
        && matches!(
            lower.as_str(),
            "now" | "today" | "nowadays" | "currently" | "at present" | "these days" | "the present day"
        )
    {
        return ("DATE", "PRESENT_REF".to_string());
    }
    let Some(date) = date else {
        let v = if lower.ends_with("later") || lower.ends_with(" on") {
            "FUTURE_REF"
        } else if lower.ends_with("earlier") || lower.ends_with("ago") {
            "PAST_REF"
        } else {
            ""
        };
        return ("DATE", v.to_string());
    };
    // A range is scored by its start value.
    let v = date.start().to_string();
    // Our `1914-WI` is the winter that begins in December 1914; the gold names a winter by
    // the year of its January and February (`1915-WI`).
    let v = match v.strip_suffix("-WI").and_then(|y| y.parse::<concord::Date>().ok()) {
        Some(y) => {
            let next = y.start().year_value() + 1;
            let next = if next == 0 { 1 } else { next };
            if next < 0 { format!("BC{:04}-WI", -next) } else { format!("{next:04}-WI") }
        }
        None => v,
    };
    let v = match (v.strip_suffix("XX"), v.strip_suffix('X')) {
        (Some(century), _) => century.to_string(),
        (None, Some(decade)) => decade.to_string(),
        _ => v,
    };
    ("DATE", v)
}

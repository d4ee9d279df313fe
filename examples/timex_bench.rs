//! Runs the date extractor over a TIMEX3 benchmark (WikiWars, TBAQ) and prints the scorer's TSV.
//!
//! ```text
//! cargo run --release --example timex_bench -- ../shared/benchmarks/wikiwars/text --dct 2009-12-19 > ww.tsv
//! cargo run --release --example timex_bench -- ../shared/benchmarks/tbaq/text --gold ../shared/benchmarks/tbaq/gold.tsv > tbaq.tsv
//! python3 ../shared/benchmarks/tbaq/score.py tbaq.tsv --types DATE
//! ```
//!
//! With `--throughput ROUNDS` it instead times `extract_dates` alone over every text,
//! `ROUNDS` times, and prints the volume and MB/s (see `bench/dates-throughput.sh`).
//!
//! Every document is read with its creation time as the stated document date, as HeidelTime
//! is run: `--dct DATE` for all, or `--gold FILE` to take each document's `dct` column.
//! Values and types are the extractor's own TIMEX3 ones (`DateMention::value`,
//! `DateMention::timex_type`). What is converted to match the gold's conventions, and nothing
//! else: offsets from bytes of the normalised text to characters of the original file; a
//! range is written as two rows, one per end ("1955-1963"); a winter is named by the year of
//! its January; a WikiWars header (up to the download time stamp) is skipped.

use std::collections::HashMap;
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
        .map_or_else(|| PathBuf::from("../shared/benchmarks/wikiwars/text"), PathBuf::from);
    let rounds = args
        .iter()
        .position(|a| a == "--throughput")
        .map(|i| args.get(i + 1).and_then(|n| n.parse::<usize>().ok()).unwrap_or(10));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    // Each document's creation date: one for all (`--dct`), or per document from the gold's
    // `dct` column (`--gold`).
    let mut dcts: HashMap<String, String> = HashMap::new();
    if let Some(gold) = flag("--gold") {
        let text = std::fs::read_to_string(&gold)?;
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
        let col = |name: &str| header.iter().position(|h| *h == name);
        let (Some(doc), Some(dct)) = (col("doc"), col("dct")) else {
            anyhow::bail!("{gold}: the header has no doc and dct columns");
        };
        for line in lines {
            let f: Vec<&str> = line.split('\t').collect();
            if let (Some(d), Some(v)) = (f.get(doc), f.get(dct)) {
                dcts.insert((*d).to_string(), (*v).to_string());
            }
        }
    }
    let default_dct = flag("--dct");
    let reference_of = |name: &str| -> anyhow::Result<Option<concord::Date>> {
        match dcts.get(name).or(default_dct.as_ref()) {
            Some(v) => Ok(Some(concord::Date::parse_reference(v)?)),
            None => Ok(None),
        }
    };

    if let Some(rounds) = rounds {
        return throughput(&paths, rounds, &reference_of);
    }

    // # Step 2: extract and print one row per mention
    println!("doc\tstart\tend\ttext\ttype\tvalue");
    for path in paths {
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let original = std::fs::read_to_string(&path)?;
        let doc = Document::from_text(&name, &original);
        let text = doc.text();
        // A WikiWars header ends with the line after "HISTORY ARTICLE" (the download time stamp).
        let header_end = text
            .find("HISTORY ARTICLE")
            .and_then(|i| text[i..].match_indices('\n').nth(1).map(|(j, _)| i + j))
            .unwrap_or(0);
        let reference = reference_of(&name)?;
        let x = extract_dates(&doc, reference);
        if std::env::var_os("TIMEX_BENCH_REGISTER").is_some() {
            eprintln!("{name}\t{}", x.register);
        }
        for m in x.mentions {
            if m.span.start < header_end {
                continue;
            }
            // The gold annotates the two ends of a range as two dates ("1955-1963").
            let value = m.value();
            let parts = match (m.kind, m.date) {
                (DateKind::Range, Some(date)) => split_range(&text[m.span.start..m.span.end])
                    .map(|(left, right)| {
                        vec![
                            (Span::new(m.span.start, m.span.start + left), Some(date.start().to_string())),
                            (Span::new(m.span.end - right, m.span.end), date.end().map(|e| e.to_string())),
                        ]
                    })
                    .unwrap_or_else(|| vec![(m.span, Some(date.start().to_string()))]),
                _ => vec![(m.span, value)],
            };
            for (span, value) in parts {
                let kind = m.timex_type();
                let value = winter_by_january(value.unwrap_or_default());
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
fn throughput(
    paths: &[PathBuf],
    rounds: usize,
    reference_of: &dyn Fn(&str) -> anyhow::Result<Option<concord::Date>>,
) -> anyhow::Result<()> {
    let docs: Vec<(Document, Option<concord::Date>)> = paths
        .iter()
        .map(|p| {
            let name = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            Ok((Document::from_text(&name, &std::fs::read_to_string(p)?), reference_of(&name)?))
        })
        .collect::<anyhow::Result<_>>()?;
    let bytes: usize = docs.iter().map(|(d, _)| d.text().len()).sum::<usize>() * rounds;
    let started = std::time::Instant::now();
    let mut mentions = 0;
    for _ in 0..rounds {
        for (doc, reference) in &docs {
            mentions += extract_dates(doc, *reference).mentions.len();
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

/// Our `1914-WI` is the winter that begins in December 1914; the gold names a winter by the
/// year of its January and February (`1915-WI`).
fn winter_by_january(v: String) -> String {
    match v.strip_suffix("-WI").and_then(|y| y.parse::<concord::Date>().ok()) {
        Some(y) => {
            let next = y.start().year_value() + 1;
            let next = if next == 0 { 1 } else { next };
            if next < 0 { format!("BC{:04}-WI", -next) } else { format!("{next:04}-WI") }
        }
        None => v,
    }
}

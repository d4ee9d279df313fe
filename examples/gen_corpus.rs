//! Generates a deterministic synthetic corpus of fact sheets for the benchmark (issue 7).
//!
//! In: a seed, a sheet count and a mean sheet size. Out: `.txt` and `.md` sheets in nested
//! folders (`<topic>/<year>/sheet-NNNNNN.txt`) under `--out`, byte-identical for the same
//! arguments on any machine and any thread count (each sheet has its own generator seeded
//! from the run seed and its number).
//!
//! The text is built to exercise every stage: headings (`## 1994: …`), named bodies with
//! acronym definitions (`Full Name (ACR)`) and later uses of the acronym, dates in every
//! written form (`27 May 1997`, `May 27, 1997`, `1997-05-27`, `spring 2009`, `the late
//! 1990s`, ranges with en dashes, year-less and relative dates), curly quotes and
//! non-ASCII names. Every (body, event) pair has one true date; about one statement in
//! eight gives another date, so the same event is dated differently across sheets and
//! the cross-check has real work.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --out bench/out/corpus --sheets 20000 --size 5000
//! ```

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Parser;
use rayon::prelude::*;

/// Command-line arguments.
#[derive(Debug, Parser)]
struct Args {
    /// Output directory (created; existing sheets with the same names are overwritten).
    #[arg(long)]
    out: PathBuf,
    /// Number of sheets.
    #[arg(long, default_value_t = 20_000)]
    sheets: usize,
    /// Mean sheet size in bytes (each sheet is 50–150 % of it).
    #[arg(long, default_value_t = 5_000)]
    size: usize,
    /// Seed of the whole corpus.
    #[arg(long, default_value_t = 7)]
    seed: u64,
}

/// SplitMix64: tiny, fast, and good enough to pick words; fully deterministic.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut r = Rng(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        r.next();
        r
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `num / den`.
    fn chance(&mut self, num: u64, den: u64) -> bool {
        self.next() % den < num
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }
}

const PLACES: &[&str] = &[
    "North Atlantic",
    "Euro-Atlantic",
    "Permanent Joint",
    "Baltic",
    "Mediterranean",
    "Nordic",
    "Danube",
    "Black Sea",
    "Adriatic",
    "Central European",
    "Kraków",
    "Zürich",
    "Łódź",
    "Malmö",
    "Tromsø",
    "São Tomé",
    "Québec",
    "Reykjavík",
    "Ålesund",
    "Göteborg",
];

const HEADS: &[&str] = &[
    "Cooperation Council",
    "Partnership Council",
    "Security Forum",
    "Defence Committee",
    "Peace Initiative",
    "Liaison Office",
    "Training Mission",
    "Founding Act",
    "Framework Agreement",
    "Science Programme",
    "Planning Group",
    "Verification Agency",
];

const EVENTS: &[(&str, &str)] = &[
    ("was established", "established"),
    ("held its first meeting", "first meeting"),
    ("was signed", "signature"),
    ("was launched", "launch"),
    ("was formally adopted", "adoption"),
    ("opened its doors", "opening"),
    ("was suspended", "suspension"),
    ("resumed its work", "resumption"),
    ("was dissolved", "dissolution"),
];

const PEOPLE: &[&str] = &[
    "Jürgen Müller",
    "Zoë Brontë",
    "François Lefèvre",
    "Łukasz Wróbel",
    "Søren Kierkegård",
    "José Núñez",
    "Ana Ćosić",
    "Mehmet Öztürk",
    "Ingrid Åström",
    "Dmitri Ivanov",
    "Mary O’Brien",
    "Nguyễn Văn An",
];

const CITIES: &[&str] = &[
    "Brussels",
    "Paris",
    "Madrid",
    "Istanbul",
    "Prague",
    "Rīga",
    "Vilnius",
    "Kraków",
    "Bucharest",
    "Sofia",
    "Tallinn",
];

const FILLER: &[&str] = &[
    "Allies agreed to deepen consultation on issues of common concern",
    "practical cooperation covered crisis management, civil emergency planning and arms control",
    "the partners exchanged views on regional security and on the fight against terrorism",
    "several working groups reported on progress in defence reform and interoperability",
    "ministers reviewed the implementation of the work programme",
    "the meeting took stock of cooperation in science, environment and air-space management",
    "both sides reaffirmed their commitment to transparency and predictability",
    "experts discussed non-proliferation, theatre missile defence and search and rescue at sea",
    "the secretariat prepared a report on lessons learned",
    "delegations welcomed the progress made in the previous period",
    "officials underlined the importance of political dialogue at all levels",
    "the programme funded joint research on energy security and cyber defence",
];

/// One named body: full name and acronym.
struct Body {
    name: String,
    acronym: String,
}

fn bodies() -> Vec<Body> {
    let mut out = Vec::new();
    for p in PLACES {
        for h in HEADS {
            let name = format!("{p} {h}");
            let acronym: String = name
                .split([' ', '-'])
                .filter_map(|w| w.chars().next())
                .map(|c| match c {
                    'Ł' => 'L',
                    'Å' => 'A',
                    c => c,
                })
                .filter(char::is_ascii_uppercase)
                .collect();
            out.push(Body { name, acronym });
        }
    }
    out
}

/// The true date of event `e` of body `b`: (year, month 1–12, day 1–28).
fn true_date(b: usize, e: usize) -> (i32, usize, usize) {
    let mut r = Rng::new(0xC0FF_EE00, (b * 64 + e) as u64);
    (1949 + r.below(70) as i32, 1 + r.below(12), 1 + r.below(28))
}

fn month_name(m: usize) -> &'static str {
    concord::date::MONTH_NAMES.get(m.saturating_sub(1)).copied().unwrap_or("May")
}

/// Writes a date in one of the forms the extractor is meant to read.
fn write_date(out: &mut String, r: &mut Rng, (y, m, d): (i32, usize, usize)) {
    let mon = month_name(m);
    let _ = match r.below(14) {
        0..=2 => write!(out, "on {d} {mon} {y}"),
        3 | 4 => write!(out, "on {mon} {d}, {y}"),
        5 => write!(out, "on {y}-{m:02}-{d:02}"),
        6 => write!(out, "in {mon} {y}"),
        7 => write!(out, "in {y}"),
        8 => {
            let season = ["spring", "summer", "autumn", "winter"][(m % 12) / 3];
            write!(out, "in {season} {y}")
        }
        9 => {
            let part = ["the early", "the mid-", "the late"][(y.rem_euclid(10) / 4) as usize];
            let sep = if part.ends_with('-') { "" } else { " " };
            write!(out, "in {part}{sep}{}s", y / 10 * 10)
        }
        10 => write!(out, "on {d}–{} {mon} {y}", (d + 1).min(28)),
        11 => write!(out, "from {y} until {}", y + 1 + r.below(9) as i32),
        12 => write!(out, "on {d} {mon}"),
        _ => write!(out, "on {}, {d} {mon} {y}", ["Monday", "Tuesday", "Friday"][r.below(3)]),
    };
}

/// Appends one paragraph about one body to `out`; returns nothing, grows `out`.
fn paragraph(out: &mut String, r: &mut Rng, all: &[Body], wrap: bool) {
    let b = r.below(all.len());
    let Some(body) = all.get(b) else { return };
    let e = r.below(EVENTS.len());
    let (verb, noun) = EVENTS.get(e).copied().unwrap_or(("was established", "established"));
    let mut date = true_date(b, e);
    // One statement in eight dates the event differently: a year off, or another month.
    if r.chance(1, 8) {
        if r.chance(1, 2) {
            date.0 += if r.chance(1, 2) { 1 } else { -1 };
        } else {
            date.1 = 1 + (date.1 + r.below(10)) % 12;
        }
    }
    let mut p = String::new();
    let _ = write!(p, "The {} ({}) {} ", body.name, body.acronym, verb);
    write_date(&mut p, r, date);
    p.push_str(". ");
    for _ in 0..1 + r.below(3) {
        match r.below(6) {
            0 => {
                let _ = write!(
                    p,
                    "“This is a milestone for the {}”, said {}, speaking in {}. ",
                    body.acronym,
                    r.pick(PEOPLE),
                    r.pick(CITIES)
                );
            }
            1 => {
                let _ = write!(p, "The following year, the {} met again in {}. ", body.acronym, r.pick(CITIES));
            }
            2 => {
                let _ = write!(
                    p,
                    "Its {noun} — described by {} as ‘long overdue’ — came {} years after the idea was first raised. ",
                    r.pick(PEOPLE),
                    2 + r.below(9)
                );
            }
            3 => {
                let _ = write!(p, "Last October the {} reviewed its mandate; ", body.acronym);
                let f = r.pick(FILLER);
                p.push_str(f);
                p.push_str(". ");
            }
            _ => {
                let f = r.pick(FILLER);
                let mut c = f.chars();
                if let Some(first) = c.next() {
                    p.extend(first.to_uppercase());
                    p.push_str(c.as_str());
                }
                p.push_str(". ");
            }
        }
    }
    let p = p.trim_end();
    if wrap {
        // Hard-wrapped prose, as in sheets pasted from PDFs: one passage over several lines.
        let mut col = 0;
        for w in p.split(' ') {
            if col > 0 && col + w.len() > 78 {
                out.push('\n');
                col = 0;
            } else if col > 0 {
                out.push(' ');
                col += 1;
            }
            out.push_str(w);
            col += w.len();
        }
        out.push_str("\n\n");
    } else {
        out.push_str(p);
        out.push('\n');
    }
}

fn sheet(n: usize, seed: u64, mean: usize, all: &[Body]) -> (PathBuf, String) {
    let mut r = Rng::new(seed, n as u64);
    let target = mean / 2 + r.below(mean.max(1));
    let topic = r.pick(PLACES).to_lowercase().replace(' ', "-");
    let year = 1990 + r.below(35);
    let ext = if r.chance(1, 5) { "md" } else { "txt" };
    let path = PathBuf::from(format!("{topic}/{year}/sheet-{n:06}.{ext}"));
    let mut s = String::with_capacity(target + 1024);
    let lead = r.below(all.len());
    let lead_name = all.get(lead).map_or("", |b| b.name.as_str());
    let _ = writeln!(s, "# {lead_name}: key dates\n");
    let _ = writeln!(s, "Updated: {} {} {year}\n", 1 + r.below(28), month_name(1 + r.below(12)));
    let wrap = r.chance(1, 3);
    while s.len() < target {
        if r.chance(1, 5) {
            let y = 1949 + r.below(75);
            let _ = writeln!(s, "\n## {y}: {}\n", r.pick(HEADS));
        }
        paragraph(&mut s, &mut r, all, wrap);
    }
    (path, s)
}

fn write(root: &Path, rel: &Path, text: &str) -> Result<()> {
    let path = root.join(rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))
}

fn main() -> Result<()> {
    let args = Args::parse();
    let all = bodies();
    std::fs::create_dir_all(&args.out).with_context(|| format!("cannot create {}", args.out.display()))?;
    let bytes: usize = (0..args.sheets)
        .into_par_iter()
        .map(|n| {
            let (rel, text) = sheet(n, args.seed, args.size, &all);
            write(&args.out, &rel, &text).map(|()| text.len())
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))?;
    println!("{} sheets, {} bytes in {}", args.sheets, bytes, args.out.display());
    Ok(())
}

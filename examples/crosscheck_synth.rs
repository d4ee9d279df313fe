//! The cross-check alone on millions of synthetic claims (issue 7, measurement 6): it
//! must grow like n log n or better.
//!
//! In: claim counts (default 1, 5 and 10 million). Out: one JSON line per count with the
//! time of the cross-check call alone (generation excluded), the number of
//! discrepancies, and the time divided by n·log2(n), which stays flat for an n log n
//! algorithm. Claims are deterministic (seeded): about 50 claims per subject across the
//! 17 events, one in eight dated differently, with day, month and year precision mixed,
//! so every group has real comparisons to make.
//!
//! ```text
//! cargo run --release --example crosscheck_synth -- --millions 1,5,10
//! ```

use std::time::Instant;

use anyhow::{Context, Result};
use clap::Parser;
use concord::date::Point;
use concord::extract::{Claim, Event};
use concord::{Date, DocId, Span};

/// Command-line arguments.
#[derive(Debug, Parser)]
struct Args {
    /// Claim counts, in millions (fractions allowed: 0.1).
    #[arg(long, value_delimiter = ',', default_values_t = [1.0, 5.0, 10.0])]
    millions: Vec<f64>,
    /// Seed.
    #[arg(long, default_value_t = 7)]
    seed: u64,
}

const EVENTS: [Event; 17] = [
    Event::Established,
    Event::FirstMeeting,
    Event::Met,
    Event::Joined,
    Event::Signed,
    Event::Adopted,
    Event::Launched,
    Event::Succeeded,
    Event::Renamed,
    Event::Suspended,
    Event::Resumed,
    Event::Opened,
    Event::Closed,
    Event::Began,
    Event::Outreach,
    Event::Deployed,
    Event::Summit,
];

/// SplitMix64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The true date of a (subject, event) pair: a pure function of both.
fn true_date(subject: u64, event: u64) -> (i32, u8, u8) {
    let mut r = Rng(subject.wrapping_mul(31).wrapping_add(event).wrapping_mul(0x2545_F491_4F6C_DD1D));
    (1949 + r.below(75) as i32, 1 + r.below(12) as u8, 1 + r.below(28) as u8)
}

fn synth(n: usize, seed: u64) -> Vec<Claim> {
    let mut r = Rng(seed);
    let subjects = (n / 50).max(1) as u64;
    (0..n)
        .filter_map(|i| {
            let s = r.below(subjects);
            let e = r.below(EVENTS.len() as u64);
            let (mut y, mut m, d) = true_date(s, e);
            if r.below(8) == 0 {
                if r.below(2) == 0 {
                    y += 1;
                } else {
                    m = m % 12 + 1;
                }
            }
            let point = match r.below(4) {
                0 => Point::year(y),
                1 => Point::month(y, m),
                _ => Point::day(y, m, d),
            };
            // Every year 1949–2024, month 1–12 and day 1–28 is valid: nothing is dropped.
            let date = Date::point(point?);
            Some(Claim {
                doc: DocId(format!("synthetic/{:04}/sheet-{:06}.txt", 1990 + i % 35, i / 50)),
                subject: format!("Synthetic Body {s:07}"),
                subject_text: String::new(),
                event: EVENTS.get(e as usize).copied().unwrap_or(Event::Established),
                agent: None,
                object: None,
                date,
                date_text: String::new(),
                inferred: false,
                inferred_from: None,
                what: None,
                qualifiers: Vec::new(),
                figures: Vec::new(),
                line: 1 + (i % 200) as u32,
                column: 1,
                quote: String::new(),
                quote_date: Span::new(0, 0),
                quote_subject: None,
                confidence: 1.0,
            })
        })
        .collect()
}

/// The cross-check being measured.
fn run_check(claims: &[Claim]) -> usize {
    concord::check::cross_check(claims).len()
}

fn main() -> Result<()> {
    let args = Args::parse();
    if args.millions.is_empty() {
        return Err(anyhow::anyhow!("no sizes given")).context("--millions");
    }
    let mut base: Option<f64> = None;
    for m in &args.millions {
        let t = Instant::now();
        let claims = synth((m * 1e6).round() as usize, args.seed);
        let n = claims.len();
        let gen_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let found = run_check(&claims);
        let secs = t.elapsed().as_secs_f64();
        let nlogn = (n as f64) * (n as f64).log2().max(1.0);
        let per = secs / nlogn * 1e9;
        let base_per = *base.get_or_insert(per);
        let out = serde_json::json!({
            "claims": n,
            "discrepancies": found,
            "generate_s": gen_s,
            "check_s": secs,
            "ns_per_n_log2_n": per,
            "vs_first": per / base_per,
        });
        println!("{out}");
        drop(claims);
    }
    Ok(())
}

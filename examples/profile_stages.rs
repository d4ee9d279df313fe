//! Times each extraction stage on one file: `cargo run --release --example profile_stages -- FILE`.

use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: profile_stages FILE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let t = Instant::now();
    let doc = concord::Document::from_text("f.txt", &text);
    println!("normalise+document  {:>8.3} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let dates = concord::extract::dates::extract_dates(&doc, None);
    println!("dates ({:>7})      {:>8.3} s", dates.mentions.len(), t.elapsed().as_secs_f64());
    let t = Instant::now();
    let sentences = concord::extract::sentences::sentences(doc.text());
    println!("sentences ({:>7})  {:>8.3} s", sentences.len(), t.elapsed().as_secs_f64());
    let t = Instant::now();
    let bodies = concord::extract::bodies::extract_bodies(&doc, &sentences);
    println!("bodies ({:>7})     {:>8.3} s", bodies.len(), t.elapsed().as_secs_f64());
    let t = Instant::now();
    let claims = concord::extract::claims::extract_claims(&doc, &sentences, &dates.mentions, &bodies);
    println!("claims ({:>7})     {:>8.3} s", claims.len(), t.elapsed().as_secs_f64());
}

//! One function per command: call the library once, render its typed result, pick the
//! exit code. Flags become typed options in [`crate::args`]; nothing here cross-checks,
//! gates or reads sheets.

use std::io::Write;

use anyhow::Result;
use concord::corpus::Site;
use concord::pipeline;
use concord::report::listing::{self, ListFormat};
use concord::report::{self, snippet::plural};

use crate::args::{Ctx, emit};
use crate::cli::{CheckArgs, Cli, Command, DatesArgs, ReportArgs, SearchArgs, TimelineArgs};

/// Runs the command; returns the exit code.
pub fn run(cli: Cli) -> Result<u8> {
    let ctx = Ctx::new(&cli.global);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let out: &mut dyn Write = &mut out;
    let code = match cli.command {
        Command::Index => index(&ctx, out)?,
        Command::Search(a) => search(&ctx, &a, out)?,
        Command::Dates(a) => dates(&ctx, &a, out)?,
        Command::Bodies(a) => {
            let session = ctx.open()?;
            listing::render_bodies(&listing::BodyListing::fetch(a.format.into(), &session)?, ctx.style, out)?;
            ctx.problems_code(&session.problems)
        }
        Command::Claims(a) => {
            let session = ctx.open()?;
            listing::render_claims(a.format.into(), &session.view()?.claims, ctx.style, out)?;
            ctx.problems_code(&session.problems)
        }
        Command::Report(a) => report(&ctx, &a, out)?,
        Command::Timeline(a) => timeline(&ctx, &a, out)?,
        Command::Check(a) => check(&ctx, &a, out)?,
        Command::Serve(a) => crate::args::serve(&ctx, &a, out)?,
        Command::Export(a) => {
            let crate::cli::ExportFormat::Ndjson = a.format;
            let session = ctx.open()?;
            emit(out, a.output.as_deref(), |w| session.export(w))?;
            ctx.problems_code(&session.problems)
        }
    };
    out.flush()?;
    Ok(code)
}

fn index(ctx: &Ctx, out: &mut dyn Write) -> Result<u8> {
    let start = std::time::Instant::now();
    let session = ctx.open()?;
    if !ctx.quiet {
        listing::text::update_stats(&session.stats, start.elapsed(), out)?;
    }
    Ok(ctx.problems_code(&session.problems))
}

fn search(ctx: &Ctx, a: &SearchArgs, out: &mut dyn Write) -> Result<u8> {
    concord::search::check_query(&a.query)?;
    let session = ctx.open()?;
    let found = session.search(&crate::args::search_request(a))?;
    if let (true, Some(name)) = (found.unknown_body, &a.body) {
        eprintln!("concord: warning: no body named {name:?} is known; matching the name as written");
    }
    let code = ctx.problems_code(&session.problems);
    // The hits are in memory: release the index lock before printing, so a slow reader of
    // the output (a pager, a full pipe) never holds up another concord.
    drop(session);
    let format = a.format.into();
    listing::render_hits(format, &found.hits, ctx.style, out)?;
    out.flush()?;
    if found.hits.is_empty() && !ctx.quiet && format == ListFormat::Text {
        eprintln!("concord: no passage matches {:?}", a.query);
    }
    Ok(code)
}

fn dates(ctx: &Ctx, a: &DatesArgs, out: &mut dyn Write) -> Result<u8> {
    let format = a.format.into();
    let Some(direct) = ctx.dates_direct(a)? else {
        let session = ctx.open()?;
        for s in session.records()? {
            listing::render_dates(format, &s.id, &s.extraction, &s.date_sites, ctx.style, out)?;
        }
        return Ok(ctx.problems_code(&session.problems));
    };
    // Read straight from disk, through the same ingest path as the index.
    let (docs, problems) = pipeline::extract_files(&direct.files, &direct.manifest, direct.reference);
    ctx.print_problems(&problems);
    for (doc, x) in &docs {
        let sites: Vec<Site> = x.dates.iter().map(|m| Site::of(doc, m.span)).collect();
        listing::render_dates(format, &doc.id, x, &sites, ctx.style, out)?;
    }
    Ok(ctx.problems_code(&problems))
}

fn report(ctx: &Ctx, a: &ReportArgs, out: &mut dyn Write) -> Result<u8> {
    let session = ctx.open()?;
    let report = session.report()?;
    let options = ctx.render_options(a.output.is_none(), String::new());
    emit(out, a.output.as_deref(), |w| {
        if a.statistics {
            report::render_statistics(&report, w)
        } else {
            report::render(a.format, &report, &options, w)
        }
    })?;
    let findings = report.summary.conflicts + report.summary.reviews;
    if !ctx.quiet && a.output.is_some() {
        eprintln!("concord: wrote {}", plural(findings, "finding"));
    }
    // A report is a report: it exits 0 once rendered, whatever it found. The gate is `check`.
    Ok(ctx.problems_code(&session.problems))
}

fn timeline(ctx: &Ctx, a: &TimelineArgs, out: &mut dyn Write) -> Result<u8> {
    let session = ctx.open()?;
    let report = session.timeline(a.body.as_deref())?;
    let options = ctx.render_options(a.output.is_none(), String::new());
    emit(out, a.output.as_deref(), |w| match a.format {
        // The chronology page, with the links configured in concord.toml.
        report::Format::Html => report::chronology::render_page(&report, &crate::args::page_options(&session), w),
        format => report::render_timeline(format, &report, &options, w),
    })?;
    Ok(ctx.problems_code(&session.problems))
}

fn check(ctx: &Ctx, a: &CheckArgs, out: &mut dyn Write) -> Result<u8> {
    let session = ctx.open()?;
    let opts = ctx.gate_options(a, &session)?;
    if a.update_baseline {
        let accepted = session.update_baseline(&opts)?;
        if !ctx.quiet {
            let (file, accepted) = (opts.baseline.display(), plural(accepted, "accepted finding"));
            eprintln!("concord: wrote {file} ({accepted}); explain each new entry in its \"reason\"");
        }
        return Ok(ctx.problems_code(&session.problems));
    }
    let gate = session.gate(&opts)?;
    let options = ctx.gate_render_options(a);
    emit(out, a.output.as_deref(), |w| {
        if a.statistics {
            report::render_gate_statistics(&gate, w)
        } else {
            report::render_gate(a.format, &gate, &options, w)
        }
    })?;
    // The verdict every format printed decides the status; --exit-zero only reports it.
    let code = match ctx.problems_code(&session.problems) {
        0 if gate.failed() && !a.exit_zero => 1,
        code => code,
    };
    // The process exits next: freeing millions of cited claims one by one would only
    // delay the exit (8 % of `check` on a 100 MB corpus); the OS reclaims them at once.
    std::mem::forget(gate);
    Ok(code)
}

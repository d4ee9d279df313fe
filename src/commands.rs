//! One function per command: call the library once, render its typed result, pick the
//! exit code. Flags become typed options in [`crate::args`]; nothing here cross-checks,
//! gates or reads sheets.

use std::io::Write;

use anyhow::Result;
use concord::pipeline::{self, GateOptions, SearchRequest};
use concord::report::listing::{self, ListFormat};
use concord::report::{self, Verbosity};

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
            match a.format.into() {
                ListFormat::Text => listing::text::bodies(&session.bodies()?, ctx.style, out)?,
                // Every mention with its site, from the stored records.
                ListFormat::Json => listing::json::body_mentions(&session.records()?, &session.registry()?, out)?,
            }
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
    let s = &session.stats;
    if !ctx.quiet {
        let total = s.added + s.updated + s.unchanged;
        writeln!(
            out,
            "indexed {total} sheet{}: {} added, {} updated, {} removed, {} unchanged; {} passage{} written in {:.2} s",
            plural(total),
            s.added,
            s.updated,
            s.removed,
            s.unchanged,
            s.passages,
            plural(s.passages),
            start.elapsed().as_secs_f64()
        )?;
    }
    Ok(ctx.problems_code(&session.problems))
}

fn search(ctx: &Ctx, a: &SearchArgs, out: &mut dyn Write) -> Result<u8> {
    concord::search::check_query(&a.query)?;
    let session = ctx.open()?;
    let req = SearchRequest {
        query: a.query.clone(),
        limit: a.limit,
        doc_globs: a.docs.clone(),
        body: a.body.clone(),
        from: a.from,
        to: a.to,
    };
    let found = session.search(&req)?;
    if let (true, Some(name)) = (found.unknown_body, &a.body) {
        eprintln!("concord: warning: no body named {name:?} is known; matching the name as written");
    }
    let code = ctx.problems_code(&session.problems);
    // The hits are in memory: release the index lock before printing, so a slow reader of
    // the output (a pager, a full pipe) never holds up another concord.
    drop(session);
    listing::render_hits(a.format.into(), &found.hits, ctx.style, out)?;
    out.flush()?;
    if found.hits.is_empty() && !ctx.quiet && a.format == crate::cli::ListFormat::Text {
        eprintln!("concord: no passage matches {:?}", a.query);
    }
    Ok(code)
}

fn dates(ctx: &Ctx, a: &DatesArgs, out: &mut dyn Write) -> Result<u8> {
    let format = a.format.into();
    let direct = ctx.dates_direct(a)?;
    let Some((files, manifest, reference)) = direct else {
        let session = ctx.open()?;
        for s in session.records()? {
            listing::render_dates(format, &s.id, &s.extraction, &s.date_sites, ctx.style, out)?;
        }
        return Ok(ctx.problems_code(&session.problems));
    };
    // Read straight from disk, through the same ingest path as the index.
    let (docs, problems) = pipeline::extract_files(&files, &manifest, reference);
    ctx.print_problems(&problems);
    for (doc, x) in &docs {
        let sites: Vec<_> = x.dates.iter().map(|m| concord::corpus::Site::of(doc, m.span)).collect();
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
        eprintln!("concord: wrote {findings} finding{}", plural(findings));
    }
    // A report is a report: it exits 0 once rendered, whatever it found. The gate is `check`.
    Ok(ctx.problems_code(&session.problems))
}

fn timeline(ctx: &Ctx, a: &TimelineArgs, out: &mut dyn Write) -> Result<u8> {
    let session = ctx.open()?;
    let report = session.timeline(a.body.as_deref())?;
    if a.format == report::Format::Html {
        // The chronology page, with the links configured in concord.toml.
        let page = report::chronology::PageOptions {
            repository_url: session.config.html.repository_url.clone(),
            report_href: session.config.html.report.clone(),
        };
        emit(out, a.output.as_deref(), |w| report::chronology::render_page(&report, &page, w))?;
    } else {
        let options = ctx.render_options(a.output.is_none(), String::new());
        emit(out, a.output.as_deref(), |w| report::render_timeline(a.format, &report, &options, w))?;
    }
    Ok(ctx.problems_code(&session.problems))
}

fn check(ctx: &Ctx, a: &CheckArgs, out: &mut dyn Write) -> Result<u8> {
    let session = ctx.open()?;
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut opts = GateOptions::resolve(a.baseline.clone(), a.fail_on, &session.config, ctx.config_file(), &cwd)?;
    if a.update_baseline {
        let accepted = session.update_baseline(&opts)?;
        if !ctx.quiet {
            eprintln!(
                "concord: wrote {} ({accepted} accepted finding{}); explain each new entry in its \"reason\"",
                opts.baseline.display(),
                plural(accepted)
            );
        }
        return Ok(ctx.problems_code(&session.problems));
    }
    opts.policy = if a.strict { concord::baseline::StalePolicy::Fail } else { concord::baseline::StalePolicy::Report };
    opts.changed_since.clone_from(&a.changed_since);
    opts.known_claims = a.changed_since.is_some()
        || (!a.statistics && matches!(a.format, report::GateFormat::Json | report::GateFormat::Sarif));
    let gate = session.gate(&opts)?;
    let mut options = ctx.render_options(a.output.is_none(), ctx.corpus_prefix());
    if a.verbose && !ctx.quiet {
        options.verbosity = Verbosity::Verbose;
    }
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

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

//! The `concord` binary: parses arguments, runs one command, prints, sets the exit code.
//!
//! Exit codes: 0 success (`report` included, whatever it found), 1 the `check` gate
//! failed, 2 error. A broken pipe (`concord report --format json | head -c1`) is not an
//! error: the output stops quietly, as ripgrep's does.

mod args;
mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("concord: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|e| e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}

//! The `rfi-parse` binary: arguments in, articles or reports out, failures on standard error.

mod cli;
mod commands;
mod inputs;
mod progress;

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result};
use clap::Parser;

use crate::cli::{Args, Command, ConvertConfig};

/// Set by the first Ctrl-C: runs stop starting work and end with whole files only.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// The exit status of a run ended by SIGINT, as shells report it.
const EXIT_INTERRUPTED: u8 = 130;

fn main() -> ExitCode {
    let args = Args::parse();
    match run(args) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("rfi-parse: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Args) -> Result<ExitCode> {
    // A second Ctrl-C ends the process at once, the usual escape hatch.
    ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            std::process::exit(EXIT_INTERRUPTED.into());
        }
    })
    .context("cannot install the Ctrl-C handler")?;
    match args.command {
        None => commands::convert::run(ConvertConfig::from_args(args.convert)?, &INTERRUPTED),
        Some(Command::Check(check)) => commands::check::run(check, &INTERRUPTED),
        Some(Command::Schema) => commands::meta::schema(),
        Some(Command::Completions { shell }) => commands::meta::completions(shell),
        Some(Command::Man) => commands::meta::man(),
    }
}

//! The `rfi-parse` binary: arguments in, articles or reports out, failures on standard error.

mod batch;
mod cli;
mod commands;
mod fingerprint;
mod inputs;
mod lint;
mod progress;
mod schema;

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result};
use clap::Parser;

use crate::cli::{Args, Command, ConvertConfig, Terminals};

/// Set by the first Ctrl-C: runs stop starting work and end with whole files only.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// The exit status of a run ended by SIGINT, as shells report it.
const EXIT_INTERRUPTED: u8 = 130;

fn main() -> ExitCode {
    // With `--error-format json` every line on standard error is JSON, usage errors too.
    let json_errors = json_errors_asked();
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(error) if json_errors && error.use_stderr() => {
            report_fatal("usage", &error.to_string());
            return ExitCode::from(2);
        }
        Err(error) => error.exit(),
    };
    match run(args) {
        Ok(code) => code,
        Err(error) if json_errors => {
            report_fatal("fatal", &format!("{error:#}"));
            ExitCode::from(2)
        }
        Err(error) => {
            eprintln!("rfi-parse: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether the command line asks for JSON error lines, read before clap so that its own
/// errors can be JSON as well.
fn json_errors_asked() -> bool {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    args.iter().enumerate().any(|(at, arg)| {
        arg == "--error-format=json"
            || (arg == "--error-format" && args.get(at + 1).is_some_and(|next| next == "json"))
    })
}

fn report_fatal(kind: &str, message: &str) {
    let line = serde_json::json!({"kind": kind, "message": message.trim_end()});
    eprintln!("{line}");
}

fn run(args: Args) -> Result<ExitCode> {
    // SIGINT, SIGTERM and SIGHUP alike stop the run cleanly (whole files only); a second
    // signal ends the process at once, the usual escape hatch.
    ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            std::process::exit(EXIT_INTERRUPTED.into());
        }
    })
    .context("cannot install the Ctrl-C handler")?;
    match args.command {
        None => {
            let config = ConvertConfig::from_args(args.convert, Terminals::probe())?;
            commands::convert::run(config, &INTERRUPTED)
        }
        Some(Command::Check(check)) => {
            commands::check::run(*check, Terminals::probe(), &INTERRUPTED)
        }
        Some(Command::Explain(explain)) => commands::explain::run(*explain),
        Some(Command::Schema) => commands::meta::schema(),
        Some(Command::Completions { shell }) => commands::meta::completions(shell),
        Some(Command::Man) => commands::meta::man(),
    }
}

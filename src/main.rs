//! The `rfi-parse` binary: arguments in, articles or reports out, failures on standard error.

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result};
use clap::Parser;

use rfi_parse_cli::EXIT_INTERRUPTED;
use rfi_parse_cli::cli::{Args, Command, ConvertConfig, Terminals};
use rfi_parse_cli::commands;

/// Set by the first Ctrl-C: runs stop starting work and end with whole files only.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// How long the first signal lets the inputs being read end before the process exits
/// without them: a read blocked on a FIFO or a hung mount never ends by itself.
const SIGNAL_GRACE: std::time::Duration = std::time::Duration::from_secs(2);

/// Whether standard error is JSON lines (`--error-format json`), for the line written
/// when a run is abandoned.
static JSON_ERRORS: AtomicBool = AtomicBool::new(false);

fn main() -> ExitCode {
    // With `--error-format json` every line on standard error is JSON, usage errors too.
    let json_errors = json_errors_asked();
    JSON_ERRORS.store(json_errors, Ordering::Relaxed);
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

/// Ends an interrupted run without waiting for its workers: the files they were writing
/// are removed (every output file is whole or absent), the documents done go out on the
/// stream and end it (a JSON array closed), and no stamp is written (the next `--update`
/// converts what this run did not record).
fn abandon() -> ! {
    rfi_parse_cli::batch::output::remove_live_temporaries();
    rfi_parse_cli::batch::stream::end_abandoned_stream();
    let message = "interrupted; inputs still being read were abandoned";
    if JSON_ERRORS.load(Ordering::Relaxed) {
        report_fatal("interrupted", message);
    } else {
        eprintln!("rfi-parse: {message}");
    }
    std::process::exit(EXIT_INTERRUPTED.into());
}

fn report_fatal(kind: &str, message: &str) {
    let line = serde_json::json!({"kind": kind, "message": message.trim_end()});
    eprintln!("{line}");
}

fn run(args: Args) -> Result<ExitCode> {
    // SIGINT, SIGTERM and SIGHUP alike stop the run cleanly (whole files only): no input
    // starts after the first, and the process ends once the inputs being read end, or
    // after a grace time whatever they do; a second signal ends it at once.
    ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            abandon();
        }
        std::thread::spawn(|| {
            std::thread::sleep(SIGNAL_GRACE);
            abandon();
        });
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

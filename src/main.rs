//! The `rfi-parse` binary: arguments in, articles out, failures on standard error.

mod cli;

use std::fs::File;
use std::io::{self, BufReader, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;
use rfi_parse::batch::output::AtomicFile;
use rfi_parse::batch::{self, Input, Stop, Summary, Walk, WalkError};

use crate::cli::{Args, Config};

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
    let config = Config::from_args(args)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads)
        .build()
        .context("cannot start worker threads")?;
    let inputs = inputs(&config)?;

    let stderr = io::stderr();
    let mut err = stderr.lock();
    let show_summary = !config.quiet && config.batch.many;
    let mut progress = |_: &Summary| {};

    let (summary, stopped) = match &config.output {
        Some(path) => {
            let mut file = AtomicFile::create(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            let mut out = BufWriter::new(&mut file);
            let (summary, stopped) = batch::run(
                &config.batch,
                &pool,
                inputs,
                &mut out,
                &mut err,
                &mut progress,
            );
            let flushed = out.flush();
            drop(out);
            match (stopped, flushed) {
                (None, Ok(())) => file
                    .commit()
                    .with_context(|| format!("cannot write {}", path.display()))?,
                (Some(Stop::Output(error)), _) | (None, Err(error)) => {
                    return Err(error).with_context(|| format!("cannot write {}", path.display()));
                }
                (Some(Stop::FailFast), _) => {}
            }
            (summary, None)
        }
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
            let (summary, stopped) = batch::run(
                &config.batch,
                &pool,
                inputs,
                &mut out,
                &mut err,
                &mut progress,
            );
            let stopped = stopped.or_else(|| out.flush().err().map(Stop::Output));
            (summary, stopped)
        }
    };
    if let Some(Stop::Output(error)) = stopped {
        // A reader that went away (`| head -1`) is a normal end, not an error.
        if error.kind() != io::ErrorKind::BrokenPipe {
            return Err(error).context("cannot write output");
        }
    }
    if show_summary {
        let _ = writeln!(
            err,
            "rfi-parse: {} converted, {} failed in {:.2}s",
            summary.converted,
            summary.failed,
            summary.elapsed.as_secs_f64()
        );
    }
    let _ = io::stderr().is_terminal();
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Every input the arguments name, lazily: paths first, then the `--files-from` list.
fn inputs(config: &Config) -> Result<Box<dyn Iterator<Item = Result<Input, WalkError>> + Send>> {
    let pattern = config.pattern.clone();
    let named = config.paths.clone().into_iter();
    let listed: Box<dyn Iterator<Item = io::Result<PathBuf>> + Send> = match &config.files_from {
        None => Box::new(std::iter::empty()),
        Some(list) if list.as_os_str() == "-" => Box::new(batch::walk::path_list(
            BufReader::new(io::stdin()),
            config.null,
        )),
        Some(list) => {
            let file =
                File::open(list).with_context(|| format!("cannot read {}", list.display()))?;
            Box::new(batch::walk::path_list(BufReader::new(file), config.null))
        }
    };
    let list_name = config.files_from.clone().unwrap_or_default();
    let paths = named.map(Ok).chain(listed);
    Ok(Box::new(paths.flat_map(
        move |path| -> Box<dyn Iterator<Item = _> + Send> {
            match path {
                Ok(path) => Box::new(Walk::new(&path, &pattern)),
                Err(error) => Box::new(std::iter::once(Err(WalkError {
                    source: list_name.display().to_string(),
                    error,
                }))),
            }
        },
    )))
}

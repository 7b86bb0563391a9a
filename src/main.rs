//! The `rfi-parse` binary: arguments in, articles out, failures on standard error.

mod cli;
mod progress;

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result};
use clap::Parser;
use rfi_parse::batch::output::AtomicFile;
use rfi_parse::batch::{self, Destination, Input, Stop, Summary, Walk, WalkError};

use crate::cli::{Args, Config};
use crate::progress::Progress;

/// Set by the first Ctrl-C: the run stops starting work and ends with whole files only.
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
    let config = Config::from_args(args)?;
    // A second Ctrl-C ends the process at once, the usual escape hatch.
    ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            std::process::exit(EXIT_INTERRUPTED.into());
        }
    })
    .context("cannot install the Ctrl-C handler")?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads)
        .build()
        .context("cannot start worker threads")?;

    let counting = config.clone();
    let progress = Progress::new(!config.quiet, move || count_inputs(&counting));
    let mut err = progress.stderr();
    let run_batch = |out: &mut dyn Write, err: &mut dyn Write| -> Result<(Summary, Option<Stop>)> {
        let mut on_each = |summary: &Summary| progress.update(summary);
        let inputs = inputs(&config)?;
        Ok(batch::run(
            &config.batch,
            &pool,
            inputs,
            out,
            err,
            &mut on_each,
            &INTERRUPTED,
        ))
    };

    let (summary, stopped) = match &config.output {
        Some(path) => {
            let cannot_write = || format!("cannot write {}", path.display());
            let mut file = AtomicFile::create(path).with_context(cannot_write)?;
            let mut out = BufWriter::new(&mut file);
            let (summary, stopped) = run_batch(&mut out, &mut err)?;
            let stopped = stopped.or_else(|| out.flush().err().map(Stop::Output));
            drop(out);
            match stopped {
                None | Some(Stop::FailFast) => file.commit().with_context(cannot_write)?,
                Some(Stop::Output(error)) => return Err(error).with_context(cannot_write),
                // Dropped uncommitted: the temporary file goes, FILE is left as it was.
                Some(Stop::Interrupted) => {}
            }
            (
                summary,
                stopped.filter(|stop| matches!(stop, Stop::Interrupted)),
            )
        }
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
            let (summary, stopped) = run_batch(&mut out, &mut err)?;
            let stopped = stopped.or_else(|| out.flush().err().map(Stop::Output));
            (summary, stopped)
        }
    };
    progress.finish();
    match stopped {
        // A reader that went away (`| head -1`) is a normal end, not an error.
        Some(Stop::Output(error)) if error.kind() != io::ErrorKind::BrokenPipe => {
            return Err(error).context("cannot write output");
        }
        Some(Stop::Interrupted) => {
            let _ = writeln!(
                err,
                "rfi-parse: interrupted after {} converted",
                summary.converted
            );
            return Ok(ExitCode::from(EXIT_INTERRUPTED));
        }
        _ => {}
    }
    if !config.quiet
        && (config.batch.many
            || summary.failed > 0
            || matches!(config.batch.destination, Destination::OutDir(_)))
    {
        let _ = writeln!(
            err,
            "rfi-parse: {} converted, {} failed in {:.2}s",
            summary.converted,
            summary.failed,
            summary.elapsed.as_secs_f64()
        );
    }
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

type Inputs = Box<dyn Iterator<Item = Result<Input, WalkError>> + Send>;

/// Every input the arguments name, lazily: paths first, then the `--files-from` list.
fn inputs(config: &Config) -> Result<Inputs> {
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
    let list_name = config
        .files_from
        .clone()
        .unwrap_or_default()
        .display()
        .to_string();
    Ok(walk_all(
        config,
        config.paths.clone().into_iter().map(Ok).chain(listed),
        list_name,
    ))
}

fn walk_all(
    config: &Config,
    paths: impl Iterator<Item = io::Result<PathBuf>> + Send + 'static,
    list_name: String,
) -> Inputs {
    let pattern = config.pattern.clone();
    let skip = match &config.batch.destination {
        Destination::OutDir(dir) => Some(dir.clone()),
        Destination::Stream => None,
    };
    Box::new(paths.flat_map(move |path| -> Inputs {
        match path {
            Ok(path) => Box::new(Walk::new(&path, &pattern).skipping(skip.as_deref())),
            Err(error) => Box::new(std::iter::once(Err(WalkError {
                source: list_name.clone(),
                error,
            }))),
        }
    }))
}

/// How many inputs the path arguments name, for the progress bar; `None` when a list
/// comes from standard input, which cannot be read twice.
fn count_inputs(config: &Config) -> Option<u64> {
    let list = match &config.files_from {
        Some(list) if list.as_os_str() == "-" => return None,
        Some(list) => Some(File::open(list).ok()?),
        None => None,
    };
    let listed = list
        .into_iter()
        .flat_map(|file| batch::walk::path_list(BufReader::new(file), config.null));
    let paths = config
        .paths
        .clone()
        .into_iter()
        .map(Ok)
        .chain(listed)
        .collect::<Vec<_>>();
    Some(walk_all(config, paths.into_iter(), String::new()).count() as u64)
}

//! Conversion, the default command: inputs in, articles out in one format.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use anyhow::{Context, Result, anyhow, bail};

use crate::batch::output::AtomicFile;
use crate::batch::walk::display_path;
use crate::batch::{self, Destination, Engine, ErrorFormat, Stop, Summary};

use crate::EXIT_INTERRUPTED;
use crate::cli::ConvertConfig;
use crate::inputs::{Inputs, count_inputs, inputs, no_input, pool};
use crate::progress::Progress;

pub fn run(config: ConvertConfig, interrupted: &AtomicBool) -> Result<ExitCode> {
    let pool = pool(&config.input)?;
    let (inputs, known_count): (Inputs, Option<u64>) = match &config.batch.destination {
        // Every output path is known, and checked, before anything is written.
        Destination::OutDir(dir) => {
            let all: Vec<_> = inputs(&config.input)?.collect();
            if let Err(problems) = batch::outdir::plan_out_dir(dir, &all, config.batch.format) {
                bail!(
                    "nothing written: {}",
                    problems.join("; ")
                        + ". Give the inputs distinct names or convert them into separate folders"
                );
            }
            let count = all.len() as u64;
            (Box::new(all.into_iter()), Some(count))
        }
        Destination::Stream => (inputs(&config.input)?, None),
    };
    let counting = config.input.clone();
    let progress = Progress::new(!config.input.quiet, move || {
        known_count.or_else(|| count_inputs(&counting))
    });
    let mut err = progress.stderr();
    let started = std::time::Instant::now();
    let update = |done: u64| progress.update(done);
    let engine = Engine {
        pool: &pool,
        cancel: interrupted,
        progress: &update,
    };
    let mut inputs = Some(inputs);
    let mut run_batch = |out: &mut dyn Write, err: &mut dyn Write| -> (Summary, Option<Stop>) {
        let inputs = inputs.take().expect("one run");
        batch::convert_all(&engine, &config.batch, inputs, out, err)
    };

    let (summary, stopped) = match &config.output {
        Some(path) => {
            let cannot_write = || format!("cannot write {}", display_path(path));
            let mut file = AtomicFile::create(path).with_context(cannot_write)?;
            let mut out = BufWriter::new(&mut file);
            let (summary, stopped) = run_batch(&mut out, &mut err);
            let stopped = stopped.or_else(|| out.flush().err().map(Stop::Output));
            drop(out);
            match stopped {
                None | Some(Stop::FailFast) => file.commit().with_context(cannot_write)?,
                Some(Stop::Output(error)) => return Err(error).with_context(cannot_write),
                // Dropped uncommitted: the temporary file goes, FILE is left as it was.
                Some(Stop::Interrupted | Stop::NoInput) => {}
            }
            (
                summary,
                stopped.filter(|stop| matches!(stop, Stop::Interrupted | Stop::NoInput)),
            )
        }
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
            let (summary, stopped) = run_batch(&mut out, &mut err);
            let stopped = stopped.or_else(|| out.flush().err().map(Stop::Output));
            (summary, stopped)
        }
    };
    progress.finish();
    let json_errors = config.batch.error_format == ErrorFormat::Json;
    match stopped {
        // A reader that went away (`| head -1`) is a normal end, not an error.
        Some(Stop::Output(error)) if error.kind() != io::ErrorKind::BrokenPipe => {
            return Err(error).context("cannot write output");
        }
        Some(Stop::NoInput) => return Err(anyhow!(no_input(&config.input))),
        Some(Stop::Interrupted) => {
            let out_dir = matches!(config.batch.destination, Destination::OutDir(_));
            let (count, what) = if out_dir {
                (summary.written, "files written")
            } else {
                (summary.converted, "converted")
            };
            let line = if json_errors {
                serde_json::json!({"kind": "interrupted", "done": count, "what": what}).to_string()
            } else {
                format!("rfi-parse: interrupted after {count} {what}")
            };
            let _ = writeln!(err, "{line}");
            return Ok(ExitCode::from(EXIT_INTERRUPTED));
        }
        _ => {}
    }
    if config.input.stats {
        let line = if json_errors {
            serde_json::json!({
                "kind": "summary",
                "converted": summary.converted,
                "failed": summary.failed,
                "seconds": started.elapsed().as_secs_f64(),
            })
            .to_string()
        } else {
            format!(
                "rfi-parse: {} converted, {} failed in {:.2}s",
                summary.converted,
                summary.failed,
                started.elapsed().as_secs_f64()
            )
        };
        let _ = writeln!(err, "{line}");
    }
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

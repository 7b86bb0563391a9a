//! Conversion, the default command: inputs in, articles out in one format.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use anyhow::{Context, Result};
use rfi_parse::batch::output::AtomicFile;
use rfi_parse::batch::{self, Destination, Stop, Summary};

use crate::EXIT_INTERRUPTED;
use crate::cli::ConvertConfig;
use crate::inputs::{count_inputs, inputs, pool};
use crate::progress::Progress;

pub fn run(config: ConvertConfig, interrupted: &AtomicBool) -> Result<ExitCode> {
    let pool = pool(&config.input)?;
    let counting = config.input.clone();
    let progress = Progress::new(!config.input.quiet, move || count_inputs(&counting));
    let mut err = progress.stderr();
    let run_batch = |out: &mut dyn Write, err: &mut dyn Write| -> Result<(Summary, Option<Stop>)> {
        let mut on_each = |summary: &Summary| progress.update(summary);
        let inputs = inputs(&config.input)?;
        Ok(batch::run(
            &config.batch,
            &pool,
            inputs,
            out,
            err,
            &mut on_each,
            interrupted,
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
    let out_dir = matches!(config.batch.destination, Destination::OutDir(_));
    if !config.input.quiet && (config.input.many || summary.failed > 0 || out_dir) {
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

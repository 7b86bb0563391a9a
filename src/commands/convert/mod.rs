//! Conversion, the default command: inputs in, articles out in one format.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use anyhow::{Context, Result, anyhow, bail};

use crate::batch::output::AtomicFile;
use crate::batch::walk::display_path;
use crate::batch::{self, Destination, Engine, ErrorFormat, Input, Stop, Summary, WalkError};

use crate::EXIT_INTERRUPTED;
use crate::cli::ConvertConfig;
use crate::inputs::{Inputs, count_inputs, inputs, no_input, pool};
use crate::progress::Progress;

mod dedupe;

pub fn run(config: ConvertConfig, interrupted: &AtomicBool) -> Result<ExitCode> {
    let pool = pool(&config.input)?;
    // Inputs left alone by `--update` because their output is current.
    let mut up_to_date = 0;
    let mut duplicates = 0;
    // Outputs of inputs that a later copy of the same article superseded, removed.
    let mut superseded = 0;
    // The stamp below `--out-dir`: what each output was made from.
    let options_key = format!("{:?} dedupe {:?}", config.batch.parse, config.dedupe);
    let mut stamp: Option<batch::stamp::Stamp> = None;
    let (inputs, known_count): (Inputs, Option<u64>) = match &config.batch.destination {
        // Every output path is known, and checked, before anything is written.
        Destination::OutDir(dir) => {
            // What a killed run left behind goes first.
            batch::output::remove_stale_temporaries(dir, true);
            let all: Vec<_> = inputs(&config.input)?.collect();
            let format = config.batch.format;
            if let Err(problems) = batch::outdir::plan_out_dir(dir, &all, format) {
                bail!(
                    "nothing written: {}",
                    problems.join("; ")
                        + ". Give the inputs distinct names or convert them into separate folders"
                );
            }
            let mut previous = batch::stamp::Stamp::read(dir, format, &options_key);
            let relative = |input: &Input| {
                let target = batch::outdir::output_path(dir, input, format);
                target.strip_prefix(dir).unwrap_or(&target).to_path_buf()
            };
            // Duplicates are decided over every input, old and new, so that a later copy
            // arriving in another run replaces the earlier one's output.
            let all = match config.dedupe {
                None => all,
                Some(key) => {
                    let (kept, left_out) = split_duplicates(&pool, all, key, &config)?;
                    duplicates = left_out.len();
                    for input in left_out.iter().filter_map(|input| input.as_ref().ok()) {
                        let output = relative(input);
                        if previous.entries.remove(&output).is_some()
                            && std::fs::remove_file(dir.join(&output)).is_ok()
                        {
                            superseded += 1;
                        }
                    }
                    kept
                }
            };
            let all = if config.update {
                // Current only when the output was made from exactly what the input holds
                // now (size, modification time and content), by this version with these
                // options: a file whose time went back (`rsync -a`, `cp -p`) or did not
                // move is caught by its content, one touched by its time.
                let max_size = config.batch.max_size;
                let current: Vec<bool> = pool.install(|| {
                    use rayon::prelude::*;
                    all.par_iter()
                        .map(|input| {
                            input.as_ref().is_ok_and(|input| {
                                let modified = input.modified();
                                input.read(max_size).is_ok_and(|bytes| {
                                    previous.is_current(dir, &relative(input), modified, &bytes)
                                })
                            })
                        })
                        .collect()
                });
                up_to_date = current.iter().filter(|current| **current).count();
                all.into_iter()
                    .zip(current)
                    .filter_map(|(input, current)| (!current).then_some(input))
                    .collect()
            } else {
                all
            };
            stamp = Some(previous);
            let count = all.len() as u64;
            (Box::new(all.into_iter()), Some(count))
        }
        Destination::Stream => match config.dedupe {
            None => (inputs(&config.input)?, None),
            Some(key) => {
                let all: Vec<_> = inputs(&config.input)?.collect();
                let (kept, left_out) = split_duplicates(&pool, all, key, &config)?;
                duplicates = left_out.len();
                let count = kept.len() as u64;
                (Box::new(kept.into_iter()), Some(count))
            }
        },
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
    // An input that is the `-o` file itself would be replaced by the output: the run stops
    // and nothing is committed.
    let output_file = config.output.as_deref().and_then(existing_regular_file);
    let output_is_input = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let inputs: Inputs = match output_file.clone() {
        None => inputs,
        Some(output) => {
            let flag = output_is_input.clone();
            Box::new(inputs.map(move |input| match input {
                Ok(Input::File { path, .. })
                    if std::fs::canonicalize(&path).is_ok_and(|real| real == output) =>
                {
                    flag.store(true, std::sync::atomic::Ordering::Relaxed);
                    Err(WalkError {
                        source: display_path(&path),
                        error: io::Error::new(
                            io::ErrorKind::AlreadyExists,
                            "is the output file given to -o; nothing written",
                        ),
                    })
                }
                other => other,
            }))
        }
    };
    let mut inputs = Some(inputs);
    let mut entries = Vec::new();
    let mut run_batch = |out: &mut dyn Write, err: &mut dyn Write| -> (Summary, Option<Stop>) {
        let inputs = inputs.take().expect("one run");
        let (summary, stopped, written) =
            batch::convert_all(&engine, &config.batch, inputs, out, err);
        entries = written;
        (summary, stopped)
    };

    let (summary, stopped) = match &config.output {
        Some(path) if is_special(path) => {
            // A device or FIFO (`-o /dev/null`) is written to directly: replacing it with
            // a regular file would destroy it.
            let cannot_write = || format!("cannot write {}", display_path(path));
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .with_context(cannot_write)?;
            let mut out = BufWriter::new(file);
            let (summary, stopped) = run_batch(&mut out, &mut err);
            let stopped = stopped.or_else(|| out.flush().err().map(Stop::Output));
            (summary, stopped)
        }
        Some(path) => {
            let cannot_write = || format!("cannot write {}", display_path(path));
            // Through a symbolic link, the file it points to is replaced, not the link.
            let target = output_file.clone().unwrap_or_else(|| path.clone());
            if let Some(folder) = target.parent().filter(|f| !f.as_os_str().is_empty()) {
                batch::output::remove_stale_temporaries(folder, false);
            }
            let mut file = AtomicFile::create(&target).with_context(cannot_write)?;
            let mut out = BufWriter::new(&mut file);
            let (summary, stopped) = run_batch(&mut out, &mut err);
            let stopped = stopped.or_else(|| out.flush().err().map(Stop::Output));
            drop(out);
            match stopped {
                _ if output_is_input.load(std::sync::atomic::Ordering::Relaxed) => {
                    bail!(
                        "{} is also an input: nothing written (choose another -o file)",
                        display_path(path)
                    );
                }
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
        // Everything up to date is not "no input".
        Some(Stop::NoInput) if up_to_date > 0 => {}
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
    // Outputs whose input is gone: reported, and removed with `--delete`.
    let mut orphans = 0;
    let mut deleted = 0;
    if let (Destination::OutDir(dir), Some(mut stamp)) = (&config.batch.destination, stamp) {
        // Only a run that got through records what each output was made from, so that a
        // later `--update` may trust it.
        stamp.entries.extend(entries);
        for output in stamp.orphans() {
            if config.delete {
                if std::fs::remove_file(dir.join(&output)).is_ok() || !dir.join(&output).exists() {
                    stamp.entries.remove(&output);
                    deleted += 1;
                }
            } else {
                orphans += 1;
            }
        }
        stamp
            .write(dir, config.batch.format, &options_key)
            .with_context(|| format!("cannot write {}", display_path(dir)))?;
    }
    if config.input.stats {
        let line = if json_errors {
            serde_json::json!({
                "kind": "summary",
                "converted": summary.converted,
                "converted_with_text_left_out": summary.lossy,
                "failed": summary.failed,
                "up_to_date": up_to_date,
                "duplicates": duplicates,
                "superseded_removed": superseded,
                "orphans": orphans,
                "deleted": deleted,
                "seconds": started.elapsed().as_secs_f64(),
            })
            .to_string()
        } else {
            let mut skipped = if config.update {
                format!(", {up_to_date} up to date")
            } else {
                String::new()
            };
            if config.dedupe.is_some() {
                skipped += &format!(", {duplicates} duplicates left out");
            }
            if superseded > 0 {
                skipped += &format!(", {superseded} superseded outputs removed");
            }
            if orphans > 0 {
                skipped +=
                    &format!(", {orphans} outputs whose input is gone (--delete removes them)");
            }
            if deleted > 0 {
                skipped += &format!(", {deleted} outputs of deleted inputs removed");
            }
            let lossy = if summary.lossy > 0 {
                format!(" ({} with text left out)", summary.lossy)
            } else {
                String::new()
            };
            format!(
                "rfi-parse: {} converted{lossy}, {} failed{skipped} in {:.2}s",
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

/// The real path of `path` when it is an existing regular file (through links).
/// Splits the inputs into the one kept per key (the latest collected) and the others.
type Split = (Vec<Result<Input, WalkError>>, Vec<Result<Input, WalkError>>);
fn split_duplicates(
    pool: &rayon::ThreadPool,
    all: Vec<Result<Input, WalkError>>,
    key: crate::cli::Dedupe,
    config: &ConvertConfig,
) -> Result<Split> {
    if all.iter().any(|input| matches!(input, Ok(Input::Stdin))) {
        bail!("--dedupe reads every input twice, which standard input cannot be");
    }
    let keep = dedupe::latest_per_key(
        pool,
        &all,
        key,
        &config.batch.parse,
        &config.batch.site_zones,
        config.batch.max_size,
    );
    let (kept, left_out): (Vec<_>, Vec<_>) = all.into_iter().zip(keep).partition(|(_, kept)| *kept);
    Ok((
        kept.into_iter().map(|(input, _)| input).collect(),
        left_out.into_iter().map(|(input, _)| input).collect(),
    ))
}

fn existing_regular_file(path: &std::path::Path) -> Option<std::path::PathBuf> {
    let meta = std::fs::metadata(path).ok()?;
    meta.is_file()
        .then(|| std::fs::canonicalize(path).ok())
        .flatten()
}

/// Whether `path` exists and is no regular file or folder: a device, FIFO or socket.
fn is_special(path: &std::path::Path) -> bool {
    std::fs::metadata(path).is_ok_and(|meta| !meta.is_file() && !meta.is_dir())
}

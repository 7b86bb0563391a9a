//! Conversion, the default command: inputs in, articles out in one format.

use std::collections::HashSet;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use anyhow::{Context, Result, anyhow, bail};

use crate::batch::display::display_path;
use crate::batch::output::AtomicFile;
use crate::batch::stamp::Removal;
use crate::batch::stream::SharedStream;
use crate::batch::{self, Destination, Engine, ErrorFormat, Input, Stop, Summary, WalkError};

use crate::EXIT_INTERRUPTED;
use crate::cli::ConvertConfig;
use crate::inputs::{Inputs, count_inputs, inputs, no_input, pool};
use crate::progress::Progress;

pub mod dedupe;

pub fn run(mut config: ConvertConfig, interrupted: &AtomicBool) -> Result<ExitCode> {
    // Each output file below `--out-dir` holds one article, so no array or separators.
    config.batch.many =
        config.input.expects_many() && config.batch.destination == Destination::Stream;
    let pool = pool(&config.input)?;
    let plan = plan(&config, &pool)?;
    let counting = config.input.clone();
    let known_count = plan.known_count;
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
    let mut output = Output::open(&config)?;
    let inputs = output.refuse_itself_as_input(plan.inputs);
    let (summary, stopped, entries) =
        batch::convert_all(&engine, &config.batch, inputs, output.writer(), &mut err);
    let stopped = output.finish(stopped)?;
    progress.finish();
    let json_errors = config.batch.error_format == ErrorFormat::Json;
    match stopped {
        // A reader that went away (`| head -1`) is a normal end, not an error.
        Some(Stop::Output(error)) if error.kind() != io::ErrorKind::BrokenPipe => {
            return Err(error).context("cannot write output");
        }
        // Everything up to date is not "no input".
        Some(Stop::NoInput) if plan.counts.up_to_date > 0 => {}
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
    let mut counts = plan.counts;
    if let (Destination::OutDir(dir), Some(stamp)) = (&config.batch.destination, plan.stamp) {
        (counts.orphans, counts.kept, counts.deleted) =
            record_stamp(dir, stamp, entries, &config, &plan.made)?;
    }
    if config.input.stats {
        let seconds = started.elapsed().as_secs_f64();
        let _ = writeln!(err, "{}", summary_line(&config, &summary, &counts, seconds));
    }
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// What the run leaves alone or removes besides converting, for its summary.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    /// Inputs left alone by `--update` because their output is current.
    up_to_date: usize,
    /// Inputs left out by `--dedupe`.
    duplicates: usize,
    /// Outputs of inputs that a later copy of the same article superseded, removed.
    superseded: usize,
    /// Outputs whose input is gone, kept (without `--delete`) or removed (with it).
    orphans: usize,
    deleted: usize,
    /// Outputs whose input is gone that `--delete` kept: changed since they were
    /// written, or not a regular file reached through folders alone.
    kept: usize,
}

/// The inputs to convert, known before anything is written.
struct Plan {
    inputs: Inputs,
    known_count: Option<u64>,
    counts: Counts,
    /// Below `--out-dir`: what each output was made from, as the last run left it.
    stamp: Option<batch::stamp::Stamp>,
    /// Below `--out-dir`: the output of every input of this run (converted, up to date or
    /// left out as a duplicate), by its path below the folder; `None` when some input
    /// could not even be listed, so that no output counts as orphaned.
    made: Option<HashSet<PathBuf>>,
}

/// Decides what will be converted: below `--out-dir`, every output path checked first,
/// duplicates decided over every input (old and new), and with `--update` only the inputs
/// whose output is not current; to a stream, the inputs (without duplicates).
fn plan(config: &ConvertConfig, pool: &rayon::ThreadPool) -> Result<Plan> {
    let mut counts = Counts::default();
    let Destination::OutDir(dir) = &config.batch.destination else {
        return Ok(match config.dedupe {
            None => Plan {
                inputs: inputs(&config.input)?,
                known_count: None,
                counts,
                stamp: None,
                made: None,
            },
            Some(key) => {
                let all: Vec<_> = inputs(&config.input)?.collect();
                let (kept, left_out) = split_duplicates(pool, all, key, config)?;
                counts.duplicates = left_out.len();
                Plan {
                    known_count: Some(kept.len() as u64),
                    inputs: Box::new(kept.into_iter()),
                    counts,
                    stamp: None,
                    made: None,
                }
            }
        });
    };
    // The walk never reads the output folder: given as an input too, it would read nothing.
    if let Ok(real) = std::fs::canonicalize(dir)
        && let Some(both) = config
            .input
            .paths
            .iter()
            .find(|path| std::fs::canonicalize(path).is_ok_and(|path| path == real))
    {
        bail!(
            "{} is both an input folder and the output folder (--out-dir): give another output folder",
            display_path(both)
        );
    }
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create output folder {}", display_path(dir)))?;
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
    let mut previous = batch::stamp::Stamp::read(dir, format).map_err(|problem| {
        anyhow!(
            "nothing written or deleted: {} is not a stamp this tool wrote ({problem}); remove it to convert everything again",
            display_path(&batch::stamp::stamp_path(dir, format))
        )
    })?;
    let relative = |input: &Input| {
        let target = batch::outdir::output_path(dir, input, format);
        target.strip_prefix(dir).unwrap_or(&target).to_path_buf()
    };
    let made = all
        .iter()
        .map(|input| input.as_ref().ok().map(relative))
        .collect::<Option<HashSet<PathBuf>>>();
    // Duplicates are decided over every input, old and new, so that a later copy
    // arriving in another run replaces the earlier one's output.
    let all = match config.dedupe {
        None => all,
        Some(key) => {
            let (kept, left_out) = split_duplicates(pool, all, key, config)?;
            counts.duplicates = left_out.len();
            for input in left_out.iter().filter_map(|input| input.as_ref().ok()) {
                let output = relative(input);
                let removal = previous.remove_output(dir, &output);
                if let Ok(Removal::Removed | Removal::Absent) = removal {
                    previous.entries.remove(&output);
                }
                if let Ok(Removal::Removed) = removal {
                    counts.superseded += 1;
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
                .map(|input| match input {
                    // Standard input is always converted: reading it here would use it up.
                    Ok(Input::Stdin) | Err(_) => false,
                    Ok(input) => input.read(max_size).is_ok_and(|read| {
                        let options = config.batch.stamp_options(input);
                        let output = relative(input);
                        previous.is_current(dir, &output, options, read.modified, &read.bytes)
                    }),
                })
                .collect()
        });
        counts.up_to_date = current.iter().filter(|current| **current).count();
        all.into_iter()
            .zip(current)
            .filter_map(|(input, current)| (!current).then_some(input))
            .collect()
    } else {
        all
    };
    Ok(Plan {
        known_count: Some(all.len() as u64),
        inputs: Box::new(all.into_iter()),
        counts,
        stamp: Some(previous),
        made,
    })
}

/// Where the stream of documents goes, and how it is finished.
enum Output {
    /// Standard output, or a device or FIFO (`-o /dev/null`) written to directly
    /// (replacing it with a regular file would destroy it): the process's one stream, so
    /// that a run abandoned at a signal still writes the documents done and ends it.
    Stream(SharedStream),
    /// A regular `-o` file, written whole or not at all (through a link, the file it
    /// points to); `real` is its real path when it exists, to refuse it as an input.
    File {
        path: std::path::PathBuf,
        real: Option<std::path::PathBuf>,
        out: BufWriter<AtomicFile>,
        is_input: std::sync::Arc<std::sync::atomic::AtomicBool>,
    },
    /// One file per input below `--out-dir`: the workers write them.
    Nothing(io::Sink),
}

impl Output {
    fn open(config: &ConvertConfig) -> Result<Self> {
        if matches!(config.batch.destination, Destination::OutDir(_)) {
            return Ok(Self::Nothing(io::sink()));
        }
        let Some(path) = &config.output else {
            return Ok(Self::Stream(SharedStream::open(Box::new(io::stdout()))));
        };
        let cannot_write = || format!("cannot write {}", display_path(path));
        if is_special(path) {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .with_context(cannot_write)?;
            return Ok(Self::Stream(SharedStream::open(Box::new(file))));
        }
        let real = existing_regular_file(path);
        // Through a symbolic link, the file it points to is replaced, not the link.
        let target = real.clone().unwrap_or_else(|| path.clone());
        if let Some(folder) = target.parent().filter(|f| !f.as_os_str().is_empty()) {
            batch::output::remove_stale_temporaries(folder, false);
        }
        let file = AtomicFile::create(&target).with_context(cannot_write)?;
        Ok(Self::File {
            path: path.clone(),
            real,
            out: BufWriter::new(file),
            is_input: Default::default(),
        })
    }

    /// The inputs, with the `-o` file itself refused: converting it would replace it
    /// with its own output, so the run stops and nothing is committed.
    fn refuse_itself_as_input(&self, inputs: Inputs) -> Inputs {
        let Self::File {
            real: Some(real),
            is_input,
            ..
        } = self
        else {
            return inputs;
        };
        let (output, flag) = (real.clone(), is_input.clone());
        Box::new(inputs.map(move |input| match input {
            Ok(Input::File { path, .. })
                if std::fs::canonicalize(&path).is_ok_and(|path| path == output) =>
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

    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Self::Stream(out) => out,
            Self::File { out, .. } => out,
            Self::Nothing(sink) => sink,
        }
    }

    /// Flushes what is buffered and, for a `-o` file, commits it when the run got through
    /// (or stopped at `--fail-fast`, whose array is closed); gives why the run stopped.
    fn finish(self, stopped: Option<Stop>) -> Result<Option<Stop>> {
        match self {
            Self::Stream(out) => {
                let closed = out.close();
                Ok(stopped.or_else(|| closed.err().map(Stop::Output)))
            }
            Self::Nothing(_) => Ok(stopped),
            Self::File {
                path,
                mut out,
                is_input,
                ..
            } => {
                let cannot_write = || format!("cannot write {}", display_path(&path));
                let stopped = stopped.or_else(|| out.flush().err().map(Stop::Output));
                if is_input.load(std::sync::atomic::Ordering::Relaxed) {
                    bail!(
                        "{} is also an input: nothing written (choose another -o file)",
                        display_path(&path)
                    );
                }
                match stopped {
                    None | Some(Stop::FailFast) => {
                        let file = out
                            .into_inner()
                            .map_err(|error| error.into_error())
                            .with_context(cannot_write)?;
                        file.commit().with_context(cannot_write)?;
                    }
                    Some(Stop::Output(error)) => return Err(error).with_context(cannot_write),
                    // Dropped uncommitted: the temporary file goes, FILE is left as it was.
                    Some(Stop::Interrupted | Stop::NoInput) => {}
                }
                Ok(stopped.filter(|stop| matches!(stop, Stop::Interrupted | Stop::NoInput)))
            }
        }
    }
}

/// Records what each output was made from (only a run that got through does, so that a
/// later `--update` may trust it); outputs that no input of this run makes are counted,
/// and removed with `--delete` when still what this tool wrote (see
/// [`batch::stamp::Stamp::remove_output`]). Gives the orphans left (without `--delete`),
/// those `--delete` kept as not its own, and the outputs deleted.
fn record_stamp(
    dir: &Path,
    mut stamp: batch::stamp::Stamp,
    entries: Vec<(PathBuf, batch::stamp::Entry)>,
    config: &ConvertConfig,
    made: &Option<HashSet<PathBuf>>,
) -> Result<(usize, usize, usize)> {
    let (mut orphans, mut kept, mut deleted) = (0, 0, 0);
    stamp.entries.extend(entries);
    // An input that could not be listed may be one whose output is kept: none is orphaned.
    let found = made
        .as_ref()
        .map_or_else(Vec::new, |made| stamp.orphans(made));
    for output in found {
        let removal = if config.delete {
            stamp.remove_output(dir, &output).ok()
        } else {
            None
        };
        match removal {
            Some(Removal::Removed | Removal::Absent) => {
                stamp.entries.remove(&output);
                deleted += 1;
            }
            // Kept, and reported again by every later run.
            Some(Removal::NotOurs) | None if config.delete => kept += 1,
            _ => orphans += 1,
        }
    }
    stamp
        .write(dir, config.batch.format)
        .with_context(|| format!("cannot write {}", display_path(dir)))?;
    Ok((orphans, kept, deleted))
}

/// The summary line of `--stats` (or of a terminal), human or JSON.
fn summary_line(
    config: &ConvertConfig,
    summary: &Summary,
    counts: &Counts,
    seconds: f64,
) -> String {
    let Counts {
        up_to_date,
        duplicates,
        superseded,
        orphans,
        deleted,
        kept,
    } = *counts;
    if config.batch.error_format == ErrorFormat::Json {
        return serde_json::json!({
            "kind": "summary",
            "converted": summary.converted,
            "converted_with_text_left_out": summary.lossy,
            "failed": summary.failed,
            "up_to_date": up_to_date,
            "duplicates": duplicates,
            "superseded_removed": superseded,
            "orphans": orphans,
            "deleted": deleted,
            "kept_not_ours": kept,
            "seconds": seconds,
        })
        .to_string();
    }
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
        skipped += &format!(", {orphans} outputs whose input is gone (--delete removes them)");
    }
    if deleted > 0 {
        skipped += &format!(", {deleted} outputs of deleted inputs removed");
    }
    if kept > 0 {
        skipped += &format!(
            ", {kept} outputs of deleted inputs kept (changed since written, or not a plain file)"
        );
    }
    let lossy = if summary.lossy > 0 {
        format!(" ({} with text left out)", summary.lossy)
    } else {
        String::new()
    };
    format!(
        "rfi-parse: {} converted{lossy}, {} failed{skipped} in {seconds:.2}s",
        summary.converted, summary.failed
    )
}

/// The real path of `path` when it is an existing regular file (through links).
/// Splits the inputs into the one kept per key (the latest collected) and the others.
pub type Split = (Vec<Result<Input, WalkError>>, Vec<Result<Input, WalkError>>);
pub fn split_duplicates(
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

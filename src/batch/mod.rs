//! Converting many inputs: parsed and rendered in parallel, written in input order.

pub mod ordered;
pub mod output;
pub mod walk;

use std::io::{self, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::parse::{ParseOptions, parse_bytes_with};
use crate::render::{Format, Writer};
pub use walk::{Input, Pattern, Walk, WalkError};

/// Where converted articles go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// One stream (standard output, or the file given to `-o`).
    Stream,
    /// One file per input below this folder, mirroring the input folders.
    OutDir(PathBuf),
}

/// How a batch conversion runs.
#[derive(Debug, Clone)]
pub struct Config {
    pub format: Format,
    pub parse: ParseOptions,
    pub destination: Destination,
    /// Whether the stream may hold several articles (a JSON array, `source` fields).
    pub many: bool,
    /// Stop at the first failed input.
    pub fail_fast: bool,
    pub error_format: ErrorFormat,
}

/// How failures are reported on standard error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorFormat {
    /// `FILE:LINE: message`.
    Human,
    /// One JSON object per line: `{"source", "line", "kind", "message"}`.
    Json,
}

/// An input that could not be converted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub source: String,
    /// The line of the problem, for parse errors.
    pub line: Option<usize>,
    /// `parse` or `io`.
    pub kind: &'static str,
    pub message: String,
}

impl Failure {
    fn io(source: String, error: &io::Error) -> Self {
        Self {
            source,
            line: None,
            kind: "io",
            message: io_message(error),
        }
    }

    /// Writes the failure as one line in the given format, in a single write so that a
    /// progress bar or another process never splits it.
    pub fn report(&self, format: ErrorFormat, err: &mut dyn Write) -> io::Result<()> {
        let line = match (format, self.line) {
            (ErrorFormat::Human, Some(line)) => {
                format!("{}:{line}: {}\n", self.source, self.message)
            }
            (ErrorFormat::Human, None) => format!("{}: {}\n", self.source, self.message),
            (ErrorFormat::Json, _) => {
                serde_json::to_string(self).expect("a failure serializes") + "\n"
            }
        };
        err.write_all(line.as_bytes())
    }
}

/// What a run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub converted: usize,
    pub failed: usize,
    pub elapsed: Duration,
}

/// Why a run ended early.
#[derive(Debug)]
pub enum Stop {
    /// `--fail-fast` met a failure.
    FailFast,
    /// The run was interrupted (Ctrl-C); every output file is whole or absent.
    Interrupted,
    /// Writing the output failed (a closed pipe, a full disk).
    Output(io::Error),
    /// There was no input at all: nothing was written, not even an empty JSON array.
    NoInput,
}

/// Converts every input, writing in input order to `out` (or below the output folder)
/// and reporting failures to `err` as they come. `progress` is called after each input.
/// Once `cancel` is set, no input starts and nothing more is written.
pub fn run(
    config: &Config,
    pool: &rayon::ThreadPool,
    inputs: impl Iterator<Item = Result<Input, WalkError>> + Send,
    out: &mut dyn Write,
    err: &mut dyn Write,
    progress: &mut dyn FnMut(&Summary),
    cancel: &AtomicBool,
) -> (Summary, Option<Stop>) {
    let started = Instant::now();
    let mut summary = Summary::default();
    let mut writer = Writer::new(out, config.format, config.many);
    let window = pool.current_num_threads() * 4;
    let stopped = ordered::ordered_map(
        pool,
        inputs,
        window,
        |input| {
            // `Err(None)`: skipped because the run was cancelled; nothing to report.
            if cancel.load(Ordering::Relaxed) {
                return Err(None);
            }
            convert(config, input).map_err(Some)
        },
        |result| {
            if cancel.load(Ordering::Relaxed) {
                return ControlFlow::Break(Stop::Interrupted);
            }
            let flow = match result {
                Ok(document) => {
                    summary.converted += 1;
                    match &config.destination {
                        Destination::Stream => {
                            writer.write_document(&document).map_err(Stop::Output)
                        }
                        Destination::OutDir(_) => Ok(()),
                    }
                }
                Err(None) => Ok(()),
                Err(Some(failure)) => {
                    summary.failed += 1;
                    // Standard error going away must not stop the conversion.
                    let _ = failure.report(config.error_format, err);
                    if config.fail_fast {
                        Err(Stop::FailFast)
                    } else {
                        Ok(())
                    }
                }
            };
            summary.elapsed = started.elapsed();
            progress(&summary);
            match flow {
                Ok(()) => ControlFlow::Continue(()),
                Err(stop) => ControlFlow::Break(stop),
            }
        },
    );
    let stopped = match (stopped, config.destination == Destination::Stream) {
        (None, _) if summary.converted + summary.failed == 0 => Some(Stop::NoInput),
        (None, true) => writer.finish().err().map(Stop::Output),
        (stopped, _) => stopped,
    };
    summary.elapsed = started.elapsed();
    (summary, stopped)
}

/// Reads, parses and renders one input; with an output folder, also writes its file.
fn convert(config: &Config, input: Result<Input, WalkError>) -> Result<Vec<u8>, Failure> {
    let input = input.map_err(|walk| Failure::io(walk.source, &walk.error))?;
    let source = input.source();
    let bytes = input
        .read()
        .map_err(|error| Failure::io(source.clone(), &error))?;
    let mut article = parse_bytes_with(&bytes, &config.parse).map_err(|error| Failure {
        source: source.clone(),
        line: Some(error.line()),
        kind: "parse",
        message: error.to_string(),
    })?;
    if config.many || config.format == Format::JsonLines {
        article.source = Some(source.clone());
    }
    let mut document = Vec::with_capacity(bytes.len());
    config.format.render(&article, &mut document);
    if let Destination::OutDir(dir) = &config.destination {
        let target = output_path(dir, &input, config.format);
        write_output(dir, &input, &target, &document).map_err(|error| Failure {
            message: format!(
                "cannot write {}: {}",
                walk::display_path(&target),
                io_message(&error)
            ),
            ..Failure::io(source, &error)
        })?;
        document.clear();
    }
    Ok(document)
}

/// Writes one output file atomically, refusing any place outside `dir` (a symbolic link
/// in the tree) and the input itself.
fn write_output(dir: &Path, input: &Input, target: &Path, document: &[u8]) -> io::Result<()> {
    let parent = target.parent().unwrap_or(dir);
    create_folders_inside(dir, parent.strip_prefix(dir).unwrap_or(Path::new("")))?;
    if let Input::File { path, .. } = input
        && target.exists()
        && std::fs::canonicalize(target)? == std::fs::canonicalize(path)?
    {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "the output would replace the input",
        ));
    }
    output::write_atomically(target, document)
}

/// Creates the folders of `relative` below `dir` one at a time, checking each that
/// exists before going further, so that a symbolic link leading out of `dir` is refused
/// before anything is created beyond it.
fn create_folders_inside(dir: &Path, relative: &Path) -> io::Result<()> {
    let mut folder = dir.to_path_buf();
    let mut dir_canonical: Option<PathBuf> = None;
    for component in relative.components() {
        folder.push(component);
        match std::fs::symlink_metadata(&folder) {
            Ok(meta) if meta.is_dir() => {}
            Ok(meta) if meta.file_type().is_symlink() => {
                let inside = match &dir_canonical {
                    Some(canonical) => canonical,
                    None => dir_canonical.insert(std::fs::canonicalize(dir)?),
                };
                let target = std::fs::canonicalize(&folder)?;
                if !target.starts_with(inside) || !target.is_dir() {
                    return Err(io::Error::new(
                        io::ErrorKind::PermissionDenied,
                        "the path leads outside the output folder",
                    ));
                }
            }
            Ok(_) => {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!("{} is not a folder", walk::display_path(&folder)),
                ));
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                match std::fs::create_dir(&folder) {
                    Err(error) if error.kind() != io::ErrorKind::AlreadyExists => {
                        return Err(error);
                    }
                    _ => {}
                }
            }
            Err(error) => return Err(error),
        }
    }
    Ok(())
}

/// Checks, before anything is written, that every input of an `--out-dir` run has an
/// output file of its own and that none would replace an input; returns what is wrong.
pub fn plan_out_dir(
    dir: &Path,
    inputs: &[Result<Input, WalkError>],
    format: Format,
) -> Result<(), Vec<String>> {
    let mut targets: std::collections::HashMap<PathBuf, &Input> =
        std::collections::HashMap::with_capacity(inputs.len());
    let mut problems = Vec::new();
    let mut input_files: Option<std::collections::HashSet<PathBuf>> = None;
    for input in inputs.iter().flatten() {
        let target = output_path(dir, input, format);
        if let Some(first) = targets.get(&target) {
            problems.push(format!(
                "{} and {} would both be written to {}",
                first.source(),
                input.source(),
                walk::display_path(&target)
            ));
            continue;
        }
        if std::fs::symlink_metadata(&target).is_ok()
            && let Ok(canonical) = std::fs::canonicalize(&target)
        {
            // Only an existing output can be an input: read the inputs' real paths then.
            let files = input_files.get_or_insert_with(|| {
                inputs
                    .iter()
                    .flatten()
                    .filter_map(|input| match input {
                        Input::File { path, .. } => std::fs::canonicalize(path).ok(),
                        Input::Stdin => None,
                    })
                    .collect()
            });
            if files.contains(&canonical) {
                problems.push(format!(
                    "the output of {} would replace the input {}",
                    input.source(),
                    walk::display_path(&target)
                ));
            }
        }
        targets.insert(target, input);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// The output file of an input below `dir`: its relative path with the format's extension.
pub fn output_path(dir: &Path, input: &Input, format: Format) -> PathBuf {
    let relative = match input {
        Input::Stdin => Path::new("stdin"),
        Input::File { relative, .. } => relative.as_path(),
    };
    dir.join(relative).with_extension(format.extension())
}

/// An I/O error's message without Rust's `(os error N)` suffix.
pub fn io_message(error: &io::Error) -> String {
    let message = error.to_string();
    match message.find(" (os error") {
        Some(cut) => message[..cut].to_string(),
        None => message,
    }
}

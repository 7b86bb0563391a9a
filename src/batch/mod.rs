//! Many inputs on one engine: walked, worked on in parallel, handed back in input order.
//!
//! [`drive`] is shared by conversion and `check`: it owns the worker pool, the ordered
//! hand-back, cancellation and the count of inputs done; each command brings its work
//! (run on a worker) and its sink (run on the calling thread, in input order).

pub mod contain;
pub mod display;
pub mod input;
pub mod ordered;
pub mod outdir;
pub mod output;
pub mod path_list;
pub mod site;
pub mod stamp;
pub mod stream;
pub mod walk;

use std::io::{self, Write};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rfi_parse::{Format, ParseOptions, Writer, diagnose};
use serde::Serialize;

pub use input::Input;
pub use walk::{Walk, WalkError};

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
    /// The largest input read, in bytes.
    pub max_size: u64,
    pub error_format: ErrorFormat,
    /// Whether an input converted with text left out is reported (not with `--quiet`).
    pub warn_lossy: bool,
    /// The Jekyll sites' time zones, for posts.
    pub site_zones: site::SiteZones,
    /// What else shapes the outputs below `--out-dir`, for the stamp (see
    /// [`stamp::options_fingerprint`]).
    pub stamp_key: String,
}

impl Config {
    /// The `source` an input's output names: batch output names each article's input.
    fn shown_source(&self, input: &Input) -> Option<String> {
        (self.many || self.format == Format::JsonLines || self.format.is_table())
            .then(|| input.source())
    }

    /// The stamp's fingerprint of everything but the bytes that shapes `input`'s output.
    pub fn stamp_options(&self, input: &Input) -> u64 {
        // A site zone in error fails the conversion, whatever the stamp says.
        let options = self
            .site_zones
            .options_for(input, &self.parse)
            .unwrap_or(self.parse);
        stamp::options_fingerprint(
            &self.stamp_key,
            &options,
            self.shown_source(input).as_deref(),
        )
    }
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
    /// `parse`, `io`, or `internal` (the work on this input panicked: a bug, contained).
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

/// Why an article that converted may not hold all of its input's text: what a rule left
/// out that reads like article prose, or markup read as flat paragraphs. Reported as
/// `FILE: warning: message` (JSON: `kind` `warning`), counted, and no failure.
fn lossy_warning(source: &str, diagnostics: &rfi_parse::Diagnostics) -> Option<Failure> {
    let mut parts = Vec::new();
    if let Some(first) = diagnostics.dropped_text.first() {
        let excerpt: String = first.chars().take(60).collect();
        let more = if first.chars().count() > 60 {
            "…"
        } else {
            ""
        };
        parts.push(format!(
            "{} passage(s) that read like article text were left out by a rule (first: {excerpt:?}{more}); `rfi-parse check` lists them as dropped-prose",
            diagnostics.dropped_text.len()
        ));
    }
    if diagnostics.extractor.simplified_markup {
        parts.push(
            "the markup cost more to build than its size warrants, so it was read as flat paragraphs of its text (links, headings and captions not kept)"
                .to_string(),
        );
    }
    (!parts.is_empty()).then(|| Failure {
        source: source.to_string(),
        line: None,
        kind: "warning",
        message: format!("warning: {}", parts.join("; ")),
    })
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
    /// There was no input at all.
    NoInput,
}

/// What the driver needs besides the work: the pool, the flag that cancels the run, and
/// what to call with the number of inputs done after each one.
pub struct Engine<'a> {
    pub pool: &'a rayon::ThreadPool,
    pub cancel: &'a AtomicBool,
    pub progress: &'a dyn Fn(u64),
}

/// What a worker gives for an input whose work panicked: that input's failure.
pub trait FromPanic {
    fn from_panic(source: String, message: String) -> Self;
}

impl<T> FromPanic for Result<T, Failure> {
    fn from_panic(source: String, message: String) -> Self {
        Err(Failure {
            source,
            line: None,
            kind: "internal",
            message: contain::internal_error(&message),
        })
    }
}

impl FromPanic for crate::lint::FileReport {
    fn from_panic(source: String, message: String) -> Self {
        Self::unreadable(source, contain::internal_error(&message))
    }
}

/// Runs `work` on every input on the pool and gives each result to `sink` in input
/// order; returns how many inputs were done, or why the run stopped. Once `cancel` is
/// set, no input starts and no result reaches the sink. A run without a single input is
/// [`Stop::NoInput`]. A panic in `work` is that input's failure ([`FromPanic`]): the
/// other inputs go on. Without `in_order` (outputs below `--out-dir`, which need no
/// order), results come as done: an input whose read never ends holds up no other.
pub fn drive<R: Send + FromPanic>(
    engine: &Engine<'_>,
    in_order: bool,
    inputs: impl Iterator<Item = Result<Input, WalkError>> + Send,
    work: impl Fn(Result<Input, WalkError>) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), Stop>,
) -> Result<u64, Stop> {
    let cancel = engine.cancel;
    let mut done = 0;
    let window = engine.pool.current_num_threads() * 4;
    let order = if in_order {
        ordered::Order::Input
    } else {
        ordered::Order::Completion
    };
    let stopped = ordered::map(
        engine.pool,
        inputs,
        window,
        order,
        // `None`: skipped because the run was cancelled.
        |input| {
            (!cancel.load(Ordering::Relaxed)).then(|| {
                let source = match &input {
                    Ok(input) => input.source(),
                    Err(walk) => walk.source.clone(),
                };
                contain::contain(|| {
                    contain::test_hook(&source);
                    work(input)
                })
                .unwrap_or_else(|message| R::from_panic(source, message))
            })
        },
        |result| {
            let Some(result) = result.filter(|_| !cancel.load(Ordering::Relaxed)) else {
                return ControlFlow::Break(Stop::Interrupted);
            };
            let flow = sink(result);
            done += 1;
            (engine.progress)(done);
            match flow {
                Ok(()) => ControlFlow::Continue(()),
                Err(stop) => ControlFlow::Break(stop),
            }
        },
    );
    match stopped {
        Some(stop) => Err(stop),
        // A signal that came after the last input started still asked the run to stop.
        None if cancel.load(Ordering::Relaxed) => Err(Stop::Interrupted),
        None if done == 0 => Err(Stop::NoInput),
        None => Ok(done),
    }
}

/// What a conversion did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub converted: usize,
    /// Of those converted, how many with text left out (see [`lossy_warning`]).
    pub lossy: usize,
    pub failed: usize,
    /// Output files written below `--out-dir`: workers write them as they finish, so
    /// after an interruption there may be more than were counted as converted.
    pub written: usize,
}

/// Converts every input, writing documents in input order to `out` (or below the output
/// folder) and reporting failures to `err` as they come.
/// Returns what was done, why it stopped early if it did, and below `--out-dir` the stamp
/// entry of each output written (its path below the folder, and its input as read).
pub fn convert_all(
    engine: &Engine<'_>,
    config: &Config,
    inputs: impl Iterator<Item = Result<Input, WalkError>> + Send,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> (Summary, Option<Stop>, Vec<(PathBuf, stamp::Entry)>) {
    let mut summary = Summary::default();
    let mut entries = Vec::new();
    let written = AtomicUsize::new(0);
    let mut writer = match StreamWriter::new(out, config, engine.pool.current_num_threads()) {
        Ok(writer) => writer,
        Err(error) => return (summary, Some(Stop::Output(error)), entries),
    };
    if let (Destination::Stream, Some(tail)) = (&config.destination, writer.tail()) {
        stream::documents_end(tail);
    }
    let ran = drive(
        engine,
        config.destination == Destination::Stream,
        inputs,
        |input| convert(config, input, &written),
        |result| match result {
            Ok((document, warning, entry)) => {
                summary.converted += 1;
                entries.extend(entry);
                if let Some(warning) = warning {
                    summary.lossy += 1;
                    if config.warn_lossy {
                        let _ = warning.report(config.error_format, err);
                    }
                }
                match &config.destination {
                    Destination::Stream => {
                        writer.write(document).map_err(Stop::Output)?;
                        if let Some(tail) = writer.tail() {
                            stream::documents_end(tail);
                        }
                        Ok(())
                    }
                    Destination::OutDir(_) => Ok(()),
                }
            }
            Err(failure) => {
                summary.failed += 1;
                // Standard error going away must not stop the conversion.
                let _ = failure.report(config.error_format, err);
                if config.fail_fast {
                    Err(Stop::FailFast)
                } else {
                    Ok(())
                }
            }
        },
    );
    let stopped = match ran {
        // The JSON array is closed whenever the stream is kept (also after --fail-fast or
        // a signal: the documents written before it stay valid JSON).
        Ok(_) | Err(Stop::FailFast | Stop::Interrupted)
            if config.destination == Destination::Stream =>
        {
            match writer.finish() {
                Ok(_) => ran.err(),
                Err(error) => Some(Stop::Output(error)),
            }
        }
        _ => ran.err(),
    };
    summary.written = written.into_inner();
    (summary, stopped, entries)
}

/// What one converted input gives: its document (empty below `--out-dir`), a warning if
/// text was left out, and below `--out-dir` its stamp entry.
type Converted = (Rendered, Option<Failure>, Option<(PathBuf, stamp::Entry)>);

/// What a worker hands the stream for one input.
enum Rendered {
    /// A document of a text format, framed by the library's [`Writer`].
    Document(Vec<u8>),
    /// The article itself, for Parquet: its rows are encoded a row group at a time.
    #[cfg(feature = "parquet")]
    Row(Box<rfi_parse::Article>, String),
}

/// The stream's writer: documents framed one after the other (how many so far, and
/// whether they are a JSON array), or a Parquet table.
enum StreamWriter<'a> {
    Documents(Writer<&'a mut dyn Write>, usize, bool),
    #[cfg(feature = "parquet")]
    Table(Box<rfi_parse::ParquetWriter<&'a mut dyn Write>>),
}

impl<'a> StreamWriter<'a> {
    /// The writer of `config`'s stream, beside `workers` threads that make its articles.
    fn new(out: &'a mut dyn Write, config: &Config, workers: usize) -> io::Result<Self> {
        #[cfg(feature = "parquet")]
        if config.format == Format::Parquet && config.destination == Destination::Stream {
            let writer = rfi_parse::ParquetWriter::new(out)?;
            // Encoding a row group on this thread would hold up the hand-back of the
            // workers' results, and they would wait; with one worker (`-j 1`, which runs
            // on this thread) the run keeps to the one thread asked for.
            let writer = if workers > 1 {
                writer.encode_on_a_thread()?
            } else {
                writer
            };
            return Ok(Self::Table(Box::new(writer)));
        }
        #[cfg(not(feature = "parquet"))]
        let _ = workers;
        Ok(Self::Documents(
            Writer::new(out, config.format).many(config.many),
            0,
            config.many && config.format == Format::Json,
        ))
    }

    /// The bytes that end the stream after the documents written so far, as
    /// [`Writer::finish`] writes them (a JSON array's close); `None` for a Parquet table,
    /// whose footer only [`StreamWriter::finish`] can write.
    fn tail(&self) -> Option<&'static [u8]> {
        match self {
            Self::Documents(_, 0, true) => Some(b"[]\n"),
            Self::Documents(_, _, true) => Some(b"\n]\n"),
            Self::Documents(..) => Some(b""),
            #[cfg(feature = "parquet")]
            Self::Table(_) => None,
        }
    }

    fn write(&mut self, rendered: Rendered) -> io::Result<()> {
        match (self, rendered) {
            (Self::Documents(writer, written, _), Rendered::Document(document)) => {
                *written += 1;
                writer.write_document(&document)
            }
            #[cfg(feature = "parquet")]
            (Self::Table(writer), Rendered::Row(article, source)) => {
                writer.write_owned_article(*article, Some(source))
            }
            #[cfg(feature = "parquet")]
            _ => unreachable!("a stream's workers render for its writer"),
        }
    }

    fn finish(self) -> io::Result<()> {
        match self {
            Self::Documents(writer, _, _) => writer.finish().map(drop),
            #[cfg(feature = "parquet")]
            Self::Table(writer) => writer.finish().map(drop),
        }
    }
}

/// Reads, parses and renders one input; with an output folder, also writes its file.
fn convert(
    config: &Config,
    input: Result<Input, WalkError>,
    written: &AtomicUsize,
) -> Result<Converted, Failure> {
    let input = input.map_err(|walk| Failure::io(walk.source, &walk.error))?;
    let source = input.source();
    let input::Contents { bytes, modified } = input
        .read(config.max_size)
        .map_err(|error| Failure::io(source.clone(), &error))?;
    let options = config
        .site_zones
        .options_for(&input, &config.parse)
        .map_err(|error| Failure {
            source: error.source,
            line: Some(error.line),
            kind: "parse",
            message: error.message,
        })?;
    let (article, diagnostics) = diagnose(&bytes, &options).map_err(|error| Failure {
        source: source.clone(),
        line: Some(error.line()),
        kind: "parse",
        message: error.to_string(),
    })?;
    let warning = lossy_warning(&source, &diagnostics);
    let shown_source = config.shown_source(&input);
    #[cfg(feature = "parquet")]
    if config.format == Format::Parquet && config.destination == Destination::Stream {
        let shown = shown_source.unwrap_or(source);
        return Ok((Rendered::Row(Box::new(article), shown), warning, None));
    }
    let mut document = Vec::with_capacity(bytes.len());
    config
        .format
        .render(&article, shown_source.as_deref(), &mut document);
    if let Destination::OutDir(dir) = &config.destination {
        let target = outdir::output_path(dir, &input, config.format);
        outdir::write_output(dir, &input, &target, &document).map_err(|error| Failure {
            message: format!(
                "cannot write {}: {}",
                display::display_path(&target),
                io_message(&error)
            ),
            ..Failure::io(source, &error)
        })?;
        written.fetch_add(1, Ordering::Relaxed);
        // What was converted is what was read: an edit after the read shows next time.
        let relative = target.strip_prefix(dir).unwrap_or(&target).to_path_buf();
        let Input::File {
            relative: input_relative,
            ..
        } = &input
        else {
            return Ok((Rendered::Document(document), warning, None));
        };
        let entry = stamp::Entry {
            input: input_relative.clone(),
            size: bytes.len() as u64,
            modified,
            hash: stamp::fingerprint(&bytes),
            options: config.stamp_options(&input),
            output_size: document.len() as u64,
            output_hash: stamp::fingerprint(&document),
        };
        return Ok((
            Rendered::Document(document),
            warning,
            Some((relative, entry)),
        ));
    }
    Ok((Rendered::Document(document), warning, None))
}

/// An I/O error's message without Rust's `(os error N)` suffix.
pub fn io_message(error: &io::Error) -> String {
    let message = error.to_string();
    match message.find(" (os error") {
        Some(cut) => message[..cut].to_string(),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// An edit that lands after an input was read (while it was being converted, or
    /// before the run wrote its stamp) must show on the next `--update`: the stamp
    /// describes the bytes that were converted, never the file as it is afterwards.
    #[test]
    fn the_stamp_describes_what_was_read_not_what_the_file_holds_later() {
        let folder = tempfile::tempdir().unwrap();
        let (input_dir, out_dir) = (folder.path().join("in"), folder.path().join("out"));
        std::fs::create_dir_all(&input_dir).unwrap();
        std::fs::create_dir_all(&out_dir).unwrap();
        let path = input_dir.join("a.txt");
        let read = "<!--1700000000000-->\n[Old](https://example.com/a)\n------\n<p>Old text.</p>\n";
        let edited = read.replace("Old", "New");
        assert_eq!(read.len(), edited.len(), "the edit keeps the size");
        std::fs::write(&path, read).unwrap();

        let config = Config {
            format: Format::Json,
            parse: ParseOptions::new(),
            destination: Destination::OutDir(out_dir.clone()),
            many: false,
            fail_fast: false,
            max_size: 1 << 20,
            error_format: ErrorFormat::Human,
            warn_lossy: false,
            site_zones: site::SiteZones::default(),
            stamp_key: String::new(),
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let cancel = AtomicBool::new(false);
        let engine = Engine {
            pool: &pool,
            cancel: &cancel,
            progress: &|_| {},
        };
        let input = Input::File {
            path: path.clone(),
            relative: PathBuf::from("a.txt"),
        };
        let (summary, stopped, entries) = convert_all(
            &engine,
            &config,
            std::iter::once(Ok(input)),
            &mut io::sink(),
            &mut io::sink(),
        );
        assert_eq!((summary.converted, stopped.is_none()), (1, true));

        // The file changes after the read, before the stamp is written; its time goes
        // back to what it was, as `rsync -a` would leave it.
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        std::fs::write(&path, &edited).unwrap();
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        let mut written = stamp::Stamp::default();
        written.entries.extend(entries);
        written.write(&out_dir, Format::Json).unwrap();

        let next_run = stamp::Stamp::read(&out_dir, Format::Json).unwrap();
        let relative = Path::new("a.json");
        let output = std::fs::read_to_string(out_dir.join(relative)).unwrap();
        assert!(output.contains("Old text."), "{output}");
        let input = Input::File {
            path: path.clone(),
            relative: PathBuf::from("a.txt"),
        };
        let now = input.read(u64::MAX).unwrap().modified;
        let options = config.stamp_options(&input);
        assert!(
            !next_run.is_current(&out_dir, relative, options, now, edited.as_bytes()),
            "the edited input must be converted again"
        );
        assert!(next_run.is_current(&out_dir, relative, options, now, read.as_bytes()));
    }
}

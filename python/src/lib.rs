//! The native half of the `rfi_parse` Python package: the command line's own parsing and batch machinery, handing JSON text to the Python half.
//!
//! Options are read by the command line's argument parser (same defaults, same checks,
//! same messages) and articles are written by the library's JSON Lines writer, so that a
//! dict has exactly the keys and values of the JSON output. `read` runs the command
//! line's batch conversion (walking, `_posts` time zones, dedupe, parallel workers,
//! input order) on a thread of its own and hands each line over a bounded channel.

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use clap::Parser;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rfi_parse::Format;
use rfi_parse_cli::batch::{self, Destination, Engine, ErrorFormat, Stop};
use rfi_parse_cli::cli::{Args, ConvertConfig, Terminals};
use rfi_parse_cli::commands::convert::split_duplicates;
use rfi_parse_cli::inputs::{inputs, no_input, pool};

/// Lines a reader may hold before the workers wait for Python to take them.
const READ_AHEAD: usize = 256;

/// The command line's configuration for these arguments (after `rfi-parse`), or the
/// argument parser's message as a `ValueError`. Without a path, the configuration is
/// that of a conversion of standard input, whose parse options `parse` takes (nothing
/// reads standard input).
fn config(arguments: Vec<String>) -> PyResult<ConvertConfig> {
    let argv = std::iter::once("rfi-parse".to_string()).chain(arguments);
    let args = Args::try_parse_from(argv).map_err(|error| {
        let message = error.to_string();
        let first = message.lines().next().unwrap_or_default();
        PyValueError::new_err(first.trim_start_matches("error: ").to_string())
    })?;
    let terminals = Terminals {
        stdin: false,
        stderr: false,
    };
    ConvertConfig::from_args(args.convert, terminals)
        .map_err(|error| PyValueError::new_err(format!("{error:#}")))
}

/// The options as command line arguments.
fn option_arguments(profile: Option<String>, tz: Option<String>) -> Vec<String> {
    let mut arguments = Vec::new();
    if let Some(profile) = profile {
        arguments.extend(["--profile".to_string(), profile]);
    }
    if let Some(tz) = tz {
        arguments.extend(["--tz".to_string(), tz]);
    }
    arguments
}

/// Parses one article: `("article", json, 0)` with its JSON (one line, without
/// `source`), or `("error", message, line)`, raised as `rfi_parse.ParseError` by the
/// Python half.
#[pyfunction]
#[pyo3(signature = (data, profile=None, tz=None))]
fn parse_json(
    py: Python<'_>,
    data: &[u8],
    profile: Option<String>,
    tz: Option<String>,
) -> PyResult<(&'static str, String, usize)> {
    let options = config(option_arguments(profile, tz))?.batch.parse;
    Ok(py.detach(|| match rfi_parse::parse(data, &options) {
        Ok(article) => {
            let mut line = Vec::with_capacity(data.len());
            Format::JsonLines.render(&article, None, &mut line);
            let json = String::from_utf8(line).expect("the JSON writer writes UTF-8");
            ("article", json, 0)
        }
        Err(error) => ("error", error.to_string(), error.line()),
    }))
}

/// One line of the run, in input order.
enum Item {
    /// An article as a JSON Lines line (with `source`).
    Article(String),
    /// A failed input as the command line's JSON error line
    /// (`{"source", "line", "kind", "message"}`).
    Failure(String),
    /// The run found no input at all.
    NoInput(String),
    /// The run stopped on an error of its own (a thread pool that cannot start).
    Fatal(String),
}

/// Where one stream of the conversion goes: each complete line becomes an item.
struct Lines {
    sender: SyncSender<Item>,
    pending: Vec<u8>,
    item: fn(String) -> Item,
}

impl Write for Lines {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(bytes);
        while let Some(end) = self.pending.iter().position(|byte| *byte == b'\n') {
            let line: Vec<u8> = self.pending.drain(..=end).collect();
            let line = String::from_utf8_lossy(&line[..end]).into_owned();
            // Python let the reader go: the run stops as after a closed pipe.
            self.sender
                .send((self.item)(line))
                .map_err(|_| io::Error::from(io::ErrorKind::BrokenPipe))?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A running `read`: articles and failures in input order. Dropping it (or `close`)
/// stops the run: no input starts after that.
#[pyclass(module = "rfi_parse._native")]
struct Reader {
    receiver: Option<Mutex<Receiver<Item>>>,
    cancel: Arc<AtomicBool>,
    worker: Option<std::thread::JoinHandle<()>>,
}

#[pymethods]
impl Reader {
    /// Starts the command line's conversion of `paths` to JSON Lines on a thread.
    #[new]
    #[pyo3(signature = (paths, pattern=None, threads=None, dedupe=None, fail_fast=true, profile=None, tz=None))]
    fn new(
        paths: Vec<PathBuf>,
        pattern: Option<String>,
        threads: Option<usize>,
        dedupe: Option<String>,
        fail_fast: bool,
        profile: Option<String>,
        tz: Option<String>,
    ) -> PyResult<Self> {
        if paths.is_empty() {
            return Err(PyValueError::new_err("read() needs at least one path"));
        }
        let mut arguments = vec!["--quiet".to_string(), "--format".into(), "jsonl".into()];
        arguments.extend(["--error-format".into(), "json".into()]);
        if let Some(pattern) = pattern {
            arguments.extend(["--pattern".into(), pattern]);
        }
        if let Some(threads) = threads {
            arguments.extend(["--threads".into(), threads.to_string()]);
        }
        if let Some(dedupe) = dedupe {
            arguments.extend(["--dedupe".into(), dedupe]);
        }
        if fail_fast {
            arguments.push("--fail-fast".into());
        }
        arguments.extend(option_arguments(profile, tz));
        arguments.push("--".into());
        // `-` is standard input to the command line; here it is a file of that name.
        arguments.extend(paths.iter().map(|path| {
            if path.as_os_str() == "-" {
                "./-".to_string()
            } else {
                path.to_string_lossy().into_owned()
            }
        }));
        let mut config = config(arguments)?;
        if paths.iter().any(|path| path.to_str().is_none()) {
            // The arguments went through text; the paths themselves are kept as given.
            config.input.paths = paths;
        }
        config.batch.many = true;
        config.batch.destination = Destination::Stream;
        let (sender, receiver) = sync_channel(READ_AHEAD);
        let cancel = Arc::new(AtomicBool::new(false));
        let stop = cancel.clone();
        let worker = std::thread::Builder::new()
            .name("rfi_parse.read".into())
            .spawn(move || run(config, sender, &stop))
            .map_err(|error| PyValueError::new_err(format!("cannot start a thread: {error}")))?;
        Ok(Self {
            receiver: Some(Mutex::new(receiver)),
            cancel,
            worker: Some(worker),
        })
    }

    /// The next item as `(kind, text)`: `("article", json)`, `("failure", json)`,
    /// `("no-input", message)` or `("fatal", message)`; `None` at the end.
    fn next_item(&mut self, py: Python<'_>) -> Option<(&'static str, String)> {
        let receiver = self.receiver.as_ref()?;
        let item = py.detach(|| {
            let receiver = receiver
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            receiver.recv().ok()
        });
        match item {
            Some(Item::Article(line)) => Some(("article", line)),
            Some(Item::Failure(line)) => Some(("failure", line)),
            Some(Item::NoInput(message)) => Some(("no-input", message)),
            Some(Item::Fatal(message)) => Some(("fatal", message)),
            None => {
                self.close(py);
                None
            }
        }
    }

    /// Stops the run: no input starts after this, and the thread ends.
    fn close(&mut self, py: Python<'_>) {
        self.cancel.store(true, Ordering::Relaxed);
        // Without a receiver, a worker waiting to hand over a line stops at once.
        self.receiver = None;
        if let Some(worker) = self.worker.take() {
            py.detach(|| {
                let _ = worker.join();
            });
        }
    }
}

impl Drop for Reader {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
        self.receiver = None;
    }
}

/// The command line's batch conversion, to the channel.
fn run(config: ConvertConfig, sender: SyncSender<Item>, cancel: &AtomicBool) {
    let fatal = |sender: &SyncSender<Item>, error: anyhow::Error| {
        let _ = sender.send(Item::Fatal(format!("{error:#}")));
    };
    let pool = match pool(&config.input) {
        Ok(pool) => pool,
        Err(error) => return fatal(&sender, error),
    };
    let found = match inputs(&config.input) {
        Ok(found) => found,
        Err(error) => return fatal(&sender, error),
    };
    let found: rfi_parse_cli::inputs::Inputs = match config.dedupe {
        None => found,
        Some(key) => match split_duplicates(&pool, found.collect(), key, &config) {
            Ok((kept, _left_out)) => Box::new(kept.into_iter()),
            Err(error) => return fatal(&sender, error),
        },
    };
    let engine = Engine {
        pool: &pool,
        cancel,
        progress: &|_| {},
    };
    let mut out = Lines {
        sender: sender.clone(),
        pending: Vec::new(),
        item: Item::Article,
    };
    let mut err = Lines {
        sender: sender.clone(),
        pending: Vec::new(),
        item: Item::Failure,
    };
    debug_assert_eq!(config.batch.error_format, ErrorFormat::Json);
    let (_summary, stopped, _entries) =
        batch::convert_all(&engine, &config.batch, found, &mut out, &mut err);
    if let Some(Stop::NoInput) = stopped {
        let _ = sender.send(Item::NoInput(no_input(&config.input)));
    }
}

/// The native module of the `rfi_parse` package.
#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(parse_json, module)?)?;
    module.add_class::<Reader>()?;
    Ok(())
}

//! The progress bar on a terminal's standard error, and error lines that do not tear it.

use std::io::{self, IsTerminal, Write};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

/// A progress bar when standard error is a terminal and progress is wanted; else nothing.
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// `count` gives the number of inputs; it runs on a thread of its own so that a long
    /// walk never delays the conversion, and the bar shows a total and ETA once it returns.
    pub fn new(wanted: bool, count: impl FnOnce() -> Option<u64> + Send + 'static) -> Self {
        if !wanted || !io::stderr().is_terminal() {
            return Self { bar: None };
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(10));
        bar.set_style(style("{spinner} {pos} files converted ({rate}), {elapsed}"));
        bar.enable_steady_tick(Duration::from_millis(100));
        let counting = bar.clone();
        std::thread::spawn(move || {
            if let Some(total) = count() {
                counting.set_length(total);
                counting.set_style(style("{wide_bar} {pos}/{len} files ({rate}, ETA {eta})"));
            }
        });
        Self { bar: Some(bar) }
    }

    /// Shows `done` inputs finished.
    pub fn update(&self, done: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(done);
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    /// Standard error, with the bar hidden while a line is written.
    pub fn stderr(&self) -> ProgressStderr {
        ProgressStderr {
            bar: self.bar.clone(),
        }
    }
}

/// Standard error that suspends the progress bar for each write.
pub struct ProgressStderr {
    bar: Option<ProgressBar>,
}

impl Write for ProgressStderr {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &self.bar {
            Some(bar) => bar
                .suspend(|| io::stderr().write_all(buf))
                .map(|()| buf.len()),
            None => io::stderr().write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        io::stderr().flush()
    }
}

/// A style from a template, with `{rate}` as whole files per second.
fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template)
        .expect("valid template")
        .with_key(
            "rate",
            |state: &ProgressState, out: &mut dyn std::fmt::Write| {
                let _ = write!(out, "{:.0}/s", state.per_sec());
            },
        )
}

//! Commands about the tool itself: the output's JSON Schema, shell completions, man page.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::CommandFactory;

use crate::cli::Args;

pub fn schema() -> Result<ExitCode> {
    let mut text = serde_json::to_vec_pretty(&crate::schema::article_schema())?;
    text.push(b'\n');
    print(&text)
}

pub fn completions(shell: clap_complete::Shell) -> Result<ExitCode> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Args::command(), "rfi-parse", &mut script);
    print(&script)
}

pub fn man() -> Result<ExitCode> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Args::command()).render(&mut page)?;
    print(&page)
}

/// Writes to standard output; a reader that went away (`| head`) is no error.
fn print(bytes: &[u8]) -> Result<ExitCode> {
    match io::stdout().lock().write_all(bytes) {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            Err(error).context("cannot write output")
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

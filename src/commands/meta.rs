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
    let command = Args::command();
    let man = clap_mangen::Man::new(command.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    // clap_mangen's synopsis names options without their arguments (`[--tz]`): this one
    // shows them (`[--tz ZONE]`), as the options section does.
    page.extend_from_slice(synopsis(&command).as_bytes());
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    man.render_subcommands_section(&mut page)?;
    if command.get_after_long_help().is_some() || command.get_after_help().is_some() {
        man.render_extra_section(&mut page)?;
    }
    man.render_version_section(&mut page)?;
    print(&page)
}

/// The man page's SYNOPSIS: each option with its argument, then the positional ones.
fn synopsis(command: &clap::Command) -> String {
    let roff = |text: &str| text.replace('\\', "\\\\").replace('-', "\\-");
    let mut line = format!("\\fB{}\\fR", roff(command.get_name()));
    let mut positional = String::new();
    for arg in command.get_arguments().filter(|arg| !arg.is_hide_set()) {
        let value = || {
            arg.get_value_names()
                .map(|names| {
                    names
                        .iter()
                        .map(|name| format!(" \\fI{}\\fR", roff(name)))
                        .collect::<String>()
                })
                .unwrap_or_default()
        };
        let takes_value = arg.get_action().takes_values();
        if arg.is_positional() {
            let many = if takes_value && arg.get_num_args().is_some_and(|n| n.max_values() > 1) {
                "..."
            } else {
                ""
            };
            positional.push_str(&format!(" [{}]{many}", value().trim_start()));
            continue;
        }
        let mut names = Vec::new();
        if let Some(short) = arg.get_short() {
            names.push(format!("\\fB\\-{short}\\fR"));
        }
        if let Some(long) = arg.get_long() {
            names.push(format!("\\fB\\-\\-{}\\fR", roff(long)));
        }
        let shown = names.join("|");
        if takes_value {
            line.push_str(&format!(" [{shown}{}]", value()));
        } else {
            line.push_str(&format!(" [{shown}]"));
        }
    }
    line.push_str(&positional);
    if command.has_subcommands() {
        line.push_str(" [\\fIsubcommands\\fR]");
    }
    format!(".SH SYNOPSIS\n{line}\n")
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

//! `rfi-parse check`: parse every input, run the lint rules, report, and set the exit status.

use std::io::{self, BufWriter, Write};
use std::ops::ControlFlow;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result};
use rfi_parse::batch::ordered::ordered_map;
use rfi_parse::batch::{self, Summary};
use rfi_parse::check::{CheckSummary, Checker, FileReport, RULES, check_file};

use crate::EXIT_INTERRUPTED;
use crate::cli::{CheckArgs, CheckFormat, Deny, InputConfig};
use crate::inputs::{count_inputs, inputs, no_input, pool};
use crate::progress::Progress;

pub fn run(args: CheckArgs, interrupted: &AtomicBool) -> Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.list_rules {
        for rule in RULES {
            writeln!(
                out,
                "{:<28} {:<8} {}",
                rule.id,
                rule.severity.as_str(),
                rule.description
            )?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let input = InputConfig::from_args(args.input)?;
    let pool = pool(&input)?;
    let counting = input.clone();
    let progress = Progress::new(!input.quiet, move || count_inputs(&counting));
    let mut checker = Checker::new(args.allow);
    let mut with_findings: Vec<FileReport> = Vec::new();
    let mut progress_summary = Summary::default();
    let mut output_error = None;
    let options = input.parse;

    let stopped = ordered_map(
        &pool,
        inputs(&input)?,
        input.threads * 4,
        |item| {
            if interrupted.load(Ordering::Relaxed) {
                return None;
            }
            Some(match item {
                Ok(file) => match file.read() {
                    Ok(bytes) => check_file(file.source(), &bytes, &options),
                    Err(error) => FileReport::unreadable(file.source(), batch::io_message(&error)),
                },
                Err(walk) => FileReport::unreadable(walk.source, batch::io_message(&walk.error)),
            })
        },
        |report| {
            let Some(mut report) = report.filter(|_| !interrupted.load(Ordering::Relaxed)) else {
                return ControlFlow::Break(());
            };
            checker.add(&mut report);
            progress_summary.converted += 1;
            progress.update(&progress_summary);
            if !report.is_notable() {
                return ControlFlow::Continue(());
            }
            match args.format {
                CheckFormat::Human => {
                    let lines: String = report
                        .findings
                        .iter()
                        .map(|f| f.human(&report.source) + "\n")
                        .collect();
                    if let Err(error) = progress.suspend(|| out.write_all(lines.as_bytes())) {
                        output_error = Some(error);
                        return ControlFlow::Break(());
                    }
                }
                CheckFormat::Json => with_findings.push(report),
            }
            ControlFlow::Continue(())
        },
    );
    progress.finish();
    if let Some(error) = output_error {
        return quiet_on_closed_pipe(error);
    }
    if stopped.is_some() {
        eprintln!("rfi-parse: interrupted");
        return Ok(ExitCode::from(EXIT_INTERRUPTED));
    }
    let summary = checker.finish();
    if summary.files == 0 {
        anyhow::bail!(no_input(&input));
    }
    let written = match args.format {
        // `-q`: the findings only, as a pre-commit hook wants them.
        CheckFormat::Human if input.quiet => Ok(()),
        CheckFormat::Human => write_summary(&mut out, &summary),
        CheckFormat::Json => {
            let document = serde_json::json!({ "files": with_findings, "summary": summary });
            serde_json::to_writer_pretty(&mut out, &document)
                .map_err(io::Error::from)
                .and_then(|()| writeln!(out))
        }
    };
    if let Err(error) = written.and_then(|()| out.flush()) {
        return quiet_on_closed_pipe(error);
    }
    let failed = summary.errors > 0 || (args.deny == Some(Deny::Warnings) && summary.warnings > 0);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn quiet_on_closed_pipe(error: io::Error) -> Result<ExitCode> {
    if error.kind() == io::ErrorKind::BrokenPipe {
        return Ok(ExitCode::SUCCESS);
    }
    Err(error).context("cannot write the report")
}

/// `name count, name count, …` in the map's order.
fn counts<K: std::fmt::Display>(map: &std::collections::BTreeMap<K, usize>) -> String {
    let items: Vec<String> = map
        .iter()
        .map(|(name, count)| format!("{name} {count}"))
        .collect();
    items.join(", ")
}

fn write_summary(out: &mut dyn Write, summary: &CheckSummary) -> io::Result<()> {
    writeln!(
        out,
        "checked {} files: {} clean, {} with warnings, {} with errors ({} errors, {} warnings)",
        summary.files,
        summary.clean,
        summary.with_warnings,
        summary.with_errors,
        summary.errors,
        summary.warnings
    )?;
    if let (Some(from), Some(to)) = (&summary.published_from, &summary.published_to) {
        writeln!(out, "published: {from} to {to}")?;
    }
    let lines = [
        ("findings", counts(&summary.rules)),
        ("encodings", counts(&summary.encodings)),
        ("sites", counts(&summary.sites)),
        ("sections", counts(&summary.sections)),
    ];
    for (label, counts) in lines.iter().filter(|(_, counts)| !counts.is_empty()) {
        writeln!(out, "{label}: {counts}")?;
    }
    Ok(())
}

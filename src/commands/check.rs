//! `rfi-parse check`: parse every input, run the lint rules, report, and set the exit status.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use anyhow::{Context, Result};

use crate::EXIT_INTERRUPTED;
use crate::batch::{self, Engine, Stop};
use crate::cli::{CheckArgs, Deny, InputConfig, ReportFormat, Terminals};
use crate::inputs::{count_inputs, inputs, no_input, pool};
use crate::lint::{CheckSummary, Checker, FileReport, RepeatThreshold, Rule, check_file};
use crate::progress::Progress;

pub fn run(args: CheckArgs, terminals: Terminals, interrupted: &AtomicBool) -> Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.list_rules {
        for rule in Rule::ALL {
            writeln!(
                out,
                "{:<28} {:<8} {}",
                rule.id(),
                rule.severity().as_str(),
                rule.description()
            )?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let input = InputConfig::from_args(args.input, terminals)?;
    let pool = pool(&input)?;
    let counting = input.clone();
    let progress = Progress::new(!input.quiet, move || count_inputs(&counting));
    let update = |done: u64| progress.update(done);
    let engine = Engine {
        pool: &pool,
        cancel: interrupted,
        progress: &update,
    };
    let threshold = RepeatThreshold {
        min_files: args.repeated_min_files,
        min_share: args.repeated_min_share,
    };
    let mut checker = Checker::new(args.allow, threshold);
    let mut with_findings: Vec<FileReport> = Vec::new();
    let options = input.parse;
    let zones = crate::batch::site::SiteZones::default();

    let ran = batch::drive(
        &engine,
        inputs(&input)?,
        |item| match item {
            Ok(file) => match file.read(input.max_size) {
                Ok(read) => check_file(
                    file.source(),
                    &read.bytes,
                    &zones.options_for(&file, &options),
                ),
                Err(error) => FileReport::unreadable(file.source(), batch::io_message(&error)),
            },
            Err(walk) => FileReport::unreadable(walk.source, batch::io_message(&walk.error)),
        },
        |mut report| {
            checker.add(&mut report);
            if !report.is_notable() {
                return Ok(());
            }
            match args.format {
                ReportFormat::Human => {
                    let lines: String = report
                        .findings
                        .iter()
                        .map(|f| f.human(&report.source) + "\n")
                        .collect();
                    progress
                        .suspend(|| out.write_all(lines.as_bytes()))
                        .map_err(Stop::Output)
                }
                ReportFormat::Json => {
                    with_findings.push(report);
                    Ok(())
                }
            }
        },
    );
    progress.finish();
    let (summary, late) = checker.finish();
    // The rules that needed every file report after the others, per file in input order.
    if ran.is_ok() {
        let written = match args.format {
            ReportFormat::Human => late.iter().try_for_each(|(source, findings)| {
                let lines: String = findings.iter().map(|f| f.human(source) + "\n").collect();
                out.write_all(lines.as_bytes())
            }),
            ReportFormat::Json => {
                for (source, findings) in late {
                    match with_findings.iter_mut().find(|r| r.source == source) {
                        Some(report) => report.findings.extend(findings),
                        None => with_findings.push(FileReport::with_findings(source, findings)),
                    }
                }
                Ok(())
            }
        };
        if let Err(error) = written {
            let failed = summary.errors > 0 || args.deny == Some(Deny::Warnings);
            return quiet_on_closed_pipe(error, failed);
        }
    }
    let failed = summary.errors > 0 || (args.deny == Some(Deny::Warnings) && summary.warnings > 0);
    match ran {
        Ok(_) => {}
        Err(Stop::NoInput) => anyhow::bail!(no_input(&input)),
        Err(Stop::Interrupted) => {
            eprintln!("rfi-parse: interrupted");
            return Ok(ExitCode::from(EXIT_INTERRUPTED));
        }
        Err(Stop::Output(error)) => return quiet_on_closed_pipe(error, failed),
        Err(Stop::FailFast) => unreachable!("check has no --fail-fast"),
    }
    let written = match args.format {
        // `-q`: the findings only, as a pre-commit hook wants them.
        ReportFormat::Human if input.quiet => Ok(()),
        ReportFormat::Human => write_summary(&mut out, &summary),
        ReportFormat::Json => {
            let document = serde_json::json!({ "files": with_findings, "summary": summary });
            serde_json::to_writer_pretty(&mut out, &document)
                .map_err(io::Error::from)
                .and_then(|()| writeln!(out))
        }
    };
    if let Err(error) = written.and_then(|()| out.flush()) {
        return quiet_on_closed_pipe(error, failed);
    }
    Ok(exit_status(failed))
}

fn exit_status(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A reader that went away (`check … | head`) ends the run quietly, with the status of
/// what was checked until then: 1 when an error (or a denied warning) was among it.
fn quiet_on_closed_pipe(error: io::Error, failed: bool) -> Result<ExitCode> {
    if error.kind() == io::ErrorKind::BrokenPipe {
        return Ok(exit_status(failed));
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
    if !summary.by_profile.is_empty() {
        writeln!(
            out,
            "{:<10} {:>7} {:>13} {:>12} {:>13} {:>13}",
            "profile", "files", "no-paragraphs", "no-published", "dropped-prose", "repeated-text"
        )?;
        for (name, figures) in &summary.by_profile {
            writeln!(
                out,
                "{:<10} {:>7} {:>13} {:>12} {:>13} {:>13}",
                name,
                figures.files,
                figures.no_paragraphs,
                figures.no_published,
                figures.dropped_prose,
                figures.repeated_text
            )?;
        }
    }
    let lines = [
        ("findings", counts(&summary.rules)),
        ("encodings", counts(&summary.encodings)),
        ("sites", counts(&summary.sites)),
        ("profiles", counts(&summary.profiles)),
        ("sections", counts(&summary.sections)),
    ];
    for (label, counts) in lines.iter().filter(|(_, counts)| !counts.is_empty()) {
        writeln!(out, "{label}: {counts}")?;
    }
    Ok(())
}

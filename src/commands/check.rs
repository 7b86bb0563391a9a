//! `rfi-parse check`: parse every input, run the lint rules, report, and set the exit status.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use anyhow::{Context, Result};

use crate::EXIT_INTERRUPTED;
use crate::batch::{self, Engine, Stop};
use crate::cli::{CheckArgs, Deny, InputConfig, ReportFormat, Terminals};
use crate::inputs::{count_inputs, inputs, no_input, pool};
use crate::lint::{
    CheckSummary, Checker, FileReport, Finished, RepeatThreshold, RepeatedText, Rule, Severity,
    check_file,
};
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
    // Every file with a finding, in input order: the summary comes first in the report.
    let mut with_findings: Vec<FileReport> = Vec::new();
    let options = input.parse;
    let zones = crate::batch::site::SiteZones::default();

    let ran = batch::drive(
        &engine,
        true,
        inputs(&input)?,
        |item| match item {
            Ok(file) => match (
                file.read(input.max_size),
                zones.options_for(&file, &options),
            ) {
                (Ok(read), Ok(options)) => check_file(file.source(), &read.bytes, &options),
                (Err(error), _) => FileReport::unreadable(file.source(), batch::io_message(&error)),
                (_, Err(error)) => FileReport::unreadable(file.source(), error.to_string()),
            },
            Err(walk) => FileReport::unreadable(walk.source, batch::io_message(&walk.error)),
        },
        |mut report| {
            checker.add(&mut report);
            if report.is_notable() {
                with_findings.push(report);
            }
            Ok(())
        },
    );
    progress.finish();
    let Finished {
        summary,
        late,
        repeated,
    } = checker.finish();
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
    // The rules that needed every file join their files' findings.
    for (source, findings) in late {
        match with_findings.iter_mut().find(|r| r.source == source) {
            Some(report) => report.findings.extend(findings),
            None => with_findings.push(FileReport::with_findings(source, findings)),
        }
    }
    let written = match args.format {
        ReportFormat::Human => {
            let summary_shown = (!input.quiet).then_some(&summary);
            if args.per_file {
                write_per_file(&mut out, summary_shown, &with_findings)
            } else {
                write_grouped(&mut out, summary_shown, &with_findings, &repeated)
            }
        }
        ReportFormat::Json => {
            let document = serde_json::json!({
                "summary": summary,
                "repeated": repeated,
                "files": with_findings,
            });
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

/// How many files a grouped report names per warning rule, and per note rule or
/// repeated text, before it counts the rest (`--per-file` and JSON list them all).
const WARNINGS_SHOWN: usize = 10;
const EXAMPLES_SHOWN: usize = 3;
const REPEATED_SHOWN: usize = 5;

/// The summary, then every finding on a line of its own (`FILE:LINE: level[id]: message`),
/// per file in input order: for editors and `grep`.
fn write_per_file(
    out: &mut dyn Write,
    summary: Option<&CheckSummary>,
    reports: &[FileReport],
) -> io::Result<()> {
    if let Some(summary) = summary {
        write_summary(out, summary)?;
    }
    for report in reports {
        for finding in &report.findings {
            writeln!(out, "{}", finding.human(&report.source))?;
        }
    }
    Ok(())
}

/// The summary, then the findings by level: every error; the warnings per rule, the first
/// files of each by name; each repeated text once, with its count and example files; one
/// line per note rule.
fn write_grouped(
    out: &mut dyn Write,
    summary: Option<&CheckSummary>,
    reports: &[FileReport],
    repeated: &[RepeatedText],
) -> io::Result<()> {
    if let Some(summary) = summary {
        write_summary(out, summary)?;
    }
    let findings = || {
        reports
            .iter()
            .flat_map(|report| report.findings.iter().map(move |f| (&report.source, f)))
    };
    for (source, finding) in findings().filter(|(_, f)| f.severity == Severity::Error) {
        writeln!(out, "{}", finding.human(source))?;
    }
    for rule in Rule::ALL {
        if rule.severity() != Severity::Warning || rule == Rule::RepeatedText {
            continue;
        }
        let mut of_rule = findings().filter(|(_, f)| f.rule == rule);
        for (source, finding) in of_rule.by_ref().take(WARNINGS_SHOWN) {
            writeln!(out, "{}", finding.human(source))?;
        }
        let more = of_rule.count();
        if more > 0 {
            writeln!(
                out,
                "warning[{rule}]: {more} more files (--per-file or --format json lists them)"
            )?;
        }
    }
    for text in repeated {
        let first = &text.files[0];
        let others: Vec<&str> = text.files[1..]
            .iter()
            .take(REPEATED_SHOWN - 1)
            .map(|file| file.source.as_str())
            .collect();
        let more = text.files.len().saturating_sub(REPEATED_SHOWN);
        writeln!(
            out,
            "{}:{}: warning[repeated-text]: {:?} recurs in {} of {} files of {}{}{}",
            first.source,
            first.line,
            text.text,
            text.count,
            text.group_files,
            text.group,
            if others.is_empty() {
                String::new()
            } else {
                format!("; also in {}", others.join(", "))
            },
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        )?;
    }
    for rule in Rule::ALL {
        if rule.severity() != Severity::Note {
            continue;
        }
        let sources: Vec<&str> = findings()
            .filter(|(_, f)| f.rule == rule)
            .map(|(source, _)| source.as_str())
            .collect();
        if let Some(examples) = sources.get(..sources.len().min(EXAMPLES_SHOWN))
            && !examples.is_empty()
        {
            writeln!(
                out,
                "note[{rule}]: {} files: {}; e.g. {}",
                sources.len(),
                rule.description(),
                examples.join(", ")
            )?;
        }
    }
    Ok(())
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
        "checked {} files: {} clean, {} with warnings, {} with errors ({} errors, {} warnings, {} notes)",
        summary.files,
        summary.clean,
        summary.with_warnings,
        summary.with_errors,
        summary.errors,
        summary.warnings,
        summary.notes
    )?;
    if let (Some(from), Some(to)) = (&summary.published_from, &summary.published_to) {
        writeln!(out, "published: {from} to {to}")?;
    }
    if !summary.by_profile.is_empty() {
        writeln!(
            out,
            "{:<10} {:>7} {:>13} {:>12} {:>13} {:>7} {:>13}",
            "profile",
            "files",
            "no-paragraphs",
            "no-published",
            "dropped-prose",
            "no-text",
            "repeated-text"
        )?;
        for (name, figures) in &summary.by_profile {
            writeln!(
                out,
                "{:<10} {:>7} {:>13} {:>12} {:>13} {:>7} {:>13}",
                name,
                figures.files,
                figures.no_paragraphs,
                figures.no_published,
                figures.dropped_prose,
                figures.no_text,
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

//! `rfi-parse explain FILE`: every block of one body, where it went and the rule that sent it.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use rfi_parse::Explanation;

use crate::batch::input::Input;
use crate::batch::site::SiteZones;
use crate::cli::{ExplainArgs, ReportFormat};

pub fn run(args: ExplainArgs) -> Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.list_rules {
        return finished(list_rules(args.format, &mut out).and_then(|()| out.flush()));
    }
    let Some(path) = args.file else {
        anyhow::bail!("explain: name the FILE to explain (`-` for standard input)");
    };
    let input = if path.as_os_str() == "-" {
        Input::Stdin
    } else {
        Input::File {
            relative: PathBuf::from(path.file_name().unwrap_or_default()),
            path,
        }
    };
    let options = match SiteZones::default().options_for(&input, &args.read.parse_options()) {
        Ok(options) => options,
        Err(error) => {
            eprintln!("{error}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let source = input.source();
    let bytes = match input.read(args.read.max_size) {
        Ok(read) => read.bytes,
        Err(error) => {
            eprintln!("{source}: {}", crate::batch::io_message(&error));
            return Ok(ExitCode::FAILURE);
        }
    };
    let explanation = match rfi_parse::explain(&bytes, &options) {
        Ok(explanation) => explanation,
        Err(error) => {
            eprintln!("{source}:{}: {error}", error.line());
            return Ok(ExitCode::FAILURE);
        }
    };
    let written = match args.format {
        ReportFormat::Human => write_human(&explanation, &mut out),
        ReportFormat::Json => write_json(&explanation, &mut out),
    };
    finished(written.and_then(|()| out.flush()))
}

/// The exit status once the report is written: a reader that went away
/// (`explain … | head`) is no error.
fn finished(written: io::Result<()>) -> Result<ExitCode> {
    match written {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            Err(error).context("cannot write the report")
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// Every rule, stage by stage: a line each, or a JSON object each.
fn list_rules(format: ReportFormat, out: &mut dyn Write) -> io::Result<()> {
    for rule in rfi_parse::rules() {
        match format {
            ReportFormat::Human => {
                // A source's own rule is named with its source (`cna/roc-stamp`).
                let name = match rule.source {
                    Some(source) => format!("{source}/{}", rule.name),
                    None => rule.name.to_string(),
                };
                writeln!(
                    out,
                    "{:<8} {name:<28} {}",
                    rule.stage.as_str(),
                    rule.summary
                )?;
            }
            ReportFormat::Json => writeln!(
                out,
                "{}",
                serde_json::to_string(&rule).expect("a rule serializes")
            )?,
        }
    }
    Ok(())
}

/// The longest text a line of the human report shows, in characters.
const EXCERPT_CHARS: usize = 100;

/// A line per decision: destination, `stage:rule`, and the text as a quoted excerpt.
fn write_human(explanation: &Explanation, out: &mut dyn Write) -> io::Result<()> {
    let extractor = &explanation.diagnostics.extractor;
    writeln!(
        out,
        "profile {} ({})",
        extractor.profile, explanation.profile_evidence
    )?;
    if extractor.simplified_markup {
        // Then every decision below is about the flat paragraphs of the text.
        writeln!(
            out,
            "markup simplified: it cost more to build than its size warrants, so it was read as flat paragraphs of its text"
        )?;
    }
    for decision in &explanation.decisions {
        let rule = format!("{}:{}", decision.stage.as_str(), decision.rule);
        let mut excerpt: String = decision.text.chars().take(EXCERPT_CHARS).collect();
        if decision.text.chars().count() > EXCERPT_CHARS {
            excerpt.push('…');
        }
        writeln!(out, "{:<11} {:<36} {excerpt:?}", decision.to.as_str(), rule)?;
    }
    Ok(())
}

/// One JSON object per line: the profile's choice first (`"to": "profile"`, the rule
/// being how it was chosen), then each decision with `text`, `to`, `rule` and `stage`.
fn write_json(explanation: &Explanation, out: &mut dyn Write) -> io::Result<()> {
    let extractor = &explanation.diagnostics.extractor;
    let profile = serde_json::json!({
        "text": extractor.profile,
        "to": "profile",
        "rule": extractor.chosen_by.as_str(),
        "evidence": explanation.profile_evidence,
        "simplified_markup": extractor.simplified_markup,
    });
    writeln!(out, "{profile}")?;
    for decision in &explanation.decisions {
        writeln!(
            out,
            "{}",
            serde_json::to_string(decision).expect("a decision serializes")
        )?;
    }
    Ok(())
}

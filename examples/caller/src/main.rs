//! Edits every article it is given in the ways a caller might, and renders each edit in every format.

use std::process::ExitCode;

use rfi_parse::{Article, Block, Format, ParseOptions, TextBlock};

fn is_text(block: &Block) -> bool {
    matches!(block, Block::Paragraph(_) | Block::Heading(_))
}

/// Ways a caller changes an article before writing it out.
const EDITS: &[(&str, fn(&mut Article))] = &[
    ("as parsed", |_| {}),
    ("paragraphs removed", |a| a.blocks.retain(|b| !is_text(b))),
    ("images removed", |a| {
        a.blocks.retain(|b| !matches!(b, Block::Image(_)))
    }),
    ("embeds removed", |a| {
        a.blocks.retain(|b| !matches!(b, Block::Embed(_)))
    }),
    ("blocks cleared", |a| a.blocks.clear()),
    ("first text block only", |a| {
        let first = a.blocks.iter().position(is_text);
        let mut at = 0;
        a.blocks.retain(|b| {
            at += 1;
            !is_text(b) || Some(at - 1) == first
        });
    }),
    ("paragraphs cut to two characters", |a| {
        for block in &mut a.blocks {
            if let Block::Paragraph(text) | Block::Heading(text) = block {
                let short: String = text.text().chars().take(2).collect();
                text.set_text(short);
            }
        }
    }),
    ("a paragraph added", |a| {
        a.blocks.push(Block::Paragraph(TextBlock::new("新段落")))
    }),
    ("blocks reversed", |a| a.blocks.reverse()),
    ("everything cleared", |a| {
        a.blocks.clear();
        a.lead = None;
        a.lead_image = None;
        a.title.clear();
    }),
];

const FORMATS: [Format; 4] = [
    Format::Json,
    Format::JsonLines,
    Format::Markdown,
    Format::Text,
];

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: rfi-parse-caller ARCHIVE_FILE...");
        return ExitCode::from(2);
    }
    let mut renders = 0;
    for path in &paths {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(error) => {
                eprintln!("{path}: {error}");
                return ExitCode::FAILURE;
            }
        };
        let article = match rfi_parse::parse(&bytes, &ParseOptions::default()) {
            Ok(article) => article,
            Err(error) => {
                eprintln!("{path}:{}: {error}", error.line);
                return ExitCode::FAILURE;
            }
        };
        for (name, edit) in EDITS {
            let mut edited = article.clone();
            edit(&mut edited);
            for format in FORMATS {
                let mut out = Vec::new();
                format.render(&edited, Some(path), &mut out);
                if !out.ends_with(b"\n") {
                    eprintln!("{path}, {name}: {format:?} output does not end its document");
                    return ExitCode::FAILURE;
                }
                renders += 1;
            }
        }
    }
    println!(
        "{} files, {} edits each, {renders} renders",
        paths.len(),
        EDITS.len()
    );
    ExitCode::SUCCESS
}

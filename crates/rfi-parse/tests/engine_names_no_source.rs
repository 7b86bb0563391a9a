//! The engine names no source: a grep of its code lines (comments and tests aside) for the
//! sources' names, hosts and datelines, outside `src/sources/` where each source's folder is.

use std::fs;
use std::path::{Path, PathBuf};

/// Names, hosts and marks of the sources, matched case-insensitively as whole words
/// (`_` and `-` end a word, so `rfi_zone` is found).
const SOURCE_WORDS: &[&str] = &[
    "rfi",
    "cna",
    "dw",
    "bbc",
    "aj",
    "wsj",
    "kyodo",
    "nhk",
    "rfa",
    "nyt",
    "joins",
    "reuters",
    "rthk",
    "jazeera",
    "aljazeera",
    "nytimes",
    "kyodonews",
    "feedx",
    "共同社",
    "路透",
    "中央社",
    "德国之声",
];

/// Words that hold a source's name without naming it: the crate's own name.
const NOT_SOURCES: &[&str] = &["rfi_parse", "rfi-parse"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "sources") {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether `line` names a source in its code (its text before any `//` comment).
fn names_a_source(line: &str) -> Option<&'static str> {
    let code = line.split("//").next().unwrap_or("").to_lowercase();
    let mut code = code;
    for allowed in NOT_SOURCES {
        code = code.replace(allowed, " ");
    }
    SOURCE_WORDS.iter().copied().find(|word| {
        code.match_indices(word).any(|(at, _)| {
            let before = code[..at].chars().next_back();
            let after = code[at + word.len()..].chars().next();
            let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_ascii_alphanumeric());
            boundary(before) && boundary(after)
        })
    })
}

#[test]
fn engine_code_names_no_source() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut report = Vec::new();
    for path in files {
        let relative = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = fs::read_to_string(&path).unwrap();
        let mut found = Vec::new();
        for (number, line) in text.lines().enumerate() {
            if line.trim_start() == "#[cfg(test)]" {
                // The unit tests below name the profiles they run.
                break;
            }
            if let Some(word) = names_a_source(line) {
                found.push(format!(
                    "  {relative}:{}: [{word}] {}",
                    number + 1,
                    line.trim()
                ));
            }
        }
        if !found.is_empty() {
            report.push(format!(
                "{relative}: code lines name a source (its knowledge belongs in its profile):\n{}",
                found.join("\n")
            ));
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}

#[test]
fn the_grep_finds_names_in_code_and_not_in_comments() {
    assert_eq!(names_a_source(r#"let x = "www.rfi.fr";"#), Some("rfi"));
    assert_eq!(names_a_source("fn f(rfi_zone: Tz) {}"), Some("rfi"));
    assert_eq!(names_a_source("// RFI's date line"), None);
    assert_eq!(names_a_source("use rfi_parse::Article;"), None);
    assert_eq!(names_a_source("let adwords = 1;"), None);
}

//! The README shows what the tool does: every command block it shows runs, in order, and
//! succeeds; the JSON example of docs/formats.md is made from the seed by this test
//! (`UPDATE_README=1 cargo test --test readme` writes it), and its list of front matter
//! keys names every key the Markdown writer emits.

mod common;

use std::path::Path;

use common::{fixture, rfi_parse};

const START: &str = "<!-- json-example: made by tests/readme.rs -->\n";
const END: &str = "<!-- json-example end -->\n";

/// Strings longer than this many characters are cut, arrays shown by their first element.
const LONGEST: usize = 48;

fn readme() -> (std::path::PathBuf, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let text = std::fs::read_to_string(&path).expect("README.md");
    (path, text)
}

/// The page that shows each format in full.
fn formats_doc() -> (std::path::PathBuf, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/formats.md");
    let text = std::fs::read_to_string(&path).expect("docs/formats.md");
    (path, text)
}

/// The README's fenced blocks of one language (`sh`, `python`), in order.
fn blocks<'a>(text: &'a str, language: &str) -> Vec<&'a str> {
    let open = format!("```{language}\n");
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(&open) {
        let body = &rest[at + open.len()..];
        let end = body.find("```\n").expect("a closed block");
        found.push(&body[..end]);
        rest = &body[end..];
    }
    found
}

/// Whether what a block's `# needs:` line names is here: programs on the `PATH`, and
/// Python modules (`py:duckdb`).
fn available(needs: &str) -> bool {
    needs
        .split_whitespace()
        .all(|need| match need.strip_prefix("py:") {
            Some(module) => std::process::Command::new("python3")
                .args(["-c", &format!("import {module}")])
                .output()
                .is_ok_and(|output| output.status.success()),
            None => std::process::Command::new("sh")
                .args(["-c", &format!("command -v {need}")])
                .output()
                .is_ok_and(|output| output.status.success()),
        })
}

/// Every `sh` and `python` block of the README, run in order in one folder that holds a
/// copy of the fixtures, with the binary under test first on the `PATH`: each must
/// succeed. The installation's `cargo install` is what building this test did, and is
/// not run again; a block that needs a program this machine lacks (`# needs: hugo`) is
/// skipped, and says so.
#[test]
fn every_command_block_of_the_readme_runs() {
    let (_, text) = readme();
    let dir = tempfile::tempdir().unwrap();
    let copied = std::process::Command::new("cp")
        .args([
            "-r",
            &fixture(""),
            dir.path().join("fixtures").to_str().unwrap(),
        ])
        .status()
        .unwrap();
    assert!(copied.success());
    let binary = Path::new(env!("CARGO_BIN_EXE_rfi-parse"));
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut ran = 0;
    let mut runs: Vec<(&str, &str)> = Vec::new();
    // The blocks in the README's order, whatever their language.
    let mut at = 0;
    while let Some(start) = text[at..].find("\n```").map(|i| at + i + 4) {
        let line_end = start + text[start..].find('\n').unwrap();
        let language = &text[start..line_end];
        let body_end = line_end + 1 + text[line_end + 1..].find("```\n").unwrap();
        if language == "sh" || language == "python" {
            runs.push((language, &text[line_end + 1..body_end]));
        }
        at = body_end + 4;
    }
    assert_eq!(
        runs.len(),
        blocks(&text, "sh").len() + blocks(&text, "python").len()
    );
    for (language, block) in runs {
        if let Some(needs) = block
            .lines()
            .next()
            .and_then(|line| line.strip_prefix("# needs: "))
            && !available(needs)
        {
            println!("skipped (needs {needs}):\n{block}");
            continue;
        }
        if language == "python" && !available("py:duckdb py:pandas") {
            println!("skipped (needs python3 with duckdb and pandas):\n{block}");
            continue;
        }
        let script: String = block
            .lines()
            .filter(|line| !line.starts_with("cargo install "))
            .map(|line| line.to_string() + "\n")
            .collect();
        let mut command = match language {
            "sh" => {
                let mut bash = std::process::Command::new("bash");
                bash.args(["-e", "-o", "pipefail", "-c", &script]);
                bash
            }
            _ => {
                let mut python = std::process::Command::new("python3");
                python.args(["-c", &script]);
                python
            }
        };
        let output = command
            .current_dir(dir.path())
            .env("PATH", &path)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "README block failed ({}):\n{block}\nstdout: {}\nstderr: {}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        ran += 1;
    }
    assert!(ran >= 10, "only {ran} blocks ran");
}

/// A JSON string value cut to [`LONGEST`] characters, `…` marking the cut.
fn cut(json_string: &str) -> String {
    let text: String = serde_json::from_str(json_string).expect("a JSON string");
    if text.chars().count() <= LONGEST {
        return json_string.to_string();
    }
    let kept: String = text.chars().take(LONGEST - 8).collect::<String>() + "…";
    serde_json::to_string(&kept).unwrap()
}

/// One line of the tool's pretty JSON with its string value, if any, cut.
fn cut_line(line: &str) -> String {
    let indent = &line[..line.len() - line.trim_start().len()];
    let body = line.trim_start();
    let (body, comma) = match body.strip_suffix(',') {
        Some(body) => (body, ","),
        None => (body, ""),
    };
    let cut_body = match body.split_once("\": ") {
        Some((key, value)) if value.starts_with('"') => format!("{key}\": {}", cut(value)),
        Some(_) => body.to_string(),
        None if body.starts_with('"') => cut(body),
        None => body.to_string(),
    };
    format!("{indent}{cut_body}{comma}")
}

/// The tool's pretty JSON with long strings cut and every array shown by its first
/// element and a `…` line, in the tool's own order of members.
fn abbreviated(pretty: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let lines: Vec<&str> = pretty.lines().collect();
    let indent_of = |line: &str| line.len() - line.trim_start().len();
    let mut at = 0;
    while at < lines.len() {
        let line = lines[at];
        out.push(cut_line(line));
        at += 1;
        if !line.ends_with('[') {
            continue;
        }
        // An array: its first element (one line, or an object to its closing brace),
        // then `…` for the rest, then the array's closing bracket.
        let inner = indent_of(line) + 2;
        let first_end = if lines[at].trim_start().starts_with('{') {
            at + lines[at..]
                .iter()
                .position(|l| indent_of(l) == inner && l.trim_start().starts_with('}'))
                .expect("the object's end")
        } else {
            at
        };
        let close = at
            + lines[at..]
                .iter()
                .position(|l| indent_of(l) == inner - 2 && l.trim_start().starts_with(']'))
                .expect("the array's end");
        for element_line in &lines[at..=first_end] {
            out.push(cut_line(element_line));
        }
        if close > first_end + 1 {
            // (The first element keeps its comma: more follow.)
            out.push(format!("{}…", " ".repeat(inner)));
        }
        at = close;
    }
    out.join("\n") + "\n"
}

/// The README's JSON example as the tool writes it for the seed, abbreviated.
fn json_example() -> String {
    let output = rfi_parse(&[&fixture("rfi-seed.txt"), "--format", "json"]);
    assert!(output.status.success());
    let pretty = String::from_utf8(output.stdout).expect("UTF-8");
    format!(
        "```console\n$ rfi-parse fixtures/rfi-seed.txt\n{}```\n",
        abbreviated(&pretty)
    )
}

#[test]
fn the_json_example_is_what_the_tool_writes_for_the_seed() {
    let (path, text) = formats_doc();
    let start = text.find(START).expect("the example's start marker") + START.len();
    let end = start + text[start..].find(END).expect("the example's end marker");
    let example = json_example();
    if std::env::var_os("UPDATE_README").is_some() {
        std::fs::write(
            &path,
            format!("{}{example}{}", &text[..start], &text[end..]),
        )
        .unwrap();
        return;
    }
    assert_eq!(
        text[start..end],
        example,
        "docs/formats.md's JSON example is stale: run `UPDATE_README=1 cargo test --test readme`"
    );
}

#[test]
fn the_front_matter_list_names_every_key_the_markdown_writer_emits() {
    let (_, text) = formats_doc();
    let list = text
        .lines()
        .find(|line| line.starts_with("- **Front matter** keys:"))
        .map(|first| {
            let at = text.find(first).unwrap();
            let rest = &text[at..];
            rest[..rest.find("\n- **").unwrap_or(rest.len())].to_string()
        })
        .expect("the front matter list");
    // Files whose front matter holds every key between them: a lead image with alt,
    // a copyright line, a byline, tags, and `source` from batch output.
    let mut keys = std::collections::BTreeSet::new();
    for name in ["rfi-figure-glued.txt", "source-cna.txt", "generic-dw.txt"] {
        let output = rfi_parse(&["-f", "md", &fixture(name), &fixture("rfi-seed.txt")]);
        assert!(output.status.success(), "{name}");
        let markdown = String::from_utf8(output.stdout).unwrap();
        for document in markdown.split("\u{c}\n") {
            let front = document.split("\n---\n").next().unwrap_or("");
            for line in front.lines().skip(1) {
                if let Some((key, _)) = line.split_once(':')
                    && !key.starts_with(' ')
                {
                    keys.insert(key.to_string());
                }
            }
        }
    }
    for expected in [
        "title",
        "byline",
        "tags",
        "source",
        "copyright",
        "lead_image_alt",
    ] {
        assert!(
            keys.contains(expected),
            "the fixtures give no `{expected}`: {keys:?}"
        );
    }
    for key in &keys {
        assert!(
            list.contains(&format!("`{key}`")),
            "docs/formats.md's front matter list does not name `{key}`"
        );
    }
}

//! `rfi-parse check`, `schema`, `completions` and `man`, run as a user would.

mod common;

use std::fs;

use serde_json::Value;

use common::{fixture, rfi_parse, text};

/// The word of letters that tells copy `copy` of a fixture from the others.
fn word(copy: usize) -> String {
    [copy / 26, copy % 26]
        .iter()
        .map(|n| char::from(b'a' + *n as u8))
        .collect()
}

/// A folder with copies of the good fixtures, several times over.
fn clean_corpus(copies: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for copy in 0..copies {
        for name in [
            "rfi-seed.txt",
            "rfi-figure-glued.txt",
            "rfi-video-embed.txt",
            "crlf-bom.txt",
        ] {
            // Each copy gets its own URL and text, so that no duplicate rule fires, nor
            // repeated-text (which masks digits: the copies differ by a word of letters).
            let original = fs::read_to_string(fixture(name)).unwrap();
            let word = word(copy);
            let unique = original
                .replace("</p>", &format!(" {word}</p>"))
                .replace(
                    &format!("</strong> {word}</p>"),
                    &format!(" {word}</strong></p>"),
                )
                .replacen("\n[", &format!("\n[{word} "), 1)
                .replacen(")\n", &format!("?copy={copy})\n"), 1)
                .replacen(")\r\n", &format!("?copy={copy})\r\n"), 1)
                .replacen(
                    "</strong></p>",
                    &format!("</strong></p><p>副本 {copy} {word}</p>"),
                    1,
                );
            fs::write(dir.path().join(format!("{copy:03}-{name}")), unique).unwrap();
        }
    }
    dir
}

#[test]
fn a_clean_corpus_passes_and_is_counted() {
    let corpus = clean_corpus(25);
    let output = rfi_parse(&["check", corpus.path().to_str().unwrap()]);
    let report = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{report}");
    assert!(
        report.starts_with("checked 100 files: 100 clean, 0 with warnings, 0 with errors"),
        "{report}"
    );
    assert!(report.contains("sites: rfi.fr 100"), "{report}");
}

#[test]
fn an_empty_file_and_a_broken_header_fail_the_check_by_name() {
    let corpus = clean_corpus(2);
    fs::write(corpus.path().join("empty.txt"), "").unwrap();
    fs::write(
        corpus.path().join("broken.txt"),
        "<!--123-->\nno link here\n------\n",
    )
    .unwrap();
    let output = rfi_parse(&["check", corpus.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let report = text(&output.stdout);
    assert!(
        report.contains("broken.txt:2: error[unparseable]: missing link line"),
        "{report}"
    );
    assert!(
        report.contains("empty.txt:1: error[unparseable]: empty file"),
        "{report}"
    );
    assert!(
        report.contains("checked 10 files: 8 clean, 0 with warnings, 2 with errors"),
        "{report}"
    );
}

#[test]
fn quiet_check_prints_the_findings_only() {
    let corpus = clean_corpus(1);
    fs::write(corpus.path().join("empty.txt"), "").unwrap();
    let output = rfi_parse(&["check", "-q", corpus.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let report = text(&output.stdout);
    assert_eq!(report.lines().count(), 1, "{report}");
    assert!(
        report.contains("empty.txt:1: error[unparseable]"),
        "{report}"
    );
}

#[test]
fn a_check_that_finds_no_input_fails() {
    let empty = tempfile::tempdir().unwrap();
    let output = rfi_parse(&["check", empty.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("no input found"));
}

#[test]
fn json_report_is_one_valid_document() {
    let output = rfi_parse(&["check", "-q", "--format", "json", &fixture("")]);
    assert_eq!(output.status.code(), Some(1), "the error fixtures fail");
    let report: Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    // Every `.txt` below the fixtures folder, counted here independently of the walk.
    let mut folders = vec![std::path::PathBuf::from(fixture(""))];
    let mut inputs = 0;
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                inputs += 1;
            }
        }
    }
    assert_eq!(report["summary"]["files"], inputs);
    assert_eq!(report["summary"]["with_errors"], 7);
    let files = report["files"].as_array().unwrap();
    let afp = files
        .iter()
        .find(|f| f["source"].as_str().unwrap().ends_with("rfi-2021-afp.txt"))
        .unwrap();
    let rules: Vec<&str> = afp["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["empty-url", "empty-lead", "placeholder-lead-image"]);
    assert_eq!(afp["findings"][0]["line"], 2);
    assert_eq!(afp["findings"][0]["severity"], "note");
}

#[test]
fn notes_never_fail_and_allow_silences_a_denied_warning() {
    // empty-url, empty-lead and placeholder-lead-image say what the file is: notes.
    let afp = fixture("rfi-2021-afp.txt");
    assert_eq!(
        rfi_parse(&["check", "-q", "--deny", "warnings", &afp])
            .status
            .code(),
        Some(0)
    );
    let hostile = fixture("hostile.txt");
    let denied = rfi_parse(&["check", "-q", "--deny", "warnings", &hostile]);
    assert_eq!(denied.status.code(), Some(1), "{}", text(&denied.stdout));
    let allowed = rfi_parse(&[
        "check",
        "-q",
        "--deny",
        "warnings",
        "--allow",
        "collected-before-published",
        &hostile,
    ]);
    assert_eq!(allowed.status.code(), Some(0), "{}", text(&allowed.stdout));
    let unknown = rfi_parse(&["check", "--allow", "no-such-rule", &afp]);
    assert_eq!(unknown.status.code(), Some(2));
    let message = text(&unknown.stderr);
    assert!(
        message.contains("invalid value 'no-such-rule' for '--allow <ID>'")
            && message.contains("empty-lead"),
        "{message}"
    );
}

#[test]
fn duplicates_across_files_are_warned() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.txt", "b.txt"] {
        fs::copy(fixture("rfi-seed.txt"), dir.path().join(name)).unwrap();
    }
    let output = rfi_parse(&["check", "-q", "--per-file", dir.path().to_str().unwrap()]);
    let report = text(&output.stdout);
    assert!(
        report.contains("b.txt:2: note[duplicate-url]: same URL as"),
        "{report}"
    );
    assert!(
        report.contains("b.txt: note[duplicate-content]: same text as"),
        "{report}"
    );
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn the_schema_is_draft_2020_12_with_a_versioned_id() {
    let schema: Value = serde_json::from_slice(&rfi_parse(&["schema"]).stdout).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["$id"], "urn:rfi-parse:article:v1");
    assert_eq!(schema["properties"]["paragraphs"]["type"], "array");
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let output = rfi_parse(&["completions", shell]);
        assert!(output.status.success(), "{shell}");
        assert!(text(&output.stdout).contains("rfi-parse"), "{shell}");
    }
    assert!(text(&rfi_parse(&["completions", "bash"]).stdout).contains("complete -F _rfi__parse"));
    let man = text(&rfi_parse(&["man"]).stdout);
    assert!(man.contains(".TH rfi-parse 1"), "{man}");
    assert!(man.contains("files\\-from"), "{man}");
    // The synopsis shows each option's argument, and the paths after the options.
    let synopsis = man
        .split(".SH SYNOPSIS\n")
        .nth(1)
        .and_then(|rest| rest.lines().next())
        .expect("a synopsis");
    for shown in [
        "[\\fB\\-\\-tz\\fR \\fIZONE\\fR]",
        "[\\fB\\-j\\fR|\\fB\\-\\-threads\\fR \\fIN\\fR]",
        "[\\fB\\-q\\fR|\\fB\\-\\-quiet\\fR]",
        "[\\fIPATH\\fR]...",
    ] {
        assert!(synopsis.contains(shown), "{shown} in {synopsis}");
    }
    assert!(
        man.find(".SH SYNOPSIS") < man.find(".SH DESCRIPTION"),
        "{man}"
    );
}

#[test]
fn furniture_repeated_across_a_site_is_reported_after_the_run_with_a_profile_table() {
    let corpus = clean_corpus(25);
    // A promotion line (its count varying) added to six of the hundred files.
    let mut promoted = Vec::new();
    for (n, entry) in fs::read_dir(corpus.path()).unwrap().take(6).enumerate() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        fs::write(
            &path,
            text.replacen(
                "</strong></p>",
                &format!("</strong></p><p>關注我們：{n} 則新訊息</p>"),
                1,
            ),
        )
        .unwrap();
        promoted.push(path);
    }
    let dir = corpus.path().to_str().unwrap();
    let output = rfi_parse(&["check", dir]);
    let report = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "warnings only: {report}");
    let found: Vec<&str> = report
        .lines()
        .filter(|l| l.contains("[repeated-text]"))
        .collect();
    assert_eq!(found.len(), 1, "one line per repeated text: {report}");
    assert!(
        found[0].contains("recurs in 6 of 100 files of rfi.fr; also in ")
            && found[0].ends_with(" and 1 more"),
        "{}",
        found[0]
    );
    let named = promoted
        .iter()
        .filter(|path| found[0].contains(&path.display().to_string()))
        .count();
    assert_eq!(named, 5, "the first file and four more: {}", found[0]);
    let per_file =
        text(&rfi_parse(&["check", "-q", "--per-file", corpus.path().to_str().unwrap()]).stdout);
    for path in &promoted {
        let line = format!("{}:5: warning[repeated-text]: ", path.display());
        assert!(per_file.contains(&line), "{line} in {per_file}");
    }
    assert!(report.contains("94 clean, 6 with warnings"), "{report}");
    let table = report
        .lines()
        .skip_while(|l| !l.starts_with("profile "))
        .nth(1)
        .unwrap();
    assert_eq!(
        table.split_whitespace().collect::<Vec<_>>(),
        ["rfi", "100", "0", "0", "0", "0", "6"]
    );
    // Above the threshold given, nothing; with --deny warnings, the check fails.
    let output = rfi_parse(&["check", "--repeated-min-files", "7", dir]);
    assert!(!text(&output.stdout).contains("[repeated-text]"));
    let output = rfi_parse(&["check", "--deny", "warnings", dir]);
    assert_eq!(output.status.code(), Some(1));
    // JSON: the findings join their files' entries.
    let output = rfi_parse(&["check", "-f", "json", dir]);
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), 6);
    assert!(
        files
            .iter()
            .all(|f| f["findings"][0]["rule"] == "repeated-text")
    );
    assert_eq!(json["summary"]["by_profile"]["rfi"]["repeated_text"], 6);
    assert_eq!(json["repeated"][0]["count"], 6);
    assert_eq!(json["repeated"][0]["files"].as_array().unwrap().len(), 6);
}

/// A month-like corpus gates CI: clean, it passes `--deny warnings` in a few lines; with
/// three defects injected (a promotion in 5% of a site's files, a paragraph cut out of
/// its `<p>`, a date line no one can read) it fails, and the report names the files.
#[test]
fn injected_defects_fail_the_gate_and_are_named() {
    let corpus = clean_corpus(25);
    let dir = corpus.path().to_str().unwrap();
    let output = rfi_parse(&["check", "--deny", "warnings", dir]);
    let report = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{report}");
    assert!(report.lines().count() <= 60, "{report}");
    let seeds: Vec<std::path::PathBuf> = {
        let mut paths: Vec<_> = fs::read_dir(corpus.path())
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.to_str().unwrap().ends_with("-rfi-seed.txt"))
            .collect();
        paths.sort();
        paths
    };
    let edit = |path: &std::path::Path, from: &str, to: &str| {
        let text = fs::read_to_string(path).unwrap();
        assert!(text.contains(from), "{from} in {}", path.display());
        fs::write(path, text.replacen(from, to, 1)).unwrap();
    };
    // 1. A promotion line in 5 of the 100 files (5%), each of another title.
    let promoted: Vec<_> = seeds.iter().step_by(5).take(5).collect();
    for path in &promoted {
        edit(
            path,
            "</strong></p>",
            "</strong></p><p>立即訂閱我們的電子報，掌握每日新聞！</p>",
        );
    }
    // 2. A paragraph cut out of its `<p>`, its text left straight in the layout `<div>`,
    // which RFI's profile reads as furniture: the text is lost.
    let cut = &seeds[1];
    let seed = fs::read_to_string(cut).unwrap();
    let open = "<p style=\"text-align:left\">";
    let close = format!(" {}</p>", word(1));
    let at = seed.find(open).unwrap();
    let end = at + seed[at..].find(&close).unwrap();
    let cut_text = format!(
        "{}</p>{}{}",
        &seed[..at],
        &seed[at + open.len()..end],
        &seed[end + close.len()..]
    );
    fs::write(cut, cut_text).unwrap();
    // 3. A date line no one can read.
    let undated = &seeds[2];
    edit(undated, "12/06/2023 - 17:21", "32/13/2023 - 25:61");
    let output = rfi_parse(&["check", "--deny", "warnings", dir]);
    let report = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{report}");
    assert!(report.lines().count() <= 60, "{report}");
    for path in &promoted {
        assert!(
            report.contains(&path.display().to_string()),
            "{} in {report}",
            path.display()
        );
    }
    assert!(
        report.contains(&format!("{}:5: warning[dropped-prose]", cut.display())),
        "{report}"
    );
    assert!(
        report.contains(&format!(
            "{}:5: warning[unparseable-date]",
            undated.display()
        )),
        "{report}"
    );
}

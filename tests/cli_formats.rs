//! The binary end to end: each format, each exit status, errors and their formats.

mod common;

use std::fs;

use common::{assert_failed, fixture, rfi_parse, rfi_parse_with_stdin, stderr, stdout};

use serde_json::Value;

#[test]
fn json_is_one_pretty_object() {
    let output = rfi_parse(&[&fixture("rfi-seed.txt"), "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.starts_with("{\n  \"timestamp_ms\": 1686586501000,"));
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["published"], "2023-06-12T17:21:00+02:00");
    assert!(value.get("source").is_none());
}

#[test]
fn jsonl_is_one_line_per_input_in_the_order_given() {
    let names = [
        "rfi-video-embed.txt",
        "rfi-seed.txt",
        "crlf-bom.txt",
        "rfi-2021-afp.txt",
    ];
    let paths: Vec<String> = names.iter().map(|n| fixture(n)).collect();
    let mut args: Vec<&str> = vec!["--format", "jsonl", "-j", "4"];
    args.extend(paths.iter().map(String::as_str));
    let output = rfi_parse(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let lines: Vec<Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let sources: Vec<&str> = lines
        .iter()
        .map(|v| v["source"].as_str().unwrap())
        .collect();
    assert_eq!(
        sources,
        paths.iter().map(String::as_str).collect::<Vec<_>>()
    );
}

#[test]
fn jsonl_of_one_file_still_names_its_source() {
    let output = rfi_parse(&["-f", "jsonl", &fixture("rfi-seed.txt")]);
    let value: Value = serde_json::from_str(stdout(&output).trim_end()).unwrap();
    assert_eq!(value["source"], fixture("rfi-seed.txt"));
    assert_eq!(stdout(&output).lines().count(), 1);
}

#[test]
fn json_of_several_files_is_an_array() {
    let output = rfi_parse(&[&fixture("rfi-seed.txt"), &fixture("crlf-bom.txt")]);
    let value: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(value.as_array().unwrap().len(), 2);
    assert_eq!(value[1]["title"], "CRLF 与 BOM");
}

#[test]
fn markdown_and_text_formats_and_their_aliases() {
    for format in ["markdown", "md"] {
        let output = rfi_parse(&[&fixture("rfi-seed.txt"), "--format", format]);
        assert!(output.status.success());
        assert!(
            stdout(&output)
                .starts_with("---\ntitle: \"应对AI风险 OpenAI执行长指出与中国合作的重要性\"\n")
        );
    }
    for format in ["text", "txt"] {
        let output = rfi_parse(&[&fixture("rfi-seed.txt"), "-f", format]);
        assert!(output.status.success());
        assert!(stdout(&output).starts_with(
            "应对AI风险 OpenAI执行长指出与中国合作的重要性\n12/06/2023 - 17:21\n\n在美国"
        ));
    }
}

#[test]
fn several_markdown_documents_are_separated_by_a_form_feed_line() {
    let output = rfi_parse(&[
        "-f",
        "md",
        &fixture("rfi-seed.txt"),
        &fixture("crlf-bom.txt"),
    ]);
    let text = stdout(&output);
    let documents: Vec<&str> = text.split("\x0c\n").collect();
    assert_eq!(documents.len(), 2);
    assert!(documents.iter().all(|d| d.starts_with("---\ntitle: ")));
}

#[test]
fn each_parse_error_is_file_line_message_and_exit_1() {
    let cases = [
        ("empty.txt", 1, "empty file"),
        ("missing-timestamp.txt", 1, "missing timestamp"),
        ("invalid-timestamp.txt", 1, "invalid timestamp"),
        (
            "overflow-timestamp.txt",
            1,
            "invalid timestamp \"99999999999999999999\": out of range",
        ),
        ("missing-link.txt", 2, "missing link line"),
        ("missing-separator.txt", 3, "missing separator"),
        ("invalid-utf8.txt", 5, "invalid UTF-8"),
    ];
    for (name, line, message) in cases {
        let path = fixture(&format!("errors/{name}"));
        let output = rfi_parse(&[&path]);
        assert_eq!(output.status.code(), Some(1), "{name}");
        let expected = format!("{path}:{line}: {message}");
        assert!(
            stderr(&output).starts_with(&expected),
            "{name}: {}",
            stderr(&output)
        );
        assert!(
            output.stdout.is_empty(),
            "{name}: nothing is written for a bad file"
        );
    }
}

#[test]
fn one_bad_file_costs_the_others_nothing() {
    let output = rfi_parse(&[
        "-f",
        "jsonl",
        "--stats",
        &fixture("rfi-seed.txt"),
        &fixture("errors/missing-link.txt"),
        "no/such/file.txt",
        &fixture("crlf-bom.txt"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output).lines().count(), 2);
    let errors = stderr(&output);
    assert!(
        errors.contains("missing-link.txt:2: missing link line"),
        "{errors}"
    );
    assert!(
        errors.contains("no/such/file.txt: No such file or directory"),
        "{errors}"
    );
    assert!(errors.contains("2 converted, 2 failed"), "{errors}");
}

#[test]
fn error_format_json_is_one_object_per_line() {
    let output = rfi_parse(&[
        "--error-format",
        "json",
        &fixture("errors/missing-separator.txt"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let error: Value = serde_json::from_str(stderr(&output).lines().next().unwrap()).unwrap();
    assert_eq!(error["line"], 3);
    assert_eq!(error["kind"], "parse");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .starts_with("missing separator")
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["--format", "yaml"],
        vec!["--tz", "Mars/Olympus"],
        vec!["-j", "0", "x.txt"],
        vec!["--no-such-flag"],
        vec!["-", "--files-from", "-"],
    ] {
        let output = rfi_parse(&args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(!stderr(&output).is_empty());
    }
}

#[test]
fn tz_overrides_the_date_line_zone() {
    let output = rfi_parse(&[&fixture("rfi-seed.txt"), "--tz", "Asia/Shanghai"]);
    let value: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(value["published"], "2023-06-12T17:21:00+08:00");
}

#[test]
fn reads_standard_input_with_dash_or_no_path() {
    let seed = fs::read(fixture("rfi-seed.txt")).unwrap();
    for args in [vec!["-f", "jsonl"], vec!["-f", "jsonl", "-"]] {
        let output = rfi_parse_with_stdin(&args, &seed);
        assert!(output.status.success(), "{}", stderr(&output));
        let value: Value = serde_json::from_str(stdout(&output).trim_end()).unwrap();
        assert_eq!(value["source"], "-");
        assert_eq!(value["timestamp_ms"], 1_686_586_501_000_i64);
    }
}

#[test]
fn fail_fast_stops_at_the_first_failure() {
    let output = rfi_parse(&[
        "-j",
        "1",
        "-f",
        "jsonl",
        "--fail-fast",
        &fixture("errors/empty.txt"),
        &fixture("rfi-seed.txt"),
        &fixture("errors/missing-link.txt"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("empty.txt:1: empty file"));
    assert!(
        !stderr(&output).contains("missing-link"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_summary_is_only_for_terminals_or_stats() {
    let args = [&fixture("rfi-seed.txt"), &fixture("crlf-bom.txt")];
    let plain = rfi_parse(&[args[0], args[1]]);
    assert!(plain.status.success());
    assert!(plain.stderr.is_empty(), "{}", stderr(&plain));
    let stats = rfi_parse(&["--stats", args[0], args[1]]);
    assert!(stderr(&stats).starts_with("rfi-parse: 2 converted, 0 failed in "));
    let conflict = rfi_parse(&["--stats", "-q", args[0]]);
    assert_eq!(conflict.status.code(), Some(2));
}

#[test]
fn with_json_errors_every_stderr_line_is_json() {
    let (seed, empty) = (fixture("rfi-seed.txt"), fixture("errors/empty.txt"));
    let runs = [
        vec![
            "--error-format",
            "json",
            "--stats",
            "-f",
            "jsonl",
            &seed,
            &empty,
        ],
        vec!["--error-format=json", "--no-such-option"],
        vec!["--error-format", "json", "--tz", "Mars/Olympus", "x.txt"],
    ];
    for args in runs {
        let output = rfi_parse(&args);
        let errors = stderr(&output);
        assert!(!errors.is_empty(), "{args:?}");
        for line in errors.lines() {
            let value: Value = serde_json::from_str(line)
                .unwrap_or_else(|_| panic!("not JSON: {line:?} ({args:?})"));
            assert!(value["kind"].is_string(), "{line}");
        }
    }
}

#[test]
fn thread_counts_are_bounded() {
    let output = rfi_parse(&["-j", "100000", &fixture("rfi-seed.txt")]);
    assert_failed(&output, 2, "at most 256");
}

#[test]
fn fail_fast_still_closes_the_json_array() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("all.json");
    let output = rfi_parse(&[
        "-j",
        "1",
        "--fail-fast",
        "-o",
        target.to_str().unwrap(),
        &fixture("rfi-seed.txt"),
        &fixture("errors/empty.txt"),
        &fixture("crlf-bom.txt"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let written: Value =
        serde_json::from_str(&fs::read_to_string(&target).unwrap()).expect("a closed JSON array");
    assert_eq!(written.as_array().unwrap().len(), 1);
}

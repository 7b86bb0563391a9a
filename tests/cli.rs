//! The binary end to end: each format, each exit status, batch inputs and outputs.

mod common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{
    assert_failed, files_below, fixture, rfi_parse, rfi_parse_with_stdin, source_names, sources,
    stderr, stdout,
};

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

fn corpus_folder(files: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("in");
    let seed = fs::read(fixture("rfi-seed.txt")).unwrap();
    for i in 0..files {
        let sub = root.join(format!("d{}", i % 3)).join(format!("e{}", i % 2));
        fs::create_dir_all(&sub).unwrap();
        fs::write(sub.join(format!("{i:03}.txt")), &seed).unwrap();
    }
    fs::write(root.join("notes.md"), "not an archive").unwrap();
    (dir, root)
}

#[test]
fn folders_are_walked_in_sorted_path_order() {
    let (_dir, root) = corpus_folder(12);
    let output = rfi_parse(&["-f", "jsonl", root.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let sources = sources(&output);
    assert_eq!(sources.len(), 12);
    let mut sorted = sources.clone();
    sorted.sort();
    assert_eq!(sources, sorted);
}

#[test]
fn pattern_option_changes_which_files_are_taken() {
    let (_dir, root) = corpus_folder(3);
    let output = rfi_parse(&["-f", "jsonl", "--pattern", "*.md", root.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "notes.md is not an archive");
    assert!(stderr(&output).contains("notes.md:1: missing timestamp"));
}

#[test]
fn files_from_reads_newline_or_nul_separated_lists() {
    let (dir, root) = corpus_folder(4);
    let files: Vec<String> = ["d0/e0/000.txt", "d1/e1/001.txt", "d2/e0/002.txt"]
        .iter()
        .map(|f| root.join(f).display().to_string())
        .collect();
    let list = dir.path().join("list.txt");
    fs::write(&list, files.join("\n") + "\n").unwrap();
    let output = rfi_parse(&["-f", "jsonl", "--files-from", list.to_str().unwrap()]);
    assert_eq!(stdout(&output).lines().count(), 3);
    let nul_list = files.join("\0") + "\0";
    let output = rfi_parse_with_stdin(
        &["-f", "jsonl", "--files-from", "-", "-0"],
        nul_list.as_bytes(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let sources = sources(&output);
    assert_eq!(sources, files);
}

#[test]
fn out_dir_mirrors_inputs_and_reruns_overwrite_cleanly() {
    let (dir, root) = corpus_folder(6);
    let out = dir.path().join("out");
    for _ in 0..2 {
        let output = rfi_parse(&[
            "-f",
            "md",
            "--out-dir",
            out.to_str().unwrap(),
            root.to_str().unwrap(),
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(output.stdout.is_empty());
    }
    // The folder argument's own name is kept, as `cp -r` keeps it.
    let md = fs::read_to_string(out.join("in/d0/e0/000.md")).unwrap();
    assert!(md.starts_with("---\ntitle: "));
    let files = files_below(&out);
    assert_eq!(files.len(), 6, "no temporary or extra files: {files:?}");
    assert!(files.iter().all(|f| f.extension().unwrap() == "md"));
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("all.jsonl");
    let output = rfi_parse(&[
        "-f",
        "jsonl",
        "-o",
        target.to_str().unwrap(),
        &fixture("rfi-seed.txt"),
        &fixture("crlf-bom.txt"),
    ]);
    assert!(output.status.success());
    assert!(output.stdout.is_empty());
    assert_eq!(fs::read_to_string(&target).unwrap().lines().count(), 2);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let (_dir, root) = corpus_folder(300);
    let mut child = Command::new(env!("CARGO_BIN_EXE_rfi-parse"))
        .args(["-f", "jsonl", root.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let errors = stderr(&output);
    assert!(
        !errors.contains("Broken pipe") && !errors.contains("error"),
        "{errors}"
    );
}

#[test]
fn out_dir_inside_the_input_folder_is_not_read_back() {
    let (_dir, root) = corpus_folder(4);
    let out = root.join("zz-out");
    for _ in 0..2 {
        let output = rfi_parse(&[
            "-f",
            "text",
            "--stats",
            "--out-dir",
            out.to_str().unwrap(),
            root.to_str().unwrap(),
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(
            stderr(&output).contains("4 converted, 0 failed"),
            "{}",
            stderr(&output)
        );
    }
}

#[test]
fn out_dir_never_replaces_an_input_nor_leaves_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    fs::copy(fixture("rfi-seed.txt"), &input).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_rfi-parse"))
        .current_dir(dir.path())
        .args(["a.txt", "-f", "text", "--out-dir", "."])
        .output()
        .unwrap();
    assert_failed(
        &output,
        2,
        "the output of a.txt would replace the input ./a.txt",
    );
    assert_eq!(
        fs::read(&input).unwrap(),
        fs::read(fixture("rfi-seed.txt")).unwrap()
    );

    #[cfg(unix)]
    {
        let outside = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        fs::create_dir_all(&out).unwrap();
        std::os::unix::fs::symlink(outside.path(), out.join("sub")).unwrap();
        fs::create_dir_all(dir.path().join("sub/deeper")).unwrap();
        fs::copy(fixture("rfi-seed.txt"), dir.path().join("sub/deeper/b.txt")).unwrap();
        let output = Command::new(env!("CARGO_BIN_EXE_rfi-parse"))
            .current_dir(dir.path())
            .args(["sub", "--out-dir", "out"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        assert!(
            stderr(&output).contains("leads outside the output folder"),
            "{}",
            stderr(&output)
        );
        // Refused before any folder is made beyond the link.
        assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 0);
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

#[cfg(target_os = "linux")]
#[test]
fn an_interrupted_run_leaves_only_whole_files() {
    interrupted_run_leaves_only_whole_files("-INT");
}

#[cfg(target_os = "linux")]
#[test]
fn sigterm_and_sighup_stop_the_run_as_ctrl_c_does() {
    interrupted_run_leaves_only_whole_files("-TERM");
    interrupted_run_leaves_only_whole_files("-HUP");
}

#[cfg(target_os = "linux")]
fn interrupted_run_leaves_only_whole_files(signal: &str) {
    let (dir, root) = corpus_folder(300);
    let out = dir.path().join("out");
    // A FIFO named last, held open by the test (read-write opens never block on Linux),
    // blocks its worker until the test lets go, so the run cannot end before the signal:
    // the interrupt path always runs.
    let fifo = dir.path().join("last.txt");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let writer = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&fifo)
        .unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_rfi-parse"))
        .args(["-j", "2", "--out-dir", out.to_str().unwrap()])
        .args([&root, &fifo])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while files_below_or_none(&out) < 100 && started.elapsed().as_secs() < 60 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(100));
    // Closing the last writer ends the FIFO, should its worker have opened it.
    drop(writer);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(130), "{}", stderr(&output));
    let files = files_below(&out);
    for file in &files {
        assert!(
            !file.to_string_lossy().contains("rfi-parse-tmp"),
            "temporary file left: {file:?}"
        );
        let value: Value =
            serde_json::from_slice(&fs::read(file).unwrap()).expect("a whole JSON file");
        assert_eq!(value["timestamp_ms"], 1_686_586_501_000_i64);
    }
    let message = format!("interrupted after {} files written", files.len());
    assert!(stderr(&output).contains(&message), "{}", stderr(&output));
}

fn files_below_or_none(dir: &Path) -> usize {
    if dir.exists() {
        files_below(dir).len()
    } else {
        0
    }
}

#[test]
fn ten_thousand_nested_files_keep_sorted_order_around_two_broken_ones() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    let broken = [3_333, 6_666];
    for i in 0..10_000 {
        let folder = root
            .join(format!("{:02}", i / 1000))
            .join(format!("{:02}", (i / 100) % 10));
        fs::create_dir_all(&folder).unwrap();
        let body = if broken.contains(&i) {
            "not an archive\n".to_string()
        } else {
            format!(
                "<!--{i}-->\n[t{i}](https://x.example/{i})\n------\n\n<div><p>段落 {i}</p></div>\n"
            )
        };
        fs::write(folder.join(format!("{i:05}.txt")), body).unwrap();
    }
    let output = rfi_parse(&["-q", "-f", "jsonl", root.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    for i in broken {
        assert!(
            errors.contains(&format!("{i:05}.txt:1: missing timestamp")),
            "{errors}"
        );
    }
    let numbers: Vec<i64> = stdout(&output)
        .lines()
        .map(|line| {
            serde_json::from_str::<Value>(line).unwrap()["timestamp_ms"]
                .as_i64()
                .unwrap()
        })
        .collect();
    let expected: Vec<i64> = (0..10_000).filter(|i| !broken.contains(i)).collect();
    assert_eq!(
        numbers, expected,
        "every good file once, in sorted path order"
    );
}

/// Writes the seed to each of `names` below `dir`.
fn seed_files(dir: &Path, names: &[&str]) {
    for name in names {
        let path = dir.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::copy(fixture("rfi-seed.txt"), path).unwrap();
    }
}

#[test]
fn out_dir_keeps_each_folder_arguments_name() {
    let dir = tempfile::tempdir().unwrap();
    seed_files(dir.path(), &["a/x.txt", "b/x.txt", "c/d/x.txt"]);
    let out = dir.path().join("out");
    let a = dir.path().join("a");
    let output = rfi_parse(&[
        "-f",
        "md",
        "--out-dir",
        out.to_str().unwrap(),
        a.to_str().unwrap(),
        dir.path().join("b").to_str().unwrap(),
        dir.path().join("c").to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut written: Vec<_> = files_below(&out)
        .iter()
        .map(|f| f.strip_prefix(&out).unwrap().to_path_buf())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            PathBuf::from("a/x.md"),
            PathBuf::from("b/x.md"),
            PathBuf::from("c/d/x.md")
        ]
    );
}

#[test]
fn out_dir_refuses_two_inputs_with_one_output_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    seed_files(dir.path(), &["a/x.txt", "a/y.txt", "b/x.txt"]);
    let out = dir.path().join("out");
    // Files named on the command line (or listed) keep only their names.
    let list = "a/y.txt\na/x.txt\nb/x.txt\n";
    let mut child = Command::new(env!("CARGO_BIN_EXE_rfi-parse"))
        .current_dir(dir.path())
        .args(["--out-dir", "out", "--files-from", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(list.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let errors = stderr(&output);
    assert!(
        errors.contains("a/x.txt and b/x.txt would both be written to out/x.json"),
        "{errors}"
    );
    assert!(files_below(&out).is_empty(), "nothing written");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_is_reported_once_and_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    seed_files(dir.path(), &["in/a.txt"]);
    std::os::unix::fs::symlink("..", dir.path().join("in/loop")).unwrap();
    let output = rfi_parse(&["-f", "jsonl", dir.path().join("in").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output).lines().count(), 1, "the article once");
    let errors = stderr(&output);
    assert_eq!(errors.lines().count(), 1, "{errors}");
    assert!(errors.contains("symbolic link loop"), "{errors}");
}

#[test]
fn patterns_are_globs_with_classes_and_alternatives() {
    let dir = tempfile::tempdir().unwrap();
    seed_files(dir.path(), &["story.txt", "news.txt", "sub/story.html"]);
    let output = rfi_parse(&[
        "-f",
        "jsonl",
        "--pattern",
        "[s]*.{txt,html}",
        dir.path().to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let names = source_names(&output);
    assert_eq!(names, ["story.txt", "story.html"]);
    let bad = rfi_parse(&["--pattern", "[a", dir.path().to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn no_input_found_is_an_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.md"), "x").unwrap();
    let target = dir.path().join("all.json");
    for args in [
        vec![dir.path().to_str().unwrap()],
        vec!["--pattern", "*.html", dir.path().to_str().unwrap()],
        vec!["-o", target.to_str().unwrap(), dir.path().to_str().unwrap()],
    ] {
        let output = rfi_parse(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "no `[]`: {args:?}");
        assert!(
            stderr(&output).contains("no input found in"),
            "{}",
            stderr(&output)
        );
    }
    assert!(!target.exists());
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
fn an_output_file_that_is_an_input_is_refused_and_left_whole() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.txt");
    fs::copy(fixture("rfi-seed.txt"), &input).unwrap();
    let output = rfi_parse(&[
        "-f",
        "text",
        input.to_str().unwrap(),
        "-o",
        input.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("is also an input: nothing written"));
    assert_eq!(
        fs::read(&input).unwrap(),
        fs::read(fixture("rfi-seed.txt")).unwrap()
    );
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary left"
    );
}

#[cfg(unix)]
#[test]
fn a_device_or_a_linked_output_is_written_through_not_replaced() {
    let output = rfi_parse(&[&fixture("rfi-seed.txt"), "-o", "/dev/null"]);
    assert!(output.status.success(), "{}", stderr(&output));

    // A named pipe: what a reader at its other end receives is the document, and the
    // pipe is still a pipe (an output renamed over it would have replaced it, and the
    // reader would have got nothing).
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("out.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|status| status.success()) {
        let reading = fifo.clone();
        let reader = std::thread::spawn(move || fs::read_to_string(reading));
        let output = rfi_parse(&[&fixture("rfi-seed.txt"), "-o", fifo.to_str().unwrap()]);
        assert!(output.status.success(), "{}", stderr(&output));
        if !reader.is_finished() {
            // Nothing was written to the pipe: release the reader before failing.
            use std::os::unix::fs::OpenOptionsExt;
            let _ = fs::OpenOptions::new()
                .write(true)
                .custom_flags(0o4000) // O_NONBLOCK on Linux
                .open(&fifo);
        }
        let received = reader.join().unwrap().unwrap();
        assert!(received.contains("\"timestamp_ms\""), "{received:?}");
        assert!(
            fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo_like()
        );
    } else {
        eprintln!("skipped: the named-pipe case needs mkfifo");
    }

    let real = dir.path().join("real.json");
    fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let output = rfi_parse(&[&fixture("rfi-seed.txt"), "-o", link.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&real)
            .unwrap()
            .contains("\"timestamp_ms\"")
    );
}

#[cfg(unix)]
trait Fifo {
    fn is_fifo_like(&self) -> bool;
}

#[cfg(unix)]
impl Fifo for fs::FileType {
    fn is_fifo_like(&self) -> bool {
        std::os::unix::fs::FileTypeExt::is_fifo(self)
    }
}

#[test]
fn inputs_over_the_size_limit_fail_alone() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    let mut text = fs::read_to_string(fixture("rfi-seed.txt")).unwrap();
    text.push_str(&"<p>x</p>".repeat(2000));
    fs::write(&big, text).unwrap();
    let output = rfi_parse(&[
        "-f",
        "jsonl",
        "--max-size",
        "12K",
        big.to_str().unwrap(),
        &fixture("rfi-seed.txt"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output).lines().count(),
        1,
        "the seed still converts"
    );
    assert!(
        stderr(&output).contains("big.txt: too large: over 12288 bytes (see --max-size)"),
        "{}",
        stderr(&output)
    );
    let bad = rfi_parse(&["--max-size", "lots", &fixture("rfi-seed.txt")]);
    assert_eq!(bad.status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn an_endless_input_stops_at_the_limit() {
    let output = rfi_parse(&["--max-size", "1M", "/dev/zero"]);
    assert_failed(&output, 1, "/dev/zero: too large");
}

#[test]
fn a_folder_as_files_from_is_an_error_not_a_loop() {
    let dir = tempfile::tempdir().unwrap();
    let output = rfi_parse(&["--files-from", dir.path().to_str().unwrap()]);
    assert_failed(&output, 2, "is a folder");
}

#[test]
fn thread_counts_are_bounded() {
    let output = rfi_parse(&["-j", "100000", &fixture("rfi-seed.txt")]);
    assert_failed(&output, 2, "at most 256");
}

#[cfg(unix)]
#[test]
fn a_file_name_cannot_forge_an_error_line() {
    let dir = tempfile::tempdir().unwrap();
    let name = dir.path().join("z\nforged: fake error.txt");
    fs::write(&name, "not an archive\n").unwrap();
    let output = rfi_parse(&["-f", "jsonl", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert_eq!(errors.lines().count(), 1, "{errors}");
    assert!(errors.contains("z\\nforged: fake error.txt"), "{errors}");
}

#[test]
fn update_converts_only_what_changed() {
    let (dir, root) = corpus_folder(5);
    let out = dir.path().join("out");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "--stats",
            "-f",
            "md",
            "--update",
            "--out-dir",
            out.to_str().unwrap(),
        ];
        args.extend(extra);
        args.push(root.to_str().unwrap());
        let output = rfi_parse(&args);
        assert!(output.status.success(), "{}", stderr(&output));
        stderr(&output)
    };
    let starts = |report: String, want: &str| {
        assert!(
            report.starts_with(want),
            "{report:?} does not start with {want:?}"
        );
    };
    starts(run(&[]), "rfi-parse: 5 converted, 0 failed, 0 up to date");
    starts(run(&[]), "rfi-parse: 0 converted, 0 failed, 5 up to date");
    // A touch converts that file again (as `make` would: the usual way to force one).
    let input = root.join("d0/e0/000.txt");
    let set_time = |path: &Path, time: std::time::SystemTime| {
        fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(time)
            .unwrap();
    };
    set_time(
        &input,
        std::time::SystemTime::now() + std::time::Duration::from_secs(5),
    );
    starts(run(&[]), "rfi-parse: 1 converted, 0 failed, 4 up to date");
    starts(run(&[]), "rfi-parse: 0 converted, 0 failed, 5 up to date");
    // An edit whose time goes back (`rsync -a`, `cp -p`), or does not move, is seen.
    let original = fs::read_to_string(&input).unwrap();
    let modified = fs::metadata(&input).unwrap().modified().unwrap();
    fs::write(&input, original.replace("</p>", "。</p>")).unwrap();
    set_time(&input, modified - std::time::Duration::from_secs(3600));
    starts(run(&[]), "rfi-parse: 1 converted, 0 failed, 4 up to date");
    fs::write(&input, original.replace("</p>", "！</p>")).unwrap();
    set_time(&input, modified);
    starts(run(&[]), "rfi-parse: 1 converted, 0 failed, 4 up to date");
    // Other options that shape the output convert everything again.
    starts(
        run(&["--tz", "Asia/Tokyo"]),
        "rfi-parse: 5 converted, 0 failed, 0 up to date",
    );
    starts(
        run(&["--tz", "Asia/Tokyo"]),
        "rfi-parse: 0 converted, 0 failed, 5 up to date",
    );
    // Output written by another version is converted again, all of it.
    let stamp = out.join(".rfi-parse-stamp.md");
    assert!(
        fs::read_to_string(&stamp)
            .unwrap()
            .starts_with("rfi-parse ")
    );
    fs::write(&stamp, "rfi-parse 0.0.1 md\n").unwrap();
    starts(run(&[]), "rfi-parse: 5 converted, 0 failed, 0 up to date");
    // A deleted input's output is reported, and removed only with --delete.
    fs::remove_file(&input).unwrap();
    let orphan = files_below(&out)
        .into_iter()
        .find(|file| file.ends_with("d0/e0/000.md"))
        .expect("its output");
    let report = run(&[]);
    assert!(report.contains("1 outputs whose input is gone"), "{report}");
    assert!(orphan.exists());
    let report = run(&["--delete"]);
    assert!(
        report.contains("1 outputs of deleted inputs removed"),
        "{report}"
    );
    assert!(!orphan.exists());
    assert!(!run(&[]).contains("gone"));
}

#[test]
fn dedupe_with_update_decides_over_every_input_old_and_new() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(&input).unwrap();
    let seed = fs::read_to_string(fixture("rfi-seed.txt")).unwrap();
    fs::write(input.join("a.txt"), &seed).unwrap();
    let out = dir.path().join("out");
    let run = || {
        let output = rfi_parse(&[
            "--stats",
            "--update",
            "--dedupe",
            "url",
            "--out-dir",
            out.to_str().unwrap(),
            input.to_str().unwrap(),
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
        stderr(&output)
    };
    assert!(run().starts_with("rfi-parse: 1 converted"));
    // The same article collected later arrives in a second run: it replaces the first.
    let later = seed.replacen("<!--1686586501000-->", "<!--1686590000000-->", 1);
    fs::write(input.join("b.txt"), later).unwrap();
    let report = run();
    assert!(report.contains("1 duplicates left out"), "{report}");
    assert!(report.contains("1 superseded outputs removed"), "{report}");
    assert!(!out.join("in/a.json").exists());
    assert!(out.join("in/b.json").exists());
}

#[test]
fn dedupe_keeps_the_latest_collected_copy_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let seed = fs::read_to_string(fixture("rfi-seed.txt")).unwrap();
    // b.txt is the same article collected later, with its text updated.
    let later = seed
        .replacen("<!--1686586501000-->", "<!--1686590000000-->", 1)
        .replacen("</strong></p>", "</strong></p><p>更新。</p>", 1);
    fs::write(dir.path().join("a.txt"), &seed).unwrap();
    fs::write(dir.path().join("b.txt"), later).unwrap();
    fs::copy(fixture("crlf-bom.txt"), dir.path().join("c.txt")).unwrap();
    let output = rfi_parse(&[
        "--stats",
        "-j",
        "2",
        "-f",
        "jsonl",
        "--dedupe",
        "url",
        dir.path().to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let names = source_names(&output);
    assert_eq!(names, ["b.txt", "c.txt"]);
    assert!(stderr(&output).contains("2 converted, 0 failed, 1 duplicates left out"));

    // By text, the updated copy is another article; with --out-dir too.
    let out = dir.path().join("out");
    let output = rfi_parse(&[
        "--stats",
        "--dedupe",
        "content",
        "--out-dir",
        out.to_str().unwrap(),
        dir.path().join("a.txt").to_str().unwrap(),
        dir.path().join("b.txt").to_str().unwrap(),
    ]);
    assert!(stderr(&output).contains("2 converted, 0 failed, 0 duplicates left out"));
    assert_eq!(files_below(&out).len(), 2);
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

#[cfg(target_os = "linux")]
#[test]
fn a_killed_runs_temporary_files_are_removed_next_time() {
    let (dir, root) = corpus_folder(2);
    let out = dir.path().join("out");
    fs::create_dir_all(out.join("in/d0")).unwrap();
    // Left by a killed writer: older than a few seconds, and locked by nobody.
    let stale = out.join("in/d0/.000.json.999999999-0.rfi-parse-tmp");
    fs::write(&stale, "half").unwrap();
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(an_hour_ago)
        .unwrap();
    let output = rfi_parse(&["--out-dir", out.to_str().unwrap(), root.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stale.exists());
}

#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_are_converted_and_shown_escaped() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    fs::copy(fixture("rfi-seed.txt"), dir.path().join(name)).unwrap();
    let output = rfi_parse(&["-f", "jsonl", dir.path().to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        sources(&output)[0].ends_with("caf\\xe9.txt"),
        "{:?}",
        sources(&output)
    );
}

#[test]
fn a_closed_pipe_during_check_keeps_the_error_status() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..300 {
        fs::write(dir.path().join(format!("{i:03}.txt")), "").unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_rfi-parse"))
        .args(["check", "-q", dir.path().to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "errors were found before the pipe closed"
    );
}

#[cfg(unix)]
#[test]
fn endless_lists_and_fifos_in_folders_never_hang() {
    // One endless line, then endless empty items: both end with an error.
    for args in [
        vec!["--files-from", "/dev/zero"],
        vec!["--files-from", "/dev/zero", "-0"],
    ] {
        let output = rfi_parse(&args);
        assert_ne!(output.status.code(), Some(0), "{args:?}");
        assert!(stderr(&output).contains("/dev/zero"), "{}", stderr(&output));
    }
    // A FIFO named like an archive in a walked folder is reported, not opened.
    let dir = tempfile::tempdir().unwrap();
    fs::copy(fixture("rfi-seed.txt"), dir.path().join("a.txt")).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(dir.path().join("b.txt"))
            .status()
            .unwrap()
            .success()
    );
    let output = rfi_parse(&["-f", "jsonl", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output).lines().count(), 1);
    assert!(
        stderr(&output).contains("b.txt: not a regular file"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn dot_names_and_long_names_convert_into_an_out_dir() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir_all(&input).unwrap();
    let long = "长".repeat(78) + ".txt";
    assert!(long.len() > 235 && long.len() <= 255);
    for name in ["..txt", ".x.txt", long.as_str()] {
        fs::copy(fixture("rfi-seed.txt"), input.join(name)).unwrap();
    }
    let out = dir.path().join("out");
    let output = rfi_parse(&["--out-dir", out.to_str().unwrap(), input.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let long_output = "长".repeat(78) + ".json";
    for name in ["..txt.json", ".x.json", long_output.as_str()] {
        assert!(out.join("in").join(name).is_file(), "{name}");
    }
}

#[test]
fn a_posts_folder_is_walked_for_every_post_jekyll_builds() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("_posts");
    fs::create_dir_all(&posts).unwrap();
    let markdown = "---\ntitle: M\ndate: 2023-07-01\n---\n\n一。\n\n二。\n";
    fs::write(posts.join("2023-07-01-a.md"), markdown).unwrap();
    fs::write(posts.join("2023-07-01-b.markdown"), markdown).unwrap();
    let html = "---\ntitle: H\ndate: 2023-07-01 08:00:00 +08:00\n---\n<p>一。</p>\n<p>二。</p>\n";
    fs::write(posts.join("2023-07-01-c.html"), html).unwrap();
    fs::write(posts.join("notes.txt"), "not a post").unwrap();
    let output = rfi_parse(&["-f", "jsonl", posts.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let articles: Vec<Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(articles.len(), 3, "{}", stdout(&output));
    for article in &articles {
        assert_eq!(
            article["paragraphs"],
            serde_json::json!(["一。", "二。"]),
            "{article}"
        );
    }
}

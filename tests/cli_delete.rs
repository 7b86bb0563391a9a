//! The binary end to end: `--delete` removes only this tool's unchanged outputs inside
//! the folder, and `--update` compares everything that shapes an output.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{fixture, rfi_parse, rfi_parse_with_stdin, stderr};

/// An archive folder `name` below `parent` with `files` copies of the seed, one in a
/// subfolder.
fn archive(parent: &Path, files: &[&str]) -> PathBuf {
    let root = parent.join("archive");
    let seed = fs::read(fixture("rfi-seed.txt")).unwrap();
    for file in files {
        let path = root.join(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, &seed).unwrap();
    }
    root
}

/// Runs with `--stats --update --out-dir OUT` and `args`; gives status and standard error.
fn run(out: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut all = vec![
        "--stats",
        "--update",
        "-f",
        "md",
        "--out-dir",
        out.to_str().unwrap(),
    ];
    all.extend(args);
    let output = rfi_parse(&all);
    (output.status.code(), stderr(&output))
}

#[test]
fn a_moved_archive_maps_onto_its_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let first = archive(&dir.path().join("a"), &["x.txt", "sub/y.txt"]);
    let (code, report) = run(&out, &[first.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{report}");
    assert!(report.starts_with("rfi-parse: 2 converted"), "{report}");
    fs::create_dir_all(dir.path().join("b")).unwrap();
    let moved = dir.path().join("b/archive");
    fs::rename(&first, &moved).unwrap();
    let (code, report) = run(&out, &["--delete", moved.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{report}");
    assert!(
        report.starts_with("rfi-parse: 0 converted, 0 failed, 2 up to date in"),
        "{report}"
    );
    assert!(out.join("archive/x.md").is_file() && out.join("archive/sub/y.md").is_file());
}

#[cfg(unix)]
#[test]
fn delete_never_goes_through_a_symlinked_subfolder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let root = archive(dir.path(), &["x.txt", "sub/y.txt"]);
    assert_eq!(run(&out, &[root.to_str().unwrap()]).0, Some(0));
    // The output subfolder is replaced by a link to a folder holding the same file.
    let outside = dir.path().join("outside");
    fs::create_dir_all(&outside).unwrap();
    fs::rename(out.join("archive/sub/y.md"), outside.join("y.md")).unwrap();
    fs::remove_dir(out.join("archive/sub")).unwrap();
    std::os::unix::fs::symlink(&outside, out.join("archive/sub")).unwrap();
    fs::remove_file(root.join("sub/y.txt")).unwrap();
    let (code, report) = run(&out, &["--delete", root.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{report}");
    assert!(outside.join("y.md").is_file(), "deleted through the link");
    assert!(
        report.contains("1 outputs of deleted inputs kept"),
        "{report}"
    );
}

#[test]
fn a_tampered_stamp_is_an_error_and_nothing_is_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    // y.txt stays, so that the run has an input and goes as far as deleting.
    let root = archive(dir.path(), &["x.txt", "y.txt"]);
    assert_eq!(run(&out, &[root.to_str().unwrap()]).0, Some(0));
    let victim = dir.path().join("victim.md");
    fs::copy(out.join("archive/x.md"), &victim).unwrap();
    let stamp_path = out.join(".rfi-parse-stamp.md");
    let stamp = fs::read_to_string(&stamp_path).unwrap();
    let hex = |text: &str| -> String { text.bytes().map(|b| format!("{b:02x}")).collect() };
    for outside in ["../victim.md", victim.to_str().unwrap()] {
        let tampered = stamp.replace(&hex("archive/x.md"), &hex(outside));
        assert_ne!(tampered, stamp);
        fs::write(&stamp_path, tampered).unwrap();
        fs::remove_file(root.join("x.txt")).ok();
        let (code, report) = run(&out, &["--delete", root.to_str().unwrap()]);
        assert_eq!(code, Some(2), "{report}");
        assert!(
            report.contains("is not a stamp this tool wrote"),
            "{report}"
        );
        assert!(victim.is_file(), "{outside} was deleted");
    }
}

#[test]
fn delete_keeps_the_users_own_files_and_edited_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let root = archive(dir.path(), &["x.txt", "y.txt", "z.txt"]);
    assert_eq!(run(&out, &[root.to_str().unwrap()]).0, Some(0));
    fs::write(out.join("notes.md"), "mine").unwrap();
    fs::write(out.join("archive/notes.md"), "mine too").unwrap();
    let edited = out.join("archive/y.md");
    let text = fs::read_to_string(&edited).unwrap();
    fs::write(&edited, text + "\nMy note.\n").unwrap();
    for name in ["x.txt", "y.txt"] {
        fs::remove_file(root.join(name)).unwrap();
    }
    let (code, report) = run(&out, &["--delete", root.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{report}");
    assert!(
        report.contains("1 outputs of deleted inputs removed"),
        "{report}"
    );
    assert!(
        report.contains("1 outputs of deleted inputs kept"),
        "{report}"
    );
    assert!(!out.join("archive/x.md").exists());
    assert!(edited.is_file() && out.join("archive/z.md").is_file());
    assert!(out.join("notes.md").is_file() && out.join("archive/notes.md").is_file());
    // The kept one is reported again by the next run.
    let (_, report) = run(&out, &[root.to_str().unwrap()]);
    assert!(report.contains("1 outputs whose input is gone"), "{report}");
}

#[test]
fn update_sees_an_edited_site_zone() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("site/_posts");
    fs::create_dir_all(&posts).unwrap();
    let config = dir.path().join("site/_config.yml");
    fs::write(&config, "timezone: Asia/Tokyo\n").unwrap();
    fs::write(
        posts.join("2023-07-01-a.md"),
        "---\ntitle: T\ndate: 2023-07-01 09:00\n---\n\nx\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let (code, report) = run(&out, &[posts.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{report}");
    let output = out.join("_posts/2023-07-01-a.md");
    assert!(
        fs::read_to_string(&output)
            .unwrap()
            .contains("2023-07-01T00:00:00Z")
    );
    fs::write(&config, "timezone: UTC\n").unwrap();
    let (_, report) = run(&out, &[posts.to_str().unwrap()]);
    assert!(report.starts_with("rfi-parse: 1 converted"), "{report}");
    assert!(
        fs::read_to_string(&output)
            .unwrap()
            .contains("2023-07-01T09:00:00Z")
    );
}

#[test]
fn update_converts_standard_input_without_reading_it_first() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let seed = fs::read(fixture("rfi-seed.txt")).unwrap();
    let args = [
        "--stats",
        "--update",
        "--out-dir",
        out.to_str().unwrap(),
        "-",
    ];
    let output = rfi_parse_with_stdin(&args, &seed);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).starts_with("rfi-parse: 1 converted"));
    assert!(out.join("stdin.json").is_file());
}

#[test]
fn update_rewrites_json_lines_whose_source_moved() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let first = archive(&dir.path().join("a"), &["x.txt"]);
    let jsonl = |root: &Path| {
        let args = ["--stats", "--update", "-f", "jsonl", "--out-dir"];
        let mut args = args.to_vec();
        args.extend([out.to_str().unwrap(), root.to_str().unwrap()]);
        let output = rfi_parse(&args);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        stderr(&output)
    };
    jsonl(&first);
    fs::create_dir_all(dir.path().join("b")).unwrap();
    let moved = dir.path().join("b/archive");
    fs::rename(&first, &moved).unwrap();
    assert!(jsonl(&moved).starts_with("rfi-parse: 1 converted"));
    let line = fs::read_to_string(out.join("archive/x.jsonl")).unwrap();
    let source = moved.join("x.txt");
    assert!(
        line.contains(&format!("\"source\":\"{}\"", source.display())),
        "{line}"
    );
    assert!(jsonl(&moved).starts_with("rfi-parse: 0 converted"));
}

#[test]
fn the_stamp_keeps_outputs_across_runs_with_other_options() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let root = archive(dir.path(), &["x.txt", "y.txt"]);
    let root = root.to_str().unwrap();
    assert_eq!(run(&out, &[root]).0, Some(0));
    let (_, report) = run(&out, &["--tz", "Asia/Tokyo", root]);
    assert!(report.starts_with("rfi-parse: 2 converted"), "{report}");
    fs::remove_file(Path::new(root).join("y.txt")).unwrap();
    for _ in 0..2 {
        let (_, report) = run(&out, &[root]);
        assert!(report.contains("1 outputs whose input is gone"), "{report}");
    }
    let (_, report) = run(&out, &["--delete", root]);
    assert!(
        report.contains("1 outputs of deleted inputs removed"),
        "{report}"
    );
    assert!(!out.join("archive/y.md").exists());
}

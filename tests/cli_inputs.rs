//! The binary end to end: what inputs are taken (folders, patterns, lists, limits, names).

mod common;

use std::fs;
use std::process::Command;

use common::{
    assert_failed, corpus_folder, fixture, rfi_parse, rfi_parse_with_stdin, seed_files,
    source_names, sources, stderr, stdout,
};

use serde_json::Value;

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

/// A Jekyll site's root reads as its posts (issue 29: it gave "no input found"); its
/// built `_site/` is never read, though it holds the same posts.
#[test]
fn a_jekyll_site_root_is_read_as_its_posts() {
    let site = tempfile::tempdir().unwrap();
    let posts = site.path().join("_posts");
    let built = site.path().join("_site/_posts");
    fs::create_dir_all(&posts).unwrap();
    fs::create_dir_all(&built).unwrap();
    fs::write(site.path().join("_config.yml"), "timezone: Asia/Taipei\n").unwrap();
    for entry in fs::read_dir(fixture("posts")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, posts.join(path.file_name().unwrap())).unwrap();
        fs::copy(&path, built.join(path.file_name().unwrap())).unwrap();
    }
    let output = rfi_parse(&["-q", "-f", "jsonl", site.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let lines: Vec<Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), fs::read_dir(&posts).unwrap().count());
    assert!(
        lines.iter().all(
            |article| article["source"].as_str().unwrap().contains("/_posts/")
                && !article["source"].as_str().unwrap().contains("_site")
        ),
        "{lines:?}"
    );
}

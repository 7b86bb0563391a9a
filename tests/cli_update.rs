//! The binary end to end: `--update` and `--dedupe` across runs.

mod common;

use std::fs;
use std::path::Path;

use common::{corpus_folder, files_below, fixture, rfi_parse, source_names, stderr};

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
    // A stamp of the layout before (no layout number) is read as none: all converted again.
    let stamp = out.join(".rfi-parse-stamp.md");
    assert!(
        fs::read_to_string(&stamp)
            .unwrap()
            .starts_with("rfi-parse-stamp 2 ")
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

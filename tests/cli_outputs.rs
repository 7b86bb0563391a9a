//! The binary end to end: where output goes (files, folders, pipes, devices), whole or not at all, and interruptions.

mod common;

use std::fs;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

#[cfg(unix)]
use common::Fifo;
use common::{
    assert_failed, corpus_folder, files_below, files_below_or_none, fixture, rfi_parse, seed_files,
    stderr,
};

use serde_json::Value;

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

#[cfg(target_os = "linux")]
#[test]
fn a_killed_runs_temporary_files_are_removed_next_time() {
    let (dir, root) = corpus_folder(2);
    let out = dir.path().join("out");
    fs::create_dir_all(out.join("in/d0")).unwrap();
    // Left by a killed writer: older than a few seconds, and locked by nobody.
    let stale = out
        .join("in/d0")
        .join(rfi_parse_cli::batch::output::temporary_name("000.json", 0));
    // A user's file of the same shape, which this tool did not name: it stays.
    let users = out.join("in/d0/.000.json.999999999-0.rfi-parse-tmp");
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for file in [&stale, &users] {
        fs::write(file, "half").unwrap();
        fs::File::options()
            .write(true)
            .open(file)
            .unwrap()
            .set_modified(an_hour_ago)
            .unwrap();
    }
    let output = rfi_parse(&["--out-dir", out.to_str().unwrap(), root.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!stale.exists());
    assert!(users.exists(), "the user's file stays");
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

//! Helpers shared by the integration tests: fixtures, running the binary, reading output.
// Each test crate uses its own subset of these.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The path of a file or folder below `fixtures/`.
pub fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
        .display()
        .to_string()
}

/// Runs the binary with `args` and an empty standard input.
pub fn rfi_parse(args: &[&str]) -> Output {
    rfi_parse_with_stdin(args, b"")
}

/// Runs the binary with `args`, writing `stdin` to its standard input.
pub fn rfi_parse_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rfi-parse"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

pub fn stdout(output: &Output) -> String {
    text(&output.stdout)
}

pub fn stderr(output: &Output) -> String {
    text(&output.stderr)
}

/// The `source` of each JSON Lines object on standard output.
pub fn sources(output: &Output) -> Vec<String> {
    stdout(output)
        .lines()
        .map(|line| {
            serde_json::from_str::<Value>(line).unwrap()["source"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

/// Asserts that a run ended with `code` and said `message` on standard error.
pub fn assert_failed(output: &Output, code: i32, message: &str) {
    let errors = stderr(output);
    assert_eq!(output.status.code(), Some(code), "{errors}");
    assert!(errors.contains(message), "{errors}");
}

/// The file name of each JSON Lines object's `source` on standard output.
pub fn source_names(output: &Output) -> Vec<String> {
    sources(output)
        .iter()
        .map(|source| source.rsplit('/').next().unwrap().to_string())
        .collect()
}

/// Every file below `dir`, at any depth, but for the `--out-dir` stamps
/// (`.rfi-parse-stamp.FORMAT`).
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        for entry in std::fs::read_dir(path).unwrap() {
            let path = entry.unwrap().path();
            let stamp = path
                .file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with(".rfi-parse-stamp."));
            if path.is_dir() {
                stack.push(path);
            } else if !stamp {
                files.push(path);
            }
        }
    }
    files
}

pub fn corpus_folder(files: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("in");
    let seed = std::fs::read(fixture("rfi-seed.txt")).unwrap();
    for i in 0..files {
        let sub = root.join(format!("d{}", i % 3)).join(format!("e{}", i % 2));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("{i:03}.txt")), &seed).unwrap();
    }
    std::fs::write(root.join("notes.md"), "not an archive").unwrap();
    (dir, root)
}

pub fn files_below_or_none(dir: &Path) -> usize {
    if dir.exists() {
        files_below(dir).len()
    } else {
        0
    }
}

/// Writes the seed to each of `names` below `dir`.
pub fn seed_files(dir: &Path, names: &[&str]) {
    for name in names {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::copy(fixture("rfi-seed.txt"), path).unwrap();
    }
}

#[cfg(unix)]
pub trait Fifo {
    fn is_fifo_like(&self) -> bool;
}

#[cfg(unix)]
impl Fifo for std::fs::FileType {
    fn is_fifo_like(&self) -> bool {
        std::os::unix::fs::FileTypeExt::is_fifo(self)
    }
}

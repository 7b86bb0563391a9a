//! Corpus benchmark: the scraper floor against `rfi-parse -j 1` and on all cores.
//!
//! `cargo build --release && cargo bench -p rfi-parse-bench --bench corpus` builds a folder of at least 3,000 archive files (copies of
//! `../shared/corpus` when present, else of `fixtures/`), then times, in one run:
//! (a) the floor: read each file, parse its body with scraper, visit every text node once;
//! (b) `rfi-parse -j 1 --format jsonl`; (c) `rfi-parse --format jsonl` on all cores.
//! The three are run in turn `RUNS` times, so that drift in the machine's load touches
//! all alike, and each keeps its best time.
//!
//! `RFI_CORPUS=DIR` takes the `*.txt` files below DIR instead (copied the same way), and
//! with it `RFI_FLOOR_ONLY=1` runs only the floor once over them (for callgrind, and for
//! (a'): the floor in a process of its own, timed like (b)).

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const MIN_FILES: usize = 3_000;
const RUNS: usize = 11;

fn main() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let corpus = manifest.join("../shared/corpus");
    let chosen = std::env::var("RFI_CORPUS").ok();
    let (origin, sources) = match &chosen {
        Some(dir) => (dir.as_str(), txt_files(Path::new(dir))),
        None if corpus.is_dir() => ("../shared/corpus", txt_files(&corpus)),
        None => ("fixtures", txt_files(&manifest.join("fixtures"))),
    };
    if chosen.is_some() && std::env::var_os("RFI_FLOOR_ONLY").is_some() {
        floor(&sources);
        return;
    }
    let work = tempfile::tempdir().expect("temporary folder");
    let files = replicate(&sources, work.path(), MIN_FILES);
    let bytes: u64 = files.iter().map(|f| fs::metadata(f).unwrap().len()).sum();
    println!(
        "corpus: {} files, {:.1} MB, copies of {} files from {origin}",
        files.len(),
        bytes as f64 / 1e6,
        sources.len()
    );

    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let (mut floor_time, mut one, mut all) = (Duration::MAX, Duration::MAX, Duration::MAX);
    let (mut floor_all, mut floor_process) = (Duration::MAX, Duration::MAX);
    for _ in 0..RUNS {
        floor_time = floor_time.min(timed(|| floor(&files)));
        floor_process = floor_process.min(timed(|| run_floor_process(work.path())));
        floor_all = floor_all.min(timed(|| floor_parallel(&files, cores)));
        one = one.min(timed(|| run_binary(work.path(), Some(1))));
        all = all.min(timed(|| run_binary(work.path(), None)));
    }
    let floor = floor_time;
    let per_file = |d: Duration| d.as_secs_f64() * 1e6 / files.len() as f64;
    println!("{:<38} {:>9} {:>12}", "run", "seconds", "µs per file");
    println!(
        "{:<38} {:>9.3} {:>12.1}",
        "(a) floor: scraper parse + text visit",
        floor.as_secs_f64(),
        per_file(floor)
    );
    println!(
        "{:<38} {:>9.3} {:>12.1}",
        "(a') the floor in a process of its own",
        floor_process.as_secs_f64(),
        per_file(floor_process)
    );
    println!(
        "{:<38} {:>9.3} {:>12.1}",
        "(b) rfi-parse -j 1 --format jsonl",
        one.as_secs_f64(),
        per_file(one)
    );
    println!(
        "{:<38} {:>9.3} {:>12.1}",
        format!("(c) rfi-parse -j {cores} --format jsonl"),
        all.as_secs_f64(),
        per_file(all)
    );
    println!(
        "b/a = {:.2} (target <= 1.30)",
        one.as_secs_f64() / floor.as_secs_f64()
    );
    println!(
        "b/a' = {:.2} (both as processes: start-up, a cold heap and listing the files on both sides)",
        one.as_secs_f64() / floor_process.as_secs_f64()
    );
    let ours = one.as_secs_f64() / all.as_secs_f64();
    let floors = floor.as_secs_f64() / floor_all.as_secs_f64();
    println!("b/c = {ours:.2} (speed-up on {cores} cores; target >= 1.6 on 2)");
    println!(
        "floor on {cores} threads: {:.3} s, speed-up {floors:.2}; ours / floor's = {:.2} (target >= 0.90)",
        floor_all.as_secs_f64(),
        ours / floors
    );
}

/// The floor on `threads` threads, the files split into as many interleaved shares.
fn floor_parallel(files: &[PathBuf], threads: usize) {
    std::thread::scope(|scope| {
        for share in 0..threads {
            let mine: Vec<PathBuf> = files.iter().skip(share).step_by(threads).cloned().collect();
            scope.spawn(move || floor(&mine));
        }
    });
}

fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "txt")
                && !path.to_string_lossy().contains("errors")
            {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Copies `sources` round after round into `into/rN/` until there are at least `min` files.
fn replicate(sources: &[PathBuf], into: &Path, min: usize) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut round = 0;
    while files.len() < min {
        let folder = into.join(format!("r{round:03}"));
        fs::create_dir_all(&folder).unwrap();
        for (i, source) in sources.iter().enumerate() {
            let target = folder.join(format!("{i:05}.txt"));
            fs::copy(source, &target).unwrap();
            files.push(target);
        }
        round += 1;
    }
    files
}

fn timed(run: impl FnOnce()) -> Duration {
    let started = Instant::now();
    run();
    started.elapsed()
}

/// The least any converter must do: read, parse the HTML body, visit its text once.
fn floor(files: &[PathBuf]) {
    let mut text_bytes = 0usize;
    for file in files {
        let input = fs::read_to_string(file).unwrap();
        let body = input.splitn(4, '\n').nth(3).unwrap_or("");
        let document = scraper::Html::parse_document(body);
        for node in document.tree.root().descendants() {
            if let Some(text) = node.value().as_text() {
                text_bytes += text.len();
            }
        }
    }
    black_box(text_bytes);
}

/// The release binary beside this benchmark's own executable (`target/release/deps/…`);
/// the binary lives in another package, so `cargo build --release` must have built it.
/// The floor run by this bench's own executable in a fresh process (`RFI_FLOOR_ONLY`),
/// as (b) runs: what an in-process loop saves (start-up, a heap already grown, caches
/// already warm) shows as the difference between (a) and (a').
fn run_floor_process(folder: &Path) {
    let status = Command::new(std::env::current_exe().expect("the bench's own path"))
        .env("RFI_CORPUS", folder)
        .env("RFI_FLOOR_ONLY", "1")
        .stdout(Stdio::null())
        .status()
        .expect("the floor runs");
    assert!(status.success());
}

fn binary() -> PathBuf {
    let exe = std::env::current_exe().expect("the bench's own path");
    let release = exe.parent().and_then(Path::parent).expect("target/release");
    let binary = release.join("rfi-parse");
    assert!(
        binary.exists(),
        "{} is missing: run `cargo build --release` first",
        binary.display()
    );
    binary
}

fn run_binary(folder: &Path, threads: Option<usize>) {
    let mut command = Command::new(binary());
    command.args(["--quiet", "--format", "jsonl"]);
    if let Some(threads) = threads {
        command.args(["-j", &threads.to_string()]);
    }
    let status = command
        .arg(folder)
        .stdout(Stdio::null())
        .status()
        .expect("rfi-parse runs");
    assert!(status.success());
}

//! Accuracy on the shared real corpus, scored by its `compare.py`; ignored unless asked for.

use std::path::Path;
use std::process::Command;

/// Runs the binary over one corpus set and returns compare.py's "fully correct" percentage.
fn fully_correct(corpus: &Path, set: &str) -> f64 {
    let mut files: Vec<String> = std::fs::read_dir(corpus.join(set))
        .unwrap()
        .map(|e| format!("{set}/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|name| name.ends_with(".txt"))
        .collect();
    files.sort();
    let output = Command::new(env!("CARGO_BIN_EXE_rfi-parse"))
        .current_dir(corpus)
        .args(["--quiet", "--format", "jsonl"])
        .args(&files)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let actual = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(actual.path(), &output.stdout).unwrap();
    let report = Command::new("python3")
        .current_dir(corpus)
        .arg("../tools/compare.py")
        .arg(format!("{set}.expected.jsonl"))
        .arg(actual.path())
        .output()
        .unwrap();
    let report = String::from_utf8(report.stdout).unwrap();
    eprintln!("{set}:\n{report}");
    let last = report.lines().last().unwrap_or_default();
    let percent = last.rsplit('(').next().and_then(|p| p.strip_suffix("%)"));
    percent
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("unexpected report: {last}"))
}

#[test]
#[ignore = "needs ../shared/corpus and python3; .ci/run runs it where present"]
fn rfi_sets_are_at_least_99_percent_fully_correct() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    assert!(
        corpus.join("rfi-2023-07.expected.jsonl").exists(),
        "../shared/corpus is needed for this test"
    );
    for set in ["rfi-2023-07", "rfi-2021-01"] {
        let percent = fully_correct(&corpus, set);
        assert!(percent >= 99.0, "{set}: {percent}% fully correct");
    }
}

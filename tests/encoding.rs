//! Non-UTF-8 archives: detected, or named with `--encoding`, and reported by `check`.

mod common;

use serde_json::Value;

use common::{fixture, rfi_parse};

fn article(args: &[&str]) -> Value {
    let output = rfi_parse(args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn a_gb18030_copy_of_the_seed_is_the_same_article() {
    let seed = article(&[&fixture("rfi-seed.txt")]);
    let gb18030 = article(&[&fixture("encodings/rfi-seed.gb18030.txt")]);
    assert_eq!(gb18030, seed);
    let forced = article(&[
        "--encoding",
        "gb18030",
        &fixture("encodings/rfi-seed.gb18030.txt"),
    ]);
    assert_eq!(forced, seed);
}

#[test]
fn a_big5_file_is_detected() {
    let traditional = "<!--1609505709000-->\n[蔡英文新年談話：台灣願與對岸共同促成有意義對話]()\n------\n\n\
        <div>01/01/2021 - 13:27</div><p><strong>台灣總統蔡英文今天發表新年談話指出，只要北京當局有心化解對立，改善兩岸關係。</strong></p>\
        <div><p>她說，特別是過去一年，對岸的軍機、軍艦在台灣周遭頻繁活動，不僅衝擊兩岸關係。</p></div>";
    let dir = tempfile::tempdir().unwrap();
    let (utf8, big5) = (dir.path().join("utf8.txt"), dir.path().join("big5.txt"));
    std::fs::write(&utf8, traditional).unwrap();
    std::fs::write(&big5, encoding_rs::BIG5.encode(traditional).0).unwrap();
    assert_eq!(
        article(&[big5.to_str().unwrap()]),
        article(&[utf8.to_str().unwrap()])
    );
}

#[test]
fn check_reports_the_encoding_it_read() {
    let output = rfi_parse(&["check", "-q", "--format", "json", &fixture("encodings")]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["files"][0]["encoding"], "gb18030");
    assert_eq!(report["summary"]["encodings"]["gb18030"], 1);
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn stray_bytes_stay_an_error_and_an_unknown_label_is_a_usage_error() {
    let output = rfi_parse(&[&fixture("errors/invalid-utf8.txt")]);
    assert_eq!(output.status.code(), Some(1));
    let output = rfi_parse(&[
        "--encoding",
        "windows-1252",
        &fixture("errors/invalid-utf8.txt"),
    ]);
    assert_eq!(output.status.code(), Some(0), "a named encoding is trusted");
    let output = rfi_parse(&["--encoding", "klingon", "x"]);
    assert_eq!(output.status.code(), Some(2));
}

//! Conversion is never silently lossy: an input converted with text left out by a rule
//! is reported on standard error and counted, and still converts (exit 0).

mod common;

use common::{rfi_parse, stderr};

/// An RFI article whose layout `<div>` holds a long sentence straight inside it, which
/// RFI's profile reads as player furniture.
const LOSSY: &str = "<!--1686586501000-->\n[标题](https://www.rfi.fr/cn/x)\n------\n\n\
    <div>12/06/2023 - 17:21</div><p><strong>导语。</strong></p><div>\
    这是一句直接写在布局容器里的很长的句子，它读起来完全像文章的正文，却被规则略去了。<p>正文。</p></div>";

#[test]
fn text_left_out_is_a_warning_on_standard_error_and_in_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let lossy = dir.path().join("lossy.txt");
    std::fs::write(&lossy, LOSSY).unwrap();
    let path = lossy.to_str().unwrap();

    let output = rfi_parse(&["--stats", "-f", "jsonl", path]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.contains(&format!(
            "{path}: warning: 1 passage(s) that read like article text"
        )),
        "{err}"
    );
    assert!(
        err.contains("1 converted (1 with text left out), 0 failed"),
        "{err}"
    );

    let output = rfi_parse(&["--stats", "--error-format", "json", "-f", "jsonl", path]);
    let lines: Vec<serde_json::Value> = stderr(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("JSON"))
        .collect();
    assert_eq!(lines[0]["kind"], "warning");
    assert_eq!(lines[1]["converted_with_text_left_out"], 1);

    let output = rfi_parse(&["-q", "-f", "jsonl", path]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stderr(&output), "", "--quiet silences the warning");
}

#[test]
fn an_article_that_keeps_its_text_gives_no_warning() {
    let output = rfi_parse(&["--stats", "-f", "jsonl", &common::fixture("rfi-seed.txt")]);
    let err = stderr(&output);
    assert!(!err.contains("warning"), "{err}");
    assert!(err.contains("1 converted, 0 failed"), "{err}");
}

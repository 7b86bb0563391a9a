//! `rfi-parse explain`, run as a user would: every block with its destination and rule.

mod common;

use serde_json::Value;

use common::{assert_failed, fixture, rfi_parse, rfi_parse_with_stdin, stdout};

#[test]
fn json_lines_give_each_paragraph_with_its_rule_after_the_profile_choice() {
    let output = rfi_parse(&["explain", "--format", "json", &fixture("source-cna.txt")]);
    assert!(output.status.success());
    let lines: Vec<Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines[0]["to"], "profile");
    assert_eq!(lines[0]["text"], "cna");
    assert_eq!(lines[0]["rule"], "host");
    assert_eq!(lines[0]["evidence"], "host cna.com.tw");
    for line in &lines {
        for key in ["text", "to", "rule"] {
            assert!(line[key].is_string(), "{line} lacks {key}");
        }
    }
    // The paragraphs are the converted article's, in order.
    let converted: Value =
        serde_json::from_str(&stdout(&rfi_parse(&[&fixture("source-cna.txt")]))).unwrap();
    let paragraphs: Vec<&Value> = lines
        .iter()
        .filter(|l| l["to"] == "paragraph")
        .map(|l| &l["text"])
        .collect();
    let expected: Vec<&Value> = converted["paragraphs"].as_array().unwrap().iter().collect();
    assert_eq!(paragraphs, expected);
    // The furniture the profile names is there with its rule.
    assert!(
        lines
            .iter()
            .any(|l| l["to"] == "furniture" && l["rule"] == "profile-drop")
    );
}

#[test]
fn the_human_report_names_the_profile_and_each_decision() {
    let input = "<!--0-->\n[T]()\n------\n\n<p>第一段正文，足夠長的一句話。</p><p>©版权所有</p>";
    let output = rfi_parse_with_stdin(&["explain", "--profile", "rfi", "-"], input.as_bytes());
    assert!(output.status.success());
    let report = stdout(&output);
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines[0], "profile rfi (--profile rfi)");
    assert!(lines[1].starts_with("paragraph") && lines[1].contains("block:paragraph"));
    assert!(lines[2].starts_with("copyright") && lines[2].contains("block:copyright"));
}

#[test]
fn the_rules_are_listed_stage_by_stage() {
    let output = rfi_parse(&["explain", "--list-rules"]);
    assert!(output.status.success());
    let report = stdout(&output);
    let stages: Vec<&str> = report
        .lines()
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    let mut order = stages.clone();
    order.dedup();
    assert_eq!(order, ["header", "element", "block", "finish"]);
    assert!(report.lines().any(|l| l.contains(" paragraph ")));
}

#[test]
fn a_bad_file_is_reported_with_its_line() {
    let output = rfi_parse(&["explain", &fixture("errors/missing-link.txt")]);
    assert_failed(&output, 1, "missing-link.txt:2: missing link line");
}

#[test]
fn markup_read_as_flat_text_is_said_first() {
    let body = "<h1><div>第一句话。".to_string() + &"<h1><div>x".repeat(40_000);
    let input = format!("<!--0-->\n[T]()\n------\n\n{body}<p>最后一句话。</p>");
    let output = rfi_parse_with_stdin(&["explain", "-"], input.as_bytes());
    assert!(output.status.success());
    let report = stdout(&output);
    assert!(
        report
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("markup simplified")
    );
    assert!(report.contains("最后一句话。"));
}

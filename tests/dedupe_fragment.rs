//! One article listed under URLs that differ only by their fragment (`…/simp#0`,
//! `…/simp#3`) is one article to `--dedupe url` and to `check`'s duplicate rule.

mod common;

use common::{rfi_parse, stderr, stdout};

#[test]
fn urls_that_differ_only_by_fragment_are_one_article() {
    let dir = tempfile::tempdir().unwrap();
    for (name, timestamp, fragment) in [("a.txt", 1, "#0"), ("b.txt", 2, "#3"), ("c.txt", 3, "")] {
        let article = format!(
            "<!--{timestamp}-->\n[T](https://www.bbc.com/zhongwen/simp/world-1{fragment})\n------\n\n<p>x {name}</p>"
        );
        std::fs::write(dir.path().join(name), article).unwrap();
    }
    let other = "<!--4-->\n[T](https://www.bbc.com/zhongwen/simp/world-2#0)\n------\n\n<p>y</p>";
    std::fs::write(dir.path().join("d.txt"), other).unwrap();
    let folder = dir.path().to_str().unwrap();

    let output = rfi_parse(&["--stats", "-f", "jsonl", "--dedupe", "url", folder]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let kept: Vec<&str> = stdout(&output)
        .lines()
        .map(|line| {
            if line.contains("x c.txt") {
                "c"
            } else if line.contains("\"y\"") {
                "d"
            } else {
                "other"
            }
        })
        .collect();
    assert_eq!(
        kept,
        ["c", "d"],
        "the latest of the three, and the other article"
    );
    assert!(
        stderr(&output).contains("2 duplicates left out"),
        "{}",
        stderr(&output)
    );

    let output = rfi_parse(&["check", "--per-file", folder]);
    let report = stdout(&output) + &stderr(&output);
    assert_eq!(report.matches("note[duplicate-url]").count(), 2, "{report}");
}

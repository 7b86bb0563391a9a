//! Markup whose tree building costs more than linear time or memory is bounded before
//! parsing: each construction of the hostile-input table converts, keeps its text, and
//! yields output proportional to its size. (Timings: `cargo bench -p rfi-parse-bench
//! --bench hostile`.)

use rfi_parse::Format;

const HEADER: &str = "<!--1686586501000-->\n[t](https://www.rfi.fr/cn/x)\n------\n\n";

/// The constructions, each about as large as the table in the README gives.
pub fn constructions() -> Vec<(&'static str, String)> {
    let numbered =
        |tag: &str, n: usize| -> String { (0..n).map(|i| format!("<{tag} x={i}>")).collect() };
    // `quotes` open `<q>`s, a paragraph of 200 formatting elements, 2,000 short paragraphs.
    let quotes_then_formatting = |quotes: usize| {
        "<q>".repeat(quotes) + "<p>" + &numbered("b", 200) + "</p>" + &"<p>x</p>".repeat(2_000)
    };
    vec![
        (
            "40,000 nested <div>",
            "<div>".repeat(40_000) + "<p>deep</p>",
        ),
        ("40,000 distinct <b>", numbered("b", 40_000) + "<p>text</p>"),
        (
            "<q> x100,000, <p>, 200 <b>, </p>, <p>x</p> x2,000",
            quotes_then_formatting(100_000),
        ),
        ("the same at 1 MiB", quotes_then_formatting(330_000)),
        (
            "1,000 <b> reconstructed into 4,000 <div>",
            "<div>".to_string() + &numbered("b", 1_000) + "</div>" + &"<div>x</div>".repeat(4_000),
        ),
        (
            "<b> with 20,000 attributes, 100,000 <p>",
            "<p><b ".to_string()
                + &(0..20_000).map(|i| format!("a{i} ")).collect::<String>()
                + "></p>"
                + &"<p>x</p>".repeat(100_000),
        ),
        (
            "100,000-character figcaption, 5,000 <img>",
            "<figure><figcaption>".to_string()
                + &"x".repeat(100_000)
                + "</figcaption>"
                + &"<img src=https://a.example/i.jpg>".repeat(5_000)
                + "</figure>",
        ),
    ]
}

#[test]
fn every_expensive_construction_converts_with_bounded_output() {
    for (name, body) in constructions() {
        let input = format!("{HEADER}{body}");
        let article = rfi_parse::parse(&input).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut json = Vec::new();
        Format::Json.render(&article, &mut json);
        assert!(
            json.len() <= 4 * input.len() + 4096,
            "{name}: {} bytes of JSON from {} bytes",
            json.len(),
            input.len()
        );
    }
}

#[test]
fn text_deep_in_bounded_markup_is_kept() {
    let deep = format!("{HEADER}{}<p>deep</p>", "<div>".repeat(40_000));
    assert_eq!(rfi_parse::parse(&deep).unwrap().paragraphs, ["deep"]);
    let bold: String = (0..40_000).map(|i| format!("<b x={i}>")).collect();
    let article = rfi_parse::parse(&format!("{HEADER}<div><p>{bold}text</p></div>")).unwrap();
    assert_eq!(article.paragraphs, ["text"]);
}

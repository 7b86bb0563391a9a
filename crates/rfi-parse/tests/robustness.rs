//! No input may panic the parser or a writer: property tests and extreme documents.

use proptest::prelude::*;
use rfi_parse::Format;
use rfi_parse::{Article, Block, ParseOptions, TextBlock, parse};

const SEED: &[u8] = include_bytes!("../../../fixtures/rfi-seed.txt");
const HEADER: &str = "<!--1686586501000-->\n[t](https://x.example/%E4)\n------\n\n";

fn render_all(article: &Article) {
    for format in [
        Format::Json,
        Format::JsonLines,
        Format::Markdown,
        Format::Text,
    ] {
        let mut out = Vec::new();
        format.render(article, None, &mut out);
        assert!(
            out.ends_with(b"\n"),
            "{format:?} ends its document with a newline"
        );
    }
}

/// An edit to the seed: cut a range, insert bytes, or repeat a range.
#[derive(Debug, Clone)]
enum Edit {
    Cut(usize, usize),
    Insert(usize, Vec<u8>),
    Repeat(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = 0..SEED.len();
    prop_oneof![
        (at.clone(), 0..400usize).prop_map(|(at, len)| Edit::Cut(at, len)),
        (at.clone(), prop::collection::vec(any::<u8>(), 0..40))
            .prop_map(|(at, bytes)| Edit::Insert(at, bytes)),
        (
            at.clone(),
            prop::sample::select(vec![
                b"<div>".to_vec(),
                b"</p>".to_vec(),
                b"<figure><picture>".to_vec(),
                b"<br>".to_vec(),
                b"<a href=\"".to_vec(),
                b"<imgsrc=".to_vec(),
                b"\r\n".to_vec(),
                b"<!--".to_vec(),
                b"\xff".to_vec()
            ])
        )
            .prop_map(|(at, bytes)| Edit::Insert(at, bytes)),
        (at, 0..300usize).prop_map(|(at, len)| Edit::Repeat(at, len)),
    ]
}

fn apply(edits: &[Edit]) -> Vec<u8> {
    let mut bytes = SEED.to_vec();
    for edit in edits {
        let len = bytes.len();
        match edit {
            Edit::Cut(at, n) => {
                let at = (*at).min(len);
                bytes.drain(at..(at + n).min(len));
            }
            Edit::Insert(at, new) => {
                let at = (*at).min(len);
                bytes.splice(at..at, new.iter().copied());
            }
            Edit::Repeat(at, n) => {
                let at = (*at).min(len);
                let copy = bytes[at..(at + n).min(len)].to_vec();
                bytes.splice(at..at, copy);
            }
        }
    }
    bytes
}

/// Text rich in what JSON escapes (quotes, backslashes, C0 controls, DEL) among any
/// characters, at every offset from an eight-byte boundary.
fn json_text() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        '"', '\\', '\n', '\t', '\r', '\u{8}', '\u{c}', '\u{0}', '\u{1f}', '\u{7f}', '/',
    ]);
    prop::collection::vec(prop_oneof![any::<char>(), special], 0..40)
        .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn json_strings_are_written_as_serde_json_writes_them(
        texts in prop::collection::vec(json_text(), 1..4),
        title in json_text(),
    ) {
        let mut article = parse(&format!("{HEADER}<p>x</p>"), &ParseOptions::default()).unwrap();
        article.title = title;
        article.blocks = texts.into_iter().map(|text| Block::Paragraph(TextBlock::new(text))).collect();
        let (mut line, mut pretty) = (Vec::new(), Vec::new());
        Format::JsonLines.render(&article, None, &mut line);
        Format::Json.render(&article, None, &mut pretty);
        prop_assert_eq!(line, (serde_json::to_string(&article).unwrap() + "\n").into_bytes());
        prop_assert_eq!(
            pretty,
            (serde_json::to_string_pretty(&article).unwrap() + "\n").into_bytes()
        );
    }

    #[test]
    fn arbitrary_strings_never_panic(input in any::<String>()) {
        if let Ok(article) = parse(&input, &ParseOptions::default()) {
            render_all(&article);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(input in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = parse(&input, &ParseOptions::default());
    }

    #[test]
    fn any_body_after_a_good_header_parses(body in ".{0,2000}") {
        let article = parse(&format!("{HEADER}{body}"), &ParseOptions::default()).expect("a good header always parses");
        render_all(&article);
    }

    #[test]
    fn html_shaped_bodies_parse(body in prop::collection::vec(prop::sample::select(vec![
        "<div>", "</div>", "<p>", "</p>", "<span>", "</span>", "<strong>", "</strong>", "<br>",
        "<figure>", "</figure>", "<figcaption>", "</figcaption>", "<picture>", "<img src=\"a\">",
        "<imgsrc=\"data:x\" srcset=\"https://i/1.jpg\">", "<iframe src=\"https://y/e\">", "</iframe>",
        "<a href=\"https://www.facebook.com/dialog/share?href=x\">", "<a href=\"javascript:x\">", "</a>",
        "<li>", "<ul>", "</ul>", "<table>", "<td>", "<script>", "</script>", "<noscript>", "</noscript>",
        "text", " ", "\u{3000}", "©", "12/06/2023 - 17:21", "<h2>", "</h2>", "<!--", "-->", "&amp;", "&",
    ]), 0..200)) {
        let article = parse(&format!("{HEADER}{}", body.concat()), &ParseOptions::default()).expect("a good header always parses");
        render_all(&article);
    }

    #[test]
    fn mutations_of_the_seed_never_panic(edits in prop::collection::vec(edit(), 1..6)) {
        if let Ok(article) = parse(&apply(&edits), &ParseOptions::default()) {
            render_all(&article);
        }
    }
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let depth = 50_000;
    let body = format!(
        "{}<p>deep</p>{}",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    // A small stack, as a worker thread might have, to show the walk is not recursive.
    let handle = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || {
            parse(&format!("{HEADER}{body}"), &ParseOptions::default())
                .map(|a| a.paragraphs().map(String::from).collect::<Vec<_>>())
        })
        .unwrap();
    let paragraphs = handle.join().expect("no stack overflow").unwrap();
    assert_eq!(paragraphs, ["deep"]);
}

#[test]
fn a_large_file_converts() {
    let paragraph = "<p>这是一个很长的段落，用来测试大文件。Some English words too.</p>";
    // 5 MB keeps the debug test quick; the README times a 20 MB file in release.
    let body = format!("<div>{}</div>", paragraph.repeat(60_000));
    assert!(body.len() > 5_000_000);
    let article = parse(&format!("{HEADER}{body}"), &ParseOptions::default()).unwrap();
    assert_eq!(article.paragraphs().count(), 60_000);
}

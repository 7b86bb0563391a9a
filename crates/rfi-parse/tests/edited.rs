//! An `Article` a caller edited (its fields are public) renders in every format, whatever
//! the edit, and its JSON and Markdown show the same text: both are written from `blocks`,
//! which own the text, the pictures and the players, so no edit can make them disagree.

use std::path::Path;

use rfi_parse::{Article, Block, Format, Link, TextBlock};

fn fixture(name: &str) -> Article {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(name);
    rfi_parse::parse(&std::fs::read(path).unwrap(), &Default::default()).unwrap()
}

/// One way a caller may change an article.
type Edit = dyn Fn(&mut Article);

const FORMATS: [Format; 4] = [
    Format::Json,
    Format::JsonLines,
    Format::Markdown,
    Format::Text,
];

fn render(article: &Article, format: Format) -> String {
    let mut out = Vec::new();
    format.render(article, None, &mut out);
    String::from_utf8(out).expect("UTF-8 output")
}

/// JSON's `paragraphs`, read back.
fn json_paragraphs(article: &Article) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_str(&render(article, Format::Json)).unwrap();
    serde_json::from_value(json["paragraphs"].clone()).unwrap()
}

/// The letters and digits of a text, which Markdown's escaping leaves as they are.
fn visible(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}

fn is_text(block: &Block) -> bool {
    matches!(block, Block::Paragraph(_) | Block::Heading(_))
}

#[test]
fn every_format_renders_after_every_kind_of_edit() {
    // Between them: paragraphs with links, inline images, an embed.
    for name in [
        "rfi-seed.txt",
        "rfi-figure-glued.txt",
        "rfi-video-embed.txt",
    ] {
        edited_renders(name);
    }
}

fn edited_renders(fixture_name: &str) {
    let original = fixture(fixture_name);
    assert!(original.blocks.len() > 2, "{fixture_name}");
    let edits: Vec<(&str, Box<Edit>)> = vec![
        (
            "paragraphs removed",
            Box::new(|a| a.blocks.retain(|block| !is_text(block))),
        ),
        (
            "images removed",
            Box::new(|a| a.blocks.retain(|b| !matches!(b, Block::Image(_)))),
        ),
        (
            "embeds removed",
            Box::new(|a| a.blocks.retain(|b| !matches!(b, Block::Embed(_)))),
        ),
        ("blocks cleared", Box::new(|a| a.blocks.clear())),
        (
            "everything cleared",
            Box::new(|a| {
                a.blocks.clear();
                a.lead = None;
                a.lead_image = None;
            }),
        ),
        ("first block only", Box::new(|a| a.blocks.truncate(1))),
        (
            "paragraph texts shortened (their links with them)",
            Box::new(|a| {
                for block in &mut a.blocks {
                    if let Block::Paragraph(text) | Block::Heading(text) = block {
                        let short: String = text.text().chars().take(2).collect();
                        text.set_text(short);
                    }
                }
            }),
        ),
        (
            "a block repeated",
            Box::new(|a| {
                let first = a.blocks[0].clone();
                a.blocks.push(first);
            }),
        ),
        ("blocks reversed", Box::new(|a| a.blocks.reverse())),
        (
            "a paragraph added",
            Box::new(|a| a.blocks.push(Block::Paragraph(TextBlock::new("新段落")))),
        ),
    ];
    for (name, edit) in edits {
        let mut article = original.clone();
        edit(&mut article);
        let outputs = std::panic::catch_unwind(|| FORMATS.map(|format| render(&article, format)))
            .unwrap_or_else(|_| panic!("{fixture_name}, {name}: a writer panicked"));
        // JSON's paragraphs are the blocks' text, and the Markdown shows each of them.
        let paragraphs: Vec<&str> = article.paragraphs().collect();
        assert_eq!(
            json_paragraphs(&article),
            paragraphs,
            "{fixture_name}, {name}"
        );
        let shown = visible(&outputs[2]);
        for paragraph in paragraphs {
            let start: String = visible(paragraph).chars().take(4).collect();
            assert!(
                shown.contains(&start),
                "{fixture_name}, {name}: {start:?} missing from the Markdown"
            );
        }
    }
    // Unedited, the blocks are followed (pictures and links in place), as the goldens
    // show.
    let markdown = render(&original, Format::Markdown);
    assert!(
        markdown.contains("]("),
        "{fixture_name}: links from the blocks"
    );
}

/// The disagreement the model had (a paragraph edited in JSON's array but not in the
/// blocks the Markdown was written from) cannot be expressed: there is one text to edit.
#[test]
fn an_edited_paragraph_changes_json_and_markdown_alike() {
    let mut article = fixture("rfi-seed.txt");
    let old = article.paragraphs().next().unwrap().to_string();
    let Some(Block::Paragraph(first)) = article
        .blocks
        .iter_mut()
        .find(|block| matches!(block, Block::Paragraph(_)))
    else {
        panic!("rfi-seed.txt has a paragraph");
    };
    first.set_text("改写的第一段");
    let paragraphs = json_paragraphs(&article);
    assert_eq!(paragraphs[0], "改写的第一段");
    assert!(!paragraphs.contains(&old));
    let markdown = render(&article, Format::Markdown);
    assert!(markdown.contains("\n改写的第一段\n"), "{markdown}");
    assert!(!visible(&markdown).contains(&visible(&old)), "{markdown}");

    // A paragraph removed leaves both.
    article.blocks.retain(|block| match block {
        Block::Paragraph(text) => text.text() != "改写的第一段",
        _ => true,
    });
    assert!(!json_paragraphs(&article).contains(&"改写的第一段".to_string()));
    assert!(!render(&article, Format::Markdown).contains("改写的第一段"));
}

/// An edit to one paragraph changes that paragraph's Markdown only. (Before the blocks
/// owned the text, a paragraph edited under its links no longer matched its block, and the
/// Markdown of the whole article fell back to paragraphs, then pictures, without links.)
#[test]
fn an_edit_to_one_paragraph_changes_only_its_markdown() {
    let mut article = fixture("rfi-figure-glued.txt");
    let before = render(&article, Format::Markdown);
    let Some(Block::Paragraph(linked)) = article
        .blocks
        .iter_mut()
        .find(|block| matches!(block, Block::Paragraph(text) if !text.links().is_empty()))
    else {
        panic!("rfi-figure-glued.txt has a paragraph with a link");
    };
    linked.set_text("改写");
    let after = render(&article, Format::Markdown);
    assert_eq!(before.lines().count(), after.lines().count(), "{after}");
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(before, after)| before != after)
        .collect();
    assert_eq!(
        changed,
        [("链接：[法广报道](https://www.rfi.fr/cn/x)。", "改写")]
    );
}

#[test]
fn links_are_kept_only_inside_their_text() {
    let link = |start, end| Link::new(start, end, "https://example.org/");
    // Out of the text, off a character boundary (中 is three bytes), backwards, or
    // overlapping the link before: no text block.
    for links in [
        vec![link(0, 10)],
        vec![link(1, 3)],
        vec![link(3, 0)],
        vec![link(0, 6), link(3, 9)],
    ] {
        assert_eq!(
            TextBlock::with_links("中文字", links.clone()),
            None,
            "{links:?}"
        );
    }
    let text = TextBlock::with_links("中文字", vec![link(3, 6)]).unwrap();
    assert_eq!((text.text(), text.links().len()), ("中文字", 1));
    let mut article = fixture("rfi-seed.txt");
    article.blocks = vec![Block::Paragraph(text.clone())];
    assert!(render(&article, Format::Markdown).contains("\n中[文](https://example.org/)字\n"));
    // New text drops the links, which were ranges of the old.
    let mut text = text;
    text.set_text("x");
    assert!(text.links().is_empty());
}

#[test]
fn the_fixtures_hold_what_the_edits_need() {
    assert!(fixture("rfi-figure-glued.txt").images().next().is_some());
    assert!(fixture("rfi-video-embed.txt").embeds().next().is_some());
}

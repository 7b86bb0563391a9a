//! An `Article` a caller edited (its fields are public) renders in every format, whatever
//! the edit: no writer indexes past what the article holds.

use std::path::Path;

use rfi_parse::{Article, Block, Format};

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

fn render_all(article: &Article) -> Vec<String> {
    FORMATS
        .iter()
        .map(|format| {
            let mut out = Vec::new();
            format.render(article, None, &mut out);
            String::from_utf8(out).expect("UTF-8 output")
        })
        .collect()
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
        ("paragraphs cleared", Box::new(|a| a.paragraphs.clear())),
        ("images cleared", Box::new(|a| a.images.clear())),
        ("embeds cleared", Box::new(|a| a.embeds.clear())),
        ("blocks cleared", Box::new(|a| a.blocks.clear())),
        (
            "everything cleared",
            Box::new(|a| {
                a.paragraphs.clear();
                a.images.clear();
                a.embeds.clear();
                a.blocks.clear();
                a.lead = None;
                a.lead_image = None;
            }),
        ),
        (
            "paragraphs truncated",
            Box::new(|a| a.paragraphs.truncate(1)),
        ),
        (
            "paragraph texts shortened under their links",
            Box::new(|a| {
                for paragraph in &mut a.paragraphs {
                    *paragraph = paragraph.chars().take(2).collect();
                }
            }),
        ),
        (
            "a block past the end",
            Box::new(|a| {
                a.blocks.push(Block::Image(999));
                a.blocks.push(Block::Embed(7));
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
            "a paragraph added without a block",
            Box::new(|a| a.paragraphs.push("新段落".into())),
        ),
    ];
    for (name, edit) in edits {
        let mut article = original.clone();
        edit(&mut article);
        let outputs = std::panic::catch_unwind(|| render_all(&article))
            .unwrap_or_else(|_| panic!("{fixture_name}, {name}: a writer panicked"));
        let markdown = &outputs[2];
        // What the article holds after the edit is what the Markdown shows.
        for paragraph in &article.paragraphs {
            let visible: String = paragraph
                .chars()
                .filter(|c| c.is_alphanumeric())
                .take(4)
                .collect();
            let shown: String = markdown.chars().filter(|c| c.is_alphanumeric()).collect();
            assert!(
                shown.contains(&visible),
                "{fixture_name}, {name}: {visible:?} missing from the Markdown"
            );
        }
    }
    // Unedited, the blocks are followed (pictures and links in place), as the goldens
    // show.
    let markdown = &render_all(&original)[2];
    assert!(
        markdown.contains("]("),
        "{fixture_name}: links from the blocks"
    );
}

#[test]
fn the_fixtures_hold_what_the_edits_need() {
    assert!(!fixture("rfi-figure-glued.txt").images.is_empty());
    assert!(!fixture("rfi-video-embed.txt").embeds.is_empty());
}

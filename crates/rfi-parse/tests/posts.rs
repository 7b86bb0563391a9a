//! The upstream post form reads as the archive file it flattens to: one Article.

use std::fs;
use std::path::Path;

fn fixture(name: &str) -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../fixtures")
            .join(name),
    )
    .unwrap()
}

/// A Jekyll post of an archive file: the header as front matter (the date in `zone`), the
/// body one element a line, indented, as the upstream repositories hold it.
fn as_post(archive: &str, title_yaml: &str, link_yaml: &str) -> String {
    let mut lines = archive.splitn(4, '\n');
    let stamp: i64 = lines
        .next()
        .unwrap()
        .trim_start_matches('\u{feff}')
        .trim_start_matches("<!--")
        .trim_end_matches("-->")
        .parse()
        .unwrap();
    let (_, _, _) = (lines.next(), lines.next(), ());
    let body = lines.next().unwrap_or("").trim_start_matches('\n');
    let date = chrono::DateTime::from_timestamp_millis(stamp)
        .unwrap()
        .with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).unwrap())
        .format("%Y-%m-%d %H:%M:%S%.9f %:z");
    let body_lines = body.replace("><", ">\n    <");
    format!(
        "---\nlayout: post\ntitle: {title_yaml}\ndate: {date}\nlink: {link_yaml}\ncategories: rfi\n---\n\n{body_lines}\n"
    )
}

#[test]
fn the_seed_as_a_post_is_the_same_article() {
    let seed = fixture("rfi-seed.txt");
    let link = seed.lines().nth(1).unwrap();
    let url = &link[link.rfind("](").unwrap() + 2..link.len() - 1];
    let post = as_post(
        &seed,
        "应对AI风险 OpenAI执行长指出与中国合作的重要性",
        &format!("|-\n  {url}"),
    );
    assert!(post.lines().count() > 20, "one element a line");
    let from_post = rfi_parse::parse(&post, &rfi_parse::ParseOptions::default()).unwrap();
    let from_archive = rfi_parse::parse(&seed, &rfi_parse::ParseOptions::default()).unwrap();
    assert_eq!(from_post, from_archive);
}

#[test]
fn quoted_titles_block_links_and_multi_line_bodies() {
    let archive = "<!--1688223962000-->\n[特里普被抓包: \"引号\" 与 'apostrophe'](https://www.dw.com/zh/a-1)\n------\n\n\
                   <div>2023-07-01T12:30:02.493Z</div><p>第一段。</p><p>第二段，<a href=\"https://www.dw.com/zh/a-2\">链接</a>。</p>";
    for (title, link) in [
        (
            r#"'特里普被抓包: "引号" 与 ''apostrophe'''"#,
            "https://www.dw.com/zh/a-1",
        ),
        (
            r#""特里普被抓包: \"引号\" 与 'apostrophe'""#,
            "|-\n  https://www.dw.com/zh/a-1",
        ),
    ] {
        let post = as_post(archive, title, link);
        assert_eq!(
            rfi_parse::parse(&post, &rfi_parse::ParseOptions::default()).unwrap(),
            rfi_parse::parse(archive, &rfi_parse::ParseOptions::default()).unwrap(),
            "{post}"
        );
    }
}

#[test]
fn a_post_with_broken_front_matter_names_the_problem_and_line() {
    let error = rfi_parse::parse(
        "---\ntitle: x\ndate: yesterday\n---\n<p>x</p>",
        &rfi_parse::ParseOptions::default(),
    )
    .unwrap_err();
    assert_eq!(error.line(), 3);
    assert!(
        error.to_string().starts_with("invalid timestamp"),
        "{error}"
    );
    let error = rfi_parse::parse(
        "---\ndate: 2023-06-13 00:15:01 +08:00\n---\n",
        &rfi_parse::ParseOptions::default(),
    )
    .unwrap_err();
    assert_eq!(error.to_string(), "front matter has no `title`");
}

#[test]
fn a_markdown_post_reads_as_commonmark() {
    // CRLF line ends, a soft line break, a heading, a list, a quote, an image alone in
    // its paragraph, inline HTML, as RTHK's and Jekyll's Markdown posts have them.
    let post = fixture("posts/2023-07-01-RTHK-markdown.md");
    assert!(post.contains("\r\n"));
    let options = rfi_parse::ParseOptions::new().body_markup(rfi_parse::BodyMarkup::Markdown);
    let (article, diagnostics) = rfi_parse::diagnose(post.as_bytes(), &options).unwrap();
    assert_eq!(article.title, "Markdown 貼文：標題、清單與圖片");
    assert_eq!(article.timestamp.to_rfc3339(), "2023-07-01T23:06:00+00:00");
    assert_eq!(
        article.url.as_deref(),
        Some("https://news.rthk.hk/rthk/ch/component/k2/1700000-20230701.htm")
    );
    assert_eq!(article.site.as_deref(), Some("news.rthk.hk"));
    assert_eq!(article.language.as_deref(), Some("zh-Hant"));
    assert_eq!(article.section, None);
    assert_eq!(diagnostics.extractor.profile, "rthk");
    assert_eq!(
        article.paragraphs().collect::<Vec<_>>(),
        [
            "第一段，有 粗體 和 一個連結。 同一段的第二行。",
            "小標題",
            "清單第一項",
            "清單第二項",
            "引用的一句話。",
            "內嵌 HTML 段落。",
            "最後一段。",
        ]
    );
    assert!(matches!(article.blocks[1], rfi_parse::Block::Heading(_)));
    assert_eq!(article.images().count(), 1);
    assert_eq!(
        article.images().next().unwrap().url,
        "https://img.example.org/photo.jpg"
    );
    assert_eq!(
        article.images().next().unwrap().alt.as_deref(),
        Some("圖片說明")
    );
    // The link stays text, and its address a link of the paragraph.
    let Some(rfi_parse::Block::Paragraph(first)) = article.blocks.first() else {
        panic!("{:?}", article.blocks);
    };
    assert_eq!(first.links()[0].url, "https://example.org/a");

    // Lone CR line ends read the same.
    let cr = post.replace("\r\n", "\r");
    assert_eq!(
        rfi_parse::parse(&cr, &options)
            .unwrap()
            .paragraphs()
            .collect::<Vec<_>>(),
        article.paragraphs().collect::<Vec<_>>()
    );
    // Read as HTML (the default), the same post runs its paragraphs together.
    let as_html = rfi_parse::parse(&post, &rfi_parse::ParseOptions::default()).unwrap();
    assert!(as_html.paragraphs().count() < article.paragraphs().count());
}

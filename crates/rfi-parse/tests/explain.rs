//! `explain` on every fixture: its decisions account for every field the article fills
//! from the body, and for every text the article leaves out.

use std::fs;
use std::path::{Path, PathBuf};

use rfi_parse::{Block, BodyMarkup, Decision, Destination, Explanation, ParseOptions, Stage};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// Every input fixture that parses: the archive files, the encodings and the posts.
fn inputs() -> Vec<(PathBuf, ParseOptions)> {
    let mut inputs = Vec::new();
    for folder in ["", "encodings", "posts"] {
        for entry in fs::read_dir(fixtures().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let options = if name.ends_with(".md") {
                ParseOptions::new().body_markup(BodyMarkup::Markdown)
            } else if name.ends_with(".txt") && !name.contains(".expected.") {
                ParseOptions::new()
            } else {
                continue;
            };
            inputs.push((path, options));
        }
    }
    inputs.sort_by(|a, b| a.0.cmp(&b.0));
    inputs
}

fn texts_to(decisions: &[Decision], to: Destination) -> Vec<&str> {
    decisions
        .iter()
        .filter(|d| d.to == to)
        .map(|d| d.text.as_str())
        .collect()
}

/// What is wrong with one fixture's explanation, if anything.
fn mismatches(name: &str, explanation: &Explanation) -> Vec<String> {
    let (article, decisions) = (&explanation.article, &explanation.decisions);
    let mut wrong = Vec::new();
    let mut expect = |what: &str, ok: bool| {
        if !ok {
            wrong.push(format!("{name}: {what}"));
        }
    };
    // The paragraph decisions are the paragraphs, in order: none missing, none extra.
    expect(
        "the paragraph decisions are not the paragraphs",
        texts_to(decisions, Destination::Paragraph) == article.paragraphs().collect::<Vec<_>>(),
    );
    // Every text the article leaves out that reads like prose was dropped by a named rule.
    for dropped in &explanation.diagnostics.dropped_text {
        expect(
            &format!("left-out text {dropped:?} has no dropped decision"),
            decisions.iter().any(|d| {
                d.to == Destination::Dropped && !d.rule.is_empty() && d.text.contains(dropped)
            }),
        );
    }
    if let Some(lead) = &article.lead {
        expect(
            "the lead has no lead decision",
            texts_to(decisions, Destination::Lead).contains(&lead.as_str()),
        );
    }
    let byline: Vec<&str> = article.byline.iter().flat_map(|b| b.lines()).collect();
    let byline_decisions = texts_to(decisions, Destination::Byline);
    expect(
        &format!("byline {byline:?} against its decisions {byline_decisions:?}"),
        byline.len() == byline_decisions.len()
            && byline
                .iter()
                .all(|line| byline_decisions.iter().any(|d| d.contains(line.trim()))),
    );
    expect(
        "tags",
        texts_to(decisions, Destination::Tag) == article.tags,
    );
    let image_urls: Vec<&str> = article.images().map(|i| i.url.as_str()).collect();
    expect(
        "images",
        texts_to(decisions, Destination::Image)
            .iter()
            .filter(|url| article.lead_image.as_ref().is_none_or(|l| &l.url != *url))
            .copied()
            .collect::<Vec<_>>()
            == image_urls,
    );
    let embed_urls: Vec<&str> = article.embeds().map(|e| e.url.as_str()).collect();
    expect(
        "embeds",
        texts_to(decisions, Destination::Embed) == embed_urls,
    );
    expect(
        "share links",
        texts_to(decisions, Destination::ShareLink).len() == article.share_links.len(),
    );
    if let Some(copyright) = &article.copyright {
        expect(
            "copyright",
            texts_to(decisions, Destination::Copyright).first() == Some(&copyright.as_str()),
        );
    }
    if let Some(image) = &article.lead_image {
        expect(
            "lead image",
            texts_to(decisions, Destination::LeadImage).contains(&image.url.as_str()),
        );
    }
    for image in article.images().chain(&article.lead_image) {
        for (caption, to) in [
            (&image.caption, Destination::Caption),
            (&image.credit, Destination::Credit),
        ] {
            if let Some(caption) = caption {
                expect(
                    &format!("caption or credit {caption:?} has no decision"),
                    decisions.iter().any(|d| {
                        d.to == to && (caption.contains(d.text.trim()) || d.text.contains(caption))
                    }),
                );
            }
        }
    }
    // Every decision names a rule of the stage it ran in.
    let rules = rfi_parse::rules();
    for decision in decisions {
        expect(
            &format!(
                "rule {:?} of {:?} is not listed",
                decision.rule, decision.stage
            ),
            rules
                .iter()
                .any(|r| r.name == decision.rule && r.stage == decision.stage),
        );
    }
    wrong
}

#[test]
fn explain_accounts_for_every_field_and_every_left_out_text_of_every_fixture() {
    let mut wrong = Vec::new();
    let mut explained = 0;
    for (path, options) in inputs() {
        let bytes = fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        let explanation = rfi_parse::explain(&bytes, &options).expect("fixture parses");
        // The explanation's article is the one `parse` gives.
        assert_eq!(
            explanation.article,
            rfi_parse::parse(&bytes, &options).unwrap(),
            "{name}"
        );
        wrong.extend(mismatches(&name, &explanation));
        explained += 1;
    }
    assert!(explained >= 30, "only {explained} fixtures found");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_held_paragraph_is_explained_where_it_went() {
    // The closing `（综合报道）` was held as a paragraph until the end showed it an
    // attribution.
    let input =
        "<!--0-->\n[T](https://www.rfi.fr/cn/x)\n------\n\n<p>正文第一段。</p><p>（综合报道）</p>";
    let explanation = rfi_parse::explain(input, &ParseOptions::new()).unwrap();
    let last = explanation.decisions.last().unwrap();
    assert_eq!(
        (last.text.as_str(), last.to, last.rule, last.stage),
        (
            "（综合报道）",
            Destination::Byline,
            "closing-attribution",
            Stage::Finish
        )
    );
    assert_eq!(
        explanation.article.paragraphs().collect::<Vec<_>>(),
        ["正文第一段。"]
    );
    assert!(mismatches("inline", &explanation).is_empty());
}

#[test]
fn a_left_out_container_text_is_explained_by_its_rule() {
    let prose = "這是一段直接寫在容器裡的文字，讀起來像文章的句子，卻不在任何段落裡，所以文章把它留在外面。";
    let input = format!(
        "<!--0-->\n[T](https://www.rfi.fr/cn/x)\n------\n\n<div>{prose}<p>正文。</p></div>"
    );
    let explanation = rfi_parse::explain(&input, &ParseOptions::new()).unwrap();
    assert_eq!(explanation.diagnostics.dropped_text, [prose]);
    assert!(
        explanation
            .decisions
            .iter()
            .any(|d| d.text == prose && d.to == Destination::Dropped && d.rule == "container-text")
    );
}

/// `explain` of `body` as an RFI article.
fn explain_body(body: &str) -> Explanation {
    let input = format!("<!--0-->\n[T](https://www.rfi.fr/cn/x)\n------\n\n{body}");
    rfi_parse::explain(&input, &ParseOptions::new()).unwrap()
}

/// The one decision made about `text`: where it went, by which rule, at which stage.
fn decision_of(explanation: &Explanation, text: &str) -> (Destination, &'static str, Stage) {
    let found: Vec<&Decision> = (explanation.decisions.iter())
        .filter(|d| d.text == text)
        .collect();
    assert_eq!(found.len(), 1, "one decision about {text:?}: {found:?}");
    (found[0].to, found[0].rule, found[0].stage)
}

/// The paragraph indexes of the article's headings.
fn headings(article: &rfi_parse::Article) -> Vec<usize> {
    article
        .blocks
        .iter()
        .filter(|block| matches!(block, Block::Paragraph(_) | Block::Heading(_)))
        .enumerate()
        .filter(|(_, block)| matches!(block, Block::Heading(_)))
        .map(|(at, _)| at)
        .collect()
}

/// The article's paragraphs, as JSON writes them.
fn paragraphs(article: &rfi_parse::Article) -> Vec<&str> {
    article.paragraphs().collect()
}

const RELATED_LINK: &str =
    r#"<p><a href="https://www.rfi.fr/cn/a">俄乌战争进入第二年的前线</a></p>"#;
const RELATED_LIST: &str = r#"<ul><li><a href="https://www.rfi.fr/cn/a">第一篇相关报道的标题</a></li><li><a href="https://www.rfi.fr/cn/b">第二篇相关报道的标题</a></li></ul>"#;
const PICTURE: &str = r#"<figure><img src="https://s.rfi.fr/media/display/a.jpg"></figure>"#;

#[test]
fn a_label_a_related_link_follows_is_furniture_and_else_a_paragraph() {
    let label = "更多俄乌局势最新动态请见：";
    let explanation = explain_body(&format!("<p>正文第一段。</p><p>{label}</p>{RELATED_LINK}"));
    assert_eq!(paragraphs(&explanation.article), ["正文第一段。"]);
    assert_eq!(
        decision_of(&explanation, label),
        (
            Destination::Furniture,
            "related-link-paragraph",
            Stage::Block
        )
    );
    assert!(mismatches("label", &explanation).is_empty());
    // Text after it: a paragraph, filed once.
    let explanation = explain_body(&format!(
        "<p>正文第一段。</p><p>{label}</p><p>我们会赢。</p>"
    ));
    assert_eq!(
        paragraphs(&explanation.article),
        ["正文第一段。", label, "我们会赢。"]
    );
    assert_eq!(
        decision_of(&explanation, label),
        (Destination::Paragraph, "paragraph", Stage::Block)
    );
    // A picture after it: a paragraph too, and the link after the picture no related link.
    let explanation = explain_body(&format!("<p>{label}</p>{PICTURE}{RELATED_LINK}"));
    assert_eq!(
        paragraphs(&explanation.article),
        [label, "俄乌战争进入第二年的前线"]
    );
}

#[test]
fn closing_lines_in_parentheses_are_the_byline_and_else_paragraphs() {
    let explanation = explain_body("<p>正文第一段。</p><p>（综合报道）</p><p>（法新社）</p>");
    assert_eq!(paragraphs(&explanation.article), ["正文第一段。"]);
    assert_eq!(
        explanation.article.byline.as_deref(),
        Some("综合报道\n法新社")
    );
    for line in ["（综合报道）", "（法新社）"] {
        assert_eq!(
            decision_of(&explanation, line),
            (Destination::Byline, "closing-attribution", Stage::Finish)
        );
    }
    // Not closing the article: paragraphs.
    let explanation = explain_body("<p>（综合报道）</p><p>正文第一段。</p>");
    assert_eq!(
        paragraphs(&explanation.article),
        ["（综合报道）", "正文第一段。"]
    );
    assert_eq!(
        decision_of(&explanation, "（综合报道）"),
        (Destination::Paragraph, "paragraph", Stage::Block)
    );
}

#[test]
fn a_heading_over_only_related_links_is_left_out_at_the_next_heading_or_the_end() {
    let left_out = (Destination::Dropped, "heading-over-links", Stage::Finish);
    let explanation = explain_body(&format!(
        "<p>正文第一段。</p><h2>相关报道</h2>{RELATED_LIST}<h2>第二节</h2><p>正文第二段。</p>"
    ));
    assert_eq!(
        paragraphs(&explanation.article),
        ["正文第一段。", "第二节", "正文第二段。"]
    );
    assert_eq!(headings(&explanation.article), [1]);
    assert_eq!(decision_of(&explanation, "相关报道"), left_out);
    assert!(mismatches("heading", &explanation).is_empty());
    let explanation = explain_body(&format!(
        "<p>正文第一段。</p><h2>相关报道</h2>{RELATED_LIST}"
    ));
    assert_eq!(paragraphs(&explanation.article), ["正文第一段。"]);
    assert_eq!(decision_of(&explanation, "相关报道"), left_out);
    // Text under the links: the heading names a section.
    let explanation = explain_body(&format!(
        "<p>正文第一段。</p><h2>相关报道</h2>{RELATED_LIST}<p>正文第二段。</p>"
    ));
    assert_eq!(
        paragraphs(&explanation.article),
        ["正文第一段。", "相关报道", "正文第二段。"]
    );
    assert_eq!(headings(&explanation.article), [1]);
    assert_eq!(
        decision_of(&explanation, "相关报道"),
        (Destination::Paragraph, "paragraph", Stage::Block)
    );
}

#[test]
fn a_label_heading_over_links_sent_to_furniture_leaves_the_next_heading_be() {
    // The label heads the items, then a related link paragraph shows it a label; the
    // next heading was left out for it (its paragraph index) before the label was held.
    let explanation = explain_body(&format!(
        "<p>正文第一段。</p><h2>相关报道：</h2>{RELATED_LIST}{RELATED_LINK}<h2>第二节</h2><p>正文第二段。</p>"
    ));
    assert_eq!(
        paragraphs(&explanation.article),
        ["正文第一段。", "第二节", "正文第二段。"]
    );
    assert_eq!(headings(&explanation.article), [1]);
    assert_eq!(
        decision_of(&explanation, "相关报道："),
        (
            Destination::Furniture,
            "related-link-paragraph",
            Stage::Block
        )
    );
}

#[test]
fn a_picture_after_a_heading_waits_with_it_for_the_next_block() {
    // Between the heading and the links: the heading is over the picture, a section.
    let explanation = explain_body(&format!(
        "<p>正文第一段。</p><h2>图集</h2>{PICTURE}{RELATED_LIST}"
    ));
    assert_eq!(paragraphs(&explanation.article), ["正文第一段。", "图集"]);
    assert_eq!(headings(&explanation.article), [1]);
    assert!(matches!(explanation.article.blocks[2], Block::Image(_)));
    // After the links (BBC's related-links box under a section's heading, then the
    // section's picture): text after the picture keeps the heading, another heading or
    // the end leaves it out; the picture stays, in its place.
    for (after, kept) in [
        ("<p>正文第二段。</p>", true),
        ("<h2>第二节</h2><p>正文第二段。</p>", false),
        ("", false),
    ] {
        let explanation = explain_body(&format!(
            "<p>正文第一段。</p><h2>相关报道</h2>{RELATED_LIST}{PICTURE}{after}"
        ));
        let article = &explanation.article;
        assert_eq!(paragraphs(article).contains(&"相关报道"), kept, "{after}");
        let picture_at = if kept { 2 } else { 1 };
        assert!(
            matches!(article.blocks[picture_at], Block::Image(_)),
            "{after}"
        );
        headings(article);
        let decision = if kept {
            (Destination::Paragraph, "paragraph", Stage::Block)
        } else {
            (Destination::Dropped, "heading-over-links", Stage::Finish)
        };
        assert_eq!(decision_of(&explanation, "相关报道"), decision, "{after}");
        assert!(mismatches("picture", &explanation).is_empty(), "{after}");
    }
}

/// `docs/rules.md` as the code lists the rules: the list is written once, in the code.
fn rules_document() -> String {
    let mut doc = String::from(
        "# The extraction's rules\n\n\
         Generated from the code (`rfi_parse::rules()`) by\n\
         `UPDATE_RULES_DOC=1 cargo test -p rfi-parse --test explain`; a test fails when it\n\
         differs. `rfi-parse explain FILE` names the rule that sent each block of a body\n\
         where it went; `rfi-parse explain --list-rules` prints this list.\n\n\
         Within a stage the rules run in this order, and the first that claims an element or\n\
         a block decides it: a rule further down never sees what one above took.\n",
    );
    let mut stage = None;
    for rule in rfi_parse::rules() {
        if stage != Some(rule.stage) {
            stage = Some(rule.stage);
            doc.push_str(&format!("\n## {}\n\n", rule.stage.as_str()));
        }
        match rule.source {
            Some(source) => doc.push_str(&format!(
                "  - `{}` (`{source}`'s own): {}\n",
                rule.name, rule.summary
            )),
            None => doc.push_str(&format!("- `{}`: {}\n", rule.name, rule.summary)),
        }
    }
    doc
}

#[test]
fn docs_rules_md_is_the_list_the_code_runs() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    if std::env::var_os("UPDATE_RULES_DOC").is_some() {
        fs::write(&path, rules_document()).unwrap();
    }
    let written = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        written == rules_document(),
        "docs/rules.md differs from the rules in the code: run UPDATE_RULES_DOC=1 cargo test -p rfi-parse --test explain"
    );
}

/// `explain` of `body` as a DW opinion piece by 邓聿文, whose byline names him.
fn explain_dw_column(body: &str) -> Explanation {
    let input = format!(
        "<!--1651488427000-->\n[客座评论](https://www.dw.com/zh/x/a-61000001)\n------\n\n\
         <div><i>邓聿文<br>2022-05-04T08:15:00.000Z</i></div>{body}"
    );
    rfi_parse::explain(&input, &ParseOptions::new()).unwrap()
}

#[test]
fn only_a_closing_paragraph_in_italics_is_an_author_note_whatever_its_text() {
    let note = "邓聿文为政治评论员：";
    // In italics, closing the article: the author's note.
    let explanation = explain_dw_column(&format!(
        "<p>（德国之声中文网）正文第一段。</p><p><em>{note}</em></p>"
    ));
    assert_eq!(
        decision_of(&explanation, note),
        (Destination::Byline, "author-note", Stage::Finish)
    );
    // The same text in italics earlier, and closing the article not in italics (held as a
    // label a related link may follow): a paragraph, not a note.
    let explanation = explain_dw_column(&format!(
        "<p>（德国之声中文网）正文第一段。</p><p><em>{note}</em></p><p>正文第二段。</p><p>{note}</p>"
    ));
    assert_eq!(
        paragraphs(&explanation.article),
        ["（德国之声中文网）正文第一段。", note, "正文第二段。", note]
    );
    assert_eq!(explanation.article.byline.as_deref(), Some("邓聿文"));
    assert!(mismatches("note", &explanation).is_empty());
}

/// `explain` of `body` as an Al Jazeera article, whose blocks may be `<div>`s.
fn explain_aj(body: &str) -> Explanation {
    let input = format!(
        "<!--1651500000000-->\n[T](https://chinese.aljazeera.net/news/2021/10/1/x)\n------\n\n\
         <div><div>以色列可以以非常优越的条件从美国购买其想要的武器。</div>{body}</div>"
    );
    rfi_parse::explain(&input, &ParseOptions::new()).unwrap()
}

#[test]
fn a_heading_is_left_out_as_a_bold_block_over_nothing_only_when_it_is_one() {
    let link = r#"<p><a href="https://chinese.aljazeera.net/news/2021/10/2/y">以色列可能从美国获得的武器</a></p>"#;
    // A bold block alone over no text: left out.
    let explanation = explain_aj("<div><strong>图表</strong></div>");
    assert_eq!(
        decision_of(&explanation, "图表"),
        (
            Destination::Dropped,
            "bold-heading-over-nothing",
            Stage::Finish
        )
    );
    // The `<h2>` and the bold block after it print the same label; the related link after
    // them shows the bold block a label (furniture). The `<h2>` is no bold block, and
    // stays.
    let explanation = explain_aj(&format!(
        "<h2>图表：</h2><div><strong>图表：</strong></div>{link}"
    ));
    let decisions: Vec<_> = (explanation.decisions.iter())
        .filter(|d| d.text == "图表：")
        .map(|d| (d.to, d.rule))
        .collect();
    assert_eq!(
        decisions,
        [
            (Destination::Paragraph, "paragraph"),
            (Destination::Furniture, "related-link-paragraph")
        ]
    );
    assert_eq!(headings(&explanation.article), [1]);
    assert!(mismatches("bold", &explanation).is_empty());
}

#[test]
fn a_player_addressed_over_the_page_s_scheme_is_explained_and_kinded_at_its_address() {
    // The page is served over http: the player is fetched so, and its host (YouTube)
    // says it plays video.
    let input = "<!--0-->\n[T](http://www.rfi.fr/cn/x)\n------\n\n\
                 <p>正文第一段。</p><iframe src=\"//www.youtube.com/embed/x\"></iframe>";
    let explanation = rfi_parse::explain(input, &ParseOptions::new()).unwrap();
    let embeds: Vec<_> = explanation.article.embeds().collect();
    assert_eq!(embeds.len(), 1, "{embeds:?}");
    assert_eq!(embeds[0].url, "http://www.youtube.com/embed/x");
    assert_eq!(embeds[0].kind, Some(rfi_parse::EmbedKind::Video));
    assert_eq!(
        decision_of(&explanation, "http://www.youtube.com/embed/x").0,
        Destination::Embed
    );
    assert!(mismatches("player", &explanation).is_empty());
}

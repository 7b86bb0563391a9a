//! Extraction cases that once lost text or damaged a field, each on a small hand-made body.

use rfi_parse::Article;

const HEADER: &str = "<!--1686586501000-->\n[标题](https://www.rfi.fr/cn/x)\n------\n\n";

fn parse_body(body: &str) -> Article {
    rfi_parse::parse(
        &format!("{HEADER}{body}"),
        &rfi_parse::ParseOptions::default(),
    )
    .expect("parses")
}

#[test]
fn a_contact_address_beside_the_text_keeps_the_text() {
    let article = parse_body(
        "<div>12/06/2023 - 17:21</div><div><p>第一段。</p>\
         <p>来信请寄 <a href=\"mailto:news@example.com\">news@example.com</a>。</p></div>",
    );
    assert_eq!(
        article.paragraphs().collect::<Vec<_>>(),
        ["第一段。", "来信请寄 news@example.com。"]
    );
    assert!(article.share_links.is_empty());
}

#[test]
fn a_share_link_beside_article_text_skips_only_the_link() {
    let article = parse_body(
        "<div><p>正文一。</p><p>正文二。</p>\
         <a href=\"https://twitter.com/intent/tweet?url=https%3A%2F%2Frfi.my%2Fx\">t</a></div>",
    );
    assert_eq!(
        article.paragraphs().collect::<Vec<_>>(),
        ["正文一。", "正文二。"]
    );
    assert_eq!(article.share_links.len(), 1);
    assert_eq!(
        article.share_links[0].target.as_deref(),
        Some("https://rfi.my/x")
    );
}

#[test]
fn an_email_share_link_is_recognised_by_the_address_it_carries() {
    let article = parse_body(
        "<div><p>正文。</p></div><div>\
         <a href=\"mailto:?subject=%E6%A0%87%E9%A2%98&amp;body=https%3A%2F%2Frfi.my%2Fx\"><svg></svg></a>\
         <a href=\"https://www.facebook.com/sharer.php?u=x\"><svg></svg></a></div>",
    );
    assert_eq!(article.paragraphs().collect::<Vec<_>>(), ["正文。"]);
    let platforms: Vec<_> = article
        .share_links
        .iter()
        .map(|link| serde_json::to_value(link.platform).unwrap())
        .collect();
    assert_eq!(platforms, ["email", "facebook"]);
}

#[test]
fn a_srcset_url_with_commas_is_kept_whole() {
    let url = r#"https://s.rfi.fr/media/display/a/w:246/p:16x9/m:{"brand":"RFI","lang":"CN","title":""}/x.webp"#;
    let srcset = url.replace('"', "&quot;");
    let article = parse_body(&format!(
        "<div><p>正文。</p><figure><img src=\"data:image/gif;base64,R0l\" \
         srcset=\"data:image/gif;base64,R0l 1w, {srcset} 246w, https://s.rfi.fr/b.webp 480w\">\
         <figcaption><span>说明</span></figcaption></figure></div>"
    ));
    assert_eq!(article.images().count(), 1);
    assert_eq!(article.images().next().unwrap().url, url);
}

const BBC: &str =
    "<!--1688190000000-->\n[标题](https://www.bbc.com/zhongwen/simp/world-1)\n------\n\n";

#[test]
fn a_heading_over_related_links_goes_unless_its_section_goes_on() {
    let article = rfi_parse::parse(
        &format!(
            "{BBC}<div><p>第一段。</p></div><div><h2>未来个性化产品？</h2></div>\
         <div><ul><li><a href=\"https://www.bbc.com/a\">相关一</a></li></ul></div>\
         <div><p>这一节的正文。</p></div><div><h2>相關內容</h2></div>\
         <div><ul><li><a href=\"https://www.bbc.com/b\">相关二</a></li></ul></div>"
        ),
        &rfi_parse::ParseOptions::default(),
    )
    .unwrap();
    assert_eq!(
        article.paragraphs().collect::<Vec<_>>(),
        ["第一段。", "未来个性化产品？", "这一节的正文。"]
    );
}

#[test]
fn control_characters_never_reach_the_fields() {
    let article = rfi_parse::parse(
        "<!--1686586501000-->\n[标\u{7f}题\u{9b}](https://www.rfi.fr/cn/%07x)\n------\n\n\
         <div>12/06/2023 - 17:21</div><div><p>正\u{1}文\u{85}。</p>\
         <figure><img src=\"https://s.rfi.fr/a.jpg\" alt=\"a\u{1b}[31m\"></figure></div>",
        &rfi_parse::ParseOptions::default(),
    )
    .unwrap();
    assert_eq!(article.title, "标题");
    assert_eq!(article.url.as_deref(), Some("https://www.rfi.fr/cn/x"));
    assert_eq!(article.paragraphs().collect::<Vec<_>>(), ["正文。"]);
    assert_eq!(
        article.images().next().unwrap().alt.as_deref(),
        Some("a[31m")
    );
}

#[test]
fn only_a_time_before_the_text_dates_the_article() {
    let article = rfi_parse::parse(
        "<!--1688190000000-->\n[t](https://www.bbc.com/zhongwen/simp/world-1)\n------\n\n\
         <div><p>正文。</p></div><ul><li><time datetime=\"2020-01-01\">旧闻</time>相关</li></ul>",
        &rfi_parse::ParseOptions::default(),
    )
    .unwrap();
    assert_eq!(article.published, None);
    let article = rfi_parse::parse(
        "<!--1688190000000-->\n[t](https://cn.wsj.com/articles/x)\n------\n\n\
         <div><p><span itemprop=\"name\"><a rel=\"author\" href=\"https://www.wsj.com/a\">A</a></span> / </p>\
         <p><span itemprop=\"name\"><a rel=\"author\" href=\"https://www.wsj.com/b\">B</a></span></p>\
         <time>2023年7月3日13:20 CST 更新</time></div><section><p>正文。</p></section>",
        &rfi_parse::ParseOptions::default(),
    )
    .unwrap();
    assert_eq!(article.byline.as_deref(), Some("A\nB"));
    assert_eq!(article.paragraphs().collect::<Vec<_>>(), ["正文。"]);
    assert_eq!(
        article.published.unwrap().to_rfc3339(),
        "2023-07-03T13:20:00+08:00"
    );
}

#[test]
fn a_paragraph_closed_early_by_a_box_keeps_its_tail() {
    // `<div>` inside `<p>` closes the paragraph (HTML tree building); the `</p>` after
    // the box becomes an empty `<p>`, which marks the bare text before it as the tail.
    for header in [
        HEADER,
        "<!--1686586501000-->\n[t](https://example.org/a)\n------\n\n",
        "<!--1686586501000-->\n[t]()\n------\n\n",
    ] {
        let body = "<div><p>前一句。<div class=\"box\"><div>框内一行</div></div>后一句。</p><p>下一段。</p></div>";
        let article = rfi_parse::parse(
            &format!("{header}{body}"),
            &rfi_parse::ParseOptions::default(),
        )
        .expect("parses");
        assert_eq!(
            article.paragraphs().collect::<Vec<_>>(),
            ["前一句。", "后一句。", "下一段。"],
            "{header}"
        );
    }
}

/// An archive file of CNA's 2020 layout, without its address (the month's files have none).
fn parse_cna_2020(body: &str) -> Article {
    let input = format!(
        "<!--1608451200000-->\n[標題]()\n------\n\n\
         <img src=\"https://imgcdn.cna.com.tw/news/x.jpg\">{body}"
    );
    rfi_parse::parse(&input, &rfi_parse::ParseOptions::default()).expect("parses")
}

#[test]
fn a_correspondent_s_author_box_is_the_byline_not_the_text() {
    // December 2020: a column opens with its topic's title and the author box.
    let article = parse_cna_2020(
        "<div><div><div class=\"topicbox\"><a href=\"https://www.cna.com.tw/topic/newstopic/1.aspx\">\
         <div class=\"topictitle\">疫情下的世界</div></a></div>\
         <div class=\"author\">中央社駐洛杉磯特派員林宏翰／12月20日</div></div></div>\
         <p>電影經典台詞似乎是2020年美國生活寫照。</p><p>（編輯：高照芬）1091220</p>",
    );
    assert!(
        article
            .paragraphs()
            .eq(["電影經典台詞似乎是2020年美國生活寫照。"])
    );
    assert_eq!(
        article.byline.as_deref(),
        Some("中央社駐洛杉磯特派員林宏翰／12月20日\n編輯：高照芬")
    );
}

#[test]
fn a_player_addressed_over_the_page_s_scheme_is_a_web_address_with_its_source_as_credit() {
    let article = parse_cna_2020(
        "<p>正文。</p><div class=\"media\"><div class=\"youtubeBox\">\
         <iframe title=\"youtube iframe\" data-src=\"//www.youtube.com/embed/HSoJZnzLXHk?rel=0\"></iframe>\
         </div><div class=\"picinfo\">▲預告片。影片來源：Muse木棉花-TW</div></div>",
    );
    let embeds: Vec<_> = article.embeds().collect();
    assert_eq!(embeds.len(), 1, "{embeds:?}");
    let embed = embeds[0];
    assert_eq!(embed.url, "https://www.youtube.com/embed/HSoJZnzLXHk?rel=0");
    assert_eq!(embed.caption.as_deref(), Some("▲預告片。"));
    assert_eq!(embed.credit.as_deref(), Some("影片來源：Muse木棉花-TW"));
    // The Markdown links it.
    let mut markdown = Vec::new();
    rfi_parse::Format::Markdown.render(&article, None, &mut markdown);
    let markdown = String::from_utf8(markdown).unwrap();
    assert!(
        markdown.contains(
            "](https://www.youtube.com/embed/HSoJZnzLXHk?rel=0)\\\n影片來源：Muse木棉花-TW\n"
        ),
        "{markdown}"
    );
}

/// Issue 26: RFI's social card, on hundreds of unrelated AFP dispatches, is no picture of
/// the article: `lead_image` is null and `check` is told (docs/CONTRACT.md § 2.1). A real
/// picture in the same place stays the lead image.
#[test]
fn the_sources_placeholder_picture_is_no_lead_image() {
    let card = "https://static.rfi.fr/meta_og_twcards/RFI_FB.png";
    let body = |src: &str| {
        format!(
            "<div>01/12/2020 - 09:02</div><img src=\"{src}\">\
             <div class=\"t-content__body\"><p>（法新社河内1日电）正文。</p></div>"
        )
    };
    let placeholder = rfi_parse::diagnose(
        &format!("{HEADER}{}", body(card)),
        &rfi_parse::ParseOptions::default(),
    )
    .expect("parses");
    assert_eq!(placeholder.0.lead_image, None);
    assert!(placeholder.0.paragraphs().eq(["（法新社河内1日电）正文。"]));
    assert!(placeholder.1.extractor.placeholder_lead_image);

    let real = "https://s.rfi.fr/media/display/a/w:310/p:16x9/hanoi.jpg";
    let picture = rfi_parse::diagnose(
        &format!("{HEADER}{}", body(real)),
        &rfi_parse::ParseOptions::default(),
    )
    .expect("parses");
    assert_eq!(
        picture.0.lead_image.map(|image| image.url).as_deref(),
        Some(real)
    );
    assert!(!picture.1.extractor.placeholder_lead_image);

    // A column's title card (RFI's press reviews) is no picture of the article either.
    let column_card = "https://s.rfi.fr/media/display/bddd2032-0bde-11ea-9862-005056bff430/w:1280/p:16x9/fa_guo_shi_jie_bao_wb161923-rfi-cn-20150123_cartouche.jpg";
    let column = rfi_parse::parse(
        &format!("{HEADER}{}", body(column_card)),
        &rfi_parse::ParseOptions::default(),
    )
    .expect("parses");
    assert_eq!(column.lead_image, None);
    let banner = "https://s.rfi.fr/media/display/7a6b9d8c-61e3-11ea-8577-005056a964fe/w:1280/p:16x9/WB15399-RFI-CN-20100304.png";
    let column = rfi_parse::parse(
        &format!("{HEADER}{}", body(banner)),
        &rfi_parse::ParseOptions::default(),
    )
    .expect("parses");
    assert_eq!(column.lead_image, None);

    // The placeholder is the profile's: another source's page may show the same address.
    let elsewhere = rfi_parse::parse(
        &format!(
            "<!--1686586501000-->\n[标题](https://example.com/x)\n------\n\n{}",
            body(card)
        ),
        &rfi_parse::ParseOptions::default(),
    )
    .expect("parses");
    assert_eq!(
        elsewhere.lead_image.map(|image| image.url).as_deref(),
        Some(card)
    );
}

/// A related article's headline with a decimal point and no space (`…上涨8.0%…`) is a
/// headline, not an address: after a related-reading label it is left out, and the
/// attribution it followed closes the text (WSJ, 2022-2024).
#[test]
fn a_headline_with_a_decimal_point_is_a_related_link_after_its_label() {
    let article = rfi_parse::parse(
        "<!--1652235900000-->\n[中国4月CPI同比上涨2.1%](https://cn.wsj.com/articles/CN-CEC-20220511161205)\n------\n\n\
         <p>政府工作报告将今年CPI涨幅设定在3%左右，这一目标与去年一致。</p>\
         <p><em>（本文来自道琼斯中文财讯）</em></p><p><strong>相关阅读：</strong></p>\
         <p><a href=\"https://cn.wsj.com/articles/CN-CEC-20220511101517\">中国4月PPI同比上涨8.0%，涨幅连续第六个月回落，但高于预期</a></p>",
        &rfi_parse::ParseOptions::default(),
    )
    .expect("parses");
    assert!(
        article
            .paragraphs()
            .eq(["政府工作报告将今年CPI涨幅设定在3%左右，这一目标与去年一致。"]),
        "{:?}",
        article.paragraphs().collect::<Vec<_>>()
    );
    assert_eq!(article.byline.as_deref(), Some("本文来自道琼斯中文财讯"));
}

/// DW to 2020 closes its text with its authors' names between slashes and the agencies
/// it drew on (`李京慧/洪沙 (德新社、法新社)`), and may show a picture gallery after it: the
/// line is the byline, never also a paragraph; the gallery's pictures stay pictures.
#[test]
fn a_closing_credit_of_names_between_slashes_is_the_byline_with_pictures_after_it() {
    let body = |credit: &str| {
        format!(
            "<!--1606900000000-->\n[月球样本](https://www.dw.com/zh/x/a-55799999)\n------\n\n\
             <p>科学家们迫切地等待着这些样本。</p><p>{credit}</p>\
             <h3>相关图集：中国航天的\"五年计划\"</h3>\
             <div><img src=\"https://static.dw.com/image/18485140_303.jpg\"><b>月球背面</b>：中国计划登月。</div>"
        )
    };
    for (credit, byline) in [
        (
            "李京慧/洪沙 (德新社、法新社)",
            "李京慧/洪沙 (德新社、法新社)",
        ),
        ("任琛/李鱼/（综合报道）", "任琛/李鱼/（综合报道）"),
        ("（路透社）", "路透社"),
    ] {
        let article =
            rfi_parse::parse(&body(credit), &rfi_parse::ParseOptions::default()).expect("parses");
        assert!(
            article.paragraphs().eq(["科学家们迫切地等待着这些样本。"]),
            "{credit}: {:?}",
            article.paragraphs().collect::<Vec<_>>()
        );
        assert_eq!(article.byline.as_deref(), Some(byline), "{credit}");
        assert_eq!(article.images().count(), 1, "{credit}");
    }
    // Text after the line: it closed nothing, and names between slashes in a sentence
    // are text.
    let article = rfi_parse::parse(
        &body("李京慧/洪沙 (德新社、法新社)</p><p>下一段的正文。"),
        &rfi_parse::ParseOptions::default(),
    )
    .expect("parses");
    assert_eq!(article.paragraphs().count(), 3);
    assert_eq!(article.byline, None);
}

/// A pull quote shows a paragraph of the text again, set apart (Al Jazeera's opinion
/// pieces): the paragraph is kept once, where the text prints it; a quotation printed
/// nowhere else stays. The opinion pages' closing disclaimer is furniture.
#[test]
fn a_pull_quote_is_left_out_and_a_quotation_kept() {
    let article = rfi_parse::parse(
        "<!--1651536000000-->\n[标题](https://chinese.aljazeera.net/opinions/2022/4/23/x)\n------\n\n\
         <p>第一段正文。</p><blockquote><p>许多美国记者呈现来自战场的图像和报道。</p></blockquote>\
         <p>第二段正文。</p><blockquote><p>一位记者写道：战争没有赢家。</p></blockquote>\
         <p>许多美国记者呈现来自战场的图像和报道。</p>\
         <h2>本文仅代表作者个人观点，不代表半岛电视台编辑立场</h2>",
        &rfi_parse::ParseOptions::default(),
    )
    .expect("parses");
    assert!(
        article.paragraphs().eq([
            "第一段正文。",
            "第二段正文。",
            "一位记者写道：战争没有赢家。",
            "许多美国记者呈现来自战场的图像和报道。",
        ]),
        "{:?}",
        article.paragraphs().collect::<Vec<_>>()
    );
}

/// A pull quote reworded a little from the paragraph it repeats (Al Jazeera 2021:
/// `科威特总理宣布谨慎地恢复该国的正常生活…` set before `…该国将谨慎地恢复正常生活…`) is
/// left out too; a summary drawn from several paragraphs (CNA's feature standfirst) and a
/// quotation the text does not print stay.
#[test]
fn a_reworded_pull_quote_is_left_out_and_a_summary_kept() {
    let paragraphs = |body: &str| -> Vec<String> {
        let input = format!(
            "<!--1634774400000-->\n[标题](https://chinese.aljazeera.net/news/2021/10/21/x)\n------\n\n{body}"
        );
        let article =
            rfi_parse::parse(&input, &rfi_parse::ParseOptions::default()).expect("parses");
        article.paragraphs().map(str::to_string).collect()
    };
    let text = "<p>另一方面，科威特总理谢赫萨巴赫昨天宣布，该国将谨慎地恢复正常生活，并补充说，已为接种疫苗的人取消了与新冠疫情有关的预防决定。</p>";
    let reworded = "<blockquote><p>科威特总理宣布谨慎地恢复该国的正常生活，并补充说，已为接种疫苗的人取消了与新冠疫情有关的预防决定。</p></blockquote>";
    assert_eq!(
        paragraphs(&format!("<p>第一段正文。</p>{reworded}{text}")),
        [
            "第一段正文。",
            "另一方面，科威特总理谢赫萨巴赫昨天宣布，该国将谨慎地恢复正常生活，并补充说，已为接种疫苗的人取消了与新冠疫情有关的预防决定。"
        ]
    );
    // A summary of two paragraphs, each of which prints half of it, stays.
    let summary = "<blockquote>南迴藍皮列車行駛路線得天獨厚，打開列車車窗，壯麗山海景致盡收眼底。但對鐵道迷來說，電氣化卻讓他們不得不暫別普快車。</blockquote>";
    let first = "<p>南迴藍皮列車行駛路線得天獨厚，打開列車車窗，壯麗山海景致盡收眼底，它有了一個浪漫別名。</p>";
    let second = "<p>對鐵道迷來說，電氣化讓他們滿心不捨，只好暫別普快車。</p>";
    assert_eq!(paragraphs(&format!("{summary}{first}{second}")).len(), 3);
    // So does a quotation that shares a few words with the text.
    let quotation = "<blockquote><p>我们必须将国家置于党派之上，捍卫宪法和法治。</p></blockquote>";
    let about = "<p>他在讲话中多次提到宪法，并呼吁国会两党合作。</p>";
    assert_eq!(paragraphs(&format!("{quotation}{about}")).len(), 2);
}

/// A paragraph all in bold is a subheading when it reads as one (`德国的欧洲杯氛围如何？`),
/// and emphasised text when it is written as sentences: BBC 2022's opening summary, an
/// interview's questions (`问：…。您支持吗？`).
#[test]
fn a_bold_paragraph_written_as_sentences_is_no_heading() {
    let article = rfi_parse::parse(
        "<!--1652054400000-->\n[标题](https://www.bbc.com/zhongwen/simp/chinese-news-61370000)\n------\n\n\
         <p><b>台湾近日新冠确诊本土病例激增，单日连续三日突破4万。</b></p>\
         <p>正文第一段。</p><p><strong>德国的欧洲杯氛围如何？</strong></p><p>正文第二段。</p>\
         <p><strong>问：美国正在想方设法扩大台湾参与联合国。您支持这些讨论吗？</strong></p>\
         <p><strong>“就像在看着一个问题儿童”。</strong></p><p>正文第三段。</p>",
        &rfi_parse::ParseOptions::default(),
    )
    .expect("parses");
    let kinds: Vec<(&str, &str)> = (article.blocks.iter())
        .filter_map(|block| match block {
            rfi_parse::Block::Heading(text) => Some(("heading", text.text())),
            rfi_parse::Block::Paragraph(text) => Some(("paragraph", text.text())),
            _ => None,
        })
        .collect();
    assert_eq!(
        kinds,
        [
            (
                "paragraph",
                "台湾近日新冠确诊本土病例激增，单日连续三日突破4万。"
            ),
            ("paragraph", "正文第一段。"),
            ("heading", "德国的欧洲杯氛围如何？"),
            ("paragraph", "正文第二段。"),
            (
                "paragraph",
                "问：美国正在想方设法扩大台湾参与联合国。您支持这些讨论吗？"
            ),
            ("paragraph", "“就像在看着一个问题儿童”。"),
            ("paragraph", "正文第三段。"),
        ]
    );
}

/// Small print beside a picture in its paragraph (Al Jazeera's WordPress pages to 2019:
/// `<p><img><br><span style="font-size:small">…[欧洲通讯社]</span></p>`) is its caption; a
/// footnote's number set small in running text, or a byline so styled in the next block,
/// is not.
#[test]
fn small_print_beside_a_picture_is_its_caption() {
    let article = rfi_parse::parse(
        "<!--1652486400000-->\n[标题](https://chinese.aljazeera.net/news/2019/6/3/x)\n------\n\n\
         <p>第一段正文。</p>\
         <p><img src=\"https://chinese.aljazeera.net/wp-content/uploads/2019/06/a.jpeg\" /><br />\
         <span style=\"font-size:small\">在米兰召开联合新闻发布会之后，欧尔班接受了私人和解[欧洲通讯社]</span></p>\
         <div><span style=\"font-size:small;color:#0000ff\"><strong>罗马-阿布杜勒</strong></span></div>\
         <p>第二段正文，引自《先知医学》<span style=\"font-size:small\">2</span>。</p>",
        &rfi_parse::ParseOptions::default(),
    )
    .expect("parses");
    let image = article.images().next().expect("the picture");
    assert_eq!(
        (image.caption.as_deref(), image.credit.as_deref()),
        (
            Some("在米兰召开联合新闻发布会之后，欧尔班接受了私人和解"),
            Some("欧洲通讯社")
        )
    );
    assert!(
        article.paragraphs().eq([
            "第一段正文。",
            "罗马-阿布杜勒",
            "第二段正文，引自《先知医学》2。"
        ]),
        "{:?}",
        article.paragraphs().collect::<Vec<_>>()
    );
}

/// BBC 2023-2024 builds a figure of `<div>`s: the picture and its credit in one, the
/// caption in a paragraph beside it, the two all their wrapper holds. The paragraph is
/// the caption; a paragraph after a picture that stands alone in its wrapper is text.
#[test]
fn a_paragraph_beside_its_picture_s_block_is_its_caption() {
    let article = rfi_parse::parse(
        "<!--1710892800000-->\n[标题](https://www.bbc.com/zhongwen/articles/c0000000000o/simp)\n------\n\n\
         <div><p>美国众议院通过法案。</p></div>\
         <div><div><picture><img src=\"https://ichef.bbci.co.uk/ace/ws/640/a.jpg\" alt=\"ByteDance HQ\"></picture>\
         <p role=\"text\"><span>图像来源，</span><span>Getty Images</span></p></div>\
         <p>字节跳动拥有TikTok和它的姐妹应用抖音。</p></div>\
         <div><p>多年来，美国立法者一直认为这些数据不会被滥用。</p></div>\
         <div><div><img src=\"https://ichef.bbci.co.uk/ace/ws/640/b.jpg\"></div></div>\
         <div><p>TikTok表示公司完全独立。</p></div>",
        &rfi_parse::ParseOptions::default(),
    )
    .expect("parses");
    assert!(
        article.paragraphs().eq([
            "美国众议院通过法案。",
            "多年来，美国立法者一直认为这些数据不会被滥用。",
            "TikTok表示公司完全独立。",
        ]),
        "{:?}",
        article.paragraphs().collect::<Vec<_>>()
    );
    let image = article.images().next().expect("the first picture");
    assert_eq!(
        image.caption.as_deref(),
        Some("字节跳动拥有TikTok和它的姐妹应用抖音。")
    );
    assert_eq!(image.credit.as_deref(), Some("Getty Images"));
}

#[test]
fn a_wire_service_s_end_mark_is_furniture_and_a_literal_bold_paragraph_a_subheading() {
    let article = rfi_parse::parse(
        "<!--1633046400000-->\n[标题](https://china.kyodonews.net/news/2021/10/x.html)\n------\n\n\
         <p>【共同社10月1日电】正文第一段。</p><p>**债务上限威胁**</p>\
         <p>该报指出，重要的是作品的质量。（完）</p><p>(完)</p>",
        &rfi_parse::ParseOptions::default(),
    )
    .expect("parses");
    assert!(
        article.paragraphs().eq([
            "【共同社10月1日电】正文第一段。",
            "债务上限威胁",
            "该报指出，重要的是作品的质量。"
        ]),
        "{:?}",
        article.paragraphs().collect::<Vec<_>>()
    );
    assert!(
        matches!(&article.blocks[1], rfi_parse::Block::Heading(text) if text.text() == "债务上限威胁")
    );
    // An asterisk inside, or bold around part of the text only, is text as printed.
    let kept = rfi_parse::parse(
        "<!--1633046400000-->\n[标题]()\n------\n\n<p>最大的反对党**民主发展党**表示反对。</p>",
        &rfi_parse::ParseOptions::default(),
    )
    .expect("parses");
    assert!(
        kept.paragraphs()
            .eq(["最大的反对党**民主发展党**表示反对。"])
    );
}

#[test]
fn a_caption_repeating_the_alt_with_its_spaces_is_the_caption() {
    // CNA 2021: the alt keeps two spaces that the caption's text collapses.
    let article = parse_cna_2020(
        "<div><div><picture><img src=\"https://imgcdn.cna.com.tw/news/y.jpg\" \
         alt=\"市長柯文哲率先接種流感疫苗。中央社記者王騰毅攝  110年10月1日\"></picture></div>\
         <div>市長柯文哲率先接種流感疫苗。中央社記者王騰毅攝  110年10月1日</div></div>\
         <p>（中央社記者台北1日電）流感疫苗今天開打。</p>",
    );
    assert!(
        article
            .paragraphs()
            .eq(["（中央社記者台北1日電）流感疫苗今天開打。"]),
        "{:?}",
        article.paragraphs().collect::<Vec<_>>()
    );
    let pictures: Vec<_> = article.lead_image.iter().chain(article.images()).collect();
    let captioned = pictures
        .iter()
        .find(|image| image.url.ends_with("y.jpg"))
        .expect("the picture");
    assert_eq!(
        captioned.caption.as_deref(),
        Some("市長柯文哲率先接種流感疫苗。")
    );
    assert_eq!(
        captioned.credit.as_deref(),
        Some("中央社記者王騰毅攝 110年10月1日")
    );
}

#[test]
fn a_read_more_label_with_its_link_is_a_related_link() {
    let input = "<!--1710947348000-->\n[标题](https://www.dw.com/zh/x/a-68616500)\n------\n\n\
        <p>白宫考虑制裁与华为有关的中国半导体企业。</p>\
        <p>更多阅读：<a href=\"https://api.dw.com/api/detail/article/67132196\" rel=\"ArticleRef\">美国升级对华芯片出口禁令 中国批“单边霸凌”</a></p>\
        <p><strong><a href=\"https://api.dw.com/api/detail/article/55833327\" rel=\"ArticleRef\">延伸阅读：假如孟晚舟获释，“两个迈克尔”命运如何？</a></strong></p>\
        <p>报道援引<a href=\"https://www.bloomberg.com/x\">彭博社</a>的消息。</p>\
        <p>他说：<a href=\"https://example.com/a\">这是一个链接</a></p>\
        <p>食谱：<a href=\"https://www.dw.com/zh/recipe/a-1\">苹果酒焖鸡腿佐绿蔬</a></p>";
    let article = rfi_parse::parse(input, &rfi_parse::ParseOptions::default()).expect("parses");
    assert!(
        article.paragraphs().eq([
            "白宫考虑制裁与华为有关的中国半导体企业。",
            "报道援引彭博社的消息。",
            "他说：这是一个链接",
            "食谱：苹果酒焖鸡腿佐绿蔬",
        ]),
        "{:?}",
        article.paragraphs().collect::<Vec<_>>()
    );
}

#[test]
fn a_related_link_with_its_date_is_a_related_link() {
    // BBC 2025: the newest related story prints its date after the link.
    let article = rfi_parse::parse(
        "<!--1762819200000-->\n[标题](https://www.bbc.com/zhongwen/articles/x/simp)\n------\n\n\
         <main><p>已故的苏哈托与另外九人一同被列入新一批国家英雄名单。</p>\
         <ul><li><div><a href=\"https://www.bbc.com/zhongwen/articles/y/simp\">印尼总统去看中国阅兵了　国内的“娘子军”接力抗议</a>\
         <time dateTime=\"2025-09-04\">2025年9月4日</time></div></li>\
         <li><div><a href=\"https://www.bbc.com/zhongwen/articles/z/simp\">生平：印尼前总统苏哈托</a></div></li></ul>\
         <p>今年10月，印尼社会部提名近50人角逐国家英雄荣誉。</p>\
         <ul><li>第一项：苏哈托，2025年9月4日</li></ul></main>",
        &rfi_parse::ParseOptions::default(),
    )
    .expect("parses");
    assert!(
        article.paragraphs().eq([
            "已故的苏哈托与另外九人一同被列入新一批国家英雄名单。",
            "今年10月，印尼社会部提名近50人角逐国家英雄荣誉。",
            "第一项：苏哈托，2025年9月4日",
        ]),
        "{:?}",
        article.paragraphs().collect::<Vec<_>>()
    );
}

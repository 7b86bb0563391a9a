//! Printed dates read where a source prints them (a `<time>`'s text, a timeline's own
//! item, an ISO time without an offset) and paragraphs a `<p>` holds between empty lines,
//! each on a small hand-made body in the markup the archive's months show.

use rfi_parse::{Article, Block};

fn parse(header_url: &str, body: &str) -> Article {
    diagnose(header_url, body).0
}

fn diagnose(header_url: &str, body: &str) -> (Article, rfi_parse::Diagnostics) {
    let input = format!("<!--1593686247000-->\n[标题]({header_url})\n------\n\n{body}");
    rfi_parse::diagnose(input.as_bytes(), &Default::default()).expect("parses")
}

fn published(article: &Article) -> Option<String> {
    article.published.map(|instant| instant.to_rfc3339())
}

fn published_date(article: &Article) -> Option<String> {
    article.published_date.map(|day| day.to_string())
}

#[test]
fn a_time_without_datetime_is_the_date_line_as_printed() {
    // WSJ (2022–2024): the `<time>` holds only the printed text.
    let article = parse(
        "https://cn.wsj.com/articles/x-11667899999",
        "<div><p><span itemprop=\"name\"><a rel=\"author\" href=\"https://www.wsj.com/a\">A</a></span></p>\
         <time>2022年11月8日17:20 CST 更新</time></div><section><p>正文。</p></section>",
    );
    assert_eq!(
        article.date_line.as_deref(),
        Some("2022年11月8日17:20 CST 更新")
    );
    assert_eq!(
        published(&article).as_deref(),
        Some("2022-11-08T17:20:00+08:00")
    );
    assert_eq!(article.paragraphs().collect::<Vec<_>>(), ["正文。"]);
    // A date without a time: the date line, and its day, with no instant invented.
    let article = parse(
        "https://cn.wsj.com/articles/x-11667899999",
        "<div><time>2022年5月5日</time></div><section><p>正文。</p></section>",
    );
    assert_eq!(article.date_line.as_deref(), Some("2022年5月5日"));
    assert_eq!(article.published, None);
    assert_eq!(published_date(&article).as_deref(), Some("2022-05-05"));
    // A `datetime` gives the instant; the printed text (BBC's relative `12 分钟前`) is
    // no date line.
    let article = parse(
        "https://www.bbc.com/zhongwen/articles/c1/simp",
        "<div><time dateTime=\"2025-11-14\">12 分钟前</time></div><p>正文。</p>",
    );
    assert_eq!(article.date_line, None);
    assert_eq!(published_date(&article).as_deref(), Some("2025-11-14"));
}

/// CNA's topic timeline (2024) under the text, in its related-news box.
const CNA_TIMELINE: &str = "<div class=\"paragraph moreArticle\"><div class=\"moreArticle-title trailing\">\
     <a href=\"https://www.cna.com.tw/topic/newstopic/1.aspx\">颱風</a></div><ul class=\"timeline\">\
     <li class=\"timelineItem ITEM\" data-time=\"2024/06/18 22:06\"><div class=\"timelineTitle\"><div>颱風明天登陸</div></div>\
     <div class=\"timelineTime\"><span>2024/06/18 22:06</span></div></li>\
     <li class=\"timelineItem \" data-time=\"2024/06/17 08:00\"><div class=\"timelineTitle\">\
     <a href=\"https://www.cna.com.tw/news/aipl/202406170001.aspx\">颱風生成</a></div>\
     <div class=\"timelineTime\"><span>2024/06/17 08:00</span></div></li></ul></div>";

#[test]
fn cna_reads_its_own_time_from_its_timeline() {
    let url = "https://www.cna.com.tw/news/aipl/202406180301.aspx";
    let own = CNA_TIMELINE.replace("ITEM", "isNotLink isLatest");
    let article = parse(
        url,
        &format!("<div><p>（中央社台北18日電）颱風明天登陸。（編輯：張三）1130618</p></div>{own}"),
    );
    assert_eq!(
        published(&article).as_deref(),
        Some("2024-06-18T22:06:00+08:00")
    );
    assert_eq!(published_date(&article).as_deref(), Some("2024-06-18"));
    assert_eq!(article.date_line, None);
    // The box stays out of the text.
    assert_eq!(
        article.paragraphs().collect::<Vec<_>>(),
        ["（中央社台北18日電）颱風明天登陸。"]
    );
    // Only the article's own item (the one without a link) dates it.
    let others = CNA_TIMELINE.replace("ITEM", "");
    let article = parse(
        url,
        &format!("<div><p>（中央社台北18日電）颱風明天登陸。</p></div>{others}"),
    );
    assert_eq!(article.published, None);
    assert_eq!(published_date(&article).as_deref(), Some("2024-06-18"));
}

#[test]
fn reuters_2020_without_a_url_is_known_by_its_markup_and_dated_by_its_day() {
    // The 2020 layout: an ISO time without an offset in `<div><i>`, then the body's
    // `StandardArticleBody_body`; no dateline opens the text.
    let (article, diagnostics) = diagnose(
        "",
        "<div><i>2020-07-02T10:37:27</i></div><div class=\"StandardArticleBody_body\">\
         <p>美国6月非农就业岗位增加480万个。</p><p>失业率降至11.1%。</p></div>",
    );
    assert_eq!(diagnostics.extractor.profile, "reuters");
    assert_eq!(article.date_line.as_deref(), Some("2020-07-02T10:37:27"));
    // Reuters names no zone for it: no instant is guessed, the day is as printed.
    assert_eq!(article.published, None);
    assert_eq!(published_date(&article).as_deref(), Some("2020-07-02"));
    assert_eq!(
        article.paragraphs().collect::<Vec<_>>(),
        ["美国6月非农就业岗位增加480万个。", "失业率降至11.1%。"]
    );
    // With its offset, as in December 2020, the instant is read.
    let article = parse(
        "",
        "<div><i>2020-12-01T04:31:00Z</i></div><div class=\"StandardArticleBody_body\"><p>正文。</p></div>",
    );
    assert_eq!(
        published(&article).as_deref(),
        Some("2020-12-01T04:31:00+00:00")
    );
}

#[test]
fn an_empty_line_inside_a_paragraph_separates_paragraphs() {
    // ASAHI (no profile), JoongAng and CNA write several paragraphs in one `<p>`.
    for url in [
        "https://www.asahi.com/articles/ASQ1.html",
        "https://www.cna.com.tw/news/aipl/202110010001.aspx",
        "https://www.rfi.fr/cn/中国/20240301-x",
        "",
    ] {
        let article = parse(
            url,
            "<div><p>第一段。&nbsp;<br /><br />第二段。<br> <br>第三段，<br>同一段。</p></div>",
        );
        assert_eq!(
            article.paragraphs().collect::<Vec<_>>(),
            ["第一段。", "第二段。", "第三段，\n同一段。"],
            "{url}"
        );
    }
}

#[test]
fn a_bold_run_alone_between_empty_lines_is_a_subheading() {
    // CHOSUN (2025): `…<br /><br /><b>小标题</b><br /><br />…`, in a `<p>` or bare.
    for body in [
        "<div><p>第一段。<br /><br /><b>“投资韩国不挣钱”</b><br /><br />第二段。</p></div>",
        "<div>第一段。<br /><br /><b>“投资韩国不挣钱”</b><br />&nbsp;<br />第二段。</div>",
    ] {
        let article = parse(
            "https://cnnews.chosun.com/client/news/viw.asp?nNewsNumb=1",
            body,
        );
        assert_eq!(
            article.paragraphs().collect::<Vec<_>>(),
            ["第一段。", "“投资韩国不挣钱”", "第二段。"],
            "{body}"
        );
        assert!(
            matches!(&article.blocks[1], Block::Heading(heading) if heading.text() == "“投资韩国不挣钱”"),
            "{body}: {:?}",
            article.blocks
        );
    }
}

#[test]
fn the_zone_the_caller_names_reads_every_source_s_times() {
    let read = |url: &str, body: &str, zone: Option<&str>| {
        let input = format!("<!--1593686247000-->\n[标题]({url})\n------\n\n{body}");
        let mut options = rfi_parse::ParseOptions::new();
        if let Some(zone) = zone {
            options = options.zone(zone.parse().unwrap());
        }
        published(&rfi_parse::parse(input.as_bytes(), &options).expect("parses"))
    };
    // Reuters names no zone: no instant unless the caller names one.
    let reuters = "<div><i>2020-07-02T10:37:27</i></div>\
                   <div class=\"StandardArticleBody_body\"><p>正文。</p></div>";
    assert_eq!(read("", reuters, None), None);
    assert_eq!(
        read("", reuters, Some("Asia/Shanghai")).as_deref(),
        Some("2020-07-02T10:37:27+08:00")
    );
    // RFI's date line is Paris time unless the caller names another zone.
    let rfi = "<div>12/06/2023 - 17:21</div><div><p>正文。</p></div>";
    let url = "https://www.rfi.fr/cn/x";
    assert_eq!(
        read(url, rfi, None).as_deref(),
        Some("2023-06-12T17:21:00+02:00")
    );
    assert_eq!(
        read(url, rfi, Some("UTC")).as_deref(),
        Some("2023-06-12T17:21:00+00:00")
    );
    // An offset printed with the time is kept whatever zone is named.
    let dated = "<div><i>2020-12-01T04:31:00Z</i></div>\
                 <div class=\"StandardArticleBody_body\"><p>正文。</p></div>";
    assert_eq!(
        read("", dated, Some("Asia/Tokyo")).as_deref(),
        Some("2020-12-01T04:31:00+00:00")
    );
}

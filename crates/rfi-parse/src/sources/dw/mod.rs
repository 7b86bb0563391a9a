//! The `dw` source: its profile, as data.

use crate::address::{self, Href};
use crate::explain::Destination;
use crate::extract::body::SourceBlock;
use crate::extract::profile::*;
use crate::extract::settings;

pub(crate) const PROFILE: Profile = Profile {
    name: "dw",
    prints_time: true,
    hosts: &["dw.com"],
    // `dw.com/zh/…`, `dw.com/zh-hant/…`.
    url_languages: CODE_IN_FIRST_TWO_FOLDERS,
    // `/zh/<headline>/a-123`: the folder is the headline, not a section.
    url_section: Some(UrlSection {
        headline_before: Some("a-"),
        ..FIRST_FOLDER
    }),
    marks: &["static.dw.com/", "tvdownloaddw-a.akamaihd.net/"],
    header: Header {
        split_date_line: Some(byline_before_instant),
        ..GENERIC_HEADER
    },
    weak_marks: &[
        "（德国之声中文网）",
        "(德国之声中文网)",
        "（德國之聲中文網）",
    ],
    // Articles carry an ISO instant, but video and gallery pages carry none.
    zone: Some(chrono_tz::UTC),
    // DW writes a picture's caption as `<div><small>…</small></div>` after the `<img>`.
    captions: &["small", "figcaption"],
    furniture: &["相关图集", "相關圖集", "相关报道", "相關報導"],
    furniture_prefixes: &[
        "相关图集：",
        "相關圖集：",
        "相关图集:",
        "相關圖集:",
        // The disclaimers under reviews and quoted reports, and the Instagram promo.
        // Long (`摘编自其他媒体的内容，不代表德国之声的立场或观点`) and short
        // (`[摘编自其它媒体，不代表德国之声观点]`), with 其他 or 其它.
        "摘编自其他媒体",
        "摘编自其它媒体",
        "摘編自其他媒體",
        "摘編自其它媒體",
        "[摘编自其他媒体",
        "[摘编自其它媒体",
        "[摘編自其他媒體",
        "[摘編自其它媒體",
        "德国之声致力于为您提供客观中立的新闻",
        "德國之聲致力於為您提供客觀中立的新聞",
        "DW中文有Instagram",
    ],
    // A closing credit line (`作者： Julian Ryall (Tokyo)`, `编辑：Rayna Breuer、Rachel Baig`):
    // 4 files of the shared months, each the article's last paragraph.
    byline_labels: &["作者", "编辑", "編輯"],
    div_text_captions_image: true,
    // Text straight in its `<div>`s was read over the shared months: furniture.
    div_text_is_prose: false,
    block_rules: &[SourceRule {
        name: "article-reference",
        summary: "a paragraph that is only a link to another DW article (`<p><a rel=\"ArticleRef\" href=\"https://api.dw.com/api/detail/article/74586157\">台湾APEC代表会晤美财长…</a></p>`): a related article, left out",
        rule: article_reference,
    }],
    ..DEFAULT
};

/// Where DW's feed points a link to another of its articles (`rel="ArticleRef"`, 216
/// paragraphs of the shared months that are only such a link, every one to this API).
const ARTICLE_API: (&str, &str) = ("api.dw.com", "/api/detail/article/");

/// A paragraph that is only a link to another DW article, between the text's paragraphs
/// (`<p><a rel="ArticleRef">台湾APEC代表会晤美财长 美防长呼吁东盟对华立场坚定</a></p>`):
/// the headline of a related article, as the labelled ones (`延伸阅读：<a>…</a>`) are,
/// since 2022 mostly written without a label. A link inside a sentence, or around a whole
/// sentence, stays text.
fn article_reference(block: &mut SourceBlock<'_>) -> bool {
    let [link] = block.links.as_slice() else {
        return false;
    };
    // The link alone, or after a short label (`<p><strong>更多内容：<a rel="ArticleRef">乌克兰
    // 军购“大规模腐败”曝光</a></strong></p>`, `更多内容——`; 8 files of the shared months):
    // the label ends in a colon or a dash, whatever its words.
    let label = block.text[..link.start].trim();
    let labelled = label.is_empty()
        || (label.ends_with(['：', ':', '—'])
            && label.chars().count() <= settings::READ_MORE_LABEL_MAX_CHARS);
    let whole = labelled && block.text[link.end..].trim().is_empty();
    let to_an_article = match address::read(&link.url) {
        Href::Absolute(url) => {
            url.host_str() == Some(ARTICLE_API.0) && url.path().starts_with(ARTICLE_API.1)
        }
        _ => false,
    };
    // A sentence the page links whole (`<p><a rel="ArticleRef">过去几年，古巴经常被朝鲜
    // 媒体称赞为朝鲜的朋友和盟友。</a></p>`, 2024) is the text's own, linked for
    // background; a headline ends without a full stop.
    // So does a quotation after its speaker (`她说：<a rel="ArticleRef">“我们绝不会让（中国）迎头
    // 赶上。”</a>`): its full stop is inside the closing quote.
    let headline = !(block.text.trim_end())
        .trim_end_matches(['”', '」', '』', '"', '’', '\''])
        .ends_with(['。', '.']);
    let claimed = whole && to_an_article && headline;
    if claimed {
        let text = block.text.clone();
        block.note(Destination::Dropped, || Some(text));
    }
    claimed
}

/// The author printed before the instant (`William Yang 2023-07-01T12:30:02.493Z`): the
/// words before an ISO 8601 instant that ends the date line are its byline. The feed
/// writes an empty author field as `null` (`null 周子馨 2025-11-10T08:41:29.113Z`, 82
/// files of the shared months): that word names no one.
fn byline_before_instant(date_line: String) -> (Option<String>, String) {
    if let Some((name, last)) = date_line.rsplit_once(' ')
        && chrono::DateTime::parse_from_rfc3339(last).is_ok()
    {
        let name = name.trim();
        let name = name
            .strip_prefix(EMPTY_AUTHOR)
            .filter(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
            .unwrap_or(name)
            .trim();
        return (
            (!name.is_empty()).then(|| name.to_string()),
            last.to_string(),
        );
    }
    (None, date_line)
}

/// What the feed writes for an author field it has no value for.
const EMPTY_AUTHOR: &str = "null";

#[cfg(test)]
mod tests {
    use super::byline_before_instant;

    /// A DW article with `body` as its text.
    fn article(body: &str) -> crate::Article {
        let input = format!(
            "<!--1762400000000-->\n[T](https://www.dw.com/zh/t/a-74601234)\n------\n\n{body}"
        );
        crate::parse(&input, &Default::default()).expect("parses")
    }

    #[test]
    fn a_paragraph_that_is_only_a_link_to_another_article_is_left_out() {
        let reference = "<p><a href=\"https://api.dw.com/api/detail/article/74586157\" rel=\"ArticleRef\">台湾APEC代表会晤美财长 美防长呼吁东盟对华立场坚定</a></p>";
        let text = article(&format!(
            "<p>中国外交部周三在例行记者会上说明立场。</p>{reference}<p>APEC会议是台湾能够参与的少数几个国际多边会议之一。</p>"
        ));
        assert!(text.paragraphs().eq([
            "中国外交部周三在例行记者会上说明立场。",
            "APEC会议是台湾能够参与的少数几个国际多边会议之一。"
        ]));
        // Inside a sentence the same link is text.
        let inline = article(
            "<p>此前<a href=\"https://api.dw.com/api/detail/article/74586157\" rel=\"ArticleRef\">台湾代表会晤美财长</a>一事引发关注。</p>",
        );
        assert!(
            inline
                .paragraphs()
                .eq(["此前台湾代表会晤美财长一事引发关注。"])
        );
        // A whole sentence linked is text.
        let sentence = article(
            "<p><a href=\"https://api.dw.com/api/detail/article/41459506\" rel=\"ArticleRef\">过去几年，古巴经常被朝鲜媒体称赞为朝鲜的朋友和盟友。</a></p>",
        );
        assert!(
            sentence
                .paragraphs()
                .eq(["过去几年，古巴经常被朝鲜媒体称赞为朝鲜的朋友和盟友。"])
        );
        // A paragraph that is only a link elsewhere is no reference to a DW article.
        let elsewhere = article(
            "<p><a href=\"https://www.example.org/report\">联合国人权理事会年度报告全文</a></p>",
        );
        assert!(elsewhere.paragraphs().eq(["联合国人权理事会年度报告全文"]));
    }

    #[test]
    fn a_labelled_link_to_another_article_is_left_out_whatever_the_label_says() {
        for label in ["更多内容：", "<strong>更多内容——</strong>", "延伸阅读:"] {
            let text = article(&format!(
                "<p>国家反腐败局称有多名高级官员涉案。</p><p>{label}<a href=\"https://api.dw.com/api/detail/article/73513757\" rel=\"ArticleRef\">乌克兰军购“大规模腐败”曝光</a></p>"
            ));
            assert!(
                text.paragraphs().eq(["国家反腐败局称有多名高级官员涉案。"]),
                "{label}"
            );
        }
        // A quotation after its speaker is a sentence.
        let quotation = article(
            "<p>她说：<a href=\"https://api.dw.com/api/detail/article/68600000\" rel=\"ArticleRef\">“我们绝不会让（中国）迎头赶上。”</a></p>",
        );
        assert!(
            quotation
                .paragraphs()
                .eq(["她说：“我们绝不会让（中国）迎头赶上。”"])
        );
        // Words before the link that are no label (no colon or dash) are a sentence.
        let sentence = article(
            "<p>详见此前报道<a href=\"https://api.dw.com/api/detail/article/73513757\" rel=\"ArticleRef\">乌克兰军购“大规模腐败”曝光</a></p>",
        );
        assert!(
            sentence
                .paragraphs()
                .eq(["详见此前报道乌克兰军购“大规模腐败”曝光"])
        );
    }

    #[test]
    fn the_author_before_the_instant_is_the_byline_and_the_feed_s_null_is_no_one() {
        let instant = "2025-11-10T08:41:29.113Z".to_string();
        for (line, byline) in [
            (
                "William Yang 2025-11-10T08:41:29.113Z",
                Some("William Yang"),
            ),
            ("null 周子馨 2025-11-10T08:41:29.113Z", Some("周子馨")),
            ("null 2025-11-10T08:41:29.113Z", None),
            ("nullius 2025-11-10T08:41:29.113Z", Some("nullius")),
        ] {
            assert_eq!(
                byline_before_instant(line.to_string()),
                (byline.map(str::to_string), instant.clone()),
                "{line}"
            );
        }
        assert_eq!(
            byline_before_instant("2025-11-10".to_string()),
            (None, "2025-11-10".to_string())
        );
    }
}

//! The `dw` source: its profile, as data.

use crate::extract::profile::*;

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
    ..DEFAULT
};

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

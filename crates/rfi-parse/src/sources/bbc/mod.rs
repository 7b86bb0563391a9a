//! The `bbc` source: its profile, as data.

use crate::extract::profile::*;

pub(crate) const PROFILE: Profile = Profile {
    name: "bbc",
    hosts: &["bbc.com", "bbc.co.uk"],
    // `/zhongwen/simp/world-123`, and since 2023 `/zhongwen/articles/ID/simp`.
    url_languages: &[UrlLanguage {
        site: None,
        segments: &[Segment::At(1), Segment::At(3)],
        codes: LANGUAGE_CODES,
        otherwise: None,
    }],
    url_section: Some(UrlSection {
        site_folders: &["zhongwen", "news", "amp", "articles"],
        id_after: Some("articles"),
        headline_before: None,
        section_in_name: true,
    }),
    marks: &["ichef.bbci.co.uk", "bbc.com/zhongwen"],
    zone: Some(chrono_tz::UTC),
    captions: &["figcaption"],
    credits: &["p[role=text]", "span.story-image-copyright"],
    // The podcast promotion box, labelled so for screen readers.
    drop: &["section[aria-labelledby=podcast-promo]"],
    // The 2020 layout (`story-body`) marks its lead and its pictures' credits.
    lead: &["p.story-body__introduction"],
    caption_after: &[
        "[data-e2e=image-placeholder]",
        "[data-e2e=media-player]",
        "[class*=ImagePlaceholder]",
        "[class*=MediaPlayer]",
    ],
    // The video player (2021–): its poster picture, `你的器材不支持播放多媒体材料`, and
    // a link to the player's page (`📹 Video Page`), the embed's address.
    players: &["[data-e2e=media-player]"],
    // Since 2023 the byline is an ARIA region labelled so (`Author, ` and `Role, `
    // are its screen-reader labels), with the publication `<time>` in it.
    bylines: &[
        "section[aria-labelledby=article-byline]",
        "ul[class*=-Person]",
        "address",
        "a[rel=author]",
    ],
    // `<span role="text"><span>Author, </span><span>叶靖斯</span></span>`: the label read
    // out to screen readers before each byline field.
    byline_labelled: &["span[role=text]"],
    // 2025: `<div data-e2e="instagram-embed-https://…">` holds only the skip link, the
    // consent banner and the end marker of a quoted post.
    embed_address_attributes: &["data-e2e"],
    furniture: &[
        "你的器材不支持播放多媒体材料",
        "你的器材不支持播放多媒體材料",
        "你的設備不支持播放多媒體材料",
        "你的设备不支持播放多媒体材料",
        "你的裝置可能不支持這一可視化效果",
        "你的装置可能不支持这一可视化效果",
        "End of Podcast",
        "End of podcast promotion",
        "Skip Podcast and continue reading",
        // The link a player placeholder holds to its video page.
        "📹 Video Page",
        "Podcast",
        "分集",
    ],
    byline_list_first: true,
    junk_images: &["/images/ic/512x512/"],
    // Text straight in its `<div>`s was read over the shared months: furniture.
    div_text_is_prose: false,
    ..DEFAULT
};

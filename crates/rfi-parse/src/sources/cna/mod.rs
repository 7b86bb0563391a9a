//! The `cna` source: its profile, as data.

use crate::extract::profile::*;

pub(crate) const PROFILE: Profile = Profile {
    name: "cna",
    hosts: &["cna.com.tw"],
    url_languages: &[UrlLanguage {
        site: Some("cna.com.tw"),
        segments: &[],
        codes: LANGUAGE_CODES,
        otherwise: Some("zh-Hant"),
    }],
    marks: &["imgcdn.cna.com.tw", "www.cna.com.tw/"],
    weak_marks: &["（中央社"],
    zone: Some(chrono_tz::Asia::Taipei),
    url_date: UrlDate::Compact,
    text_date: TextDate::RocStamp("（中央社"),
    drop: &[
        "div.topNewsTitle",
        "div.topNews",
        "div.owl-carousel",
        "div.paragraph.bottomBox",
        // "More on this topic" boxes: headline links under a tag.
        "div.moreArticle",
        // Inline related-news links between paragraphs.
        "div.insertGroup",
        // The newsletter sign-up box.
        "div.SubscriptionInner",
        // A glossary term's pop-up box (its title, definition, and buttons).
        "div.dictionary-box",
        // The Google News follow box and the LINE banner (2025): promotions.
        "div.gmailNews",
        "div.lineAd",
    ],
    // `<div class=dictionary><span>氣象署持續發布</span><span>低溫特報</span>
    // <div class=dictionary-box>…</div><span>，受到…</span></div>`: one sentence.
    inline: &["div.dictionary"],
    captions: &["div.picinfo", "figcaption"],
    tags: &["div.keywordTag"],
    furniture: &[
        "在 Instagram 查看這則貼文",
        "在Instagram查看這則貼文",
        "View this post on Instagram",
        "聚焦新聞",
    ],
    // The newsletter promotion under its morning digest.
    furniture_prefixes: &["上午8點同步發送電子報"],
    ..DEFAULT
};

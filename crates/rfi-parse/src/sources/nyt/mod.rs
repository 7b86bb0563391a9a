//! The `nyt` source: its profile, as data.

use crate::extract::profile::*;

pub(crate) const PROFILE: Profile = Profile {
    name: "nyt",
    // The first folder past the common ones is the section (`/world/…`, `/china/…`).
    url_section: Some(FIRST_FOLDER),
    prints_time: true,
    hosts: &["nytimes.com"],
    // `cn.nytimes.com/…/zh-hant/` is traditional, the rest simplified.
    url_languages: &[UrlLanguage {
        site: Some("cn.nytimes.com"),
        segments: &[Segment::Last],
        codes: LANGUAGE_CODES,
        otherwise: Some("zh-Hans"),
    }],
    marks: &["static01.nyt.com", "cn.nytimes.com"],
    url_date: UrlDate::Compact,
    // The Chinese edition prints Beijing time: its times run 0 to 12 hours ahead of
    // the collection time read as UTC+8, never after it.
    zone: Some(chrono_tz::Asia::Shanghai),
    captions: &["figcaption", "small"],
    credits: &["cite"],
    bylines: &["address", "footer p", "a[rel=author]"],
    byline_labels: &["翻译：", "翻譯："],
    furniture: &[
        "点击查看本文英文版。",
        "點擊查看本文英文版。",
        "点击查看更多关于他的信息。",
        "点击查看更多关于她的信息。",
    ],
    // Text straight in its `<div>`s was read over the shared months: furniture.
    div_text_is_prose: false,
    ..DEFAULT
};

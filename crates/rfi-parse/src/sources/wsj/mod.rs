//! The `wsj` source: its profile, as data.

use crate::extract::profile::*;

pub(crate) const PROFILE: Profile = Profile {
    name: "wsj",
    prints_time: true,
    opening_text_is_lead: true,
    hosts: &["wsj.com"],
    // `cn.wsj.com/zh-hant/…` is traditional, the rest simplified.
    url_languages: &[UrlLanguage {
        site: Some("cn.wsj.com"),
        segments: &[Segment::At(0)],
        codes: LANGUAGE_CODES,
        otherwise: Some("zh-Hans"),
    }],
    marks: &["images.wsj.net"],
    zone: Some(chrono_tz::Asia::Shanghai),
    // The Chinese edition's date line, `2023年7月1日10:15 CST`: China Standard Time,
    // the zone above (with ` 更新` when the article was updated).
    date_formats: &["%Y年%m月%d日%H:%M CST", "%Y年%m月%d日%H:%M CST 更新"],
    bylines: &["[itemprop=name]", "a[rel=author]"],
    furniture: &[
        "相关阅读：",
        "相关阅读",
        "（本文稍后会有更新）",
        "（本文稍後會有更新）",
        "相關閱讀：",
        "延伸阅读：",
        "延伸閱讀：",
    ],
    // Text straight in its `<div>`s was read over the shared months: furniture.
    div_text_is_prose: false,
    ..DEFAULT
};

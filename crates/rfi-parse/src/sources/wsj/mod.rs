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
    // The card of a video whose player the feed stripped (2022-24: `<div
    // class="media-object scope-"><div><div><div><h4 itemprop="description"></h4></div>
    // </div><p>description…封面图片来源：…<span>WSJ S Chinese</span></p></div></div>`, 81
    // files of the shared months): the whole card has no address, no picture and no
    // player left, so it is no embed (an embed is an address); its description is the
    // lost video's caption (the same card stands under up to 7 articles), left out with
    // it as a lost picture's caption is, not the article's text. Where the player is still there (`<iframe src="https://video-api.wsj.com/…">`),
    // the card is an embed with its caption.
    drop: &["div.media-object:has(h4[itemprop=description]):not(:has(iframe, video))"],
    // Text straight in its `<div>`s was read over the shared months: furniture.
    div_text_is_prose: false,
    ..DEFAULT
};

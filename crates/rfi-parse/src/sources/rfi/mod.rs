//! The `rfi` source: its profile, as data.

use crate::extract::profile::*;

pub(crate) const PROFILE: Profile = Profile {
    name: "rfi",
    // The first folder past the common ones is the section (`/cn/中国/…`).
    url_section: Some(FIRST_FOLDER),
    prints_time: true,
    hosts: &["rfi.fr"],
    // `rfi.fr/cn/…`, `rfi.fr/tw/…`.
    url_languages: CODE_IN_FIRST_TWO_FOLDERS,
    marks: &["://s.rfi.fr/", "://static.rfi.fr/"],
    opening_date_line: Some("%d/%m/%Y - %H:%M"),
    // Its date line's form, then the common ones.
    date_formats: &[
        "%d/%m/%Y - %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M",
    ],
    // RFI: date line, lead image and `<p><strong>` lead at the top; text straight in its
    // layout `<div>`s is furniture.
    header: Header {
        any_date_block: true,
        strong_lead: true,
        opening_picture_is_lead: false,
        body_text_is_prose: false,
        split_date_line: None,
    },
    // The author line under the text (`<span>作者：</span><a href="/cn/作者/夏榕/">`, 2024).
    byline_labels: &["作者："],
    // The end mark of the agency reports RFI reprints.
    furniture: &["~. Fin .~"],
    // The social-card picture standing in for a lead image
    // (`static.rfi.fr/meta_og_twcards/RFI_FB.png`, on 792 AFP dispatches of 2020-12):
    // no picture of the article, left out.
    // And a column's title card (`…/fa_guo_shi_jie_bao_wb161923-rfi-cn-20150123_cartouche.jpg`,
    // 法国世界报's, over 92 of its press reviews in the shared data; eight columns' cards,
    // 153 files), no picture of the article either.
    // The same cards are also saved under their banner names (`WB15399-RFI-CN-20100304.png`,
    // 法国报纸摘要's, the id and date of its `…_cartouche.jpg`: 40 files), and the press
    // review has its own (`03-revue-de-presse_0.png`, over 103 of its programmes).
    placeholder_images: &[
        "/meta_og_twcards/",
        "_cartouche",
        "-RFI-CN-",
        "/03-revue-de-presse_",
    ],
    copyright: &["p.t-copyright"],
    // The video player (2022): `<youtube-player source=…>` and the poster figure with
    // its caption, shown until the player is started.
    players: &["[data-wrapper-video-player]"],
    zone: Some(chrono_tz::Europe::Paris),
    url_date: UrlDate::Compact,
    has_lead: true,
    has_date_line: true,
    // The RFI walker reads its figures and their captions itself.
    captions: &[],
    captions_after_image: &[],
    bylines: &[],
    div_text_captions_image: false,
    // Text straight in RFI's layout `<div>`s is player and byline furniture.
    div_text_is_prose: false,
    // Promotion slots (`data-selfpromo-…`, in 2021–24 pages), the ad slot
    // (`data-tms-ad`) and the share widget (`data-root-share`).
    noise_attributes: &["data-selfpromo", "data-tms-ad", "data-root-share"],
    ..DEFAULT
};

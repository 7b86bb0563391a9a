//! The generic profile: what any page's markup says, and every source's defaults.

use crate::extract::profile::*;

/// The wall-clock forms every profile reads unless it names its own: ISO 8601's date and
/// time with a space and no offset (a `<time datetime>`), with or without seconds, and
/// with slashes, and with its `T` and no offset (Reuters 2020:
/// `<div><i>2020-07-02T10:37:27</i></div>`). A source's own form is in its profile
/// (`sources/<name>/`).
pub(crate) const WALL_CLOCK_FORMATS: &[&str] = &[
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
];

/// The newsroom roles of Chinese-language credits (traditional and simplified), which
/// the archive's sources print in parentheses at a paragraph's end.
pub(crate) const CHINESE_CREDIT_ROLES: &[&str] = &[
    "編輯",
    "编辑",
    // The short form (`（編：陳清芳）`, CNA).
    "編",
    "编",
    "編緝",
    "網編",
    "网编",
    "網輯",
    "网辑",
    "責編",
    "责编",
    "實習編輯",
    "实习编辑",
    "譯者",
    "译者",
    "編譯",
    "编译",
    "實習編譯",
    "实习编译",
    "翻譯",
    "翻译",
    "翻译和编辑",
    "翻譯和編輯",
    "翻译编辑",
    "翻譯編輯",
    "核稿",
    "校對",
    "校对",
    "攝影",
    "摄影",
    "撰稿",
];

/// Credit labels the archive's sources use before an image's source (`图片来源：Reuters`),
/// every profile's unless it names its own.
pub(crate) const CREDIT_LABELS: &[&str] = &[
    "图像来源，",
    "圖像來源，",
    "图像来源:",
    "圖像來源:",
    "图像来源：",
    "圖像來源：",
    "图片来源：",
    "圖片來源：",
    "图片来源:",
    "圖片來源:",
    "Image source, ",
];

/// The profile of a source nobody has read: what the markup says in any page, and the
/// defaults every source's profile starts from (`..DEFAULT`).
pub(crate) const PROFILE: Profile = Profile {
    name: "default",
    hosts: &[],
    marks: &[],
    opening_date_line: None,
    weak_marks: &[],
    header: GENERIC_HEADER,
    zone: None,
    date_formats: WALL_CLOCK_FORMATS,
    // The URL of a source nobody has read says nothing for sure: no day is taken from it.
    url_date: UrlDate::None,
    text_date: None,
    own_time: None,
    // Only known sites' paths name a language: `/gb/` or `/hk/` elsewhere need not be one.
    url_languages: &[],
    // A path's folder is a section only where the profile knows its site's paths (RFI,
    // Al Jazeera, CNA, the NYT, BBC, DW, NHK): elsewhere it may be the CMS's
    // (`/article/`, `/client/`) or a language service's (`/cantonese/`).
    url_section: None,
    caption_credit_agencies: &[],
    lead: &[],
    has_lead: false,
    has_date_line: false,
    prints_time: false,
    drop: &[],
    noise_attributes: &[],
    inline: &[],
    captions: &["figcaption"],
    // Small print right after a picture: `<small>`, or text styled so beside it (Al
    // Jazeera's WordPress pages to 2019: `<p><img><br><span style="font-size:small">…
    // </span></p>`; a byline so styled after the caption's block is no caption).
    captions_after_image: &[
        "small",
        "img ~ [style*=\"font-size:small\"]",
        "img ~ [style*=\"font-size: small\"]",
        "[class*=caption]",
        "[class*=Caption]",
    ],
    credits: &[],
    credit_labels: CREDIT_LABELS,
    copyright: &[],
    caption_after: &[],
    players: &[],
    bylines: &["address", "a[rel=author]"],
    byline_labelled: &[],
    byline_labels: &[],
    credit_roles: CHINESE_CREDIT_ROLES,
    tags: &[],
    list_position_words: None,
    embed_address_attributes: &[],
    // The archive's own furniture, under every source's articles.
    footer_openings: crate::sources::ARCHIVE_FOOTER_OPENINGS,
    furniture: &[],
    furniture_prefixes: &[],
    byline_list_first: false,
    byline_bold_first: false,
    junk_images: &[],
    placeholder_images: &[],
    div_text_captions_image: true,
    // Without a profile nothing says text straight in a `<div>` is furniture: it is kept.
    div_text_is_prose: true,
    opening_text_is_lead: false,
    block_rules: &[],
};

//! The `rthk` source: its profile, as data.

use crate::extract::profile::*;

pub(crate) const PROFILE: Profile = Profile {
    name: "rthk",
    hosts: &["rthk.hk"],
    // `news.rthk.hk/rthk/ch/…` Chinese (Hong Kong, traditional), `/rthk/en/`.
    url_languages: &[UrlLanguage {
        site: Some("news.rthk.hk"),
        segments: &[Segment::At(1)],
        codes: &[("ch", "zh-Hant"), ("en", "en")],
        otherwise: None,
    }],
    // `/rthk/ch/component/k2/ID-DATE.htm`: site, language and the CMS's folders.
    url_section: None,
    url_date: UrlDate::TrailingCompact,
    marks: &[],
    // Plain-text paragraphs (Markdown posts); times in Hong Kong.
    zone: Some(chrono_tz::Asia::Hong_Kong),
    ..DEFAULT
};

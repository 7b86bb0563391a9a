//! The `kyodo` source: its profile, as data.

use crate::extract::profile::*;

pub(crate) const PROFILE: Profile = Profile {
    name: "kyodo",
    hosts: &["kyodonews.net"],
    url_languages: &[
        UrlLanguage {
            site: Some("china.kyodonews.net"),
            segments: &[],
            codes: LANGUAGE_CODES,
            otherwise: Some("zh-Hans"),
        },
        UrlLanguage {
            site: Some("tchina.kyodonews.net"),
            segments: &[],
            codes: LANGUAGE_CODES,
            otherwise: Some("zh-Hant"),
        },
    ],
    marks: &["kyodonews.net"],
    weak_marks: &["【共同社", "<div class=\"article-body\">"],
    zone: Some(chrono_tz::Asia::Tokyo),
    url_date: UrlDate::YearMonth,
    text_date: TextDate::MonthDayDateline("【共同社"),
    // Text straight in its `<div>`s was read over the shared months: furniture.
    div_text_is_prose: false,
    ..DEFAULT
};

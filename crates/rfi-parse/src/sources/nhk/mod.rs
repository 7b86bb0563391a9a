//! The `nhk` source: its profile, as data.

use crate::extract::profile::*;

pub(crate) const PROFILE: Profile = Profile {
    name: "nhk",
    hosts: &["nhk.or.jp", "nhk.jp"],
    // `nhk.or.jp/nhkworld/zh/…`: after the site's own folder.
    url_languages: CODE_IN_FIRST_TWO_FOLDERS,
    url_section: Some(UrlSection {
        site_folders: &["nhkworld", "news", "amp", "articles"],
        ..FIRST_FOLDER
    }),
    // `/detail/20241205_ML07.json`; ids such as `k10014660011000` state none.
    url_date: UrlDate::Compact,
    marks: &["nhk.or.jp/nhkworld"],
    zone: Some(chrono_tz::Asia::Tokyo),
    // Text straight in its `<div>`s was read over the shared months: furniture.
    div_text_is_prose: false,
    ..DEFAULT
};

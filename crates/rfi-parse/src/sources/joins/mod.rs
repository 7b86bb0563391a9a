//! The `joins` source: its profile, as data.

use crate::extract::profile::*;

pub(crate) const PROFILE: Profile = Profile {
    name: "joins",
    prints_time: true,
    hosts: &["joins.com", "joongang.co.kr"],
    marks: &["chinese.joins.com"],
    opening_date_line: Some("%Y.%m.%d %H:%M"),
    // Its date line's form, then the common ones.
    date_formats: &[
        "%Y.%m.%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M",
    ],
    zone: Some(chrono_tz::Asia::Seoul),
    has_date_line: true,
    // The standfirst under the headline, `<div class="article-head-sub">`.
    lead: &["div.article-head-sub"],
    drop: &["div.profile-images"],
    tags: &["div.tag-group"],
    furniture: &["查看其它新闻", "查看其它新聞"],
    junk_images: &["/image/newsroom/default-user.png"],
    // Text straight in its `<div>`s was read over the shared months: furniture.
    div_text_is_prose: false,
    ..DEFAULT
};

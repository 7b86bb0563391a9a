//! The `reuters` source: its profile, as data.

use crate::extract::profile::*;

pub(crate) const PROFILE: Profile = Profile {
    name: "reuters",
    prints_time: true,
    hosts: &["reuters.com"],
    // Its 2020 pages' body class, which files without a URL keep (public scrapers of
    // reuters.com select `div.StandardArticleBody_body`).
    marks: &["static.reuters.com/", "StandardArticleBody_body"],
    // Its dateline (`路透伦敦11月30日 - `) opens the first paragraph.
    weak_marks: &["<p>路透", " - 路透", "路透中文"],
    // `编译/审校 王灿/戴素萍` closes its reports.
    byline_labels: &["编译", "編譯", "审校", "審校", "编辑", "編輯"],
    // It prints ISO 8601 instants with their offset; no wall-clock time is read. (Its
    // 2020 files without a URL print one without an offset, `2020-07-02T10:37:27`, in
    // no zone they name: its day only.)
    zone: None,
    // The end mark of every report.
    furniture: &["（完）", "(完)"],
    ..DEFAULT
};

//! The `reuters` source: its profile, as data.

use crate::extract::profile::*;

pub(crate) const PROFILE: Profile = Profile {
    name: "reuters",
    prints_time: true,
    hosts: &["reuters.com"],
    marks: &["static.reuters.com/"],
    // Its dateline (`路透伦敦11月30日 - `) opens the first paragraph.
    weak_marks: &["<p>路透", " - 路透", "路透中文"],
    // `编译/审校 王灿/戴素萍` closes its reports.
    byline_labels: &["编译", "編譯", "审校", "審校", "编辑", "編輯"],
    // It prints ISO 8601 instants with their offset; no wall-clock time is read.
    zone: None,
    // The end mark of every report.
    furniture: &["（完）", "(完)"],
    ..DEFAULT
};

//! The `rfa` source: its profile, as data.

use crate::extract::profile::*;

pub(crate) const PROFILE: Profile = Profile {
    name: "rfa",
    hosts: &["rfa.org"],
    url_date: UrlDate::MonthDayYearStamp,
    marks: &["www.rfa.org/"],
    captions: &["span.lead_image_caption", "figcaption"],
    credits: &["span.copyright"],
    // The closing credit line `記者：…　編輯：…　網編：…` (a question put by a
    // reporter in an interview is a sentence, and no byline line is one).
    byline_labels: &[
        "記者：",
        "记者：",
        "編輯",
        "编辑",
        "網編",
        "网编",
        "責編",
        "责编",
    ],
    // The Asia Fact Check Lab's closing promotion: what the lab is, and where to
    // follow it (its first mention in a report's text is prose and stays).
    furniture_prefixes: &[
        "亞洲事實查核實驗室（Asia Fact Check Lab）針對",
        "亚洲事实查核实验室（Asia Fact Check Lab）针对",
        "亞洲事實查核實驗室在X",
        "亚洲事实查核实验室在X",
    ],
    junk_images: &["/img/icon-zoom.png"],
    // Text straight in its `<div>`s was read over the shared months: furniture.
    div_text_is_prose: false,
    ..DEFAULT
};

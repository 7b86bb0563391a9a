//! The `rfa` source: its profile, as data.

use crate::extract::profile::*;

pub(crate) const PROFILE: Profile = Profile {
    name: "rfa",
    hosts: &["rfa.org"],
    url_date: UrlDate::MonthDayYearStamp,
    marks: &["www.rfa.org/"],
    captions: &["span.lead_image_caption", "figcaption"],
    credits: &["span.copyright"],
    byline_labels: &["編輯", "编辑", "網編", "网编", "責編", "责编"],
    junk_images: &["/img/icon-zoom.png"],
    // Text straight in its `<div>`s was read over the shared months: furniture.
    div_text_is_prose: false,
    ..DEFAULT
};

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
    // The credits under the text, a line each (`<div class="view-editors">…<strong
    // class="names">译 | 司空宽淑</strong><strong class="names">校 | 李霖</strong>…`, 75 of
    // December 2020's 288 files); the reporter named only in the avatar's `alt` and a
    // comment is no printed credit.
    bylines: &["div.view-editors strong.names"],
    tags: &["div.tag-group"],
    furniture: &["查看其它新闻", "查看其它新聞"],
    junk_images: &["/image/newsroom/default-user.png"],
    // Text straight in its `<div>`s was read over the shared months: furniture.
    div_text_is_prose: false,
    ..DEFAULT
};

#[cfg(test)]
mod tests {
    #[test]
    fn the_credits_under_the_text_are_the_byline() {
        let input = "<!--1609033140000-->\n[T]()\n------\n\n\
            <div>2020.12.27 10:39</div><p>正文第一段。</p>\
            <div class=\"view-editors\"><div><div class=\"profile-images\"><img src=\"https://chinese.joins.com/image/newsroom/default-user.png\" alt=\"世宗=任成彬 记者\"></div>\
            <strong class=\"names\">译 | 司空宽淑</strong> <strong class=\"names\">校 | 李霖</strong>\
            <a href=\"/news/articleList.html?sc_area=I&amp;sc_word=joins\" class=\"articles\">查看其它新闻</a></div></div>";
        let article = crate::parse(input, &Default::default()).unwrap();
        assert!(article.paragraphs().eq(["正文第一段。"]));
        assert_eq!(article.byline.as_deref(), Some("译 | 司空宽淑\n校 | 李霖"));
    }
}

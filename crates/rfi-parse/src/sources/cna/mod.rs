//! The `cna` source: its profile, as data.

use crate::explain::Destination;
use crate::extract::body::SourceBlock;
use crate::extract::day::{DayEvidence, latest_day_on_or_before, number};
use crate::extract::profile::*;

pub(crate) const PROFILE: Profile = Profile {
    name: "cna",
    // The first folder past the common ones is the section (`/news/aipl/…`: its desk code).
    url_section: Some(FIRST_FOLDER),
    hosts: &["cna.com.tw"],
    url_languages: &[UrlLanguage {
        site: Some("cna.com.tw"),
        segments: &[],
        codes: LANGUAGE_CODES,
        otherwise: Some("zh-Hant"),
    }],
    marks: &["imgcdn.cna.com.tw", "www.cna.com.tw/"],
    weak_marks: &["（中央社"],
    zone: Some(chrono_tz::Asia::Taipei),
    url_date: UrlDate::Compact,
    text_date: Some(text_date),
    // Its topic timeline (2024, in the `div.moreArticle` box dropped below) lists the
    // article itself as the item without a link, with its time: read in Taipei time.
    own_time: Some(OwnTime {
        element: "li.timelineItem.isNotLink[data-time]",
        attribute: "data-time",
    }),
    drop: &[
        "div.topNewsTitle",
        "div.topNews",
        "div.owl-carousel",
        "div.paragraph.bottomBox",
        // "More on this topic" boxes: headline links under a tag.
        "div.moreArticle",
        // Inline related-news links between paragraphs.
        "div.insertGroup",
        // The newsletter sign-up box.
        "div.SubscriptionInner",
        // A glossary term's pop-up box (its title, definition, and buttons).
        "div.dictionary-box",
        // The Google News follow box and the LINE banner (2025): promotions.
        "div.gmailNews",
        "div.lineAd",
    ],
    // `<div class=dictionary><span>氣象署持續發布</span><span>低溫特報</span>
    // <div class=dictionary-box>…</div><span>，受到…</span></div>`: one sentence.
    inline: &["div.dictionary"],
    captions: &["div.picinfo", "figcaption"],
    // A correspondent's column (2020) opens with its author box under the topic's title:
    // `<div class="author">中央社駐洛杉磯特派員林宏翰／12月20日</div>`.
    bylines: &["address", "a[rel=author]", "div.author"],
    tags: &["div.keywordTag"],
    furniture: &[
        "在 Instagram 查看這則貼文",
        "在Instagram查看這則貼文",
        "View this post on Instagram",
        "聚焦新聞",
    ],
    // The newsletter promotion under its morning digest, and the podcast's (特派談新事,
    // weekly: `立即收聽：【…】`, `▶「特派談新事」IG圈粉／…`) under its show notes.
    furniture_prefixes: &["上午8點同步發送電子報", "立即收聽：", "▶「特派談新事」"],
    // The podcast's credits over and under its show notes (`主持人：周永捷／…`,
    // `後製團隊：中央社影音中心`, `影音編輯｜文字編輯：鄭惠文`).
    byline_labels: &["主持人", "與談人", "後製團隊", "影音編輯", "文字編輯"],
    block_rules: &[SourceRule {
        name: "roc-stamp",
        summary: "a date stamp in the Republic of China calendar closing a sentence (`…為準。1091201`): cut off to `published_date`",
        rule: roc_stamp,
    }],
    ..DEFAULT
};

/// The date stamp closing the text (after the editor credit, or a sentence), in the
/// Republic of China calendar: `（編輯：張雅淨）1091201` is 2020-12-01 (year 109 + 1911),
/// moved out of the text; else the day of the dateline (`（中央社記者…台北1日電）`) in the
/// month of the collection (or the one before, for a day still to come in it).
fn text_date(evidence: &DayEvidence<'_>) -> Option<chrono::NaiveDate> {
    evidence
        .date_stamps
        .iter()
        .rev()
        .find_map(|stamp| roc_stamp_date(stamp))
        .or_else(|| {
            let day = dateline_day(evidence.first_paragraph?)?;
            latest_day_on_or_before(day, evidence.collected)
        })
}

/// `1091201`: year 109 of the Republic of China calendar (1911 + 109 = 2020).
fn roc_stamp_date(stamp: &str) -> Option<chrono::NaiveDate> {
    if stamp.len() != ROC_STAMP_DIGITS || !stamp.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year = 1911 + i32::try_from(number(&stamp[..3], 3)?).ok()?;
    chrono::NaiveDate::from_ymd_opt(year, number(&stamp[3..5], 2)?, number(&stamp[5..], 2)?)
}

/// `（中央社記者楊淑閔台北1日電）` opening a paragraph: the day of the month.
fn dateline_day(paragraph: &str) -> Option<u32> {
    let inner = paragraph.trim_start().strip_prefix("（中央社")?;
    let (before, _) = inner.split_once("日電")?;
    if before.chars().count() > 24 || before.contains('）') {
        return None;
    }
    let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    number(&before[before.len() - digits..], 2).filter(|day| (1..=31).contains(day))
}

/// Digits of a date stamp in the Republic of China calendar (`1091201` is 2020-12-01).
const ROC_STAMP_DIGITS: usize = 7;

/// A date stamp printed after the text's last sentence (`…為準。1091201`): cut off, for
/// `published_date`; the rest goes on down.
fn roc_stamp(block: &mut SourceBlock<'_>) -> bool {
    let text = &*block.text;
    if let Some(stamp) = text.get(text.len().saturating_sub(ROC_STAMP_DIGITS)..)
        && stamp.len() == ROC_STAMP_DIGITS
        && stamp.bytes().all(|b| b.is_ascii_digit())
        && text[..text.len() - ROC_STAMP_DIGITS].ends_with(['。', '）', '」', '！', '？'])
    {
        let stamp = stamp.to_string();
        let cut = text.len() - ROC_STAMP_DIGITS;
        block.note(Destination::Date, || Some(stamp.clone()));
        block.fields.date_stamps.push(stamp);
        block.cut(cut);
    }
    false
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_podcast_s_credits_are_its_byline_and_its_promotion_furniture() {
        let input = "<!--1709731200000-->\n[T](https://www.cna.com.tw/news/afe/202403065004.aspx)\n------\n\n\
            <p>主持人：周永捷／中央社國際暨兩岸新聞中心副主任<br>與談人：楊明珠／中央社駐日本特派員</p>\
            <p>台積電日本熊本廠JASM日前開幕。</p>\
            <p>後製團隊：中央社影音中心<br>影音編輯｜文字編輯：鄭惠文</p>\
            <p>立即收聽：【<a href=\"https://reurl.cc/prbodQ\">特派談新事｜ 2024.03.06</a>】</p>\
            <p>▶「特派談新事」IG圈粉／廖漢原：搜尋 @correspondentnewsinsight<br>▶意見信箱：cnaonpodcast@gmail.com</p>";
        let article = crate::parse(input, &Default::default()).unwrap();
        assert!(article.paragraphs().eq(["台積電日本熊本廠JASM日前開幕。"]));
        assert_eq!(
            article.byline.as_deref(),
            Some(
                "主持人：周永捷／中央社國際暨兩岸新聞中心副主任\n與談人：楊明珠／中央社駐日本特派員\n後製團隊：中央社影音中心\n影音編輯｜文字編輯：鄭惠文"
            )
        );
    }

    #[test]
    fn a_stamp_closing_the_text_dates_it_and_leaves_the_text() {
        let input = "<!--1606780800000-->\n[T](https://www.cna.com.tw/news/aipl/x.aspx)\n------\n\n<p>颱風明天登陸，以氣象局公布為準。1091201</p>";
        let explanation = crate::explain(input, &Default::default()).unwrap();
        assert_eq!(
            explanation.article.paragraphs().collect::<Vec<_>>(),
            ["颱風明天登陸，以氣象局公布為準。"]
        );
        assert_eq!(
            explanation
                .article
                .published_date
                .map(|d| d.to_string())
                .as_deref(),
            Some("2020-12-01")
        );
        let stamp = &explanation.decisions[0];
        assert_eq!((stamp.text.as_str(), stamp.rule), ("1091201", "roc-stamp"));
        // Without a sentence mark before the digits, they are text.
        let input = input.replace("為準。1091201", "為準1091201");
        let article = crate::parse(&input, &Default::default()).unwrap();
        assert_eq!(
            article.paragraphs().collect::<Vec<_>>(),
            ["颱風明天登陸，以氣象局公布為準1091201"]
        );
    }
}

//! The `kyodo` source: its profile, as data.

use crate::extract::day::{
    DayEvidence, latest_day_on_or_before, latest_on_or_before, number, year_month,
};
use crate::extract::profile::*;
use chrono::NaiveDate;

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
    text_date: Some(text_date),
    // Text straight in its `<div>`s was read over the shared months: furniture.
    div_text_is_prose: false,
    ..DEFAULT
};

/// The first paragraph opens with the dateline, perhaps a place, the month and the day
/// (`【共同社华盛顿10月5日电】`), or a daily page's title closes with its day
/// (`追踪菅义伟首相（1日）`); the year (and a title's month) are the URL's
/// (`/news/2021/10/…`), else the latest that puts the day no later than a day after the
/// collection.
fn text_date(evidence: &DayEvidence<'_>) -> Option<NaiveDate> {
    let year_month = evidence
        .url_segments
        .windows(2)
        .find_map(|w| year_month(&w[0], &w[1]));
    let Some((month, day)) = evidence.first_paragraph.and_then(dateline_month_day) else {
        // A daily page names only its day, in its title (`追踪菅义伟首相（1日）`).
        let day = title_day(evidence.title)?;
        return match year_month {
            Some((year, month)) => NaiveDate::from_ymd_opt(year, month, day),
            None => latest_day_on_or_before(day, evidence.collected),
        };
    };
    match year_month {
        // A dateline of December in a January folder is the year before.
        Some((year, url_month)) if month > url_month => {
            NaiveDate::from_ymd_opt(year - 1, month, day)
        }
        Some((year, _)) => NaiveDate::from_ymd_opt(year, month, day),
        None => latest_on_or_before(month, day, evidence.collected),
    }
}

/// `【共同社10月1日电】`, `【共同社华盛顿10月5日电】`: the month and day after the mark
/// and the place, if one is named.
fn dateline_month_day(paragraph: &str) -> Option<(u32, u32)> {
    let rest = paragraph.trim_start().strip_prefix("【共同社")?;
    let place = rest.find(|c: char| c.is_ascii_digit())?;
    if rest[..place].chars().count() > 12 || rest[..place].contains('】') {
        return None;
    }
    let (month, rest) = rest[place..].split_once('月')?;
    let (day, _) = rest.split_once('日')?;
    let (month, day) = (number(month.trim(), 2)?, number(day.trim(), 2)?);
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((month, day))
}

/// `…（1日）` closing a title: the day of the month.
fn title_day(title: &str) -> Option<u32> {
    let inner = title.trim_end().strip_suffix("日）")?.rsplit_once('（')?.1;
    number(inner, 2).filter(|day| (1..=31).contains(day))
}

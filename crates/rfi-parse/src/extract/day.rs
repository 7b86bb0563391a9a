//! The publication day: printed, else as the source's URL or text states it by its profile.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};

use super::profile::{Profile, UrlDate};

/// What the day may be read from.
pub(crate) struct DayEvidence<'a> {
    pub(crate) published: Option<DateTime<FixedOffset>>,
    pub(crate) printed_date: Option<NaiveDate>,
    /// The article address's path segments, decoded.
    pub(crate) url_segments: &'a [String],
    pub(crate) first_paragraph: Option<&'a str>,
    pub(crate) title: &'a str,
    /// Date stamps printed after credits, in document order.
    pub(crate) date_stamps: &'a [String],
    pub(crate) collected: DateTime<Utc>,
}

/// The publication day: the printed instant's own calendar day, a date printed without
/// a time, else the day the profile's URL or text rule states; `None` when nothing
/// states one (nothing is guessed from the collection time alone).
pub(crate) fn publication_day(profile: &Profile, evidence: &DayEvidence<'_>) -> Option<NaiveDate> {
    if let Some(published) = evidence.published {
        return Some(published.date_naive_local());
    }
    if let Some(date) = evidence.printed_date {
        return Some(date);
    }
    let segments = evidence.url_segments;
    let from_url = match profile.url_date {
        UrlDate::None | UrlDate::YearMonth => None,
        UrlDate::Compact => segments.iter().find_map(|segment| compact_date(segment)),
        UrlDate::Segments => segments.windows(3).find_map(|w| ymd(&w[0], &w[1], &w[2])),
        UrlDate::MonthDayYearStamp => segments.last().and_then(|last| {
            let stem = last.split('.').next()?;
            let stamp = stem.rsplit('-').next()?;
            (stamp.len() == 14 && stamp.bytes().all(|b| b.is_ascii_digit()))
                .then(|| ymd(&stamp[4..8], &stamp[..2], &stamp[2..4]))
                .flatten()
        }),
        UrlDate::TrailingCompact => segments.last().and_then(|last| {
            let stem = last.split('.').next()?;
            let (_, stamp) = stem.rsplit_once('-')?;
            (stamp.len() == 8).then(|| compact_date(stamp)).flatten()
        }),
    };
    if from_url.is_some() {
        return from_url;
    }
    // The day the source's text states (a dateline, a stamp), by its own rule.
    profile.text_date.and_then(|rule| rule(evidence))
}

trait LocalDay {
    fn date_naive_local(&self) -> NaiveDate;
}

impl LocalDay for DateTime<FixedOffset> {
    /// The calendar day as printed: in the instant's own offset, not in UTC.
    fn date_naive_local(&self) -> NaiveDate {
        self.naive_local().date()
    }
}

/// `YYYYMMDD` opening a segment (`202110010290.aspx`, `20231001-标题`, `20240322`).
fn compact_date(segment: &str) -> Option<NaiveDate> {
    let digits = segment.get(..8)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let date = NaiveDate::parse_from_str(digits, "%Y%m%d").ok()?;
    (1990..2200).contains(&date.year()).then_some(date)
}

/// A number of at most `max_len` ASCII digits.
pub(crate) fn number(text: &str, max_len: usize) -> Option<u32> {
    (!text.is_empty() && text.len() <= max_len && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn ymd(year: &str, month: &str, day: &str) -> Option<NaiveDate> {
    let year = i32::try_from(number(year, 4)?).ok()?;
    if year < 1990 || year.to_string().len() != 4 {
        return None;
    }
    NaiveDate::from_ymd_opt(year, number(month, 2)?, number(day, 2)?)
}

pub(crate) fn year_month(year: &str, month: &str) -> Option<(i32, u32)> {
    let year = i32::try_from(number(year, 4)?).ok()?;
    let month = number(month, 2)?;
    (year >= 1990 && (1..=12).contains(&month)).then_some((year, month))
}

/// The latest date on this day of a month that is no later than a day after the
/// collection.
pub(crate) fn latest_day_on_or_before(day: u32, collected: DateTime<Utc>) -> Option<NaiveDate> {
    let limit = collected.date_naive().succ_opt()?;
    let mut first = limit.with_day(1)?;
    for _ in 0..3 {
        if let Some(date) = first.with_day(day)
            && date <= limit
        {
            return Some(date);
        }
        first = first.pred_opt()?.with_day(1)?;
    }
    None
}

/// The latest date with this month and day that is no later than a day after the
/// collection (a dateline is printed before its article is collected).
pub(crate) fn latest_on_or_before(
    month: u32,
    day: u32,
    collected: DateTime<Utc>,
) -> Option<NaiveDate> {
    let limit = collected.date_naive().succ_opt()?;
    let this_year = NaiveDate::from_ymd_opt(limit.year(), month, day);
    match this_year {
        Some(date) if date <= limit => Some(date),
        _ => NaiveDate::from_ymd_opt(limit.year() - 1, month, day),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::profile::by_name;

    fn day(
        profile: &str,
        url: Option<&str>,
        first: Option<&str>,
        stamps: &[&str],
    ) -> Option<String> {
        titled(profile, url, first, stamps, "")
    }

    fn titled(
        profile: &str,
        url: Option<&str>,
        first: Option<&str>,
        stamps: &[&str],
        title: &str,
    ) -> Option<String> {
        let stamps: Vec<String> = stamps.iter().map(|s| s.to_string()).collect();
        let address = url.and_then(super::super::origin::address);
        let evidence = DayEvidence {
            published: None,
            printed_date: None,
            url_segments: address.as_ref().map_or(&[], |address| &address.segments),
            first_paragraph: first,
            title,
            date_stamps: &stamps,
            collected: "2021-01-02T03:00:00Z".parse().unwrap(),
        };
        publication_day(by_name(profile).unwrap(), &evidence).map(|d| d.to_string())
    }

    #[test]
    fn each_profile_reads_its_own_url_and_text() {
        let cna = Some("https://www.cna.com.tw/news/aipl/202511200123.aspx");
        assert_eq!(day("cna", cna, None, &[]).as_deref(), Some("2025-11-20"));
        assert_eq!(
            day("cna", None, None, &["1091201"]).as_deref(),
            Some("2020-12-01")
        );
        let rfi = Some("https://www.rfi.fr/cn/中国/20231001-标题");
        assert_eq!(day("rfi", rfi, None, &[]).as_deref(), Some("2023-10-01"));
        let rthk = Some("https://news.rthk.hk/rthk/ch/component/k2/1742648-20240301.htm");
        assert_eq!(day("rthk", rthk, None, &[]).as_deref(), Some("2024-03-01"));
        let no_stamp = Some("https://news.rthk.hk/rthk/ch/component/k2/1742648.htm");
        assert_eq!(day("rthk", no_stamp, None, &[]), None);
        let aj = Some("http://chinese.aljazeera.net/news/2021/7/23/标题");
        assert_eq!(day("aj", aj, None, &[]).as_deref(), Some("2021-07-23"));
        let kyodo = Some("https://china.kyodonews.net/news/2021/10/67d717bdde17.html");
        let dateline = Some("【共同社10月1日电】日本金融担当相");
        assert_eq!(
            day("kyodo", kyodo, dateline, &[]).as_deref(),
            Some("2021-10-01")
        );
        let january = Some("https://china.kyodonews.net/news/2021/01/x.html");
        let december = Some("【共同社12月31日电】");
        assert_eq!(
            day("kyodo", january, december, &[]).as_deref(),
            Some("2020-12-31")
        );
        // No URL: the year that puts the dateline on or before the collection.
        assert_eq!(
            day("kyodo", None, december, &[]).as_deref(),
            Some("2020-12-31")
        );
        assert_eq!(
            day("kyodo", None, Some("【共同社1月2日电】"), &[]).as_deref(),
            Some("2021-01-02")
        );
        // A dateline that names its place, and a daily page whose title names the day.
        let place = Some("【共同社华盛顿10月5日电】美国团队称");
        assert_eq!(
            day("kyodo", kyodo, place, &[]).as_deref(),
            Some("2021-10-05")
        );
        let schedule = titled("kyodo", kyodo, Some("<上午>"), &[], "追踪菅义伟首相（1日）");
        assert_eq!(schedule.as_deref(), Some("2021-10-01"));
        let no_url = titled("kyodo", None, Some("<上午>"), &[], "追踪菅义伟首相（31日）");
        assert_eq!(no_url.as_deref(), Some("2020-12-31"));
        assert_eq!(titled("kyodo", None, None, &[], "首相（32日）"), None);
        let rfa = Some("https://www.rfa.org/cantonese/news/us-china-spy-12072024103440.html");
        assert_eq!(day("rfa", rfa, None, &[]).as_deref(), Some("2024-12-07"));
        let nhk = Some("https://nwapi.nhk.jp/nhkworld/rdnewsweb/v6b/zh/detail/20241205_ML07.json");
        assert_eq!(day("nhk", nhk, None, &[]).as_deref(), Some("2024-12-05"));
        let id = Some("https://nwapi.nhk.jp/nhkworld/rdnewsweb/v6b/zh/detail/k10014660011000.json");
        assert_eq!(day("nhk", id, None, &[]), None);
        // CNA without URL or stamp: its dateline's day, in the collection's month.
        let cna = Some("（中央社記者楊淑閔台北1日電）行政院");
        assert_eq!(day("cna", None, cna, &[]).as_deref(), Some("2021-01-01"));
        let late = Some("（中央社華盛頓30日綜合外電報導）");
        assert_eq!(day("cna", None, late, &[]), None, "no 電: no dateline read");
        let december = Some("（中央社台北31日電）");
        assert_eq!(
            day("cna", None, december, &[]).as_deref(),
            Some("2020-12-31")
        );
    }

    #[test]
    fn nothing_is_read_where_the_profile_names_no_rule() {
        let dated = Some("https://example.com/news/2021/10/01/20211001-x");
        assert_eq!(
            day("default", dated, Some("【共同社10月1日电】"), &["1091201"]),
            None
        );
        assert_eq!(
            day(
                "cna",
                Some("https://www.cna.com.tw/news/aipl/99999999.aspx"),
                None,
                &[]
            ),
            None
        );
        assert_eq!(day("cna", None, None, &["10912"]), None);
        assert_eq!(
            day(
                "aj",
                Some("http://chinese.aljazeera.net/news/2021/13/1/x"),
                None,
                &[]
            ),
            None
        );
        assert_eq!(day("kyodo", None, Some("日本金融担当相"), &[]), None);
    }
}

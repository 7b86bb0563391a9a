//! Printed dates: instants (RFI's `DD/MM/YYYY - HH:MM` in a named zone, ISO 8601) and dates alone.

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, Offset,
    TimeZone,
};
use chrono_tz::Tz;

use crate::language;

/// Reads a date line as an instant with its UTC offset.
///
/// Wall-clock forms are the `formats` a profile names (by default, the common ones), local
/// time in `zone` (the source's zone; `None` when the source has none, and then they are
/// not read). A time that does not exist (the spring-forward gap) is read with the
/// offset in force just before the gap, so `02:30` becomes `03:30+02:00`; a time that
/// exists twice (the autumn fall-back) is the earlier of the two, in summer time. ISO
/// 8601 / RFC 3339 instants keep their own offset, also inside other text (DW puts the
/// author's name before it). A date printed without a time is no instant (see
/// [`parse_date_only`]): none is invented.
pub(crate) fn parse_date_line(
    text: &str,
    zone: Option<Tz>,
    formats: &[&str],
) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    if let Some(zone) = zone {
        for format in formats {
            if let Ok(local) = NaiveDateTime::parse_from_str(text, format) {
                return Some(resolve_local(local, zone));
            }
        }
    }
    if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
        return Some(instant);
    }
    iso_instant_within(text)
}

/// Reads a date printed without a time, the whole text: `2020-09-05`, `2020/09/05`,
/// `2020.09.05`, `2020年 9月 5日` (spaces anywhere), `September 5, 2020`, `5 September
/// 2020` (English month names, full or abbreviated). Years 1900 to 2199 only: a page
/// number or an id is no date.
pub(crate) fn parse_date_only(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if text.len() > 40 {
        return None;
    }
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let date = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"]
        .into_iter()
        .chain(language::date_forms())
        .find_map(|format| NaiveDate::parse_from_str(&compact, format).ok())
        .or_else(|| {
            let spaced = super::text::spaced(&text.replace(',', " "));
            ["%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y"]
                .iter()
                .find_map(|format| NaiveDate::parse_from_str(&spaced, format).ok())
        })?;
    (1900..2200).contains(&date.year()).then_some(date)
}

/// The first RFC 3339 instant that stands as a word inside `text`.
fn iso_instant_within(text: &str) -> Option<DateTime<FixedOffset>> {
    text.split_whitespace()
        .find_map(|word| DateTime::parse_from_rfc3339(word).ok())
}

/// Attaches `zone`'s offset to a wall-clock time by the rule documented on [`parse_date_line`].
pub(crate) fn resolve_local(local: NaiveDateTime, zone: Tz) -> DateTime<FixedOffset> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(time) | LocalResult::Ambiguous(time, _) => time.fixed_offset(),
        LocalResult::None => {
            // Zones move at most a few hours and never twice in a day.
            let before_gap = zone
                .offset_from_utc_datetime(&(local - Duration::days(1)))
                .fix();
            let utc = local - Duration::seconds(i64::from(before_gap.local_minus_utc()));
            zone.from_utc_datetime(&utc).fixed_offset()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Paris;

    /// A profile's formats: a day-first one of its own, then the common ones.
    const FORMATS: &[&str] = &[
        "%d/%m/%Y - %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M",
    ];

    fn parse_date_line(text: &str, zone: Option<Tz>) -> Option<DateTime<FixedOffset>> {
        super::parse_date_line(text, zone, FORMATS)
    }

    fn paris(text: &str) -> String {
        parse_date_line(text, Some(Paris)).expect(text).to_rfc3339()
    }

    #[test]
    fn summer_and_winter_offsets() {
        assert_eq!(paris("12/06/2023 - 17:21"), "2023-06-12T17:21:00+02:00");
        assert_eq!(paris("01/01/2021 - 13:27"), "2021-01-01T13:27:00+01:00");
    }

    #[test]
    fn either_side_of_the_spring_change() {
        // 26 March 2023: 02:00 CET jumps to 03:00 CEST.
        assert_eq!(paris("26/03/2023 - 01:59"), "2023-03-26T01:59:00+01:00");
        assert_eq!(paris("26/03/2023 - 03:00"), "2023-03-26T03:00:00+02:00");
        // Inside the gap: read with the winter offset, which lands after the jump.
        assert_eq!(paris("26/03/2023 - 02:30"), "2023-03-26T03:30:00+02:00");
    }

    #[test]
    fn either_side_of_the_autumn_change() {
        // 29 October 2023: 03:00 CEST falls back to 02:00 CET; 02:xx happens twice.
        assert_eq!(paris("29/10/2023 - 01:59"), "2023-10-29T01:59:00+02:00");
        assert_eq!(paris("29/10/2023 - 02:30"), "2023-10-29T02:30:00+02:00");
        assert_eq!(paris("29/10/2023 - 03:00"), "2023-10-29T03:00:00+01:00");
    }

    #[test]
    fn other_zones_and_iso_instants() {
        let tokyo = parse_date_line("12/06/2023 - 17:21", Some(chrono_tz::Asia::Tokyo)).unwrap();
        assert_eq!(tokyo.to_rfc3339(), "2023-06-12T17:21:00+09:00");
        assert_eq!(
            paris("2021-01-31T10:01:32.235Z"),
            "2021-01-31T10:01:32.235+00:00"
        );
    }

    #[test]
    fn other_sources_forms() {
        assert_eq!(
            paris("William Yang 2023-07-01T12:30:02.493Z"),
            "2023-07-01T12:30:02.493+00:00"
        );
        assert_eq!(parse_date_line("2023-07-01", Some(Paris)), None);
        assert_eq!(paris("2025-11-20 10:04"), "2025-11-20T10:04:00+01:00");
        // A profile's own formats, in its zone (WSJ's Chinese edition).
        let wsj = ["%Y年%m月%d日%H:%M CST", "%Y年%m月%d日%H:%M CST 更新"];
        let shanghai = Some(chrono_tz::Asia::Shanghai);
        assert_eq!(
            super::parse_date_line("2023年7月1日10:15 CST 更新", shanghai, &wsj)
                .map(|t| t.to_rfc3339()),
            Some("2023-07-01T10:15:00+08:00".to_string())
        );
        assert_eq!(
            parse_date_line("2023年7月1日10:15 CST 更新", shanghai),
            None
        );
    }

    #[test]
    fn dates_printed_without_a_time() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        for (text, want) in [
            ("2020-09-05", day(2020, 9, 5)),
            ("2020/9/5", day(2020, 9, 5)),
            ("2020.09.05", day(2020, 9, 5)),
            ("2020年 9月 5日", day(2020, 9, 5)),
            ("2020年12月1日", day(2020, 12, 1)),
            ("September 1, 2020", day(2020, 9, 1)),
            ("Sep 1, 2020", day(2020, 9, 1)),
            ("1 September 2020", day(2020, 9, 1)),
            ("2020-02-30", None),
            ("1091201", None),
            ("12/06/2023 - 17:21", None),
            ("3000-01-01", None),
            ("7 分钟前", None),
        ] {
            assert_eq!(parse_date_only(text), want, "{text:?}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for text in [
            "",
            "31/02/2023 - 10:00",
            "12/06/2023 17:21",
            "hello",
            "12/06/2023 - 25:00",
        ] {
            assert_eq!(parse_date_line(text, Some(Paris)), None, "{text:?}");
        }
    }
}

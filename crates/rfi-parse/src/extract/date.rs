//! Date lines: RFI's `DD/MM/YYYY - HH:MM` in a named time zone, and ISO 8601 instants.

use chrono::{
    DateTime, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeZone,
};
use chrono_tz::Tz;

/// Reads a date line as an instant with its UTC offset.
///
/// Wall-clock forms are local time in `zone` (the source's zone; `None` when the source
/// has none, and then they are not read): `DD/MM/YYYY - HH:MM` (RFI), `YYYY.MM.DD HH:MM`
/// (JoongAng), `YYYY-MM-DD HH:MM:SS` (the NYT's `<time datetime>`). A time that does not
/// exist (the spring-forward gap) is read with the offset in force just before the gap,
/// so `02:30` becomes `03:30+02:00`; a time that exists twice (the autumn fall-back) is
/// the earlier of the two, in summer time. ISO 8601 / RFC 3339 instants keep their own
/// offset, also inside other text (DW puts the author's name before it); an ISO date
/// alone (BBC's `<time datetime>`) is midnight UTC; `2023年7月1日10:15 CST` (WSJ's Chinese
/// edition) is China Standard Time.
pub(crate) fn parse_date_line(text: &str, zone: Option<Tz>) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    if let Some(zone) = zone {
        for format in ["%d/%m/%Y - %H:%M", "%Y.%m.%d %H:%M", "%Y-%m-%d %H:%M:%S"] {
            if let Ok(local) = NaiveDateTime::parse_from_str(text, format) {
                return Some(resolve_local(local, zone));
            }
        }
    }
    if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
        return Some(instant);
    }
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(date.and_time(NaiveTime::MIN).and_utc().fixed_offset());
    }
    iso_instant_within(text).or_else(|| chinese_date_time(text))
}

/// The first RFC 3339 instant that stands as a word inside `text`.
fn iso_instant_within(text: &str) -> Option<DateTime<FixedOffset>> {
    text.split_whitespace()
        .find_map(|word| DateTime::parse_from_rfc3339(word).ok())
}

/// `2023年7月1日10:15 CST`: China Standard Time is UTC+8.
fn chinese_date_time(text: &str) -> Option<DateTime<FixedOffset>> {
    if !(text.contains("CST") || text.contains("北京时间") || text.contains("北京時間")) {
        return None;
    }
    let (date, rest) = text.split_once('日')?;
    let (year, rest_of_date) = date.trim().split_once('年')?;
    let (month, day) = rest_of_date.split_once('月')?;
    let time: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .collect();
    let (hour, minute) = time.split_once(':')?;
    let local = NaiveDate::from_ymd_opt(
        year.trim().parse().ok()?,
        month.parse().ok()?,
        day.parse().ok()?,
    )?
    .and_hms_opt(hour.parse().ok()?, minute.parse().ok()?, 0)?;
    let china = FixedOffset::east_opt(8 * 3600)?;
    china.from_local_datetime(&local).single()
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
        assert_eq!(paris("2023-07-01"), "2023-07-01T00:00:00+00:00");
        assert_eq!(
            paris("2023年7月1日10:15 CST 更新"),
            "2023-07-01T10:15:00+08:00"
        );
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

//! The three header lines: `<!--epoch-ms-->`, `[title](url)` and `------`.

use chrono::{DateTime, Datelike, Utc};

use crate::error::{ParseError, ParseErrorKind, excerpt};

/// The header fields of an archive file, borrowed from the input, and the body after them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header<'a> {
    pub(crate) timestamp_ms: i64,
    pub(crate) timestamp: DateTime<Utc>,
    pub(crate) title: &'a str,
    /// The URL as written; `None` when the link is `[title]()`.
    pub(crate) url_raw: Option<&'a str>,
    /// Everything after the separator line.
    pub(crate) body: &'a str,
}

/// Splits an archive file into its header fields and its HTML body.
///
/// Accepts a leading UTF-8 byte-order mark and CRLF line ends.
pub(crate) fn split(input: &str) -> Result<Header<'_>, ParseError> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    if input.trim().is_empty() {
        return Err(ParseError::new(1, ParseErrorKind::EmptyFile));
    }
    let mut rest = input;
    let mut next_line = || {
        let (line, tail) = match rest.find('\n') {
            Some(end) => (&rest[..end], &rest[end + 1..]),
            None => (rest, ""),
        };
        rest = tail;
        line.strip_suffix('\r').unwrap_or(line).trim()
    };
    let (timestamp_ms, timestamp) = parse_timestamp(next_line())?;
    let (title, url_raw) = parse_link(next_line())?;
    let separator = next_line();
    if separator.len() < 3 || !separator.bytes().all(|b| b == b'-') {
        return Err(ParseError::new(
            3,
            ParseErrorKind::MissingSeparator {
                found: excerpt(separator),
            },
        ));
    }
    Ok(Header {
        timestamp_ms,
        timestamp,
        title,
        url_raw,
        body: rest,
    })
}

/// The blank lines `text` opens with: the line breaks before its first character that
/// is not ASCII whitespace (a body is often one long line, which is never scanned).
pub(crate) fn blank_lines(text: &str) -> usize {
    let mut lines = 0;
    for byte in text.bytes() {
        match byte {
            b'\n' => lines += 1,
            b' ' | b'\t' | b'\r' | b'\x0c' => {}
            _ => break,
        }
    }
    lines
}

fn parse_timestamp(line: &str) -> Result<(i64, DateTime<Utc>), ParseError> {
    let Some(value) = line
        .strip_prefix("<!--")
        .and_then(|inner| inner.strip_suffix("-->"))
        .map(str::trim)
    else {
        return Err(ParseError::new(
            1,
            ParseErrorKind::MissingTimestamp {
                found: excerpt(line),
            },
        ));
    };
    let invalid = |reason| {
        ParseError::new(
            1,
            ParseErrorKind::InvalidTimestamp {
                value: excerpt(value),
                reason,
            },
        )
    };
    let digits = value.strip_prefix('-').unwrap_or(value);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid("not a whole number of milliseconds"));
    }
    let millis: i64 = value.parse().map_err(|_| invalid("out of range"))?;
    let time = DateTime::from_timestamp_millis(millis)
        .filter(|time| (0..=9999).contains(&time.year()))
        // RFC 3339, and so every JSON or YAML consumer, has four-digit years only.
        .ok_or_else(|| invalid("out of range: the year must be 0000 to 9999"))?;
    Ok((millis, time))
}

/// Reads `[TITLE](URL)`, where TITLE may itself hold brackets: the URL follows the last `](`.
fn parse_link(line: &str) -> Result<(&str, Option<&str>), ParseError> {
    let missing = || {
        ParseError::new(
            2,
            ParseErrorKind::MissingLink {
                found: excerpt(line),
            },
        )
    };
    let inner = line
        .strip_prefix('[')
        .and_then(|inner| inner.strip_suffix(')'))
        .ok_or_else(missing)?;
    let split = inner.rfind("](").ok_or_else(missing)?;
    let title = inner[..split].trim();
    let url = &inner[split + 2..];
    let url = (!url.trim().is_empty()).then_some(url);
    Ok((title, url))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(input: &str) -> Header<'_> {
        split(input).expect("valid header")
    }

    #[test]
    fn reads_the_three_lines() {
        let h = header("<!--1686586501000-->\n[Title](https://a.example/x)\n------\n\n<p>b</p>");
        assert_eq!(h.timestamp_ms, 1_686_586_501_000);
        assert_eq!(h.timestamp.to_rfc3339(), "2023-06-12T16:15:01+00:00");
        assert_eq!(h.title, "Title");
        assert_eq!(h.url_raw, Some("https://a.example/x"));
        assert_eq!(h.body, "\n<p>b</p>");
    }

    #[test]
    fn title_may_hold_brackets_and_parentheses() {
        let h = header("<!--1-->\n[[视频] a (b) ](c)](https://x.example/(1))\n------\n");
        assert_eq!(h.title, "[视频] a (b) ](c)");
        assert_eq!(h.url_raw, Some("https://x.example/(1)"));
    }

    #[test]
    fn empty_url_is_none() {
        assert_eq!(header("<!--1-->\n[t]()\n------\n").url_raw, None);
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        let h = header("\u{feff}<!--5-->\r\n[t](u)\r\n------\r\n\r\n<p>x</p>\r\n");
        assert_eq!((h.timestamp_ms, h.title, h.url_raw), (5, "t", Some("u")));
        assert_eq!(h.body, "\r\n<p>x</p>\r\n");
    }

    #[test]
    fn each_problem_names_its_line() {
        let cases = [
            ("", 1, "empty file"),
            (" \n\n", 1, "empty file"),
            ("hello\n[t](u)\n------\n", 1, "missing timestamp"),
            ("<!--abc-->\n[t](u)\n------\n", 1, "invalid timestamp"),
            ("<!---->\n[t](u)\n------\n", 1, "invalid timestamp"),
            (
                "<!--99999999999999999999-->\n[t](u)\n------\n",
                1,
                "out of range",
            ),
            (
                "<!--9223372036854775807-->\n[t](u)\n------\n",
                1,
                "out of range",
            ),
            // RFC 3339 has four-digit years: 10000-01-01 and the year before 0000 are refused.
            (
                "<!--253402300800000-->\n[t](u)\n------\n",
                1,
                "year must be 0000 to 9999",
            ),
            (
                "<!---62167219200001-->\n[t](u)\n------\n",
                1,
                "year must be 0000 to 9999",
            ),
            ("<!--1-->\ntitle only\n------\n", 2, "missing link line"),
            ("<!--1-->\n[t]\n------\n", 2, "missing link line"),
            ("<!--1-->", 2, "missing link line"),
            ("<!--1-->\n[t](u)\n<p>x</p>\n", 3, "missing separator"),
            ("<!--1-->\n[t](u)\n", 3, "missing separator"),
        ];
        for (input, line, message) in cases {
            let error = split(input).expect_err(input);
            assert_eq!(error.line(), line, "{input:?}");
            assert!(error.to_string().contains(message), "{input:?}: {error}");
        }
    }

    #[test]
    fn negative_timestamps_before_1970_are_valid() {
        assert_eq!(header("<!---1000-->\n[t](u)\n---\n").timestamp_ms, -1000);
        // The first and last milliseconds with four-digit years.
        let first = header("<!---62167219200000-->\n[t](u)\n---\n").timestamp;
        assert_eq!(first.to_rfc3339(), "0000-01-01T00:00:00+00:00");
        let last = header("<!--253402300799999-->\n[t](u)\n---\n").timestamp;
        assert_eq!(last.to_rfc3339(), "9999-12-31T23:59:59.999+00:00");
    }
}

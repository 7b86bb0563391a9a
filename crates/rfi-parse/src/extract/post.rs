//! The upstream post form: a Jekyll post (`---` YAML front matter with `title`, `date`,
//! `link`, `categories`, then the body HTML one element a line), flattened into the
//! archive form exactly as the archives were made, so that both read the same.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Tz;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::TScalarStyle;

use crate::error::{ParseError, ParseErrorKind, excerpt};

/// The archive form of `input` when it is a post; `None` when it is not one.
///
/// Flattening, as the archives were made: `date` becomes epoch milliseconds on line 1,
/// `[title](link)` line 2, `------` line 3, then a blank line and the body's lines, each
/// stripped, joined.
pub(crate) fn flatten(
    input: &str,
    zone: Tz,
    markup: BodyMarkup,
) -> Option<Result<(String, usize), ParseError>> {
    let text = input.strip_prefix('\u{feff}').unwrap_or(input);
    // A Markdown post may end its lines with CR alone; CommonMark reads CR, LF and CRLF
    // alike, and so does the front matter here.
    let normalized;
    let text = if markup == BodyMarkup::Markdown && text.contains('\r') {
        normalized = text.replace("\r\n", "\n").replace('\r', "\n");
        normalized.as_str()
    } else {
        text
    };
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    // A file that is only the opening line has no rest (and no closing line).
    let after_opening = text.get(first_end + 1..).unwrap_or("");
    Some(flatten_post(after_opening, zone, markup))
}

/// What a post's body is written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum BodyMarkup {
    /// HTML, one element a line (`_posts/….html`): flattened as the archives were.
    #[default]
    Html,
    /// Markdown (`_posts/….md`, RTHK's posts): read as CommonMark.
    Markdown,
}

fn flatten_post(
    after_opening: &str,
    zone: Tz,
    markup: BodyMarkup,
) -> Result<(String, usize), ParseError> {
    // The front matter runs to the next line that is `---` (or `...`).
    let mut offset = 0;
    let mut closing = None;
    for line in after_opening.split_inclusive('\n') {
        if matches!(line.trim_end(), "---" | "...") {
            closing = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((yaml_end, body_start)) = closing else {
        return Err(ParseError::new(
            1,
            ParseErrorKind::InvalidFrontMatter {
                message: "the `---` block is never closed".to_string(),
            },
        ));
    };
    let yaml = &after_opening[..yaml_end];
    // The YAML starts on line 2 of the file.
    let front = read_front_matter(yaml).map_err(|(line, message)| {
        ParseError::new(line + 1, ParseErrorKind::InvalidFrontMatter { message })
    })?;
    let line_of = |name: &str| {
        yaml.lines()
            .position(|line| line.starts_with(&format!("{name}:")))
            .map_or(1, |at| at + 2)
    };
    let date = front.date.ok_or(ParseError::new(
        1,
        ParseErrorKind::MissingFrontMatterField { field: "date" },
    ))?;
    let timestamp_ms = parse_post_date(&date, zone).ok_or_else(|| {
        ParseError::new(
            line_of("date"),
            ParseErrorKind::InvalidTimestamp {
                value: excerpt(&date),
                reason: "not a date as Jekyll reads it (`YYYY-MM-DD[ HH:MM[:SS[.F]]][ +ZZ:ZZ]`, year 0000 to 9999)",
            },
        )
    })?;
    let title = front.title.ok_or(ParseError::new(
        1,
        ParseErrorKind::MissingFrontMatterField { field: "title" },
    ))?;
    // A long link may be a block scalar broken over lines; the archives joined them.
    // A `](` inside it would read as the end of the title on line 2 (the address follows
    // the last one): its `]` is percent-encoded, the same address to a web server.
    let link: String = front
        .link
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .collect::<String>()
        .replace("](", "%5D(");
    let body = &after_opening[body_start..];
    // The post's line where the body's content starts: after the opening `---` (line 1),
    // the front matter and its closing line, and any blank lines.
    let body_line =
        2 + after_opening[..body_start].matches('\n').count() + super::header::blank_lines(body);
    let mut flat = format!(
        "<!--{timestamp_ms}-->\n[{}]({})\n------\n\n",
        title.replace('\n', " ").trim(),
        link
    );
    match markup {
        BodyMarkup::Html => {
            // The archives were made by a splitter that also ends lines at the other
            // Unicode line boundaries (U+2028, U+0085, form feed…), as Python's
            // `splitlines` does: so is this one, so that a post and its archive file
            // read the same.
            let boundaries = |c: char| {
                matches!(
                    c,
                    '\n' | '\r'
                        | '\x0b'
                        | '\x0c'
                        | '\x1c'
                        | '\x1d'
                        | '\x1e'
                        | '\u{85}'
                        | '\u{2028}'
                        | '\u{2029}'
                )
            };
            for line in body.split(boundaries) {
                flat.push_str(line.trim());
            }
        }
        // CommonMark rendered to HTML (raw HTML in it passes through), then read by the
        // same extraction as any HTML body: one paragraph per Markdown paragraph,
        // headings, list items and block quotes as blocks, images as images.
        BodyMarkup::Markdown => {
            // CommonMark ends lines only at `\n` and `\r`; a Unicode line or paragraph
            // separator (RTHK's `穩中有升。\u{2028}她提到`) would stay in the text as an
            // invisible character, where the HTML form of a post ends a line there.
            let separators = ['\u{2028}', '\u{2029}'];
            let body = if body.contains(separators) {
                std::borrow::Cow::Owned(body.replace(separators, "\n"))
            } else {
                std::borrow::Cow::Borrowed(body)
            };
            let parser = pulldown_cmark::Parser::new_ext(&body, pulldown_cmark::Options::empty());
            pulldown_cmark::html::push_html(&mut flat, nesting_bounded(parser));
        }
    }
    Ok((flat, body_line))
}

/// How deep a Markdown post's elements may nest as HTML: real posts nest lists and
/// quotes a few levels; one line of `+ ` repeated nests a list per two bytes, whose tree
/// cost 540 MB per MB of post.
const MAX_MARKDOWN_NESTING: usize = 32;

/// The Markdown's events with every element deeper than [`MAX_MARKDOWN_NESTING`] left
/// out and its text kept in the element above (a line break where a block was), so
/// that the HTML has bounded depth, its size and tree linear in the post's.
fn nesting_bounded<'a>(
    events: impl Iterator<Item = pulldown_cmark::Event<'a>>,
) -> impl Iterator<Item = pulldown_cmark::Event<'a>> {
    use pulldown_cmark::{Event, Tag, TagEnd};
    // Per open element, whether it was kept; the events nest, so this is their stack.
    let mut kept: Vec<bool> = Vec::new();
    let mut depth = 0;
    let is_block = |tag: &Tag<'_>| {
        !matches!(
            tag,
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
        )
    };
    let block_end = |tag: &TagEnd| {
        !matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
        )
    };
    events.filter_map(move |event| match event {
        Event::Start(tag) => {
            let keep = depth < MAX_MARKDOWN_NESTING;
            kept.push(keep);
            if keep {
                depth += 1;
                Some(Event::Start(tag))
            } else {
                is_block(&tag).then_some(Event::SoftBreak)
            }
        }
        Event::End(tag) => {
            if kept.pop().unwrap_or(true) {
                depth -= 1;
                Some(Event::End(tag))
            } else {
                block_end(&tag).then_some(Event::SoftBreak)
            }
        }
        other => Some(other),
    })
}

/// How deep the front matter's collections may nest. The fields read are top-level
/// scalars; real posts nest one level (`categories: [dw]`).
const MAX_NESTING: usize = 64;

/// The front matter fields a post's archive form is made of.
#[derive(Default)]
struct FrontMatter {
    title: Option<String>,
    date: Option<String>,
    link: Option<String>,
}

/// Reads the top-level scalar fields from the front matter's YAML events, in one pass
/// and with no recursion: collections nested deeper than [`MAX_NESTING`] are an error,
/// and an alias is never expanded (only an alias of a scalar is read, as that scalar),
/// so no front matter costs more than linear time and memory. Errors carry the 1-based
/// line within the YAML.
fn read_front_matter(yaml: &str) -> Result<FrontMatter, (usize, String)> {
    let mut parser = Parser::new_from_str(yaml);
    let mut front = FrontMatter::default();
    // Anchored scalars by anchor id; collections are never copied.
    let mut anchored: Vec<(usize, String)> = Vec::new();
    let mut depth = 0usize;
    // At depth 1 of a top-level mapping: the key whose value comes next.
    let mut key: Option<String> = None;
    let mut top_is_mapping = false;
    loop {
        let (event, mark) = parser
            .next_token()
            .map_err(|error| (error.marker().line(), error.info().to_string()))?;
        let value = match event {
            Event::StreamEnd => break,
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if depth == 0 {
                    top_is_mapping = matches!(event, Event::MappingStart(..));
                } else if depth == 1 {
                    // A collection is no scalar field: its key gets nothing.
                    key = None;
                }
                depth += 1;
                if depth > MAX_NESTING {
                    return Err((
                        mark.line(),
                        format!("collections nested more than {MAX_NESTING} deep"),
                    ));
                }
                continue;
            }
            Event::MappingEnd | Event::SequenceEnd => {
                depth = depth.saturating_sub(1);
                continue;
            }
            Event::Scalar(text, style, anchor, _) => {
                let value = scalar_text(text, style);
                if anchor > 0
                    && let Some(value) = &value
                {
                    anchored.push((anchor, value.clone()));
                }
                value
            }
            Event::Alias(anchor) => anchored
                .iter()
                .rev()
                .find(|(id, _)| *id == anchor)
                .map(|(_, value)| value.clone()),
            _ => continue,
        };
        if depth != 1 || !top_is_mapping {
            continue;
        }
        match key.take() {
            None => key = Some(value.unwrap_or_default()),
            Some(name) => {
                let slot = match name.as_str() {
                    "title" => &mut front.title,
                    "date" => &mut front.date,
                    "link" => &mut front.link,
                    _ => continue,
                };
                // A later key replaces an earlier one, as YAML loaders do.
                *slot = value;
            }
        }
    }
    Ok(front)
}

/// A scalar's text as a field value; `None` for YAML's null (`~`, `null`, nothing).
fn scalar_text(text: String, style: TScalarStyle) -> Option<String> {
    let null = style == TScalarStyle::Plain
        && matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL");
    (!null).then_some(text)
}

/// A post's `date` as Jekyll reads it, as epoch ms: `YYYY-MM-DD`, then optionally a time
/// (`HH:MM`, `HH:MM:SS`, with a fraction), after a space or `T`, then optionally an offset
/// (`+08:00`, `+0800`, `+08`, `Z`, `UTC`). A date or time without an offset is in `zone`
/// (the site's `timezone:`, else UTC); a date alone is its midnight there, as Jekyll
/// makes it. Years outside 0000 to 9999 are refused.
fn parse_post_date(text: &str, zone: Tz) -> Option<i64> {
    let text = text.trim();
    let (local, offset) = split_offset(text)?;
    let local = local.trim_end();
    let date_end = local.find([' ', 'T', 't']).unwrap_or(local.len());
    let date = NaiveDate::parse_from_str(&local[..date_end], "%Y-%m-%d").ok()?;
    let time = local[date_end..].trim_start_matches([' ', 'T', 't']);
    let time = if time.is_empty() {
        NaiveTime::MIN
    } else {
        ["%H:%M:%S%.f", "%H:%M"]
            .iter()
            .find_map(|format| NaiveTime::parse_from_str(time, format).ok())?
    };
    let local = date.and_time(time);
    let instant = match offset {
        Some(offset) => offset
            .from_local_datetime(&local)
            .single()?
            .timestamp_millis(),
        None => zone
            .from_local_datetime(&local)
            .earliest()?
            .timestamp_millis(),
    };
    let year = DateTime::from_timestamp_millis(instant)?.year();
    (0..=9999).contains(&year).then_some(instant)
}

/// Splits a trailing UTC offset off a date: `(rest, Some(offset))`, `(text, None)` when
/// there is none, and `None` when what trails is a broken offset.
fn split_offset(text: &str) -> Option<(&str, Option<FixedOffset>)> {
    for zulu in ["UTC", "GMT", "Z", "z"] {
        if let Some(rest) = text.strip_suffix(zulu)
            && rest.len() >= 10
        {
            return Some((rest, FixedOffset::east_opt(0)));
        }
    }
    // The date's own `-`s are in its first ten bytes.
    let Some(at) = text
        .get(10..)
        .and_then(|tail| tail.rfind(['+', '-']))
        .map(|at| at + 10)
    else {
        return Some((text, None));
    };
    let digits: String = text[at + 1..].chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !matches!(digits.len(), 2 | 4) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = match &digits[2..] {
        "" => 0,
        minutes => minutes.parse().ok()?,
    };
    if hours > 23 || minutes > 59 {
        return None;
    }
    let seconds = (hours * 60 + minutes) * 60;
    let offset = if text.as_bytes()[at] == b'-' {
        FixedOffset::west_opt(seconds)
    } else {
        FixedOffset::east_opt(seconds)
    };
    Some((&text[..at], Some(offset?)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::UTC;

    fn timestamp_of(front: &str, zone: Tz) -> Result<String, ParseError> {
        let post = format!("---\ntitle: T\n{front}\n---\n<p>x</p>\n");
        let (flat, _) = flatten(&post, zone, BodyMarkup::Html).expect("a post")?;
        let millis: i64 = flat[4..flat.find("-->").unwrap()].parse().unwrap();
        Ok(DateTime::from_timestamp_millis(millis)
            .unwrap()
            .to_rfc3339())
    }

    /// One line of `+ ` repeated nested a list per two bytes (540 MB per MB of post);
    /// past the bound, the text stays and the markup goes.
    #[test]
    fn markdown_nesting_is_bounded_and_keeps_the_text() {
        let post = |body: &str| format!("---\ntitle: T\ndate: 2023-07-01\n---\n\n{body}\n");
        let flat_of = |body: &str| {
            flatten(&post(body), UTC, BodyMarkup::Markdown)
                .unwrap()
                .unwrap()
                .0
        };
        for (shape, n) in [
            ("+ ", 2_000),
            ("1. ", 2_000),
            ("> - ", 2_000),
            ("*a ", 2_000),
        ] {
            let body = shape.repeat(n) + "deep" + &" b*".repeat(if shape == "*a " { n } else { 0 });
            let flat = flat_of(&body);
            let open = flat.matches("<ul>").count()
                + flat.matches("<ol>").count()
                + flat.matches("<blockquote>").count()
                + flat.matches("<em>").count();
            assert!(
                open <= MAX_MARKDOWN_NESTING,
                "{shape:?}: {open} elements open"
            );
            assert!(flat.contains("deep"), "{shape:?}");
            assert!(
                flat.len() < 4 * body.len() + 1_000,
                "{shape:?}: {} bytes",
                flat.len()
            );
        }
        // Ordinary nesting is kept as written.
        let flat = flat_of("- a\n  - b\n    > c *d*");
        assert!(
            flat.contains("<li>a\n<ul>\n<li>b\n<blockquote>\n<p>c <em>d</em></p>"),
            "{flat}"
        );
    }

    /// A link holding `](` was read back with the address after it only.
    #[test]
    fn a_link_holding_a_title_boundary_stays_one_address() {
        let post = "---\ntitle: T\ndate: 2023-07-01\nlink: https://a.example/a](https://evil.example/b\n---\n<p>x</p>\n";
        let article = crate::parse(post, &crate::ParseOptions::new()).unwrap();
        let url = article.url.unwrap();
        assert!(url.starts_with("https://a.example/a"), "{url}");
        assert_eq!(article.title, "T");
    }

    /// A file that is only the opening line (an empty post skeleton) panicked slicing
    /// past its end; it is an unclosed front matter, line 1.
    #[test]
    fn a_lone_opening_line_is_an_unclosed_front_matter() {
        for text in ["---", "--- ", "---\r", "\u{feff}---", "---\n"] {
            for markup in [BodyMarkup::Html, BodyMarkup::Markdown] {
                let error = flatten(text, UTC, markup)
                    .expect("a post")
                    .expect_err("unclosed");
                assert_eq!(error.line(), 1, "{text:?}");
                assert!(error.to_string().contains("never closed"), "{error}");
            }
        }
    }

    #[test]
    fn post_dates_in_every_form_jekyll_reads() {
        let hong_kong = chrono_tz::Asia::Hong_Kong;
        let cases = [
            ("date: 2023-07-01", UTC, "2023-07-01T00:00:00+00:00"),
            ("date: 2023-07-01", hong_kong, "2023-06-30T16:00:00+00:00"),
            ("date: 2023-07-01 23:06", UTC, "2023-07-01T23:06:00+00:00"),
            (
                "date: 2023-07-01 23:06",
                hong_kong,
                "2023-07-01T15:06:00+00:00",
            ),
            (
                "date: 2023-07-01 23:06:07",
                UTC,
                "2023-07-01T23:06:07+00:00",
            ),
            (
                "date: 2023-07-01T23:06:07.250",
                UTC,
                "2023-07-01T23:06:07.250+00:00",
            ),
            (
                "date: 2023-07-01 23:06:07 +0800",
                hong_kong,
                "2023-07-01T15:06:07+00:00",
            ),
            (
                "date: 2023-07-01 23:06 -05:00",
                UTC,
                "2023-07-02T04:06:00+00:00",
            ),
            (
                "date: 2023-07-01 23:06:07+08",
                UTC,
                "2023-07-01T15:06:07+00:00",
            ),
            (
                "date: 2023-07-01T23:06:07Z",
                hong_kong,
                "2023-07-01T23:06:07+00:00",
            ),
            (
                "date: 2023-07-01 23:06:07 UTC",
                hong_kong,
                "2023-07-01T23:06:07+00:00",
            ),
            (
                "date: '2023-06-13 00:15:01.000000000 +08:00'",
                UTC,
                "2023-06-12T16:15:01+00:00",
            ),
        ];
        for (front, zone, want) in cases {
            assert_eq!(
                timestamp_of(front, zone).as_deref(),
                Ok(want),
                "{front} in {zone}"
            );
        }
        for front in [
            "date: 2023-13-01",
            "date: 2023-07-01 25:00",
            "date: 2023-07-01 23:06 +99:00",
            "date: 10000-01-01",
            "date: yesterday",
        ] {
            let error = timestamp_of(front, UTC).expect_err(front);
            assert!(
                matches!(
                    error,
                    ParseError {
                        line: 3,
                        kind: ParseErrorKind::InvalidTimestamp { .. }
                    }
                ),
                "{front}: {error:?}"
            );
        }
    }

    #[test]
    fn front_matter_nesting_is_bounded_without_recursion() {
        // Deep block and flow collections, far past any stack: an error with its line.
        let block = format!("title: T\ndate: 2023-07-01\nx:\n{}", "- ".repeat(100_000));
        let nested_maps: String = (0..20_000)
            .map(|depth| format!("{}k:\n", " ".repeat(depth)))
            .collect();
        let flow = format!("title: T\ndate: 2023-07-01\nx: {}", "[".repeat(100_000));
        for yaml in [block, nested_maps, flow] {
            let post = format!("---\n{yaml}\n---\n<p>x</p>\n");
            let error = flatten(&post, UTC, BodyMarkup::Html).unwrap().unwrap_err();
            assert!(
                matches!(error.kind, ParseErrorKind::InvalidFrontMatter { .. }),
                "{error:?}"
            );
        }
        // Nesting within the bound is read as usual.
        let post = format!(
            "---\ntitle: T\nx: {}{}\ndate: 2023-07-01\n---\n<p>x</p>\n",
            "[".repeat(MAX_NESTING - 1),
            "]".repeat(MAX_NESTING - 1)
        );
        assert!(flatten(&post, UTC, BodyMarkup::Html).unwrap().is_ok());
    }

    #[test]
    fn aliases_are_never_expanded() {
        // Nine-fold aliases over ten levels: a billion copies if expanded.
        let mut yaml = String::from(
            "title: &t Title\ndate: 2023-07-01\na0: &a0 [x, x, x, x, x, x, x, x, x]\n",
        );
        for level in 1..10 {
            let previous = format!("*a{}", level - 1);
            let list = vec![previous; 9].join(", ");
            yaml.push_str(&format!("a{level}: &a{level} [{list}]\n"));
        }
        yaml.push_str("link: *t\n");
        let post = format!("---\n{yaml}---\n<p>x</p>\n");
        let (flat, _) = flatten(&post, UTC, BodyMarkup::Html).unwrap().unwrap();
        // An alias of a scalar is that scalar.
        assert!(flat.contains("\n[Title](Title)\n"), "{flat}");
    }

    #[test]
    fn a_post_flattens_as_the_archives_do() {
        let post = "---\nlayout: post\ntitle: '特里普被抓包: 一个标题'\ndate: 2023-06-13 00:15:01.000000000 +08:00\n\
                    link: |-\n  https://www.dw.com/zh/\n  a-1\ncategories: dw\n---\n\n<div>\n  <p>一</p>\n<p>二</p>\n";
        assert_eq!(
            flatten(post, UTC, BodyMarkup::Html).unwrap().unwrap(),
            (
                "<!--1686586501000-->\n[特里普被抓包: 一个标题](https://www.dw.com/zh/a-1)\n------\n\n<div><p>一</p><p>二</p>"
                    .to_string(),
                // The post's own line: after eight lines of front matter and a blank one.
                11
            )
        );
        assert!(flatten("<!--1-->\n[t]()\n------\n", UTC, BodyMarkup::Html).is_none());
        // Every Unicode line boundary ends a line, as the archives' splitter did.
        let post = "---\ntitle: T\ndate: 2023-07-01\n---\n<p>a\u{2028} b\u{85}c\r\nd</p>\n";
        let (flat, body_line) = flatten(post, UTC, BodyMarkup::Html).unwrap().unwrap();
        assert!(flat.ends_with("<p>abcd</p>"), "{flat:?}");
        assert_eq!(body_line, 5);
        // In a Markdown post they end a line as `\n` does, and leave no character behind.
        let post = "---\ntitle: T\ndate: 2023-07-01\n---\n穩中有升。\u{2028}她提到\u{2029}x\n";
        let (flat, _) = flatten(post, UTC, BodyMarkup::Markdown).unwrap().unwrap();
        assert!(flat.ends_with("<p>穩中有升。\n她提到\nx</p>\n"), "{flat:?}");
    }

    #[test]
    fn broken_front_matter_is_a_parse_error_with_its_line() {
        let error = flatten(
            "---\ntitle: x\ndate: never\n---\n<p>x</p>",
            UTC,
            BodyMarkup::Html,
        )
        .unwrap()
        .unwrap_err();
        assert_eq!(error.line(), 3);
        let error = flatten("---\ntitle: [unclosed\n---\n", UTC, BodyMarkup::Html)
            .unwrap()
            .unwrap_err();
        assert!(
            matches!(error.kind, ParseErrorKind::InvalidFrontMatter { .. }),
            "{error:?}"
        );
        let error = flatten("---\ntitle: x\n", UTC, BodyMarkup::Html)
            .unwrap()
            .unwrap_err();
        assert!(error.to_string().contains("never closed"));
    }
}

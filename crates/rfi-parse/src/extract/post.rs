//! The upstream post form: a Jekyll post (`---` YAML front matter with `title`, `date`,
//! `link`, `categories`, then the body HTML one element a line), flattened into the
//! archive form exactly as the archives were made, so that both read the same.

use chrono::DateTime;
use yaml_rust2::{Yaml, YamlLoader};

use crate::error::{ParseError, excerpt};

/// The archive form of `input` when it is a post; `None` when it is not one.
///
/// Flattening, as the archives were made: `date` becomes epoch milliseconds on line 1,
/// `[title](link)` line 2, `------` line 3, then a blank line and the body's lines, each
/// stripped, joined.
pub(crate) fn flatten(input: &str) -> Option<Result<String, ParseError>> {
    let text = input.strip_prefix('\u{feff}').unwrap_or(input);
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    Some(flatten_post(&text[first_end + 1..]))
}

fn flatten_post(after_opening: &str) -> Result<String, ParseError> {
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
        return Err(ParseError::InvalidFrontMatter {
            line: 1,
            message: "the `---` block is never closed".to_string(),
        });
    };
    let yaml = &after_opening[..yaml_end];
    let documents = YamlLoader::load_from_str(yaml).map_err(|error| {
        ParseError::InvalidFrontMatter {
            // The YAML starts on line 2 of the file.
            line: error.marker().line() + 1,
            message: error.info().to_string(),
        }
    })?;
    let front = documents.into_iter().next().unwrap_or(Yaml::Null);
    let field = |name: &str| -> Option<String> {
        match &front[name] {
            Yaml::String(text) | Yaml::Real(text) => Some(text.clone()),
            Yaml::Integer(number) => Some(number.to_string()),
            Yaml::Boolean(flag) => Some(flag.to_string()),
            _ => None,
        }
    };
    let line_of = |name: &str| {
        yaml.lines()
            .position(|line| line.starts_with(&format!("{name}:")))
            .map_or(1, |at| at + 2)
    };
    let date = field("date").ok_or(ParseError::MissingFrontMatterField {
        line: 1,
        field: "date",
    })?;
    let timestamp_ms = parse_post_date(&date).ok_or_else(|| ParseError::InvalidTimestamp {
        line: line_of("date"),
        value: excerpt(&date),
        reason: "not a `YYYY-MM-DD HH:MM:SS +ZZ:ZZ` date",
    })?;
    let title = field("title").ok_or(ParseError::MissingFrontMatterField {
        line: 1,
        field: "title",
    })?;
    // A long link may be a block scalar broken over lines; the archives joined them.
    let link: String = field("link")
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .collect();
    let body = &after_opening[body_start..];
    let mut flat = format!(
        "<!--{timestamp_ms}-->\n[{}]({})\n------\n\n",
        title.replace('\n', " ").trim(),
        link
    );
    for line in body.lines() {
        flat.push_str(line.trim());
    }
    Ok(flat)
}

/// `2023-06-13 00:15:01.000000000 +08:00` (Jekyll's form), or RFC 3339, as epoch ms.
fn parse_post_date(text: &str) -> Option<i64> {
    let text = text.trim();
    ["%Y-%m-%d %H:%M:%S%.f %:z", "%Y-%m-%d %H:%M:%S%.f %z"]
        .iter()
        .find_map(|format| DateTime::parse_from_str(text, format).ok())
        .or_else(|| DateTime::parse_from_rfc3339(text).ok())
        .map(|date| date.timestamp_millis())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_post_flattens_as_the_archives_do() {
        let post = "---\nlayout: post\ntitle: '特里普被抓包: 一个标题'\ndate: 2023-06-13 00:15:01.000000000 +08:00\n\
                    link: |-\n  https://www.dw.com/zh/\n  a-1\ncategories: dw\n---\n\n<div>\n  <p>一</p>\n<p>二</p>\n";
        assert_eq!(
            flatten(post).unwrap().unwrap(),
            "<!--1686586501000-->\n[特里普被抓包: 一个标题](https://www.dw.com/zh/a-1)\n------\n\n<div><p>一</p><p>二</p>"
        );
        assert!(flatten("<!--1-->\n[t]()\n------\n").is_none());
    }

    #[test]
    fn broken_front_matter_is_a_parse_error_with_its_line() {
        let error = flatten("---\ntitle: x\ndate: never\n---\n<p>x</p>")
            .unwrap()
            .unwrap_err();
        assert_eq!(error.line(), 3);
        let error = flatten("---\ntitle: [unclosed\n---\n")
            .unwrap()
            .unwrap_err();
        assert!(
            matches!(error, ParseError::InvalidFrontMatter { .. }),
            "{error:?}"
        );
        let error = flatten("---\ntitle: x\n").unwrap().unwrap_err();
        assert!(error.to_string().contains("never closed"));
    }
}

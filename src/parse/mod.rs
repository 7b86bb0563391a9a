//! From archive text to `Article`: the header lines, then the HTML body.

pub mod body;
pub mod date;
pub mod decode;
pub mod header;
pub mod repair;
pub mod share;
pub mod source;
mod srcset;
pub mod text;

use chrono_tz::Tz;

use crate::article::Article;
use crate::error::ParseError;

/// How to read an archive file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseOptions {
    /// The zone of RFI's `DD/MM/YYYY - HH:MM` date line.
    pub zone: Tz,
    /// The input's encoding; `None` detects it (see [`decode::decode`]).
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

impl Default for ParseOptions {
    fn default() -> Self {
        Self {
            zone: chrono_tz::Europe::Paris,
            encoding: None,
        }
    }
}

/// Parses an archive file with the given options.
pub fn parse_with(input: &str, options: &ParseOptions) -> Result<Article, ParseError> {
    let header = header::split(input)?;
    let url = header
        .url_raw
        .map(|raw| percent_decode_lossy(raw).into_owned());
    // Site, language and section come from the URL only: nothing is guessed.
    let info = url.as_deref().map(source::source_info).unwrap_or_default();
    let layout = match info.site.as_deref() {
        Some("rfi.fr") | None => body::Layout::Rfi,
        Some(_) => body::Layout::Generic,
    };
    let body = body::extract(header.body, options.zone, layout);
    Ok(Article {
        source: None,
        timestamp_ms: header.timestamp_ms,
        timestamp: header.timestamp,
        title: header.title.to_string(),
        url,
        url_raw: header.url_raw.map(str::to_string),
        site: info.site,
        language: info.language.map(str::to_string),
        section: info.section,
        date_line: body.date_line,
        published: body.published,
        lead_image: body.lead_image,
        lead: body.lead,
        paragraphs: body.paragraphs,
        images: body.images,
        embeds: body.embeds,
        copyright: body.copyright,
        share_links: body.share_links,
        blocks: body.blocks,
    })
}

/// Parses raw bytes, decoded as [`decode::decode`] describes.
pub fn parse_bytes_with(input: &[u8], options: &ParseOptions) -> Result<Article, ParseError> {
    let decoded = decode::decode(input, options.encoding)?;
    parse_with(&decoded.text, options)
}

/// Percent-decodes `text` as UTF-8; invalid escapes stay as written and invalid UTF-8
/// becomes U+FFFD, so it never fails.
///
/// Hand-written because it is on the hot path of every file, where the percent-encoding
/// crate's decoding iterator cost several times as much.
pub fn percent_decode_lossy(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('%') {
        return std::borrow::Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte == b'%'
            && let (Some(high), Some(low)) =
                (hex_value(bytes.get(at + 1)), hex_value(bytes.get(at + 2)))
        {
            decoded.push(high << 4 | low);
            at += 3;
        } else {
            decoded.push(byte);
            at += 1;
        }
    }
    match String::from_utf8(decoded) {
        Ok(text) => std::borrow::Cow::Owned(text),
        Err(error) => {
            std::borrow::Cow::Owned(String::from_utf8_lossy(error.as_bytes()).into_owned())
        }
    }
}

fn hex_value(byte: Option<&u8>) -> Option<u8> {
    match *byte? {
        digit @ b'0'..=b'9' => Some(digit - b'0'),
        letter @ b'a'..=b'f' => Some(letter - b'a' + 10),
        letter @ b'A'..=b'F' => Some(letter - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::percent_decode_lossy;

    #[test]
    fn percent_decoding_never_fails() {
        assert_eq!(percent_decode_lossy("a%E4%B8%AD%e6%96%87b"), "a中文b");
        assert_eq!(percent_decode_lossy("100%"), "100%");
        assert_eq!(percent_decode_lossy("%ZZ%4"), "%ZZ%4");
        assert_eq!(percent_decode_lossy("x%E4%B8"), "x\u{fffd}");
        assert_eq!(percent_decode_lossy("%FF%41"), "\u{fffd}A");
        assert_eq!(percent_decode_lossy("plain"), "plain");
    }
}

//! From archive text to `Article`: the header lines, then the HTML body.

pub mod body;
pub mod date;
pub mod header;
pub mod repair;
pub mod share;
pub mod text;

use chrono_tz::Tz;
use percent_encoding::percent_decode_str;

use crate::article::Article;
use crate::error::ParseError;

/// How to read an archive file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseOptions {
    /// The zone of RFI's `DD/MM/YYYY - HH:MM` date line.
    pub zone: Tz,
}

impl Default for ParseOptions {
    fn default() -> Self {
        Self {
            zone: chrono_tz::Europe::Paris,
        }
    }
}

/// Parses an archive file with the given options.
pub fn parse_with(input: &str, options: &ParseOptions) -> Result<Article, ParseError> {
    let header = header::split(input)?;
    let body = body::extract(header.body, options.zone);
    Ok(Article {
        source: None,
        timestamp_ms: header.timestamp_ms,
        timestamp: header.timestamp,
        title: header.title.to_string(),
        url: header
            .url_raw
            .map(|raw| percent_decode_str(raw).decode_utf8_lossy().into_owned()),
        url_raw: header.url_raw.map(str::to_string),
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

/// Parses raw bytes: they must be UTF-8 (a leading byte-order mark is allowed).
pub fn parse_bytes_with(input: &[u8], options: &ParseOptions) -> Result<Article, ParseError> {
    match std::str::from_utf8(input) {
        Ok(text) => parse_with(text, options),
        Err(error) => {
            let offset = error.valid_up_to();
            let line = 1 + input[..offset].iter().filter(|b| **b == b'\n').count();
            Err(ParseError::InvalidUtf8 { line, offset })
        }
    }
}

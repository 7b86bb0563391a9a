//! `rfi-parse` reads archived news articles (RFI Chinese and other full-text feeds) and
//! turns each into a typed [`Article`], which [`Format`] writes as JSON, JSON Lines,
//! Markdown or plain text.
//!
//! An archive file holds one article: a `<!--epoch-ms-->` line, a `[title](url)` line,
//! a `------` line, then the article's HTML:
//!
//! ```
//! let input = "<!--1686586501000-->\n[标题](https://www.rfi.fr/cn/x)\n------\n\n\
//!              <div>12/06/2023 - 17:21</div><p><strong>导语</strong></p><div><p>正文</p></div>";
//! let article = rfi_parse::parse(input)?;
//! assert_eq!(article.title, "标题");
//! assert_eq!(article.published.unwrap().to_rfc3339(), "2023-06-12T17:21:00+02:00");
//! assert_eq!(article.lead.as_deref(), Some("导语"));
//! assert_eq!(article.paragraphs, ["正文"]);
//! # Ok::<(), rfi_parse::ParseError>(())
//! ```
//!
//! Data flows one way: bytes are decoded ([`decode`]), the header lines are split off and
//! the body is parsed into an HTML tree, the tree is walked into an [`Article`], and a
//! [`Format`] renders the article. Problems with the file are a [`ParseError`] that names
//! the problem and its line. The input format and the output contract are in the
//! repository's `docs/CONTRACT.md`.

#![warn(missing_docs)]

mod article;
mod error;
mod extract;
mod render;

pub use article::{
    Article, Block, ChosenBy, Diagnostics, Embed, Extractor, Image, Link, Platform, ShareLink,
    TextBlock,
};
pub use error::{OptionError, ParseError, ParseErrorKind};
pub use extract::{
    ArticleHeader, BodyMarkup, Decoded, ParseOptions, ProfileName, TextEncoding, Zone, decode,
    diagnose, parse_bytes_with, parse_header_bytes, parse_with, profile_names, tree_building_work,
};
pub use render::{DOCUMENT_SEPARATOR, Format, Writer};

/// Parses one archive file with the default options (date lines in Europe/Paris).
///
/// ```
/// let article = rfi_parse::parse("<!--0-->\n[Title]()\n------\n\n<p>Text.</p>")?;
/// assert_eq!((article.title.as_str(), article.url), ("Title", None));
/// assert_eq!(article.paragraphs, ["Text."]);
/// # Ok::<(), rfi_parse::ParseError>(())
/// ```
pub fn parse(input: &str) -> Result<Article, ParseError> {
    parse_with(input, &ParseOptions::default())
}

/// Parses raw bytes with the default options: a byte-order mark, UTF-8, or a detected
/// CJK encoding (see [`decode`]).
///
/// ```
/// let bytes = b"\xEF\xBB\xBF<!--0-->\r\n[T](https://example.org/a)\r\n------\r\n\r\n<p>x</p>";
/// let article = rfi_parse::parse_bytes(bytes)?;
/// assert_eq!(article.site.as_deref(), Some("example.org"));
///
/// let error = rfi_parse::parse_bytes(b"<!--0-->\nno link\n").unwrap_err();
/// assert_eq!(error.line(), 2);
/// # Ok::<(), rfi_parse::ParseError>(())
/// ```
pub fn parse_bytes(input: &[u8]) -> Result<Article, ParseError> {
    parse_bytes_with(input, &ParseOptions::default())
}

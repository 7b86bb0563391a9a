//! `rfi-parse` reads archived news articles (RFI Chinese and other full-text feeds) and
//! turns each into a typed [`Article`].
//!
//! An archive file holds one article: a `<!--epoch-ms-->` line, a `[title](url)` line,
//! a `------` line, then the article's HTML:
//!
//! ```
//! let input = "<!--1686586501000-->\n[标题](https://www.rfi.fr/cn/x)\n------\n\n\
//!              <div>12/06/2023 - 17:21</div><p><strong>导语</strong></p><div><p>正文</p></div>";
//! let article = rfi_parse::parse(input).unwrap();
//! assert_eq!(article.title, "标题");
//! assert_eq!(article.published.unwrap().to_rfc3339(), "2023-06-12T17:21:00+02:00");
//! assert_eq!(article.lead.as_deref(), Some("导语"));
//! assert_eq!(article.paragraphs, ["正文"]);
//! ```
//!
//! Problems with the file are a [`ParseError`] that names the problem and its line.
//! The [`render`] module writes articles as JSON, JSON Lines, Markdown or plain text.

pub mod article;
pub mod batch;
pub mod check;
pub mod error;
pub mod parse;
pub mod render;
pub mod schema;

pub use article::{Article, Block, Embed, Image, LeadImage, Link, Platform, ShareLink, TextBlock};
pub use error::ParseError;
pub use parse::{ParseOptions, parse_bytes_with, parse_with};

/// Parses one archive file with the default options (date lines in Europe/Paris).
pub fn parse(input: &str) -> Result<Article, ParseError> {
    parse_with(input, &ParseOptions::default())
}

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
//! let article = rfi_parse::parse(input, &rfi_parse::ParseOptions::default())?;
//! assert_eq!(article.title, "标题");
//! assert_eq!(article.published.unwrap().to_rfc3339(), "2023-06-12T17:21:00+02:00");
//! assert_eq!(article.lead.as_deref(), Some("导语"));
//! assert!(article.paragraphs().eq(["正文"]));
//! # Ok::<(), rfi_parse::ParseError>(())
//! ```
//!
//! Data flows one way: bytes are decoded ([`decode`]), the header lines are split off and
//! the body is parsed into an HTML tree, the tree is walked into an [`Article`], and a
//! [`Format`] renders the article. Problems with the file are a [`ParseError`] that names
//! the problem and its line. The input format and the output contract are in the
//! repository's `docs/CONTRACT.md`.

#![warn(missing_docs)]

mod address;
mod article;
mod error;
mod explain;
mod extract;
mod language;
mod render;
mod sources;

pub use article::{
    Article, Block, ChosenBy, Diagnostics, Embed, EmbedKind, Extractor, Image, Link, Platform,
    ShareLink, TextBlock,
};
pub use error::{OptionError, ParseError, ParseErrorKind};
pub use explain::{Decision, Destination, Explanation, Rule, Stage, explain, rules};
pub use extract::{
    ArticleHeader, BodyMarkup, Decoded, ParseOptions, ProfileName, TextEncoding, Zone, decode,
    diagnose, parse, parse_header, profile_names, tree_building_work, zone_names,
};
pub use render::{DOCUMENT_SEPARATOR, Format, FrontMatterChange, Writer, front_matter_changes};

/// The README's Rust example, compiled and run as a doctest so that it cannot drift.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeExample;
#[cfg(feature = "parquet")]
pub use render::{PUBLISHED_OFFSET_COLUMN, ParquetWriter, parquet_schema};

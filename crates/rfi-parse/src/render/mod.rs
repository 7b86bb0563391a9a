//! Output formats: each renders one article into bytes; [`Writer`] frames many of them.

mod json;
mod markdown;
#[cfg(feature = "parquet")]
mod parquet;
mod text;

pub use markdown::{FrontMatterChange, front_matter_changes};

#[cfg(feature = "parquet")]
pub use parquet::{PUBLISHED_OFFSET_COLUMN, ParquetWriter, parquet_schema};

use std::io::{self, Write};

use crate::article::Article;

/// An output format.
///
/// ```
/// use rfi_parse::Format;
///
/// let article = rfi_parse::parse("<!--0-->\n[Title]()\n------\n\n<p>One *two*.</p>", &rfi_parse::ParseOptions::default())?;
/// let mut markdown = Vec::new();
/// Format::Markdown.render(&article, None, &mut markdown);
/// let markdown = String::from_utf8(markdown).unwrap();
/// assert!(markdown.starts_with("---\ntitle: \"Title\"\ndate: \"1970-01-01T00:00:00Z\"\n"));
/// assert!(markdown.ends_with("\nOne \\*two\\*.\n"));
/// # Ok::<(), rfi_parse::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// One pretty JSON object; many inputs make one JSON array.
    Json,
    /// One compact JSON object per line, with `source`.
    JsonLines,
    /// YAML front matter, then the article as Markdown.
    Markdown,
    /// Title, date line, lead and paragraphs as plain text.
    Text,
    /// A Parquet file of [`parquet_schema`] (feature `parquet`): one article per row.
    /// [`Format::render`] makes a file of one article; [`ParquetWriter`] one of many.
    #[cfg(feature = "parquet")]
    Parquet,
}

/// Written between articles of the Markdown and text formats when several go to one
/// stream: a line holding only a form feed (`\f`), the classic page break.
pub const DOCUMENT_SEPARATOR: &[u8] = b"\x0c\n";

impl Format {
    /// The file extension of the format, for `--out-dir`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::JsonLines => "jsonl",
            Format::Markdown => "md",
            Format::Text => "txt",
            #[cfg(feature = "parquet")]
            Format::Parquet => "parquet",
        }
    }

    /// Whether the format is a table (Parquet), whose rows always name their input in a
    /// `source` column, one article or many.
    pub fn is_table(self) -> bool {
        #[cfg(feature = "parquet")]
        return self == Format::Parquet;
        #[cfg(not(feature = "parquet"))]
        false
    }

    /// Renders one article as a complete document of this format, ending in a newline;
    /// with the path it was read from as `source` (the first member of JSON, a front
    /// matter key of Markdown; plain text shows none).
    pub fn render(self, article: &Article, source: Option<&str>, out: &mut Vec<u8>) {
        match self {
            Format::Json => json::render_pretty(article, source, out),
            Format::JsonLines => json::render_line(article, source, out),
            Format::Markdown => markdown::render(article, source, out),
            Format::Text => text::render(article, out),
            #[cfg(feature = "parquet")]
            Format::Parquet => parquet::render(article, source, out),
        }
    }
}

/// Writes rendered documents to one stream, adding what joins several into one output:
/// the brackets and commas of a JSON array, or [`DOCUMENT_SEPARATOR`].
#[derive(Debug)]
pub struct Writer<W: Write> {
    out: W,
    format: Format,
    /// Whether several documents may follow (a JSON array rather than one object).
    many: bool,
    written: usize,
}

impl<W: Write> Writer<W> {
    /// A writer of one document of `format` to `out`; [`Writer::many`] makes it a writer
    /// of several.
    ///
    /// ```
    /// use rfi_parse::{Format, Writer};
    ///
    /// let article = rfi_parse::parse("<!--0-->\n[T]()\n------\n\n<p>x</p>", &rfi_parse::ParseOptions::default())?;
    /// let mut writer = Writer::new(Vec::new(), Format::JsonLines).many(true);
    /// writer.write_article(&article, Some("a.txt"))?;
    /// writer.write_article(&article, Some("b.txt"))?;
    /// let out = writer.finish()?;
    /// assert_eq!(out.split(|b| *b == b'\n').filter(|line| !line.is_empty()).count(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(out: W, format: Format) -> Self {
        Self {
            out,
            format,
            many: false,
            written: 0,
        }
    }

    /// Whether several documents may follow, so that JSON becomes one array (`[]` when
    /// none is written) and text documents are separated; set before the first write.
    #[must_use]
    pub fn many(mut self, many: bool) -> Self {
        self.many = many;
        self
    }

    /// Writes one document made by [`Format::render`].
    pub fn write_document(&mut self, document: &[u8]) -> io::Result<()> {
        match (self.format, self.many) {
            (Format::Json, true) => {
                self.out
                    .write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
                // Drop the document's newline so that the comma follows the object.
                self.out
                    .write_all(document.strip_suffix(b"\n").unwrap_or(document))?;
            }
            (Format::Markdown | Format::Text, true) if self.written > 0 => {
                self.out.write_all(DOCUMENT_SEPARATOR)?;
                self.out.write_all(document)?;
            }
            _ => self.out.write_all(document)?,
        }
        self.written += 1;
        Ok(())
    }

    /// Renders and writes one article, with the path it was read from as [`Format::render`]
    /// writes it.
    pub fn write_article(&mut self, article: &Article, source: Option<&str>) -> io::Result<()> {
        let mut document = Vec::new();
        self.format.render(article, source, &mut document);
        self.write_document(&document)
    }

    /// Closes the output (the JSON array's bracket) and flushes it.
    pub fn finish(mut self) -> io::Result<W> {
        if self.format == Format::Json && self.many {
            self.out
                .write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

//! Parquet: articles as rows of one fixed Arrow schema, written a bounded row group at a time.
//!
//! The schema is the `Article`'s, field for field and in its order, with `source` first
//! (as in JSON Lines) and one column added: `published_offset_minutes`, the UTC offset
//! the page printed with `published` (which is stored as a UTC instant). Every column
//! has its type whether or not a value is present, so that months concatenate.

use std::io::{self, Write};
use std::sync::mpsc::{self, SyncSender};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::JoinHandle;

use arrow_array::{
    ArrayRef, Date32Array, Int32Array, Int64Array, ListArray, RecordBatch, StringArray,
    StructArray, TimestampMicrosecondArray, TimestampMillisecondArray,
};
use arrow_buffer::{NullBuffer, OffsetBuffer};
use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef, TimeUnit};
use chrono::NaiveDate;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::article::{Article, Embed, EmbedKind, Image, Platform, ShareLink};

/// A row group is written once it holds this many articles…
const ROW_GROUP_ARTICLES: usize = 2048;
/// …or this much text, whichever comes first, so that memory stays flat on a run of any
/// length and on articles of any size (a month of RFI is about 30 MB of text).
const ROW_GROUP_TEXT_BYTES: usize = 32 << 20;

/// The name of the one column the `Article` does not have: the UTC offset, in minutes,
/// that the page printed with `published`.
pub const PUBLISHED_OFFSET_COLUMN: &str = "published_offset_minutes";

fn text(name: &str, nullable: bool) -> Field {
    Field::new(name, DataType::Utf8, nullable)
}

/// A UTC instant: `timestamp` has milliseconds (line 1 of an archive file counts them),
/// `published` microseconds (a page may print a finer time than milliseconds).
fn utc_instant(name: &str, unit: TimeUnit, nullable: bool) -> Field {
    Field::new(
        name,
        DataType::Timestamp(unit, Some("UTC".into())),
        nullable,
    )
}

fn image_fields() -> Fields {
    Fields::from(vec![
        text("url", false),
        text("alt", true),
        text("caption", true),
        text("credit", true),
    ])
}

fn embed_fields() -> Fields {
    Fields::from(vec![
        text("url", false),
        text("caption", true),
        text("credit", true),
        text("kind", true),
        text("poster", true),
    ])
}

fn share_link_fields() -> Fields {
    Fields::from(vec![
        text("platform", false),
        text("url", false),
        text("target", true),
    ])
}

/// A list column whose items are never null.
fn list_of(name: &str, item: DataType) -> Field {
    Field::new(name, DataType::List(list_item(item)), false)
}

fn list_item(item: DataType) -> Arc<Field> {
    Arc::new(Field::new("item", item, false))
}

/// The Arrow schema of the Parquet output: one row per article.
pub fn parquet_schema() -> SchemaRef {
    static SCHEMA: OnceLock<SchemaRef> = OnceLock::new();
    SCHEMA
        .get_or_init(|| {
            Arc::new(Schema::new(vec![
                text("source", true),
                Field::new("timestamp_ms", DataType::Int64, false),
                utc_instant("timestamp", TimeUnit::Millisecond, false),
                text("title", false),
                text("url", true),
                text("url_raw", true),
                text("site", true),
                text("language", true),
                text("section", true),
                text("date_line", true),
                utc_instant("published", TimeUnit::Microsecond, true),
                Field::new(PUBLISHED_OFFSET_COLUMN, DataType::Int32, true),
                Field::new("published_date", DataType::Date32, true),
                Field::new("lead_image", DataType::Struct(image_fields()), true),
                text("lead", true),
                list_of("paragraphs", DataType::Utf8),
                list_of("images", DataType::Struct(image_fields())),
                list_of("embeds", DataType::Struct(embed_fields())),
                text("copyright", true),
                list_of("share_links", DataType::Struct(share_link_fields())),
                text("byline", true),
                list_of("tags", DataType::Utf8),
            ]))
        })
        .clone()
}

/// Writes articles as one Parquet file to `out`, a row group at a time: the rows of a
/// group are held as articles until it is full, then encoded and written out, so that
/// memory is bounded by one row group whatever the number of articles (two with
/// [`ParquetWriter::encode_on_a_thread`]: the one encoded and the one gathered).
///
/// ```
/// use rfi_parse::ParquetWriter;
///
/// let article = rfi_parse::parse("<!--0-->\n[T]()\n------\n\n<p>x</p>", &rfi_parse::ParseOptions::default())?;
/// let mut writer = ParquetWriter::new(Vec::new())?;
/// writer.write_article(&article, Some("a.txt"))?;
/// let file = writer.finish()?;
/// assert!(file.starts_with(b"PAR1") && file.ends_with(b"PAR1"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct ParquetWriter<W: Write> {
    out: W,
    /// The encoder writes into `encoded`, which is drained into `out` after every row
    /// group: `out` need not be `Send` (standard output is not), as the encoder wants.
    encoder: Encoder,
    encoded: SharedBuffer,
    rows: Vec<Row>,
    text_bytes: usize,
}

/// One row as it waits for its row group: the article and its `source`.
type Row = (Article, Option<String>);

/// Where row groups are encoded.
enum Encoder {
    /// On the thread that writes the articles.
    Here(Box<ArrowWriter<SharedBuffer>>),
    /// On a thread of its own, which takes the next row group once it has written the
    /// last: the rendezvous channel holds none, so at most two groups are in memory.
    Thread {
        groups: SyncSender<Message>,
        encoder: JoinHandle<io::Result<()>>,
    },
    /// The encoder thread ended early; the error was returned then.
    Stopped,
}

/// What the encoder thread is handed.
enum Message {
    Group(Vec<Row>),
    /// Write the footer and end (the channel closing without it abandons the file).
    Finish,
}

impl<W: Write> std::fmt::Debug for ParquetWriter<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParquetWriter")
            .field("buffered_rows", &self.rows.len())
            .field(
                "own_thread",
                &matches!(self.encoder, Encoder::Thread { .. }),
            )
            .finish_non_exhaustive()
    }
}

impl<W: Write> ParquetWriter<W> {
    /// A writer of one Parquet file to `out` (Snappy-compressed column chunks).
    pub fn new(out: W) -> io::Result<Self> {
        let encoded = SharedBuffer::default();
        let properties = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROW_GROUP_ARTICLES))
            .set_created_by(format!("rfi-parse {}", env!("CARGO_PKG_VERSION")))
            .build();
        let encoder = ArrowWriter::try_new(encoded.clone(), parquet_schema(), Some(properties))
            .map_err(io::Error::other)?;
        Ok(Self {
            out,
            encoder: Encoder::Here(Box::new(encoder)),
            encoded,
            rows: Vec::new(),
            text_bytes: 0,
        })
    }

    /// Encodes each row group on a thread of its own while the caller gathers the next,
    /// for a caller whose other threads make the articles: its own thread then only
    /// hands them on and writes the encoded bytes to `out`, and never holds up the
    /// makers. The file is the same byte for byte.
    pub fn encode_on_a_thread(mut self) -> io::Result<Self> {
        let Encoder::Here(mut encoder) = self.encoder else {
            return Ok(self);
        };
        let (groups, receiver) = mpsc::sync_channel(0);
        let encoder = std::thread::Builder::new()
            .name("parquet-encoder".into())
            .spawn(move || {
                for message in receiver {
                    match message {
                        Message::Group(rows) => encode_group(&mut encoder, &rows)?,
                        Message::Finish => {
                            return encoder.finish().map(drop).map_err(io::Error::other);
                        }
                    }
                }
                // The writer went away without finishing: no footer for an abandoned file.
                Ok(())
            })?;
        self.encoder = Encoder::Thread { groups, encoder };
        Ok(self)
    }

    /// Adds one article as a row, with the path it was read from as `source`.
    pub fn write_article(&mut self, article: &Article, source: Option<&str>) -> io::Result<()> {
        self.write_owned_article(article.clone(), source.map(str::to_string))
    }

    /// [`ParquetWriter::write_article`] for an article the caller has no more use for,
    /// held until its row group is written without a copy.
    pub fn write_owned_article(
        &mut self,
        article: Article,
        source: Option<String>,
    ) -> io::Result<()> {
        self.text_bytes += text_size(&article);
        self.rows.push((article, source));
        if self.rows.len() >= ROW_GROUP_ARTICLES || self.text_bytes >= ROW_GROUP_TEXT_BYTES {
            self.write_row_group()?;
        }
        Ok(())
    }

    /// Encodes the rows held as one row group (or hands them to the encoder thread) and
    /// hands the bytes encoded so far to `out`.
    fn write_row_group(&mut self) -> io::Result<()> {
        if !self.rows.is_empty() {
            self.text_bytes = 0;
            match &mut self.encoder {
                Encoder::Here(encoder) => {
                    encode_group(encoder, &self.rows)?;
                    self.rows.clear();
                }
                Encoder::Thread { groups, .. } => {
                    let rows = std::mem::take(&mut self.rows);
                    if groups.send(Message::Group(rows)).is_err() {
                        return Err(self.encoder_failure());
                    }
                }
                Encoder::Stopped => return Err(stopped_earlier()),
            }
        }
        self.drain()
    }

    /// Why the encoder thread stopped taking row groups: its error, or its panic.
    fn encoder_failure(&mut self) -> io::Error {
        match std::mem::replace(&mut self.encoder, Encoder::Stopped) {
            Encoder::Thread { encoder, .. } => joined(encoder)
                .err()
                .unwrap_or_else(|| io::Error::other("the Parquet encoder stopped")),
            Encoder::Here(_) | Encoder::Stopped => stopped_earlier(),
        }
    }

    fn drain(&mut self) -> io::Result<()> {
        let bytes = std::mem::take(&mut *self.encoded.lock());
        self.out.write_all(&bytes)
    }

    /// Writes the last row group and the file's footer, flushes, and gives `out` back.
    /// A file without a row is a valid Parquet file of the schema, with no rows.
    pub fn finish(mut self) -> io::Result<W> {
        self.write_row_group()?;
        match self.encoder {
            Encoder::Here(mut encoder) => encoder.finish().map(drop).map_err(io::Error::other)?,
            Encoder::Thread { groups, encoder } => {
                // A send fails only when the thread has ended: `joined` says why.
                let _ = groups.send(Message::Finish);
                drop(groups);
                joined(encoder)?;
            }
            Encoder::Stopped => return Err(stopped_earlier()),
        }
        let bytes = std::mem::take(&mut *self.encoded.lock());
        self.out.write_all(&bytes)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

fn stopped_earlier() -> io::Error {
    io::Error::other("the Parquet encoder stopped earlier in this file")
}

/// Encodes one row group and writes it to the encoder's buffer.
fn encode_group(encoder: &mut ArrowWriter<SharedBuffer>, rows: &[Row]) -> io::Result<()> {
    let batch = record_batch(rows)?;
    encoder.write(&batch).map_err(io::Error::other)?;
    encoder.flush().map_err(io::Error::other)
}

/// The encoder thread's result once it has ended; a panic is an error (a bug: the file
/// is abandoned, and the caller reports it as it would a full disk).
fn joined(encoder: JoinHandle<io::Result<()>>) -> io::Result<()> {
    encoder.join().unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|text| text.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(io::Error::other(format!(
            "the Parquet encoder failed (a bug): {message}"
        )))
    })
}

/// A complete Parquet file of one article (for one output file per input).
pub(crate) fn render(article: &Article, source: Option<&str>, out: &mut Vec<u8>) {
    let mut writer = ParquetWriter::new(std::mem::take(out))
        .expect("the fixed schema makes a valid Parquet writer");
    writer
        .write_article(article, source)
        .and_then(|()| writer.finish().map(|file| *out = file))
        .expect("an article encodes to Parquet in memory");
}

/// The bytes an article's text columns take, to bound a row group's memory.
fn text_size(article: &Article) -> usize {
    article.paragraphs().map(str::len).sum::<usize>()
        + article.lead.as_ref().map_or(0, String::len)
        + article.title.len()
        + 512
}

/// The encoder's output, shared with the writer that drains it.
#[derive(Clone, Default)]
struct SharedBuffer(Arc<Mutex<Vec<u8>>>);

impl SharedBuffer {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<u8>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Write for SharedBuffer {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.lock().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The rows as one record batch of [`parquet_schema`].
fn record_batch(rows: &[Row]) -> io::Result<RecordBatch> {
    let articles = || rows.iter().map(|(article, _)| article);
    let optional = |field: fn(&Article) -> Option<&str>| -> ArrayRef {
        Arc::new(articles().map(field).collect::<StringArray>())
    };
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("the epoch is a date");
    let columns: Vec<ArrayRef> = vec![
        Arc::new(
            rows.iter()
                .map(|(_, source)| source.as_deref())
                .collect::<StringArray>(),
        ),
        Arc::new(articles().map(|a| a.timestamp_ms).collect::<Int64Array>()),
        Arc::new(
            articles()
                .map(|a| Some(a.timestamp.timestamp_millis()))
                .collect::<TimestampMillisecondArray>()
                .with_timezone("UTC"),
        ),
        Arc::new(StringArray::from_iter_values(articles().map(|a| &a.title))),
        optional(|a| a.url.as_deref()),
        optional(|a| a.url_raw.as_deref()),
        optional(|a| a.site.as_deref()),
        optional(|a| a.language.as_deref()),
        optional(|a| a.section.as_deref()),
        optional(|a| a.date_line.as_deref()),
        Arc::new(
            articles()
                .map(|a| a.published.map(|time| time.timestamp_micros()))
                .collect::<TimestampMicrosecondArray>()
                .with_timezone("UTC"),
        ),
        Arc::new(
            articles()
                .map(|a| a.published.map(|time| time.offset().local_minus_utc() / 60))
                .collect::<Int32Array>(),
        ),
        Arc::new(
            articles()
                .map(|a| a.published_date.map(|day| (day - epoch).num_days() as i32))
                .collect::<Date32Array>(),
        ),
        Arc::new(string_structs(
            image_fields(),
            articles().map(|a| a.lead_image.as_ref().map(image_values)),
        )?),
        optional(|a| a.lead.as_deref()),
        list(
            DataType::Utf8,
            articles().map(|a| a.paragraphs().count()),
            Arc::new(StringArray::from_iter_values(
                articles().flat_map(Article::paragraphs),
            )),
        )?,
        list(
            DataType::Struct(image_fields()),
            articles().map(|a| a.images().count()),
            Arc::new(string_structs(
                image_fields(),
                articles().flat_map(|a| a.images().map(|i| Some(image_values(i)))),
            )?),
        )?,
        list(
            DataType::Struct(embed_fields()),
            articles().map(|a| a.embeds().count()),
            Arc::new(string_structs(
                embed_fields(),
                articles().flat_map(|a| a.embeds().map(|e| Some(embed_values(e)))),
            )?),
        )?,
        optional(|a| a.copyright.as_deref()),
        list(
            DataType::Struct(share_link_fields()),
            articles().map(|a| a.share_links.len()),
            Arc::new(string_structs(
                share_link_fields(),
                articles().flat_map(|a| a.share_links.iter().map(|s| Some(share_link_values(s)))),
            )?),
        )?,
        optional(|a| a.byline.as_deref()),
        list(
            DataType::Utf8,
            articles().map(|a| a.tags.len()),
            Arc::new(StringArray::from_iter_values(
                articles().flat_map(|a| &a.tags),
            )),
        )?,
    ];
    RecordBatch::try_new(parquet_schema(), columns).map_err(io::Error::other)
}

fn image_values(image: &Image) -> Vec<Option<&str>> {
    vec![
        Some(&image.url),
        image.alt.as_deref(),
        image.caption.as_deref(),
        image.credit.as_deref(),
    ]
}

fn embed_values(embed: &Embed) -> Vec<Option<&str>> {
    vec![
        Some(&embed.url),
        embed.caption.as_deref(),
        embed.credit.as_deref(),
        embed.kind.map(embed_kind_name),
        embed.poster.as_deref(),
    ]
}

/// The kind's name, as JSON writes it.
fn embed_kind_name(kind: EmbedKind) -> &'static str {
    match kind {
        EmbedKind::Video => "video",
        EmbedKind::Audio => "audio",
        EmbedKind::Post => "post",
    }
}

fn share_link_values(link: &ShareLink) -> Vec<Option<&str>> {
    vec![
        Some(platform_name(link.platform)),
        Some(&link.url),
        link.target.as_deref(),
    ]
}

/// A list column: `lengths[i]` items of `values` in row `i`.
fn list(
    item: DataType,
    lengths: impl Iterator<Item = usize>,
    values: ArrayRef,
) -> io::Result<ArrayRef> {
    let array = ListArray::try_new(
        list_item(item),
        OffsetBuffer::from_lengths(lengths),
        values,
        None,
    )
    .map_err(io::Error::other)?;
    Ok(Arc::new(array))
}

/// A struct column of text fields, one `Vec` of field values per row (`None`: a null
/// struct; its fields that may not be null hold an empty string under the null).
fn string_structs<'a>(
    fields: Fields,
    items: impl Iterator<Item = Option<Vec<Option<&'a str>>>>,
) -> io::Result<StructArray> {
    let items: Vec<_> = items.collect();
    let columns = fields
        .iter()
        .enumerate()
        .map(|(at, field)| -> ArrayRef {
            let absent = (!field.is_nullable()).then_some("");
            Arc::new(
                items
                    .iter()
                    .map(|item| item.as_ref().map_or(absent, |values| values[at]))
                    .collect::<StringArray>(),
            )
        })
        .collect();
    let nulls = items
        .iter()
        .any(Option::is_none)
        .then(|| NullBuffer::from_iter(items.iter().map(Option::is_some)));
    StructArray::try_new(fields, columns, nulls).map_err(io::Error::other)
}

/// The platform's name as the JSON output writes it (serde's lowercase variant name); a
/// new variant fails to compile here until it is named.
fn platform_name(platform: Platform) -> &'static str {
    match platform {
        Platform::Facebook => "facebook",
        Platform::Whatsapp => "whatsapp",
        Platform::Twitter => "twitter",
        Platform::Linkedin => "linkedin",
        Platform::Telegram => "telegram",
        Platform::Email => "email",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn articles(count: usize) -> impl Iterator<Item = Article> {
        (0..count).map(|n| {
            let page = format!(
                "<!--{n}-->\n[Title {n}](https://www.rfi.fr/fr/a-{n})\n------\n\n<p>Text {n}.</p>"
            );
            crate::parse(&page, &crate::ParseOptions::default()).expect("the page parses")
        })
    }

    fn written(writer: ParquetWriter<Vec<u8>>, count: usize) -> io::Result<Vec<u8>> {
        let mut writer = writer;
        for (n, article) in articles(count).enumerate() {
            writer.write_owned_article(article, Some(format!("{n}.txt")))?;
        }
        writer.finish()
    }

    /// The encoder thread changes where row groups are encoded, never the file: over
    /// several row groups and a last, partial one, the bytes are those of the writer
    /// that encodes on its caller's thread.
    #[test]
    fn a_file_encoded_on_its_own_thread_is_the_same_byte_for_byte() {
        let count = 2 * ROW_GROUP_ARTICLES + 7;
        let here = written(ParquetWriter::new(Vec::new()).unwrap(), count).unwrap();
        let threaded = ParquetWriter::new(Vec::new())
            .and_then(ParquetWriter::encode_on_a_thread)
            .unwrap();
        assert!(format!("{threaded:?}").contains("own_thread: true"));
        assert_eq!(written(threaded, count).unwrap(), here);
        let path = std::env::temp_dir().join(format!("rfi-parse-{}.parquet", std::process::id()));
        std::fs::write(&path, here).unwrap();
        let reader = std::fs::File::open(&path)
            .map_err(parquet::errors::ParquetError::from)
            .and_then(parquet::file::reader::SerializedFileReader::new);
        std::fs::remove_file(&path).unwrap();
        let metadata = parquet::file::reader::FileReader::metadata(&reader.unwrap()).clone();
        assert_eq!(metadata.num_row_groups(), 3);
        assert_eq!(metadata.file_metadata().num_rows(), count as i64);
    }

    /// A destination that fails (a full disk) fails the writer on its caller's thread
    /// with that error, and the encoder thread, abandoned, ends.
    #[test]
    fn a_failing_destination_is_an_error_of_the_writer() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut writer = ParquetWriter::new(Full)
            .and_then(ParquetWriter::encode_on_a_thread)
            .unwrap();
        let failed = articles(ROW_GROUP_ARTICLES + 1)
            .try_for_each(|article| writer.write_owned_article(article, None))
            .and_then(|()| writer.finish().map(drop));
        assert_eq!(failed.unwrap_err().kind(), io::ErrorKind::StorageFull);
    }
}

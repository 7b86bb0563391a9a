//! The typed `Article` model that every output format is rendered from.

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat, Utc};
use serde::{Serialize, Serializer};

/// One archived news article, as described in the output contract (`docs/CONTRACT.md`, section 2).
///
/// Field order here is the field order of the JSON output, where `blocks` is written as
/// three arrays, `paragraphs`, `images` and `embeds`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Article {
    /// Collection time from line 1, in milliseconds since the Unix epoch.
    pub timestamp_ms: i64,
    /// The same instant in UTC, serialized as RFC 3339 (`2023-06-12T16:15:01Z`).
    #[serde(serialize_with = "utc_rfc3339")]
    #[cfg_attr(feature = "schema", schemars(with = "String", extend("format" = "date-time")))]
    pub timestamp: DateTime<Utc>,
    /// The link text of line 2.
    pub title: String,
    /// The URL, percent-decoded as UTF-8 (invalid sequences replaced by U+FFFD).
    pub url: Option<String>,
    /// The URL exactly as written in the file.
    pub url_raw: Option<String>,
    /// The URL's host without `www.` (`rfi.fr`).
    pub site: Option<String>,
    /// The article's language as a BCP 47 tag: a Chinese text's script as its characters
    /// show it (`zh-Hans`, `zh-Hant`), else the language the URL names (`/cn/` is
    /// `zh-Hans`), else the language detected in the text where that is reliable.
    pub language: Option<String>,
    /// The site's section, when the URL path has one and the source's profile knows which
    /// folder it is (`法国`); null for other sites (Reuters' `/article/` is no section).
    pub section: Option<String>,
    /// The date line's text, trimmed (`12/06/2023 - 17:21`).
    pub date_line: Option<String>,
    /// The publication time, with its UTC offset: only where the page prints a time (a
    /// date printed alone gives `published_date`, never a midnight instant).
    #[serde(serialize_with = "opt_fixed_rfc3339")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>", extend("format" = "date-time")))]
    pub published: Option<DateTime<FixedOffset>>,
    /// The publication day, `YYYY-MM-DD`: that of `published` as printed, else a date
    /// printed without a time, else the day the source's URL or text states by its
    /// profile's documented rule (CNA's `/202511200123.aspx` and `1091201` stamp, RFI's
    /// and the NYT's `/YYYYMMDD`, Al Jazeera's `/YYYY/M/D/`, Kyodo's dateline); null when
    /// nothing states it.
    #[serde(serialize_with = "opt_date")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>", extend("format" = "date")))]
    pub published_date: Option<NaiveDate>,
    /// The lead image at the top of the body.
    pub lead_image: Option<Image>,
    /// The lead paragraph; null when empty or absent.
    pub lead: Option<String>,
    /// The article's content in document order: its text blocks with their links, its
    /// inline images and its players.
    ///
    /// The one place the text is held: JSON writes it as three arrays in its place,
    /// `paragraphs` (every text block's text, headings too: [`Article::paragraphs`]),
    /// `images` ([`Article::images`]) and `embeds` ([`Article::embeds`]), each in
    /// document order; the Markdown writer renders the blocks themselves.
    #[serde(flatten, serialize_with = "blocks_as_arrays")]
    #[cfg_attr(feature = "schema", schemars(with = "BlocksJson"))]
    pub blocks: Vec<Block>,
    /// The copyright line (`© 2021 AFP`).
    pub copyright: Option<String>,
    /// Share links, in document order.
    pub share_links: Vec<ShareLink>,
    /// The author, reporter, editor or translator credit lines as printed, joined by `\n`.
    pub byline: Option<String>,
    /// Topic tags the page lists (`國防部`).
    pub tags: Vec<String>,
}

impl Article {
    /// The text of every text block (paragraphs and headings), in document order: JSON's
    /// `paragraphs`.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> + Clone + '_ {
        paragraphs_of(&self.blocks)
    }

    /// The inline images, in document order: JSON's `images`.
    pub fn images(&self) -> impl Iterator<Item = &Image> + Clone + '_ {
        images_of(&self.blocks)
    }

    /// The embedded players, in document order: JSON's `embeds`.
    pub fn embeds(&self) -> impl Iterator<Item = &Embed> + Clone + '_ {
        embeds_of(&self.blocks)
    }
}

fn paragraphs_of(blocks: &[Block]) -> impl Iterator<Item = &str> + Clone + '_ {
    blocks.iter().filter_map(|block| match block {
        Block::Paragraph(text) | Block::Heading(text) => Some(text.text()),
        Block::Image(_) | Block::Embed(_) => None,
    })
}

fn images_of(blocks: &[Block]) -> impl Iterator<Item = &Image> + Clone + '_ {
    blocks.iter().filter_map(|block| match block {
        Block::Image(image) => Some(image),
        _ => None,
    })
}

fn embeds_of(blocks: &[Block]) -> impl Iterator<Item = &Embed> + Clone + '_ {
    blocks.iter().filter_map(|block| match block {
        Block::Embed(embed) => Some(embed),
        _ => None,
    })
}

/// Writes `blocks` as JSON's three arrays, `paragraphs`, `images` and `embeds` (flattened
/// into the article's object in the place of `blocks`).
fn blocks_as_arrays<S: Serializer>(blocks: &[Block], serializer: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct as _;
    /// A sequence written from an iterator, without collecting it.
    struct Each<I>(I);
    impl<I: Iterator<Item: Serialize> + Clone> Serialize for Each<I> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(self.0.clone())
        }
    }
    let mut arrays = serializer.serialize_struct("Blocks", 3)?;
    arrays.serialize_field("paragraphs", &Each(paragraphs_of(blocks)))?;
    arrays.serialize_field("images", &Each(images_of(blocks)))?;
    arrays.serialize_field("embeds", &Each(embeds_of(blocks)))?;
    arrays.end()
}

/// The JSON form of [`Article::blocks`], for the JSON Schema: the three arrays
/// [`blocks_as_arrays`] writes.
#[cfg(feature = "schema")]
#[derive(schemars::JsonSchema)]
#[expect(
    dead_code,
    reason = "only its schema is used: the arrays are written from the blocks"
)]
struct BlocksJson {
    /// Every text block of the article, in document order, as plain text.
    paragraphs: Vec<String>,
    /// Inline images (`<figure>`/`<picture>`).
    images: Vec<Image>,
    /// Embedded players (`<iframe>`).
    embeds: Vec<Embed>,
}

/// What reading an article noticed beside the article itself, for checks and warnings
/// ([`crate::diagnose`]): which profile read the body, the text its rules left out,
/// and where the body starts.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnostics {
    /// Which source profile read the body, and how it was chosen.
    pub extractor: Extractor,
    /// Text a named rule left out (text straight in a layout `<div>`, a caption with no
    /// picture) that reads like article text (`rfi-parse check` reports it as
    /// `dropped-prose`, and conversion warns of it).
    pub dropped_text: Vec<String>,
    /// The input's line (from 1) where the body's content starts: after the three header
    /// lines of an archive file, or a post's front matter, and any blank lines.
    pub body_line: usize,
    /// The encoding the bytes were read in, by its WHATWG name (`UTF-8`, `GB18030`).
    pub encoding: &'static str,
}

/// The source profile that read an article's body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Extractor {
    /// The profile's name (`rfi`, `cna`, `default`).
    pub profile: &'static str,
    /// How it was chosen.
    pub chosen_by: ChosenBy,
    /// Whether the source prints a lead, so that its absence is worth a warning.
    pub expects_lead: bool,
    /// Whether the source prints a date line.
    pub expects_date_line: bool,
    /// Whether the source prints its publication time, so that a null `published`
    /// says its layout may have changed.
    pub expects_time: bool,
    /// Whether the page's lead image was the source's generic placeholder picture (RFI's
    /// social card), which `lead_image` leaves out.
    pub placeholder_lead_image: bool,
    /// Whether the body's markup cost more to build into a tree than its size warrants
    /// (a shape whose tree building is quadratic), so that it was read as flat
    /// paragraphs of its text: the text is kept, its structure (links, headings,
    /// captions) is not.
    pub simplified_markup: bool,
}

/// How the source profile was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChosenBy {
    /// The URL's host names a known source.
    Host,
    /// Without a known host, the body's markup names the source.
    Markup,
    /// Nothing names a known source: the careful default.
    Default,
    /// The caller named the profile ([`crate::ParseOptions::profile`], `--profile`).
    Forced,
}

impl ChosenBy {
    /// `host`, `markup`, `default` or `forced`.
    pub fn as_str(self) -> &'static str {
        match self {
            ChosenBy::Host => "host",
            ChosenBy::Markup => "markup",
            ChosenBy::Default => "default",
            ChosenBy::Forced => "forced",
        }
    }
}

/// An image: an inline one, or the lead image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Image {
    /// The real image URL (a `data:` placeholder yields to the first `srcset` URL).
    pub url: String,
    /// Its `alt` text.
    pub alt: Option<String>,
    /// The first part of the `<figcaption>`.
    pub caption: Option<String>,
    /// The credit part of the `<figcaption>` (`© Claire Fages / RFI`).
    pub credit: Option<String>,
}

/// An embedded player, such as a YouTube `<iframe>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Embed {
    /// The player's address (`src`).
    pub url: String,
    /// Its caption (`<figcaption>`).
    pub caption: Option<String>,
    /// The credit printed with it (`AFP - YVES HERMAN`).
    pub credit: Option<String>,
    /// What it plays, where its element (`<video>`) or its address's host (YouTube,
    /// X) says; null otherwise.
    pub kind: Option<EmbedKind>,
    /// The picture shown until the player starts (its poster), where the page gives one.
    pub poster: Option<String>,
}

/// What an embedded player plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum EmbedKind {
    /// A video (`<video>`, YouTube, BBC's and RFI's video players).
    Video,
    /// Sound only (`<audio>`, a broadcaster's episode player, SoundCloud).
    Audio,
    /// A post of a social network (X, Instagram, Facebook, Threads, TikTok).
    Post,
}

/// A link of the share block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ShareLink {
    /// The network it posts to.
    pub platform: Platform,
    /// The link's `href`, entities decoded.
    pub url: String,
    /// The address being shared, when the link names one.
    pub target: Option<String>,
}

/// The network a share link posts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Platform {
    /// `facebook.com/dialog/share`, `facebook.com/sharer`.
    Facebook,
    /// `whatsapp://send`, `api.whatsapp.com`, `wa.me`.
    Whatsapp,
    /// `twitter.com/intent/tweet`, `x.com`.
    Twitter,
    /// `linkedin.com/shareArticle`.
    Linkedin,
    /// `t.me/share`.
    Telegram,
    /// A `mailto:` whose message carries the shared address.
    Email,
}

/// One block of article content, in document order.
///
/// Each block owns what it shows, so that JSON's arrays and the Markdown, both written
/// from the blocks, cannot disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Block {
    /// A text block (`p`, `li`, `blockquote`): a string of JSON's `paragraphs`.
    Paragraph(TextBlock),
    /// A heading: `h1`–`h6`, or a paragraph all in `<strong>` that is not written as
    /// sentences (no full stop at its end, no sentence mark inside); also a string of
    /// JSON's `paragraphs`.
    Heading(TextBlock),
    /// An inline image: an entry of JSON's `images`.
    Image(Image),
    /// An embedded player: an entry of JSON's `embeds`.
    Embed(Embed),
}

/// The text of a paragraph or heading and the links inside it.
///
/// Its links always lie inside its text, on character boundaries, in order and not
/// overlapping: the constructors keep that, so no writer has to check it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TextBlock {
    text: String,
    links: Vec<Link>,
}

impl TextBlock {
    /// A text block without links.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            links: Vec::new(),
        }
    }

    /// A text block with links, or `None` when a link does not lie inside `text` on
    /// character boundaries, after the one before it.
    pub fn with_links(text: impl Into<String>, links: Vec<Link>) -> Option<Self> {
        let text = text.into();
        links_fit(&text, &links).then_some(Self { text, links })
    }

    /// A block the extraction filed: its links fit by construction (a debug build checks
    /// it); any that would not are left out rather than kept out of range.
    pub(crate) fn filed(text: String, links: Vec<Link>) -> Self {
        let fits = links_fit(&text, &links);
        debug_assert!(fits, "links outside their text: {links:?} in {text:?}");
        Self {
            links: if fits { links } else { Vec::new() },
            text,
        }
    }

    /// The text, plain.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The links, as byte ranges of [`TextBlock::text`], in order and not overlapping.
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// Replaces the text; the links, which were ranges of the old text, are dropped.
    pub fn set_text(&mut self, text: impl Into<String>) {
        self.text = text.into();
        self.links.clear();
    }
}

/// Whether each link lies inside `text` on character boundaries, after the one before it.
fn links_fit(text: &str, links: &[Link]) -> bool {
    let mut at = 0;
    links.iter().all(|link| {
        let fits = at <= link.start
            && link.start <= link.end
            && link.end <= text.len()
            && text.is_char_boundary(link.start)
            && text.is_char_boundary(link.end);
        at = link.end;
        fits
    })
}

/// A link inside a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Link {
    /// Byte offset where the link text starts within the paragraph.
    pub start: usize,
    /// Byte offset where it ends (exclusive).
    pub end: usize,
    /// The link's address, as written.
    pub url: String,
}

impl Link {
    /// The link to `url` over the bytes `start..end` of its paragraph's text.
    pub fn new(start: usize, end: usize, url: impl Into<String>) -> Self {
        Self {
            start,
            end,
            url: url.into(),
        }
    }
}

fn opt_date<S: Serializer>(date: &Option<NaiveDate>, serializer: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => serializer.serialize_str(&date.format("%Y-%m-%d").to_string()),
        None => serializer.serialize_none(),
    }
}

fn utc_rfc3339<S: Serializer>(time: &DateTime<Utc>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&time.to_rfc3339_opts(SecondsFormat::AutoSi, true))
}

fn opt_fixed_rfc3339<S: Serializer>(
    time: &Option<DateTime<FixedOffset>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match time {
        Some(time) => serializer.serialize_str(&time.to_rfc3339_opts(SecondsFormat::AutoSi, false)),
        None => serializer.serialize_none(),
    }
}

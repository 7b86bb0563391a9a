//! From archive text to `Article`: the header lines, then the HTML body.

pub(crate) mod body;
mod builder;
mod caption_credit;
pub(crate) mod date;
pub(crate) mod day;
mod decode;
mod header;
pub(crate) mod origin;
mod player;
mod post;
mod prepass;
pub(crate) mod profile;
mod repair;
mod script;
pub(crate) mod settings;
mod share;
mod srcset;
mod text;
mod tree;

#[doc(hidden)]
pub use tree::tree_building_work;

use std::str::FromStr;

use chrono_tz::Tz;
use encoding_rs::Encoding;

use crate::article::{Article, Diagnostics};
use crate::error::{OptionError, ParseError};

pub use decode::Decoded;
pub use post::BodyMarkup;

/// How to read an archive file: the time zone of RFI's date line, and the encoding.
///
/// ```
/// use rfi_parse::ParseOptions;
///
/// let options = ParseOptions::new()
///     .zone("Asia/Taipei".parse()?)
///     .encoding("big5".parse()?);
/// let article = rfi_parse::parse(
///     "<!--0-->\n[T](https://www.rfi.fr/tw/x)\n------\n\n<div>01/07/2023 - 08:00</div>",
///     &options,
/// )
/// .unwrap();
/// assert_eq!(article.published.unwrap().to_rfc3339(), "2023-07-01T08:00:00+08:00");
/// assert!("Mars/Olympus".parse::<rfi_parse::Zone>().is_err());
/// # Ok::<(), rfi_parse::OptionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseOptions {
    zone: Option<Tz>,
    site_zone: Tz,
    profile: Option<&'static str>,
    body_markup: BodyMarkup,
    encoding: Option<&'static Encoding>,
}

impl Default for ParseOptions {
    fn default() -> Self {
        Self {
            zone: None,
            site_zone: chrono_tz::UTC,
            profile: None,
            body_markup: BodyMarkup::Html,
            encoding: None,
        }
    }
}

impl ParseOptions {
    /// The defaults: each source's times in its own zone, the encoding detected.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads a time printed without a UTC offset in this zone, whatever the source,
    /// instead of the zone its profile prints times in (`Europe/Paris` for a date line
    /// `12/06/2023 - 17:21` on rfi.fr); for a source no profile knows, whose times
    /// otherwise give `published_date` only, this names their zone.
    pub fn zone(mut self, zone: Zone) -> Self {
        self.zone = Some(zone.0);
        self
    }

    /// Reads a Jekyll post's `date` that has no UTC offset in this zone, as Jekyll does
    /// with the site's `timezone:` setting (default UTC).
    ///
    /// ```
    /// let post = "---\ntitle: T\ndate: 2023-07-01 08:00\n---\n<p>x</p>\n";
    /// let options = rfi_parse::ParseOptions::new().site_zone("Asia/Hong_Kong".parse()?);
    /// let article = rfi_parse::parse(post, &options).unwrap();
    /// assert_eq!(article.timestamp.to_rfc3339(), "2023-07-01T00:00:00+00:00");
    /// # Ok::<(), rfi_parse::OptionError>(())
    /// ```
    pub fn site_zone(mut self, zone: Zone) -> Self {
        self.site_zone = zone.0;
        self
    }

    /// Reads every body with this source profile (`rfi`, `cna`…, or `default`, the
    /// careful default for unknown sources) instead of choosing one by host or markup:
    /// to measure one profile on another source's files.
    ///
    /// ```
    /// let options = rfi_parse::ParseOptions::new().profile("default".parse()?);
    /// let input = b"<!--0-->\n[T](https://www.rfi.fr/cn/x)\n------\n\n<p>x</p>";
    /// let (_, diagnostics) = rfi_parse::diagnose(input, &options).unwrap();
    /// assert_eq!(diagnostics.extractor.profile, "default");
    /// assert!("nope".parse::<rfi_parse::ProfileName>().is_err());
    /// # Ok::<(), rfi_parse::OptionError>(())
    /// ```
    pub fn profile(mut self, profile: ProfileName) -> Self {
        self.profile = Some(profile.0);
        self
    }

    /// Reads a post's body as this markup: HTML (the default, and every archive file's
    /// body), or Markdown, as Jekyll builds `_posts/….md` (RTHK's posts).
    ///
    /// ```
    /// use rfi_parse::{BodyMarkup, ParseOptions};
    ///
    /// let post = "---\r\ntitle: T\r\ndate: 2023-07-01 08:00:00 +08:00\r\n---\r\n\r\n第一段。\r\n\r\n第二段。\r\n";
    /// let options = ParseOptions::new().body_markup(BodyMarkup::Markdown);
    /// let article = rfi_parse::parse(post, &options)?;
    /// assert!(article.paragraphs().eq(["第一段。", "第二段。"]));
    /// # Ok::<(), rfi_parse::ParseError>(())
    /// ```
    pub fn body_markup(mut self, markup: BodyMarkup) -> Self {
        self.body_markup = markup;
        self
    }

    /// Reads every input in this encoding instead of detecting it.
    pub fn encoding(mut self, encoding: TextEncoding) -> Self {
        self.encoding = Some(encoding.0);
        self
    }

    /// The IANA name of the zone [`ParseOptions::zone`] set; `None` when each source's
    /// own zone is used.
    pub fn zone_name(&self) -> Option<&'static str> {
        self.zone.map(|zone| zone.name())
    }
}

/// A time zone, read from its IANA name (`"Europe/Paris".parse()`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Zone(Tz);

impl FromStr for Zone {
    type Err = OptionError;

    fn from_str(iana_name: &str) -> Result<Self, OptionError> {
        Tz::from_str(iana_name)
            .map(Zone)
            .map_err(|_| OptionError::UnknownZone(iana_name.to_string()))
    }
}

/// A text encoding, read from its WHATWG label (`"gb18030".parse()`, `big5`, `utf-8`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextEncoding(&'static Encoding);

impl FromStr for TextEncoding {
    type Err = OptionError;

    fn from_str(label: &str) -> Result<Self, OptionError> {
        Encoding::for_label(label.as_bytes())
            .map(TextEncoding)
            .ok_or_else(|| OptionError::UnknownEncoding(label.to_string()))
    }
}

/// The name of a source profile, checked against the known ones (`"cna".parse()`; see
/// [`profile_names`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProfileName(&'static str);

impl FromStr for ProfileName {
    type Err = OptionError;

    fn from_str(name: &str) -> Result<Self, OptionError> {
        profile::by_name(name)
            .map(|profile| ProfileName(profile.name))
            .ok_or_else(|| OptionError::UnknownProfile(name.to_string()))
    }
}

/// The names of the source profiles, `default` last.
pub fn profile_names() -> Vec<&'static str> {
    profile::PROFILES
        .iter()
        .map(|p| p.name)
        .chain(["default"])
        .collect()
}

/// The IANA time zone names [`Zone`] reads (`Europe/Paris`, `Asia/Taipei`…), for shell
/// completions.
pub fn zone_names() -> Vec<&'static str> {
    chrono_tz::TZ_VARIANTS
        .iter()
        .map(|zone| zone.name())
        .collect()
}

/// The header of an archive file (or post), read without its body.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ArticleHeader {
    /// Collection time from line 1, in milliseconds since the Unix epoch.
    pub timestamp_ms: i64,
    /// The link text of line 2.
    pub title: String,
    /// The URL, percent-decoded as [`Article::url`] is.
    pub url: Option<String>,
}

/// Reads only the header of an archive file (or post): much cheaper than [`parse`]
/// when only the URL or the collection time is wanted.
///
/// ```
/// let header = rfi_parse::parse_header(
///     b"<!--1686586501000-->\n[T](https://www.rfi.fr/cn/%E6%B3%95)\n------\n\n<p>x</p>",
///     &Default::default(),
/// )?;
/// assert_eq!(header.url.as_deref(), Some("https://www.rfi.fr/cn/法"));
/// # Ok::<(), rfi_parse::ParseError>(())
/// ```
pub fn parse_header<I: AsRef<[u8]> + ?Sized>(
    input: &I,
    options: &ParseOptions,
) -> Result<ArticleHeader, ParseError> {
    let decoded = decode::decode(input.as_ref(), options.encoding)?;
    let flattened;
    let text = match post::flatten(&decoded.text, options.site_zone, options.body_markup) {
        Some(flat) => {
            flattened = flat?.0;
            flattened.as_str()
        }
        None => decoded.text.as_ref(),
    };
    let header = header::split(text)?;
    Ok(ArticleHeader {
        timestamp_ms: header.timestamp_ms,
        title: text::strip_controls(header.title).into_owned(),
        url: header.url_raw.map(decoded_url),
    })
}

/// Decodes an archive file's bytes as [`parse`] does: in the encoding the
/// options name; else by its byte-order mark; else as UTF-8 when it is valid UTF-8; else
/// in the CJK encoding (GB18030, Big5, Shift_JIS, EUC-JP, EUC-KR) detected, when that
/// decodes every byte without error. Otherwise [`crate::ParseErrorKind::Undecodable`];
/// or [`crate::ParseErrorKind::EncodingUncertain`] unless the evidence is enough: 16
/// bytes beyond ASCII or more, the text in the script of the encoding's language (and of
/// the language the address on line 2 names, when it names one), and, when the address
/// names none, no other language's encoding reading the bytes as its own script. Valid
/// UTF-8 without a Han, kana or Hangul letter is uncertain as well when the address names
/// Chinese and a Chinese encoding reads the bytes as Han (a few GBK hanzi can be valid
/// UTF-8).
///
/// ```
/// let big5 = b"\xa4\xa4\xa4\xe5\xb7\x73\xbb\x44\xa1\x47\xbb\x4f\xc6\x57\xc1\x60\xb2\xce\xb5\x6f\xaa\xed\xbd\xcd\xb8\xdc";
/// let decoded = rfi_parse::decode(big5, &Default::default())?;
/// assert_eq!((decoded.text.as_ref(), decoded.encoding), ("中文新聞：臺灣總統發表談話", "Big5"));
/// # Ok::<(), rfi_parse::ParseError>(())
/// ```
pub fn decode<'a>(bytes: &'a [u8], options: &ParseOptions) -> Result<Decoded<'a>, ParseError> {
    decode::decode(bytes, options.encoding)
}

/// Parses an archive file, or the Jekyll post it was flattened from, with the given
/// options: its bytes (decoded as [`decode()`] describes) or its text.
///
/// ```
/// use rfi_parse::ParseOptions;
///
/// let article = rfi_parse::parse("<!--0-->\n[Title]()\n------\n\n<p>Text.</p>", &ParseOptions::new())?;
/// assert_eq!((article.title.as_str(), article.url.as_deref()), ("Title", None));
/// assert!(article.paragraphs().eq(["Text."]));
///
/// let options = ParseOptions::new().zone("UTC".parse()?);
/// let article = rfi_parse::parse(
///     "<!--0-->\n[T]()\n------\n\n<div>12/06/2023 - 17:21</div><div><p>x</p></div>",
///     &options,
/// )?;
/// assert_eq!(article.published.unwrap().to_rfc3339(), "2023-06-12T17:21:00+00:00");
///
/// let options = ParseOptions::new().encoding("gb18030".parse()?);
/// let article = rfi_parse::parse(b"<!--0-->\n[\xd6\xd0\xce\xc4]()\n------\n\n<p>x</p>", &options)?;
/// assert_eq!(article.title, "中文");
///
/// let error = rfi_parse::parse(b"<!--0-->\nno link\n", &ParseOptions::new()).unwrap_err();
/// assert_eq!(error.line(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse<I: AsRef<[u8]> + ?Sized>(
    input: &I,
    options: &ParseOptions,
) -> Result<Article, ParseError> {
    diagnose(input, options).map(|(article, _)| article)
}

/// Parses an input as [`parse`] does, and gives what the reading noticed
/// beside the article: the profile that read it, the text its rules left out, and the
/// line its body starts on (what `rfi-parse check` reports).
///
/// ```
/// let input = b"<!--0-->\n[T](https://www.rfi.fr/cn/x)\n------\n\n<p>x</p>";
/// let (article, diagnostics) = rfi_parse::diagnose(input, &rfi_parse::ParseOptions::new())?;
/// assert!(article.paragraphs().eq(["x"]));
/// assert_eq!((diagnostics.extractor.profile, diagnostics.body_line), ("rfi", 5));
/// # Ok::<(), rfi_parse::ParseError>(())
/// ```
pub fn diagnose<I: AsRef<[u8]> + ?Sized>(
    input: &I,
    options: &ParseOptions,
) -> Result<(Article, Diagnostics), ParseError> {
    read(input.as_ref(), options, builder::ArticleBuilder::default())
        .map(|reading| (reading.article, reading.diagnostics))
}

/// [`crate::explain()`]: the article, and the decisions a tracing builder recorded.
pub(crate) fn explain(
    input: &[u8],
    options: &ParseOptions,
) -> Result<crate::explain::Explanation, ParseError> {
    let reading = read(input, options, builder::ArticleBuilder::tracing())?;
    Ok(crate::explain::Explanation {
        article: reading.article,
        diagnostics: reading.diagnostics,
        profile_evidence: reading.evidence,
        decisions: reading.decisions,
    })
}

/// Every rule of the extraction, stage by stage.
pub(crate) fn rules() -> Vec<crate::explain::Rule> {
    let mut rules = body::rules();
    rules.push(crate::explain::Rule {
        stage: crate::explain::Stage::Finish,
        name: caption_credit::RULE,
        source: None,
        summary: caption_credit::SUMMARY,
    });
    rules
}

/// What reading an input gives: the article, its diagnostics, and, from a tracing
/// builder, the decisions.
struct Reading {
    article: Article,
    diagnostics: Diagnostics,
    evidence: String,
    decisions: Vec<crate::explain::Decision>,
}

/// Decodes an input, flattens a post, and reads the archive file into `fields`.
fn read(
    input: &[u8],
    options: &ParseOptions,
    fields: builder::ArticleBuilder,
) -> Result<Reading, ParseError> {
    let decoded = decode::decode(input, options.encoding)?;
    // A Jekyll post is read as the archive file it flattens to, so both give one Article;
    // its body's line is the post's own.
    match post::flatten(&decoded.text, options.site_zone, options.body_markup) {
        Some(flattened) => {
            let (archive, body_line) = flattened?;
            parse_archive(&archive, options, decoded.encoding, Some(body_line), fields)
        }
        None => parse_archive(&decoded.text, options, decoded.encoding, None, fields),
    }
}

/// The article and diagnostics of an archive file read in `encoding`; `post_body_line`
/// is where the body starts in the post it was flattened from, if it was.
fn parse_archive(
    input: &str,
    options: &ParseOptions,
    encoding: &'static str,
    post_body_line: Option<usize>,
    fields: builder::ArticleBuilder,
) -> Result<Reading, ParseError> {
    let header = header::split(input)?;
    // The body starts on line 4, after the header's three lines; its content after any
    // blank lines.
    let body_line = post_body_line.unwrap_or_else(|| 4 + header::blank_lines(header.body));
    let url = header.url_raw.map(decoded_url);
    // Site, language and section come from the URL only: nothing is guessed.
    // The address is read once, for the origin and the day its path may state.
    let address = header.url_raw.and_then(origin::address);
    let info = address.as_ref().map(origin::origin).unwrap_or_default();
    // The profile only steers extraction; it never fills a field the input lacks.
    let (profile, chosen_by, evidence) = match options.profile.and_then(profile::by_name) {
        Some(forced) => (
            forced,
            crate::article::ChosenBy::Forced,
            profile::Evidence::Nothing,
        ),
        None => profile::choose_with_evidence(info.site.as_deref(), header.body),
    };
    let evidence = match (chosen_by, fields.is_tracing()) {
        (_, false) => String::new(),
        (crate::article::ChosenBy::Forced, true) => format!("--profile {}", profile.name),
        (_, true) => evidence.to_string(),
    };
    let title = text::strip_controls(header.title).into_owned();
    let tracing = fields.is_tracing();
    let page = header.url_raw;
    let mut body = body::extract(header.body, &title, page, options.zone, profile, fields);
    let mut decisions = body.take_decisions();
    let mut filed = body.take_filed();
    // A credit printed inside a caption is the picture's credit.
    let slots = (body.lead_image.iter_mut().chain(&mut filed.images))
        .map(|image| (&mut image.caption, &mut image.credit))
        .chain(
            filed
                .embeds
                .iter_mut()
                .map(|embed| (&mut embed.caption, &mut embed.credit)),
        );
    for (caption, credit) in slots {
        if let Some(moved) =
            caption_credit::move_credit(caption, credit, profile.caption_credit_agencies)
            && tracing
        {
            decisions.push(crate::explain::Decision {
                text: moved,
                to: crate::explain::Destination::Credit,
                rule: caption_credit::RULE,
                stage: crate::explain::Stage::Finish,
            });
        }
    }
    // A picture the page addresses over its own scheme (`//host/…`) is fetched over the
    // page's: written so, it is the same address to any reader. (The walker resolved each
    // player's address so already, for its host to say what it plays.)
    let resolve = |url: &mut String| {
        if let Some(absolute) = crate::address::resolve_scheme_relative(url, page) {
            *url = absolute;
        }
    };
    for image in body.lead_image.iter_mut().chain(&mut filed.images) {
        resolve(&mut image.url);
    }
    for embed in &mut filed.embeds {
        if let Some(poster) = &mut embed.poster {
            resolve(poster);
        }
    }
    let published_date = day::publication_day(
        profile,
        &day::DayEvidence {
            published: body.published,
            printed_date: body.printed_date,
            url_segments: address.as_ref().map_or(&[], |address| &address.segments),
            first_paragraph: body
                .lead
                .as_deref()
                .or(filed.paragraphs.first().map(String::as_str)),
            title: &title,
            date_stamps: &body.date_stamps,
            collected: header.timestamp,
        },
    );
    // The text's own script decides Chinese; the address's language stands otherwise.
    // A gallery's text, without paragraphs, is its captions.
    let captions = body
        .lead_image
        .iter()
        .chain(&filed.images)
        .filter(|_| filed.paragraphs.is_empty())
        .filter_map(|image| image.caption.as_deref());
    let language = script::language(
        info.language,
        std::iter::once(title.as_str())
            .chain(body.lead.as_deref())
            .chain(filed.paragraphs.iter().map(String::as_str))
            .chain(captions),
    );
    let article = Article {
        timestamp_ms: header.timestamp_ms,
        timestamp: header.timestamp,
        title,
        url,
        url_raw: header.url_raw.map(str::to_string),
        site: info.site,
        language: language.map(str::to_string),
        section: info.section,
        date_line: body.date_line,
        published: body.published,
        published_date,
        lead_image: body.lead_image,
        lead: body.lead,
        blocks: builder::owned_blocks(filed.paragraphs, filed.images, filed.embeds, filed.blocks),
        copyright: body.copyright,
        share_links: body.share_links,
        byline: (!body.byline.is_empty()).then(|| body.byline.join("\n")),
        tags: body.tags,
    };
    let diagnostics = Diagnostics {
        dropped_text: body.dropped,
        extractor: crate::article::Extractor {
            profile: profile.name,
            chosen_by,
            expects_lead: profile.has_lead,
            expects_date_line: profile.has_date_line,
            expects_time: profile.prints_time,
            placeholder_lead_image: body.placeholder_lead_image,
            simplified_markup: body.simplified,
        },
        body_line,
        encoding,
    };
    Ok(Reading {
        article,
        diagnostics,
        evidence,
        decisions,
    })
}

/// The `url` field: the raw URL percent-decoded, control characters removed.
fn decoded_url(raw: &str) -> String {
    text::strip_controls(&percent_decode_lossy(raw)).into_owned()
}

/// Percent-decodes `text` as UTF-8; invalid escapes stay as written and invalid UTF-8
/// becomes U+FFFD, so it never fails.
///
/// Hand-written because it is on the hot path of every file, where the percent-encoding
/// crate's decoding iterator cost several times as much.
pub(crate) fn percent_decode_lossy(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('%') {
        return std::borrow::Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'%' {
            // Escapes often follow each other (`%E4%B8%AD`): each is read in place.
            if let (Some(high), Some(low)) =
                (hex_value(bytes.get(at + 1)), hex_value(bytes.get(at + 2)))
            {
                decoded.push(high << 4 | low);
                at += 3;
            } else {
                decoded.push(b'%');
                at += 1;
            }
            continue;
        }
        // A run of plain bytes up to the next escape is copied at once.
        let end = memchr::memchr(b'%', &bytes[at..]).map_or(bytes.len(), |offset| at + offset);
        decoded.extend_from_slice(&bytes[at..end]);
        at = end;
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

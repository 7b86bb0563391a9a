//! Markdown: YAML front matter, then the article, escaped to render as its literal text.

use std::fmt::Write as _;

use crate::article::{Article, Block, Image, TextBlock};

pub(crate) fn render(article: &Article, source: Option<&str>, out: &mut Vec<u8>) {
    let mut md = String::with_capacity(1024);
    // A relative or `javascript:` address would not show the picture.
    let lead_image = article
        .lead_image
        .as_ref()
        .filter(|image| is_safe_url(&image.url));
    front_matter(article, lead_image, source, &mut md);
    if let Some(image) = lead_image {
        md.push('\n');
        let caption = [image.caption.as_deref(), image.credit.as_deref()];
        image_into(&image.url, image.alt.as_deref(), caption, &mut md);
        md.push('\n');
    }
    if let Some(lead) = &article.lead {
        md.push('\n');
        escape_into(lead, &mut md);
        md.push('\n');
    }
    for block in &article.blocks {
        if let Block::Image(image) = block
            && !is_safe_url(&image.url)
        {
            // A relative or `javascript:` address would not show the picture.
            continue;
        }
        md.push('\n');
        match block {
            Block::Paragraph(block) => text_block_into(block, &mut md),
            Block::Heading(block) => {
                md.push_str("### ");
                let start = md.len();
                text_block_into(block, &mut md);
                heading_safe(&mut md, start);
            }
            Block::Image(image) => {
                let caption = [image.caption.as_deref(), image.credit.as_deref()];
                image_into(&image.url, image.alt.as_deref(), caption, &mut md);
            }
            Block::Embed(embed) => {
                let label = embed.caption.as_deref().unwrap_or(&embed.url);
                link_into(label, &embed.url, &mut md);
                // Its credit on the line below, in the same paragraph, as a picture's.
                if let Some(credit) = &embed.credit {
                    md.push_str("\\\n");
                    escape_into(&credit.replace('\n', " "), &mut md);
                }
            }
        }
        md.push('\n');
    }
    if let Some(copyright) = &article.copyright {
        md.push('\n');
        escape_into(copyright, &mut md);
        md.push('\n');
    }
    out.extend_from_slice(md.as_bytes());
}

/// An image, and under it, in the same paragraph, its caption in emphasis and its credit.
///
/// Sharing the paragraph keeps the caption once everywhere: pandoc makes a figure only of
/// an image alone in its paragraph, and would then show the alt text as a second caption.
fn image_into(url: &str, alt: Option<&str>, caption: [Option<&str>; 2], md: &mut String) {
    md.push_str("![");
    escape_into(alt.unwrap_or(""), md);
    md.push_str("](");
    md.push_str(&destination(url));
    md.push(')');
    let [caption, credit] = caption;
    if caption.is_none() && credit.is_none() {
        return;
    }
    md.push_str("\\\n");
    if let Some(caption) = caption {
        md.push('*');
        escape_into(&caption.replace('\n', " "), md);
        md.push('*');
    }
    if let Some(credit) = credit {
        if caption.is_some() {
            md.push_str(" — ");
        }
        escape_into(&credit.replace('\n', " "), md);
    }
}

/// Makes the heading text written since `start` fit on its one line: line breaks become
/// spaces, and a trailing `#` run is escaped so that it is not read as a closing sequence.
fn heading_safe(md: &mut String, start: usize) {
    let heading = md[start..].replace("\\\n", " ");
    md.truncate(start);
    match heading.strip_suffix('#') {
        Some(_) => {
            let run = heading.len() - heading.trim_end_matches('#').len();
            md.push_str(&heading[..heading.len() - run]);
            md.push('\\');
            md.push_str(&heading[heading.len() - run..]);
        }
        None => md.push_str(&heading),
    }
}

/// Front matter values are JSON strings, valid YAML double-quoted scalars (with what
/// YAML does not allow raw escaped too: DEL, the C1 controls and the non-characters).
///
/// The keys avoid the meanings Hugo and Jekyll give to `url` and `slug`: the article's
/// address is `link`, as in the upstream posts. `date` is the publication time, else the
/// collection time, so that generators sort by it; Hugo also reads `published` as the
/// publication date, which is what it is.
///
/// Values hold the literal text, except that a `<` that would open a tag and an `&` that
/// would start an entity are backslash-escaped: pandoc reads metadata as Markdown.
/// The front matter; `lead_image` is the article's when the page can show it.
fn front_matter(
    article: &Article,
    lead_image: Option<&Image>,
    source: Option<&str>,
    md: &mut String,
) {
    md.push_str("---\n");
    let mut field = |name: &str, value: Option<&str>| {
        if let Some(value) = value {
            let _ = write!(md, "{name}: ");
            quoted_into(value, md);
            md.push('\n');
        }
    };
    let timestamp = article
        .timestamp
        .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
    let published = article
        .published
        .map(|p| p.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false));
    field("title", Some(&article.title));
    field("date", Some(published.as_deref().unwrap_or(&timestamp)));
    // Addresses are web or mail addresses only, percent-encoded as a URL serialiser
    // encodes them wherever they would break out of an attribute or a template: a layout
    // that prints them unescaped (`href="{{ page.link }}"`) emits no markup.
    let link = article
        .url
        .as_deref()
        .filter(|url| is_safe_url(url))
        .map(attribute_safe);
    let lead_image_url = lead_image.map(|i| attribute_safe(&i.url));
    field("link", link.as_deref());
    field("date_line", article.date_line.as_deref());
    field("published", published.as_deref());
    let published_date = article
        .published_date
        .map(|d| d.format("%Y-%m-%d").to_string());
    field("published_date", published_date.as_deref());
    field("timestamp", Some(&timestamp));
    field("lead_image", lead_image_url.as_deref());
    field("lead_image_alt", lead_image.and_then(|i| i.alt.as_deref()));
    field("copyright", article.copyright.as_deref());
    field("byline", article.byline.as_deref());
    field("source", source);
    let tags: Vec<std::borrow::Cow<'_, str>> = article
        .tags
        .iter()
        .filter_map(|tag| tag_name(tag))
        .collect();
    if !tags.is_empty() {
        // `tags` is Hugo's and Jekyll's topic list, which is what these are.
        md.push_str("tags:\n");
        for tag in &tags {
            md.push_str("  - ");
            quoted_into(tag, md);
            md.push('\n');
        }
    }
    md.push_str("---\n");
}

/// A value the Markdown front matter does not hold as the article does, so that every
/// site generator reads it (`rfi-parse check` reports each as a note).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FrontMatterChange {
    /// The field (`title`, `date_line`, `lead_image_alt`, `copyright`, `byline`) holds
    /// characters YAML forbids raw (U+FFFE, U+FFFF, the other non-characters, DEL, the C1
    /// controls): they are written as escapes.
    Escaped {
        /// The front matter's key.
        field: &'static str,
    },
    /// A tag renamed (cut to 120 bytes, `/` made `-`, `index.xml` made `index-xml`), or
    /// left out (a tag of dots and slashes alone, `..`).
    Tag {
        /// The article's tag.
        tag: String,
        /// The name the front matter gives it; `None` when it leaves it out.
        written: Option<String>,
    },
}

/// What [`Format::Markdown`](super::Format::Markdown)'s front matter writes otherwise than
/// the article holds it, in the order of the front matter.
pub fn front_matter_changes(article: &Article) -> Vec<FrontMatterChange> {
    let lead_alt = article.lead_image.as_ref().and_then(|i| i.alt.as_deref());
    let fields = [
        ("title", Some(article.title.as_str())),
        ("date_line", article.date_line.as_deref()),
        ("lead_image_alt", lead_alt),
        ("copyright", article.copyright.as_deref()),
        ("byline", article.byline.as_deref()),
    ];
    let mut changes: Vec<FrontMatterChange> = fields
        .into_iter()
        .filter(|(_, value)| value.is_some_and(|value| value.chars().any(yaml_forbids)))
        .map(|(field, _)| FrontMatterChange::Escaped { field })
        .collect();
    for tag in &article.tags {
        let written = tag_name(tag);
        if written.as_deref() != Some(tag.trim()) {
            changes.push(FrontMatterChange::Tag {
                tag: tag.clone(),
                written: written.map(std::borrow::Cow::into_owned),
            });
        }
    }
    changes
}

/// The longest tag kept in the front matter, in bytes: a site generator makes a folder
/// of each tag, and a file name is at most 255 bytes (Hugo fails on a tag of 100 CJK
/// characters, 300 bytes).
const MAX_TAG_BYTES: usize = 120;

/// A tag as a site generator can make a page of it: cut to [`MAX_TAG_BYTES`] (at a
/// character), `index.*` and `_index.*` with their dots made dashes (Hugo takes
/// `index.xml` and `index.html` for its own list files), `/` and `\\` made dashes (a
/// generator reads them as folders: `/..`, `a/../..` broke a Hugo build), and none for a
/// tag of dots and separators alone (`.`, `..`, `/.`: a folder that is no folder).
fn tag_name(tag: &str) -> Option<std::borrow::Cow<'_, str>> {
    let tag = tag.trim();
    if tag
        .chars()
        .all(|c| matches!(c, '.' | '/' | '\\') || c.is_whitespace())
    {
        return None;
    }
    if tag.contains(['/', '\\']) {
        let dashed = tag.replace(['/', '\\'], "-");
        return Some(std::borrow::Cow::Owned(cut_tag(&dashed).into_owned()));
    }
    Some(cut_tag(tag))
}

/// [`tag_name`] of a tag without separators.
fn cut_tag(tag: &str) -> std::borrow::Cow<'_, str> {
    let mut cut = tag.len().min(MAX_TAG_BYTES);
    while !tag.is_char_boundary(cut) {
        cut -= 1;
    }
    let tag = tag[..cut].trim_end();
    let lower = tag.to_lowercase();
    if lower.starts_with("index.") || lower.starts_with("_index.") {
        return std::borrow::Cow::Owned(tag.replace('.', "-"));
    }
    std::borrow::Cow::Borrowed(tag)
}

/// Whether YAML forbids `c` raw in a document: the non-characters (U+FFFE and U+FFFF,
/// which Hugo and pandoc refuse, and the others alike), DEL and the C1 controls.
fn yaml_forbids(c: char) -> bool {
    let code = c as u32;
    matches!(c, '\u{7f}'..='\u{9f}' | '\u{fdd0}'..='\u{fdef}') || code & 0xfffe == 0xfffe
}

fn quoted_into(value: &str, md: &mut String) {
    let mut safe = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        if (c == '<' && opens_html(after)) || (c == '&' && starts_entity(after)) {
            safe.push('\\');
        }
        safe.push(c);
        rest = after;
    }
    let mut json = Vec::with_capacity(safe.len() + 2);
    super::json::write_str(&mut json, &safe);
    let json = String::from_utf8(json).expect("escaping keeps UTF-8");
    // The C0 controls are escaped as JSON escapes them.
    for c in json.chars() {
        match c as u32 {
            code if yaml_forbids(c) && code > 0xffff => {
                let _ = write!(md, "\\U{code:08x}");
            }
            code if yaml_forbids(c) => {
                let _ = write!(md, "\\u{code:04x}");
            }
            _ => md.push(c),
        }
    }
}

/// A paragraph with its links; `\n` in the text becomes a hard line break.
fn text_block_into(block: &TextBlock, md: &mut String) {
    let text = block.text();
    let mut at = 0;
    for link in block.links() {
        escape_into(&text[at..link.start], md);
        link_into(&text[link.start..link.end], &link.url, md);
        at = link.end;
    }
    escape_into(&text[at..], md);
}

/// A link, or only its text when the address is not a web or mail address.
fn link_into(text: &str, url: &str, md: &mut String) {
    if !is_safe_url(url) {
        escape_into(text, md);
        return;
    }
    md.push('[');
    escape_into(text, md);
    md.push_str("](");
    md.push_str(&destination(url));
    md.push(')');
}

/// Web and mail addresses; never `javascript:`, `data:` and the like.
fn is_safe_url(url: &str) -> bool {
    crate::address::is_web_or_mail(url)
}

/// An address with what would end an HTML attribute or open a tag or a template
/// percent-encoded (the same address to a web server): quotes, `<`, `>`, a backtick,
/// `{` and `}` (no `{{` or `{%`, no attribute list), spaces, backslashes and controls.
fn attribute_safe(url: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        matches!(c, '"' | '\'' | '<' | '>' | '`' | '{' | '}' | '\\')
            || c.is_control()
            || c.is_whitespace()
    };
    if !url.contains(unsafe_char) {
        return std::borrow::Cow::Borrowed(url);
    }
    let mut out = String::with_capacity(url.len() + 8);
    for c in url.chars() {
        if unsafe_char(c) {
            let mut buf = [0; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{byte:02X}");
            }
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A link destination with the characters that would end or break it, or that a site
/// generator would read as template syntax, percent-encoded.
fn destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        match c {
            '{' => out.push_str("%7B"),
            '}' => out.push_str("%7D"),
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '"' => out.push_str("%22"),
            '\\' => out.push_str("%5C"),
            c if c.is_control() || c.is_whitespace() => {
                let mut buf = [0; 4];
                for byte in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "%{byte:02X}");
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Backslash-escapes text so that CommonMark readers (and GitHub's, Hugo's goldmark
/// with its tables, strikethrough, footnotes and definition lists) show it as the same
/// literal text, escaping only what would otherwise be read as markup; `\n` becomes a
/// hard line break.
///
/// Beyond CommonMark, what site generators read in Markdown is made inert as a class, not
/// case by case: every `{` is escaped, so no Hugo shortcode or Liquid tag (`{{`, `{%`) and
/// no Goldmark attribute list (`{.class}`, `{style=…}`) can form; the `!` of a `<!` is
/// escaped too, so no HTML comment (Hugo's `<!--more-->` summary divider) appears in the
/// source; and the `:` of a `scheme://` or `xmpp:` other than `http` and `https` is
/// escaped, so GitHub's and Goldmark's autolinking makes no `ftp:` or other link.
pub(crate) fn escape_into(text: &str, md: &mut String) {
    for (number, line) in text.split('\n').enumerate() {
        if number > 0 {
            md.push_str("\\\n");
        }
        escape_line(line, md);
    }
}

fn escape_line(line: &str, md: &mut String) {
    let block_marker = block_marker_at(line);
    let mut previous: Option<char> = None;
    // The delimiter run being copied: its character and whether it is escaped.
    let mut run: Option<(char, bool)> = None;
    for (at, c) in line.char_indices() {
        let after = &line[at + c.len_utf8()..];
        let next = after.chars().next();
        let escape = match c {
            '*' | '_' => {
                let escaped = match run {
                    Some((delimiter, escaped)) if delimiter == c => escaped,
                    _ => {
                        let after_run = after.trim_start_matches(c).chars().next();
                        emphasis_delimiter(c, previous, after_run)
                    }
                };
                run = Some((c, escaped));
                escaped
            }
            '`' | '~' | '|' => true,
            '\\' => next.is_none_or(|n| n.is_ascii_punctuation()),
            ']' => matches!(next, Some('(' | '[' | ':')),
            '<' => opens_html(after),
            '!' => previous == Some('<'),
            '&' => starts_entity(after),
            '{' => true,
            ':' => autolinks_other_scheme(&line[..at], after),
            _ => false,
        } || block_marker == Some(at);
        if !matches!(c, '*' | '_') {
            run = None;
        }
        if escape {
            md.push('\\');
        }
        md.push(c);
        previous = Some(c);
    }
}

/// Where a line would start a block rather than continue text (a heading, quote, list
/// item, thematic break, setext underline or definition): the byte to escape.
fn block_marker_at(line: &str) -> Option<usize> {
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let first = rest.chars().next()?;
    let second = rest[first.len_utf8()..].chars().next();
    let spaced = second.is_none_or(|c| c == ' ' || c == '\t');
    let only = |c: char| rest.chars().all(|r| r == c || r == ' ' || r == '\t');
    match first {
        '#' => {
            let hashes = rest.bytes().take_while(|b| *b == b'#').count();
            let after = rest[hashes..].chars().next();
            (hashes <= 6 && after.is_none_or(|c| c == ' ' || c == '\t')).then_some(indent)
        }
        '>' => Some(indent),
        '-' | '+' | '*' | '=' | ':' if spaced || only(first) => Some(indent),
        '_' if only('_') => Some(indent),
        '0'..='9' => {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            let marker = rest.as_bytes().get(digits);
            let after = rest[digits..].chars().nth(1);
            (digits <= 9
                && matches!(marker, Some(b'.' | b')'))
                && after.is_none_or(|c| c == ' ' || c == '\t'))
            .then_some(indent + digits)
        }
        _ => None,
    }
}

/// Whether a `*` or `_` run between `before` and `after` could open or close emphasis,
/// by CommonMark's flanking rules (the line's ends count as whitespace).
fn emphasis_delimiter(c: char, before: Option<char>, after: Option<char>) -> bool {
    let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
    let punct = |c: Option<char>| c.is_some_and(|c| !c.is_alphanumeric() && !c.is_whitespace());
    let left = !space(after) && (!punct(after) || space(before) || punct(before));
    let right = !space(before) && (!punct(before) || space(after) || punct(after));
    if c == '*' {
        left || right
    } else {
        (left && (!right || punct(before))) || (right && (!left || punct(after)))
    }
}

/// Whether a `:` between `before` and `after` ends the scheme of an address that an
/// autolinking reader would turn into a link other than `http`, `https` or `mailto`
/// (`ftp://x`, `file://x`, `xmpp:a@b`).
fn autolinks_other_scheme(before: &str, after: &str) -> bool {
    let scheme_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
        .map_or(0, |(at, c)| at + c.len_utf8());
    let scheme = &before[scheme_start..];
    if scheme.is_empty() {
        return false;
    }
    if scheme.eq_ignore_ascii_case("xmpp") {
        return true;
    }
    after.starts_with("//")
        && !scheme.eq_ignore_ascii_case("http")
        && !scheme.eq_ignore_ascii_case("https")
}

/// Whether `<` followed by `after` opens raw HTML or an autolink.
fn opens_html(after: &str) -> bool {
    after
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'))
}

/// The most bytes between `&` and `;` of a reference CommonMark reads: the longest named
/// character reference of the HTML spec is 31 letters (`&CounterClockwiseContourIntegral;`),
/// a numeric one at most 8 (`&#x10FFFF;`, `&#1114111;`). Looking no further keeps escaping
/// linear on text of `&` and letters without `;`.
const MAX_REFERENCE_NAME: usize = 32;

/// Whether `&` followed by `after` is an entity or character reference (`&amp;`, `&#39;`).
fn starts_entity(after: &str) -> bool {
    let Some(end) = after
        .bytes()
        .take(MAX_REFERENCE_NAME + 1)
        .position(|b| b == b';')
    else {
        return false;
    };
    let name = &after[..end];
    if let Some(number) = name.strip_prefix('#') {
        match number.strip_prefix(['x', 'X']) {
            Some(hex) => (1..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()),
            None => (1..=7).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_digit()),
        }
    } else {
        name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && name.bytes().all(|b| b.is_ascii_alphanumeric())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_changes_name_what_the_front_matter_writes_otherwise() {
        let cna = |title: &str, tags: &[&str]| {
            let tags: String = tags
                .iter()
                .map(|tag| format!("<div class=\"keywordTag\"><a href=\"https://www.cna.com.tw/tag/x\">#{tag}</a></div>"))
                .collect();
            let text = format!(
                "<!--1688176800000-->\n[{title}](https://www.cna.com.tw/news/aipl/202307010024.aspx)\n------\n\n<p>（中央社記者台北1日電）國防部指出，偵獲共機26架次。</p><div class=\"articlekeywordGroup\">{tags}</div>\n"
            );
            crate::parse(text.as_bytes(), &crate::ParseOptions::default()).unwrap()
        };
        assert_eq!(front_matter_changes(&cna("國防部", &["國防", "共機"])), []);
        let article = cna("國防部\u{fffe}", &["國防", "..", "index.xml", "a/b"]);
        assert_eq!(article.tags.len(), 4, "{:?}", article.tags);
        assert_eq!(
            front_matter_changes(&article),
            [
                FrontMatterChange::Escaped { field: "title" },
                FrontMatterChange::Tag {
                    tag: "..".into(),
                    written: None
                },
                FrontMatterChange::Tag {
                    tag: "index.xml".into(),
                    written: Some("index-xml".into())
                },
                FrontMatterChange::Tag {
                    tag: "a/b".into(),
                    written: Some("a-b".into())
                },
            ]
        );
    }

    #[test]
    fn a_reference_is_looked_for_only_as_far_as_the_longest() {
        // The longest named reference of the HTML spec is still one.
        assert!(starts_entity("CounterClockwiseContourIntegral;"));
        assert!(starts_entity("#x10FFFF;") && starts_entity("#1114111;"));
        // A `;` further than any reference reaches ends none: the look-ahead stops there,
        // so text of `&` and letters costs linear time however long.
        assert!(!starts_entity(&format!(
            "{};",
            "a".repeat(MAX_REFERENCE_NAME + 1)
        )));
        assert!(!starts_entity(&format!("{};", "x&x".repeat(1 << 16))));
    }

    fn escaped(text: &str) -> String {
        let mut md = String::new();
        escape_into(text, &mut md);
        md
    }

    #[test]
    fn escapes_markup_only() {
        assert_eq!(
            escaped("a *b* [c](d) <e> `f`"),
            r"a \*b\* [c\](d) \<e> \`f\`"
        );
        assert_eq!(escaped("5 * 3 = 15"), "5 * 3 = 15");
        assert_eq!(escaped("**强调**"), r"\*\*强调\*\*");
        assert_eq!(
            escaped("Zourabichvili_S _x_ a_b_c"),
            r"Zourabichvili_S \_x\_ a_b_c"
        );
        assert_eq!(
            escaped(r#""El Mayo" O'Hanlon 恐懼... a--b"#),
            r#""El Mayo" O'Hanlon 恐懼... a--b"#
        );
        assert_eq!(escaped("AT&T &amp; &#39; &x"), r"AT&T \&amp; \&#39; &x");
        assert_eq!(
            escaped("a < b <br> </p> <!-- x"),
            r"a < b \<br> \</p> \<\!-- x"
        );
        assert_eq!(escaped("$5 @cite ^s^ 3~5 a|b"), r"$5 @cite ^s^ 3\~5 a\|b");
        assert_eq!(escaped(r"C:\dir \* x\"), r"C:\dir \\\* x\\");
        assert_eq!(escaped("[x]: y [^1]: z"), r"[x\]: y [^1\]: z");
        assert_eq!(escaped("中文，3.5 a-b"), "中文，3.5 a-b");
    }

    #[test]
    fn escapes_what_site_generators_read() {
        assert_eq!(
            escaped(r#"{{% param "title" %}}"#),
            r#"\{\{% param "title" %}}"#
        );
        assert_eq!(
            escaped("{{< x >}} {% raw %} {a}"),
            r"\{\{< x >}} \{% raw %} \{a}"
        );
        // Goldmark attribute lists, on a heading's or a paragraph's last line.
        assert_eq!(
            escaped(r#"标题 {style="background:url(https://evil.example/x.png)"}"#),
            r#"标题 \{style="background:url(https://evil.example/x.png)"}"#
        );
        assert_eq!(escaped("a\n{.wide}"), "a\\\n\\{.wide}");
        // No HTML comment, so no `<!--more-->` summary divider.
        assert_eq!(escaped("<!--more-->"), r"\<\!--more-->");
        assert_eq!(escaped("a<!b !x"), r"a\<\!b !x");
        // Only web and mail addresses autolink.
        assert_eq!(escaped("ftp://x.example/a"), r"ftp\://x.example/a");
        assert_eq!(
            escaped("见FILE://c/x，xmpp:a@b.example"),
            r"见FILE\://c/x，xmpp\:a@b.example"
        );
        assert_eq!(
            escaped("https://x.example http://y 时间:10:30 a:b"),
            "https://x.example http://y 时间:10:30 a:b"
        );
    }

    #[test]
    fn destinations_carry_no_template_syntax() {
        let mut md = String::new();
        link_into("x", "https://x.example/{{%pwn%}}?q={{<", &mut md);
        assert_eq!(md, "[x](https://x.example/%7B%7B%pwn%%7D%7D?q=%7B%7B%3C)");
        assert_eq!(attribute_safe("https://a/{x}"), "https://a/%7Bx%7D");
    }

    #[test]
    fn escapes_block_markers_at_line_start() {
        assert_eq!(escaped("# h"), r"\# h");
        assert_eq!(escaped("#话题"), "#话题");
        assert_eq!(escaped("- a"), r"\- a");
        assert_eq!(escaped("-- a"), "-- a");
        assert_eq!(escaped("---"), r"\---");
        assert_eq!(escaped("+ a"), r"\+ a");
        assert_eq!(escaped("1. a"), r"1\. a");
        assert_eq!(escaped("2023) a"), r"2023\) a");
        assert_eq!(escaped("2023.7 a"), "2023.7 a");
        assert_eq!(escaped("iv. a"), "iv. a");
        assert_eq!(escaped(": d"), r"\: d");
        assert_eq!(escaped("a\n> b"), "a\\\n\\> b");
        assert_eq!(escaped("a\n==="), "a\\\n\\===");
    }

    #[test]
    fn front_matter_values_are_literal_and_valid_yaml() {
        let mut md = String::new();
        quoted_into("AT&T <b> \u{7f}\u{9b} \"q\"", &mut md);
        assert_eq!(md, r#""AT&T \\<b> \u007f\u009b \"q\"""#);
        // Hugo (exit 255) and pandoc (exit 64) refused a raw U+FFFE or U+FFFF.
        md.clear();
        quoted_into("a\u{fffe}\u{ffff}\u{fdd0}\u{1fffe}\u{1}\u{fffd}b", &mut md);
        assert_eq!(md, "\"a\\ufffe\\uffff\\ufdd0\\U0001fffe\\u0001\u{fffd}b\"");
    }

    #[test]
    fn front_matter_addresses_break_out_of_no_attribute() {
        assert_eq!(
            attribute_safe("https://a.example/x\"><script>{{'`\\ y"),
            "https://a.example/x%22%3E%3Cscript%3E%7B%7B%27%60%5C%20y"
        );
        assert!(matches!(
            attribute_safe("https://a.example/中?q=1#f"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    /// Hugo failed on a tag `..`, `index.xml`, `index.html` or longer than a file name.
    #[test]
    fn tags_are_safe_as_names() {
        assert_eq!(tag_name(".."), None);
        assert_eq!(tag_name(" . "), None);
        assert_eq!(tag_name("index.xml").as_deref(), Some("index-xml"));
        assert_eq!(tag_name("_Index.HTML").as_deref(), Some("_Index-HTML"));
        assert_eq!(tag_name("G7.").as_deref(), Some("G7."));
        for path in ["/..", "./..", "a/../..", "../../etc", "\\..\\x", "/ . /"] {
            let name = tag_name(path);
            assert!(
                name.as_deref()
                    .is_none_or(|name| !name.contains(['/', '\\'])
                        && name.chars().any(|c| !matches!(c, '.' | '-'))),
                "{path:?} -> {name:?}"
            );
        }
        assert_eq!(tag_name("/..").as_deref(), None);
        assert_eq!(tag_name("a/../..").as_deref(), Some("a-..-.."));
        assert_eq!(tag_name("中美/貿易").as_deref(), Some("中美-貿易"));
        let long = "中".repeat(100);
        let kept = tag_name(&long).unwrap();
        assert_eq!(kept.len(), 120);
        assert!(long.starts_with(&*kept));
    }

    #[test]
    fn unsafe_links_become_text() {
        let mut md = String::new();
        link_into("click", "javascript:alert(1)", &mut md);
        assert_eq!(md, "click");
        md.clear();
        link_into("x", "https://a.example/(b c)", &mut md);
        assert_eq!(md, "[x](https://a.example/%28b%20c%29)");
    }
}

//! Markdown: YAML front matter, then the article, escaped to render as its literal text.

use std::fmt::Write as _;

use crate::article::{Article, Block, TextBlock};

pub fn render(article: &Article, out: &mut Vec<u8>) {
    let mut md = String::with_capacity(1024);
    front_matter(article, &mut md);
    if let Some(lead) = &article.lead {
        md.push('\n');
        escape_into(lead, &mut md);
        md.push('\n');
    }
    for block in &article.blocks {
        if let Block::Image(index) = block
            && !is_safe_url(&article.images[*index].url)
        {
            // A relative or `javascript:` address would not show the picture.
            continue;
        }
        md.push('\n');
        match block {
            Block::Paragraph(block) => text_block_into(article, block, &mut md),
            Block::Heading(block) => {
                md.push_str("### ");
                text_block_into(article, block, &mut md);
            }
            Block::Image(index) => {
                let image = &article.images[*index];

                md.push_str("![");
                escape_into(image.alt.as_deref().unwrap_or(""), &mut md);
                md.push_str("](");
                md.push_str(&destination(&image.url));
                md.push(')');
                let caption = [image.caption.as_deref(), image.credit.as_deref()];
                let caption: Vec<&str> = caption.into_iter().flatten().collect();
                if !caption.is_empty() {
                    md.push_str("\n\n");
                    escape_into(&caption.join(" — "), &mut md);
                }
            }
            Block::Embed(index) => {
                let embed = &article.embeds[*index];
                let label = embed.caption.as_deref().unwrap_or(&embed.url);
                link_into(label, &embed.url, &mut md);
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

/// Front matter values are JSON strings, which are valid YAML double-quoted scalars.
///
/// They hold the literal text for Hugo and Jekyll, except that `<`, `>` and `&` are
/// backslash-escaped: pandoc reads metadata as Markdown and would otherwise pass raw HTML.
fn front_matter(article: &Article, md: &mut String) {
    let quoted = |value: &str| {
        let mut safe = String::with_capacity(value.len());
        for c in value.chars() {
            if matches!(c, '<' | '>' | '&') {
                safe.push('\\');
            }
            safe.push(c);
        }
        serde_json::to_string(&safe).expect("strings serialize")
    };
    md.push_str("---\n");
    let mut field = |name: &str, value: Option<&str>| {
        if let Some(value) = value {
            let _ = writeln!(md, "{name}: {}", quoted(value));
        }
    };
    field("title", Some(&article.title));
    field("url", article.url.as_deref().filter(|url| is_safe_url(url)));
    field("date_line", article.date_line.as_deref());
    let published = article.published.map(|p| p.to_rfc3339());
    field("published", published.as_deref());
    field(
        "timestamp",
        Some(
            &article
                .timestamp
                .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        ),
    );
    field(
        "lead_image",
        article.lead_image.as_ref().map(|i| i.url.as_str()),
    );
    field(
        "lead_image_alt",
        article.lead_image.as_ref().and_then(|i| i.alt.as_deref()),
    );
    field("copyright", article.copyright.as_deref());
    field("source", article.source.as_deref());
    md.push_str("---\n");
}

/// A paragraph with its links; `\n` in the text becomes a hard line break.
fn text_block_into(article: &Article, block: &TextBlock, md: &mut String) {
    let text = &article.paragraphs[block.paragraph];
    let mut at = 0;
    for link in &block.links {
        escape_into(&text[at..link.start], md);
        link_into(&text[link.start..link.end], &link.url, md);
        at = link.end;
    }
    escape_into(&text[at..], md);
}

/// A link, or only its text when the address is not a web or mail address.
fn link_into(text: &str, url: &str, md: &mut String) {
    let lower = url.trim_start().to_ascii_lowercase();
    let safe = ["http://", "https://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s));
    if !safe {
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
    let lower = url
        .trim_start()
        .get(..8)
        .unwrap_or(url)
        .to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s))
}

/// A link destination with the characters that would end or break it percent-encoded.
fn destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        match c {
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

/// Backslash-escapes text so that Markdown readers (pandoc's included, with its smart
/// quotes, citations and fancy lists) show it as the same literal text.
pub fn escape_into(text: &str, md: &mut String) {
    for (number, line) in text.split('\n').enumerate() {
        if number > 0 {
            md.push_str("\\\n");
        }
        escape_line(line, md);
    }
}

fn escape_line(line: &str, md: &mut String) {
    // A short word at the start followed by `.` or `)` would read as a list marker
    // (`1.`, `a)`, `iv.`).
    let marker_end = {
        let word = line.bytes().take_while(u8::is_ascii_alphanumeric).count();
        (word > 0 && matches!(line.as_bytes().get(word), Some(b'.' | b')'))).then_some(word)
    };
    let mut chars = line.char_indices().peekable();
    let mut previous = None;
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|(_, c)| *c);
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '$' | '^' | '@' | '&'
            | '"' | '\'' | '#' => true,
            // Dashes and dots that smart typography would turn into – — …
            '-' => next == Some('-') || previous == Some('-'),
            '.' => next == Some('.') || previous == Some('.'),
            _ => false,
        } || (at == 0 && c.is_ascii_punctuation())
            || marker_end == Some(at);
        if escape {
            md.push('\\');
        }
        md.push(c);
        previous = Some(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut md = String::new();
        escape_into(text, &mut md);
        md
    }

    #[test]
    fn escapes_markup_and_typography() {
        assert_eq!(escaped("a *b* [c](d) <e>"), r"a \*b\* \[c\](d) \<e\>");
        assert_eq!(escaped("\"q\" it's -- ..."), r#"\"q\" it\'s \-\- \.\.\."#);
        assert_eq!(escaped("@cite $x$ ^s^ ~t~"), r"\@cite \$x\$ \^s\^ \~t\~");
        assert_eq!(escaped("中文，3.5 a-b"), "中文，3.5 a-b");
    }

    #[test]
    fn escapes_block_markers_at_line_start() {
        assert_eq!(escaped("# h"), r"\# h");
        assert_eq!(escaped("- a"), r"\- a");
        assert_eq!(escaped("+ a"), r"\+ a");
        assert_eq!(escaped("1. a"), r"1\. a");
        assert_eq!(escaped("2023) a"), r"2023\) a");
        assert_eq!(escaped("iv. a"), r"iv\. a");
        assert_eq!(escaped("(a) b"), r"\(a) b");
        assert_eq!(escaped(": d"), r"\: d");
        assert_eq!(escaped("a\n> b"), "a\\\n\\> b");
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

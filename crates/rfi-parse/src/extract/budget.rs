//! A linear pre-pass that bounds the markup constructions whose HTML tree building costs
//! more than linear time or memory, before html5ever sees them.
//!
//! html5ever follows the HTML spec's tree-building algorithm faithfully, corners included:
//! scope checks walk the stack of open elements (quadratic in nesting depth), the list of
//! active formatting elements is compared on every formatting tag (Noah's Ark) and rebuilt
//! into every new block (reconstruction), copying each element's attributes. Browsers cap
//! such input too (Blink stops nesting at 512 levels). Here, on a light tokenization that
//! follows the spec's tokenizer states only as far as tags, comments and raw text go:
//!
//! - a start tag nested deeper than [`MAX_DEPTH`] is left out, with its end tag; its text
//!   stays, in the element above;
//! - a formatting start tag (`b`, `i`, `font`…) while [`MAX_FORMATTING`] are active is left
//!   out the same way;
//! - attributes past the [`MAX_ATTRIBUTES`]th of one tag (the
//!   [`MAX_FORMATTING_ATTRIBUTES`]th of a formatting tag) are left out.
//!
//! Ordinary articles never reach these limits, so their markup passes untouched (and
//! unallocated).

use std::borrow::Cow;

/// Open elements deeper than this are flattened into their ancestor.
pub(crate) const MAX_DEPTH: usize = 256;
/// Formatting elements open at once, at most.
pub(crate) const MAX_FORMATTING: usize = 24;
/// Attributes kept on one tag.
pub(crate) const MAX_ATTRIBUTES: usize = 64;
/// Attributes kept on a formatting tag, which tree building may copy into every later
/// block (reconstruction).
pub(crate) const MAX_FORMATTING_ATTRIBUTES: usize = 8;

/// Elements that never have an end tag.
fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"source"
            | b"track"
            | b"wbr"
            | b"param"
            | b"keygen"
            | b"frame"
    )
}

/// The formatting elements of the tree-building algorithm.
fn is_formatting(name: &[u8]) -> bool {
    matches!(
        name,
        b"a" | b"b"
            | b"big"
            | b"code"
            | b"em"
            | b"font"
            | b"i"
            | b"nobr"
            | b"s"
            | b"small"
            | b"strike"
            | b"strong"
            | b"tt"
            | b"u"
    )
}

/// Text blocks whose start tag closes an open element of their own kind.
fn closes_its_kind(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"li"
            | b"dt"
            | b"dd"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"tr"
            | b"td"
            | b"th"
            | b"option"
    )
}

/// Elements whose content is raw text up to their own end tag.
fn is_raw_text(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"textarea"
            | b"title"
            | b"xmp"
            | b"iframe"
            | b"noembed"
            | b"noframes"
            | b"noscript"
    )
}

/// The markup with the expensive constructions bounded; borrowed when nothing was.
pub(crate) fn bound(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    // Byte ranges to leave out, in order.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    // Tag names are slices of the input (compared ASCII case-insensitively), so that the
    // pass allocates nothing for markup within the limits.
    let mut open: Vec<&[u8]> = Vec::new();
    let mut formatting: Vec<&[u8]> = Vec::new();
    // End tags still to leave out, per name, for start tags that were.
    let mut dropped: Vec<(&[u8], usize)> = Vec::new();
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        let rest = &bytes[start + 1..];
        match rest.first() {
            Some(b'!') => {
                // A comment runs to `-->`, any other declaration to `>`.
                let end = if rest.starts_with(b"!--") {
                    memchr::memmem::find(&rest[3..], b"-->").map(|e| start + 1 + 3 + e + 3)
                } else {
                    memchr::memchr(b'>', rest).map(|e| start + 1 + e + 1)
                };
                at = end.unwrap_or(bytes.len());
            }
            Some(b'?') => {
                at = memchr::memchr(b'>', rest).map_or(bytes.len(), |e| start + 1 + e + 1);
            }
            Some(b'/') => {
                let (name, end) = tag_name_and_end(bytes, start + 2);
                at = end;
                if name.is_empty() {
                    continue;
                }
                if let Some(slot) = dropped
                    .iter_mut()
                    .find(|(n, count)| *count > 0 && n.eq_ignore_ascii_case(name))
                {
                    slot.1 -= 1;
                    cuts.push((start, end));
                    continue;
                }
                if let Some(position) = open.iter().rposition(|n| n.eq_ignore_ascii_case(name)) {
                    open.truncate(position);
                }
                if let Some(position) = formatting
                    .iter()
                    .rposition(|n| n.eq_ignore_ascii_case(name))
                {
                    formatting.remove(position);
                }
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let (name, end) = tag_name_and_end(bytes, start + 1);
                at = end;
                let lower = Lower::new(name);
                let name_lower = lower.as_slice();
                let self_closing = end >= 2 && bytes[end - 2] == b'/';
                // Text blocks that close their own kind (`<p>` ends an open `<p>`) cannot
                // deepen the tree by themselves, so they are kept: their text stays a
                // paragraph however deep the containers around it went.
                let too_deep = open.len() >= MAX_DEPTH && !closes_its_kind(name_lower);
                let too_many = is_formatting(name_lower) && formatting.len() >= MAX_FORMATTING;
                if (too_deep || too_many) && !is_void(name_lower) {
                    cuts.push((start, end));
                    if !self_closing {
                        match dropped
                            .iter_mut()
                            .find(|(n, _)| n.eq_ignore_ascii_case(name))
                        {
                            Some(slot) => slot.1 += 1,
                            None => dropped.push((name, 1)),
                        }
                    }
                    continue;
                }
                let limit = if is_formatting(name_lower) {
                    MAX_FORMATTING_ATTRIBUTES
                } else {
                    MAX_ATTRIBUTES
                };
                if let Some(cut) = attributes_past_limit(bytes, start, end, limit) {
                    cuts.push(cut);
                }
                if is_raw_text(name_lower) {
                    // Skip to the element's own end tag: its content is no markup.
                    at = find_end_tag(bytes, end, name).unwrap_or(bytes.len());
                    continue;
                }
                if closes_its_kind(name_lower)
                    && let Some(position) = open.iter().rposition(|n| n.eq_ignore_ascii_case(name))
                {
                    // `<p>` closes the open `<p>`, `<li>` the open `<li>`.
                    open.truncate(position);
                }
                if !is_void(name_lower) && !self_closing {
                    if is_formatting(name_lower) {
                        formatting.push(name);
                    }
                    open.push(name);
                }
            }
            _ => at = start + 1,
        }
    }
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }

    let mut bounded = String::with_capacity(html.len());
    let mut from = 0;
    for (cut_start, cut_end) in cuts {
        if cut_start < from {
            continue;
        }
        // Cuts start at `<` or at an attribute's first byte and end after `>`, at it, or
        // at the end: all character boundaries; checked all the same.
        if !html.is_char_boundary(cut_start) || !html.is_char_boundary(cut_end.min(html.len())) {
            continue;
        }
        bounded.push_str(&html[from..cut_start]);
        from = cut_end.min(html.len());
    }
    bounded.push_str(&html[from..]);
    Cow::Owned(bounded)
}

/// A short tag name lowercased on the stack (longer names are never special).
struct Lower {
    bytes: [u8; 16],
    len: usize,
}

impl Lower {
    fn new(name: &[u8]) -> Self {
        let mut bytes = [0; 16];
        let len = if name.len() <= bytes.len() {
            name.len()
        } else {
            0
        };
        for (to, from) in bytes.iter_mut().zip(&name[..len]) {
            *to = from.to_ascii_lowercase();
        }
        Self { bytes, len }
    }

    fn as_slice(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// The tag name starting at `from`, as written, and the byte after the tag's `>`
/// (quoted attribute values may hold `>`).
fn tag_name_and_end(bytes: &[u8], from: usize) -> (&[u8], usize) {
    let name_end = bytes[from..]
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
        .map_or(bytes.len(), |p| from + p);
    let name = &bytes[from..name_end];
    // Jump from one `>` or quote to the next. As in the spec's tokenizer, a quote opens
    // a value only right after `=` (and whitespace); anywhere else it is part of a name.
    let mut at = name_end;
    while let Some(offset) = memchr::memchr3(b'>', b'"', b'\'', &bytes[at..]) {
        let found = at + offset;
        if bytes[found] == b'>' {
            return (name, found + 1);
        }
        let opens_value = bytes[name_end..found]
            .iter()
            .rev()
            .find(|b| !b.is_ascii_whitespace())
            == Some(&b'=');
        if opens_value {
            match memchr::memchr(bytes[found], &bytes[found + 1..]) {
                Some(close) => at = found + 1 + close + 1,
                None => return (name, bytes.len()),
            }
        } else {
            at = found + 1;
        }
    }
    (name, bytes.len())
}

/// The range of a tag's attributes past the limit (from the start of the first one left
/// out to just before the closing `>`), if it has more.
fn attributes_past_limit(
    bytes: &[u8],
    start: usize,
    end: usize,
    limit: usize,
) -> Option<(usize, usize)> {
    let tag = &bytes[start..end];
    // A quick count: attributes are separated by whitespace outside quotes.
    if tag.iter().filter(|b| b.is_ascii_whitespace()).count() < limit {
        return None;
    }
    let mut count = 0;
    let mut quote: Option<u8> = None;
    let mut in_gap = false;
    let mut after_equals = false;
    for (offset, &b) in tag.iter().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => continue,
            None if after_equals && (b == b'"' || b == b'\'') => {
                quote = Some(b);
                after_equals = false;
            }
            None if b == b'=' => {
                after_equals = true;
                in_gap = false;
            }
            None if b.is_ascii_whitespace() => in_gap = !after_equals,
            None if in_gap && b != b'>' && b != b'/' => {
                after_equals = false;
                in_gap = false;
                count += 1;
                if count > limit {
                    // Leave out this attribute and all after it, up to the `>` (or to the
                    // end of an unterminated tag).
                    let stop = if tag.ends_with(b">") { end - 1 } else { end };
                    return Some((start + offset, stop));
                }
            }
            None => {
                in_gap = false;
                after_equals = false;
            }
        }
    }
    None
}

/// The byte after `</name ...>` at or past `from`, ASCII case-insensitively.
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(offset) = memchr::memmem::find(&bytes[at..], b"</") {
        let tag = at + offset + 2;
        if bytes.len() >= tag + name.len()
            && bytes[tag..tag + name.len()].eq_ignore_ascii_case(name)
        {
            let (_, end) = tag_name_and_end(bytes, tag);
            return Some(end);
        }
        at = tag;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_markup_passes_untouched() {
        let html = r#"<div><p class="a>b">x <b>y</b> a < b</p><script>if (a<b) {}</script><!-- <b> --></div>"#;
        assert!(matches!(bound(html), Cow::Borrowed(_)));
    }

    #[test]
    fn a_quote_inside_a_glued_name_opens_no_value() {
        // `class="a b"` glued after another attribute: the first `"` belongs to a name.
        let html = r#"<x-a v:m="id"classes="p q"url="":s="f"></x-a><p>text, à la fin.</p>"#;
        assert!(matches!(bound(html), Cow::Borrowed(_)));
    }

    #[test]
    fn nesting_is_flattened_past_the_limit_and_text_kept() {
        let html = format!("{}<p>deep</p>{}", "<div>".repeat(300), "</div>".repeat(300));
        let bounded = bound(&html);
        assert_eq!(bounded.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(bounded.matches("</div>").count(), MAX_DEPTH);
        assert!(bounded.contains("<p>deep</p>"));
    }

    #[test]
    fn formatting_elements_and_attributes_are_bounded() {
        let html: String = (0..100).map(|i| format!("<b x={i}>")).collect::<String>() + "t";
        let bounded = bound(&html);
        assert_eq!(bounded.matches("<b ").count(), MAX_FORMATTING);
        assert!(bounded.ends_with('t'));
        let attributes: String = (0..200).map(|i| format!(" a{i}=\"v>\"")).collect();
        let html = format!("<p{attributes}>x</p>");
        let bounded = bound(&html);
        assert_eq!(bounded.matches("=\"v>\"").count(), MAX_ATTRIBUTES);
        assert!(bounded.ends_with(">x</p>"), "{bounded}");
    }
}

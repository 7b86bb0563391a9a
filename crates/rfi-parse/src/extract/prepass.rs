//! The one linear pass over the markup before html5ever: glued names split, costs bounded, bare spans in running text unwrapped.

use std::borrow::Cow;

use super::repair::glued_split;

/// Open elements deeper than this are flattened into their ancestor.
pub(crate) const MAX_DEPTH: usize = 256;
/// Formatting elements open at once, at most.
pub(crate) const MAX_FORMATTING: usize = 24;
/// Attributes kept on one tag.
pub(crate) const MAX_ATTRIBUTES: usize = 64;
/// Attributes kept on a formatting tag, which tree building may copy into every later
/// block (reconstruction).
pub(crate) const MAX_FORMATTING_ATTRIBUTES: usize = 8;

/// How the pass treats a tag.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Never has an end tag.
    Void,
    /// A formatting element of the tree-building algorithm.
    Formatting,
    /// A text block whose start tag closes an open element of its own kind.
    TextBlock,
    /// Its content is raw text up to its own end tag.
    RawText,
    Other,
}

impl Kind {
    /// The kind of the tag named `name`, ASCII case-insensitively.
    fn of(name: &[u8]) -> Self {
        // The longest special name has 8 letters.
        let mut buffer = [0u8; 8];
        let Some(lower) = lowercase(name, &mut buffer) else {
            return Kind::Other;
        };
        match lower {
            b"area" | b"base" | b"br" | b"col" | b"embed" | b"hr" | b"img" | b"input" | b"link"
            | b"meta" | b"source" | b"track" | b"wbr" | b"param" | b"keygen" | b"frame" => {
                Kind::Void
            }
            b"a" | b"b" | b"big" | b"code" | b"em" | b"font" | b"i" | b"nobr" | b"s" | b"small"
            | b"strike" | b"strong" | b"tt" | b"u" => Kind::Formatting,
            b"p" | b"li" | b"dt" | b"dd" | b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6"
            | b"tr" | b"td" | b"th" | b"option" => Kind::TextBlock,
            b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"iframe" | b"noembed"
            | b"noframes" | b"noscript" => Kind::RawText,
            _ => Kind::Other,
        }
    }
}

/// `name` in ASCII lowercase, in `buffer`; `None` when longer than the buffer, so no
/// name of interest.
fn lowercase<'b>(name: &[u8], buffer: &'b mut [u8]) -> Option<&'b [u8]> {
    let lower = buffer.get_mut(..name.len())?;
    for (to, from) in lower.iter_mut().zip(name) {
        *to = from.to_ascii_lowercase();
    }
    Some(lower)
}

/// One change to the markup: the bytes `start..end` replaced by a space (`space`) or
/// by nothing.
struct Edit {
    start: usize,
    end: usize,
    space: bool,
}

/// The markup with glued tag names split, the expensive constructions bounded and the
/// bare spans of running text unwrapped; borrowed when nothing changed.
///
/// Archives flattened by removing line breaks glue a tag's first attribute onto its name
/// (`<imgsrc="…"`); such a name is split where [`glued_split`] says, so the image is kept.
///
/// html5ever follows the HTML spec's tree-building algorithm faithfully, corners included:
/// scope checks walk the stack of open elements (quadratic in nesting depth), the list of
/// active formatting elements is compared on every formatting tag (Noah's Ark) and rebuilt
/// into every new block (reconstruction), copying each element's attributes. Browsers cap
/// such input too (Blink stops nesting at 512 levels). Here, on a light tokenization that
/// follows the spec's tokenizer states only as far as tags, comments and raw text go:
///
/// - a start tag nested deeper than [`MAX_DEPTH`] is left out, with its end tag; its text
///   stays, in the element above;
/// - a formatting start tag (`b`, `i`, `font`…) while [`MAX_FORMATTING`] are active is left
///   out the same way;
/// - attributes past the [`MAX_ATTRIBUTES`]th of one tag (the
///   [`MAX_FORMATTING_ATTRIBUTES`]th of a formatting tag) are left out.
///
/// Ordinary articles never reach these limits nor glue names. Some sources wrap every
/// run of a paragraph's text in an attribute-less `<span>` (RFI: seven spans in ten tags);
/// those are unwrapped as [`BareSpans`] says, since building them is most of the tree's
/// cost and they change neither the tree's text nor where it goes.
pub(crate) fn prepare(html: &str) -> Cow<'_, str> {
    prepare_with(html, true)
}

/// [`prepare`], bare spans unwrapped or not (tests compare the two).
fn prepare_with(html: &str, unwrap_spans: bool) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut edits: Vec<Edit> = Vec::new();
    // Tag names are slices of the input (compared ASCII case-insensitively), so that the
    // pass allocates nothing for markup within the limits. Each open element comes with
    // whether its content is a paragraph's running text ([`BareSpans`]).
    let mut open: Vec<(&[u8], bool)> = Vec::with_capacity(64);
    let mut formatting: Vec<&[u8]> = Vec::new();
    // End tags still to leave out, per name, for start tags that were.
    let mut dropped: Vec<(&[u8], usize)> = Vec::new();
    let mut spans = BareSpans {
        open: Vec::new(),
        unwrap: unwrap_spans,
    };
    let mut at = 0;
    // Where the text before the next tag or comment starts.
    let mut text_from = 0;
    loop {
        // Tags often follow each other directly (`</p><p>`): look at the next byte before
        // searching.
        let start = if bytes.get(at) == Some(&b'<') {
            at
        } else {
            match memchr::memchr(b'<', &bytes[at.min(bytes.len())..]) {
                Some(offset) => at + offset,
                None => break,
            }
        };
        let rest = &bytes[start + 1..];
        // A `<` before anything else (`a < b`) is text.
        if rest
            .first()
            .is_some_and(|&b| matches!(b, b'!' | b'?' | b'/') || b.is_ascii_alphabetic())
        {
            spans.text(&bytes[text_from..start]);
        }
        match rest.first() {
            Some(b'!') => {
                spans.taint();
                if rest.starts_with(b"![CDATA[") {
                    // Text up to `]]>` in foreign content, a comment up to `>` elsewhere:
                    // which one this pass cannot always tell.
                    spans.unwrap = false;
                }
                // A comment runs to `-->`, any other declaration to `>`.
                let end = if rest.starts_with(b"!--") {
                    memchr::memmem::find(&rest[3..], b"-->").map(|e| start + 1 + 3 + e + 3)
                } else {
                    memchr::memchr(b'>', rest).map(|e| start + 1 + e + 1)
                };
                at = end.unwrap_or(bytes.len());
                text_from = at;
            }
            Some(b'?') => {
                spans.taint();
                at = memchr::memchr(b'>', rest).map_or(bytes.len(), |e| start + 1 + e + 1);
                text_from = at;
            }
            Some(b'/') => {
                let (name, _) = tag_name(bytes, start + 2);
                let tag = scan_attributes(bytes, start + 2 + name.len(), usize::MAX);
                at = tag.end;
                text_from = at;
                if name.is_empty() {
                    // `</>` (nothing) or `</ …>` (a comment).
                    spans.taint();
                    continue;
                }
                if let Some(slot) = dropped
                    .iter_mut()
                    .find(|(n, count)| *count > 0 && n.eq_ignore_ascii_case(name))
                {
                    slot.1 -= 1;
                    edits.push(Edit::cut(start, tag.end));
                    continue;
                }
                if name.eq_ignore_ascii_case(b"span") {
                    spans.close(start, tag.end, &mut edits);
                } else {
                    spans.taint();
                }
                if let Some(position) = open.iter().rposition(|(n, _)| n.eq_ignore_ascii_case(name))
                {
                    if position + 1 < open.len() {
                        // Misnested: the tree builder may close more or less than this
                        // pass does (a special element in between stops an end tag).
                        end_running_text(&mut open);
                    }
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
                let (mut name, has_equals) = tag_name(bytes, start + 1);
                // `<imgsrc="…"`: the name ends where the glued attribute begins.
                if has_equals && let Some(split) = glued_split(name) {
                    edits.push(Edit::space(start + 1 + split));
                    name = &name[..split];
                }
                let kind = Kind::of(name);
                let limit = if kind == Kind::Formatting {
                    MAX_FORMATTING_ATTRIBUTES
                } else {
                    MAX_ATTRIBUTES
                };
                let tag = scan_attributes(bytes, start + 1 + name.len(), limit);
                at = tag.end;
                text_from = at;
                // Text blocks that close their own kind (`<p>` ends an open `<p>`) cannot
                // deepen the tree by themselves, so they are kept: their text stays a
                // paragraph however deep the containers around it went.
                let too_deep = open.len() >= MAX_DEPTH && kind != Kind::TextBlock;
                let too_many = kind == Kind::Formatting && formatting.len() >= MAX_FORMATTING;
                if (too_deep || too_many) && kind != Kind::Void {
                    edits.push(Edit::cut(start, tag.end));
                    if !tag.self_closing {
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
                if let Some(excess) = tag.excess {
                    // Leave out the attributes past the limit, up to the `>` (or to the
                    // end of an unterminated tag).
                    let stop = if bytes.get(tag.end - 1) == Some(&b'>') {
                        tag.end - 1
                    } else {
                        tag.end
                    };
                    edits.push(Edit::cut(excess, stop));
                }
                if name.eq_ignore_ascii_case(b"plaintext") {
                    // Everything after an HTML `<plaintext>` is text, where a span is
                    // text too. (The limits still apply: inside `<svg>` it is an element
                    // like any other.)
                    spans.unwrap = false;
                }
                if closes_paragraph(name) || (tag.self_closing && kind != Kind::Void) {
                    // The tree builder closes the open `<p>` here, or opens an element
                    // (`<div/>` is `<div>`) this pass does not follow.
                    end_running_text(&mut open);
                }
                let is_span = name.eq_ignore_ascii_case(b"span") && !tag.self_closing;
                let bare_span = is_span && tag.end == start + 1 + name.len() + 1;
                let in_running_text = open.last().is_some_and(|(_, running)| *running);
                if is_span {
                    spans.open(start, tag.end, bare_span && in_running_text);
                } else {
                    spans.taint();
                }
                match kind {
                    Kind::RawText => {
                        if open.iter().any(|(n, _)| {
                            n.eq_ignore_ascii_case(b"svg") || n.eq_ignore_ascii_case(b"math")
                        }) {
                            // Inside `<svg>` a `<style>` or `<title>` is an element like
                            // any other, whose content the pass skips as text all the same.
                            spans.unwrap = false;
                        }
                        // Skip to the element's own end tag: its content is no markup.
                        at = find_end_tag(bytes, tag.end, name).unwrap_or(bytes.len());
                        text_from = at;
                        continue;
                    }
                    Kind::TextBlock => {
                        // `<p>` closes the open `<p>`, `<li>` the open `<li>`.
                        if let Some(position) =
                            open.iter().rposition(|(n, _)| n.eq_ignore_ascii_case(name))
                        {
                            open.truncate(position);
                        }
                    }
                    _ => {}
                }
                if kind != Kind::Void && !tag.self_closing {
                    if kind == Kind::Formatting {
                        formatting.push(name);
                    }
                    let running = name.eq_ignore_ascii_case(b"p")
                        || ((kind == Kind::Formatting || bare_span) && in_running_text);
                    open.push((name, running));
                }
            }
            _ => at = start + 1,
        }
    }
    if edits.is_empty() {
        return Cow::Borrowed(html);
    }
    edits.sort_by_key(|edit| edit.start);

    let mut prepared = String::with_capacity(html.len() + 64);
    let mut from = 0;
    for edit in edits {
        if edit.start < from {
            continue;
        }
        // Edits start at `<`, inside a tag name or at an attribute's first byte (ASCII),
        // and end after `>`, at it, or at the end: all character boundaries; checked all
        // the same.
        let end = edit.end.min(html.len());
        if !html.is_char_boundary(edit.start) || !html.is_char_boundary(end) {
            continue;
        }
        prepared.push_str(&html[from..edit.start]);
        if edit.space {
            prepared.push(' ');
        }
        from = end;
    }
    prepared.push_str(&html[from..]);
    Cow::Owned(prepared)
}

/// From here on, until a new `<p>`, no open element holds running text: the light stack
/// of this pass may no longer mirror the tree builder's.
fn end_running_text(open: &mut [(&[u8], bool)]) {
    for (_, running) in open {
        *running = false;
    }
}

/// Whether a start tag closes an open `<p>` (the spec's "in body" rules: "If the stack
/// of open elements has a p element in button scope, then close a p element"), `table`
/// included, which does so outside quirks mode.
fn closes_paragraph(name: &[u8]) -> bool {
    // The longest has 10 letters.
    let mut buffer = [0u8; 10];
    let Some(lower) = lowercase(name, &mut buffer) else {
        return false;
    };
    matches!(
        lower,
        b"address"
            | b"article"
            | b"aside"
            | b"blockquote"
            | b"center"
            | b"details"
            | b"dialog"
            | b"dir"
            | b"div"
            | b"dl"
            | b"fieldset"
            | b"figcaption"
            | b"figure"
            | b"footer"
            | b"header"
            | b"hgroup"
            | b"main"
            | b"menu"
            | b"nav"
            | b"ol"
            | b"p"
            | b"search"
            | b"section"
            | b"summary"
            | b"ul"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"pre"
            | b"listing"
            | b"form"
            | b"li"
            | b"dd"
            | b"dt"
            | b"plaintext"
            | b"table"
            | b"hr"
            | b"xmp"
    )
}

/// The attribute-less `<span>`s open, innermost last, and which of them may be unwrapped.
///
/// A `<span>` means nothing by itself (HTML spec, 4.5.27), and the tree-building
/// algorithm gives a start tag `span` with text alone up to its end tag no effect on
/// anything else: in the "in body" rules the start tag reconstructs the active formatting
/// elements and inserts the span where the next character would go, the text's first
/// character would reconstruct them at the same point, and the end tag, the span being
/// the current node, pops just it. So such a pair, its content text or pairs of the same
/// kind, is left out, and the text stays where it was, with the same formatting and link
/// around it. The pair is kept:
///
/// - when anything else comes between its tags (an element, a comment), or its text is
///   only whitespace and references (where the spec treats whitespace apart: in tables,
///   before the body), or its start tag is not exactly `<span>`;
/// - outside a paragraph's running text: a `<p>`, or the formatting elements and bare
///   spans inside one, with no start tag since that closes the paragraph. Elsewhere a
///   span's own boundaries may be read (a `<figcaption>` gives its caption and credit as
///   two spans, a byline its label and name), foreign content (`<svg>`) treats a span
///   as a way out, and `<pre>` drops a line feed that only the span's start tag would
///   have kept.
struct BareSpans {
    open: Vec<OpenSpan>,
    /// Whether plain spans are cut (else only followed): not in tests that compare, nor
    /// past a point where this pass may read as markup what the tokenizer reads as text
    /// (`<plaintext>`, a CDATA section, raw text inside foreign content).
    unwrap: bool,
}

/// One `<span>` open: where its start tag is, and whether it can still be unwrapped.
struct OpenSpan {
    start: usize,
    end: usize,
    /// Attribute-less, in running text, with nothing but text and unwrapped spans in it
    /// so far.
    plain: bool,
    /// Whether it holds a character other than whitespace.
    has_text: bool,
}

impl BareSpans {
    /// The text between two tags.
    fn text(&mut self, text: &[u8]) {
        if let Some(top) = self.open.last_mut()
            && top.plain
            && !top.has_text
        {
            top.has_text = has_visible_text(text);
        }
    }

    /// A tag or comment other than a span's: the innermost span holds more than text.
    fn taint(&mut self) {
        if let Some(top) = self.open.last_mut() {
            top.plain = false;
        }
    }

    /// A `<span …>` at `start..end`; `plain` when attribute-less in running text.
    fn open(&mut self, start: usize, end: usize, plain: bool) {
        self.open.push(OpenSpan {
            start,
            end,
            plain,
            has_text: false,
        });
    }

    /// A `</span>` at `start..end`: both tags of a plain span holding text are cut.
    fn close(&mut self, start: usize, end: usize, edits: &mut Vec<Edit>) {
        let Some(span) = self.open.pop() else {
            return;
        };
        if span.plain && span.has_text {
            if self.unwrap {
                edits.push(Edit::cut(span.start, span.end));
                edits.push(Edit::cut(start, end));
            }
            if let Some(parent) = self.open.last_mut() {
                parent.has_text = true;
            }
        } else {
            // A span kept is an element inside its parent.
            self.taint();
        }
    }
}

/// Whether `text` holds a character other than ASCII whitespace, character references
/// (which may stand for whitespace) and NUL (which "in body" drops) aside.
fn has_visible_text(text: &[u8]) -> bool {
    let mut at = 0;
    while at < text.len() {
        match text[at] {
            b'&' => {
                at += 1;
                while at < text.len() && text[at] != b';' && !is_space(text[at]) {
                    at += 1;
                }
                // The `;` that ends it.
                at += usize::from(text.get(at) == Some(&b';'));
            }
            b'\0' => at += 1,
            b if is_space(b) => at += 1,
            _ => return true,
        }
    }
    false
}

impl Edit {
    fn cut(start: usize, end: usize) -> Self {
        Self {
            start,
            end,
            space: false,
        }
    }

    fn space(at: usize) -> Self {
        Self {
            start: at,
            end: at,
            space: true,
        }
    }
}

/// The tag name starting at `from`, as written: up to whitespace, `/` or `>` (the spec's
/// tag name state); and whether it holds an `=`, the mark of a glued attribute.
fn tag_name(bytes: &[u8], from: usize) -> (&[u8], bool) {
    let rest = &bytes[from.min(bytes.len())..];
    let mut has_equals = false;
    let mut len = 0;
    while let Some(&b) = rest.get(len) {
        if is_space(b) || b == b'>' || b == b'/' {
            break;
        }
        has_equals |= b == b'=';
        len += 1;
    }
    (&rest[..len], has_equals)
}

/// What the attribute part of a tag holds, as far as the pass needs it.
struct TagEnd {
    /// The byte after the tag's `>` (the end of the input for an unterminated tag).
    end: usize,
    /// Whether the tag ends in `/>`.
    self_closing: bool,
    /// Where the first attribute past the limit starts, if the tag has more.
    excess: Option<usize>,
}

/// Reads a tag's attributes from `from` (just after its name) to its `>`, following the
/// spec's tokenizer states (before/after attribute name, before attribute value, quoted
/// and unquoted values), counting attributes as it goes. Quoted values, the long part of
/// most tags (`srcset`, `href`), are skipped with one `memchr`.
fn scan_attributes(bytes: &[u8], from: usize, limit: usize) -> TagEnd {
    if bytes.get(from) == Some(&b'>') {
        // No attributes (`<p>`, `</div>`): most tags.
        return TagEnd {
            end: from + 1,
            self_closing: false,
            excess: None,
        };
    }
    let len = bytes.len();
    let finish = |end: usize, excess| TagEnd {
        end,
        self_closing: end >= 2 && bytes[end - 1] == b'>' && bytes[end - 2] == b'/',
        excess,
    };
    let mut at = from;
    let mut count = 0usize;
    let mut excess = None;
    loop {
        // Before attribute name: whitespace and stray `/` are skipped.
        while at < len && (is_space(bytes[at]) || bytes[at] == b'/') {
            at += 1;
        }
        match bytes.get(at) {
            None => return finish(len, excess),
            Some(b'>') => return finish(at + 1, excess),
            Some(_) => {}
        }
        count += 1;
        if count == limit.saturating_add(1) {
            excess = Some(at);
        }
        // Attribute name: its first byte is taken whatever it is (even `=`).
        at += 1;
        while at < len && !matches!(bytes[at], b'/' | b'>' | b'=') && !is_space(bytes[at]) {
            at += 1;
        }
        // After attribute name.
        while at < len && is_space(bytes[at]) {
            at += 1;
        }
        if bytes.get(at) != Some(&b'=') {
            continue;
        }
        // Before attribute value.
        at += 1;
        while at < len && is_space(bytes[at]) {
            at += 1;
        }
        match bytes.get(at) {
            Some(&quote @ (b'"' | b'\'')) => match closing_quote(bytes, at + 1, quote) {
                Some(close) => at = close + 1,
                None => return finish(len, excess),
            },
            // `=>`: a missing value; the loop's top ends the tag.
            Some(b'>') | None => {}
            Some(_) => {
                while at < len && bytes[at] != b'>' && !is_space(bytes[at]) {
                    at += 1;
                }
            }
        }
    }
}

/// The position of the `quote` that closes a value starting at `from`.
fn closing_quote(bytes: &[u8], from: usize, quote: u8) -> Option<usize> {
    // Most values (`class`, `id`, `alt`) are short: a few bytes read one by one cost less
    // than starting a search; long ones (`srcset`, `href`) go to memchr.
    let rest = &bytes[from..];
    let head = rest.len().min(16);
    match rest[..head].iter().position(|&b| b == quote) {
        Some(offset) => Some(from + offset),
        None => memchr::memchr(quote, &rest[head..]).map(|offset| from + head + offset),
    }
}

/// The spec's ASCII whitespace inside tags: tab, line feed, form feed, carriage return,
/// space.
fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// The byte after `</name ...>` at or past `from`, ASCII case-insensitively.
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(offset) = memchr::memmem::find(&bytes[at..], b"</") {
        let tag = at + offset + 2;
        if bytes.len() >= tag + name.len()
            && bytes[tag..tag + name.len()].eq_ignore_ascii_case(name)
        {
            return Some(scan_attributes(bytes, tag + name.len(), usize::MAX).end);
        }
        at = tag;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_tag_names_are_split() {
        assert_eq!(
            prepare(r#"<imgsrc="data:x" alt="a" srcset="https://i/1.JPG"sizes=""/>"#),
            r#"<img src="data:x" alt="a" srcset="https://i/1.JPG"sizes=""/>"#
        );
        assert_eq!(
            prepare(r#"<sourcetype="image/webp"srcset="s"><p>x</p>"#),
            r#"<source type="image/webp"srcset="s"><p>x</p>"#
        );
        assert_eq!(prepare("<IMGSRC=x>"), "<IMG SRC=x>");
        assert_eq!(prepare("<adata-x=1>y</a>"), "<a data-x=1>y</a>");
        // By the general rule, whatever the attribute: an element name, then letters.
        assert_eq!(prepare("<spanner=1>"), "<span ner=1>");
        for html in ["<img src=x>", "a <b> c", "x<y=3", "<img-x=1>", "<", "<img"] {
            assert!(matches!(prepare(html), Cow::Borrowed(_)), "{html}");
        }
    }

    #[test]
    fn ordinary_markup_passes_untouched() {
        let html = r#"<div><p class="a>b">x <b>y</b> a < b</p><script>if (a<b) {}</script><!-- <b> --></div>"#;
        assert!(matches!(prepare(html), Cow::Borrowed(_)));
    }

    #[test]
    fn a_quote_inside_a_glued_name_opens_no_value() {
        // `class="a b"` glued after another attribute: the first `"` belongs to a name.
        let html = r#"<x-a v:m="id"classes="p q"url="":s="f"></x-a><p>text, à la fin.</p>"#;
        assert!(matches!(prepare(html), Cow::Borrowed(_)));
    }

    #[test]
    fn nesting_is_flattened_past_the_limit_and_text_kept() {
        let html = format!("{}<p>deep</p>{}", "<div>".repeat(300), "</div>".repeat(300));
        let bounded = prepare(&html);
        assert_eq!(bounded.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(bounded.matches("</div>").count(), MAX_DEPTH);
        assert!(bounded.contains("<p>deep</p>"));
    }

    #[test]
    fn formatting_elements_and_attributes_are_bounded() {
        let html: String = (0..100).map(|i| format!("<b x={i}>")).collect::<String>() + "t";
        let bounded = prepare(&html);
        assert_eq!(bounded.matches("<b ").count(), MAX_FORMATTING);
        assert!(bounded.ends_with('t'));
        let attributes: String = (0..200).map(|i| format!(" a{i}=\"v>\"")).collect();
        let html = format!("<p{attributes}>x</p>");
        let bounded = prepare(&html);
        assert_eq!(bounded.matches("=\"v>\"").count(), MAX_ATTRIBUTES);
        assert!(bounded.ends_with(">x</p>"), "{bounded}");
    }

    #[test]
    fn bare_spans_of_running_text_are_unwrapped() {
        assert_eq!(
            prepare(
                "<p><strong><span>《弄湿</span><span>》</span></strong><span><span>是</span> a</span></p>"
            ),
            "<p><strong>《弄湿》</strong>是 a</p>"
        );
        assert_eq!(prepare("<P><SPAN>x</SPAN ></P>"), "<P>x</P>");
        assert_eq!(prepare("<p><span>a&amp;b</span></p>"), "<p>a&amp;b</p>");
    }

    #[test]
    fn spans_that_may_mean_something_are_kept() {
        for html in [
            // A caption and its credit, a byline's label and name.
            "<figcaption><span>caption</span><span>credit</span></figcaption>",
            r#"<p><span role="text"><span>Author, </span><span>name</span></span></p>"#,
            // Anything but text inside.
            "<p><span>a<b>b</b></span></p>",
            "<p><span>a<!-- c --></span></p>",
            "<p><span>a<br></span></p>",
            // Whitespace and references only, or nothing.
            "<p><span> &#32; </span><span></span></p>",
            // Not exactly `<span>`.
            "<p><span >x</span><span/>y</span></p>",
            // Outside running text, or after a start tag closed the paragraph.
            "<div><span>x</span></div>",
            "<p><svg><span>x</span></svg></p>",
            "<p><pre><span>\nx</span></pre></p>",
            "<p>a<div></div><span>x</span></p>",
            "<p><sup><span>1</span></sup></p>",
            // Misnested end tags, which the tree builder may close otherwise.
            "<p><sup><button><svg></sup><span>x</span>",
            "<p><span class=c><pre><svg></span><span>x</span>",
            "<p><div/><span>x</span>",
            // Past `<plaintext>` everything is text; past a CDATA section or raw text in
            // foreign content, this pass may read text as markup.
            "<plaintext><p><span>x</span>",
            "<svg><![CDATA[<x><p>]]><span>x</span>",
            "<svg><noscript><span>x</span><plaintext></noscript><p><span>x</span>",
        ] {
            assert!(matches!(prepare(html), Cow::Borrowed(_)), "{html}");
        }
    }

    /// The tree's content as markup, attribute-less spans unwrapped (their text joins
    /// the text around them): equal for two trees that differ only by such spans.
    fn without_bare_spans(html: &str) -> String {
        fn write(node: ego_tree::NodeRef<'_, scraper::Node>, out: &mut String) {
            match node.value() {
                scraper::Node::Text(text) => out.push_str(&text.replace('<', "&lt;")),
                scraper::Node::Comment(comment) => {
                    out.push_str(&format!("<!--{}-->", &**comment));
                }
                scraper::Node::Element(element) => {
                    let bare = element.name() == "span" && element.attrs().next().is_none();
                    if !bare {
                        out.push_str(&format!("<{}:{}", &*element.name.ns, element.name()));
                        for (name, value) in element.attrs() {
                            out.push_str(&format!(" {name}={value:?}"));
                        }
                        out.push('>');
                    }
                    for child in node.children() {
                        write(child, out);
                    }
                    if !bare {
                        out.push_str(&format!("</{}>", element.name()));
                    }
                }
                _ => {
                    for child in node.children() {
                        write(child, out);
                    }
                }
            }
        }
        let (document, _) = super::super::tree::build(html);
        let mut out = String::new();
        write(document.tree.root(), &mut out);
        out
    }

    /// Markup from pieces that meet the tree builder's special cases around spans:
    /// formatting elements (reconstruction, adoption agency), tables (foster parenting),
    /// foreign content, `<pre>`, `<select>`, `<template>`, captions, comments,
    /// whitespace, references and NUL.
    fn markup() -> impl proptest::strategy::Strategy<Value = String> {
        const PIECES: &[&str] = &[
            "<p>",
            "</p>",
            "<span>",
            "</span>",
            "<span class=c>",
            "<SPAN>",
            "<span/>",
            "<b>",
            "</b>",
            "<i>",
            "</i>",
            "<a href=x>",
            "</a>",
            "<div>",
            "</div>",
            "<table>",
            "</table>",
            "<tr>",
            "<td>",
            "</td>",
            "<svg>",
            "</svg>",
            "<math>",
            "<pre>",
            "</pre>",
            "<figcaption>",
            "</figcaption>",
            "<li>",
            "<ul>",
            "<select>",
            "<option>",
            "<template>",
            "</template>",
            "<br>",
            "<img src=i>",
            "<!--c-->",
            "</x>",
            "<h1>",
            "<sup>",
            "</sup>",
            "x",
            "中文",
            " ",
            "\n",
            "&#32;",
            "&amp;",
            "\0",
            "a < b",
            "<frameset>",
            "<body>",
            "</body>",
            "<noscript>",
            "</noscript>",
            "<hr>",
            "<nobr>",
            "<font>",
            "</font>",
            "<button>",
            "</button>",
            "<plaintext>",
            "<![CDATA[<x><p>]]>",
            "<style>",
            "</style>",
            "<title>",
            "</title>",
            // Spans around text alone, which the pass unwraps where it may.
            "<span>x</span>",
            "<span> </span>",
            "<span>\n中文</span>",
            "<span>&#32;</span>",
            "<span></span>",
            "<span><span>x</span>y</span>",
            "<span>\0</span>",
            "<span> x</span>",
            "<p><span>x</span>",
        ];
        proptest::collection::vec(proptest::sample::select(PIECES), 0..40)
            .prop_map(|pieces| pieces.concat())
    }

    use proptest::strategy::Strategy;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn unwrapping_bare_spans_changes_nothing_else(html in markup()) {
            let unwrapped = prepare_with(&html, true);
            let kept = prepare_with(&html, false);
            proptest::prop_assert_eq!(
                without_bare_spans(&unwrapped),
                without_bare_spans(&kept),
                "{:?} unwrapped as {:?}", html, unwrapped
            );
        }
    }
}

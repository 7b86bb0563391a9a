//! Plain text from HTML: whitespace collapsing, `<br>` line breaks and inline links.

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::Node;

use crate::article::Link;

/// Whitespace as HTML defines it; only these runs collapse to one space.
pub(crate) fn is_html_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Elements whose content is never text: code, graphics and controls.
pub(crate) fn is_textless(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "svg" | "noscript" | "template" | "button" | "head" | "math"
    )
}

/// `text` with every run of Unicode whitespace as one space, and none at either end: the
/// form two texts are compared in when one kept spaces the other's collapsing dropped.
pub(crate) fn spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where the text inside Markdown's bold markers that wrap all of `text` is
/// (`**债务上限威胁**`), as a feed that copied a Markdown subheading into HTML left it;
/// `None` otherwise (no marker, an asterisk inside, nothing inside, or more than one line).
pub(crate) fn literal_bold(text: &str) -> Option<std::ops::Range<usize>> {
    let start = text.len() - text.trim_start().len();
    let inner = text.trim().strip_prefix("**")?.strip_suffix("**")?;
    let inner_start = start + 2 + (inner.len() - inner.trim_start().len());
    let inner = inner.trim();
    (!inner.is_empty() && !inner.contains(['*', '\n']))
        .then_some(inner_start..inner_start + inner.len())
}

/// Builds the text of one block, and the links inside it.
///
/// Text is appended as it is met in the tree; runs of HTML whitespace collapse, `<br>`
/// becomes `\n`, and [`TextBuilder::finish`] trims every line of all Unicode whitespace.
#[derive(Debug)]
pub(crate) struct TextBuilder {
    text: String,
    links: Vec<Link>,
    /// Where the open link's text starts, and its address.
    open_link: Option<(usize, String)>,
    pending_space: bool,
    /// Nothing has been written on the current line yet.
    line_empty: bool,
    /// Something other than whitespace (an `&nbsp;` is) has been written on the current
    /// line.
    line_visible: bool,
    /// The last character written was a collapsed space.
    ends_with_space: bool,
    /// Some non-whitespace text has been appended since the last reset.
    has_text: bool,
    /// Some non-whitespace text has been appended outside `<strong>`/`<b>`.
    has_plain_text: bool,
    /// Some non-whitespace text has been appended outside `<em>`/`<i>`.
    has_upright_text: bool,
}

impl Default for TextBuilder {
    fn default() -> Self {
        Self {
            text: String::new(),
            links: Vec::new(),
            open_link: None,
            pending_space: false,
            line_empty: true,
            line_visible: false,
            ends_with_space: false,
            has_text: false,
            has_plain_text: false,
            has_upright_text: false,
        }
    }
}

impl TextBuilder {
    /// A builder whose buffer holds `bytes` before it grows (the walker's one builder
    /// takes every paragraph of an article in turn).
    pub(crate) fn with_capacity(bytes: usize) -> Self {
        Self {
            text: String::with_capacity(bytes),
            ..Self::default()
        }
    }

    pub(crate) fn has_text(&self) -> bool {
        self.has_text
    }

    /// Nothing but whitespace has been written since the last line break (or the
    /// start): a line break here ends an empty line (`<br />&nbsp;<br />` is one too).
    pub(crate) fn at_line_start(&self) -> bool {
        !self.line_visible
    }

    /// Whether all the text so far was inside `<strong>`/`<b>` (a subheading).
    pub(crate) fn all_strong(&self) -> bool {
        self.has_text && !self.has_plain_text
    }

    /// Whether all the text so far was inside `<em>`/`<i>` (a note set apart in italics).
    pub(crate) fn all_italic(&self) -> bool {
        self.has_text && !self.has_upright_text
    }

    pub(crate) fn push_text(&mut self, text: &str, strong: bool) {
        self.push_styled(text, strong, false);
    }

    /// [`TextBuilder::push_text`] of text inside `<strong>`/`<b>` (`strong`) or
    /// `<em>`/`<i>` (`italic`).
    pub(crate) fn push_styled(&mut self, text: &str, strong: bool, italic: bool) {
        if !italic && !self.has_upright_text {
            self.has_upright_text = text.chars().any(|c| !c.is_whitespace());
        }
        // Control characters never reach the text (HTML whitespace among them still
        // separates words); checked once per text node.
        // Whole runs between HTML whitespace are copied at once. HTML whitespace is ASCII,
        // so splitting at those bytes never cuts a character.
        if !has_control_bytes(text.as_bytes()) {
            // No byte below 0x20: the only HTML whitespace is the space.
            self.push_split(text, memchr::memchr_iter(b' ', text.as_bytes()), strong);
            return;
        }
        let text = &*strip_controls_keeping(text, is_html_space_char);
        // The parser has already turned CR into LF, so a SIMD search for the three common
        // spaces finds them all unless a form feed is present.
        let bytes = text.as_bytes();
        if memchr::memchr2(b'\r', b'\x0c', bytes).is_some() {
            let spaces = bytes.iter().enumerate().filter(|(_, b)| is_html_space(**b));
            self.push_split(text, spaces.map(|(at, _)| at), strong);
        } else {
            self.push_split(
                text,
                memchr::memchr3_iter(b' ', b'\t', b'\n', bytes),
                strong,
            );
        }
    }

    /// Pushes `text` split at the given whitespace positions.
    fn push_split(&mut self, text: &str, spaces: impl Iterator<Item = usize>, strong: bool) {
        let mut start = 0;
        for at in spaces {
            self.push_word(&text[start..at], strong);
            self.pending_space = true;
            start = at + 1;
        }
        self.push_word(&text[start..], strong);
    }

    fn push_word(&mut self, word: &str, strong: bool) {
        if word.is_empty() {
            return;
        }
        self.flush_space();
        self.text.push_str(word);
        self.line_empty = false;
        if !self.line_visible {
            self.line_visible = word.chars().any(|c| !c.is_whitespace());
        }
        self.ends_with_space = false;
        if !self.has_text || (!strong && !self.has_plain_text) {
            let visible = word.chars().any(|c| !c.is_whitespace());
            self.has_text |= visible;
            self.has_plain_text |= visible && !strong;
        }
    }

    pub(crate) fn line_break(&mut self) {
        self.end_link();
        self.pending_space = false;
        self.line_empty = true;
        self.line_visible = false;
        self.ends_with_space = false;
        self.text.push('\n');
    }

    pub(crate) fn start_link(&mut self, url: &str) {
        self.end_link();
        self.flush_space();
        self.open_link = Some((self.text.len(), url.to_string()));
    }

    pub(crate) fn end_link(&mut self) {
        if let Some((start, url)) = self.open_link.take() {
            // A link with no text (an image link, say) is no link at all in plain text.
            if !self.text[start..].trim().is_empty() {
                let end = self.text.len();
                self.links.push(Link { start, end, url });
            }
        }
    }

    /// Takes the text built so far, every line trimmed and empty lines dropped, with its
    /// links moved to match.
    pub(crate) fn finish(&mut self) -> (String, Vec<Link>) {
        self.end_link();
        let links = std::mem::take(&mut self.links);
        // The buffer stays for the next block: a block then costs one allocation of its
        // own size, not a growth step at every doubling.
        let finished = trimmed_lines(&self.text, links);
        self.clear();
        finished
    }

    /// Starts a new block, keeping the buffer's capacity.
    pub(crate) fn clear(&mut self) {
        let mut buffer = std::mem::take(&mut self.text);
        buffer.clear();
        *self = Self {
            text: buffer,
            ..Self::default()
        };
    }

    /// Writes the one space that a run of collapsed whitespace stands for, if it is due.
    fn flush_space(&mut self) {
        if std::mem::take(&mut self.pending_space) && !self.line_empty && !self.ends_with_space {
            self.text.push(' ');
            self.ends_with_space = true;
        }
    }
}

/// `raw` with every line trimmed of Unicode whitespace and empty lines dropped, and the
/// links moved to match.
fn trimmed_lines(raw: &str, mut links: Vec<Link>) -> (String, Vec<Link>) {
    // (memchr's search: the standard library's looks at a paragraph a byte at a time.)
    let untouched =
        memchr::memchr(b'\n', raw.as_bytes()).is_none() && raw.trim().len() == raw.len();
    if untouched {
        return (raw.to_owned(), links);
    }
    let mut text = String::with_capacity(raw.len());
    // (start in `raw`, end in `raw`, start in `text`) of each kept line.
    let mut kept = Vec::new();
    let mut line_start = 0;
    for line in raw.split('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            if !text.is_empty() {
                text.push('\n');
            }
            let from = line_start + (line.len() - line.trim_start().len());
            kept.push((from, from + trimmed.len(), text.len()));
            text.push_str(trimmed);
        }
        line_start += line.len() + 1;
    }
    links.retain_mut(|link| {
        let Some(&(from, to, at)) = kept
            .iter()
            .find(|(from, to, _)| link.start < *to && link.end > *from)
        else {
            return false;
        };
        let start = link.start.max(from);
        let end = link.end.min(to);
        (link.start, link.end) = (start - from + at, end - from + at);
        !text[link.start..link.end].trim().is_empty()
    });
    (text, links)
}

/// The plain text of a subtree, by the contract's text rules; `None` when empty.
pub(crate) fn text_of(node: NodeRef<'_, Node>) -> Option<String> {
    let mut builder = TextBuilder::default();
    let mut skip = None;
    for edge in node.traverse() {
        match edge {
            Edge::Open(child) if skip.is_none() => match child.value() {
                Node::Text(text) => builder.push_text(text, false),
                Node::Element(element) if is_textless(element.name()) => skip = Some(child.id()),
                Node::Element(element) if element.name() == "br" => builder.line_break(),
                _ => {}
            },
            Edge::Close(child) if skip == Some(child.id()) => skip = None,
            _ => {}
        }
    }
    let (text, _) = builder.finish();
    (!text.is_empty()).then_some(text)
}

/// The text without C0 and C1 control characters (tab and newline excepted), which break
/// YAML readers and would reach a terminal raw. Borrowed unless there was one.
pub(crate) fn strip_controls(text: &str) -> std::borrow::Cow<'_, str> {
    strip_controls_keeping(text, |c| c == '\t' || c == '\n')
}

fn is_html_space_char(c: char) -> bool {
    c.is_ascii() && is_html_space(c as u8)
}

/// Whether `bytes` may hold a control character: a C0 byte or DEL, or 0xC2, the lead
/// byte of the C1 controls (U+0080–U+009F are C2 80–C2 9F). The look folds whole chunks
/// without branching, so that it vectorizes; a yes only sends the text to an exact check.
fn has_control_bytes(bytes: &[u8]) -> bool {
    bytes.chunks(64).any(|chunk| {
        chunk.iter().fold(false, |seen, &b| {
            seen | (b < 0x20) | (b == 0x7f) | (b == 0xc2)
        })
    })
}

/// [`strip_controls`] keeping the control characters `keep` accepts.
fn strip_controls_keeping(text: &str, keep: fn(char) -> bool) -> std::borrow::Cow<'_, str> {
    if !has_control_bytes(text.as_bytes()) {
        return std::borrow::Cow::Borrowed(text);
    }
    let is_control = |c: char| c.is_control() && !keep(c);
    if !text.chars().any(is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.chars().filter(|c| !is_control(*c)).collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn literal_bold_is_found_around_the_whole_text_only() {
        fn inner(text: &str) -> Option<&str> {
            literal_bold(text).map(|range| &text[range])
        }
        assert_eq!(inner("**债务上限威胁**"), Some("债务上限威胁"));
        assert_eq!(inner(" ** 支付壁垒难破 ** "), Some("支付壁垒难破"));
        for none in [
            "****如欲参考原文报导****",
            "**a**b**",
            "最大的反对党**民主发展党**表示",
            "**",
            "****",
            "**中金：评级跑赢行业*",
        ] {
            assert_eq!(inner(none), None, "{none}");
        }
    }

    use super::*;

    fn build(parts: &[&str]) -> String {
        let mut builder = TextBuilder::default();
        for part in parts {
            match *part {
                "<br>" => builder.line_break(),
                _ => builder.push_text(part, false),
            }
        }
        builder.finish().0
    }

    #[test]
    fn collapses_html_whitespace_and_trims_unicode_whitespace() {
        assert_eq!(build(&["  a \n\t b  "]), "a b");
        assert_eq!(build(&["a\x0c\r\nb", "\x0cc"]), "a b c");
        assert_eq!(build(&["\u{3000}\u{a0}a\u{a0}b\u{3000} "]), "a\u{a0}b");
        assert_eq!(build(&["a", " ", "b"]), "a b");
        assert_eq!(build(&[" \u{a0} "]), "");
    }

    #[test]
    fn line_breaks_separate_words_and_empty_lines_go() {
        assert_eq!(build(&["a", "<br>", "b"]), "a\nb");
        assert_eq!(build(&["a ", "<br>", "<br>", " b", "<br>"]), "a\nb");
        assert_eq!(build(&["<br>", "a"]), "a");
    }

    #[test]
    fn links_keep_their_text_and_spacing() {
        let mut builder = TextBuilder::default();
        builder.push_text("see ", false);
        builder.start_link("https://x.example");
        builder.push_text(" here ", false);
        builder.end_link();
        builder.push_text(" now", false);
        let (text, links) = builder.finish();
        assert_eq!(text, "see here now");
        assert_eq!(&text[links[0].start..links[0].end], "here");
    }

    #[test]
    fn links_follow_trimmed_lines() {
        let mut builder = TextBuilder::default();
        builder.push_text("\u{3000} a", false);
        builder.line_break();
        builder.push_text("\u{a0}", false);
        builder.start_link("u");
        builder.push_text("中文", false);
        builder.end_link();
        builder.start_link("empty");
        builder.end_link();
        let (text, links) = builder.finish();
        assert_eq!(text, "a\n中文");
        assert_eq!(links.len(), 1);
        assert_eq!(&text[links[0].start..links[0].end], "中文");
    }

    #[test]
    fn tracks_whether_all_text_is_strong() {
        let mut builder = TextBuilder::default();
        builder.push_text(" \x0c\r", false);
        builder.push_text("heading", true);
        assert!(builder.all_strong());
        builder.push_text("body", false);
        assert!(!builder.all_strong());
    }
}

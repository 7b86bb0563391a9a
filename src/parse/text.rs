//! Plain text from HTML: whitespace collapsing, `<br>` line breaks and inline links.

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::Node;

use crate::article::Inline;

/// Whitespace as HTML defines it; only these runs collapse to one space.
pub fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

/// Elements whose content is never text: code, graphics and controls.
pub fn is_textless(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "svg" | "noscript" | "template" | "button" | "head" | "math"
    )
}

/// Builds the inline content of one text block.
///
/// Text is appended as it is met in the tree; runs of HTML whitespace collapse, and
/// [`InlineBuilder::finish`] trims every line of all Unicode whitespace.
#[derive(Debug)]
pub struct InlineBuilder {
    inlines: Vec<Inline>,
    pending_space: bool,
    /// Nothing has been written on the current line yet.
    line_empty: bool,
    /// The last character written was a collapsed space.
    ends_with_space: bool,
    in_link: bool,
    /// Some non-whitespace text has been appended since the last reset.
    has_text: bool,
    /// Some non-whitespace text has been appended outside `<strong>`/`<b>`.
    has_plain_text: bool,
}

impl Default for InlineBuilder {
    fn default() -> Self {
        Self {
            inlines: Vec::new(),
            pending_space: false,
            line_empty: true,
            ends_with_space: false,
            in_link: false,
            has_text: false,
            has_plain_text: false,
        }
    }
}

impl InlineBuilder {
    pub fn has_text(&self) -> bool {
        self.has_text
    }

    /// Whether all the text so far was inside `<strong>`/`<b>` (a subheading).
    pub fn all_strong(&self) -> bool {
        self.has_text && !self.has_plain_text
    }

    pub fn push_text(&mut self, text: &str, strong: bool) {
        // Whole runs between HTML whitespace are copied at once. HTML whitespace is ASCII,
        // so splitting the bytes never cuts a character and needs no decoding.
        let mut start = 0;
        let ends = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'))
            .map(|(at, _)| at)
            .chain([text.len()]);
        let words = ends.map(|end| {
            let word = &text[start..end];
            start = end + 1;
            word
        });
        let mut first = true;
        for word in words {
            if !first {
                self.pending_space = true;
            }
            first = false;
            if word.is_empty() {
                continue;
            }
            self.flush_space();
            self.target().push_str(word);
            self.line_empty = false;
            self.ends_with_space = false;
            if !self.has_text || (!strong && !self.has_plain_text) {
                let visible = word.chars().any(|c| !c.is_whitespace());
                self.has_text |= visible;
                self.has_plain_text |= visible && !strong;
            }
        }
    }

    pub fn line_break(&mut self) {
        self.pending_space = false;
        self.line_empty = true;
        self.ends_with_space = false;
        self.in_link = false;
        self.inlines.push(Inline::LineBreak);
    }

    pub fn start_link(&mut self, url: &str) {
        self.flush_space();
        self.in_link = true;
        self.inlines.push(Inline::Link {
            text: String::new(),
            url: url.to_string(),
        });
    }

    pub fn end_link(&mut self) {
        if !self.in_link {
            return;
        }
        self.in_link = false;
        // A link with no text (an image link, say) is no link at all in plain text.
        if let Some(Inline::Link { text, .. }) = self.inlines.last()
            && text.trim().is_empty()
        {
            self.inlines.pop();
        }
    }

    /// Takes the content built so far, trimmed line by line; empty lines are dropped.
    pub fn finish(&mut self) -> Vec<Inline> {
        let raw = std::mem::take(&mut self.inlines);
        *self = Self::default();
        let mut out = Vec::with_capacity(raw.len());
        let mut line_start = 0;
        for inline in raw.into_iter().chain([Inline::LineBreak]) {
            if inline == Inline::LineBreak {
                trim_line(&mut out, line_start);
                if out.len() > line_start {
                    out.push(Inline::LineBreak);
                    line_start = out.len();
                }
            } else {
                out.push(inline);
            }
        }
        if out.last() == Some(&Inline::LineBreak) {
            out.pop();
        }
        out
    }

    /// Writes the one space that a run of collapsed whitespace stands for, if it is due.
    fn flush_space(&mut self) {
        if std::mem::take(&mut self.pending_space) && !self.line_empty && !self.ends_with_space {
            self.target().push(' ');
            self.ends_with_space = true;
        }
    }

    /// The string that the next character goes into.
    fn target(&mut self) -> &mut String {
        let needs_text = !matches!(
            (self.inlines.last(), self.in_link),
            (Some(Inline::Text(_)), false) | (Some(Inline::Link { .. }), true)
        );
        if needs_text {
            self.inlines.push(Inline::Text(String::new()));
        }
        match self.inlines.last_mut() {
            Some(Inline::Text(text) | Inline::Link { text, .. }) => text,
            _ => unreachable!("a text or link inline was just ensured"),
        }
    }
}

/// Trims all Unicode whitespace from both ends of the line `line[start..]`.
fn trim_line(inlines: &mut Vec<Inline>, start: usize) {
    while let Some(first) = inlines.get_mut(start) {
        let text = inline_text_mut(first);
        let trimmed = text.trim_start();
        if trimmed.len() != text.len() {
            *text = trimmed.to_string();
        }
        if !text.is_empty() {
            break;
        }
        inlines.remove(start);
    }
    while inlines.len() > start {
        let last = inlines.last_mut().expect("non-empty line");
        let text = inline_text_mut(last);
        text.truncate(text.trim_end().len());
        if !text.is_empty() {
            break;
        }
        inlines.pop();
    }
}

fn inline_text_mut(inline: &mut Inline) -> &mut String {
    match inline {
        Inline::Text(text) | Inline::Link { text, .. } => text,
        Inline::LineBreak => unreachable!("line breaks are not inside a line"),
    }
}

/// The plain text of inline content: links as their text, line breaks as `\n`.
pub fn inlines_to_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(text) | Inline::Link { text, .. } => out.push_str(text),
            Inline::LineBreak => out.push('\n'),
        }
    }
    out
}

/// The plain text of a subtree, by the contract's text rules; `None` when empty.
pub fn text_of(node: NodeRef<'_, Node>) -> Option<String> {
    let mut builder = InlineBuilder::default();
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
    let text = inlines_to_text(&builder.finish());
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(parts: &[&str]) -> String {
        let mut builder = InlineBuilder::default();
        for part in parts {
            match *part {
                "<br>" => builder.line_break(),
                _ => builder.push_text(part, false),
            }
        }
        inlines_to_text(&builder.finish())
    }

    #[test]
    fn collapses_html_whitespace_and_trims_unicode_whitespace() {
        assert_eq!(build(&["  a \n\t b  "]), "a b");
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
        let mut builder = InlineBuilder::default();
        builder.push_text("see ", false);
        builder.start_link("https://x.example");
        builder.push_text(" here ", false);
        builder.end_link();
        builder.push_text(" now", false);
        let inlines = builder.finish();
        assert_eq!(inlines_to_text(&inlines), "see here now");
        assert!(matches!(&inlines[1], Inline::Link { text, .. } if text == "here"));
    }

    #[test]
    fn tracks_whether_all_text_is_strong() {
        let mut builder = InlineBuilder::default();
        builder.push_text(" ", false);
        builder.push_text("heading", true);
        assert!(builder.all_strong());
        builder.push_text("body", false);
        assert!(!builder.all_strong());
    }
}

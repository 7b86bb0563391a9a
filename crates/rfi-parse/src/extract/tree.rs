//! HTML tree building under a work budget that grows with the input, whatever its shape.

use std::borrow::Cow;
use std::cell::{Cell, Ref};

use ego_tree::NodeId;
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName};
use scraper::{Html, HtmlTreeSink};

/// Tree-building work allowed per byte of markup, in sink calls. Real articles use 0.1
/// a byte (median) to 3.3 (the most of 31,700 files in four whole months); the quadratic
/// shapes of the spec's algorithm (scope scans over a deep stack of open elements, the
/// adoption agency re-parenting) use thousands.
const WORK_PER_BYTE: u64 = 16;
/// Work allowed whatever the size, so that a short file is never simplified.
const BASE_WORK: u64 = 1 << 20;
/// Markup is fed to the tree builder in pieces of about this size. Where panics unwind,
/// the sink stops the builder at the call that passes the budget, so pieces can be
/// large; where they abort, the budget is checked after each piece.
#[cfg(panic = "unwind")]
const PIECE: usize = 64 * 1024;
#[cfg(not(panic = "unwind"))]
const PIECE: usize = 4 * 1024;

/// The document tree of `html`, and whether it was built from the markup as written.
///
/// html5ever follows the spec's tree-building algorithm, whose cost is quadratic on some
/// shapes (a stack of open elements tens of thousands deep that every start tag scans;
/// formatting elements that the adoption agency re-parents on every end tag). Rather
/// than list such shapes, the builder's work is counted: every call it makes into the
/// tree (each element it looks at in a scope scan, each node it creates, moves or
/// appends, each child it re-parents) is a unit. When the units pass [`WORK_PER_BYTE`]
/// per byte, the markup is built again as [`simplified`]: its text in flat paragraphs,
/// which tree building handles in linear time. Real articles stay far below the budget.
pub(crate) fn build(html: &str) -> (Html, bool) {
    let (document, as_written, _) = build_counted(html);
    (document, as_written)
}

/// [`build`], with the units of work spent in all.
fn build_counted(html: &str) -> (Html, bool, u64) {
    let budget = budget_for(html);
    let (built, work) = build_within(html, budget);
    match built {
        Some(document) => (document, true, work),
        None => {
            let (document, more) = build_within(&simplified(html), u64::MAX);
            (document.expect("no budget"), false, work + more)
        }
    }
}

fn budget_for(html: &str) -> u64 {
    BASE_WORK + WORK_PER_BYTE * html.len() as u64
}

/// The tree, or `None` when building it takes more than `budget` units; and the units
/// spent.
///
/// One tag can cost the tree builder millions of units (a paragraph start that checks
/// each of 200 formatting elements against a stack 100,000 deep), so the budget is
/// enforced inside the sink, at the call that passes it: the sink unwinds out of the
/// tree builder with [`std::panic::resume_unwind`] (which runs no panic hook, so nothing
/// is printed), and the partial tree is dropped. Where panics abort instead, the markup
/// is fed in pieces of [`PIECE`] bytes, and of one byte once half the budget is spent,
/// so that the work past the budget is at most one tag's.
fn build_within(html: &str, budget: u64) -> (Option<Html>, u64) {
    let work = Cell::new(0u64);
    let sink = CountingSink {
        inner: HtmlTreeSink::new(Html::new_document()),
        work: &work,
        budget,
    };
    let feed = || {
        let mut parser = html5ever::parse_document(sink, Default::default());
        let mut rest = html;
        while !rest.is_empty() {
            let piece = if work.get() > budget / 2 { 1 } else { PIECE };
            let mut end = rest.len().min(piece);
            while !rest.is_char_boundary(end) {
                end += 1;
            }
            parser.process(StrTendril::from_slice(&rest[..end]));
            rest = &rest[end..];
            if work.get() > budget {
                return None;
            }
        }
        Some(parser.finish())
    };
    let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(feed));
    let spent = work.get();
    match built {
        Ok(document) => (document.filter(|_| spent <= budget), spent),
        Err(payload) if payload.is::<OverBudget>() => (None, spent),
        // Any other panic is a bug, and stays one.
        Err(payload) => std::panic::resume_unwind(payload),
    }
}

/// What the sink unwinds with when the tree builder passes its budget.
struct OverBudget;

/// The units of work that building the tree of an article body costs in all, after the
/// pre-pass as in parsing (a simplified second reading included), and the budget it had;
/// for tests and benchmarks.
#[doc(hidden)]
pub fn tree_building_work(body: &str) -> (u64, u64) {
    let html = super::prepass::prepare(body);
    let (_, _, work) = build_counted(&html);
    (work, budget_for(&html))
}

/// The markup reduced to what tree building does in linear time: text, a `<p>` where
/// any element other than an inline one starts or ends (so blocks stay apart), `<br>`,
/// and `<img>` tags as written. Comments and the content of raw-text elements
/// (`script`, `style`…) are left out, as a browser shows none of them.
///
/// With no element left open but `<p>`, every scope scan stops at once.
pub(crate) fn simplified(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut flat = String::with_capacity(html.len() / 2 + 16);
    let mut at = 0;
    let mut text_from = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        let rest = &bytes[start + 1..];
        let end = match rest.first() {
            Some(b'!') if rest.starts_with(b"!--") => {
                memchr::memmem::find(&rest[3..], b"-->").map_or(bytes.len(), |e| start + 4 + e + 3)
            }
            Some(b'!' | b'?') => memchr::memchr(b'>', rest).map_or(bytes.len(), |e| start + 2 + e),
            Some(c) if c.is_ascii_alphabetic() || *c == b'/' => {
                memchr::memchr(b'>', rest).map_or(bytes.len(), |e| start + 2 + e)
            }
            _ => {
                // A `<` that opens no tag is text.
                at = start + 1;
                continue;
            }
        };
        flat.push_str(&html[text_from..start]);
        let tag = &html[start..end];
        let closing = tag.as_bytes().get(1) == Some(&b'/');
        let name_start = if closing { 2 } else { 1 };
        let name: String = tag[name_start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        at = end;
        match name.as_str() {
            _ if tag.starts_with("<!") || tag.starts_with("<?") => {}
            "script" | "style" | "template" | "textarea" | "title" | "xmp" | "noembed"
            | "noframes" | "noscript" | "iframe" | "svg" | "math"
                if !closing =>
            {
                // Skip to the element's end tag: its content is no article text.
                let close = format!("</{name}");
                let after = &bytes[end..];
                at = find_ignoring_case(after, close.as_bytes()).map_or(bytes.len(), |e| {
                    let from = end + e;
                    memchr::memchr(b'>', &bytes[from..]).map_or(bytes.len(), |g| from + g + 1)
                });
            }
            "img" if !closing => flat.push_str(tag),
            "br" => flat.push_str("<br>"),
            "a" | "abbr" | "b" | "bdi" | "bdo" | "cite" | "code" | "data" | "dfn" | "em"
            | "font" | "i" | "kbd" | "mark" | "q" | "s" | "samp" | "small" | "span" | "strike"
            | "strong" | "sub" | "sup" | "time" | "tt" | "u" | "var" | "wbr" | "nobr" | "big"
            | "ins" | "del" => {}
            _ => flat.push_str("<p>"),
        }
        text_from = at;
    }
    flat.push_str(&html[text_from.min(html.len())..]);
    flat
}

/// The first place `needle` (ASCII) occurs in `haystack`, ASCII case-insensitively.
fn find_ignoring_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(offset) = memchr::memchr(b'<', &haystack[from..]) {
        let at = from + offset;
        if haystack.len() >= at + needle.len()
            && haystack[at..at + needle.len()].eq_ignore_ascii_case(needle)
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// scraper's tree sink, with every call the tree builder makes counted as work.
struct CountingSink<'a> {
    inner: HtmlTreeSink,
    work: &'a Cell<u64>,
    budget: u64,
}

impl CountingSink<'_> {
    fn count(&self, units: u64) {
        let work = self.work.get() + units;
        self.work.set(work);
        #[cfg(panic = "unwind")]
        if work > self.budget {
            std::panic::resume_unwind(Box::new(OverBudget));
        }
    }
}

impl TreeSink for CountingSink<'_> {
    type Output = Html;
    type Handle = NodeId;
    type ElemName<'a>
        = Ref<'a, QualName>
    where
        Self: 'a;

    fn finish(self) -> Html {
        self.inner.finish()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {
        self.count(1);
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode);
    }

    fn get_document(&self) -> NodeId {
        self.inner.get_document()
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        self.count(1);
        x == y
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        self.count(1);
        self.inner.elem_name(target)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        self.count(1 + attrs.len() as u64);
        self.inner.create_element(name, attrs, flags)
    }

    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.count(1);
        self.inner.create_comment(text)
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.count(1);
        self.inner.create_pi(target, data)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        self.count(1);
        self.inner.append(parent, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        self.count(1);
        self.inner
            .append_based_on_parent_node(element, prev_element, child);
    }

    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.inner
            .append_doctype_to_document(name, public_id, system_id);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.inner.get_template_contents(target)
    }

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        self.count(1);
        self.inner.append_before_sibling(sibling, new_node);
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        self.count(1 + attrs.len() as u64);
        self.inner.add_attrs_if_missing(target, attrs);
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.count(1);
        self.inner.remove_from_parent(target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        // Moving children touches each of them.
        let children = self
            .inner
            .0
            .borrow()
            .tree
            .get(*node)
            .map_or(0, |n| n.children().count() as u64);
        self.count(1 + children);
        self.inner.reparent_children(node, new_parent);
    }
}

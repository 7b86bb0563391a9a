//! Tags whose first attribute was glued onto the tag name when line breaks were removed.

/// Every element name of the HTML standard's index (obsolete ones included), sorted by
/// length, longest first, so that the longest name a glued word begins with is found
/// first.
const ELEMENTS: &[&str] = &[
    "selectedcontent",
    "blockquote",
    "figcaption",
    "fieldset",
    "frameset",
    "noframes",
    "optgroup",
    "progress",
    "textarea",
    "colgroup",
    "datalist",
    "template",
    "basefont",
    "multicol",
    "noscript",
    "plaintext",
    "acronym",
    "address",
    "article",
    "bgsound",
    "caption",
    "details",
    "listing",
    "marquee",
    "picture",
    "summary",
    "isindex",
    "noembed",
    "applet",
    "button",
    "canvas",
    "center",
    "dialog",
    "figure",
    "footer",
    "header",
    "hgroup",
    "iframe",
    "keygen",
    "legend",
    "object",
    "option",
    "output",
    "script",
    "search",
    "select",
    "source",
    "spacer",
    "strike",
    "strong",
    "nextid",
    "aside",
    "audio",
    "embed",
    "frame",
    "image",
    "input",
    "label",
    "meter",
    "param",
    "small",
    "style",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "title",
    "track",
    "video",
    "abbr",
    "area",
    "base",
    "blink",
    "body",
    "cite",
    "code",
    "data",
    "font",
    "form",
    "head",
    "html",
    "link",
    "main",
    "mark",
    "math",
    "menu",
    "meta",
    "nobr",
    "ruby",
    "samp",
    "slot",
    "span",
    "time",
    "bdi",
    "bdo",
    "big",
    "col",
    "del",
    "dfn",
    "dir",
    "div",
    "img",
    "ins",
    "kbd",
    "map",
    "nav",
    "pre",
    "rtc",
    "sub",
    "sup",
    "svg",
    "var",
    "wbr",
    "xmp",
    "br",
    "dd",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "rb",
    "rp",
    "rt",
    "td",
    "th",
    "tr",
    "tt",
    "ul",
    "a",
    "b",
    "i",
    "p",
    "q",
    "s",
    "u",
];

/// Every attribute name of the HTML standard's index (global, element-specific and
/// obsolete presentational ones), for telling which split of a glued word is meant.
const ATTRIBUTES: &[&str] = &[
    "abbr",
    "accept",
    "accept-charset",
    "accesskey",
    "action",
    "align",
    "alink",
    "allow",
    "allowfullscreen",
    "alt",
    "archive",
    "as",
    "async",
    "autocapitalize",
    "autocomplete",
    "autocorrect",
    "autofocus",
    "autoplay",
    "axis",
    "background",
    "bgcolor",
    "blocking",
    "border",
    "cellpadding",
    "cellspacing",
    "char",
    "charoff",
    "charset",
    "checked",
    "cite",
    "class",
    "classid",
    "clear",
    "closedby",
    "code",
    "codebase",
    "codetype",
    "color",
    "cols",
    "colspan",
    "command",
    "commandfor",
    "compact",
    "content",
    "contenteditable",
    "controls",
    "coords",
    "crossorigin",
    "data",
    "datetime",
    "declare",
    "decoding",
    "default",
    "defer",
    "dir",
    "dirname",
    "disabled",
    "download",
    "draggable",
    "enctype",
    "enterkeyhint",
    "face",
    "fetchpriority",
    "for",
    "form",
    "formaction",
    "formenctype",
    "formmethod",
    "formnovalidate",
    "formtarget",
    "frame",
    "frameborder",
    "headers",
    "height",
    "hidden",
    "high",
    "href",
    "hreflang",
    "hspace",
    "http-equiv",
    "id",
    "imagesizes",
    "imagesrcset",
    "inert",
    "inputmode",
    "integrity",
    "is",
    "ismap",
    "itemid",
    "itemprop",
    "itemref",
    "itemscope",
    "itemtype",
    "kind",
    "label",
    "lang",
    "language",
    "link",
    "list",
    "loading",
    "longdesc",
    "loop",
    "low",
    "marginheight",
    "marginwidth",
    "max",
    "maxlength",
    "media",
    "method",
    "min",
    "minlength",
    "multiple",
    "muted",
    "name",
    "nohref",
    "nomodule",
    "nonce",
    "noresize",
    "noshade",
    "novalidate",
    "nowrap",
    "open",
    "optimum",
    "pattern",
    "ping",
    "placeholder",
    "playsinline",
    "popover",
    "popovertarget",
    "popovertargetaction",
    "poster",
    "preload",
    "readonly",
    "referrerpolicy",
    "rel",
    "required",
    "rev",
    "reversed",
    "rows",
    "rowspan",
    "rules",
    "sandbox",
    "scope",
    "scrolling",
    "selected",
    "shadowrootclonable",
    "shadowrootcustomelementregistry",
    "shadowrootdelegatesfocus",
    "shadowrootmode",
    "shadowrootserializable",
    "shape",
    "size",
    "sizes",
    "slot",
    "span",
    "spellcheck",
    "src",
    "srcdoc",
    "srclang",
    "srcset",
    "start",
    "step",
    "style",
    "summary",
    "tabindex",
    "target",
    "text",
    "title",
    "translate",
    "type",
    "usemap",
    "valign",
    "value",
    "valuetype",
    "version",
    "vlink",
    "vspace",
    "width",
    "wrap",
    "writingsuggestions",
    "xmlns",
];

/// Where the tag name starting at `name` ends when its first attribute was glued onto
/// it (`imgsrc="…"` → 3, `imgfetchpriority="low"` → 3), if it was.
///
/// Without the split an HTML parser sees an element named `imgsrc="data:…` and the image
/// is lost. The rule is general, not a list of seen pairs: a word of letters, digits and
/// `-` up to an `=`, that is no element name itself but begins with one and goes on with
/// a letter, is split after that element name. Of several element names it begins with
/// (`spanlang`: `s`, `span`), the one whose remainder is an attribute of the standard
/// (`data-*`, `aria-*` and `on*` included) is taken, else the longest when what follows
/// it is letters only.
pub(crate) fn glued_split(name: &[u8]) -> Option<usize> {
    let len = name
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
        .count();
    if name.get(len) != Some(&b'=') || len > 64 {
        return None;
    }
    let mut lower = [0u8; 64];
    for (to, from) in lower.iter_mut().zip(&name[..len]) {
        *to = from.to_ascii_lowercase();
    }
    let word = std::str::from_utf8(&lower[..len]).ok()?;
    if ELEMENTS.contains(&word) {
        return None;
    }
    element_split(word).or_else(|| custom_element_split(word))
}

/// [`glued_split`] for a word that begins with an element name of the standard.
fn element_split(word: &str) -> Option<usize> {
    let mut splits = ELEMENTS.iter().filter_map(|element| {
        let rest = word.strip_prefix(element)?;
        rest.starts_with(|c: char| c.is_ascii_alphabetic())
            .then_some((element.len(), rest))
    });
    let longest = splits.next()?;
    let is_attribute = |rest: &str| {
        ATTRIBUTES.contains(&rest)
            || rest.starts_with("data-")
            || rest.starts_with("aria-")
            || (rest.starts_with("on") && rest.len() > 2)
    };
    if is_attribute(longest.1) {
        return Some(longest.0);
    }
    match splits.find(|(_, rest)| is_attribute(rest)) {
        Some((at, _)) => Some(at),
        // An attribute the standard does not name: only letters, so that a custom
        // element's name (`img-x`) is never cut.
        None => longest
            .1
            .bytes()
            .all(|b| b.is_ascii_alphabetic())
            .then_some(longest.0),
    }
}

/// [`glued_split`] for a custom element (`youtube-playertype="em"`, RFI's video player):
/// its name (a letter first, a `-` inside, none last) followed by an attribute of the
/// standard; of several, the longest attribute. A custom element's name alone is never
/// followed by `=`, so such a word was glued.
fn custom_element_split(word: &str) -> Option<usize> {
    let is_custom_element = |name: &str| {
        name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.contains('-')
            && !name.ends_with('-')
    };
    (1..word.len()).find(|&at| {
        let (name, rest) = word.split_at(at);
        is_custom_element(name) && ATTRIBUTES.contains(&rest)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_an_element_name_from_the_glued_attribute() {
        assert_eq!(glued_split(br#"imgsrc="data:x""#), Some(3));
        assert_eq!(glued_split(br#"imgfetchpriority="low""#), Some(3));
        assert_eq!(glued_split(br#"sourcetype="image/webp""#), Some(6));
        assert_eq!(glued_split(b"IMGSRC=x"), Some(3));
        assert_eq!(glued_split(b"adata-x=1"), Some(1));
        assert_eq!(glued_split(b"spanlang=zh"), Some(4));
        assert_eq!(glued_split(b"bdecoding=x"), Some(1));
        // An attribute nobody listed still splits, at the longest element name.
        assert_eq!(glued_split(b"divxyzzy=1"), Some(3));
        // A custom element (RFI's `<youtube-playertype="em"video-type=…source=…>`).
        assert_eq!(glued_split(br#"youtube-playertype="em""#), Some(14));
        assert_eq!(glued_split(b"amp-imgsrc=x"), Some(7));
        assert_eq!(glued_split(b"x-ywidth=1"), Some(3));
    }

    #[test]
    fn leaves_other_words_whole() {
        for word in [
            &b"img src=x"[..],
            b"img=x",
            b"center=1",
            b"y=3",
            b"imgsrc",
            b"img-x=1",
            // A custom element with no attribute of the standard at its end.
            b"my-widget=1",
            b"x-=1",
            b"h1=2",
            b"",
        ] {
            assert_eq!(glued_split(word), None, "{}", String::from_utf8_lossy(word));
        }
    }

    #[test]
    fn every_element_and_attribute_pair_splits_where_they_meet() {
        // Generated pairs: each element with each attribute, in both cases.
        let mut checked = 0;
        for element in ELEMENTS {
            for attribute in ATTRIBUTES {
                let word = format!("{element}{attribute}");
                if ELEMENTS.contains(&word.as_str()) {
                    continue;
                }
                // A longer element name may itself begin the word and leave an
                // attribute (`b` + `ase…` is `base` + …): either split reads a real tag.
                let glued = format!("{word}=\"v\"");
                let at = glued_split(glued.as_bytes()).unwrap_or_else(|| panic!("{glued}"));
                let (name, rest) = word.split_at(at);
                assert!(ELEMENTS.contains(&name), "{glued}: {name}");
                assert!(
                    ATTRIBUTES.contains(&rest) || rest.starts_with("on"),
                    "{glued}: {rest}"
                );
                assert_eq!(glued_split(glued.to_uppercase().as_bytes()), Some(at));
                checked += 1;
            }
        }
        assert!(checked > 20_000, "{checked}");
    }
}

//! Repairs tags whose first attribute was glued onto the tag name when line breaks were removed.

use std::borrow::Cow;

/// Tag names that real archives show glued to an attribute (`<imgsrc=`, `<sourcetype=`).
const TAGS: &[&str] = &[
    "iframe", "source", "figure", "picture", "video", "audio", "track", "embed", "time", "span",
    "div", "img", "a", "p",
];

/// Attribute names that may follow a glued tag name.
const ATTRIBUTES: &[&str] = &[
    "src",
    "srcset",
    "sizes",
    "type",
    "alt",
    "class",
    "style",
    "href",
    "title",
    "width",
    "height",
    "loading",
    "id",
    "lang",
    "datetime",
    "media",
    "allow",
    "allowfullscreen",
    "frameborder",
    "rel",
    "target",
    "poster",
];

/// Splits `<imgsrc="…"` into `<img src="…"`; leaves every other tag as it is.
///
/// Without this an HTML parser sees an element named `imgsrc="data:…` and the image is lost.
/// Borrowed input is returned when there is nothing to repair, the usual case.
pub(crate) fn repair_glued_attributes(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut repaired = String::new();
    let mut copied = 0;
    let mut splits = 0;
    // The memchr crate's iterator keeps its search state between the dense, short hops
    // from tag to tag, where a fresh `memchr` per tag costs more than the scan.
    for at in memchr::memchr_iter(b'<', bytes) {
        let name_start = at + 1;
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        let name_end = name_start + name_len;
        if name_len == 0 || bytes.get(name_end) != Some(&b'=') {
            continue;
        }
        let Some(split) = glued_split(&html[name_start..name_end]) else {
            continue;
        };
        if splits == 0 {
            repaired.reserve(html.len() + 64);
        }
        splits += 1;
        repaired.push_str(&html[copied..name_start + split]);
        repaired.push(' ');
        copied = name_start + split;
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    repaired.push_str(&html[copied..]);
    Cow::Owned(repaired)
}

/// Where a glued `tagattribute` word splits, if it is one.
fn glued_split(word: &str) -> Option<usize> {
    if TAGS.contains(&word) || word.len() > 40 {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    TAGS.iter().find_map(|tag| {
        let attribute = lower.strip_prefix(tag)?;
        let known = ATTRIBUTES.contains(&attribute)
            || attribute.starts_with("data-")
            || attribute.starts_with("aria-");
        known.then_some(tag.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_glued_tag_names() {
        assert_eq!(
            repair_glued_attributes(
                r#"<imgsrc="data:x" alt="a" srcset="https://i/1.JPG"sizes=""/>"#
            ),
            r#"<img src="data:x" alt="a" srcset="https://i/1.JPG"sizes=""/>"#
        );
        assert_eq!(
            repair_glued_attributes(r#"<sourcetype="image/webp"srcset="s">"#),
            r#"<source type="image/webp"srcset="s">"#
        );
        assert_eq!(repair_glued_attributes("<IMGSRC=x>"), "<IMG SRC=x>");
        assert_eq!(repair_glued_attributes("<adata-x=1>"), "<a data-x=1>");
    }

    #[test]
    fn leaves_sound_html_borrowed() {
        for html in [
            "<img src=x>",
            "a <b> c",
            "x<y=3",
            "<spanner=1>",
            "<",
            "<img",
        ] {
            assert!(
                matches!(repair_glued_attributes(html), Cow::Borrowed(_)),
                "{html}"
            );
        }
    }
}

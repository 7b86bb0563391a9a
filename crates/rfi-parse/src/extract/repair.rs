//! Tags whose first attribute was glued onto the tag name when line breaks were removed.

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

/// Where the tag name starting at `name` ends when its first attribute was glued onto
/// it (`imgsrc="…"` → 3), if it was.
///
/// Without the split an HTML parser sees an element named `imgsrc="data:…` and the image
/// is lost. The word must be letters, digits and `-` up to an `=`, and split into a known
/// tag and a known attribute.
pub(crate) fn glued_split(name: &[u8]) -> Option<usize> {
    let len = name
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
        .count();
    if name.get(len) != Some(&b'=') || len > 40 {
        return None;
    }
    let mut lower = [0u8; 40];
    for (to, from) in lower.iter_mut().zip(&name[..len]) {
        *to = from.to_ascii_lowercase();
    }
    let word = std::str::from_utf8(&lower[..len]).ok()?;
    if TAGS.contains(&word) {
        return None;
    }
    TAGS.iter().find_map(|tag| {
        let attribute = word.strip_prefix(tag)?;
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
    fn splits_known_tags_from_known_attributes() {
        assert_eq!(glued_split(br#"imgsrc="data:x""#), Some(3));
        assert_eq!(glued_split(br#"sourcetype="image/webp""#), Some(6));
        assert_eq!(glued_split(b"IMGSRC=x"), Some(3));
        assert_eq!(glued_split(b"adata-x=1"), Some(1));
    }

    #[test]
    fn leaves_other_words_whole() {
        for word in [
            &b"img src=x"[..],
            b"img=x",
            b"spanner=1",
            b"y=3",
            b"imgsrc",
            b"",
        ] {
            assert_eq!(glued_split(word), None, "{}", String::from_utf8_lossy(word));
        }
    }
}

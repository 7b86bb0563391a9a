//! Paths as messages and `source` fields show them: controls and bytes that are not UTF-8 escaped.

use std::path::Path;

/// A path as messages and `source` fields show it: control characters, the bidirectional
/// formatting characters (U+202E would show the rest of a line reversed) and bytes that
/// are not UTF-8 escaped (`\n`, `\u{1b}`, `\u{202e}`, `\xe9`), as `ls -b` does, so that a
/// file name can neither forge an error line nor reach a terminal raw.
pub fn display_path(path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    // The usual name: UTF-8 without a control character (C0, DEL, or C1, which UTF-8
    // writes as 0xC2 0x80–0x9F), shown as it is.
    // The bidirectional controls are U+061C (0xD8 0x9C) and in U+200E to U+2069
    // (0xE2 0x80 or 0x81 …): a name with such a pair takes the slow path.
    let has_control = bytes.iter().any(|&b| b < 0x20 || b == 0x7f)
        || bytes.windows(2).any(|pair| {
            (pair[0] == 0xc2 && (0x80..0xa0).contains(&pair[1]))
                || (pair[0] == 0xe2 && matches!(pair[1], 0x80 | 0x81))
                || pair == [0xd8, 0x9c]
        });
    if !has_control && let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    let mut shown = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\n' => shown.push_str("\\n"),
                '\t' => shown.push_str("\\t"),
                '\r' => shown.push_str("\\r"),
                c if c.is_control() || is_bidi_control(c) => {
                    let _ = std::fmt::Write::write_fmt(
                        &mut shown,
                        format_args!("\\u{{{:x}}}", c as u32),
                    );
                }
                c => shown.push(c),
            }
        }
        for byte in chunk.invalid() {
            let _ = std::fmt::Write::write_fmt(&mut shown, format_args!("\\x{byte:02x}"));
        }
    }
    shown
}

/// The characters that change the direction text is shown in (Unicode's
/// `Bidi_Control`): the marks, embeddings, overrides and isolates.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn names_are_escaped_for_display() {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"z\nforged\x1b[31m caf\xe9.txt");
        assert_eq!(
            display_path(Path::new(name)),
            "z\\nforged\\u{1b}[31m caf\\xe9.txt"
        );
        assert_eq!(display_path(Path::new("新闻/a.txt")), "新闻/a.txt");
        // C1 controls and DEL are escaped too; a character after 0xC2 that is none stays.
        assert_eq!(
            display_path(Path::new("a\u{85}b\u{7f}")),
            "a\\u{85}b\\u{7f}"
        );
        assert_eq!(display_path(Path::new("¡a\u{a0}")), "¡a\u{a0}");
        // A right-to-left override would show `txt.exe` as `exe.txt`.
        assert_eq!(
            display_path(Path::new("a\u{202e}txt.exe\u{2066}\u{61c}—")),
            "a\\u{202e}txt.exe\\u{2066}\\u{61c}—"
        );
    }
}

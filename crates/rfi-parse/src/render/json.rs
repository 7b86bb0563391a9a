//! JSON: one pretty object, or one compact line per article (JSON Lines).

use std::fmt;
use std::io::Write as _;

use serde::Serialize;
use serde::ser::{self, Impossible};

use crate::article::Article;

pub(crate) fn render_pretty(article: &Article, source: Option<&str>, out: &mut Vec<u8>) {
    write(article, source, out, true);
    out.push(b'\n');
}

pub(crate) fn render_line(article: &Article, source: Option<&str>, out: &mut Vec<u8>) {
    write(article, source, out, false);
    out.push(b'\n');
}

// The JSON is written by a small serde serializer for the shapes the model has (structs, sequences,
// strings, integers, options, unit variants, and maps with string keys, as serde writes a
// struct with a flattened field: the article, whose `blocks` are written as three arrays;
// any other shape is an error the tests would show at once), byte for byte what `serde_json` writes, with one difference in how:
// strings are scanned for bytes to escape eight at a time. Article text is nearly all
// plain (Chinese is three bytes a character), and `serde_json`'s byte-by-byte table
// lookup was the largest single cost of JSON Lines output after parsing itself (README,
// Performance).
fn write(article: &Article, source: Option<&str>, out: &mut Vec<u8>, pretty: bool) {
    let mut json = Json {
        out,
        pretty,
        depth: 0,
        has_value: false,
        source,
    };
    article
        .serialize(&mut json)
        .expect("an Article holds only the shapes the JSON writer supports");
}

/// Appends `text` as a JSON string: quoted, with `"`, `\` and the C0 controls escaped as
/// `serde_json` escapes them (`\n`, `\t`…, others as `\u00XX`).
pub(crate) fn write_str(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // Article text holds no control but line feeds: the three bytes it may need escaped
    // are found by memchr, many bytes a step; other text by the word test.
    if has_controls_but_line_feeds(bytes) {
        let mut from = 0;
        let words = std::iter::from_fn(|| {
            let at = next_to_escape(bytes, from)?;
            from = at + 1;
            Some(at)
        });
        write_escaped(out, bytes, words);
    } else {
        write_escaped(out, bytes, memchr::memchr3_iter(b'"', b'\\', b'\n', bytes));
    }
    out.push(b'"');
}

/// Appends `bytes` with the bytes at `to_escape` (in order) escaped.
fn write_escaped(out: &mut Vec<u8>, bytes: &[u8], to_escape: impl Iterator<Item = usize>) {
    let mut plain = 0;
    for at in to_escape {
        out.extend_from_slice(&bytes[plain..at]);
        escape_into(out, bytes[at]);
        plain = at + 1;
    }
    out.extend_from_slice(&bytes[plain..]);
}

/// Appends the JSON escape of `byte`, a byte JSON escapes.
fn escape_into(out: &mut Vec<u8>, byte: u8) {
    match byte {
        b'"' => out.extend_from_slice(b"\\\""),
        b'\\' => out.extend_from_slice(b"\\\\"),
        b'\n' => out.extend_from_slice(b"\\n"),
        b'\t' => out.extend_from_slice(b"\\t"),
        b'\r' => out.extend_from_slice(b"\\r"),
        0x08 => out.extend_from_slice(b"\\b"),
        0x0c => out.extend_from_slice(b"\\f"),
        _ => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(byte >> 4)]);
            out.push(HEX[usize::from(byte & 0xf)]);
        }
    }
}

/// Whether `bytes` holds a C0 control other than the line feed. Read in blocks whose
/// bytes are all looked at (no early exit inside one), which the compiler turns into
/// wide compares.
fn has_controls_but_line_feeds(bytes: &[u8]) -> bool {
    bytes.chunks(64).any(|block| {
        block
            .iter()
            .fold(false, |found, &b| found | ((b < 0x20) & (b != b'\n')))
    })
}

/// The position of the first byte at or after `from` that JSON escapes.
fn next_to_escape(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    // Eight plain bytes at a time; the word holding a byte to escape, and the last few
    // bytes, are read bytewise.
    let word_at = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight"));
    for word in bytes[from..].chunks_exact(8) {
        if needs_escape(u64::from_le_bytes(word.try_into().expect("eight bytes"))) {
            break;
        }
        at += 8;
    }
    // The last few bytes: the word that ends the text, read over bytes already passed,
    // clears them at once when it holds nothing to escape.
    if at + 8 > bytes.len()
        && at < bytes.len()
        && bytes.len() >= 8
        && !needs_escape(word_at(bytes.len() - 8))
    {
        return None;
    }
    bytes[at..]
        .iter()
        .position(|&b| b < 0x20 || b == b'"' || b == b'\\')
        .map(|offset| at + offset)
}

/// Whether any of the eight bytes of `word` is `"`, `\` or below 0x20 (exact, by the
/// classic "has a zero byte" bit trick: no false negatives, and a false positive only
/// costs a bytewise look).
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    below_space
        | has_zero(word ^ (ONES * u64::from(b'"')))
        | has_zero(word ^ (ONES * u64::from(b'\\')))
        != 0
}

/// The serializer: `serde_json`'s compact or pretty layout (two-space indent, `"key": `).
struct Json<'a> {
    out: &'a mut Vec<u8>,
    pretty: bool,
    depth: usize,
    /// Whether the innermost open object or array has a member (as `serde_json`'s pretty
    /// formatter tracks it, one flag for all levels).
    has_value: bool,
    /// The `source` member that opens the article's object, written at its start.
    source: Option<&'a str>,
}

impl Json<'_> {
    fn open(&mut self, bracket: u8) {
        self.depth += 1;
        self.has_value = false;
        self.out.push(bracket);
    }

    fn close(&mut self, bracket: u8) {
        self.depth -= 1;
        if self.pretty && self.has_value {
            self.newline();
        }
        self.out.push(bracket);
    }

    /// Starts a member: the separator, and in pretty output a new indented line.
    fn member(&mut self, first: bool) {
        if !first {
            self.out.push(b',');
        }
        if self.pretty {
            self.newline();
        }
    }

    fn newline(&mut self) {
        self.out.push(b'\n');
        for _ in 0..self.depth {
            self.out.extend_from_slice(b"  ");
        }
    }

    fn integer(&mut self, value: impl fmt::Display) -> Result<(), Error> {
        write!(self.out, "{value}").expect("writing to a Vec never fails");
        Ok(())
    }
}

/// A shape the JSON writer does not write (the model has none).
#[derive(Debug)]
pub(crate) struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

fn unsupported<T>(shape: &str) -> Result<T, Error> {
    Err(Error(format!("the JSON writer does not write {shape}")))
}

impl<'a, 'o> ser::Serializer for &'a mut Json<'o> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, 'o>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Compound<'a, 'o>;
    type SerializeStruct = Compound<'a, 'o>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_bool(self, value: bool) -> Result<(), Error> {
        self.out
            .extend_from_slice(if value { b"true" } else { b"false" });
        Ok(())
    }

    fn serialize_i8(self, value: i8) -> Result<(), Error> {
        self.integer(value)
    }

    fn serialize_i16(self, value: i16) -> Result<(), Error> {
        self.integer(value)
    }

    fn serialize_i32(self, value: i32) -> Result<(), Error> {
        self.integer(value)
    }

    fn serialize_i64(self, value: i64) -> Result<(), Error> {
        self.integer(value)
    }

    fn serialize_u8(self, value: u8) -> Result<(), Error> {
        self.integer(value)
    }

    fn serialize_u16(self, value: u16) -> Result<(), Error> {
        self.integer(value)
    }

    fn serialize_u32(self, value: u32) -> Result<(), Error> {
        self.integer(value)
    }

    fn serialize_u64(self, value: u64) -> Result<(), Error> {
        self.integer(value)
    }

    fn serialize_f32(self, _: f32) -> Result<(), Error> {
        unsupported("floating-point numbers")
    }

    fn serialize_f64(self, _: f64) -> Result<(), Error> {
        unsupported("floating-point numbers")
    }

    fn serialize_char(self, value: char) -> Result<(), Error> {
        write_str(self.out, value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, value: &str) -> Result<(), Error> {
        write_str(self.out, value);
        Ok(())
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        unsupported("byte strings")
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        unsupported("enum variants with data")
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a, 'o>, Error> {
        self.open(b'[');
        Ok(Compound {
            json: self,
            first: true,
        })
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        unsupported("tuples")
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        unsupported("tuples")
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        unsupported("enum variants with data")
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a, 'o>, Error> {
        self.serialize_struct("", 0)
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a, 'o>, Error> {
        self.open(b'{');
        let source = self.source.take();
        let mut object = Compound {
            json: self,
            first: true,
        };
        if let Some(source) = source {
            ser::SerializeStruct::serialize_field(&mut object, "source", source)?;
        }
        Ok(object)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        unsupported("enum variants with data")
    }
}

/// An open array or object.
struct Compound<'a, 'o> {
    json: &'a mut Json<'o>,
    first: bool,
}

impl Compound<'_, '_> {
    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.json.member(std::mem::take(&mut self.first));
        value.serialize(&mut *self.json)?;
        self.json.has_value = true;
        Ok(())
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }

    fn end(self) -> Result<(), Error> {
        self.json.close(b']');
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.json.member(std::mem::take(&mut self.first));
        // Field names are the model's own identifiers: nothing in them to escape.
        debug_assert!(!key.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\'));
        let out = &mut *self.json.out;
        out.push(b'"');
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(if self.json.pretty { b"\": " } else { b"\":" });
        value.serialize(&mut *self.json)?;
        self.json.has_value = true;
        Ok(())
    }

    fn end(self) -> Result<(), Error> {
        self.json.close(b'}');
        Ok(())
    }
}

/// An object written as a map: serde's form of a struct with a flattened field.
impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        self.json.member(std::mem::take(&mut self.first));
        let at = self.json.out.len();
        key.serialize(&mut *self.json)?;
        // A key is a string (a field's name) or the object would not be JSON.
        if self.json.out.get(at) != Some(&b'"') {
            return unsupported("map keys other than strings");
        }
        Ok(())
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        let json = &mut *self.json;
        json.out
            .extend_from_slice(if json.pretty { b": " } else { b":" });
        value.serialize(&mut *json)?;
        json.has_value = true;
        Ok(())
    }

    fn end(self) -> Result<(), Error> {
        self.json.close(b'}');
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> String {
        let mut out = Vec::new();
        write_str(&mut out, text);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let every_ascii: String = (0u8..0x80).map(char::from).collect();
        for text in [
            "",
            "plain",
            "exactly8",
            "中文標點「」，。",
            "quote \" and \\ back",
            "\"\"\"\"\"\"\"\"\"",
            "line\nbreak\ttab\r\u{8}\u{c}\u{0}\u{1f}\u{7f}",
            "twelve bytes\u{1}",
            every_ascii.as_str(),
        ] {
            assert_eq!(
                quoted(text),
                serde_json::to_string(text).unwrap(),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        /// Both searches (memchr for text without other controls, the word test for the
        /// rest) write what `serde_json` writes, for text of any shape.
        #[test]
        fn any_text_is_escaped_as_serde_json_escapes_it(
            text in "[\\x00-\\x7f\"\\\\\\n中文é]{0,80}"
        ) {
            proptest::prop_assert_eq!(quoted(&text), serde_json::to_string(&text).unwrap());
        }
    }

    #[test]
    fn the_word_test_finds_every_byte_to_escape_in_any_position() {
        for special in (0u8..0x20).chain([b'"', b'\\']) {
            for position in 0..8 {
                let mut word = *b"abcdefgh";
                word[position] = special;
                assert!(
                    needs_escape(u64::from_le_bytes(word)),
                    "{special} at {position}"
                );
            }
        }
        for plain in (0x20u8..=0xff).filter(|b| *b != b'"' && *b != b'\\') {
            assert!(!needs_escape(u64::from_le_bytes([plain; 8])), "{plain}");
        }
    }
}

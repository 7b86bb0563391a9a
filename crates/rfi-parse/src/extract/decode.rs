//! Text from bytes: UTF-8, a byte-order mark, or the CJK encodings archives were saved in.

use std::borrow::Cow;

use encoding_rs::Encoding;

use super::script::{is_han, is_hangul, is_kana};
use crate::error::{ParseError, ParseErrorKind};

/// Decoded text and the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Decoded<'a> {
    /// The text, borrowed from the input when it was UTF-8 already.
    pub text: Cow<'a, str>,
    /// The encoding's WHATWG name (`UTF-8`, `GB18030`, `Big5`…).
    pub encoding: &'static str,
}

/// Encodings that detection may choose: the ones Chinese, Japanese and Korean feed
/// archives were saved in. A guess outside this set (windows-1252 for stray bytes, say)
/// is more likely damage than an encoding: the file is reported as undecodable.
const DETECTABLE: &[&Encoding] = &[
    encoding_rs::GBK,
    encoding_rs::GB18030,
    encoding_rs::BIG5,
    encoding_rs::EUC_JP,
    encoding_rs::SHIFT_JIS,
    encoding_rs::EUC_KR,
];

/// The fewest bytes beyond ASCII from which an encoding is detected. Measured on news
/// words encoded in GBK, Big5, EUC-JP and EUC-KR (200 samples each): 2 characters
/// (4 bytes) were read right 60 to 86% of the time, 3 characters 92 to 98%, 8 characters
/// (16 bytes) every time.
const MIN_DETECTION_BYTES: usize = 16;

/// The share of a text's letters beyond ASCII that must be in its language's own script
/// for a decoding to read as that language: Chinese is Han; Japanese is Han and kana;
/// Korean is mostly Hangul (`KOREAN_HANGUL_SHARE`). Bytes of one CJK encoding read in
/// another come out as the other's script only by chance: GBK hanzi read as EUC-KR are
/// about one third Hangul and two thirds hanja.
const OWN_SCRIPT_SHARE: (usize, usize) = (7, 8);

/// The share of a Korean text's letters that must be Hangul (hanja are rare in news).
const KOREAN_HANGUL_SHARE: (usize, usize) = (3, 4);

/// The languages the detectable encodings write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Language {
    Chinese,
    Japanese,
    Korean,
}

impl Language {
    /// The language `encoding` writes.
    fn of(encoding: &'static Encoding) -> Self {
        if encoding == encoding_rs::EUC_JP || encoding == encoding_rs::SHIFT_JIS {
            Language::Japanese
        } else if encoding == encoding_rs::EUC_KR {
            Language::Korean
        } else {
            Language::Chinese
        }
    }

    /// Whether `text`'s letters beyond ASCII are in this language's script (see
    /// [`OWN_SCRIPT_SHARE`]); punctuation and symbols do not count.
    fn reads(self, text: &str) -> bool {
        let (mut han, mut kana, mut hangul, mut letters) = (0, 0, 0, 0);
        for c in text.chars().filter(|c| !c.is_ascii() && c.is_alphabetic()) {
            letters += 1;
            if is_han(c) {
                han += 1;
            } else if is_kana(c) {
                kana += 1;
            } else if is_hangul(c) {
                hangul += 1;
            }
        }
        let at_least = |count: usize, (num, den): (usize, usize)| count * den >= letters * num;
        letters > 0
            && match self {
                Language::Chinese => at_least(han, OWN_SCRIPT_SHARE),
                Language::Japanese => at_least(han + kana, OWN_SCRIPT_SHARE),
                Language::Korean => at_least(hangul, KOREAN_HANGUL_SHARE),
            }
    }

    /// The language an address's BCP 47 tag names (the profiles name Chinese only:
    /// `rfi.fr/cn/…`, `cna.com.tw`), with the top-level domain that tells chardetng which
    /// of the language's encodings to expect.
    fn of_tag(tag: &str) -> Option<(Self, Option<&'static [u8]>)> {
        match tag {
            "zh-Hans" => Some((Language::Chinese, Some(b"cn"))),
            "zh-Hant" => Some((Language::Chinese, Some(b"tw"))),
            _ if tag == "zh" || tag.starts_with("zh-") => Some((Language::Chinese, None)),
            _ => None,
        }
    }
}

/// The language the address on line 2 (`[TITLE](URL)`) names, read off the raw bytes:
/// the address is ASCII in every encoding detected, whatever the title is written in.
fn address_language(bytes: &[u8]) -> Option<(Language, Option<&'static [u8]>)> {
    let mut lines = bytes.split(|b| *b == b'\n');
    let line = lines.nth(1)?;
    let start = line.windows(2).rposition(|pair| pair == b"](")? + 2;
    let end = start + line[start..].iter().rposition(|b| *b == b')')?;
    let url = std::str::from_utf8(&line[start..end]).ok()?;
    let address = super::origin::address(url)?;
    Language::of_tag(super::origin::origin(&address).language?)
}

/// Whether `text`, valid UTF-8, has letters beyond ASCII but none of a CJK script while
/// its address names a CJK language whose encodings read the same bytes as that
/// language's script: a few GBK hanzi can be valid UTF-8 by chance (`瑟裙`, `C9 AA C8 B9`,
/// is `ɪȹ`). The scan ends at the first Han, kana or Hangul letter of any CJK article.
fn legacy_text_valid_as_utf8(bytes: &[u8], text: &str) -> bool {
    // Every byte before the first one beyond ASCII is a whole character.
    let Some(first) = bytes.iter().position(|b| !b.is_ascii()) else {
        return false;
    };
    // Letters only: a `©` or `“` alone tells nothing either way.
    let mut letters = text[first..]
        .chars()
        .filter(|c| !c.is_ascii() && c.is_alphabetic());
    let Some(letter) = letters.next() else {
        return false;
    };
    if is_cjk_letter(letter) || letters.any(is_cjk_letter) {
        return false;
    }
    let Some((named, _)) = address_language(bytes) else {
        return false;
    };
    DETECTABLE.iter().any(|&encoding| {
        Language::of(encoding) == named
            && encoding
                .decode_without_bom_handling_and_without_replacement(bytes)
                .is_some_and(|text| named.reads(&text))
    })
}

/// Whether `c` is a letter of a CJK script: Han, kana or Hangul.
fn is_cjk_letter(c: char) -> bool {
    is_han(c) || is_kana(c) || is_hangul(c)
}

/// Decodes `bytes`: in `forced` when given (invalid sequences become U+FFFD); else by its
/// byte-order mark; else as UTF-8 when it is valid UTF-8 (unless
/// [`legacy_text_valid_as_utf8`]: uncertain); else in the CJK encoding
/// chardetng detects (told the language the archive's address names, when it names one),
/// when that decodes every byte without error. The guess is refused as uncertain unless
/// the evidence is enough: at least [`MIN_DETECTION_BYTES`] bytes beyond ASCII, the text
/// read in the guess in its language's script ([`Language::reads`]), in the language the
/// address names if it names one, and no detectable encoding of another language reading
/// the bytes as that language's script (Japanese written in kanji alone is also Chinese).
pub(crate) fn decode<'a>(
    bytes: &'a [u8],
    forced: Option<&'static Encoding>,
) -> Result<Decoded<'a>, ParseError> {
    if let Some(encoding) = forced {
        let (text, encoding, _) = encoding.decode(bytes);
        return Ok(Decoded {
            text,
            encoding: encoding.name(),
        });
    }
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        return Ok(Decoded {
            text,
            encoding: encoding.name(),
        });
    }
    // simdutf8 validates 32 bytes a step where the standard library's check walks CJK
    // text a character at a time (README, Performance); on failure the standard check
    // decides, and says where the bad sequence starts.
    let valid = simdutf8::basic::from_utf8(bytes).or_else(|_| std::str::from_utf8(bytes));
    let line_of = |offset: usize| 1 + bytes[..offset].iter().filter(|b| **b == b'\n').count();
    let utf8_error = match valid {
        Ok(text) if !legacy_text_valid_as_utf8(bytes, text) => {
            return Ok(Decoded {
                text: Cow::Borrowed(text),
                encoding: encoding_rs::UTF_8.name(),
            });
        }
        Ok(_) => {
            let beyond_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
            let offset = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(0);
            return Err(ParseError::new(
                line_of(offset),
                ParseErrorKind::EncodingUncertain {
                    offset,
                    bytes: beyond_ascii,
                },
            ));
        }
        Err(error) => error,
    };
    let offset = utf8_error.valid_up_to();
    let named = address_language(bytes);
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(
        named.and_then(|(_, tld)| tld),
        chardetng::Utf8Detection::Deny,
    );
    let strict = |encoding: &'static Encoding| {
        // GB18030 decodes everything GBK does, and more.
        let encoding = if encoding == encoding_rs::GBK {
            encoding_rs::GB18030
        } else {
            encoding
        };
        encoding
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map(|text| (encoding, text))
    };
    let Some((encoding, text)) = DETECTABLE.contains(&guess).then(|| strict(guess)).flatten()
    else {
        return Err(ParseError::new(
            line_of(offset),
            ParseErrorKind::Undecodable { offset },
        ));
    };
    let beyond_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    let language = Language::of(encoding);
    let other_language_reads = || {
        DETECTABLE.iter().any(|&other| {
            Language::of(other) != language
                && strict(other).is_some_and(|(_, text)| Language::of(other).reads(&text))
        })
    };
    let certain = beyond_ascii >= MIN_DETECTION_BYTES
        && named.is_none_or(|(named, _)| named == language)
        && language.reads(&text)
        && !(named.is_none() && other_language_reads());
    if certain {
        return Ok(Decoded {
            text,
            encoding: encoding.name(),
        });
    }
    Err(ParseError::new(
        line_of(offset),
        ParseErrorKind::EncodingUncertain {
            offset,
            bytes: beyond_ascii,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "<!--1-->\n[应对AI风险 OpenAI执行长指出与中国合作的重要性](https://www.rfi.fr/cn/x)\n------\n\n\
        <div><p>在美国试图通过制裁来遏制中国在人工智能领域的发展之际，执行长则选择与中国接触。</p></div>";

    #[test]
    fn utf8_is_borrowed() {
        let decoded = decode(TEXT.as_bytes(), None).unwrap();
        assert!(matches!(decoded.text, Cow::Borrowed(_)));
        assert_eq!(decoded.encoding, "UTF-8");
    }

    #[test]
    fn detects_gb18030_and_big5() {
        let (gb, _, _) = encoding_rs::GB18030.encode(TEXT);
        let decoded = decode(&gb, None).unwrap();
        assert_eq!(decoded.text, TEXT);
        assert_eq!(decoded.encoding, "gb18030");
        let traditional = "<!--1-->\n[臺灣總統發表新年談話](u)\n------\n\n<div><p>只要北京當局有心化解對立，改善兩岸關係，在符合對等尊嚴的原則下，臺灣願意共同促成有意義的對話。</p></div>";
        let (big5, _, _) = encoding_rs::BIG5.encode(traditional);
        let decoded = decode(&big5, None).unwrap();
        assert_eq!(decoded.text, traditional);
        assert_eq!(decoded.encoding, "Big5");
    }

    /// `习近平` in GBK was read as `楼除峠`: too little text to tell is an error.
    #[test]
    fn too_little_text_to_detect_is_an_error_not_a_guess() {
        let short = "<!--1-->\n[t](u)\n------\n\n<p>习近平</p>";
        let (gbk, _, _) = encoding_rs::GBK.encode(short);
        let error = decode(&gbk, None).unwrap_err();
        assert!(
            matches!(
                error.kind,
                ParseErrorKind::EncodingUncertain { bytes: 6, .. }
            ),
            "{error}"
        );
        assert_eq!(error.line(), 5);
        assert!(error.to_string().contains("--encoding"));
        // Forced, it reads.
        assert!(
            decode(&gbk, Some(encoding_rs::GBK))
                .unwrap()
                .text
                .contains("习近平")
        );
    }

    #[test]
    fn byte_order_marks_choose_the_encoding() {
        let mut utf16 = vec![0xff, 0xfe];
        utf16.extend(TEXT.encode_utf16().flat_map(u16::to_le_bytes));
        let decoded = decode(&utf16, None).unwrap();
        assert_eq!(
            (decoded.text.as_ref(), decoded.encoding),
            (TEXT, "UTF-16LE")
        );
    }

    #[test]
    fn stray_bytes_are_invalid_utf8_unless_an_encoding_is_forced() {
        let bytes = b"<!--1-->\n[t](u)\n------\n\n<p>caf\xe9</p>";
        assert_eq!(
            decode(bytes, None).unwrap_err(),
            ParseError::new(5, ParseErrorKind::Undecodable { offset: 30 })
        );
        let forced = decode(bytes, Some(encoding_rs::WINDOWS_1252)).unwrap();
        assert!(forced.text.ends_with("café</p>"));
    }
}

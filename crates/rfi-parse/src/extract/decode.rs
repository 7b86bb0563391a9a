//! Text from bytes: UTF-8, a byte-order mark, or the CJK encodings archives were saved in.

use std::borrow::Cow;

use encoding_rs::Encoding;

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

/// Decodes `bytes`: in `forced` when given (invalid sequences become U+FFFD); else by its
/// byte-order mark; else as UTF-8 when it is valid UTF-8; else in the encoding chardetng
/// detects, when that is a CJK encoding that decodes every byte without error, if there
/// are at least [`MIN_DETECTION_BYTES`] bytes beyond ASCII to detect it from (else the
/// guess is refused as uncertain).
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
        Ok(text) => {
            return Ok(Decoded {
                text: Cow::Borrowed(text),
                encoding: encoding_rs::UTF_8.name(),
            });
        }
        Err(error) => error,
    };
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    if DETECTABLE.contains(&guess) {
        // GB18030 decodes everything GBK does, and more.
        let encoding = if guess == encoding_rs::GBK {
            encoding_rs::GB18030
        } else {
            guess
        };
        if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) {
            let beyond_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
            if beyond_ascii >= MIN_DETECTION_BYTES {
                return Ok(Decoded {
                    text,
                    encoding: encoding.name(),
                });
            }
            return Err(ParseError::new(
                line_of(utf8_error.valid_up_to()),
                ParseErrorKind::EncodingUncertain {
                    offset: utf8_error.valid_up_to(),
                    bytes: beyond_ascii,
                },
            ));
        }
    }
    let offset = utf8_error.valid_up_to();
    Err(ParseError::new(
        line_of(offset),
        ParseErrorKind::Undecodable { offset },
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

//! Short texts in a legacy encoding are read right or refused, never read in the wrong
//! encoding: a deterministic sweep of random common characters in GBK, Big5, EUC-JP,
//! Shift_JIS and EUC-KR (issue 30; the hostile bench includes `hostile.rs`, without
//! encoding_rs, so the sweep has a file of its own).

/// A small deterministic generator (xorshift64), so the encoding sweep reads the same
/// texts on every machine.
struct Xorshift(u64);

impl Xorshift {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// A random character of `encoding`'s common set, by its bytes: GB2312's level 1 (the
/// 3,755 commonest hanzi) for GBK, Big5's frequent characters, JIS level 1 kanji for
/// EUC-JP and Shift_JIS, KS X 1001's 2,350 Hangul syllables for EUC-KR.
fn common_character(encoding: &'static encoding_rs::Encoding, random: &mut Xorshift) -> char {
    let (leads, trails): ((u8, u8), &[(u8, u8)]) = if encoding == encoding_rs::GBK {
        ((0xb0, 0xd7), &[(0xa1, 0xfe)])
    } else if encoding == encoding_rs::BIG5 {
        ((0xa4, 0xc6), &[(0x40, 0x7e), (0xa1, 0xfe)])
    } else if encoding == encoding_rs::EUC_KR {
        ((0xb0, 0xc8), &[(0xa1, 0xfe)])
    } else {
        ((0xb0, 0xcf), &[(0xa1, 0xfe)])
    };
    let pick = |(low, high): (u8, u8), random: &mut Xorshift| {
        low + random.below(u64::from(high - low) + 1) as u8
    };
    loop {
        let lead = pick(leads, random);
        let range = trails[random.below(trails.len() as u64) as usize];
        let trail = pick(range, random);
        // Shift_JIS's kanji are JIS X 0208's, read here by their EUC-JP bytes.
        let table = if encoding == encoding_rs::SHIFT_JIS {
            encoding_rs::EUC_JP
        } else {
            encoding
        };
        let bytes = [lead, trail];
        let decoded = table.decode_without_bom_handling_and_without_replacement(&bytes);
        // Han or Hangul only (not GBK's private-use characters at the ends of rows).
        if let Some(c) = decoded.and_then(|text| text.chars().next())
            && matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7a3}')
        {
            return c;
        }
    }
}

/// Texts of 2 to 40 random common characters in GBK, Big5, EUC-JP, Shift_JIS and EUC-KR,
/// under an address that names the language (RFI's `/cn/`, `/tw/`) and one that names
/// none, are read right or refused as uncertain: never read in the wrong encoding. (GBK
/// text of 8 to 12 hanzi was read as EUC-JP, `武让商视即办七快` as `冷斑斌篇軸一鈍酔`, and
/// EUC-KR Hangul as GBK at every length.) Prints how many each length refuses.
#[test]
fn short_legacy_texts_are_read_right_or_refused_never_misread() {
    // The sites' profiles name Chinese only: Japanese and Korean texts come with an
    // address that names no language.
    let none = ("no language", "https://example.com/x/20210101-a");
    let addresses = |encoding: &'static encoding_rs::Encoding| {
        if encoding == encoding_rs::GBK {
            vec![("named", "https://www.rfi.fr/cn/x/20210101-a"), none]
        } else if encoding == encoding_rs::BIG5 {
            vec![("named", "https://www.rfi.fr/tw/x/20210101-a"), none]
        } else {
            vec![none]
        }
    };
    let encodings = [
        encoding_rs::GBK,
        encoding_rs::BIG5,
        encoding_rs::EUC_JP,
        encoding_rs::SHIFT_JIS,
        encoding_rs::EUC_KR,
    ];
    let mut random = Xorshift(0x9e37_79b9_7f4a_7c15);
    let mut misread = Vec::new();
    for encoding in encodings {
        for (address_kind, address) in addresses(encoding) {
            let (mut refused, mut valid_utf8) = (Vec::new(), 0);
            for length in 2..=40 {
                let mut refusals = 0;
                for _ in 0..100 {
                    let text: String = (0..length)
                        .map(|_| common_character(encoding, &mut random))
                        .collect();
                    let archive = format!(
                        "<!--1609513003000-->\n[T]({address})\n------\n\n<div>01/01/2021 - 15:02</div><p>{text}</p>"
                    );
                    let (bytes, _, unmappable) = encoding.encode(&archive);
                    assert!(!unmappable, "{archive}");
                    match rfi_parse::decode(&bytes, &Default::default()) {
                        Ok(decoded) if decoded.text == archive => {}
                        // Valid UTF-8 is UTF-8 unless the address names the language.
                        Ok(decoded)
                            if address_kind == "no language" && decoded.encoding == "UTF-8" =>
                        {
                            valid_utf8 += 1;
                        }
                        Ok(decoded) => misread.push(format!(
                            "{} ({address_kind}) {text} read as {} {}",
                            encoding.name(),
                            decoded.encoding,
                            decoded.text
                        )),
                        Err(error) => {
                            assert!(
                                matches!(
                                    error.kind,
                                    rfi_parse::ParseErrorKind::EncodingUncertain { .. }
                                        | rfi_parse::ParseErrorKind::Undecodable { .. }
                                ),
                                "{error}"
                            );
                            refusals += 1;
                        }
                    }
                }
                refused.push(format!("{length}:{refusals}"));
            }
            eprintln!(
                "{} ({address_kind}) refused per 100 by length: {}; valid UTF-8: {valid_utf8}",
                encoding.name(),
                refused.join(" ")
            );
        }
    }
    assert!(
        misread.is_empty(),
        "{} misread: {:#?}",
        misread.len(),
        &misread[..misread.len().min(10)]
    );
}

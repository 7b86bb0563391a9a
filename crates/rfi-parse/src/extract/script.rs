//! The language an article's own text is written in: Chinese by its script, others by whatlang.

use std::sync::OnceLock;

use hanconv::RawDictionary;

/// How much of the text is read: the title and the first paragraphs, as the script check
/// reads them, and at most this many characters (a long article says nothing more).
const PARAGRAPHS_READ: usize = 12;
const CHARACTERS_READ: usize = 6_000;

/// Han characters below this count leave the script unjudged: a short text may hold only
/// characters both scripts share.
const MIN_HAN: usize = 10;
/// A script is the text's when at least this share of its Han characters belong to that
/// script alone, and more than `SCRIPT_MARGIN` times the share of the other script's.
const MIN_SCRIPT_SHARE: f64 = 0.02;
const SCRIPT_MARGIN: f64 = 2.0;
/// Kana among this share of the Han characters or more makes the text Japanese, not Chinese:
/// Japanese writes about as much kana as kanji, where a Chinese article may quote a
/// Japanese headline (Kyodo's `日语报道：…`).
const KANA_SHARE_JAPANESE: f64 = 0.25;
/// Letters (Latin, Cyrillic, kana, Hangul…) must outnumber Han characters this many times
/// before the text is read as another language than Chinese.
const LETTERS_OVER_HAN: usize = 4;

/// The BCP 47 tags of the languages whatlang names that the archive's sources write, by
/// whatlang's ISO 639-3 code; another language is left null rather than named loosely.
const BCP47_TAGS: &[(&str, &str)] = &[
    ("eng", "en"),
    ("fra", "fr"),
    ("deu", "de"),
    ("spa", "es"),
    ("por", "pt"),
    ("ita", "it"),
    ("rus", "ru"),
    ("jpn", "ja"),
    ("kor", "ko"),
    ("vie", "vi"),
    ("ind", "id"),
    ("tha", "th"),
    ("ara", "ar"),
];

/// Characters that only one script writes: those OpenCC's character tables change when
/// converting simplified to traditional (`simplified`) or the reverse (`traditional`),
/// sorted for binary search; and every character's [`Class`] read off a table from
/// [`TABLE_FIRST`] to U+FFFF, where nearly every character of a Chinese text is (its
/// punctuation, the Han blocks, the fullwidth forms): a binary search per Han character,
/// and the general alphabetic lookup per punctuation mark, were most of the cost of
/// reading a language.
struct ScriptCharacters {
    simplified: Vec<char>,
    traditional: Vec<char>,
    /// [`Class`] of each character from [`TABLE_FIRST`] to U+FFFF.
    table: Vec<Class>,
}

/// Which script alone writes a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Both,
    SimplifiedOnly,
    TraditionalOnly,
}

/// What a character counts as in [`Counts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Han(Script),
    /// An alphabetic character of the kana blocks.
    Kana,
    /// Any other alphabetic character.
    Letter,
    /// Neither Han nor alphabetic: digits, punctuation, spaces, symbols.
    Other,
}

/// The first character of the table: the General Punctuation block (`“”…—`), before
/// CJK Symbols and Punctuation, the kana and the Han blocks of the Basic Multilingual
/// Plane.
const TABLE_FIRST: u32 = 0x2000;

impl ScriptCharacters {
    fn class(&self, character: char) -> Class {
        if character.is_ascii() {
            return if character.is_ascii_alphabetic() {
                Class::Letter
            } else {
                Class::Other
            };
        }
        if let Some(class) = u32::from(character)
            .checked_sub(TABLE_FIRST)
            .and_then(|at| self.table.get(at as usize))
        {
            return *class;
        }
        self.classify(character)
    }

    /// The class by the definitions themselves, which the table holds precomputed.
    fn classify(&self, character: char) -> Class {
        if is_han(character) {
            Class::Han(self.search(character))
        } else if character.is_alphabetic() {
            if is_kana(character) {
                Class::Kana
            } else {
                Class::Letter
            }
        } else {
            Class::Other
        }
    }

    /// The simplified list is asked first: a character both tables change counts as
    /// simplified.
    fn search(&self, character: char) -> Script {
        if self.simplified.binary_search(&character).is_ok() {
            Script::SimplifiedOnly
        } else if self.traditional.binary_search(&character).is_ok() {
            Script::TraditionalOnly
        } else {
            Script::Both
        }
    }
}

fn script_characters() -> &'static ScriptCharacters {
    static TABLES: OnceLock<ScriptCharacters> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut tables = ScriptCharacters {
            simplified: changed_characters(RawDictionary::STCharacters),
            traditional: changed_characters(RawDictionary::TSCharacters),
            table: Vec::new(),
        };
        // Surrogate code points are no characters: `Other`, never looked up.
        tables.table = (TABLE_FIRST..=0xffff)
            .map(|code| char::from_u32(code).map_or(Class::Other, |c| tables.classify(c)))
            .collect();
        tables
    })
}

/// The single characters a character table maps to something else first.
fn changed_characters(table: RawDictionary) -> Vec<char> {
    let mut changed: Vec<char> = table
        .iter()
        .filter_map(|(from, to)| {
            let mut chars = from.chars();
            let character = chars.next()?;
            (chars.next().is_none() && from != to).then_some(character)
        })
        .collect();
    changed.sort_unstable();
    changed.dedup();
    changed
}

/// A Han character: the unified ideographs (the BMP's, extension A's and those of the
/// Supplementary Ideographic Plane) and the compatibility ideographs (Big5 maps a few).
/// The one definition the crate uses: the script of a text, a decoding's, a credit's.
pub(crate) fn is_han(character: char) -> bool {
    matches!(character,
        '\u{4e00}'..='\u{9fff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{2ebef}')
}

/// Hiragana, katakana and the katakana phonetic extensions.
pub(crate) fn is_kana(character: char) -> bool {
    matches!(character, '\u{3040}'..='\u{30ff}' | '\u{31f0}'..='\u{31ff}')
}

/// Hangul: the syllables, the jamo and the compatibility jamo.
pub(crate) fn is_hangul(character: char) -> bool {
    matches!(character, '\u{ac00}'..='\u{d7a3}' | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}')
}

/// What the text's characters say about its script.
#[derive(Debug, Default, PartialEq, Eq)]
struct Counts {
    han: usize,
    simplified_only: usize,
    traditional_only: usize,
    kana: usize,
    /// Alphabetic characters that are not Han (Latin, Cyrillic, kana, Hangul…).
    letters: usize,
}

/// The counts over `parts`, and the parts read, which make the sample a detector reads.
fn count<'a>(parts: impl Iterator<Item = &'a str>) -> (Counts, Vec<&'a str>) {
    let tables = script_characters();
    let mut counts = Counts::default();
    let mut read = Vec::new();
    let mut bytes_read = 0;
    for part in parts {
        if bytes_read >= CHARACTERS_READ * 3 {
            break;
        }
        for character in part.chars().take(CHARACTERS_READ) {
            match tables.class(character) {
                Class::Han(script) => {
                    counts.han += 1;
                    match script {
                        Script::SimplifiedOnly => counts.simplified_only += 1,
                        Script::TraditionalOnly => counts.traditional_only += 1,
                        Script::Both => {}
                    }
                }
                Class::Kana => {
                    counts.letters += 1;
                    counts.kana += 1;
                }
                Class::Letter => counts.letters += 1,
                Class::Other => {}
            }
        }
        bytes_read += part.len() + 1;
        read.push(part);
    }
    (counts, read)
}

/// Whether kana among the Han characters make the text Japanese.
fn is_japanese(counts: &Counts) -> bool {
    counts.kana > 0 && counts.kana as f64 >= counts.han as f64 * KANA_SHARE_JAPANESE
}

/// The Chinese script the counts show, if they show one.
fn chinese_script(counts: &Counts) -> Option<&'static str> {
    if counts.han < MIN_HAN || is_japanese(counts) {
        return None;
    }
    let han = counts.han as f64;
    let hans = counts.simplified_only as f64 / han;
    let hant = counts.traditional_only as f64 / han;
    if hant >= MIN_SCRIPT_SHARE && hant > SCRIPT_MARGIN * hans {
        Some("zh-Hant")
    } else if hans >= MIN_SCRIPT_SHARE && hans > SCRIPT_MARGIN * hant {
        Some("zh-Hans")
    } else {
        None
    }
}

/// The language of an article whose address names `url_language`, read from its title
/// and text. A Chinese text's script is evidence, so it decides even where the address
/// names a language (DW publishes both scripts under `/zh/`); otherwise the address's
/// language stands, and only where it names none is the language detected (whatlang),
/// when the detection is reliable.
pub(crate) fn language<'a>(
    url_language: Option<&'static str>,
    parts: impl Iterator<Item = &'a str>,
) -> Option<&'static str> {
    let (counts, read) = count(parts.take(PARAGRAPHS_READ + 1));
    if let Some(script) = chinese_script(&counts) {
        return Some(script);
    }
    let other_language = counts.letters >= counts.han * LETTERS_OVER_HAN || is_japanese(&counts);
    if url_language.is_some() || !other_language {
        return url_language;
    }
    let mut sample = read.join("\n");
    sample.push('\n');
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() {
        return None;
    }
    let code = info.lang().code();
    BCP47_TAGS
        .iter()
        .find(|(iso, _)| *iso == code)
        .map(|(_, tag)| *tag)
}

#[cfg(test)]
mod tests {
    use super::{language, script_characters};

    #[test]
    fn the_table_holds_what_the_definitions_say() {
        let tables = script_characters();
        for character in (0..=0x2_ffff).filter_map(char::from_u32) {
            assert_eq!(
                tables.class(character),
                tables.classify(character),
                "{character:?}"
            );
        }
    }

    const HANS: &str =
        "法国总统马克龙星期二在巴黎会见了来访的中国外交部长，双方讨论了经济合作与气候变化问题。";
    const HANT: &str =
        "法國總統馬克龍星期二在巴黎會見了來訪的中國外交部長，雙方討論了經濟合作與氣候變化問題。";

    #[test]
    fn chinese_is_named_by_its_script() {
        assert_eq!(language(None, [HANS].into_iter()), Some("zh-Hans"));
        assert_eq!(language(None, [HANT].into_iter()), Some("zh-Hant"));
    }

    #[test]
    fn the_text_decides_over_the_address_for_chinese() {
        // DW's `/zh/` holds articles in both scripts.
        assert_eq!(
            language(Some("zh-Hans"), [HANT].into_iter()),
            Some("zh-Hant")
        );
        assert_eq!(
            language(Some("zh-Hant"), ["標題", HANS].into_iter()),
            Some("zh-Hans")
        );
    }

    #[test]
    fn text_without_evidence_keeps_the_address_language() {
        // Characters both scripts write say nothing.
        assert_eq!(
            language(Some("zh-Hant"), ["中文"].into_iter()),
            Some("zh-Hant")
        );
        assert_eq!(language(None, ["中文"].into_iter()), None);
        assert_eq!(language(None, [""].into_iter()), None);
    }

    #[test]
    fn other_languages_are_detected_only_where_the_address_names_none() {
        let english = "The government announced on Tuesday that the new policy will take \
            effect next month, after weeks of debate in the legislature about its cost.";
        assert_eq!(language(None, [english].into_iter()), Some("en"));
        assert_eq!(language(Some("fr"), [english].into_iter()), Some("fr"));
        let japanese = "政府は火曜日、新しい政策が来月から施行されると発表した。議会では数週間にわたって議論が続いていた。";
        assert_eq!(language(None, [japanese].into_iter()), Some("ja"));
    }

    #[test]
    fn a_chinese_text_quoting_a_japanese_headline_stays_chinese() {
        let quoting =
            format!("{HANS}{HANS}{HANS}日语报道：富良野で「ファンタジー・ヴィレッジ」２３日から");
        assert_eq!(
            language(None, [quoting.as_str()].into_iter()),
            Some("zh-Hans")
        );
    }

    #[test]
    fn a_chinese_text_quoting_english_stays_chinese() {
        let mixed = format!("{HANS} Reuters reported that the talks were constructive.");
        assert_eq!(
            language(None, [mixed.as_str()].into_iter()),
            Some("zh-Hans")
        );
    }
}

//! The credit a caption carries at its start or end (`（路透社）`, `REUTERS/Name`), split off.
//!
//! One grammar for every source. A credit is one or more pieces at the caption's end (or
//! one at its start), each one of:
//! - a bracketed source, `（…）`, `(…)`, `[…]`, `【…】`, whose content is a credit: it
//!   names who supplied or took the picture (`高雄市政府提供`, `中央社記者X攝`), where it
//!   was taken from (`圖取自Unsplash圖庫`, `Photo by X/Getty Images`, `图片来源：X`), or an
//!   agency or medium (`共同社`, `路透`, `半岛电视台`, `社交网站`, `AFP`, `Getty Images`);
//! - a photographer's line after the caption's last sentence, `中央社記者郝雪卿攝` or
//!   `…傳真`, with the date printed after it (`111年11月18日`);
//! - an agency's `AGENCY/Photographer` at the end (`REUTERS/Brian Snyder`);
//! - a line after the caption's last sentence that says where the picture or video comes
//!   from (`影片來源：NVIDIA`).
//!
//! A bracket that describes the picture (`（图为王百羽）`, `(illustration)`, `（左）`) is
//! none of these and stays in the caption.

use super::script::is_han;
use crate::language::{credit_words, date_marks, is_credit_char};

/// A bracketed credit or a photographer's line holds at most this many characters: more
/// is a sentence.
const MAX_CREDIT_CHARS: usize = 40;

/// A photographer's name and the place the picture was taken, between `記者` and `攝`
/// (`郝雪卿`, `林行健新德里`, `吳睿騏桃園機場`), hold at most this many characters.
const MAX_NAME_CHARS: usize = 10;

/// Brackets, opening and closing.
const BRACKETS: &[(char, char)] = &[('（', '）'), ('(', ')'), ('[', ']'), ('【', '】')];

/// A caption split into what stays caption and its credit; `None` when it carries no credit.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Split {
    pub(crate) caption: Option<String>,
    pub(crate) credit: String,
}

/// Splits the credit off a caption's end or start; `agencies` are the names a source's
/// captions give agencies by in brackets beside the grammar's (`路透` for `路透社`).
pub(crate) fn split(caption: &str, agencies: &[&str]) -> Option<Split> {
    let mut rest = caption.trim();
    let mut pieces = Vec::new();
    while let Some((before, piece)) = trailing_piece(rest, agencies) {
        pieces.push(piece);
        rest = before.trim_end();
    }
    pieces.reverse();
    if pieces.is_empty()
        && let Some((piece, after)) = leading_bracket(rest, agencies)
    {
        pieces.push(piece);
        rest = after.trim_start();
    }
    if pieces.is_empty() {
        return None;
    }
    Some(Split {
        caption: (!rest.is_empty()).then(|| rest.to_string()),
        credit: pieces.join(" "),
    })
}

/// The rule's name and summary, as `explain` lists them.
pub(crate) const RULE: &str = "caption-credit";
pub(crate) const SUMMARY: &str = "a credit printed at a caption's end or start (`（美联社）`, `記者X攝 111年11月18日`, `AGENCY/Name`, `(Photo by …/Getty Images)`, an agency the profile names): the picture's credit";

/// Moves the credit a caption carries into `credit`, and gives the credit moved; where
/// the picture already has a credit of its own, the caption's comes first, as printed
/// before it.
pub(crate) fn move_credit(
    caption: &mut Option<String>,
    credit: &mut Option<String>,
    agencies: &[&str],
) -> Option<String> {
    let split = caption
        .as_deref()
        .and_then(|caption| split(caption, agencies))?;
    *caption = split.caption;
    let moved = split.credit.clone();
    *credit = Some(match credit.take() {
        // The caption repeats the credit (`（Credit: Getty Images）` beside `Getty Images`).
        Some(own) if own.contains(&split.credit) || split.credit.contains(&own) => own,
        Some(own) => format!("{} {own}", split.credit),
        None => split.credit,
    });
    Some(moved)
}

/// The credit piece that ends `text`, and the text before it.
fn trailing_piece<'t>(text: &'t str, agencies: &[&str]) -> Option<(&'t str, &'t str)> {
    trailing_bracket(text, agencies)
        .or_else(|| slash_source(text))
        .or_else(|| photographer_line(text))
        .or_else(|| agency_slash(text))
        .or_else(|| source_line(text))
        .or_else(|| dated_agency(text))
}

/// An agency with the date its picture was filed, after the caption's last sentence or
/// bracket (CNA: `…之旅。 （中新社提供）中央社 113年3月18日`): the text before it and the
/// line with its date.
fn dated_agency(text: &str) -> Option<(&str, &str)> {
    let DatedLine { text, undated } = dated_line(text);
    if undated.len() == text.trim_end().len() {
        return None;
    }
    let start = line_start(undated);
    let agency = &undated[start..];
    ((2..=MAX_NAME_CHARS).contains(&agency.chars().count())
        && credit_words(|words| words.agency_endings).any(|ending| agency.ends_with(ending)))
    .then(|| (&text[..start], text[start..].trim()))
}

/// A source after a slash following the caption's last sentence (CHOSUN: `…集装箱。/纽西斯`,
/// `…。/AFP，韩联社`): the text before it and the source. Only after a sentence: inside
/// one a slash joins words (`中国/美国`).
fn slash_source(text: &str) -> Option<(&str, &str)> {
    let (before, source) = text.rsplit_once(['/', '／'])?;
    let before = before.trim_end();
    let source = source.trim();
    (before.ends_with(['。', '！', '？'])
        && (1..=MAX_CREDIT_CHARS).contains(&source.chars().count())
        && !source.contains(|c: char| is_sentence_end(c) || matches!(c, '/' | '／')))
    .then_some((before, source))
}

/// A line saying where the picture or video comes from, after the caption's last
/// sentence (`…約從影片1:09:46處開始。影片來源：NVIDIA`): the text before it and the line.
fn source_line(text: &str) -> Option<(&str, &str)> {
    let start = text
        .char_indices()
        .rev()
        .find(|&(_, c)| is_sentence_end(c))
        .map_or(0, |(at, c)| at + c.len_utf8());
    let line = text[start..].trim();
    let lower = line.to_lowercase();
    // The opening is a label (`影片來源：`, `Photo:`); a picture's bare label (`圖：`) may
    // open a caption as well as a credit, so it is none here.
    let labelled = credit_words(|words| words.source_openings).any(|opening| {
        lower.strip_prefix(opening).is_some_and(|after| {
            let label_ended = opening.ends_with(['：', ':']);
            let after = if label_ended {
                Some(after)
            } else {
                after.strip_prefix(['：', ':'])
            };
            opening.chars().count() >= 3 && after.is_some_and(|value| !value.trim().is_empty())
        })
    });
    (labelled
        && line.chars().count() <= MAX_CREDIT_CHARS
        && !line.contains(|c: char| is_sentence_end(c) || matches!(c, '，' | '；')))
    .then(|| (&text[..start], line))
}

/// A bracketed credit closing `text`: the text before it and the bracket's content.
fn trailing_bracket<'t>(text: &'t str, agencies: &[&str]) -> Option<(&'t str, &'t str)> {
    let last = text.chars().next_back()?;
    let &(open, _) = BRACKETS.iter().find(|(_, close)| *close == last)?;
    let inner_end = text.len() - last.len_utf8();
    let start = text[..inner_end].rfind(open)?;
    let content = text[start + open.len_utf8()..inner_end].trim();
    is_credit(content, agencies).then(|| (&text[..start], content))
}

/// A bracketed credit opening `text`: the bracket's content and the text after it.
fn leading_bracket<'t>(text: &'t str, agencies: &[&str]) -> Option<(&'t str, &'t str)> {
    let first = text.chars().next()?;
    let &(_, close) = BRACKETS.iter().find(|(open, _)| *open == first)?;
    let end = text.find(close)?;
    let content = text[first.len_utf8()..end].trim();
    let after = &text[end + close.len_utf8()..];
    (is_credit(content, agencies) && !after.trim().is_empty()).then_some((content, after))
}

/// Whether a bracket's content is a credit: one credit, or one for each picture of a
/// composite, each opening with the picture's place (`左圖取自facebook.com/joebiden、右圖取自
/// facebook.com/DonaldTrump`, `左圖為中央社檔案照片，右圖取自白宮網頁whitehouse.gov`).
fn is_credit(content: &str, agencies: &[&str]) -> bool {
    if let Some(first) = strip_place(content) {
        let mut pieces = vec![first];
        // Each further piece starts after a separator with a place of its own.
        while let Some((at, rest)) = pieces.last().and_then(|last| {
            last.char_indices()
                .filter(|&(_, c)| matches!(c, '，' | '、' | '；' | ',' | ';'))
                .find_map(|(at, c)| strip_place(&last[at + c.len_utf8()..]).map(|r| (at, r)))
        }) {
            let last = pieces.pop().expect("a piece to split");
            pieces.push(last[..at].trim());
            pieces.push(rest);
            if pieces.len() > MAX_PLACED_CREDITS {
                return false;
            }
        }
        return pieces
            .iter()
            .all(|piece| is_one_credit(piece.trim(), agencies));
    }
    is_one_credit(content, agencies)
}

/// A composite of at most this many pictures has a credit for each.
const MAX_PLACED_CREDITS: usize = 4;

/// The text after a picture's place in a composite (`左圖`, `右為`, `上圖為`), if it opens
/// with one.
fn strip_place(text: &str) -> Option<&str> {
    let text = text.trim_start();
    let rest = text.strip_prefix(|c| is_credit_char(|words| words.places, c))?;
    let after_picture = rest.strip_prefix(|c| is_credit_char(|words| words.picture_words, c));
    let after_is = after_picture
        .unwrap_or(rest)
        .strip_prefix(|c| is_credit_char(|words| words.copulas, c));
    after_is.or(after_picture).filter(|rest| !rest.is_empty())
}

/// Whether one credit, without a place, is a credit.
fn is_one_credit(content: &str, agencies: &[&str]) -> bool {
    // A supplier's file picture (`以色列媒体-资料图`): the supplier decides.
    if let Some((supplier, note)) = content.rsplit_once(['-', '－'])
        && credit_words(|words| words.file_picture_notes)
            .any(|file| note.trim().eq_ignore_ascii_case(file))
    {
        return is_one_credit(supplier.trim(), agencies);
    }
    let chars = content.chars().count();
    let lower = content.to_lowercase();
    let from_a_source =
        credit_words(|words| words.source_openings).any(|opening| lower.starts_with(opening));
    // Where the picture was taken from may name its author and licence after commas
    // (`取自維基共享資源，作者Wakimasa，CC BY-SA 3.0`); any other comma makes a sentence.
    let sentence_marks: &[char] = if from_a_source {
        &['。', '！', '？']
    } else {
        &['。', '，', '；', '！', '？']
    };
    if !(2..=MAX_CREDIT_CHARS).contains(&chars) || content.contains(sentence_marks) {
        return false;
    }
    if agencies.contains(&content) || from_a_source {
        return true;
    }
    if credit_words(|words| words.supplier_endings)
        .chain(credit_words(|words| words.agency_endings))
        .any(|ending| content.ends_with(ending))
    {
        return true;
    }
    // A Latin credit: a photographer and agency (`Name/Reuters`), a name with a picture
    // agency's noun (`Getty Images`, `PA Media`), or one capitalised word (`AFP`,
    // `Shutterstock`). Several capitalised words without such a noun are a person's or
    // a body's name glossing the one before (`莫里森（Scott Morrison）`), and a
    // lower-case word describes the picture (`(illustration)`).
    if content.contains(is_han) || content.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return false;
    }
    let mut words = content.split_whitespace();
    let capitalised = |word: &str| word.chars().next().is_some_and(char::is_uppercase);
    content.contains('/')
        || words
            .clone()
            .any(|word| credit_words(|words| words.agency_nouns).any(|noun| noun == word))
        || (words.next().is_some_and(capitalised) && words.next().is_none())
}

/// A photographer's line closing `text` (`中央社記者郝雪卿攝 111年11月18日`): the text
/// before it and the line with its date.
fn photographer_line(text: &str) -> Option<(&str, &str)> {
    let DatedLine { text, undated } = dated_line(text);
    if !credit_words(|words| words.supplier_endings).any(|ending| undated.ends_with(ending)) {
        return None;
    }
    let start = line_start(undated);
    let line = &undated[start..];
    let chars = line.chars().count();
    // The name between the newsroom's word and the ending is short, and a line ending in
    // a verb of filming (`拍攝`) is a sentence, not a credit.
    let named = credit_words(|words| words.photographer_words).any(|word| {
        line.rfind(word).is_some_and(|at| {
            let name = &line[at + word.len()..];
            credit_words(|words| words.supplier_endings).any(|ending| {
                name.strip_suffix(ending)
                    .is_some_and(|name| name.chars().count() <= MAX_NAME_CHARS)
            })
        })
    });
    ((3..=MAX_CREDIT_CHARS).contains(&chars)
        && named
        && !credit_words(|words| words.filming_endings).any(|verb| line.ends_with(verb)))
    .then(|| (&text[..start], text[start..].trim()))
}

/// A caption whose last line may close with a date (`…中央社記者盧太城台東傳真 110年10月2日`).
struct DatedLine<'t> {
    /// The caption without a full stop after that date (`…110年10月2日。`).
    text: &'t str,
    /// The caption without the date too.
    undated: &'t str,
}

fn dated_line(text: &str) -> DatedLine<'_> {
    let text = match text.trim_end().strip_suffix('。') {
        Some(before) if strip_date(before).len() < before.len() => before,
        _ => text,
    };
    DatedLine {
        text,
        undated: strip_date(text).trim_end(),
    }
}

/// Where a credit line closing `undated` starts: after the caption's last sentence,
/// bracket, comma or space.
fn line_start(undated: &str) -> usize {
    undated
        .char_indices()
        .rev()
        .find(|&(_, c)| {
            is_sentence_end(c) || matches!(c, '）' | ')' | '】' | ']' | '，') || c.is_whitespace()
        })
        .map_or(0, |(at, c)| at + c.len_utf8())
}

/// `text` without a date closing it, written with a language's year, month and day marks
/// (`111年11月18日`, `2021年4月15日`).
fn strip_date(text: &str) -> &str {
    date_marks()
        .find_map(|marks| strip_marked_date(text, marks))
        .unwrap_or(text)
}

/// `text` without a date closing it written with these year, month and day marks.
fn strip_marked_date(text: &str, [year, month, day]: [char; 3]) -> Option<&str> {
    let mut rest = text.trim_end().strip_suffix(day)?;
    for unit in [month, year] {
        let digits = rest.trim_end_matches(|c: char| c.is_ascii_digit());
        if digits.len() == rest.len() || rest.len() - digits.len() > 4 {
            return None;
        }
        rest = digits.strip_suffix(unit)?;
    }
    let year_start = rest.trim_end_matches(|c: char| c.is_ascii_digit());
    (rest.len() - year_start.len() >= 2).then_some(year_start)
}

/// An agency's `AGENCY/Photographer` closing `text` (`…辩论。REUTERS/Brian Snyder`): the
/// text before it and the credit.
fn agency_slash(text: &str) -> Option<(&str, &str)> {
    // The last word whose part before a slash is an agency in capitals starts it.
    let mut start = None;
    let mut at = 0;
    for word in text.split_inclusive(|c: char| c.is_whitespace() || is_sentence_end(c)) {
        let bare = word.trim_end_matches(|c: char| c.is_whitespace() || is_sentence_end(c));
        if let Some((agency, _)) = bare.split_once('/')
            && agency.len() >= 2
            && agency.chars().all(|c| c.is_ascii_uppercase() || c == '-')
        {
            start = Some(at);
        }
        at += word.len();
    }
    let start = start?;
    let credit = text[start..].trim();
    (credit.chars().count() <= MAX_CREDIT_CHARS && !credit.contains(is_han))
        .then(|| (&text[..start], credit))
}

fn is_sentence_end(character: char) -> bool {
    matches!(character, '。' | '！' | '？' | '”' | '」')
}

#[cfg(test)]
mod tests {
    use super::Split;

    /// The agencies a profile names (Al Jazeera's `(路透)`).
    const AGENCIES: &[&str] = &["路透"];

    fn split(caption: &str) -> Option<Split> {
        super::split(caption, AGENCIES)
    }
    use proptest::prelude::*;

    fn parts(caption: &str) -> Option<(Option<&str>, &str)> {
        let split = split(caption)?;
        let Split { caption, credit } = split;
        // Leak the strings for short assertions.
        Some((
            caption.map(|c| &*Box::leak(c.into_boxed_str())),
            Box::leak(credit.into_boxed_str()),
        ))
    }

    #[test]
    fn a_labelled_source_line_after_the_last_sentence_is_a_credit() {
        assert_eq!(
            parts("▲黃仁勳以台灣示範AI氣象模擬系統約從影片1:09:46處開始。影片來源：NVIDIA"),
            Some((
                Some("▲黃仁勳以台灣示範AI氣象模擬系統約從影片1:09:46處開始。"),
                "影片來源：NVIDIA"
            ))
        );
        assert_eq!(
            parts("影片來源：台北電影節 Taipei Film Festival"),
            Some((None, "影片來源：台北電影節 Taipei Film Festival"))
        );
        assert_eq!(
            parts("示威者聚集。Photo: Reuters"),
            Some((Some("示威者聚集。"), "Photo: Reuters"))
        );
        // A picture's bare label, a source word without its label, an empty label and a
        // sentence after the label are no credit.
        for caption in [
            "圖：美國總統拜登",
            "示威者聚集。Photo shows the square",
            "影片來源：",
            "影片來源：民眾拍攝，經過剪輯後上傳到網路社群平台的影片片段",
        ] {
            assert_eq!(parts(caption), None, "{caption}");
        }
    }

    #[test]
    fn real_captions_from_the_archive() {
        assert_eq!(
            parts("警方查獲毒品。（高雄仁武警分局提供）中央社記者洪學廣傳真 110年4月15日"),
            Some((
                Some("警方查獲毒品。"),
                "高雄仁武警分局提供 中央社記者洪學廣傳真 110年4月15日"
            ))
        );
        assert_eq!(
            parts("立法院會。中央社記者郝雪卿攝 111年11月18日"),
            Some((Some("立法院會。"), "中央社記者郝雪卿攝 111年11月18日"))
        );
        // The place after the name (2024-03 and 2020-12 lead pictures).
        assert_eq!(
            parts("投票結果料於6月初揭曉。中央社記者林行健新德里攝 113年3月16日"),
            Some((
                Some("投票結果料於6月初揭曉。"),
                "中央社記者林行健新德里攝 113年3月16日"
            ))
        );
        assert_eq!(
            parts("分批辦理相關檢查及通關作業。中央社記者吳睿騏桃園機場攝　109年12月27日"),
            Some((
                Some("分批辦理相關檢查及通關作業。"),
                "中央社記者吳睿騏桃園機場攝　109年12月27日"
            ))
        );
        assert_eq!(
            parts(
                "吸引大批賞燈遊客到台南旅遊。（台南市政府提供）中央社記者楊思瑞台南傳真 113年3月16日"
            ),
            Some((
                Some("吸引大批賞燈遊客到台南旅遊。"),
                "台南市政府提供 中央社記者楊思瑞台南傳真 113年3月16日"
            ))
        );
        assert_eq!(
            parts("圖為小林製藥公司標誌。（共同社）"),
            Some((Some("圖為小林製藥公司標誌。"), "共同社"))
        );
        assert_eq!(
            parts("示意圖。（圖取自Unsplash圖庫）"),
            Some((Some("示意圖。"), "圖取自Unsplash圖庫"))
        );
        assert_eq!(
            parts("拜登与特朗普举行首场辩论。REUTERS/Brian Snyder"),
            Some((Some("拜登与特朗普举行首场辩论。"), "REUTERS/Brian Snyder"))
        );
        assert_eq!(
            parts("加沙的废墟 (REUTERS)"),
            Some((Some("加沙的废墟"), "REUTERS"))
        );
        assert_eq!(
            parts("习近平在北京 (Photo by Lintao Zhang/Getty Images)"),
            Some((Some("习近平在北京"), "Photo by Lintao Zhang/Getty Images"))
        );
        assert_eq!(
            parts("抗议者聚集在街头 (半岛电视台)"),
            Some((Some("抗议者聚集在街头"), "半岛电视台"))
        );
        assert_eq!(parts("（指揮中心提供）"), Some((None, "指揮中心提供")));
        assert_eq!(
            parts("就像生活中的任何事物（Pixabay）"),
            Some((Some("就像生活中的任何事物"), "Pixabay"))
        );
        assert_eq!(
            parts("韩国首尔 (Anadolu Agency)"),
            Some((Some("韩国首尔"), "Anadolu Agency"))
        );
        assert_eq!(
            parts("（共同社）首相在官邸"),
            Some((Some("首相在官邸"), "共同社"))
        );
        assert_eq!(
            parts("綠島輪往北航行。中央社記者盧太城台東傳真 110年10月2日。"),
            Some((
                Some("綠島輪往北航行。"),
                "中央社記者盧太城台東傳真 110年10月2日"
            ))
        );
        assert_eq!(
            parts("▲ 10月28日，京畿道平泽港堆放的进出口集装箱。/纽西斯"),
            Some((
                Some("▲ 10月28日，京畿道平泽港堆放的进出口集装箱。"),
                "纽西斯"
            ))
        );
        assert_eq!(
            parts("委员长正在敲击议事槌。/国会摄影记者团"),
            Some((Some("委员长正在敲击议事槌。"), "国会摄影记者团"))
        );
        assert_eq!(parts("中国/美国贸易谈判"), None);
        assert_eq!(
            parts("24名學生展開中國之旅。 （中新社提供）中央社 113年3月18日"),
            Some((
                Some("24名學生展開中國之旅。"),
                "中新社提供 中央社 113年3月18日"
            ))
        );
        assert_eq!(
            parts("拜登将在三周后第二次接种疫苗。【图片来自YouTube截图】"),
            Some((
                Some("拜登将在三周后第二次接种疫苗。"),
                "图片来自YouTube截图"
            ))
        );
        assert_eq!(
            parts("文在寅总统出席会议。【青瓦台摄影记者团】"),
            Some((Some("文在寅总统出席会议。"), "青瓦台摄影记者团"))
        );
        assert_eq!(
            parts("首尔街头【吴宗铎 记者】"),
            Some((Some("首尔街头"), "吴宗铎 记者"))
        );
        assert_eq!(
            parts("新冠疫苗【照片来源：谷歌】"),
            Some((Some("新冠疫苗"), "照片来源：谷歌"))
        );
        // A supplier's file picture, an official website, the encyclopaedia (Al Jazeera);
        // a file picture of no one's stays in the caption (DW's `（资料图）`).
        assert_eq!(parts("默克尔与习近平 (资料图)"), None);
        assert_eq!(parts("街头的抗议者（某人-资料图）"), None);
        assert_eq!(
            parts("以军在加沙北部行动（以色列媒体-资料图）"),
            Some((Some("以军在加沙北部行动"), "以色列媒体-资料图"))
        );
        assert_eq!(
            parts("抗议者在华盛顿游行（美联社-档案）"),
            Some((Some("抗议者在华盛顿游行"), "美联社-档案"))
        );
        assert_eq!(
            parts("英国航母威尔士亲王号（英国皇家海军官网）"),
            Some((Some("英国航母威尔士亲王号"), "英国皇家海军官网"))
        );
        assert_eq!(
            parts("古城遗址全景（维基百科）"),
            Some((Some("古城遗址全景"), "维基百科"))
        );
        assert_eq!(
            parts("The old town (Wikimedia Commons)"),
            Some((Some("The old town"), "Wikimedia Commons"))
        );
        // A composite's credits, one for each picture by its place (CNA, 2020-2024).
        assert_eq!(
            parts(
                "拜登（左）和川普（右）將再度對決。（左圖取自facebook.com/joebiden、右圖取自facebook.com/DonaldTrump）"
            ),
            Some((
                Some("拜登（左）和川普（右）將再度對決。"),
                "左圖取自facebook.com/joebiden、右圖取自facebook.com/DonaldTrump"
            ))
        );
        for credit in [
            "左圖為中央社檔案照片，右圖取自白宮網頁whitehouse.gov",
            "左圖取自twitter.com/SecDef，右為中央社檔案照片",
            "左圖取自陳敏鳳臉書facebook.com，右圖中央社檔案照片",
            "左圖取自維基百科，作者NIAID，CC BY 2.0；右圖取自facebook.com/joebiden",
            "左圖取自維基共享資源，作者Wakimasa，CC BY-SA 3.0",
            "左圖為指揮中心提供，右圖為中央社檔案照片",
        ] {
            let caption = format!("兩人將會面。（{credit}）");
            assert_eq!(
                parts(&caption),
                Some((Some("兩人將會面。"), credit)),
                "{caption}"
            );
        }
    }

    #[test]
    fn a_credit_the_caption_repeats_is_not_doubled() {
        let (mut caption, mut credit) = (
            Some("跑步能增强记忆（Credit：Getty Images）".to_string()),
            Some("Getty Images".to_string()),
        );
        super::move_credit(&mut caption, &mut credit, AGENCIES);
        assert_eq!(
            (caption.as_deref(), credit.as_deref()),
            (Some("跑步能增强记忆"), Some("Getty Images"))
        );
        let (mut caption, mut credit) = (
            Some("示意圖。（路透社）".to_string()),
            Some("AFP".to_string()),
        );
        super::move_credit(&mut caption, &mut credit, AGENCIES);
        assert_eq!(
            (caption.as_deref(), credit.as_deref()),
            (Some("示意圖。"), Some("路透社 AFP"))
        );
    }

    #[test]
    fn brackets_that_describe_the_picture_stay() {
        for caption in [
            "许智峯走出警署（图为许智峯）",
            "Le président (illustration)",
            "两位领导人握手（左）",
            "会议现场（资料图片）",
            "2020年的抗议（2020）",
            "一名男子说：“我们会回来的。”",
            "航拍图。",
            "民眾在車站前拍攝",
            "记者会拍攝",
            "澳大利亚总理莫里森(Scott Morrison)",
            "特朗普阵营的律师朱利安尼（Rudy Giuliani）与埃利斯（Jenna Ellis）",
            "两人握手（左为拜登，右为习近平）",
            "会场（上图为开幕式）",
            "（上海市政府提供的照片，摄于周一）会场",
            "记者会在台北举行。民众拍攝",
        ] {
            assert_eq!(split(caption), None, "{caption}");
        }
    }

    /// A credit of each form, as printed and as it lands in `credit`.
    fn credit() -> impl Strategy<Value = (String, String)> {
        prop_oneof![
            prop::sample::select(vec![
                "共同社",
                "路透",
                "半岛电视台",
                "社交网站",
                "AFP",
                "Getty Images",
                "新北市政府提供",
                "圖取自Pixabay圖庫",
                "Photo by Name/Getty Images",
                "图片来源：Reuters"
            ])
            .prop_flat_map(|name| prop::sample::select(vec![
                ("（", "）"),
                ("(", ")"),
                ("[", "]")
            ])
            .prop_map(move |(open, close)| (format!("{open}{name}{close}"), name.to_string()))),
            (
                prop::sample::select(vec!["中央社記者張三", "中央社記者李四"]),
                prop::sample::select(vec!["攝", "傳真"]),
                prop::sample::select(vec!["", " 110年4月15日", " 111年11月8日"])
            )
                .prop_map(|(who, how, date)| {
                    let line = format!("{who}{how}{date}");
                    (line.clone(), line)
                }),
            prop::sample::select(vec![
                "REUTERS/Brian Snyder",
                "AFP/Jane Doe",
                "EPA-EFE/Someone"
            ])
            .prop_map(|line| (line.to_string(), line.to_string())),
        ]
    }

    proptest! {
        /// Any caption sentence followed by any credit splits into the two, whatever the
        /// spacing between them.
        #[test]
        fn generated_captions_split_into_caption_and_credit(
            sentence in prop::sample::select(vec!["总统在记者会上发言。", "警方封锁现场", "民眾排隊接種疫苗。", "市民在街头庆祝"]),
            space in prop::sample::select(vec!["", " "]),
            (printed, expected) in credit(),
        ) {
            // A photographer's line is told from the caption by the sentence's end or a space.
            let space = if sentence.ends_with('。') { space } else { " " };
            let caption = format!("{sentence}{space}{printed}");
            let split = split(&caption);
            prop_assert_eq!(
                split,
                Some(Split { caption: Some(sentence.trim().to_string()), credit: expected })
            );
        }

        /// A caption without a credit is never cut.
        #[test]
        fn plain_sentences_are_not_split(
            words in prop::collection::vec(prop::sample::select(vec!["总统", "记者会", "发言", "警方", "封锁", "现场", "市民", "街头", "庆祝", "（左）", "(illustration)", "2020年", "拍攝"]), 1..8),
            end in prop::sample::select(vec!["", "。", "！"]),
        ) {
            let sentence = format!("{}{end}", words.concat());
            prop_assert_eq!(split(&sentence), None);
        }
    }
}

//! The `aj` source: its profile, as data.

use crate::explain::Destination;
use crate::extract::body::SourceBlock;
use crate::extract::profile::*;

pub(crate) const PROFILE: Profile = Profile {
    name: "aj",
    // The first folder past the common ones is the section (`/news/political/…`); `more`
    // is the menu's "更多" over its sections (`/more/women/…`, `/more/books/…`), no section.
    url_section: Some(UrlSection {
        site_folders: &["news", "amp", "articles", "more"],
        ..FIRST_FOLDER
    }),
    // `(路透)`, `(美联)`, `(法新)`: agencies by their short names under pictures.
    caption_credit_agencies: &["路透", "美联", "法新"],
    hosts: &["aljazeera.net"],
    url_languages: &[UrlLanguage {
        site: Some("chinese.aljazeera.net"),
        segments: &[],
        codes: LANGUAGE_CODES,
        otherwise: Some("zh-Hans"),
    }],
    marks: &["chinese.aljazeera.net"],
    url_date: UrlDate::Segments,
    // The closing attribution line `来源 : 半岛电视台＋通讯社`: the byline (as WSJ's
    // `（本文来自道琼斯通讯社）` is), never dropped as a label.
    byline_labels: &["来源", "來源"],
    // "Update", the label of live pages' lists of updates.
    furniture: &["阅读更多", "閱讀更多", "更新", "更新：", "更新:"],
    // The reporter and their place in bold under the lead image, before the text
    // (`<div><span><strong>希沙姆·阿布·马里亚姆-巴黎</strong></span></div>`, 2021–22).
    byline_bold_first: true,
    div_text_is_prose: true,
    // `list 1 of 4`: the related-articles box writes the position a screen reader
    // announces as text before each item's link.
    list_position_words: Some(["list", "of"]),
    block_rules: &[SourceRule {
        name: "editorial-disclaimer",
        summary: "a short line on the article itself that says it is not the channel's editorial position (`本文仅表达作者个人观点，并不反映半岛电视台编辑立场。`, in any wording): left out",
        rule: editorial_disclaimer,
    }],
    ..DEFAULT
};

/// What the opinion pages' disclaimer denies in every wording, after a "not" (`不`): the
/// channel's "editorial" position (`编辑立场`, `编辑的立场`, or in Traditional characters).
const EDITORIAL: [&str; 2] = ["编辑", "編輯"];

/// "Not", before the position: the disclaimer denies it.
const NOT: char = '不';

/// How the disclaimer opens: "this article" or "this report" (`本文`, `本报道`).
const ABOUT_THE_ARTICLE: [&str; 3] = ["本文", "本报道", "本報導"];

/// The disclaimer is one sentence or two: at most this many characters.
const DISCLAIMER_MAX_CHARS: usize = 80;

/// The disclaimer closing an opinion piece, in the twenty-odd wordings of the shared
/// months (`本文仅代表作者个人观点，不代表半岛电视台编辑立场`, `本文表达作者自身观点，并不代表半岛
/// 编辑立场`, `本报道译自“东亚论坛”，并不反映半岛电视台编辑立场。`): a short line that opens
/// on the article itself and says it is not the channel's editorial position. A list of its
/// wordings missed two of them (10 files); what each says does not change.
fn editorial_disclaimer(block: &mut SourceBlock<'_>) -> bool {
    let text = block.text.trim();
    let claimed = ABOUT_THE_ARTICLE
        .iter()
        .any(|opening| text.starts_with(opening))
        && EDITORIAL
            .iter()
            .any(|words| text.find(words).is_some_and(|at| text[..at].contains(NOT)))
        && text.chars().count() <= DISCLAIMER_MAX_CHARS;
    if claimed {
        let text = text.to_string();
        block.note(Destination::Furniture, || Some(text));
    }
    claimed
}

#[cfg(test)]
mod tests {
    /// The section of an Al Jazeera article at `path`.
    fn section(path: &str) -> Option<String> {
        let input = format!(
            "<!--1622505600000-->\n[T](https://chinese.aljazeera.net{path})\n------\n\n<p>正文。</p>"
        );
        crate::parse(&input, &Default::default()).unwrap().section
    }

    #[test]
    fn the_menu_s_more_folder_is_no_section() {
        assert_eq!(
            section("/news/political/2021/7/1/x").as_deref(),
            Some("political")
        );
        assert_eq!(section("/more/women/2021/7/1/x").as_deref(), Some("women"));
        assert_eq!(section("/more/2021/7/1/x"), None);
    }

    /// The paragraphs of an Al Jazeera article with `body` as its text.
    fn paragraphs(body: &str) -> Vec<String> {
        let input = format!(
            "<!--1622505600000-->\n[T](https://chinese.aljazeera.net/opinions/2021/7/1/x)\n------\n\n{body}"
        );
        crate::parse(&input, &Default::default())
            .unwrap()
            .paragraphs()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn the_editorial_disclaimer_is_left_out_in_any_wording() {
        for disclaimer in [
            "<h3>本文仅表达作者个人观点，并不反映半岛电视台编辑立场。</h3>",
            "<p>                本文表达作者自身观点，并不代表半岛编辑立场</p>",
            "<h3>本报道译自“东亚论坛”，并不反映半岛电视台编辑立场。</h3>",
            "<p>本文仅表达作者个人观点，并不代表半岛电视台编辑的立场。</p>",
            "<strong>本文所表达的观点是作者自己的观点，不代表半岛电视台的编辑立场。</strong>",
        ] {
            assert_eq!(
                paragraphs(&format!("<p>正文。</p>{disclaimer}")),
                ["正文。"],
                "{disclaimer}"
            );
        }
        // A sentence of the text about an editorial position stays.
        let text = "<p>本文作者认为，该报的编辑立场在过去十年间发生了明显变化。</p>";
        assert_eq!(
            paragraphs(text),
            ["本文作者认为，该报的编辑立场在过去十年间发生了明显变化。"]
        );
    }
}

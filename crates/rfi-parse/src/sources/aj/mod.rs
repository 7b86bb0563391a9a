//! The `aj` source: its profile, as data.

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
    // The opinion pages' disclaimer, closing the text in seven wordings over the shared
    // months (`本文仅代表作者个人观点，不代表半岛电视台编辑立场`, `本文仅表达作者观点，并不一定
    // 反映…`, `本文所表达观点并不一定代表…`).
    furniture_prefixes: &[
        "本文仅代表作者",
        "本文僅代表作者",
        "本文仅表达作者",
        "本文僅表達作者",
        "本文所表达",
        "本文所表達",
    ],
    // The reporter and their place in bold under the lead image, before the text
    // (`<div><span><strong>希沙姆·阿布·马里亚姆-巴黎</strong></span></div>`, 2021–22).
    byline_bold_first: true,
    div_text_is_prose: true,
    // `list 1 of 4`: the related-articles box writes the position a screen reader
    // announces as text before each item's link.
    list_position_words: Some(["list", "of"]),
    ..DEFAULT
};

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
}

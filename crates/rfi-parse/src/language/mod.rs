//! The words languages print around an article's text (picture credits, a note on the article's origin, a day's date form), as data the engine's grammars read: one module per language.
//!
//! The grammars (`extract/caption_credit.rs`, the closing attribution, the date reader) name
//! no word of any language; they take the union of what the languages below list, so a
//! caption or a note is read the same whichever source printed it. Adding a language is
//! adding a module and a line in [`LANGUAGES`]. trafilatura keeps its per-language lists
//! the same way.

mod en;
mod zh;

/// What one language writes a picture's credit with.
pub(crate) struct CreditWords {
    /// Openings of a bracket's content that say where a picture comes from (`圖取自`,
    /// `photo`), in lower case.
    pub(crate) source_openings: &'static [&'static str],
    /// Endings of a bracket's content, or of a photographer's line, that name who supplied
    /// or took the picture (`提供`, `攝`).
    pub(crate) supplier_endings: &'static [&'static str],
    /// Endings of a bracket's content that make it an agency or a medium (`社`, `電視台`).
    pub(crate) agency_endings: &'static [&'static str],
    /// Notes that a picture is from a supplier's files, after the supplier and a hyphen
    /// (`美联社-资料图`, `美联社-档案`); alone (`（资料图）`) they name no one.
    pub(crate) file_picture_notes: &'static [&'static str],
    /// Words of which a photographer's line outside brackets holds one: the newsroom's
    /// reporter or photographer, or its agency (`記者`).
    pub(crate) photographer_words: &'static [&'static str],
    /// Endings of a line that make it a sentence about filming, not a credit (`拍攝`).
    pub(crate) filming_endings: &'static [&'static str],
    /// Nouns that make a Latin name a picture agency's or a medium's (`Getty Images`).
    pub(crate) agency_nouns: &'static [&'static str],
    /// A composite picture's places (`左`), which may be followed by the word for a
    /// picture (`圖`) and then the word for "is" (`為`): `左圖為…`.
    pub(crate) places: &'static [char],
    pub(crate) picture_words: &'static [char],
    pub(crate) copulas: &'static [char],
}

/// What one language prints around an article's text.
pub(crate) struct Language {
    pub(crate) credits: CreditWords,
    /// Openings of a closing note in brackets on the article's own origin (`本文`: "this
    /// article …", `（本文译自MarketWatch。…）`), which may take a sentence or two.
    pub(crate) origin_note_openings: &'static [&'static str],
    /// Forms of a day printed alone, read with its spaces removed (`%Y年%m月%d日`).
    pub(crate) date_forms: &'static [&'static str],
    /// Words of which a label that sends the reader to another article holds one
    /// (`更多阅读：`, `延伸閱讀：`, `Read more:`), in lower case: a label without one
    /// (`食谱：`, a recipe's name in a list) introduces the article's own content.
    pub(crate) read_more_words: &'static [&'static str],
    /// Marks a wire service closes its dispatch with (`（完）`, "end"), glued to the last
    /// sentence or alone: the dispatch's furniture, not its text.
    pub(crate) closing_marks: &'static [&'static str],
    /// The marks after a date's year, month and day (`2021年4月15日`), when its date is
    /// written with marks rather than separators.
    pub(crate) date_marks: Option<[char; 3]>,
}

/// Every language the grammars know.
pub(crate) const LANGUAGES: &[&Language] = &[&zh::CHINESE, &en::ENGLISH];

/// The words every language lists in one of its credit lists.
pub(crate) fn credit_words(
    list: fn(&'static CreditWords) -> &'static [&'static str],
) -> impl Iterator<Item = &'static str> + Clone {
    LANGUAGES
        .iter()
        .flat_map(move |language| list(&language.credits).iter().copied())
}

/// Whether some language lists `c` in one of its composite-picture lists.
pub(crate) fn is_credit_char(list: fn(&'static CreditWords) -> &'static [char], c: char) -> bool {
    LANGUAGES
        .iter()
        .any(|language| list(&language.credits).contains(&c))
}

/// Whether `text` opens with a note on the article's own origin in some language.
pub(crate) fn is_origin_note(text: &str) -> bool {
    LANGUAGES
        .iter()
        .flat_map(|language| language.origin_note_openings)
        .any(|opening| text.starts_with(opening))
}

/// Whether a label sends the reader to another article in some language (`更多阅读：`).
pub(crate) fn is_read_more_label(label: &str) -> bool {
    let label = label.to_lowercase();
    LANGUAGES
        .iter()
        .flat_map(|language| language.read_more_words)
        .any(|word| label.contains(word))
}

/// The text before a dispatch's closing mark in some language (`…的校长。（完）`), and
/// the mark; `None` when `text` does not end with one.
pub(crate) fn split_closing_mark(text: &str) -> Option<(&str, &str)> {
    let trimmed = text.trim_end();
    LANGUAGES
        .iter()
        .flat_map(|language| language.closing_marks)
        .find_map(|mark| {
            let before = trimmed.strip_suffix(mark)?;
            Some((before.trim_end(), mark.trim()))
        })
}

/// The forms of a day printed alone that the languages write beside the numeric ones.
pub(crate) fn date_forms() -> impl Iterator<Item = &'static str> {
    LANGUAGES
        .iter()
        .flat_map(|language| language.date_forms.iter().copied())
}

/// The year, month and day marks of the languages that write dates with marks.
pub(crate) fn date_marks() -> impl Iterator<Item = [char; 3]> {
    LANGUAGES.iter().filter_map(|language| language.date_marks)
}

#[cfg(test)]
mod tests {
    use super::split_closing_mark;

    #[test]
    fn a_closing_mark_is_split_off_the_end_only() {
        assert_eq!(
            split_closing_mark("…名古屋造形大学的校长。（完）"),
            Some(("…名古屋造形大学的校长。", "（完）"))
        );
        assert_eq!(
            split_closing_mark("…可怕的冲击。”(完) "),
            Some(("…可怕的冲击。”", "(完)"))
        );
        assert_eq!(split_closing_mark("(完)"), Some(("", "(完)")));
        for kept in ["工程（完）成了一半。", "完", "（完成）", ""] {
            assert_eq!(split_closing_mark(kept), None, "{kept}");
        }
    }
}

//! English (and the Latin-script `foto` other European languages print): credit words.

use super::{CreditWords, Language};

pub(crate) const ENGLISH: Language = Language {
    credits: CreditWords {
        source_openings: &[
            "photo",
            "credit",
            "image",
            "source",
            "foto",
            "wikipedia",
            "wikimedia",
        ],
        supplier_endings: &[],
        agency_endings: &[],
        file_picture_notes: &["file"],
        photographer_words: &[],
        filming_endings: &[],
        agency_nouns: &[
            "Images", "Media", "Photo", "Photos", "Press", "Agency", "News", "Library", "Stock",
        ],
        places: &[],
        picture_words: &[],
        copulas: &[],
    },
    origin_note_openings: &[],
    read_more_words: &["read", "related", "see also"],
    closing_marks: &[],
    date_forms: &[],
    date_marks: None,
};

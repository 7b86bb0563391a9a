//! The extraction's thresholds, named in one place (trafilatura's `settings.py` is the model).
//!
//! Every length is counted in characters (Unicode scalar values), not bytes, unless its
//! name says otherwise. Changing one changes outputs: the corpus diff is its review.

/// A date line is a short block: at most this many characters (`12/06/2023 - 17:21`,
/// DW's `William Yang 2023-07-01T12:30:02.493Z`).
pub(crate) const DATE_LINE_MAX_CHARS: usize = 64;

/// Bytes of the body's head searched for the `</div>` that ends an opening date line
/// when the profile is chosen by markup.
pub(crate) const OPENING_DATE_LINE_MAX_BYTES: usize = 64;

/// Bare text of at least this many characters reads as prose even without a sentence
/// mark.
pub(crate) const PROSE_MIN_CHARS: usize = 20;

/// Left-out text is reported (`dropped-prose`) only from this many characters on, and
/// only when it ends as a sentence does.
pub(crate) const DROPPED_PROSE_MIN_CHARS: usize = 40;

/// Left-out text whose first this-many non-space characters open a paragraph is in the
/// article anyway (WSJ's summary, repeated with a name in brackets).
pub(crate) const DROPPED_OPENING_CHARS: usize = 24;

/// A block right after a picture (`<small>`, a `*caption*` class) captions it up to this
/// many characters: agency captions run long (600 under an Al Jazeera lead image).
pub(crate) const CAPTION_AFTER_PICTURE_MAX_CHARS: usize = 1000;

/// A caption written beside its picture in a wrapper of two `<div>`s (BBC) is at most
/// this long.
pub(crate) const CAPTION_BESIDE_MAX_CHARS: usize = 300;

/// A block that repeats a picture's `alt` is its caption from this many characters on
/// (a shorter one, `相机胶卷`, is as likely a label).
pub(crate) const CAPTION_REPEATING_ALT_MIN_CHARS: usize = 8;

/// An image-source line names its source in fewer characters than this.
pub(crate) const IMAGE_CREDIT_MAX_CHARS: usize = 100;

/// A label that opens a list of related links (`更多俄乌局势最新动态请见：`) is at most
/// this long.
pub(crate) const RELATED_LINKS_LABEL_MAX_CHARS: usize = 30;

/// A label that opens a paragraph of one related link (`更多阅读：`, `延伸閱讀：`) holds at
/// most this many characters with its colon: a longer one is a sentence's start (a
/// quotation's speaker, `习近平表示：`, may be longer).
pub(crate) const READ_MORE_LABEL_MAX_CHARS: usize = 8;

/// A link's text reads as another article's headline from this many characters on.
pub(crate) const HEADLINE_LINK_MIN_CHARS: usize = 6;

/// A closing attribution in parentheses (`（综合报道）`) is at most this long…
pub(crate) const ATTRIBUTION_MAX_CHARS: usize = 40;
/// A name in a closing credit of names between slashes (`李京慧/洪沙`) holds at most this
/// many characters: Chinese names and transcribed ones (`杨威廉`, `阿曼亭`).
pub(crate) const CREDIT_NAME_MAX_CHARS: usize = 6;

/// …or this long when it is a note on the article's own origin (`（本文译自…）`).
pub(crate) const ORIGIN_NOTE_MAX_CHARS: usize = 120;

/// A newsroom credit in parentheses names people in at most this many characters.
pub(crate) const CREDIT_NAMES_MAX_CHARS: usize = 60;

/// A byline line by its label (`編輯：李向陽　網編：程皓楠`) is at most this long.
pub(crate) const BYLINE_LINE_MAX_CHARS: usize = 80;

/// A byline's name is looked for in a closing note in italics from this many characters
/// on (`长平`; a single character names no one).
pub(crate) const AUTHOR_NAME_MIN_CHARS: usize = 2;

/// A `<blockquote>` is a pull quote, the article's own words set apart again, when one
/// paragraph of the article prints at least this share of its word pairs (pairs of Han
/// characters, of words elsewhere): Al Jazeera rewords its pull quotes slightly (0.76 to
/// 1 over the shared months). A summary drawn from several paragraphs (CNA's feature
/// standfirst, 0.59) or a quotation the text does not print again shares less.
pub(crate) const PULL_QUOTE_MIN_SHARED_PAIRS: f64 = 0.75;

/// …and it holds at least this many word pairs, so that a short quote shares them by more
/// than chance (an exact copy of a paragraph is a pull quote at any length).
pub(crate) const PULL_QUOTE_MIN_PAIRS: usize = 10;

/// The near-copy search may look up this many pairs per word pair of the article's
/// paragraphs: enough for a page of dozens of quotes, a bound for a page of thousands.
pub(crate) const PULL_QUOTE_LOOKUPS_PER_PAIR: usize = 64;

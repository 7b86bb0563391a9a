//! Parse errors: each kind names the document problem and the line it was found on.

use thiserror::Error;

/// Why an archive file could not be read as an article: what is wrong, and the 1-based
/// line it was found on (the binary prints `FILE:LINE: message`).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{kind}")]
#[non_exhaustive]
pub struct ParseError {
    /// The 1-based line of the problem.
    pub line: usize,
    /// What the problem is.
    pub kind: ParseErrorKind,
}

impl ParseError {
    pub(crate) fn new(line: usize, kind: ParseErrorKind) -> Self {
        Self { line, kind }
    }

    /// The 1-based line number the problem was found on (as the `line` field).
    pub fn line(&self) -> usize {
        self.line
    }
}

/// What makes a file no archive article.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The file holds nothing but whitespace.
    #[error("empty file")]
    EmptyFile,
    /// The bytes are not UTF-8 (the first bad sequence at `offset`), and no byte-order
    /// mark names another encoding, and detection finds no CJK encoding that decodes
    /// them all.
    #[error("invalid UTF-8 at byte {offset}, and no CJK encoding decodes the file")]
    Undecodable {
        /// The first invalid byte's offset in the file.
        offset: usize,
    },
    /// The bytes are not UTF-8 (the first bad sequence at `offset`), and their text beyond
    /// ASCII (`bytes`) is too little for detection to tell one CJK encoding from another
    /// (two or three characters were read in the wrong one about one time in five), or
    /// reads as the script of more than one language, or not as the script of the
    /// encoding detected or of the language the article's address names; or they are
    /// valid UTF-8 without a CJK letter (from the first byte beyond ASCII at `offset`)
    /// where the address names a CJK language whose encodings read them as its script.
    #[error(
        "cannot tell the encoding from byte {offset} on ({bytes} bytes beyond ASCII): give it with --encoding"
    )]
    EncodingUncertain {
        /// The first invalid byte's offset in the file.
        offset: usize,
        /// How many bytes are not ASCII.
        bytes: usize,
    },
    /// Line 1 is not an `<!--…-->` comment.
    #[error("missing timestamp: expected `<!--EPOCH-MS-->`, found {found:?}")]
    MissingTimestamp {
        /// The start of what the line holds instead.
        found: String,
    },
    /// Line 1 is a comment, but not a whole number of milliseconds in range.
    #[error("invalid timestamp {value:?}: {reason}")]
    InvalidTimestamp {
        /// The comment's text.
        value: String,
        /// Why it is no timestamp.
        reason: &'static str,
    },
    /// Line 2 is not a `[TITLE](URL)` link.
    #[error("missing link line: expected `[TITLE](URL)`, found {found:?}")]
    MissingLink {
        /// The start of what the line holds instead.
        found: String,
    },
    /// A post's `---` front matter is not YAML, or is never closed.
    #[error("invalid front matter: {message}")]
    InvalidFrontMatter {
        /// What the YAML reader says.
        message: String,
    },
    /// A post's front matter lacks a field the article needs (`title`, `date`).
    #[error("front matter has no `{field}`")]
    MissingFrontMatterField {
        /// The missing field.
        field: &'static str,
    },
    /// Line 3 is not the `------` separator.
    #[error("missing separator: expected `------`, found {found:?}")]
    MissingSeparator {
        /// The start of what the line holds instead.
        found: String,
    },
}

/// An option that names nothing this library knows.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum OptionError {
    /// Not an IANA time zone name.
    #[error("unknown time zone {0:?} (use an IANA name such as Europe/Paris)")]
    UnknownZone(String),
    /// Not a WHATWG encoding label.
    #[error("unknown encoding {0:?} (use a label such as utf-8, gb18030 or big5)")]
    UnknownEncoding(String),
    /// Not the name of a source profile.
    #[error("unknown profile {0:?} (known: {known})", known = crate::extract::profile_names().join(", "))]
    UnknownProfile(String),
}

/// Shortens a line quoted in an error message so that a binary blob never floods stderr.
pub(crate) fn excerpt(line: &str) -> String {
    const MAX_CHARS: usize = 60;
    match line.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_string(),
    }
}

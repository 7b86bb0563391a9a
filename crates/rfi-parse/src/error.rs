//! Parse errors: each kind names the document problem and the line it was found on.

use thiserror::Error;

/// Why an archive file could not be read as an article.
///
/// Every variant carries the 1-based line number where the problem is; the binary
/// prints it as `FILE:LINE: message`.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ParseError {
    /// The file holds nothing but whitespace.
    #[error("empty file")]
    EmptyFile {
        /// The line (1).
        line: usize,
    },
    /// The bytes are not valid UTF-8, nor text in an encoding that detection accepts.
    #[error("invalid UTF-8 at byte {offset}")]
    InvalidUtf8 {
        /// The line of the first invalid byte.
        line: usize,
        /// The first invalid byte's offset in the file.
        offset: usize,
    },
    /// Line 1 is not an `<!--…-->` comment.
    #[error("missing timestamp: expected `<!--EPOCH-MS-->`, found {found:?}")]
    MissingTimestamp {
        /// The line (1).
        line: usize,
        /// The start of what the line holds instead.
        found: String,
    },
    /// Line 1 is a comment, but not a whole number of milliseconds in range.
    #[error("invalid timestamp {value:?}: {reason}")]
    InvalidTimestamp {
        /// The line (1).
        line: usize,
        /// The comment's text.
        value: String,
        /// Why it is no timestamp.
        reason: &'static str,
    },
    /// Line 2 is not a `[TITLE](URL)` link.
    #[error("missing link line: expected `[TITLE](URL)`, found {found:?}")]
    MissingLink {
        /// The line (2).
        line: usize,
        /// The start of what the line holds instead.
        found: String,
    },
    /// A post's `---` front matter is not YAML, or is never closed.
    #[error("invalid front matter: {message}")]
    InvalidFrontMatter {
        /// The line of the problem.
        line: usize,
        /// What the YAML reader says.
        message: String,
    },
    /// A post's front matter lacks a field the article needs (`title`, `date`).
    #[error("front matter has no `{field}`")]
    MissingFrontMatterField {
        /// The line of the front matter's start.
        line: usize,
        /// The missing field.
        field: &'static str,
    },
    /// Line 3 is not the `------` separator.
    #[error("missing separator: expected `------`, found {found:?}")]
    MissingSeparator {
        /// The line (3).
        line: usize,
        /// The start of what the line holds instead.
        found: String,
    },
}

impl ParseError {
    /// The 1-based line number the problem was found on.
    pub fn line(&self) -> usize {
        match *self {
            ParseError::EmptyFile { line }
            | ParseError::InvalidUtf8 { line, .. }
            | ParseError::MissingTimestamp { line, .. }
            | ParseError::InvalidTimestamp { line, .. }
            | ParseError::MissingLink { line, .. }
            | ParseError::MissingSeparator { line, .. }
            | ParseError::InvalidFrontMatter { line, .. }
            | ParseError::MissingFrontMatterField { line, .. } => line,
        }
    }
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

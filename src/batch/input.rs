//! One input to convert, a file or standard input, and its bytes read within a size limit.

use std::fs;
use std::io;
use std::path::PathBuf;

/// One input to convert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input, named `-`.
    Stdin,
    /// A file, and where its output goes below `--out-dir`.
    File { path: PathBuf, relative: PathBuf },
}

/// The extensions Jekyll reads as Markdown (its `markdown_ext` default).
pub const MARKDOWN_EXTENSIONS: &[&str] = &["md", "markdown", "mkdown", "mkdn", "mkd"];

impl Input {
    /// What the input's body is written in, by its name: Markdown for the extensions
    /// Jekyll reads as Markdown, else HTML (standard input too).
    pub fn body_markup(&self) -> rfi_parse::BodyMarkup {
        match self {
            Input::File { path, .. }
                if path.extension().is_some_and(|extension| {
                    MARKDOWN_EXTENSIONS
                        .iter()
                        .any(|md| extension.eq_ignore_ascii_case(md))
                }) =>
            {
                rfi_parse::BodyMarkup::Markdown
            }
            _ => rfi_parse::BodyMarkup::Html,
        }
    }

    /// The name used in `source` and in error messages: the path as given or as walked.
    pub fn source(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File { path, .. } => super::display::display_path(path),
        }
    }

    /// The input's bytes, at most `limit` of them, and its modification time: a larger
    /// input (or an endless one, such as `/dev/zero` or a FIFO that never closes its
    /// writer end) is refused once the limit is passed, without reading further.
    pub fn read(&self, limit: u64) -> io::Result<Contents> {
        let mut bytes = Vec::new();
        let mut modified = None;
        let read = match self {
            Input::Stdin => io::Read::read_to_end(
                &mut io::Read::take(io::stdin().lock(), limit.saturating_add(1)),
                &mut bytes,
            ),
            Input::File { path, .. } => {
                let file = fs::File::open(path)?;
                // The open file's own time, taken before the read: an edit during the
                // read leaves the file newer than what `--update` records of it.
                let meta = file.metadata()?;
                if meta.is_dir() {
                    return Err(io::Error::new(io::ErrorKind::IsADirectory, "is a folder"));
                }
                modified = super::stamp::modified_of(&meta);
                // Sized from the file's length, a regular file is read in one or two calls.
                bytes.reserve_exact(meta.len().min(limit) as usize + 1);
                io::Read::read_to_end(
                    &mut io::Read::take(file, limit.saturating_add(1)),
                    &mut bytes,
                )
            }
        };
        read?;
        if bytes.len() as u64 > limit {
            return Err(io::Error::new(
                io::ErrorKind::FileTooLarge,
                format!("too large: over {limit} bytes (see --max-size)"),
            ));
        }
        Ok(Contents { bytes, modified })
    }
}

/// What [`Input::read`] gives.
pub struct Contents {
    /// The bytes as read.
    pub bytes: Vec<u8>,
    /// When the file was last modified, as `--update`'s stamp keeps it, taken from the
    /// open file before its bytes were read (`None` for standard input, or where the
    /// file system gives no time).
    pub modified: Option<u128>,
}

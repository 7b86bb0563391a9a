//! Input enumeration: paths, folders walked in sorted order, standard input, path lists.

use std::fs;
use std::io::{self, BufRead};
use std::path::{Component, Path, PathBuf};

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
            Input::File { path, .. } => display_path(path),
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

/// An input that could not even be listed: a missing path, an unreadable folder, a
/// symbolic-link loop, or something that is not a regular file.
#[derive(Debug)]
pub struct WalkError {
    pub source: String,
    pub error: io::Error,
}

/// Which files a folder walk takes: a shell glob (`*.txt`, `rfi_*.{txt,html}`, `[a-c]*`)
/// matched against the file name, or, when it holds a `/`, against the path below the
/// folder argument (`2023-*/**/*.txt`).
#[derive(Debug, Clone)]
pub struct Pattern {
    /// Shared: every path argument (every file of a list) makes a walk with the pattern.
    matcher: std::sync::Arc<globset::GlobMatcher>,
    on_path: bool,
}

impl Pattern {
    pub fn new(glob: &str) -> Result<Self, globset::Error> {
        let on_path = glob.contains('/');
        let matcher = globset::GlobBuilder::new(glob)
            .literal_separator(true)
            .backslash_escape(true)
            .build()?
            .compile_matcher();
        Ok(Self {
            matcher: std::sync::Arc::new(matcher),
            on_path,
        })
    }

    /// The glob as given.
    pub fn glob(&self) -> &str {
        self.matcher.glob().glob()
    }

    fn matches(&self, relative: &Path) -> bool {
        if self.on_path {
            self.matcher.is_match(relative)
        } else {
            relative
                .file_name()
                .is_some_and(|name| self.matcher.is_match(name))
        }
    }
}

/// The inputs of one path argument: a file, a folder walked recursively, or `-`.
///
/// Lazy, so that memory does not grow with the number of files: walkdir holds only the
/// folders on the current path, each sorted by name, which yields sorted path order. It
/// follows symbolic links and reports a link back to a folder being walked as a loop.
pub struct Walk {
    root: PathBuf,
    pattern: Pattern,
    /// A folder never descended into (the output folder, canonicalized).
    skip: Option<PathBuf>,
    state: State,
}

enum State {
    Start,
    Walking(Box<dyn Iterator<Item = walkdir::Result<walkdir::DirEntry>> + Send>),
    Done,
}

impl std::fmt::Debug for Walk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Walk")
            .field("root", &self.root)
            .finish_non_exhaustive()
    }
}

impl Walk {
    /// Walks `root`, keeping the files of folders that `pattern` matches; without one,
    /// `*.txt` archive files, or every post Jekyll builds (`*.html` and the Markdown
    /// extensions) when `root` is a Jekyll `_posts` folder.
    pub fn new(root: &Path, pattern: Option<&Pattern>) -> Self {
        // The defaults are compiled once: a glob compiles to a regex, and a list of files
        // makes a walk per file.
        static TXT: std::sync::OnceLock<Pattern> = std::sync::OnceLock::new();
        static HTML: std::sync::OnceLock<Pattern> = std::sync::OnceLock::new();
        let pattern = pattern.cloned().unwrap_or_else(|| {
            if root.file_name().is_some_and(|name| name == "_posts") {
                HTML.get_or_init(|| {
                    Pattern::new("*.{html,md,markdown,mkdown,mkdn,mkd}").expect("a valid glob")
                })
                .clone()
            } else {
                TXT.get_or_init(|| Pattern::new("*.txt").expect("a valid glob"))
                    .clone()
            }
        });
        Self {
            root: root.to_path_buf(),
            pattern,
            skip: None,
            state: State::Start,
        }
    }

    /// Never descends into `folder` (so that outputs written there are not read back).
    pub fn skipping(mut self, folder: Option<&Path>) -> Self {
        self.skip = folder.and_then(|folder| fs::canonicalize(folder).ok());
        self
    }

    fn start(&mut self) -> Option<Result<Input, WalkError>> {
        let root = &self.root;
        if root.as_os_str() == "-" {
            self.state = State::Done;
            return Some(Ok(Input::Stdin));
        }
        match fs::metadata(root) {
            Ok(meta) if meta.is_dir() => {
                let skip = self.skip.clone();
                let walk = walkdir::WalkDir::new(root)
                    .follow_links(true)
                    // Siblings share their parent's path, so comparing whole paths orders
                    // them by name, without splitting each into components per comparison
                    // (which `sort_by_file_name` does, at 7,000 instructions a file).
                    .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
                    .into_iter()
                    .filter_entry(move |entry| {
                        let is_skipped = entry.file_type().is_dir()
                            && skip.is_some()
                            && fs::canonicalize(entry.path()).ok() == skip;
                        !is_skipped
                    });
                self.state = State::Walking(Box::new(walk));
                self.next_walked()
            }
            Ok(_) => {
                self.state = State::Done;
                Some(Ok(Input::File {
                    path: root.clone(),
                    relative: PathBuf::from(root.file_name().unwrap_or(root.as_os_str())),
                }))
            }
            Err(error) => {
                self.state = State::Done;
                Some(Err(walk_error(root, error)))
            }
        }
    }

    fn next_walked(&mut self) -> Option<Result<Input, WalkError>> {
        let State::Walking(walk) = &mut self.state else {
            return None;
        };
        for entry in walk.by_ref() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => return Some(Err(walkdir_error(&self.root, error))),
            };
            let file_type = entry.file_type();
            if file_type.is_dir() {
                continue;
            }
            let below = entry
                .path()
                .strip_prefix(&self.root)
                .unwrap_or(entry.path());
            if !self.pattern.matches(below) {
                continue;
            }
            if !file_type.is_file() {
                // A FIFO would block the run and a device would never end.
                return Some(Err(walk_error(
                    entry.path(),
                    io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"),
                )));
            }
            let relative = root_name(&self.root).join(below);
            return Some(Ok(Input::File {
                path: entry.into_path(),
                relative,
            }));
        }
        self.state = State::Done;
        None
    }
}

impl Iterator for Walk {
    type Item = Result<Input, WalkError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.state {
            State::Start => self.start(),
            State::Walking(_) => self.next_walked(),
            State::Done => None,
        }
    }
}

/// The folder argument's own last component, which outputs keep (as `cp -r` does):
/// `archive/nhk` gives `nhk`; `.`, `..` and `/` give nothing.
fn root_name(root: &Path) -> PathBuf {
    match root.components().next_back() {
        Some(Component::Normal(name)) => PathBuf::from(name),
        _ => PathBuf::new(),
    }
}

fn walk_error(path: &Path, error: io::Error) -> WalkError {
    WalkError {
        source: display_path(path),
        error,
    }
}

fn walkdir_error(root: &Path, error: walkdir::Error) -> WalkError {
    let path = error.path().unwrap_or(root).to_path_buf();
    let error = match error.loop_ancestor() {
        Some(ancestor) => io::Error::other(format!(
            "symbolic link loop: leads back to {}",
            display_path(ancestor)
        )),
        None => error
            .into_io_error()
            .unwrap_or_else(|| io::Error::other("cannot walk")),
    };
    walk_error(&path, error)
}

/// A path as messages and `source` fields show it: control characters and bytes that
/// are not UTF-8 escaped (`\n`, `\u{1b}`, `\xe9`), as `ls -b` does, so that a file name
/// can neither forge an error line nor reach a terminal raw.
pub fn display_path(path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    // The usual name: UTF-8 without a control character (C0, DEL, or C1, which UTF-8
    // writes as 0xC2 0x80–0x9F), shown as it is.
    let has_control = bytes.iter().any(|&b| b < 0x20 || b == 0x7f)
        || bytes
            .windows(2)
            .any(|pair| pair[0] == 0xc2 && (0x80..0xa0).contains(&pair[1]));
    if !has_control && let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    let mut shown = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\n' => shown.push_str("\\n"),
                '\t' => shown.push_str("\\t"),
                '\r' => shown.push_str("\\r"),
                c if c.is_control() => {
                    let _ = std::fmt::Write::write_fmt(
                        &mut shown,
                        format_args!("\\u{{{:x}}}", c as u32),
                    );
                }
                c => shown.push(c),
            }
        }
        for byte in chunk.invalid() {
            let _ = std::fmt::Write::write_fmt(&mut shown, format_args!("\\x{byte:02x}"));
        }
    }
    shown
}

/// The longest path a `--files-from` list may hold (Linux's PATH_MAX is 4,096).
const MAX_LIST_LINE: usize = 64 * 1024;

/// Reads a list of paths, one per line or NUL-separated, lazily.
pub fn path_list(mut reader: impl BufRead, nul: bool) -> impl Iterator<Item = io::Result<PathBuf>> {
    let separator = if nul { b'\0' } else { b'\n' };
    let mut done = false;
    // Empty items in a row: an endless stream of separators (`/dev/zero` with `-0`)
    // holds no path and must not spin forever.
    let mut empty_run = 0usize;
    std::iter::from_fn(move || {
        while !done {
            let mut bytes = Vec::new();
            // Each item is read with a bound, so an endless line cannot fill memory.
            let read = io::Read::take(&mut reader, MAX_LIST_LINE as u64 + 1)
                .read_until(separator, &mut bytes);
            match read {
                Err(error) => {
                    done = true;
                    return Some(Err(error));
                }
                Ok(0) => done = true,
                Ok(_) => {
                    let ended = bytes.last() == Some(&separator);
                    if ended {
                        bytes.pop();
                    } else if bytes.len() > MAX_LIST_LINE {
                        done = true;
                        return Some(Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            format!("a listed path is longer than {MAX_LIST_LINE} bytes"),
                        )));
                    }
                    if !nul && bytes.last() == Some(&b'\r') {
                        bytes.pop();
                    }
                    if bytes.is_empty() {
                        empty_run += 1;
                        if empty_run > MAX_EMPTY_ITEMS {
                            done = true;
                            return Some(Err(io::Error::new(
                                io::ErrorKind::InvalidData,
                                format!(
                                    "over {MAX_EMPTY_ITEMS} empty items in a row: no list of paths"
                                ),
                            )));
                        }
                        continue;
                    }
                    empty_run = 0;
                    return Some(Ok(path_from_bytes(bytes)));
                }
            }
        }
        None
    })
}

/// Empty items in a row that end a list as no list at all.
const MAX_EMPTY_ITEMS: usize = 1 << 20;

#[cfg(unix)]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_lists_split_on_newline_or_nul() {
        let lines: Vec<_> = path_list(&b"a.txt\r\n\nb c.txt\n"[..], false)
            .map(Result::unwrap)
            .collect();
        assert_eq!(lines, [PathBuf::from("a.txt"), PathBuf::from("b c.txt")]);
        let nul: Vec<_> = path_list(&b"a\nb.txt\0c.txt\0"[..], true)
            .map(Result::unwrap)
            .collect();
        assert_eq!(nul, [PathBuf::from("a\nb.txt"), PathBuf::from("c.txt")]);
    }

    #[test]
    fn patterns_match_names_or_paths() {
        let txt = Pattern::new("*.txt").unwrap();
        assert!(txt.matches(Path::new("a/b.txt")));
        assert!(!txt.matches(Path::new("a/b.txt.bak")));
        let class = Pattern::new("[s]*.{txt,html}").unwrap();
        assert!(class.matches(Path::new("story.html")));
        assert!(!class.matches(Path::new("news.txt")));
        let on_path = Pattern::new("2023-*/**/*.txt").unwrap();
        assert!(on_path.matches(Path::new("2023-07/rfi/a.txt")));
        assert!(!on_path.matches(Path::new("2021-01/a.txt")));
        assert!(Pattern::new("[a").is_err());
    }

    #[test]
    fn outputs_keep_the_folder_arguments_last_component() {
        assert_eq!(root_name(Path::new("archive/nhk")), PathBuf::from("nhk"));
        assert_eq!(root_name(Path::new("archive/nhk/")), PathBuf::from("nhk"));
        assert_eq!(root_name(Path::new("/abs/a")), PathBuf::from("a"));
        assert_eq!(root_name(Path::new(".")), PathBuf::new());
        assert_eq!(root_name(Path::new("..")), PathBuf::new());
        assert_eq!(root_name(Path::new("/")), PathBuf::new());
    }

    #[cfg(unix)]
    #[test]
    fn names_are_escaped_for_display() {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"z\nforged\x1b[31m caf\xe9.txt");
        assert_eq!(
            display_path(Path::new(name)),
            "z\\nforged\\u{1b}[31m caf\\xe9.txt"
        );
        assert_eq!(display_path(Path::new("新闻/a.txt")), "新闻/a.txt");
        // C1 controls and DEL are escaped too; a character after 0xC2 that is none stays.
        assert_eq!(
            display_path(Path::new("a\u{85}b\u{7f}")),
            "a\\u{85}b\\u{7f}"
        );
        assert_eq!(display_path(Path::new("¡a\u{a0}")), "¡a\u{a0}");
    }
}

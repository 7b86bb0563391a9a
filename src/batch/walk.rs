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

impl Input {
    /// The name used in `source` and in error messages: the path as given or as walked.
    pub fn source(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File { path, .. } => path.display().to_string(),
        }
    }

    /// The input's bytes.
    pub fn read(&self) -> io::Result<Vec<u8>> {
        match self {
            Input::Stdin => {
                let mut bytes = Vec::new();
                io::Read::read_to_end(&mut io::stdin().lock(), &mut bytes)?;
                Ok(bytes)
            }
            Input::File { path, .. } => fs::read(path),
        }
    }
}

/// An input that could not even be listed: a missing path or an unreadable folder.
#[derive(Debug)]
pub struct WalkError {
    pub source: String,
    pub error: io::Error,
}

/// The inputs of one path argument: a file, a folder walked recursively, or `-`.
///
/// Lazy, so that memory does not grow with the number of files: only the folders on
/// the current path are held, each sorted by name, which yields sorted path order.
#[derive(Debug)]
pub struct Walk {
    root: PathBuf,
    started: bool,
    pattern: String,
    /// A folder never descended into (the output folder, canonicalized).
    skip: Option<PathBuf>,
    /// Per open folder, its remaining entries in reverse order (so `pop` is next).
    stack: Vec<Vec<Entry>>,
}

impl Walk {
    /// Walks `root`, keeping files in folders whose name matches the glob `pattern`.
    pub fn new(root: &Path, pattern: &str) -> Self {
        Self {
            root: root.to_path_buf(),
            started: false,
            pattern: pattern.to_string(),
            skip: None,
            stack: Vec::new(),
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
            return Some(Ok(Input::Stdin));
        }
        match fs::metadata(root) {
            Ok(meta) if meta.is_dir() => match sorted_entries(root) {
                Ok(entries) => {
                    self.stack.push(entries);
                    self.next_walked()
                }
                Err(error) => Some(Err(walk_error(root, error))),
            },
            Ok(_) => Some(Ok(Input::File {
                path: root.clone(),
                relative: relative_for_file(root),
            })),
            Err(error) => Some(Err(walk_error(root, error))),
        }
    }

    fn next_walked(&mut self) -> Option<Result<Input, WalkError>> {
        loop {
            let top = self.stack.last_mut()?;
            let Some(Entry { path, is_dir, .. }) = top.pop() else {
                self.stack.pop();
                continue;
            };
            let is_dir = match is_dir {
                Some(is_dir) => is_dir,
                // A symbolic link: follow it.
                None => match fs::metadata(&path) {
                    Ok(meta) => meta.is_dir(),
                    Err(error) => return Some(Err(walk_error(&path, error))),
                },
            };
            if is_dir {
                if self.skip.is_some() && fs::canonicalize(&path).ok() == self.skip {
                    continue;
                }
                match sorted_entries(&path) {
                    Ok(entries) => self.stack.push(entries),
                    Err(error) => return Some(Err(walk_error(&path, error))),
                }
            } else if path
                .file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| glob_match(&self.pattern, name))
            {
                let relative = path.strip_prefix(&self.root).unwrap_or(&path).to_path_buf();
                return Some(Ok(Input::File { path, relative }));
            }
        }
    }
}

impl Iterator for Walk {
    type Item = Result<Input, WalkError>;

    fn next(&mut self) -> Option<Self::Item> {
        if !self.started {
            self.started = true;
            return self.start();
        }
        self.next_walked()
    }
}

/// A folder entry, with whether it is a folder when that is known without following a link.
#[derive(Debug)]
struct Entry {
    path: PathBuf,
    name: std::ffi::OsString,
    is_dir: Option<bool>,
}

/// A folder's entries, sorted by name, reversed so that `pop` yields them in order.
fn sorted_entries(dir: &Path) -> io::Result<Vec<Entry>> {
    let mut entries = fs::read_dir(dir)?
        .map(|entry| {
            let entry = entry?;
            // The type read with the folder listing costs no extra system call.
            let file_type = entry.file_type()?;
            let is_dir = (!file_type.is_symlink()).then_some(file_type.is_dir());
            Ok(Entry {
                path: entry.path(),
                name: entry.file_name(),
                is_dir,
            })
        })
        .collect::<io::Result<Vec<_>>>()?;
    // Entries share their folder, so their names order them; comparing names as bytes is
    // much cheaper than comparing paths component by component.
    entries.sort_unstable_by(|a, b| b.name.as_encoded_bytes().cmp(a.name.as_encoded_bytes()));
    Ok(entries)
}

fn walk_error(path: &Path, error: io::Error) -> WalkError {
    WalkError {
        source: path.display().to_string(),
        error,
    }
}

/// Where a file named on the command line goes below `--out-dir`: its path as given when
/// that stays inside (relative, no `..`), else only its file name.
fn relative_for_file(path: &Path) -> PathBuf {
    let inside = path
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if inside {
        path.components()
            .filter(|c| matches!(c, Component::Normal(_)))
            .collect()
    } else {
        PathBuf::from(path.file_name().unwrap_or(path.as_os_str()))
    }
}

/// Reads a list of paths, one per line or NUL-separated, lazily.
pub fn path_list(reader: impl BufRead, nul: bool) -> impl Iterator<Item = io::Result<PathBuf>> {
    reader
        .split(if nul { b'\0' } else { b'\n' })
        .filter_map(move |item| {
            let mut bytes = match item {
                Ok(bytes) => bytes,
                Err(error) => return Some(Err(error)),
            };
            if !nul && bytes.last() == Some(&b'\r') {
                bytes.pop();
            }
            (!bytes.is_empty()).then(|| Ok(path_from_bytes(bytes)))
        })
}

#[cfg(unix)]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

/// Matches a file name against a shell pattern with `*` and `?`, without allocating.
pub fn glob_match(pattern: &str, name: &str) -> bool {
    // Byte offsets into both; after a mismatch, the last `*` takes one more character.
    let (mut p, mut n) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while let Some(c) = name[n..].chars().next() {
        match pattern[p..].chars().next() {
            Some('*') => {
                star = Some((p, n));
                p += 1;
            }
            Some(want) if want == '?' || want == c => {
                p += want.len_utf8();
                n += c.len_utf8();
            }
            _ => match star {
                Some((star_at, taken)) => {
                    let skipped = name[taken..].chars().next().map_or(1, char::len_utf8);
                    star = Some((star_at, taken + skipped));
                    (p, n) = (star_at + 1, taken + skipped);
                }
                None => return false,
            },
        }
    }
    pattern[p..].chars().all(|c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_patterns() {
        assert!(glob_match("*.txt", "a.txt"));
        assert!(glob_match("*.txt", ".txt"));
        assert!(!glob_match("*.txt", "a.txt.bak"));
        assert!(glob_match("rfi_*_??.txt", "rfi_2023_ab.txt"));
        assert!(glob_match("*", "anything"));
        assert!(!glob_match("a*b*c", "abx"));
        assert!(glob_match("a*b*c", "axxbyyc"));
        assert!(glob_match("a.txt", "a.txt"));
        assert!(!glob_match("a.txt", "a.txt2"));
        assert!(!glob_match("ab*ba", "aba"));
        assert!(glob_match("ab*ba", "abba"));
        assert!(glob_match("*中*", "新中文.txt"));
        assert!(glob_match("?文.txt", "中文.txt"));
        assert!(!glob_match("?.txt", "中文.txt"));
    }

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
    fn file_arguments_stay_inside_the_output_folder() {
        assert_eq!(
            relative_for_file(Path::new("./a/b.txt")),
            PathBuf::from("a/b.txt")
        );
        assert_eq!(
            relative_for_file(Path::new("../x/b.txt")),
            PathBuf::from("b.txt")
        );
        assert_eq!(
            relative_for_file(Path::new("/abs/b.txt")),
            PathBuf::from("b.txt")
        );
    }
}

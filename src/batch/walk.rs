//! Folders walked in sorted order, by a name or path pattern, into inputs.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::display::display_path;
use super::input::Input;
use super::outdir::{FileId, file_id};

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
    /// Whether the pattern was given, not a default: a Jekyll site's default is its posts.
    pattern_given: bool,
    /// A folder never descended into (the output folder, by its identity: a canonical
    /// path per folder walked read every prefix of every path, cubic in the depth).
    skip: Option<FileId>,
    /// The inputs, made at the first call to `next` (which looks at the file system).
    inputs: Option<Box<dyn Iterator<Item = Result<Input, WalkError>> + Send>>,
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
    /// `*.txt` archive files and every post Jekyll builds (`*.html` and the Markdown
    /// extensions) in a `_posts` folder below; every post when `root` is a Jekyll
    /// `_posts` folder; or the posts in the `_posts` folders of a Jekyll site (a folder
    /// holding `_posts/` or `_config.yml`).
    pub fn new(root: &Path, pattern: Option<&Pattern>) -> Self {
        let pattern_given = pattern.is_some();
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
            pattern_given,
            skip: None,
            inputs: None,
        }
    }

    /// Never descends into `folder` (so that outputs written there are not read back).
    pub fn skipping(mut self, folder: Option<&Path>) -> Self {
        self.skip = folder.and_then(file_id);
        self
    }

    /// The inputs of the path argument: standard input, the file, the folder's files, or
    /// the error that the path gives.
    fn start(&self) -> Box<dyn Iterator<Item = Result<Input, WalkError>> + Send> {
        let root = self.root.clone();
        if root.as_os_str() == "-" {
            return Box::new(std::iter::once(Ok(Input::Stdin)));
        }
        match fs::metadata(&root) {
            Ok(meta) if meta.is_dir() => {
                // A copy on Unix (device and inode), a path elsewhere.
                let skip = self.skip.as_ref().cloned();
                let site = is_jekyll_site(&root);
                static POSTS: std::sync::OnceLock<Pattern> = std::sync::OnceLock::new();
                let posts = || {
                    POSTS
                        .get_or_init(|| {
                            Pattern::new("**/_posts/**/*.{html,md,markdown,mkdown,mkdn,mkd}")
                                .expect("a valid glob")
                        })
                        .clone()
                };
                let is_posts_folder = root.file_name().is_some_and(|name| name == "_posts");
                let (pattern, also) = match (self.pattern_given, site) {
                    (false, true) => (posts(), None),
                    // Archive files, and the posts of any `_posts` folder met below.
                    (false, false) if !is_posts_folder => (self.pattern.clone(), Some(posts())),
                    _ => (self.pattern.clone(), None),
                };
                let walk = walkdir::WalkDir::new(&root)
                    .follow_links(true)
                    // Siblings share their parent's path, so comparing whole paths orders
                    // them by name, without splitting each into components per comparison
                    // (which `sort_by_file_name` does, at 7,000 instructions a file).
                    .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
                    .into_iter()
                    .filter_entry(move |entry| {
                        let is_dir = entry.file_type().is_dir();
                        let is_skipped = is_dir && skip.is_some() && file_id(entry.path()) == skip;
                        let not_source = site
                            && is_dir
                            && entry.depth() > 0
                            && !is_site_source(entry.file_name());
                        !is_skipped && !not_source
                    });
                Box::new(
                    walk.filter_map(move |entry| walked(&root, &pattern, also.as_ref(), entry)),
                )
            }
            Ok(_) => {
                let relative = PathBuf::from(root.file_name().unwrap_or(root.as_os_str()));
                Box::new(std::iter::once(Ok(Input::File {
                    path: root,
                    relative,
                })))
            }
            Err(error) => Box::new(std::iter::once(Err(walk_error(&root, error)))),
        }
    }
}

impl Iterator for Walk {
    type Item = Result<Input, WalkError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.inputs.is_none() {
            self.inputs = Some(self.start());
        }
        self.inputs.as_mut()?.next()
    }
}

/// Whether `folder` is a Jekyll site: it holds a `_posts` folder or a `_config.yml`.
fn is_jekyll_site(folder: &Path) -> bool {
    folder.join("_posts").is_dir() || folder.join("_config.yml").is_file()
}

/// Whether Jekyll reads a site's folder of this name as source: not its output
/// (`_site`), layouts, drafts or other `_` folders (but `_posts`), hidden folders, or the
/// folders it excludes by default (`node_modules`, `vendor`).
fn is_site_source(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name == "_posts"
        || !(name.starts_with('_')
            || name.starts_with('.')
            || name == "node_modules"
            || name == "vendor")
}

/// What one entry of a folder walk gives: nothing for a folder or a file that neither
/// `pattern` nor `also` takes, else the input, or an error for what is not a regular file.
fn walked(
    root: &Path,
    pattern: &Pattern,
    also: Option<&Pattern>,
    entry: walkdir::Result<walkdir::DirEntry>,
) -> Option<Result<Input, WalkError>> {
    let entry = match entry {
        Ok(entry) => entry,
        Err(error) => return Some(Err(walkdir_error(root, error))),
    };
    let file_type = entry.file_type();
    if file_type.is_dir() {
        return None;
    }
    let below = entry.path().strip_prefix(root).unwrap_or(entry.path());
    if !pattern.matches(below) && !also.is_some_and(|also| also.matches(below)) {
        return None;
    }
    if !file_type.is_file() {
        // A FIFO would block the run and a device would never end.
        return Some(Err(walk_error(
            entry.path(),
            io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"),
        )));
    }
    let relative = root_name(root).join(below);
    Some(Ok(Input::File {
        path: entry.into_path(),
        relative,
    }))
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_jekyll_site_is_read_as_its_posts_never_its_output() {
        let site = tempfile::tempdir().unwrap();
        let make = |path: &str| {
            let path = site.path().join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        };
        for path in [
            "_config.yml",
            "index.md",
            "_posts/2024/2024-03-01-a.md",
            "_posts/2024-03-02-b.html",
            "news/_posts/2024-03-03-c.markdown",
            "_site/2024/03/01/a.html",
            "_drafts/2024-03-04-d.md",
            "_site/_posts/2024-03-05-e.md",
            "notes.txt",
        ] {
            make(path);
        }
        let found = |pattern: Option<&Pattern>| -> Vec<String> {
            Walk::new(site.path(), pattern)
                .map(|input| match input.unwrap() {
                    Input::File { path, .. } => path
                        .strip_prefix(site.path())
                        .unwrap()
                        .display()
                        .to_string(),
                    Input::Stdin => unreachable!(),
                })
                .collect()
        };
        assert_eq!(
            found(None),
            [
                "_posts/2024/2024-03-01-a.md",
                "_posts/2024-03-02-b.html",
                "news/_posts/2024-03-03-c.markdown"
            ]
        );
        // A pattern given is kept; the site's output is still never read.
        assert_eq!(found(Some(&Pattern::new("*.txt").unwrap())), ["notes.txt"]);
        assert_eq!(
            found(Some(&Pattern::new("*.html").unwrap())),
            ["_posts/2024-03-02-b.html"]
        );
    }

    /// `rfi-parse top`, where `top` holds `site/_posts/*.md`, skipped the posts unless
    /// `--pattern` named them, where the README says a `_posts` folder is walked for
    /// every post.
    #[test]
    fn a_posts_folder_below_a_folder_argument_is_walked_for_its_posts() {
        let top = tempfile::tempdir().unwrap();
        for path in [
            "a.txt",
            "notes.md",
            "site/_posts/2024-03-01-a.md",
            "site/_posts/2024/2024-03-02-b.html",
            "site/about.md",
        ] {
            let path = top.path().join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        }
        let found: Vec<String> = Walk::new(top.path(), None)
            .map(|input| match input.unwrap() {
                Input::File { path, .. } => {
                    path.strip_prefix(top.path()).unwrap().display().to_string()
                }
                Input::Stdin => unreachable!(),
            })
            .collect();
        assert_eq!(
            found,
            [
                "a.txt",
                "site/_posts/2024/2024-03-02-b.html",
                "site/_posts/2024-03-01-a.md"
            ]
        );
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
}

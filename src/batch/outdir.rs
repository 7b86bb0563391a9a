//! `--out-dir`: where each input's file goes, checked for the whole run before anything is
//! written, and folders made only inside the output folder.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};

use rfi_parse::Format;

use super::display;
use super::input::Input;
use super::output;
use super::walk::WalkError;

/// Writes one output file atomically, refusing any place outside `dir` (a symbolic link
/// in the tree) and the input itself.
pub(crate) fn write_output(
    dir: &Path,
    input: &Input,
    target: &Path,
    document: &[u8],
) -> io::Result<()> {
    let parent = target.parent().unwrap_or(dir);
    create_folders_inside(dir, parent.strip_prefix(dir).unwrap_or(Path::new("")))?;
    if let Input::File { path, .. } = input
        && target.exists()
        && std::fs::canonicalize(target)? == std::fs::canonicalize(path)?
    {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "the output would replace the input",
        ));
    }
    output::write_atomically(target, document)
}

/// Creates the folders of `relative` below `dir` one at a time, checking each that
/// exists before going further, so that a symbolic link leading out of `dir` is refused
/// before anything is created beyond it.
fn create_folders_inside(dir: &Path, relative: &Path) -> io::Result<()> {
    let mut folder = dir.to_path_buf();
    let mut dir_canonical: Option<PathBuf> = None;
    for component in relative.components() {
        folder.push(component);
        match std::fs::symlink_metadata(&folder) {
            Ok(meta) if meta.is_dir() => {}
            Ok(meta) if meta.file_type().is_symlink() => {
                let inside = match &dir_canonical {
                    Some(canonical) => canonical,
                    None => dir_canonical.insert(std::fs::canonicalize(dir)?),
                };
                let target = std::fs::canonicalize(&folder)?;
                if !target.starts_with(inside) || !target.is_dir() {
                    return Err(io::Error::new(
                        io::ErrorKind::PermissionDenied,
                        "the path leads outside the output folder",
                    ));
                }
            }
            Ok(_) => {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!("{} is not a folder", display::display_path(&folder)),
                ));
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                match std::fs::create_dir(&folder) {
                    Err(error) if error.kind() != io::ErrorKind::AlreadyExists => {
                        return Err(error);
                    }
                    _ => {}
                }
            }
            Err(error) => return Err(error),
        }
    }
    Ok(())
}

/// Checks, before anything is written, that every input of an `--out-dir` run has an
/// output file of its own and that none would replace an input; returns what is wrong.
pub fn plan_out_dir(
    dir: &Path,
    inputs: &[Result<Input, WalkError>],
    format: Format,
) -> Result<(), Vec<String>> {
    let mut targets: HashMap<PathBuf, &Input> = HashMap::with_capacity(inputs.len());
    let mut problems = Vec::new();
    let mut input_files: Option<HashSet<FileId>> = None;
    for input in inputs.iter().flatten() {
        let target = output_path(dir, input, format);
        if let Some(first) = targets.get(&target) {
            problems.push(format!(
                "{} and {} would both be written to {}",
                first.source(),
                input.source(),
                display::display_path(&target)
            ));
            continue;
        }
        if let Some(id) = file_id(&target) {
            // Only an existing output can be an input: identify the inputs then.
            let files = input_files.get_or_insert_with(|| {
                inputs
                    .iter()
                    .flatten()
                    .filter_map(|input| match input {
                        Input::File { path, .. } => file_id(path),
                        Input::Stdin => None,
                    })
                    .collect()
            });
            if files.contains(&id) {
                problems.push(format!(
                    "the output of {} would replace the input {}",
                    input.source(),
                    display::display_path(&target)
                ));
            }
        }
        targets.insert(target, input);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// What identifies a file whatever the path to it: device and inode on Unix, the
/// canonical path elsewhere.
#[cfg(unix)]
pub(crate) type FileId = (u64, u64);
#[cfg(not(unix))]
pub(crate) type FileId = PathBuf;

#[cfg(unix)]
pub(crate) fn file_id(path: &Path) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path)
        .ok()
        .map(|meta| (meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
pub(crate) fn file_id(path: &Path) -> Option<FileId> {
    std::fs::canonicalize(path).ok()
}

/// The output file of an input below `dir`: its relative path with the format's extension.
pub fn output_path(dir: &Path, input: &Input, format: Format) -> PathBuf {
    let relative = match input {
        Input::Stdin => Path::new("stdin"),
        Input::File { relative, .. } => relative.as_path(),
    };
    let path = dir.join(relative);
    // `..txt` has the stem `.`: replacing its extension would name the folder above
    // (`..`), so such a name keeps itself whole and gains the new extension.
    match path.file_stem() {
        // Hugo reads `index.md` as its folder's own page (a leaf bundle, whose siblings
        // then vanish) and `_index.md` as a section's list page: such an article gets
        // `index-article.md`, `_index-article.md`.
        Some(stem) if format == Format::Markdown && is_index_name(stem) => {
            let mut name = stem.to_os_string();
            name.push("-article.");
            name.push(format.extension());
            path.with_file_name(name)
        }
        Some(stem) if stem != "." && stem != ".." && !stem.is_empty() => {
            path.with_extension(format.extension())
        }
        _ => {
            let mut name = path.file_name().unwrap_or_default().to_os_string();
            name.push(".");
            name.push(format.extension());
            path.with_file_name(name)
        }
    }
}

/// Whether a Markdown file of this stem is a page Hugo takes for its folder's own.
fn is_index_name(stem: &std::ffi::OsStr) -> bool {
    stem.eq_ignore_ascii_case("index") || stem.eq_ignore_ascii_case("_index")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_markdown_output_is_a_site_generators_index_page() {
        let dir = Path::new("out");
        let named = |name: &str, format| {
            let input = Input::File {
                path: PathBuf::from(name),
                relative: PathBuf::from("a").join(name),
            };
            output_path(dir, &input, format)
        };
        assert_eq!(
            named("index.txt", Format::Markdown),
            dir.join("a/index-article.md")
        );
        assert_eq!(
            named("_index.html", Format::Markdown),
            dir.join("a/_index-article.md")
        );
        assert_eq!(
            named("INDEX.txt", Format::Markdown),
            dir.join("a/INDEX-article.md")
        );
        assert_eq!(named("index.txt", Format::Json), dir.join("a/index.json"));
        assert_eq!(
            named("indexes.txt", Format::Markdown),
            dir.join("a/indexes.md")
        );
        assert_eq!(named("..txt", Format::Markdown), dir.join("a/..txt.md"));
    }
}

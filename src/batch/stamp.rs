//! What `--update` and `--delete` know of an output folder: per output file, the input it was made from, as read, and what was written.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Component, Path, PathBuf};

use rfi_parse::{Format, ParseOptions};

use super::output;

/// One output file and the input it was converted from: the input's path below the
/// folder argument it came from, its size, modification time (taken before the read, so
/// an edit during it shows as a newer time) and content fingerprint as the conversion
/// read them; the fingerprint of everything else that shaped the output; and the size
/// and fingerprint of the output as written, so that a file changed since is never
/// taken for this tool's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub input: PathBuf,
    pub size: u64,
    /// Nanoseconds since the Unix epoch; `None` where the file system gives no time.
    pub modified: Option<u128>,
    pub hash: u64,
    /// See [`options_fingerprint`].
    pub options: u64,
    pub output_size: u64,
    pub output_hash: u64,
}

/// The largest stamp read, in bytes: an entry is about 300 bytes, so some 1.7 million
/// outputs; a larger file is refused before it is read (nothing written or deleted).
pub const MAX_STAMP_BYTES: u64 = 512 << 20;

/// A file's modification time as the stamp keeps it.
pub fn modified_of(meta: &std::fs::Metadata) -> Option<u128> {
    let time = meta.modified().ok()?;
    Some(time.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos())
}

/// The fingerprint of what, besides the input's bytes, shapes one output: this
/// version, the run's other options (`key`), the parse options of this very input (its
/// site's time zone included) and the `source` the output names, if any.
pub fn options_fingerprint(key: &str, options: &ParseOptions, source: Option<&str>) -> u64 {
    let text = format!("{} {key} {options:?} {source:?}", env!("CARGO_PKG_VERSION"));
    fingerprint(text.as_bytes())
}

/// The stamp of one format below an output folder: an [`Entry`] per output file (its
/// path below the folder). Entries of every option are kept together, so that an output
/// stays known (and its orphaning reported) whatever options later runs take.
#[derive(Debug, Default)]
pub struct Stamp {
    pub entries: HashMap<PathBuf, Entry>,
}

/// The layout of the stamp's lines; a stamp of another layout is read as none.
const LAYOUT: u32 = 2;

/// The stamp's first line: its layout and format.
fn header(format: Format) -> String {
    format!("rfi-parse-stamp {LAYOUT} {}", format.extension())
}

/// The first line of the stamps written before the layout was versioned.
const FIRST_LAYOUT_PREFIX: &str = "rfi-parse ";

pub fn stamp_path(dir: &Path, format: Format) -> PathBuf {
    dir.join(format!(".rfi-parse-stamp.{}", format.extension()))
}

/// A 64-bit fingerprint of bytes (SipHash with fixed keys, stable across runs).
pub fn fingerprint(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    #[allow(deprecated)]
    let mut hasher = std::hash::SipHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// Whether `path` is relative and normalised: only names, no root, `.` or `..`, so that
/// below a folder it stays below it (symbolic links aside, which removal checks).
fn is_plain_relative(path: &Path) -> bool {
    !path.as_os_str().is_empty()
        && path
            .components()
            .all(|component| matches!(component, Component::Normal(_)))
        && path.components().collect::<PathBuf>().as_os_str() == path.as_os_str()
}

/// What [`Stamp::remove_output`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removal {
    Removed,
    /// There was no file there any more.
    Absent,
    /// Kept: not a regular file reached through folders alone (a symbolic link on the
    /// way, or at the end), or not what this tool wrote there (changed since).
    NotOurs,
}

impl Stamp {
    /// The stamp `format` left below `dir`: empty when there is none or it has an
    /// earlier layout (every output is then converted again); an error naming the line
    /// when it is not valid (a path that is absolute, has `..`, or is not normalised, a
    /// field that does not read), so that nothing is deleted on its word.
    pub fn read(dir: &Path, format: Format) -> Result<Self, String> {
        let path = stamp_path(dir, format);
        // Not followed: a link to `/dev/zero` or a FIFO in its place is no stamp (reading
        // it once took 6 GB, or waited forever).
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(error) => return Err(super::io_message(&error)),
        };
        if !meta.is_file() {
            return Err("not a regular file".to_string());
        }
        if meta.len() > MAX_STAMP_BYTES {
            return Err(format!(
                "{} bytes, more than the {MAX_STAMP_BYTES} a stamp may have",
                meta.len()
            ));
        }
        let text = match read_checked(&path, &meta, MAX_STAMP_BYTES) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => return Err("replaced or grown while being read".to_string()),
            Err(error) => return Err(super::io_message(&error)),
        };
        let text = String::from_utf8(text).map_err(|_| "line 1: not UTF-8".to_string())?;
        let mut lines = text.lines();
        let first = lines.next().unwrap_or_default();
        if first != header(format) {
            if first.starts_with(FIRST_LAYOUT_PREFIX) {
                return Ok(Self::default());
            }
            return Err(format!("line 1: not `{}`", header(format)));
        }
        let mut entries = HashMap::new();
        for (at, line) in lines.enumerate() {
            let (output, entry) =
                parse_line(line).ok_or_else(|| format!("line {}: not a valid entry", at + 2))?;
            if entries.insert(output, entry).is_some() {
                return Err(format!("line {}: a second entry for one output", at + 2));
            }
        }
        Ok(Self { entries })
    }

    /// Whether the output at `relative` below `dir` was made from exactly `bytes`, read
    /// from a file last modified at `modified`, with the same `options` fingerprint.
    pub fn is_current(
        &self,
        dir: &Path,
        relative: &Path,
        options: u64,
        modified: Option<u128>,
        bytes: &[u8],
    ) -> bool {
        self.entries.get(relative).is_some_and(|entry| {
            entry.size == bytes.len() as u64
                && entry.modified == modified
                && entry.options == options
                && entry.hash == fingerprint(bytes)
                && dir.join(relative).is_file()
        })
    }

    /// The outputs that no input of this run makes (`made`: the output paths of this
    /// run's inputs, by their path below their argument), sorted.
    pub fn orphans(&self, made: &HashSet<PathBuf>) -> Vec<PathBuf> {
        let mut orphans: Vec<PathBuf> = self
            .entries
            .keys()
            .filter(|output| !made.contains(*output))
            .cloned()
            .collect();
        orphans.sort();
        orphans
    }

    /// Removes the output at `relative` below `dir` only if it is a regular file reached
    /// through real folders (no symbolic link is followed) that holds what the stamp
    /// says this tool wrote there.
    pub fn remove_output(&self, dir: &Path, relative: &Path) -> io::Result<Removal> {
        let Some(entry) = self.entries.get(relative) else {
            return Ok(Removal::NotOurs);
        };
        if !is_plain_relative(relative) {
            return Ok(Removal::NotOurs);
        }
        let mut path = dir.to_path_buf();
        let mut components = relative.components().peekable();
        let mut checked = None;
        while let Some(component) = components.next() {
            path.push(component);
            let meta = match std::fs::symlink_metadata(&path) {
                Ok(meta) => meta,
                Err(error) if error.kind() == io::ErrorKind::NotFound => {
                    return Ok(Removal::Absent);
                }
                Err(error) => return Err(error),
            };
            let last = components.peek().is_none();
            let expected = if last {
                meta.file_type().is_file()
            } else {
                meta.file_type().is_dir()
            };
            if !expected {
                return Ok(Removal::NotOurs);
            }
            if last && meta.len() != entry.output_size {
                return Ok(Removal::NotOurs);
            }
            checked = Some(meta);
        }
        let Some(checked) = checked else {
            return Ok(Removal::NotOurs);
        };
        let ours = read_checked(&path, &checked, entry.output_size)?
            .is_some_and(|bytes| fingerprint(&bytes) == entry.output_hash);
        if !ours {
            return Ok(Removal::NotOurs);
        }
        std::fs::remove_file(&path)?;
        Ok(Removal::Removed)
    }

    /// Writes the stamp, atomically.
    pub fn write(&self, dir: &Path, format: Format) -> io::Result<()> {
        let mut text = header(format);
        text.push('\n');
        let mut entries: Vec<_> = self.entries.iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        for (output, entry) in entries {
            text.push_str(&format!(
                "{}\t{}\t{}\t{}\t{:016x}\t{:016x}\t{}\t{:016x}\n",
                hex_of(output),
                hex_of(&entry.input),
                entry.size,
                entry
                    .modified
                    .map_or_else(|| "-".to_string(), |nanos| nanos.to_string()),
                entry.hash,
                entry.options,
                entry.output_size,
                entry.output_hash,
            ));
        }
        output::write_atomically(&stamp_path(dir, format), text.as_bytes())
    }
}

/// One entry line: output and input paths (hex of their bytes), input size, time, hash,
/// options fingerprint, output size and hash; `None` when any field does not read.
fn parse_line(line: &str) -> Option<(PathBuf, Entry)> {
    let mut fields = line.split('\t');
    let output = path_from_hex(fields.next()?).filter(|path| is_plain_relative(path))?;
    let input = path_from_hex(fields.next()?).filter(|path| is_plain_relative(path))?;
    let size = fields.next()?.parse().ok()?;
    let modified = match fields.next()? {
        "-" => None,
        nanos => Some(nanos.parse().ok()?),
    };
    let hex = |field: Option<&str>| u64::from_str_radix(field?, 16).ok();
    let hash = hex(fields.next())?;
    let options = hex(fields.next())?;
    let output_size = fields.next()?.parse().ok()?;
    let output_hash = hex(fields.next())?;
    if fields.next().is_some() {
        return None;
    }
    let entry = Entry {
        input,
        size,
        modified,
        hash,
        options,
        output_size,
        output_hash,
    };
    Some((output, entry))
}

/// The bytes of the regular file `path`, when it is still the file `checked` describes
/// (taken without following links) and holds at most `limit` bytes: a link put in its
/// place since is not read through, a file grown past `limit` not read to its end.
fn read_checked(
    path: &Path,
    checked: &std::fs::Metadata,
    limit: u64,
) -> io::Result<Option<Vec<u8>>> {
    let file = std::fs::File::open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let opened = file.metadata()?;
        if (opened.dev(), opened.ino()) != (checked.dev(), checked.ino()) {
            return Ok(None);
        }
    }
    #[cfg(not(unix))]
    let _ = checked;
    let mut bytes = Vec::new();
    io::Read::read_to_end(&mut io::Read::take(&file, limit + 1), &mut bytes)?;
    if bytes.len() as u64 > limit {
        return Ok(None);
    }
    Ok(Some(bytes))
}

/// A path as hex of its bytes, so that any name (tabs, newlines, bytes that are not
/// UTF-8) fits one field of a line.
fn hex_of(path: &Path) -> String {
    path.as_os_str()
        .as_encoded_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn path_from_hex(hex: &str) -> Option<PathBuf> {
    if !hex.len().is_multiple_of(2) {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|at| u8::from_str_radix(hex.get(at..at + 2)?, 16).ok())
        .collect();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(bytes?)))
    }
    #[cfg(not(unix))]
    {
        String::from_utf8(bytes?).ok().map(PathBuf::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(output: &[u8]) -> Entry {
        Entry {
            input: PathBuf::from("in/x\tb.txt"),
            size: 3,
            modified: Some(1_700_000_000_123_456_789),
            hash: fingerprint(b"abc"),
            options: 7,
            output_size: output.len() as u64,
            output_hash: fingerprint(output),
        }
    }

    #[test]
    fn a_stamp_reads_back_what_it_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let mut stamp = Stamp::default();
        stamp
            .entries
            .insert(PathBuf::from("a/x\tb.json"), entry(b"{}"));
        stamp.write(dir.path(), Format::Json).unwrap();
        let read = Stamp::read(dir.path(), Format::Json).unwrap();
        assert_eq!(read.entries, stamp.entries);
        assert!(
            Stamp::read(dir.path(), Format::Markdown)
                .unwrap()
                .entries
                .is_empty()
        );
    }

    /// A copied or edited stamp must not make `--delete` reach outside the folder.
    /// A stamp that is no regular file is refused without being read through: a link
    /// (even to a valid stamp), `/dev/zero` (once 6 GB read), a FIFO (once a hang).
    #[cfg(unix)]
    #[test]
    fn a_stamp_that_is_no_regular_file_is_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let mut stamp = Stamp::default();
        stamp.entries.insert(PathBuf::from("a.json"), entry(b"{}"));
        stamp.write(elsewhere.path(), Format::Json).unwrap();
        let path = stamp_path(dir.path(), Format::Json);
        let refused = |what: &str| {
            let problem = Stamp::read(dir.path(), Format::Json).expect_err(what);
            assert!(problem.contains("not a regular file"), "{what}: {problem}");
            std::fs::remove_file(&path).unwrap();
        };
        std::os::unix::fs::symlink(stamp_path(elsewhere.path(), Format::Json), &path).unwrap();
        refused("a link to a stamp");
        std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
        refused("a link to /dev/zero");
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        if made.is_ok_and(|status| status.success()) {
            refused("a FIFO");
        } else {
            eprintln!("skipped the FIFO case: no mkfifo");
        }
    }

    #[test]
    fn a_stamp_larger_than_the_bound_is_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let file = std::fs::File::create(stamp_path(dir.path(), Format::Json)).unwrap();
        // Sparse: no disk taken, and never read.
        file.set_len(MAX_STAMP_BYTES + 1).unwrap();
        let problem = Stamp::read(dir.path(), Format::Json).unwrap_err();
        assert!(problem.contains("more than the"), "{problem}");
    }

    #[test]
    fn a_stamp_naming_a_path_outside_the_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let good = format!(
            "{}\t{}\t3\t-\t{:016x}\t{:016x}\t2\t{:016x}",
            hex_of(Path::new("a.json")),
            hex_of(Path::new("a.txt")),
            1,
            2,
            3
        );
        let stamp = stamp_path(dir.path(), Format::Json);
        std::fs::write(&stamp, format!("{}\n{good}\n", header(Format::Json))).unwrap();
        assert_eq!(
            Stamp::read(dir.path(), Format::Json).unwrap().entries.len(),
            1
        );
        for output in [
            "/etc/passwd",
            "../a.json",
            "a/../../b.json",
            "./a.json",
            "a//b.json",
        ] {
            let line = good.replacen(&hex_of(Path::new("a.json")), &hex_of(Path::new(output)), 1);
            std::fs::write(&stamp, format!("{}\n{line}\n", header(Format::Json))).unwrap();
            let read = Stamp::read(dir.path(), Format::Json);
            assert_eq!(read.unwrap_err(), "line 2: not a valid entry", "{output}");
        }
        for broken in [
            "x",
            &format!("{good}\textra"),
            &good.replace("\t-\t", "\tnow\t"),
        ] {
            std::fs::write(&stamp, format!("{}\n{broken}\n", header(Format::Json))).unwrap();
            assert!(Stamp::read(dir.path(), Format::Json).is_err(), "{broken}");
        }
        std::fs::write(&stamp, "something else\n").unwrap();
        assert!(Stamp::read(dir.path(), Format::Json).is_err());
        // The layout before this one: read as no stamp (everything converted again).
        std::fs::write(&stamp, "rfi-parse 0.4.0 json options 0\n").unwrap();
        assert!(
            Stamp::read(dir.path(), Format::Json)
                .unwrap()
                .entries
                .is_empty()
        );
    }

    #[test]
    fn only_an_unchanged_regular_file_reached_through_folders_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(out.join("sub")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        let mut stamp = Stamp::default();
        for name in [
            "sub/a.json",
            "linked/a.json",
            "changed.json",
            "link.json",
            "gone.json",
        ] {
            stamp.entries.insert(PathBuf::from(name), entry(b"{}"));
        }
        std::fs::write(out.join("sub/a.json"), b"{}").unwrap();
        std::fs::write(outside.join("a.json"), b"{}").unwrap();
        std::fs::write(out.join("changed.json"), b"{!").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&outside, out.join("linked")).unwrap();
            std::os::unix::fs::symlink(outside.join("a.json"), out.join("link.json")).unwrap();
        }
        let remove = |name: &str| stamp.remove_output(&out, Path::new(name)).unwrap();
        assert_eq!(remove("linked/a.json"), Removal::NotOurs);
        assert_eq!(remove("link.json"), Removal::NotOurs);
        assert!(outside.join("a.json").exists());
        assert_eq!(remove("changed.json"), Removal::NotOurs);
        assert!(out.join("changed.json").exists());
        assert_eq!(remove("unknown.json"), Removal::NotOurs);
        assert_eq!(remove("gone.json"), Removal::Absent);
        assert_eq!(remove("sub/a.json"), Removal::Removed);
        assert!(!out.join("sub/a.json").exists());
    }
}

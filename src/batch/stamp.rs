//! What `--update` knows of an output folder: per output file, the input it was made from, as read.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use rfi_parse::Format;

use super::output;

/// One output file and the input it was converted from: the input's path, and its size,
/// modification time (taken before the read, so an edit during it shows as a newer time)
/// and content fingerprint as the conversion read them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub input: PathBuf,
    pub size: u64,
    /// Nanoseconds since the Unix epoch; `None` where the file system gives no time.
    pub modified: Option<u128>,
    pub hash: u64,
}

/// A file's modification time as the stamp keeps it.
pub fn modified_of(meta: &std::fs::Metadata) -> Option<u128> {
    let time = meta.modified().ok()?;
    Some(time.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos())
}

/// The stamp of one format below an output folder: the version and the options that
/// wrote it, and an [`Entry`] per output file (its path below the folder).
#[derive(Debug, Default)]
pub struct Stamp {
    pub entries: HashMap<PathBuf, Entry>,
}

/// The stamp's first line: what must match for any output to be current.
fn header(format: Format, options: &str) -> String {
    format!(
        "rfi-parse {} {} options {:016x}",
        env!("CARGO_PKG_VERSION"),
        format.extension(),
        fingerprint(options.as_bytes())
    )
}

fn stamp_path(dir: &Path, format: Format) -> PathBuf {
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

impl Stamp {
    /// The stamp `format` left below `dir`, if this version wrote it with these options;
    /// an empty one otherwise (every output is then converted again).
    pub fn read(dir: &Path, format: Format, options: &str) -> Self {
        let Ok(text) = std::fs::read_to_string(stamp_path(dir, format)) else {
            return Self::default();
        };
        let mut lines = text.lines();
        if lines.next() != Some(header(format, options).as_str()) {
            return Self::default();
        }
        let entries = lines
            .filter_map(|line| {
                let mut fields = line.split('\t');
                let output = path_from_hex(fields.next()?)?;
                let input = path_from_hex(fields.next()?)?;
                let size = fields.next()?.parse().ok()?;
                let modified = match fields.next()? {
                    "-" => None,
                    nanos => Some(nanos.parse().ok()?),
                };
                let hash = u64::from_str_radix(fields.next()?, 16).ok()?;
                let entry = Entry {
                    input,
                    size,
                    modified,
                    hash,
                };
                Some((output, entry))
            })
            .collect();
        Self { entries }
    }

    /// Whether the output at `relative` below `dir` was made from exactly `bytes`, read
    /// from a file last modified at `modified`.
    pub fn is_current(
        &self,
        dir: &Path,
        relative: &Path,
        modified: Option<u128>,
        bytes: &[u8],
    ) -> bool {
        self.entries.get(relative).is_some_and(|entry| {
            entry.size == bytes.len() as u64
                && entry.modified == modified
                && entry.hash == fingerprint(bytes)
                && dir.join(relative).is_file()
        })
    }

    /// The outputs whose input no longer exists.
    pub fn orphans(&self) -> Vec<PathBuf> {
        let mut orphans: Vec<PathBuf> = self
            .entries
            .iter()
            .filter(|(_, entry)| std::fs::symlink_metadata(&entry.input).is_err())
            .map(|(output, _)| output.clone())
            .collect();
        orphans.sort();
        orphans
    }

    /// Writes the stamp, atomically.
    pub fn write(&self, dir: &Path, format: Format, options: &str) -> io::Result<()> {
        let mut text = header(format, options);
        text.push('\n');
        let mut entries: Vec<_> = self.entries.iter().collect();
        entries.sort_by(|a, b| a.0.cmp(b.0));
        for (output, entry) in entries {
            text.push_str(&format!(
                "{}\t{}\t{}\t{}\t{:016x}\n",
                hex_of(output),
                hex_of(&entry.input),
                entry.size,
                entry
                    .modified
                    .map_or_else(|| "-".to_string(), |nanos| nanos.to_string()),
                entry.hash
            ));
        }
        output::write_atomically(&stamp_path(dir, format), text.as_bytes())
    }
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

    #[test]
    fn a_stamp_reads_back_what_it_wrote_only_with_the_same_options() {
        let dir = tempfile::tempdir().unwrap();
        let mut stamp = Stamp::default();
        stamp.entries.insert(
            PathBuf::from("a/x\tb.json"),
            Entry {
                input: PathBuf::from("/in/a/x\tb.txt"),
                size: 3,
                modified: Some(1_700_000_000_123_456_789),
                hash: fingerprint(b"abc"),
            },
        );
        stamp.write(dir.path(), Format::Json, "tz=UTC").unwrap();
        let read = Stamp::read(dir.path(), Format::Json, "tz=UTC");
        assert_eq!(read.entries, stamp.entries);
        assert!(
            Stamp::read(dir.path(), Format::Json, "tz=Asia/Tokyo")
                .entries
                .is_empty()
        );
        assert!(
            Stamp::read(dir.path(), Format::Markdown, "tz=UTC")
                .entries
                .is_empty()
        );
    }
}

//! Atomic file output: write a temporary file in the same folder, then rename it.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A file being written; it appears under its real name only on [`AtomicFile::commit`].
/// Dropped without a commit, the temporary file is removed.
#[derive(Debug)]
pub struct AtomicFile {
    file: Option<File>,
    temporary: PathBuf,
    destination: PathBuf,
}

impl AtomicFile {
    pub fn create(destination: &Path) -> io::Result<Self> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let parent = match destination.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let name = destination.file_name().ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidInput, "output path names no file")
        })?;
        let temporary = parent.join(format!(
            ".{}.{}-{}{}",
            name.to_string_lossy(),
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            TEMPORARY_SUFFIX
        ));
        let file = File::create(&temporary)?;
        Ok(Self {
            file: Some(file),
            temporary,
            destination: destination.to_path_buf(),
        })
    }

    /// Renames the finished file into place, replacing any earlier output.
    pub fn commit(mut self) -> io::Result<()> {
        let file = self.file.take().expect("committed once");
        drop(file);
        fs::rename(&self.temporary, &self.destination).inspect_err(|_| {
            // A failed rename must not leave the temporary file behind.
            let _ = fs::remove_file(&self.temporary);
        })
    }

    /// The temporary file's path.
    #[cfg(test)]
    pub fn temporary(&self) -> &Path {
        &self.temporary
    }
}

/// The suffix of temporary files, so that leftovers of a killed run are recognizable.
pub const TEMPORARY_SUFFIX: &str = ".rfi-parse-tmp";

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.as_mut().expect("open until committed").write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.as_mut().expect("open until committed").flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = fs::remove_file(&self.temporary);
        }
    }
}

/// Removes our temporary files below `dir` (or in `dir` alone, without `recursive`) that a
/// killed run left behind: `.NAME.PID-N.rfi-parse-tmp` whose process is gone. Whether a
/// process is alive is read from `/proc`, so elsewhere than on Linux nothing is removed.
/// Returns how many were removed.
pub fn remove_stale_temporaries(dir: &Path, recursive: bool) -> usize {
    if !Path::new("/proc/self").exists() {
        return 0;
    }
    let walk = walkdir::WalkDir::new(dir).max_depth(if recursive { usize::MAX } else { 1 });
    let mut removed = 0;
    for entry in walk.into_iter().filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy();
        let Some(stem) = name.strip_suffix(TEMPORARY_SUFFIX) else {
            continue;
        };
        // `.NAME.PID-N`: the process id is between the last `.` and the `-`.
        let pid = stem
            .rsplit_once('.')
            .and_then(|(_, tail)| tail.split_once('-'))
            .and_then(|(pid, _)| pid.parse::<u32>().ok());
        if let Some(pid) = pid
            && pid != std::process::id()
            && !Path::new(&format!("/proc/{pid}")).exists()
            && fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

/// Writes `contents` to `destination` atomically, creating its folder.
pub fn write_atomically(destination: &Path, contents: &[u8]) -> io::Result<()> {
    if let Some(parent) = destination.parent() {
        fs::create_dir_all(parent)?;
    }
    let mut file = AtomicFile::create(destination)?;
    file.write_all(contents)?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appears_only_on_commit_and_replaces() {
        let dir = std::env::temp_dir().join(format!("rfi-parse-atomic-{}", std::process::id()));
        let target = dir.join("sub/out.json");
        write_atomically(&target, b"one").unwrap();
        write_atomically(&target, b"two").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"two");
        let mut pending = AtomicFile::create(&dir.join("sub/never.json")).unwrap();
        pending.write_all(b"half").unwrap();
        let temporary = pending.temporary().to_path_buf();
        assert!(temporary.exists());
        drop(pending);
        assert!(!temporary.exists());
        assert!(!dir.join("sub/never.json").exists());
        assert_eq!(fs::read_dir(dir.join("sub")).unwrap().count(), 1);
        fs::remove_dir_all(dir).unwrap();
    }
}

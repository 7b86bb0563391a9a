//! Atomic file output: write a temporary file in the same folder, then rename it.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// The temporary files being written now, so that a run abandoned at a signal removes
/// them on its way out (see [`remove_live_temporaries`]).
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn live() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    LIVE.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Removes every temporary file still being written: for a process about to exit
/// without waiting for its workers, so that no half-written file stays behind.
pub fn remove_live_temporaries() {
    for temporary in live().drain(..) {
        let _ = fs::remove_file(temporary);
    }
}

fn forget_live(temporary: &Path) {
    let mut live = live();
    if let Some(at) = live.iter().position(|path| path == temporary) {
        live.swap_remove(at);
    }
}

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
        let temporary = parent.join(temporary_name(
            &name.to_string_lossy(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
        ));
        let file = File::create(&temporary)?;
        live().push(temporary.clone());
        // The writer holds the file locked until it is renamed or removed, so that no
        // other run, in this process namespace or another, takes it for a leftover.
        file.lock()?;
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
        forget_live(&self.temporary);
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

/// The hex digits of a temporary name's signature.
const SIGNATURE_DIGITS: usize = 16;

/// The temporary name of the `serial`th file this run writes as `name`:
/// `.NAME.RUN-SERIAL-SIGNATURE.rfi-parse-tmp`, where RUN is a random number of this run
/// and SIGNATURE a fingerprint of all before it. Only a name this tool signed is ever
/// taken for its leftover: a user's `.X.1-2.rfi-parse-tmp` is not. File names are at
/// most 255 bytes: `name` is shortened (at a character) to leave room for the rest, so
/// every valid output name has one.
pub fn temporary_name(name: &str, serial: u64) -> String {
    static RUN: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    let run = RUN.get_or_init(|| {
        use std::hash::{BuildHasher, Hasher};
        // Randomly keyed by the standard library, once per process.
        let mut random = std::collections::hash_map::RandomState::new().build_hasher();
        random.write_u32(std::process::id());
        random.finish()
    });
    let numbers = format!(".{run:016x}-{serial}");
    let room = MAX_NAME_BYTES - 1 - numbers.len() - 1 - SIGNATURE_DIGITS - TEMPORARY_SUFFIX.len();
    let mut keep = name.len().min(room);
    while !name.is_char_boundary(keep) {
        keep -= 1;
    }
    let signed = format!(".{}{numbers}", &name[..keep]);
    let signature = crate::fingerprint::fingerprint(&signed);
    format!("{signed}-{signature:016x}{TEMPORARY_SUFFIX}")
}

/// Whether `name` is a temporary name this tool made ([`temporary_name`]).
fn is_signed_temporary(name: &str) -> bool {
    name.strip_suffix(TEMPORARY_SUFFIX)
        .and_then(|signed| signed.rsplit_once('-'))
        .is_some_and(|(signed, signature)| {
            signature.len() == SIGNATURE_DIGITS
                && u64::from_str_radix(signature, 16)
                    .is_ok_and(|value| value == crate::fingerprint::fingerprint(signed))
        })
}

/// The longest file name most file systems take, in bytes.
const MAX_NAME_BYTES: usize = 255;

/// How old a temporary file must be before a lock nobody holds makes it a leftover: a
/// writer locks its file right after creating it, and this covers that moment.
const LEFTOVER_AGE: std::time::Duration = std::time::Duration::from_secs(10);

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
            forget_live(&self.temporary);
        }
    }
}

/// Removes our temporary files below `dir` (or in `dir` alone, without `recursive`) that a
/// killed run left behind: a name this tool signed ([`temporary_name`]) that nobody holds
/// locked (a writer locks its file for as long as it lives, and the system releases the
/// lock of a process that died), older than a few seconds. The lock, unlike a process
/// id, is seen alike from every process namespace that shares the folder. Returns how
/// many were removed.
pub fn remove_stale_temporaries(dir: &Path, recursive: bool) -> usize {
    let walk = walkdir::WalkDir::new(dir).max_depth(if recursive { usize::MAX } else { 1 });
    let mut removed = 0;
    for entry in walk.into_iter().filter_map(Result::ok) {
        if !entry.file_type().is_file()
            || !entry.file_name().to_str().is_some_and(is_signed_temporary)
        {
            continue;
        }
        let old_enough = entry
            .metadata()
            .ok()
            .and_then(|meta| meta.modified().ok())
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age >= LEFTOVER_AGE);
        if !old_enough {
            continue;
        }
        let Ok(file) = File::options().write(true).open(entry.path()) else {
            continue;
        };
        // Held by a live writer: `WouldBlock`, and the file stays.
        if file.try_lock().is_ok() && fs::remove_file(entry.path()).is_ok() {
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

    #[test]
    fn temporary_names_fit_255_bytes() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["x".repeat(250) + ".md", "文".repeat(83) + ".md"] {
            let target = dir.path().join(&name);
            assert!(name.len() <= 255);
            write_atomically(&target, b"ok").unwrap();
            assert_eq!(fs::read(&target).unwrap(), b"ok");
        }
    }

    #[test]
    fn a_live_writers_temporary_is_never_a_leftover() {
        let dir = tempfile::tempdir().unwrap();
        let pending = AtomicFile::create(&dir.path().join("live.json")).unwrap();
        let temporary = pending.temporary().to_path_buf();
        // Made to look old, as another namespace's writer (whose process id this one
        // cannot see) would be after a long write.
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        File::options()
            .write(true)
            .open(&temporary)
            .unwrap()
            .set_modified(old)
            .unwrap();
        assert_eq!(remove_stale_temporaries(dir.path(), false), 0);
        assert!(temporary.exists(), "the live writer's file stays");
        // A leftover: a name of ours, old, and locked by nobody. A user's file of the
        // same shape but not signed stays.
        let leftover = dir.path().join(temporary_name("dead.json", 7));
        let users = dir.path().join(".dead.json.999999-0.rfi-parse-tmp");
        for file in [&leftover, &users] {
            fs::write(file, b"half").unwrap();
            File::options()
                .write(true)
                .open(file)
                .unwrap()
                .set_modified(old)
                .unwrap();
        }
        assert_eq!(remove_stale_temporaries(dir.path(), false), 1);
        assert!(!leftover.exists());
        assert!(users.exists(), "a file this tool did not name stays");
        drop(pending);
    }
}

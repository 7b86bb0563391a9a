//! `--files-from` lists: paths one per line or NUL-separated, read lazily within bounds.

use std::io::{self, BufRead};
use std::path::PathBuf;

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
}

//! The stream of documents (standard output or a device), which a run abandoned at a signal still ends whole.

use std::io::{self, BufWriter, Write};
use std::sync::{Mutex, MutexGuard, TryLockError};
use std::time::{Duration, Instant};

/// The open stream: its buffer, whether what went in ends at a whole document, and the
/// bytes that would end the stream there (`\n]\n` closes a JSON array).
struct State {
    out: BufWriter<Box<dyn Write + Send>>,
    whole: bool,
    tail: &'static [u8],
}

/// The one stream of this process, while a conversion writes it. A run abandoned at a
/// signal exits from another thread than the one writing (which may be blocked reading a
/// FIFO): the buffer must be reachable from there, not on the writer's stack.
static STREAM: Mutex<Option<State>> = Mutex::new(None);

fn stream() -> MutexGuard<'static, Option<State>> {
    STREAM
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// How long an abandoned run waits for a write in progress (to a full pipe, say) before
/// it exits without ending the stream: the documents already out stay as they are.
const WRITE_IN_PROGRESS_WAIT: Duration = Duration::from_millis(200);

/// The writing end of the stream: every write goes to the process's one buffer.
#[derive(Debug)]
pub struct SharedStream(());

impl SharedStream {
    /// Opens the stream over `out` (standard output, a device), ended by nothing yet.
    pub fn open(out: Box<dyn Write + Send>) -> Self {
        *stream() = Some(State {
            out: BufWriter::with_capacity(64 * 1024, out),
            whole: true,
            tail: b"",
        });
        Self(())
    }

    /// Flushes the buffer and closes the stream: an abandoned run then adds nothing.
    pub fn close(self) -> io::Result<()> {
        match stream().take() {
            Some(mut state) => state.out.flush(),
            None => Ok(()),
        }
    }
}

impl Write for SharedStream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut stream = stream();
        let state = stream.as_mut().ok_or(io::ErrorKind::BrokenPipe)?;
        state.whole = false;
        state.out.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        stream().as_mut().map_or(Ok(()), |state| state.out.flush())
    }
}

/// Marks what was written to the stream so far as whole documents, which `tail` ends
/// (nothing for JSON Lines, `\n]\n` for a JSON array). Nothing without an open stream.
pub fn documents_end(tail: &'static [u8]) {
    if let Some(state) = stream().as_mut() {
        state.whole = true;
        state.tail = tail;
    }
}

/// For a process about to exit without waiting for its workers: writes the documents
/// the stream holds and ends it (the JSON array closed), when it stands at a whole
/// document; else (a document half-written) leaves it as it is.
pub fn end_abandoned_stream() {
    let started = Instant::now();
    let mut stream = loop {
        match STREAM.try_lock() {
            Ok(stream) => break stream,
            Err(TryLockError::Poisoned(poisoned)) => break poisoned.into_inner(),
            Err(TryLockError::WouldBlock) if started.elapsed() < WRITE_IN_PROGRESS_WAIT => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(TryLockError::WouldBlock) => return,
        }
    };
    match stream.take() {
        Some(mut state) if state.whole => {
            let _ = state.out.write_all(state.tail);
            let _ = state.out.flush();
        }
        // Dropped unflushed: no half document goes out.
        Some(state) => drop(state.out.into_parts()),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// A writer whose bytes the test reads back.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// One test for the process's one stream: the cases run in turn.
    #[test]
    fn an_abandoned_stream_ends_at_its_last_whole_document_only() {
        let seen = Shared::default();
        let mut out = SharedStream::open(Box::new(seen.clone()));
        documents_end(b"[]\n");
        out.write_all(b"[\n{}").unwrap();
        documents_end(b"\n]\n");
        out.write_all(b",\n{\"half").unwrap();
        // Half a document in the buffer: nothing more is written, the buffer is dropped.
        end_abandoned_stream();
        assert_eq!(&*seen.0.lock().unwrap(), b"");

        let seen = Shared::default();
        let mut out = SharedStream::open(Box::new(seen.clone()));
        out.write_all(b"[\n{}").unwrap();
        documents_end(b"\n]\n");
        end_abandoned_stream();
        assert_eq!(&*seen.0.lock().unwrap(), b"[\n{}\n]\n");
        // Closed: later writes fail, and a second end adds nothing.
        assert!(out.write_all(b"x").is_err());
        end_abandoned_stream();
        assert_eq!(&*seen.0.lock().unwrap(), b"[\n{}\n]\n");
        out.close().unwrap();
    }
}

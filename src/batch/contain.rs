//! A panic while working on one input contained to that input: caught, and reported as its failure.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// Set while [`contain`] runs on this thread: a panic then is caught, and its message
    /// kept for the report instead of printed (standard error stays one line per input,
    /// JSON with `--error-format json`).
    static CONTAINING: Cell<bool> = const { Cell::new(false) };
    static MESSAGE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `work`; a panic in it gives `Err` with the panic's message and place instead of
/// unwinding further, so that one input's bug costs that input only.
pub fn contain<R>(work: impl FnOnce() -> R) -> Result<R, String> {
    install_hook();
    let outer = CONTAINING.replace(true);
    let result = panic::catch_unwind(AssertUnwindSafe(work));
    CONTAINING.set(outer);
    result.map_err(|payload| {
        MESSAGE.take().unwrap_or_else(|| {
            payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".to_string())
        })
    })
}

/// The message a contained panic is reported with.
pub fn internal_error(message: &str) -> String {
    format!("internal error, please report it: {message}")
}

/// Keeps the message of a contained panic (where it happened, what it said) and prints
/// nothing for it; any other panic goes to the hook that was there before.
fn install_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !CONTAINING.get() {
                return previous(info);
            }
            let what = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".to_string());
            let message = match info.location() {
                Some(at) => format!("{what} (at {}:{})", at.file(), at.line()),
                None => what,
            };
            MESSAGE.set(Some(message));
        }));
    });
}

/// A panic injected for tests: an input whose file name ends with this panics in the
/// worker, as a bug in the library would (debug builds only, for the batch tests).
#[cfg(debug_assertions)]
pub const TEST_PANIC_SUFFIX: &str = ".rfi-parse-test-panic";

/// Panics when `source` names a test input made to (debug builds only).
pub fn test_hook(source: &str) {
    #[cfg(debug_assertions)]
    if source.ends_with(TEST_PANIC_SUFFIX) {
        panic!("injected by the test hook for {source}");
    }
    #[cfg(not(debug_assertions))]
    let _ = source;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_with_its_message_and_place() {
        let error = contain(|| -> u8 { panic!("boom {}", 1) }).unwrap_err();
        assert!(
            error.starts_with("boom 1 (at src/batch/contain.rs:"),
            "{error}"
        );
        assert_eq!(contain(|| 7), Ok(7));
        // Contained again afterwards, and not left containing.
        assert!(contain(|| test_hook("x.rfi-parse-test-panic")).is_err());
        assert!(!CONTAINING.get());
    }
}

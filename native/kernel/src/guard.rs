//! The per-thread last error and the panic guard: a panic inside `catch` becomes the last
//! error (message and location) instead of output on the host's stderr.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static LAST_ERROR: RefCell<String> = const { RefCell::new(String::new()) };
    /// True while this thread runs inside `catch`: only those panics are ours to report.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

pub(crate) fn set_last_error(message: String) {
    // try_*: this also runs from the panic hook, where a second panic would abort.
    let _ = LAST_ERROR.try_with(|last| {
        if let Ok(mut last) = last.try_borrow_mut() {
            *last = message;
        }
    });
}

pub(crate) fn with_last_error<R>(read: impl FnOnce(&str) -> R) -> R {
    LAST_ERROR.with_borrow(|message| read(message))
}

/// Runs `body`; `None` when it panicked, the panic's message then being the last error.
pub(crate) fn catch<T>(body: impl FnOnce() -> T) -> Option<T> {
    install_hook();
    let outer = GUARDED.with(|guarded| guarded.replace(true));
    // AssertUnwindSafe: after a panic the caller discards whatever the body half-wrote.
    let outcome = panic::catch_unwind(AssertUnwindSafe(body));
    GUARDED.with(|guarded| guarded.set(outer));
    outcome.ok()
}

fn install_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if GUARDED.try_with(Cell::get).unwrap_or(false) {
                let message = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|text| text.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "a panic with a non-text payload".to_owned());
                let location = info.location().map(|at| format!(" at {}:{}", at.file(), at.line()));
                set_last_error(format!(
                    "the kernel panicked: {message}{}",
                    location.unwrap_or_default()
                ));
            } else {
                previous(info);
            }
        }));
    });
}

//! Panics that never reach the host: a panic inside `catch` (every exported function runs in
//! one) or on a helper thread such a call started becomes this thread's last error message,
//! `MESSAGE at FILE:LINE`, instead of output on the host's stderr (which belongs to the
//! user's script). Tandem's built-in kernels use the same guard.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe, PanicHookInfo};
use std::sync::Once;

thread_local! {
    static LAST_ERROR: RefCell<String> = const { RefCell::new(String::new()) };
    /// True while this thread runs inside `catch`: only those panics are ours to report.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

/// Sets this thread's last error message.
pub fn set_last_error(message: String) {
    // try_with/try_borrow_mut: this also runs from the panic hook, where a second panic
    // would abort the process.
    let _ = LAST_ERROR.try_with(|last| {
        if let Ok(mut last) = last.try_borrow_mut() {
            *last = message;
        }
    });
}

/// `read` applied to this thread's last error message.
pub fn with_last_error<R>(read: impl FnOnce(&str) -> R) -> R {
    LAST_ERROR.with_borrow(|message| read(message))
}

/// Runs `body` with its panics reported as this thread's last error instead of printed:
/// `None` when it panicked (on a helper thread too, see `as_helper_thread`).
pub fn catch<T>(body: impl FnOnce() -> T) -> Option<T> {
    install_panic_hook();
    let outer = GUARDED.try_with(|guarded| guarded.replace(true)).unwrap_or(false);
    // AssertUnwindSafe: after a panic the body's state (the caller's output buffers) may be
    // half-written, which is fine because the caller sees the panic and discards the results.
    let outcome = panic::catch_unwind(AssertUnwindSafe(body));
    let _ = GUARDED.try_with(|guarded| guarded.set(outer));
    outcome
        .map_err(|payload| {
            // The hook has set the last error, unless the panic came from a helper thread.
            if let Some(HelperPanic(message)) = payload.downcast_ref::<HelperPanic>() {
                set_last_error(message.clone());
            }
        })
        .ok()
}

/// A panic in a helper thread, carried to the guarded thread that joins it.
struct HelperPanic(String);

/// Runs `body` on a thread that a guarded call started to share its work. A panic in `body`
/// is reported like one in `catch` (not printed), and its message travels with the unwinding
/// to the guarded thread, which must pass it on with `panic::resume_unwind`.
pub fn as_helper_thread<T>(body: impl FnOnce() -> T) -> T {
    catch(body).unwrap_or_else(|| {
        panic::resume_unwind(Box::new(HelperPanic(with_last_error(|message| message.to_owned()))))
    })
}

/// Replaces the default panic hook, once, with one that turns panics inside `catch` into
/// the last error. Other panics go to the hook that was there before.
fn install_panic_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if GUARDED.try_with(Cell::get).unwrap_or(false) {
                set_last_error(describe_panic(info));
            } else {
                previous(info);
            }
        }));
    });
}

fn describe_panic(info: &PanicHookInfo<'_>) -> String {
    let message = panic_message(info.payload());
    match info.location() {
        Some(at) => format!("{message} at {}:{}", at.file(), at.line()),
        None => message.to_owned(),
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(message) = payload.downcast_ref::<&str>() {
        message
    } else if let Some(message) = payload.downcast_ref::<String>() {
        message
    } else {
        "a panic with a non-text payload"
    }
}

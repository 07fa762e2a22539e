//! Panics that never reach a caller: a panic inside `catch` (every exported C function runs
//! in one, see `ffi`) or on a helper thread such a call spawned becomes this thread's last
//! error message instead of output on the host's stderr. Area modules use
//! `as_helper_thread` for the threads they start; `ffi` reads the message for its caller.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe, PanicHookInfo};
use std::sync::Once;

thread_local! {
    static LAST_ERROR: RefCell<String> = const { RefCell::new(String::new()) };
    /// True while this thread runs inside `catch`: only those panics are ours to report.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

pub(crate) fn set_last_error(message: String) {
    // try_with/try_borrow_mut: this also runs from the panic hook, where a second panic
    // would abort the process.
    let _ = LAST_ERROR.try_with(|last| {
        if let Ok(mut last) = last.try_borrow_mut() {
            *last = message;
        }
    });
}

/// Runs `body` with its panics reported as this thread's last error instead of printed:
/// `None` when it panicked (on a helper thread too, see `as_helper_thread`).
pub(crate) fn catch<T>(body: impl FnOnce() -> T) -> Option<T> {
    install_panic_hook();
    let _ = GUARDED.try_with(|guarded| guarded.set(true));
    // AssertUnwindSafe: after a panic the body's state (the caller's output buffers) may be
    // half-written, which is fine because the caller sees the panic and discards the results.
    let outcome = panic::catch_unwind(AssertUnwindSafe(body));
    let _ = GUARDED.try_with(|guarded| guarded.set(false));
    outcome
        .map_err(|payload| {
            // The hook has set the last error, unless the panic came from a helper thread.
            if let Some(HelperPanic(message)) = payload.downcast_ref::<HelperPanic>() {
                set_last_error(message.clone());
            }
        })
        .ok()
}

/// `read` applied to this thread's last error message.
pub(crate) fn with_last_error<R>(read: impl FnOnce(&str) -> R) -> R {
    LAST_ERROR.with_borrow(|message| read(message))
}

/// A panic in a helper thread, carried to the guarded thread that joins it.
struct HelperPanic(String);

/// Runs `body` on a thread that a guarded call spawned to share its work (see
/// `bpe::batch`). A panic in `body` is reported like one in `catch` (not printed), and its
/// message travels with the unwinding to the guarded thread, which must pass it on with
/// `panic::resume_unwind`.
pub fn as_helper_thread<T>(body: impl FnOnce() -> T) -> T {
    catch(body).unwrap_or_else(|| {
        panic::resume_unwind(Box::new(HelperPanic(with_last_error(|message| message.to_owned()))))
    })
}

/// Replaces the default panic hook, once, with one that turns panics inside `catch` into
/// the last error instead of printing them to the host process's stderr (which belongs
/// to the user's script). Other panics go to the hook that was there before.
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
        Some(location) => format!("panic at {location}: {message}"),
        None => format!("panic: {message}"),
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(message) = payload.downcast_ref::<&str>() {
        message
    } else if let Some(message) = payload.downcast_ref::<String>() {
        message
    } else {
        "(no message)"
    }
}

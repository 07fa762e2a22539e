//! The C ABI of a kernel library, the same for every kernel, so that the host binds any of
//! them from its manifest entry alone.
//!
//! A kernel `area.operation` is exported as
//! `int32_t area_operation(const TandemArg *args, size_t count, TandemOut *out)`:
//! - `args[i]` holds argument i: a number in `bits` (i32/i64 sign-extended, f64's bits,
//!   bool 0/1, a handle's id), or a buffer in `ptr`/`len` (`len` counts elements; `ptr` may be
//!   null only when `len` is 0); `present` is 0 for Python's None (an `Option` argument);
//! - `out` receives the result the same way; a buffer there is owned by the library and the
//!   caller frees it exactly once with `tandem_kernel_free(ptr, len, element_size)`;
//! - the return value is a status code (below); on any but `OK`,
//!   `tandem_kernel_last_error` gives this thread's message for the user;
//! - a panic never crosses the boundary: it becomes `PANIC` with its message.
//!
//! `tandem_kernel_manifest` gives the library's kernels as JSON (see `manifest`).

use crate::handle;
use crate::panics;
use crate::KernelError;
use std::ptr;

/// Success; `out` holds the result.
pub const OK: i32 = 0;
/// An argument or the kernel rejected the input; the last error says why.
pub const INVALID_INPUT: i32 = 1;
/// The kernel panicked; the last error holds the panic message and where it was raised.
pub const PANIC: i32 = 3;
/// A required pointer was null.
pub const NULL_POINTER: i32 = 4;

/// One argument as the host passes it.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct TandemArg {
    pub bits: u64,
    pub ptr: *const u8,
    pub len: usize,
    pub present: u8,
}

/// The result as the kernel hands it back.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct TandemOut {
    pub bits: u64,
    pub ptr: *mut u8,
    pub len: usize,
    pub present: u8,
}

impl TandemArg {
    /// An argument holding a number (tests, and callers in Rust).
    pub fn number(bits: u64) -> Self {
        TandemArg { bits, ptr: ptr::null(), len: 0, present: 1 }
    }

    /// An argument holding a buffer of `len` elements at `ptr`.
    pub fn buffer<T>(values: &[T]) -> Self {
        TandemArg { bits: 0, ptr: values.as_ptr().cast(), len: values.len(), present: 1 }
    }

    /// Python's None.
    pub fn none() -> Self {
        TandemArg { bits: 0, ptr: ptr::null(), len: 0, present: 0 }
    }
}

impl Default for TandemOut {
    fn default() -> Self {
        TandemOut { bits: 0, ptr: ptr::null_mut(), len: 0, present: 1 }
    }
}

/// What every generated export runs: checks the pointers and the argument count, runs `body`
/// on the arguments with panics caught, and turns its outcome into a status code.
///
/// # Safety
/// `args` must point to `count` readable `TandemArg`s whose buffers are readable for the
/// call, and `out` to a writable `TandemOut` (the generated exports pass the host's).
pub unsafe fn call(
    kernel: &str,
    args: *const TandemArg,
    count: usize,
    arity: usize,
    out: *mut TandemOut,
    body: impl FnOnce(&[TandemArg]) -> Result<TandemOut, KernelError>,
) -> i32 {
    if out.is_null() || (args.is_null() && count != 0) {
        panics::set_last_error(format!("{kernel}: a null pointer for its arguments or result"));
        return NULL_POINTER;
    }
    if count != arity {
        panics::set_last_error(format!("{kernel} takes {arity} arguments ({count} given)"));
        return INVALID_INPUT;
    }
    // SAFETY: checked non-null above (or count 0); the caller vouches for the rest.
    let args =
        if count == 0 { &[][..] } else { unsafe { std::slice::from_raw_parts(args, count) } };
    match panics::catch(|| body(args)) {
        Some(Ok(result)) => {
            // SAFETY: checked non-null above; the caller vouches that it is writable.
            unsafe { out.write(result) };
            OK
        }
        Some(Err(KernelError(message))) => {
            panics::set_last_error(message);
            INVALID_INPUT
        }
        None => PANIC,
    }
}

/// This library's manifest: UTF-8 JSON at `*ptr`, `*len` bytes, owned by the library for its
/// whole life (never freed).
///
/// # Safety
/// `ptr` and `len` must be writable.
#[no_mangle]
pub unsafe extern "C" fn tandem_kernel_manifest(ptr: *mut *const u8, len: *mut usize) -> i32 {
    if ptr.is_null() || len.is_null() {
        return NULL_POINTER;
    }
    match panics::catch(crate::manifest::json) {
        Some(json) => {
            // SAFETY: checked non-null; the caller vouches that they are writable.
            unsafe {
                ptr.write(json.as_ptr());
                len.write(json.len());
            }
            OK
        }
        None => PANIC,
    }
}

/// Frees a result buffer of `len` elements of `element_size` bytes (1, 4 or 8) exactly once.
///
/// # Safety
/// `(ptr, len, element_size)` must be a buffer a kernel of this library returned, not freed yet.
#[no_mangle]
pub unsafe extern "C" fn tandem_kernel_free(ptr: *mut u8, len: usize, element_size: usize) -> i32 {
    if ptr.is_null() || len == 0 {
        return OK;
    }
    // SAFETY: the caller vouches that this is a boxed slice of `len` such elements we made.
    unsafe {
        match element_size {
            1 => drop(Box::from_raw(ptr::slice_from_raw_parts_mut(ptr, len))),
            4 => drop(Box::from_raw(ptr::slice_from_raw_parts_mut(ptr.cast::<u32>(), len))),
            8 => drop(Box::from_raw(ptr::slice_from_raw_parts_mut(ptr.cast::<u64>(), len))),
            _ => {
                panics::set_last_error(format!(
                    "tandem_kernel_free: no result has elements of {element_size} bytes"
                ));
                return INVALID_INPUT;
            }
        }
    }
    OK
}

/// Releases a handle a kernel returned; a handle already released is `INVALID_INPUT`.
#[no_mangle]
pub extern "C" fn tandem_kernel_handle_free(id: u64) -> i32 {
    match handle::release(id) {
        Ok(()) => OK,
        Err(KernelError(message)) => {
            panics::set_last_error(message);
            INVALID_INPUT
        }
    }
}

/// Copies this thread's last error message into `buf` (at most `capacity` bytes, no NUL) and
/// returns its full length in bytes; `buf` may be null with `capacity` 0 to ask the length.
///
/// # Safety
/// `buf` must be writable for `capacity` bytes.
#[no_mangle]
pub unsafe extern "C" fn tandem_kernel_last_error(buf: *mut u8, capacity: usize) -> usize {
    panics::with_last_error(|message| {
        let copied = message.len().min(capacity);
        if copied > 0 && !buf.is_null() {
            // SAFETY: the caller vouches for `capacity` writable bytes at `buf`.
            unsafe { ptr::copy_nonoverlapping(message.as_ptr(), buf, copied) };
        }
        message.len()
    })
}

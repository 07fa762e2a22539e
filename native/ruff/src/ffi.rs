//! `tandem_ruff_*`: the C ABI of `lint.ruff_files` under the conventions of
//! `tandem_native::ffi` (pointers and lengths in, a status code out, panics caught, the
//! result a library-owned UTF-8 buffer freed with this library's `tandem_buffer_free`).

#![deny(unsafe_op_in_unsafe_fn)]

use tandem_native::ffi::lint::{files_json, nul_ended, text};
use tandem_native::ffi::{guard, into_library_buffer, out_value, Failure, INVALID_INPUT};

/// The C ABI version of this library's own symbols; Java refuses other versions.
pub const RUFF_ABI_VERSION: u32 = 1;

#[no_mangle]
pub extern "C" fn tandem_ruff_abi_version() -> u32 {
    RUFF_ABI_VERSION
}

/// `lint.ruff_files`: the `count` files named in `paths` (UTF-8, each ended by a NUL byte)
/// read and linted by Ruff's linter on up to `max_threads` threads (0: every core), with
/// `select`/`ignore` comma-separated Ruff selectors (an empty `select`: Ruff's default
/// selection) and E501's `line_length`. The result, a JSON array of each file's rows
/// `[code, row, column, end_row, end_column, message]` in the order of `paths`, goes to the
/// library-owned buffer `(*out_json, *out_len)`. An unknown selector is `INVALID_INPUT`.
///
/// # Safety
/// `paths`, `select`, `ignore` readable for their lengths; the out-pointers writable.
#[no_mangle]
pub unsafe extern "C" fn tandem_ruff_check_files(
    paths: *const u8,
    paths_len: usize,
    count: usize,
    select: *const u8,
    select_len: usize,
    ignore: *const u8,
    ignore_len: usize,
    line_length: u64,
    max_threads: u32,
    out_json: *mut *mut u8,
    out_len: *mut usize,
) -> i32 {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let (paths, select, ignore, out_json, out_len) = unsafe {
            (
                text(paths, paths_len, "paths")?,
                text(select, select_len, "select")?,
                text(ignore, ignore_len, "ignore")?,
                out_value(out_json, "out_json")?,
                out_value(out_len, "out_len")?,
            )
        };
        let paths = nul_ended(paths, count, "paths")?;
        let settings = crate::settings(select, ignore, line_length)
            .map_err(|bad| Failure { status: INVALID_INPUT, message: bad.0 })?;
        let rows = crate::check_files(&paths, &settings, max_threads as usize);
        (*out_json, *out_len) = into_library_buffer(files_json(&rows).into_bytes());
        Ok(())
    })
}

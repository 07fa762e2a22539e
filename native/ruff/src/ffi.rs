//! `tandem_ruff_*`: the C ABI of `lint.ruff_files` under the conventions of
//! `tandem_native::ffi` (pointers and lengths in, a status code out, panics caught, the
//! result a library-owned UTF-8 buffer freed with this library's `tandem_buffer_free`).

#![deny(unsafe_op_in_unsafe_fn)]

use crate::fix::{self, Mode};
use tandem_native::ffi::lint::{files_json, text, with_files, FilesArguments};
use tandem_native::ffi::{guard, into_library_buffer, out_value, Failure, INVALID_INPUT};
use tandem_native::lint::in_parallel;

/// The C ABI version of this library's own symbols; Java refuses other versions.
pub const RUFF_ABI_VERSION: u32 = 2;

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
    let arguments =
        FilesArguments { paths, paths_len, count, select, select_len, ignore, ignore_len };
    // SAFETY: forwarded from the caller.
    unsafe {
        with_files(arguments, out_json, out_len, |paths, select, ignore| {
            let settings = crate::settings(select, ignore, line_length)
                .map_err(|bad| Failure { status: INVALID_INPUT, message: bad.0 })?;
            Ok(files_json(&crate::check_files(paths, &settings, max_threads as usize)))
        })
    }
}

/// `lint.fix`: the Python `source` (UTF-8), the file `filename`, with Ruff's fixes for the
/// rules of `select`/`ignore` (comma-separated Ruff selectors; an empty `select` is
/// E4,E7,E9,F, as in `lint.check`) and E501's `line_length` applied: the safe fixes, and the
/// unsafe ones too when `unsafe_fixes` is not 0. The result, `crate::fix::fixed_json`'s JSON
/// (the fixed source, how many diagnostics were fixed, the remaining rows), goes to the
/// library-owned buffer `(*out_json, *out_len)`. An unknown selector is `INVALID_INPUT`.
///
/// # Safety
/// `source`, `filename`, `select`, `ignore` readable for their lengths; the out-pointers writable.
#[no_mangle]
pub unsafe extern "C" fn tandem_ruff_fix(
    source: *const u8,
    source_len: usize,
    filename: *const u8,
    filename_len: usize,
    select: *const u8,
    select_len: usize,
    ignore: *const u8,
    ignore_len: usize,
    line_length: u64,
    unsafe_fixes: u32,
    out_json: *mut *mut u8,
    out_len: *mut usize,
) -> i32 {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let (source, filename, select, ignore, out_json, out_len) = unsafe {
            (
                text(source, source_len, "source")?,
                text(filename, filename_len, "filename")?,
                text(select, select_len, "select")?,
                text(ignore, ignore_len, "ignore")?,
                out_value(out_json, "out_json")?,
                out_value(out_len, "out_len")?,
            )
        };
        let select = if select.trim().is_empty() { "E4,E7,E9,F" } else { select };
        let settings = crate::settings(select, ignore, line_length)
            .map_err(|bad| Failure { status: INVALID_INPUT, message: bad.0 })?;
        // On a lint thread, whose stack is as deep as any source that passes `too_deep`.
        let json = in_parallel(1, 1, |_| {
            let fixed = fix::fix(source.to_string(), filename, &settings, unsafe_fixes != 0);
            fix::fixed_json(source, &fixed)
        });
        (*out_json, *out_len) = into_library_buffer(json.concat().into_bytes());
        Ok(())
    })
}

/// `tandem lint --fix` and `--diff`: the `count` files named in `paths` (as in
/// `tandem_ruff_check_files`) read and fixed on up to `max_threads` threads (0: every core),
/// with `select`, `ignore`, `line_length` as there and `unsafe_fixes` as in `tandem_ruff_fix`.
/// `mode` 0 writes each changed file back (atomically; a read-only file or one changed since
/// it was read is left alone and says so), 1 writes nothing and gives each changed file's
/// diff. The result, `crate::fix::files_json`'s JSON array, goes to the library-owned buffer
/// `(*out_json, *out_len)`. An unknown selector or mode is `INVALID_INPUT`.
///
/// # Safety
/// `paths`, `select`, `ignore` readable for their lengths; the out-pointers writable.
#[no_mangle]
pub unsafe extern "C" fn tandem_ruff_fix_files(
    paths: *const u8,
    paths_len: usize,
    count: usize,
    select: *const u8,
    select_len: usize,
    ignore: *const u8,
    ignore_len: usize,
    line_length: u64,
    unsafe_fixes: u32,
    mode: u32,
    max_threads: u32,
    out_json: *mut *mut u8,
    out_len: *mut usize,
) -> i32 {
    let arguments =
        FilesArguments { paths, paths_len, count, select, select_len, ignore, ignore_len };
    // SAFETY: forwarded from the caller.
    unsafe {
        with_files(arguments, out_json, out_len, |paths, select, ignore| {
            let mode = match mode {
                0 => Mode::Write,
                1 => Mode::Diff,
                other => {
                    let message = format!("mode {other} is neither 0 (write) nor 1 (diff)");
                    return Err(Failure { status: INVALID_INPUT, message });
                }
            };
            let settings = crate::settings(select, ignore, line_length)
                .map_err(|bad| Failure { status: INVALID_INPUT, message: bad.0 })?;
            let files =
                fix::fix_files(paths, &settings, unsafe_fixes != 0, mode, max_threads as usize);
            Ok(fix::files_json(&files))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;
    use tandem_native::ffi::{tandem_buffer_free, tandem_last_error, OK};

    fn call(packed: &str, count: usize, select: &str) -> (i32, String) {
        let (mut data, mut len) = (ptr::null_mut(), 0usize);
        let status = unsafe {
            tandem_ruff_check_files(
                packed.as_ptr(),
                packed.len(),
                count,
                select.as_ptr(),
                select.len(),
                ptr::null(),
                0,
                88,
                0,
                &mut data,
                &mut len,
            )
        };
        if status != OK {
            let mut buf = vec![0u8; 256];
            let n = unsafe { tandem_last_error(buf.as_mut_ptr(), buf.len()) };
            return (status, String::from_utf8(buf[..n].to_vec()).unwrap());
        }
        let json = unsafe { String::from_utf8(std::slice::from_raw_parts(data, len).to_vec()) };
        assert_eq!(unsafe { tandem_buffer_free(data.cast(), len, 1) }, OK);
        (status, json.unwrap())
    }

    #[test]
    fn files_in_order_and_bad_arguments_are_invalid_input() {
        let dir = std::env::temp_dir().join(format!("tandem-ruff-ffi-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("good.py");
        std::fs::write(&good, "import os\n").unwrap();
        let packed = format!("{}\0{}\0", good.display(), dir.join("missing.py").display());
        assert_eq!(
            call(&packed, 2, ""),
            (
                OK,
                "[[[\"F401\", 1, 8, 1, 10, \"`os` imported but unused\"]], \
                 [[\"E902\", 1, 1, 1, 1, \"No such file or directory\"]]]"
                    .to_string()
            )
        );
        assert_eq!(call("", 0, ""), (OK, "[]".to_string()));
        let (status, message) = call(&packed, 3, "");
        assert_eq!(status, INVALID_INPUT);
        assert!(message.contains("2 NUL-ended paths for a count of 3"), "{message}");
        let (status, message) = call(&packed, 2, "F,XYZ1");
        assert_eq!(status, INVALID_INPUT);
        assert!(message.starts_with("select: unknown rule selector 'XYZ1'"), "{message}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

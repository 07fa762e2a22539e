//! `tandem_sourcemap_*`: the C ABI of `sourcemap.decode` (logic in `crate::sourcemap`), under
//! the conventions of the parent module. A child of `ffi` so that the shared ffi.rs only
//! gains one line for it.
//!
//! The decoded mappings live behind an opaque handle that `tandem_sourcemap_decode` returns
//! and `tandem_sourcemap_free` frees, exactly once; every other call only reads through it,
//! so a handle may be used from several threads at once (the reverse-lookup index is built
//! once, behind a `OnceLock`).

use super::{
    cancel_flag, guard, input, into_library_buffer, out_value, output, Failure, INVALID_INPUT,
};
use crate::sourcemap::{self, DecodeError, DecodeStop, Mappings};
use std::ffi::c_void;

impl From<DecodeError> for Failure {
    fn from(error: DecodeError) -> Failure {
        Failure { status: INVALID_INPUT, message: error.0 }
    }
}

impl From<DecodeStop> for Failure {
    fn from(stop: DecodeStop) -> Failure {
        match stop {
            DecodeStop::Invalid(error) => error.into(),
            DecodeStop::Cancelled => crate::cancel::Cancelled.into(),
        }
    }
}

/// The mappings behind `handle`.
///
/// # Safety
/// `handle` must be null or a handle from `tandem_sourcemap_decode`, not yet freed.
unsafe fn mappings<'a>(handle: *const c_void) -> Result<&'a Mappings, Failure> {
    if handle.is_null() {
        return Err(Failure::null("handle"));
    }
    // SAFETY: the caller's contract; the handle is a live Box<Mappings>.
    Ok(unsafe { &*handle.cast::<Mappings>() })
}

/// `sourcemap.decode`: decodes the `len` bytes of surrogatepass UTF-8 at `mappings` for a
/// map with `source_count` sources and `name_count` names, and writes the handle of the
/// result to `*out_handle`. Bad input is `INVALID_INPUT` with the reference's message.
/// `cancel`: see the parent module.
///
/// # Safety
/// `mappings` readable for `len` bytes, `cancel` null or a flag, `out_handle` writable.
#[no_mangle]
pub unsafe extern "C" fn tandem_sourcemap_decode(
    mappings: *const u8,
    len: usize,
    source_count: i64,
    name_count: i64,
    cancel: *const u32,
    out_handle: *mut *mut c_void,
) -> i32 {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let (text, cancel, out_handle) = unsafe {
            (
                input(mappings, len, "mappings")?,
                cancel_flag(cancel)?,
                out_value(out_handle, "out_handle")?,
            )
        };
        let decoded = sourcemap::decode(text, source_count, name_count, &cancel)?;
        *out_handle = Box::into_raw(Box::new(decoded)).cast::<c_void>();
        Ok(())
    })
}

/// Frees a handle; null is a no-op.
///
/// # Safety
/// `handle` must be null or a live handle, which no call uses any more (now or later).
#[no_mangle]
pub unsafe extern "C" fn tandem_sourcemap_free(handle: *mut c_void) -> i32 {
    guard(|| {
        if !handle.is_null() {
            // SAFETY: the caller's contract: a live Box<Mappings>, freed only here and once.
            drop(unsafe { Box::from_raw(handle.cast::<Mappings>()) });
        }
        Ok(())
    })
}

/// The number of mappings into `*out`.
///
/// # Safety
/// `handle` live, `out` writable.
#[no_mangle]
pub unsafe extern "C" fn tandem_sourcemap_count(handle: *const c_void, out: *mut usize) -> i32 {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let (mappings, out) = unsafe { (mappings(handle)?, out_value(out, "out")?) };
        *out = mappings.count();
        Ok(())
    })
}

/// Every mapping in generated order, 6 ints each (see the reference's `flat`), into `out`,
/// which must have room for `6 * count` ints (`BUFFER_TOO_SMALL` otherwise).
///
/// # Safety
/// `handle` live, `out` writable for `out_cap` ints.
#[no_mangle]
pub unsafe extern "C" fn tandem_sourcemap_flat(
    handle: *const c_void,
    out: *mut i32,
    out_cap: usize,
) -> i32 {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let (mappings, out) = unsafe { (mappings(handle)?, output(out, out_cap, "out")?) };
        let needed = mappings.count() * 6;
        if out.len() < needed {
            let message = format!(
                "the output has room for {} ints but the mappings need {needed}",
                out.len()
            );
            return Err(Failure { status: super::BUFFER_TOO_SMALL, message });
        }
        mappings.flat_into(out);
        Ok(())
    })
}

/// Mapping `index` as 6 ints into `out` (room for 6).
///
/// # Safety
/// `handle` live, `out` writable for 6 ints.
#[no_mangle]
pub unsafe extern "C" fn tandem_sourcemap_mapping(
    handle: *const c_void,
    index: i64,
    out: *mut i32,
) -> i32 {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let (mappings, out) = unsafe { (mappings(handle)?, output(out, 6, "out")?) };
        let row =
            usize::try_from(index).ok().and_then(|i| mappings.mapping(i)).ok_or_else(|| {
                Failure {
                    status: INVALID_INPUT,
                    message: format!(
                        "mapping index {index} is out of range (the map has {} mappings)",
                        mappings.count()
                    ),
                }
            })?;
        out.copy_from_slice(&row);
        Ok(())
    })
}

/// The index of the mapping at generated (`line`, `column`), 0-based, with `bias` (1 or 2),
/// or -1, into `*out`.
///
/// # Safety
/// `handle` live, `out` writable.
#[no_mangle]
pub unsafe extern "C" fn tandem_sourcemap_lookup(
    handle: *const c_void,
    line: i64,
    column: i64,
    bias: i32,
    out: *mut i64,
) -> i32 {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let (mappings, out) = unsafe { (mappings(handle)?, out_value(out, "out")?) };
        *out = mappings.lookup(line, column, bias)?;
        Ok(())
    })
}

/// `lookup` of `len` queries (`lines[i]`, `columns[i]`), 0-based, with `bias`: per query the
/// 6 ints of `tandem_sourcemap_mapping` for the mapping found, or six -1s, into `out`, which
/// must have room for `6 * len` ints (`BUFFER_TOO_SMALL` otherwise). A bad bias is
/// `INVALID_INPUT` with the reference's message.
///
/// # Safety
/// `handle` live, `lines` and `columns` readable for `len` ints, `out` writable for `out_cap` ints.
#[no_mangle]
pub unsafe extern "C" fn tandem_sourcemap_lookup_many(
    handle: *const c_void,
    lines: *const i32,
    columns: *const i32,
    len: usize,
    bias: i32,
    out: *mut i32,
    out_cap: usize,
) -> i32 {
    // SAFETY: forwarded from the caller.
    unsafe {
        lookup_rows(handle, lines, columns, len, out, out_cap, 6, |m, l, c, o| {
            m.lookup_many(l, c, bias, o)
        })
    }
}

/// `lookup` of `len` queries (`lines[i]`, `columns[i]`), 0-based, with `bias`: per query the
/// source, original line, original column and name of the mapping found, or four -1s when there
/// is none or it has no source, into `out`, which must have room for `4 * len` ints
/// (`BUFFER_TOO_SMALL` otherwise). A bad bias is `INVALID_INPUT` with the reference's message.
///
/// # Safety
/// `handle` live, `lines` and `columns` readable for `len` ints, `out` writable for `out_cap` ints.
#[no_mangle]
pub unsafe extern "C" fn tandem_sourcemap_lookup_packed(
    handle: *const c_void,
    lines: *const i32,
    columns: *const i32,
    len: usize,
    bias: i32,
    out: *mut i32,
    out_cap: usize,
) -> i32 {
    // SAFETY: forwarded from the caller.
    unsafe {
        lookup_rows(handle, lines, columns, len, out, out_cap, 4, |m, l, c, o| {
            m.lookup_packed(l, c, bias, o)
        })
    }
}

/// The body of the batch lookups: checks the handle, the queries and that `out` has room for
/// `width` ints per query, then lets `fill` write them.
///
/// # Safety
/// As the batch lookups': `handle` live, `lines` and `columns` readable for `len` ints, `out`
/// writable for `out_cap` ints.
#[allow(clippy::too_many_arguments)]
unsafe fn lookup_rows(
    handle: *const c_void,
    lines: *const i32,
    columns: *const i32,
    len: usize,
    out: *mut i32,
    out_cap: usize,
    width: usize,
    fill: impl FnOnce(&Mappings, &[i32], &[i32], &mut [i32]) -> Result<(), DecodeError>,
) -> i32 {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let (mappings, lines, columns, out) = unsafe {
            (
                mappings(handle)?,
                input(lines, len, "lines")?,
                input(columns, len, "columns")?,
                output(out, out_cap, "out")?,
            )
        };
        let needed = len.saturating_mul(width);
        if out.len() < needed {
            let message = format!(
                "the output has room for {} ints but {len} queries need {needed}",
                out.len()
            );
            return Err(Failure { status: super::BUFFER_TOO_SMALL, message });
        }
        fill(mappings, lines, columns, &mut out[..needed])?;
        Ok(())
    })
}

/// The generated positions of original (`source`, `line`, `column`), flat (line, column,
/// last column or -1) triples, as a library-owned `i32` buffer `(*out_ptr, *out_len)`;
/// `has_column` 0 ignores `column` (see the reference's `generated_for`). The first call on a
/// handle sorts its mappings in original order, which `cancel` can stop (see the parent module).
///
/// # Safety
/// `handle` live, `cancel` null or a flag, `out_ptr` and `out_len` writable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn tandem_sourcemap_generated_for(
    handle: *const c_void,
    source: i64,
    line: i64,
    column: i64,
    has_column: i32,
    cancel: *const u32,
    out_ptr: *mut *mut i32,
    out_len: *mut usize,
) -> i32 {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let (mappings, cancel, out_ptr, out_len) = unsafe {
            (
                mappings(handle)?,
                cancel_flag(cancel)?,
                out_value(out_ptr, "out_ptr")?,
                out_value(out_len, "out_len")?,
            )
        };
        let generated = mappings.generated_for(source, line, column, has_column != 0, &cancel)?;
        (*out_ptr, *out_len) = into_library_buffer(generated);
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::super::{tandem_buffer_free, tandem_last_error, BUFFER_TOO_SMALL, NULL_POINTER, OK};
    use super::*;
    use std::ptr;

    fn last_error() -> String {
        let mut buf = vec![0u8; 256];
        // SAFETY: `buf` holds 256 writable bytes.
        let len = unsafe { tandem_last_error(buf.as_mut_ptr(), buf.len()) };
        String::from_utf8(buf[..len].to_vec()).unwrap()
    }

    fn decode(text: &str) -> (i32, *mut c_void) {
        let mut handle = ptr::null_mut();
        // SAFETY: valid pointers for their lengths.
        let status = unsafe {
            tandem_sourcemap_decode(text.as_ptr(), text.len(), 2, 1, ptr::null(), &mut handle)
        };
        (status, handle)
    }

    #[test]
    fn a_handle_answers_every_query_and_is_freed() {
        let (status, handle) = decode("AAAA,ECAA;AAAAA");
        assert_eq!(status, OK);
        let (mut count, mut index) = (0usize, 0i64);
        let mut flat = [0i32; 18];
        let mut row = [0i32; 6];
        let (mut data, mut len) = (ptr::null_mut(), 0usize);
        // SAFETY: `handle` is live until freed at the end; every out-pointer is valid.
        unsafe {
            assert_eq!(tandem_sourcemap_count(handle, &mut count), OK);
            assert_eq!(count, 3);
            assert_eq!(tandem_sourcemap_flat(handle, flat.as_mut_ptr(), 17), BUFFER_TOO_SMALL);
            assert_eq!(last_error(), "the output has room for 17 ints but the mappings need 18");
            assert_eq!(tandem_sourcemap_flat(handle, flat.as_mut_ptr(), 18), OK);
            assert_eq!(flat, [0, 0, 0, 0, 0, -1, 0, 2, 1, 0, 0, -1, 1, 0, 1, 0, 0, 0]);
            assert_eq!(tandem_sourcemap_mapping(handle, 2, row.as_mut_ptr()), OK);
            assert_eq!(row, [1, 0, 1, 0, 0, 0]);
            assert_eq!(tandem_sourcemap_mapping(handle, 3, row.as_mut_ptr()), INVALID_INPUT);
            assert_eq!(last_error(), "mapping index 3 is out of range (the map has 3 mappings)");
            assert_eq!(tandem_sourcemap_lookup(handle, 0, 1, 2, &mut index), OK);
            assert_eq!(index, 1);
            assert_eq!(tandem_sourcemap_lookup(handle, 0, 1, 0, &mut index), INVALID_INPUT);
            assert_eq!(
                last_error(),
                "bias 0 is neither GREATEST_LOWER_BOUND (1) nor LEAST_UPPER_BOUND (2)"
            );
            let (lines, columns) = ([0, 1, 0, -1], [1, 0, 0, 0]);
            let mut rows = [0i32; 24];
            assert_eq!(
                tandem_sourcemap_lookup_many(
                    handle,
                    lines.as_ptr(),
                    columns.as_ptr(),
                    4,
                    1,
                    rows.as_mut_ptr(),
                    23
                ),
                BUFFER_TOO_SMALL
            );
            assert_eq!(last_error(), "the output has room for 23 ints but 4 queries need 24");
            assert_eq!(
                tandem_sourcemap_lookup_many(
                    handle,
                    lines.as_ptr(),
                    columns.as_ptr(),
                    4,
                    1,
                    rows.as_mut_ptr(),
                    24
                ),
                OK
            );
            assert_eq!(rows[..6], [0, 0, 0, 0, 0, -1]);
            assert_eq!(rows[6..12], [1, 0, 1, 0, 0, 0]);
            assert_eq!(rows[18..], [-1; 6]);
            assert_eq!(
                tandem_sourcemap_lookup_many(
                    handle,
                    lines.as_ptr(),
                    columns.as_ptr(),
                    4,
                    7,
                    rows.as_mut_ptr(),
                    24
                ),
                INVALID_INPUT
            );
            assert_eq!(
                last_error(),
                "bias 7 is neither GREATEST_LOWER_BOUND (1) nor LEAST_UPPER_BOUND (2)"
            );
            let mut packed = [0i32; 16];
            assert_eq!(
                tandem_sourcemap_lookup_packed(
                    handle,
                    lines.as_ptr(),
                    columns.as_ptr(),
                    4,
                    1,
                    packed.as_mut_ptr(),
                    15
                ),
                BUFFER_TOO_SMALL
            );
            assert_eq!(last_error(), "the output has room for 15 ints but 4 queries need 16");
            assert_eq!(
                tandem_sourcemap_lookup_packed(
                    handle,
                    lines.as_ptr(),
                    columns.as_ptr(),
                    4,
                    1,
                    packed.as_mut_ptr(),
                    16
                ),
                OK
            );
            assert_eq!(packed, [0, 0, 0, -1, 1, 0, 0, 0, 0, 0, 0, -1, -1, -1, -1, -1]);
            assert_eq!(
                tandem_sourcemap_lookup_packed(
                    handle,
                    lines.as_ptr(),
                    columns.as_ptr(),
                    4,
                    7,
                    packed.as_mut_ptr(),
                    16
                ),
                INVALID_INPUT
            );
            assert_eq!(
                last_error(),
                "bias 7 is neither GREATEST_LOWER_BOUND (1) nor LEAST_UPPER_BOUND (2)"
            );
            assert_eq!(
                tandem_sourcemap_generated_for(
                    handle,
                    1,
                    0,
                    0,
                    0,
                    ptr::null(),
                    &mut data,
                    &mut len
                ),
                OK
            );
            assert_eq!(std::slice::from_raw_parts(data, len), [0, 2, -1, 1, 0, -1]);
            assert_eq!(tandem_buffer_free(data.cast(), len, 4), OK);
            assert_eq!(tandem_sourcemap_free(handle), OK);
        }
    }

    #[test]
    fn bad_mappings_are_invalid_input_with_the_reference_message() {
        let (status, handle) = decode("AAAA,AEAA");
        assert_eq!((status, handle), (INVALID_INPUT, ptr::null_mut()));
        assert_eq!(
            last_error(),
            "mappings: segment at offset 5 refers to source 2, but the map has 2 sources"
        );
    }

    #[test]
    fn a_null_handle_is_refused() {
        let mut count = 0usize;
        // SAFETY: a null handle is refused before use; freeing null is a no-op.
        unsafe {
            assert_eq!(tandem_sourcemap_count(ptr::null(), &mut count), NULL_POINTER);
            assert_eq!(last_error(), "handle is a null pointer");
            assert_eq!(tandem_sourcemap_free(ptr::null_mut()), OK);
        }
    }
}

//! The C ABI, and nothing else: every exported symbol, the status codes, the last-error
//! message and library-owned buffers. Kernel logic lives in the area modules.
//!
//! Conventions for every `tandem_*` function that returns `int32_t`:
//! - inputs are pointer + length; a null pointer is allowed only with length 0;
//! - results go through out-pointers, which are written only on `OK` unless a function
//!   says otherwise; pointers must be aligned for their type and must not overlap;
//! - the return value is a status code (below). On any status but `OK`,
//!   `tandem_last_error` returns a UTF-8 message for the user. The message is per thread
//!   and stays until the next failure on that thread, so read it right after the call
//!   (a Java virtual thread cannot move to another carrier between two downcalls, since
//!   it only unmounts at blocking operations);
//! - a Rust panic never crosses the boundary: it becomes `PANIC`, with the panic message
//!   and its source location as the last error, and is not printed to stderr;
//! - a function whose work grows with its input (encode, count, decode, ...) takes a
//!   `cancel` pointer: null, or a caller-owned, 4-byte aligned `uint32_t` flag. The caller
//!   may set the flag to non-zero from another thread at any time; the function then stops
//!   within about a tenth of a millisecond of work and returns `CANCELLED`, having written
//!   no result. The host sets it when a script's deadline passes, since neither the JVM nor
//!   the guest language can interrupt native code.
//!
//! Library-owned buffers: kernels whose result size is unknown up front return
//! `(T* ptr, size_t len)` through out-pointers, `len` counting elements of the
//! kernel's element type `T`. The caller copies what it needs and then calls
//! `tandem_buffer_free(ptr, len, sizeof(T))` exactly once. An empty result is
//! `(NULL, 0)`, and freeing it is a no-op.

#![deny(unsafe_op_in_unsafe_fn)]

use crate::bpe::{BpeError, Encoder, Pattern};
use crate::cancel::{Cancel, Cancelled};
use crate::panics;
use crate::text::{self, TextError};
use std::alloc::{self, Layout};
use std::ffi::c_void;
use std::mem;
use std::panic::{self, AssertUnwindSafe};
use std::ptr;
use std::sync::atomic::AtomicU32;

#[cfg(test)]
mod fuzz;
pub mod lint;
mod sourcemap;

/// Success; the out-pointers hold the result.
pub const OK: i32 = 0;
/// The input is not acceptable (such as invalid UTF-8); the last error says why and where.
pub const INVALID_INPUT: i32 = 1;
/// A caller-provided output buffer is too small; the last error says how much is needed.
pub const BUFFER_TOO_SMALL: i32 = 2;
/// The library panicked (a bug in Tandem); the last error holds the panic message.
pub const PANIC: i32 = 3;
/// A required pointer was null.
pub const NULL_POINTER: i32 = 4;
/// The caller set the call's cancellation flag; no result was written.
pub const CANCELLED: i32 = 5;

/// Changes whenever a symbol's signature or meaning changes; Java refuses other versions.
pub const ABI_VERSION: u32 = 3;

/// A failed call: the status to return and the message for `tandem_last_error`.
pub struct Failure {
    pub status: i32,
    pub message: String,
}

impl Failure {
    fn null(what: &str) -> Failure {
        Failure { status: NULL_POINTER, message: format!("{what} is a null pointer") }
    }

    fn misaligned(what: &str) -> Failure {
        Failure { status: INVALID_INPUT, message: format!("{what} is not aligned for its type") }
    }
}

impl From<TextError> for Failure {
    fn from(error: TextError) -> Failure {
        let status = match error {
            TextError::InvalidUtf8 { .. } => INVALID_INPUT,
            TextError::BufferTooSmall { .. } => BUFFER_TOO_SMALL,
        };
        Failure { status, message: error.to_string() }
    }
}

impl From<Cancelled> for Failure {
    fn from(_: Cancelled) -> Failure {
        Failure { status: CANCELLED, message: "cancelled by the caller".into() }
    }
}

impl From<BpeError> for Failure {
    fn from(error: BpeError) -> Failure {
        Failure { status: INVALID_INPUT, message: error.0 }
    }
}

/// Runs the body of an exported function and turns its outcome into a status code.
pub fn guard(body: impl FnOnce() -> Result<(), Failure>) -> i32 {
    match panics::catch(body) {
        Some(Ok(())) => OK,
        Some(Err(failure)) => {
            panics::set_last_error(failure.message);
            failure.status
        }
        None => PANIC, // the last error holds the panic's message
    }
}

/// The caller's `len` elements at `data` as a slice.
///
/// # Safety
/// Unless null or `len` is 0, `data` must point to `len` readable, initialised `T`s that
/// stay unchanged during the call.
unsafe fn input<'a, T>(data: *const T, len: usize, what: &str) -> Result<&'a [T], Failure> {
    if len == 0 {
        return Ok(&[]);
    }
    if data.is_null() {
        return Err(Failure::null(what));
    }
    if !data.is_aligned() {
        return Err(Failure::misaligned(what));
    }
    // SAFETY: non-null and aligned (checked), valid for `len` reads (the caller's contract).
    Ok(unsafe { std::slice::from_raw_parts(data, len) })
}

/// The caller's buffer of `capacity` elements at `data` as a mutable slice.
///
/// # Safety
/// Unless null or `capacity` is 0, `data` must point to `capacity` writable `T`s that
/// nothing else accesses during the call.
unsafe fn output<'a, T>(data: *mut T, capacity: usize, what: &str) -> Result<&'a mut [T], Failure> {
    if capacity == 0 {
        return Ok(&mut []);
    }
    if data.is_null() {
        return Err(Failure::null(what));
    }
    if !data.is_aligned() {
        return Err(Failure::misaligned(what));
    }
    // SAFETY: non-null and aligned (checked), valid and exclusive (the caller's contract).
    Ok(unsafe { std::slice::from_raw_parts_mut(data, capacity) })
}

/// The caller's single out-value at `data`.
///
/// # Safety
/// Unless null, `data` must point to a writable `T` that nothing else accesses during the call.
pub unsafe fn out_value<'a, T>(data: *mut T, what: &str) -> Result<&'a mut T, Failure> {
    // SAFETY: forwarded from the caller; capacity 1 makes a null pointer an error.
    let slice = unsafe { output(data, 1, what) }?;
    Ok(&mut slice[0])
}

/// The caller's cancellation flag (see the module documentation): none when null.
///
/// # Safety
/// Unless null, `flag` must point to a `uint32_t` that lives until the call returns and that
/// other threads change only atomically.
unsafe fn cancel_flag<'a>(flag: *const u32) -> Result<Cancel<'a>, Failure> {
    if flag.is_null() {
        return Ok(Cancel::never());
    }
    if !flag.is_aligned() {
        return Err(Failure::misaligned("cancel"));
    }
    // SAFETY: non-null and aligned (checked); AtomicU32 has u32's size and alignment, and the
    // caller writes the flag atomically (the contract).
    Ok(Cancel::new(unsafe { AtomicU32::from_ptr(flag.cast_mut()) }))
}

/// Hands `values` to the caller as a library-owned buffer `(ptr, len)`, to be freed with
/// `tandem_buffer_free(ptr, len, size_of::<T>())`; empty is `(null, 0)`.
pub fn into_library_buffer<T: Copy>(values: Vec<T>) -> (*mut T, usize) {
    // tandem_buffer_free rebuilds the layout from the element size alone, which works for
    // the primitive types the ABI returns, whose alignment equals their size.
    const { assert!(mem::size_of::<T>() == mem::align_of::<T>()) };
    if values.is_empty() {
        return (ptr::null_mut(), 0);
    }
    let boxed = values.into_boxed_slice(); // capacity == len, so the layout is known
    let len = boxed.len();
    (Box::into_raw(boxed).cast::<T>(), len)
}

/// The ABI version, `ABI_VERSION`. Checked by the Java loader before any other call.
#[no_mangle]
pub extern "C" fn tandem_abi_version() -> u32 {
    ABI_VERSION
}

/// Copies this thread's last error message (UTF-8, no terminating NUL) into `buf`, at most
/// `cap` bytes, and returns its full length in bytes; call with `cap` 0 to ask the length.
///
/// # Safety
/// Unless null or `cap` is 0, `buf` must point to `cap` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn tandem_last_error(buf: *mut u8, cap: usize) -> usize {
    let copy = || {
        panics::with_last_error(|message| {
            // SAFETY: forwarded from the caller.
            if let Ok(buf) = unsafe { output(buf, cap, "buf") } {
                let n = message.len().min(buf.len());
                buf[..n].copy_from_slice(&message.as_bytes()[..n]);
            }
            message.len()
        })
    };
    panic::catch_unwind(AssertUnwindSafe(copy)).unwrap_or(0)
}

/// Frees a library-owned buffer (see the module documentation): `len` and `elem_size`
/// exactly as the kernel returned them. Returns `INVALID_INPUT` for an element size other
/// than 1, 2, 4 or 8.
///
/// # Safety
/// `ptr` must be null or a buffer this library returned with that `len` and element size,
/// not yet freed.
#[no_mangle]
pub unsafe extern "C" fn tandem_buffer_free(ptr: *mut c_void, len: usize, elem_size: usize) -> i32 {
    guard(|| {
        if !matches!(elem_size, 1 | 2 | 4 | 8) {
            let message = format!("element size {elem_size} is not 1, 2, 4 or 8");
            return Err(Failure { status: INVALID_INPUT, message });
        }
        if ptr.is_null() || len == 0 {
            return Ok(());
        }
        let layout = len
            .checked_mul(elem_size)
            .and_then(|size| Layout::from_size_align(size, elem_size).ok())
            .ok_or_else(|| Failure {
                status: INVALID_INPUT,
                message: format!("{len} elements of {elem_size} bytes is not a buffer size"),
            })?;
        // SAFETY: the caller's contract; `into_library_buffer` allocated a boxed slice of
        // `len` elements whose alignment is their size, which is exactly this layout.
        unsafe { alloc::dealloc(ptr.cast::<u8>(), layout) };
        Ok(())
    })
}

/// `text.codepoints`: the code points of surrogatepass UTF-8 `text` into `out`, their count
/// into `*out_len`. `out_cap >= len` always suffices. On `BUFFER_TOO_SMALL`, `*out_len` is
/// the capacity needed (and `out` holds the first `out_cap` code points).
///
/// # Safety
/// See the module documentation: `text` readable for `len` bytes, `out` writable for
/// `out_cap` code points, `out_len` writable.
#[no_mangle]
pub unsafe extern "C" fn tandem_text_codepoints(
    text: *const u8,
    len: usize,
    out: *mut u32,
    out_cap: usize,
    out_len: *mut usize,
) -> i32 {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let (text, out, out_len) = unsafe {
            (
                input(text, len, "text")?,
                output(out, out_cap, "out")?,
                out_value(out_len, "out_len")?,
            )
        };
        match text::codepoints(text, out) {
            Ok(count) => {
                *out_len = count;
                Ok(())
            }
            Err(error) => {
                if let TextError::BufferTooSmall { needed, .. } = error {
                    *out_len = needed;
                }
                Err(error.into())
            }
        }
    })
}

/// `text.fnv1a_32`: the 32-bit FNV-1a hash of the `len` bytes at `text` into `*out`,
/// starting from `seed`: the offset basis 0x811C9DC5 for a whole text, or the hash of the
/// bytes before `text`, so that a long text can be hashed in pieces.
///
/// # Safety
/// `text` readable for `len` bytes, `out` writable.
#[no_mangle]
pub unsafe extern "C" fn tandem_text_fnv1a_32(
    seed: u32,
    text: *const u8,
    len: usize,
    out: *mut u32,
) -> i32 {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let (text, out) = unsafe { (input(text, len, "text")?, out_value(out, "out")?) };
        *out = text::fnv1a_32_from(seed, text);
        Ok(())
    })
}

/// The most bytes a BPE text may have: positions within it are 32-bit.
const MAX_TEXT_BYTES: usize = u32::MAX as usize - 1;

/// The UTF-8 text of `len` bytes at `text`, or INVALID_INPUT naming the first bad byte (or
/// saying it is larger than `MAX_TEXT_BYTES`).
///
/// # Safety
/// As `input`.
unsafe fn input_text<'a>(text: *const u8, len: usize, what: &str) -> Result<&'a str, Failure> {
    if len > MAX_TEXT_BYTES {
        let message =
            format!("{what}: {len} bytes is more than the {MAX_TEXT_BYTES} a text may have");
        return Err(Failure { status: INVALID_INPUT, message });
    }
    // SAFETY: forwarded from the caller.
    let bytes = unsafe { input(text, len, what) }?;
    std::str::from_utf8(bytes).map_err(|e| Failure {
        status: INVALID_INPUT,
        message: format!("{what}: invalid UTF-8 at byte {}", e.valid_up_to()),
    })
}

/// The encoder behind a handle from `tandem_bpe_load`.
///
/// # Safety
/// Unless null, `encoder` must be a live handle from `tandem_bpe_load`.
unsafe fn encoder<'a>(encoder: *const c_void) -> Result<&'a Encoder, Failure> {
    let encoder = encoder.cast::<Encoder>();
    if encoder.is_null() {
        return Err(Failure::null("encoder"));
    }
    if !encoder.is_aligned() {
        return Err(Failure::misaligned("encoder"));
    }
    // SAFETY: the caller's contract.
    Ok(unsafe { &*encoder })
}

/// `bpe.load`: an encoder for the `.tiktoken` rank file `ranks` (its bytes, parsed as
/// strictly as the reference's `load_ranks`; errors name the line), the pre-tokenization
/// `pattern` (0 r50k/GPT-2, 1 cl100k, 2 o200k) and the special tokens `specials`: UTF-8
/// lines `TOKEN\tID\n`, at most 64, whose order numbers the bits of the allowed masks
/// below. The handle goes to `*out_encoder`; free it with `tandem_bpe_free`.
///
/// The handle is immutable: any number of threads may encode with it at once. Its
/// validity is the caller's responsibility (no use after free, no forged pointers): the
/// library checks only that it is non-null and aligned.
///
/// # Safety
/// `ranks` readable for `ranks_len` bytes, `specials` for `specials_len`, `out_encoder`
/// writable.
#[no_mangle]
pub unsafe extern "C" fn tandem_bpe_load(
    ranks: *const u8,
    ranks_len: usize,
    pattern: u32,
    specials: *const u8,
    specials_len: usize,
    out_encoder: *mut *mut c_void,
) -> i32 {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let (ranks, specials, out_encoder) = unsafe {
            (
                input(ranks, ranks_len, "ranks")?,
                input(specials, specials_len, "specials")?,
                out_value(out_encoder, "out_encoder")?,
            )
        };
        let encoder = Encoder::load(ranks, Pattern::from_number(pattern)?, specials)?;
        *out_encoder = Box::into_raw(Box::new(encoder)).cast::<c_void>();
        Ok(())
    })
}

/// `bpe.load` from tokens already parsed (Java's binary rank cache): token `i` is
/// `bytes[offsets[i]..offsets[i + 1]]` with rank `ranks[i]`, `count` tokens in the rank file's
/// order, checked as `tandem_bpe_load` checks a file (errors name the token's number);
/// `pattern`, `specials` and the handle as for `tandem_bpe_load`.
///
/// # Safety
/// `bytes` readable for `bytes_len` bytes, `offsets` for `count + 1` and `ranks` for `count`
/// aligned `uint32_t`s, `specials` for `specials_len` bytes, `out_encoder` writable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn tandem_bpe_load_tokens(
    bytes: *const u8,
    bytes_len: usize,
    offsets: *const u32,
    ranks: *const u32,
    count: usize,
    pattern: u32,
    specials: *const u8,
    specials_len: usize,
    out_encoder: *mut *mut c_void,
) -> i32 {
    guard(|| {
        let offsets_len = count.checked_add(1).ok_or_else(|| Failure {
            status: INVALID_INPUT,
            message: format!("count {count} is too large"),
        })?;
        // SAFETY: forwarded from the caller.
        let (bytes, offsets, ranks, specials, out_encoder) = unsafe {
            (
                input(bytes, bytes_len, "bytes")?,
                input(offsets, offsets_len, "offsets")?,
                input(ranks, count, "ranks")?,
                input(specials, specials_len, "specials")?,
                out_value(out_encoder, "out_encoder")?,
            )
        };
        let encoder =
            Encoder::from_tokens(bytes, offsets, ranks, Pattern::from_number(pattern)?, specials)?;
        *out_encoder = Box::into_raw(Box::new(encoder)).cast::<c_void>();
        Ok(())
    })
}

/// Frees an encoder from `tandem_bpe_load`; null is a no-op.
///
/// # Safety
/// `encoder` must be null or a live handle, which no other thread is using; it is dead after.
#[no_mangle]
pub unsafe extern "C" fn tandem_bpe_free(encoder: *mut c_void) -> i32 {
    guard(|| {
        if !encoder.is_null() {
            // SAFETY: the caller's contract: a handle from Box::into_raw in tandem_bpe_load.
            drop(unsafe { Box::from_raw(encoder.cast::<Encoder>()) });
        }
        Ok(())
    })
}

/// `bpe.encode`: the token ids of the UTF-8 `text` (invalid UTF-8 is INVALID_INPUT, with
/// the byte offset), as tiktoken's `encode(text, allowed_special=..., disallowed_special=())`:
/// the special tokens whose bits are set in `allowed_special_mask` become their ids, the
/// others are plain text. The ids are a library-owned buffer `(*out_ids, *out_len)`: free
/// it with `tandem_buffer_free(ids, len, 4)`. `cancel`: see the module documentation.
///
/// # Safety
/// `encoder` a live handle; `text` readable for `text_len` bytes; `cancel` null or a flag;
/// the out-pointers writable.
#[no_mangle]
pub unsafe extern "C" fn tandem_bpe_encode(
    encoder: *const c_void,
    text: *const u8,
    text_len: usize,
    allowed_special_mask: u64,
    cancel: *const u32,
    out_ids: *mut *mut u32,
    out_len: *mut usize,
) -> i32 {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let (encoder, text, cancel, out_ids, out_len) = unsafe {
            (
                self::encoder(encoder)?,
                input_text(text, text_len, "text")?,
                cancel_flag(cancel)?,
                out_value(out_ids, "out_ids")?,
                out_value(out_len, "out_len")?,
            )
        };
        let ids = encoder.encode(text, allowed_special_mask, &cancel)?;
        (*out_ids, *out_len) = into_library_buffer(ids);
        Ok(())
    })
}

/// `bpe.count`: the number of ids `tandem_bpe_encode` would give, into `*out_count`,
/// without making them.
///
/// # Safety
/// As `tandem_bpe_encode`.
#[no_mangle]
pub unsafe extern "C" fn tandem_bpe_count(
    encoder: *const c_void,
    text: *const u8,
    text_len: usize,
    allowed_special_mask: u64,
    cancel: *const u32,
    out_count: *mut usize,
) -> i32 {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let (encoder, text, cancel, out_count) = unsafe {
            (
                self::encoder(encoder)?,
                input_text(text, text_len, "text")?,
                cancel_flag(cancel)?,
                out_value(out_count, "out_count")?,
            )
        };
        *out_count = encoder.count(text, allowed_special_mask, &cancel)?;
        Ok(())
    })
}

/// `bpe.decode_bytes`: the bytes of the `ids_len` token ids at `ids`, one after the other,
/// as a library-owned buffer `(*out_bytes, *out_len)` (free it with
/// `tandem_buffer_free(bytes, len, 1)`). An unknown id is `INVALID_INPUT`, naming it.
///
/// # Safety
/// `encoder` a live handle; `ids` readable for `ids_len` u32; the out-pointers writable.
#[no_mangle]
pub unsafe extern "C" fn tandem_bpe_decode_bytes(
    encoder: *const c_void,
    ids: *const u32,
    ids_len: usize,
    out_bytes: *mut *mut u8,
    out_len: *mut usize,
) -> i32 {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let (encoder, ids, out_bytes, out_len) = unsafe {
            (
                self::encoder(encoder)?,
                input(ids, ids_len, "ids")?,
                out_value(out_bytes, "out_bytes")?,
                out_value(out_len, "out_len")?,
            )
        };
        let bytes = encoder
            .decode(ids)
            .map_err(|error| Failure { status: INVALID_INPUT, message: error.0 })?;
        (*out_bytes, *out_len) = into_library_buffer(bytes);
        Ok(())
    })
}

/// `bpe.encode_batch`: `tandem_bpe_encode` for `count` texts at once, on up to
/// `max_threads` threads (0: as many as the machine has; small batches use one).
/// The texts are packed: text i is `texts[text_ends[i - 1]..text_ends[i]]` (from 0 for
/// i = 0), so `text_ends` holds `count` non-decreasing offsets, the last at most
/// `texts_len`. The ids of all texts, one after the other, are a library-owned buffer
/// `(*out_ids, *out_ids_len)` (free it with `tandem_buffer_free(ids, len, 4)`), and the
/// caller's `out_ends` (`count` entries) receives where each text's ids end in it.
/// `cancel`: see the module documentation; every thread of the batch polls it.
///
/// # Safety
/// `encoder` a live handle; `texts` readable for `texts_len` bytes, `text_ends` for
/// `count` size_t; `cancel` null or a flag; `out_ends` writable for `count` size_t; the
/// other out-pointers writable.
#[no_mangle]
pub unsafe extern "C" fn tandem_bpe_encode_batch(
    encoder: *const c_void,
    texts: *const u8,
    texts_len: usize,
    text_ends: *const usize,
    count: usize,
    allowed_special_mask: u64,
    max_threads: u32,
    cancel: *const u32,
    out_ids: *mut *mut u32,
    out_ids_len: *mut usize,
    out_ends: *mut usize,
) -> i32 {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let (encoder, bytes, text_ends, cancel, out_ids, out_ids_len, out_ends) = unsafe {
            (
                self::encoder(encoder)?,
                input(texts, texts_len, "texts")?,
                input(text_ends, count, "text_ends")?,
                cancel_flag(cancel)?,
                out_value(out_ids, "out_ids")?,
                out_value(out_ids_len, "out_ids_len")?,
                output(out_ends, count, "out_ends")?,
            )
        };
        if bytes.len() > MAX_TEXT_BYTES {
            let message = format!(
                "texts: {} bytes is more than the {MAX_TEXT_BYTES} a batch may have",
                bytes.len()
            );
            return Err(Failure { status: INVALID_INPUT, message });
        }
        let mut texts = Vec::with_capacity(count);
        let mut start = 0;
        for (i, &end) in text_ends.iter().enumerate() {
            if end < start || end > bytes.len() {
                let message = format!("text_ends[{i}] = {end} is not in {start}..={}", bytes.len());
                return Err(Failure { status: INVALID_INPUT, message });
            }
            let text = std::str::from_utf8(&bytes[start..end]).map_err(|e| Failure {
                status: INVALID_INPUT,
                message: format!("text {i}: invalid UTF-8 at byte {}", e.valid_up_to()),
            })?;
            texts.push(text);
            start = end;
        }
        let (ids, ends) =
            encoder.encode_batch(&texts, allowed_special_mask, max_threads as usize, &cancel)?;
        out_ends.copy_from_slice(&ends);
        (*out_ids, *out_ids_len) = into_library_buffer(ids);
        Ok(())
    })
}

/// Test-only: panics inside the guard, to prove a panic comes back as `PANIC` with its
/// message as the last error and leaves the process running.
#[no_mangle]
pub extern "C" fn tandem_debug_panic() -> i32 {
    guard(|| panic!("tandem_debug_panic was called"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn last_error() -> String {
        // SAFETY: a null buffer with capacity 0 only asks for the length.
        let len = unsafe { tandem_last_error(ptr::null_mut(), 0) };
        let mut buf = vec![0u8; len];
        // SAFETY: `buf` holds `len` writable bytes.
        assert_eq!(unsafe { tandem_last_error(buf.as_mut_ptr(), buf.len()) }, len);
        String::from_utf8(buf).unwrap()
    }

    fn codepoints(text: &[u8], out_cap: usize) -> (i32, Vec<u32>, usize) {
        let mut out = vec![0u32; out_cap];
        let mut out_len = usize::MAX;
        // SAFETY: every pointer is valid for the length given.
        let status = unsafe {
            tandem_text_codepoints(
                text.as_ptr(),
                text.len(),
                out.as_mut_ptr(),
                out_cap,
                &mut out_len,
            )
        };
        (status, out, out_len)
    }

    #[test]
    fn reports_abi_version_3() {
        assert_eq!(tandem_abi_version(), 3);
    }

    #[test]
    fn codepoints_writes_the_result_and_its_length() {
        let (status, out, out_len) = codepoints("aé😀".as_bytes(), 7);
        assert_eq!((status, out_len), (OK, 3));
        assert_eq!(&out[..3], &[0x61, 0xE9, 0x1F600]);
    }

    #[test]
    fn codepoints_reports_invalid_input_with_the_offset() {
        let (status, _, out_len) = codepoints(b"abc\xFF", 4);
        assert_eq!((status, out_len), (INVALID_INPUT, usize::MAX));
        assert_eq!(last_error(), "invalid UTF-8 at byte 3");
    }

    #[test]
    fn codepoints_reports_the_capacity_needed() {
        let (status, _, out_len) = codepoints(b"abcd", 2);
        assert_eq!((status, out_len), (BUFFER_TOO_SMALL, 4));
        assert_eq!(last_error(), "the output has room for 2 code points but the text has 4");
    }

    #[test]
    fn null_pointers_are_refused_unless_the_length_is_zero() {
        let mut out_len = 1;
        let mut hash = 0;
        // SAFETY: null pointers come only with length 0 or are refused by the callee.
        unsafe {
            assert_eq!(
                tandem_text_codepoints(ptr::null(), 0, ptr::null_mut(), 0, &mut out_len),
                OK
            );
            assert_eq!(out_len, 0);
            assert_eq!(tandem_text_fnv1a_32(0x811C_9DC5, ptr::null(), 0, &mut hash), OK);
            assert_eq!(hash, 0x811C_9DC5);
            assert_eq!(tandem_text_fnv1a_32(0x811C_9DC5, ptr::null(), 3, &mut hash), NULL_POINTER);
            assert_eq!(last_error(), "text is a null pointer");
            assert_eq!(
                tandem_text_fnv1a_32(0x811C_9DC5, b"a".as_ptr(), 1, ptr::null_mut()),
                NULL_POINTER
            );
            assert_eq!(last_error(), "out is a null pointer");
        }
    }

    #[test]
    fn misaligned_output_is_refused() {
        let mut words = [0u32; 2];
        let misaligned = words.as_mut_ptr().cast::<u8>().wrapping_add(1).cast::<u32>();
        // SAFETY: the callee refuses the misaligned pointer before using it.
        let status = unsafe { tandem_text_fnv1a_32(0x811C_9DC5, b"a".as_ptr(), 1, misaligned) };
        assert_eq!(status, INVALID_INPUT);
        assert_eq!(last_error(), "out is not aligned for its type");
    }

    #[test]
    fn a_panic_becomes_a_status_with_its_message_and_location() {
        assert_eq!(tandem_debug_panic(), PANIC);
        let message = last_error();
        assert!(message.starts_with("tandem_debug_panic was called at src/ffi.rs:"), "{message}");
        assert_eq!(codepoints(b"ok", 2).0, OK, "the library still works after a panic");
    }

    #[test]
    fn last_error_truncates_to_the_buffer_and_returns_the_full_length() {
        codepoints(b"\xFF", 1);
        let mut buf = [0u8; 7];
        // SAFETY: `buf` holds 7 writable bytes.
        let len = unsafe { tandem_last_error(buf.as_mut_ptr(), buf.len()) };
        assert_eq!(len, "invalid UTF-8 at byte 0".len());
        assert_eq!(&buf, b"invalid");
    }

    #[test]
    fn bpe_encode_refuses_invalid_utf8_naming_the_offset() {
        let ranks = crate::bpe::ranks::test_data::rank_file(&[b"ab"]);
        let mut encoder = ptr::null_mut();
        let (mut ids, mut len) = (ptr::null_mut(), 0);
        let mut ends = [0usize; 2];
        // SAFETY: every pointer is valid for the length given; the encoder is freed last.
        unsafe {
            let status =
                tandem_bpe_load(ranks.as_ptr(), ranks.len(), 1, ptr::null(), 0, &mut encoder);
            assert_eq!(status, OK);
            let text = b"ab\xFF";
            let none = ptr::null();
            let status = tandem_bpe_encode(encoder, text.as_ptr(), 3, 0, none, &mut ids, &mut len);
            assert_eq!(
                (status, last_error()),
                (INVALID_INPUT, "text: invalid UTF-8 at byte 2".into())
            );
            let status = tandem_bpe_encode(encoder, text.as_ptr(), 2, 0, none, &mut ids, &mut len);
            assert_eq!((status, std::slice::from_raw_parts(ids, len)), (OK, &[256][..]));
            assert_eq!(tandem_buffer_free(ids.cast(), len, 4), OK);
            let packed = b"abab\xFF";
            let status = tandem_bpe_encode_batch(
                encoder,
                packed.as_ptr(),
                5,
                [4usize, 5].as_ptr(),
                2,
                0,
                2,
                none,
                &mut ids,
                &mut len,
                ends.as_mut_ptr(),
            );
            assert_eq!(
                (status, last_error()),
                (INVALID_INPUT, "text 1: invalid UTF-8 at byte 0".into())
            );
            let status = tandem_bpe_encode_batch(
                encoder,
                packed.as_ptr(),
                4,
                [2usize, 4].as_ptr(),
                2,
                0,
                2,
                none,
                &mut ids,
                &mut len,
                ends.as_mut_ptr(),
            );
            assert_eq!(
                (status, std::slice::from_raw_parts(ids, len), ends),
                (OK, &[256, 256][..], [1, 2])
            );
            assert_eq!(tandem_buffer_free(ids.cast(), len, 4), OK);
            assert_eq!(tandem_bpe_free(encoder), OK);
        }
    }

    #[test]
    fn library_buffers_are_freed_by_length_and_element_size() {
        let (data, len) = into_library_buffer(vec![1u64, 2, 3]);
        // SAFETY: `data` is a live library buffer of 3 u64s.
        unsafe {
            assert_eq!(std::slice::from_raw_parts(data, len), &[1, 2, 3]);
            assert_eq!(tandem_buffer_free(data.cast(), len, 8), OK);
        }
        let (empty, empty_len) = into_library_buffer(Vec::<u32>::new());
        assert!(empty.is_null());
        // SAFETY: freeing the empty buffer is a no-op; a bad element size is refused first.
        unsafe {
            assert_eq!(tandem_buffer_free(empty.cast(), empty_len, 4), OK);
            assert_eq!(tandem_buffer_free(ptr::null_mut(), 0, 3), INVALID_INPUT);
        }
        assert_eq!(last_error(), "element size 3 is not 1, 2, 4 or 8");
    }
}

//! Property-based fuzzing of the C ABI of the `bpe`, `text` and `sourcemap` kernels: random and
//! broken input (invalid UTF-8, damaged rank files, garbage mappings, extreme numbers, short
//! buffers) never lets a panic cross the boundary, and every failure is a documented status with
//! a message. Brief by default (~64 cases a property, a few seconds in all); more with
//! `TANDEM_FUZZ_CASES=100000 cargo test --manifest-path native/Cargo.toml fuzz`. A failing case
//! found this way belongs in the unit tests as a regression test.

use super::sourcemap::{
    tandem_sourcemap_count, tandem_sourcemap_decode, tandem_sourcemap_flat, tandem_sourcemap_free,
    tandem_sourcemap_generated_for, tandem_sourcemap_lookup, tandem_sourcemap_lookup_many,
    tandem_sourcemap_lookup_packed, tandem_sourcemap_mapping,
};
use super::*;
use crate::bpe::ranks::test_data::rank_file;
use proptest::prelude::*;
use std::sync::atomic::AtomicU32;

fn config() -> ProptestConfig {
    let cases = std::env::var("TANDEM_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

fn last_error() -> String {
    // SAFETY: a null buffer with capacity 0 only asks for the length; then `buf` has room.
    unsafe {
        let len = tandem_last_error(ptr::null_mut(), 0);
        let mut buf = vec![0u8; len];
        tandem_last_error(buf.as_mut_ptr(), len);
        String::from_utf8(buf).expect("the last error is UTF-8")
    }
}

/// A library-owned buffer as a slice; empty is `(null, 0)`.
///
/// # Safety
/// `(data, len)` as a kernel returned it, not yet freed.
unsafe fn library_slice<'a, T>(data: *const T, len: usize) -> &'a [T] {
    if len == 0 {
        &[]
    } else {
        // SAFETY: the caller's contract.
        unsafe { std::slice::from_raw_parts(data, len) }
    }
}

/// `status` is one of `allowed` (never PANIC), and a failure left a message.
fn expect(status: i32, allowed: &[i32], call: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        allowed.contains(&status),
        "{call}: status {status}, last error {:?}",
        last_error()
    );
    if status != OK {
        prop_assert!(!last_error().is_empty(), "{call}: status {status} without a message");
    }
    Ok(())
}

/// Text-like bytes: valid UTF-8, surrogatepass sequences, or anything.
fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        any::<String>().prop_map(String::into_bytes),
        prop::collection::vec(any::<u8>(), 0..64),
        prop::collection::vec(
            prop_oneof![Just(vec![0xED, 0xA0, 0x80]), Just(b"a".to_vec()), Just(vec![0xF0, 0x9F])],
            0..16
        )
        .prop_map(|parts| parts.concat()),
    ]
}

fn extreme_i64() -> impl Strategy<Value = i64> {
    prop_oneof![
        Just(i64::MIN),
        Just(-1),
        0..8i64,
        Just(i64::from(i32::MAX)),
        Just(i64::from(i32::MAX) + 1),
        Just(i64::MAX),
        any::<i64>(),
    ]
}

/// A rank file: the 256 bytes and some merges, sometimes with bytes of it overwritten.
fn rank_data() -> impl Strategy<Value = Vec<u8>> {
    let merges = prop::collection::vec(prop::collection::vec(b'a'..=b'e', 2..5), 0..24);
    let damage = prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..3);
    (merges, damage).prop_map(|(merges, damage)| {
        let merges: Vec<&[u8]> = merges.iter().map(Vec::as_slice).collect();
        let mut file = rank_file(&merges);
        for (at, byte) in damage {
            let at = at.index(file.len());
            file[at] = byte;
        }
        file
    })
}

/// A mappings string: mostly Base64 VLQ digits and separators, sometimes anything.
fn mappings() -> impl Strategy<Value = Vec<u8>> {
    let symbol = prop_oneof![
        8 => prop::sample::select(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".to_vec())
            .prop_map(|b| vec![b]),
        2 => prop::sample::select(vec![b",".to_vec(), b";".to_vec(), b"gggggggggg".to_vec()]),
        1 => any::<char>().prop_map(|c| c.to_string().into_bytes()),
    ];
    prop::collection::vec(symbol, 0..80).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn text_codepoints_of_anything(text in bytes(), spare in 0usize..3, short in any::<bool>()) {
        let cap = if short { text.len() / 2 } else { text.len() + spare };
        let mut out = vec![0u32; cap];
        let mut out_len = usize::MAX;
        // SAFETY: every pointer is valid for the length given.
        let status = unsafe {
            tandem_text_codepoints(text.as_ptr(), text.len(), out.as_mut_ptr(), cap, &mut out_len)
        };
        expect(status, &[OK, INVALID_INPUT, BUFFER_TOO_SMALL], "tandem_text_codepoints")?;
        if let (OK, Ok(valid)) = (status, std::str::from_utf8(&text)) {
            let expected: Vec<u32> = valid.chars().map(u32::from).collect();
            prop_assert_eq!(&out[..out_len], &expected[..]);
        }
    }

    #[test]
    fn text_fnv1a_32_in_pieces_is_the_whole(text in bytes(), cut in any::<prop::sample::Index>()) {
        let cut = cut.index(text.len() + 1);
        let (mut whole, mut head, mut tail) = (0, 0, 0);
        // SAFETY: every pointer is valid for the length given.
        unsafe {
            prop_assert_eq!(tandem_text_fnv1a_32(0x811C_9DC5, text.as_ptr(), text.len(), &mut whole), OK);
            prop_assert_eq!(tandem_text_fnv1a_32(0x811C_9DC5, text.as_ptr(), cut, &mut head), OK);
            let rest = text[cut..].as_ptr();
            prop_assert_eq!(tandem_text_fnv1a_32(head, rest, text.len() - cut, &mut tail), OK);
        }
        prop_assert_eq!(whole, tail);
    }

    #[test]
    fn bpe_load_encode_count_decode(
        ranks in rank_data(),
        pattern in prop_oneof![0u32..3, any::<u32>()],
        specials in prop_oneof![Just(String::new()), Just("<|x|>\t9000\n".to_string()), any::<String>()],
        texts in prop::collection::vec(bytes(), 0..4),
        ids in prop::collection::vec(prop_oneof![0u32..300, any::<u32>()], 0..16),
        mask in any::<u64>(),
        cancel_now in any::<bool>(),
    ) {
        let mut encoder = ptr::null_mut();
        // SAFETY: every pointer is valid for the length given; the encoder is freed last.
        unsafe {
            let status = tandem_bpe_load(
                ranks.as_ptr(), ranks.len(), pattern, specials.as_ptr(), specials.len(), &mut encoder,
            );
            expect(status, &[OK, INVALID_INPUT], "tandem_bpe_load")?;
            if status != OK {
                return Ok(());
            }
            let flag = AtomicU32::new(u32::from(cancel_now));
            for text in &texts {
                let (mut ids_ptr, mut len, mut count) = (ptr::null_mut(), 0, 0);
                let status = tandem_bpe_encode(
                    encoder, text.as_ptr(), text.len(), mask, flag.as_ptr(), &mut ids_ptr, &mut len,
                );
                expect(status, &[OK, INVALID_INPUT, CANCELLED], "tandem_bpe_encode")?;
                if status != OK {
                    continue;
                }
                let encoded = library_slice(ids_ptr, len).to_vec();
                prop_assert_eq!(tandem_buffer_free(ids_ptr.cast(), len, 4), OK);
                let status = tandem_bpe_count(encoder, text.as_ptr(), text.len(), mask, ptr::null(), &mut count);
                prop_assert_eq!((status, count), (OK, encoded.len()));
                let (mut bytes_ptr, mut bytes_len) = (ptr::null_mut(), 0);
                let status = tandem_bpe_decode_bytes(
                    encoder, encoded.as_ptr(), encoded.len(), &mut bytes_ptr, &mut bytes_len,
                );
                prop_assert_eq!(status, OK);
                prop_assert_eq!(library_slice(bytes_ptr, bytes_len), &text[..]);
                prop_assert_eq!(tandem_buffer_free(bytes_ptr.cast(), bytes_len, 1), OK);
            }
            let (mut bytes_ptr, mut bytes_len) = (ptr::null_mut(), 0);
            let status = tandem_bpe_decode_bytes(encoder, ids.as_ptr(), ids.len(), &mut bytes_ptr, &mut bytes_len);
            expect(status, &[OK, INVALID_INPUT], "tandem_bpe_decode_bytes")?;
            if status == OK {
                prop_assert_eq!(tandem_buffer_free(bytes_ptr.cast(), bytes_len, 1), OK);
            }
            prop_assert_eq!(tandem_bpe_free(encoder), OK);
        }
    }

    #[test]
    fn bpe_encode_batch_with_any_text_ends(
        texts in prop::collection::vec(bytes(), 0..6),
        ends in prop::collection::vec(prop_oneof![0usize..64, any::<usize>()], 0..6),
        threads in 0u32..4,
    ) {
        let ranks = rank_file(&[b"ab", b"abab"]);
        let packed = texts.concat();
        let mut encoder = ptr::null_mut();
        // SAFETY: every pointer is valid for the length given; the encoder is freed last.
        unsafe {
            prop_assert_eq!(tandem_bpe_load(ranks.as_ptr(), ranks.len(), 2, ptr::null(), 0, &mut encoder), OK);
            let mut out_ends = vec![0usize; ends.len()];
            let (mut ids, mut len) = (ptr::null_mut(), 0);
            let status = tandem_bpe_encode_batch(
                encoder, packed.as_ptr(), packed.len(), ends.as_ptr(), ends.len(), 0, threads,
                ptr::null(), &mut ids, &mut len, out_ends.as_mut_ptr(),
            );
            expect(status, &[OK, INVALID_INPUT], "tandem_bpe_encode_batch")?;
            if status == OK {
                prop_assert_eq!(out_ends.last().copied().unwrap_or(0), len);
                prop_assert_eq!(tandem_buffer_free(ids.cast(), len, 4), OK);
            }
            prop_assert_eq!(tandem_bpe_free(encoder), OK);
        }
    }

    #[test]
    fn sourcemap_decode_and_every_query(
        text in mappings(),
        sources in extreme_i64(),
        names in extreme_i64(),
        index in extreme_i64(),
        (line, column) in (extreme_i64(), extreme_i64()),
        bias in prop_oneof![1i32..3, any::<i32>()],
        queries in prop::collection::vec((any::<i32>(), any::<i32>()), 0..8),
        cap in 0usize..64,
        cancel_now in any::<bool>(),
    ) {
        let flag = AtomicU32::new(u32::from(cancel_now));
        let mut handle = ptr::null_mut();
        // SAFETY: every pointer is valid for the length given; the handle is freed last.
        unsafe {
            let status = tandem_sourcemap_decode(text.as_ptr(), text.len(), sources, names, flag.as_ptr(), &mut handle);
            expect(status, &[OK, INVALID_INPUT, CANCELLED], "tandem_sourcemap_decode")?;
            if status != OK {
                return Ok(());
            }
            let mut count = 0;
            prop_assert_eq!(tandem_sourcemap_count(handle, &mut count), OK);
            let mut flat = vec![0i32; cap];
            let status = tandem_sourcemap_flat(handle, flat.as_mut_ptr(), cap);
            expect(status, &[OK, BUFFER_TOO_SMALL], "tandem_sourcemap_flat")?;
            prop_assert_eq!(status == OK, cap >= count * 6);
            let mut row = [0i32; 6];
            let status = tandem_sourcemap_mapping(handle, index, row.as_mut_ptr());
            expect(status, &[OK, INVALID_INPUT], "tandem_sourcemap_mapping")?;
            let mut found = 0i64;
            let status = tandem_sourcemap_lookup(handle, line, column, bias, &mut found);
            expect(status, &[OK, INVALID_INPUT], "tandem_sourcemap_lookup")?;
            prop_assert!(status != OK || (-1..count as i64).contains(&found));
            let (lines, columns): (Vec<i32>, Vec<i32>) = queries.into_iter().unzip();
            let mut out = vec![0i32; lines.len() * 6];
            for (lookup, width) in [(tandem_sourcemap_lookup_many as LookupRows, 6), (tandem_sourcemap_lookup_packed, 4)] {
                let status = lookup(handle, lines.as_ptr(), columns.as_ptr(), lines.len(), bias, out.as_mut_ptr(),
                    lines.len() * width);
                expect(status, &[OK, INVALID_INPUT], "tandem_sourcemap_lookup_many/packed")?;
            }
            let (mut data, mut len) = (ptr::null_mut(), 0);
            let status = tandem_sourcemap_generated_for(
                handle, index, line, column, i32::from(cancel_now), flag.as_ptr(), &mut data, &mut len,
            );
            expect(status, &[OK, CANCELLED], "tandem_sourcemap_generated_for")?;
            if status == OK {
                prop_assert_eq!(len % 3, 0);
                prop_assert_eq!(tandem_buffer_free(data.cast(), len, 4), OK);
            }
            prop_assert_eq!(tandem_sourcemap_free(handle), OK);
        }
    }

    #[test]
    fn buffer_free_and_last_error_with_any_sizes(len in any::<usize>(), elem_size in any::<usize>(), cap in 0usize..8) {
        // SAFETY: a null buffer is never dereferenced; `buf` has `cap` bytes.
        unsafe {
            let status = tandem_buffer_free(ptr::null_mut(), len, elem_size);
            expect(status, &[OK, INVALID_INPUT], "tandem_buffer_free")?;
            let mut buf = vec![0u8; cap];
            let full = tandem_last_error(buf.as_mut_ptr(), cap);
            prop_assert!(full >= cap.min(full));
        }
    }
}

/// The signature both batch lookups share.
type LookupRows =
    unsafe extern "C" fn(*const c_void, *const i32, *const i32, usize, i32, *mut i32, usize) -> i32;

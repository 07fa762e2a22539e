//! `text.*` kernels. Text arrives as "surrogatepass UTF-8": the bytes Python's
//! `s.encode("utf-8", "surrogatepass")` gives, which is UTF-8 except that lone surrogates
//! (U+D800..U+DFFF) are allowed, each encoded as its own 3-byte sequence `ED A0..BF 80..BF`.
//! That encoding round-trips every Python `str`, which plain UTF-8 does not.

use std::fmt;

/// Why a `text` kernel could not produce its result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextError {
    /// The bytes starting at `offset` do not form a valid sequence (Python reports the same
    /// offset as the "position" of a `UnicodeDecodeError`).
    InvalidUtf8 { offset: usize },
    /// The output holds `capacity` code points but the text has `needed`.
    BufferTooSmall { capacity: usize, needed: usize },
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextError::InvalidUtf8 { offset } => write!(f, "invalid UTF-8 at byte {offset}"),
            TextError::BufferTooSmall { capacity, needed } => write!(
                f,
                "the output has room for {capacity} code points but the text has {needed}"
            ),
        }
    }
}

/// `text.codepoints`: writes the code points of `text` to `out` (exactly Python's
/// `[ord(c) for c in s]`) and returns how many there are. `out.len() >= text.len()` always
/// suffices. When `out` is too small the whole text is still decoded and checked, so the
/// error says how much room is needed.
///
/// # Errors
/// `InvalidUtf8` at the first invalid sequence, else `BufferTooSmall` if `out` is too small.
pub fn codepoints(text: &[u8], out: &mut [u32]) -> Result<usize, TextError> {
    let mut count = 0;
    let mut i = 0;
    while i < text.len() {
        let (code_point, width) = decode_at(text, i)?;
        if let Some(slot) = out.get_mut(count) {
            *slot = code_point;
        }
        count += 1;
        i += width;
    }
    if count > out.len() {
        return Err(TextError::BufferTooSmall { capacity: out.len(), needed: count });
    }
    Ok(count)
}

/// FNV-1a's starting value: the hash of no bytes.
pub const FNV1A_32_OFFSET_BASIS: u32 = 0x811C_9DC5;

/// `text.fnv1a_32`: the 32-bit FNV-1a hash of the bytes (any bytes: hashing does not decode).
#[must_use]
pub fn fnv1a_32(text: &[u8]) -> u32 {
    fnv1a_32_from(FNV1A_32_OFFSET_BASIS, text)
}

/// FNV-1a of `text` continued from `seed`, the hash of the bytes before it: hashing a text
/// in pieces gives the hash of the whole.
#[must_use]
pub fn fnv1a_32_from(seed: u32, text: &[u8]) -> u32 {
    const PRIME: u32 = 0x0100_0193;
    text.iter().fold(seed, |hash, &byte| (hash ^ u32::from(byte)).wrapping_mul(PRIME))
}

/// Decodes the sequence starting at `text[i]` (which must exist): its code point and width.
#[inline]
fn decode_at(text: &[u8], i: usize) -> Result<(u32, usize), TextError> {
    let invalid = TextError::InvalidUtf8 { offset: i };
    let lead = text[i];
    // Width and the allowed range of the second byte, from the Unicode Standard's table of
    // well-formed byte sequences (Table 3-7), which excludes overlong forms and code points
    // above U+10FFFF. The one change: after ED the table stops at 9F to exclude surrogates;
    // surrogatepass goes on to BF.
    let (width, second_min, second_max) = match lead {
        0x00..=0x7F => return Ok((u32::from(lead), 1)),
        0xC2..=0xDF => (2, 0x80, 0xBF),
        0xE0 => (3, 0xA0, 0xBF),
        0xE1..=0xEF => (3, 0x80, 0xBF),
        0xF0 => (4, 0x90, 0xBF),
        0xF1..=0xF3 => (4, 0x80, 0xBF),
        0xF4 => (4, 0x80, 0x8F),
        _ => return Err(invalid),
    };
    let Some(sequence) = text.get(i..i + width) else {
        return Err(invalid); // truncated at the end of the text
    };
    let second_ok = (second_min..=second_max).contains(&sequence[1]);
    let rest_ok = sequence[2..].iter().all(|&byte| byte & 0xC0 == 0x80);
    if !(second_ok && rest_ok) {
        return Err(invalid);
    }
    // The lead byte keeps 7 - width payload bits (5, 4 or 3); each continuation byte 6.
    let lead_bits = u32::from(lead) & (0x7F >> width);
    let code_point =
        sequence[1..].iter().fold(lead_bits, |acc, &byte| (acc << 6) | u32::from(byte & 0x3F));
    Ok((code_point, width))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(text: &[u8]) -> Result<Vec<u32>, TextError> {
        let mut out = vec![0; text.len()];
        let n = codepoints(text, &mut out)?;
        out.truncate(n);
        Ok(out)
    }

    /// What Python's `s.encode("utf-8", "surrogatepass")` gives for one code point.
    fn encode_surrogatepass(code_point: u32) -> Vec<u8> {
        match char::from_u32(code_point) {
            Some(c) => c.to_string().into_bytes(),
            None => vec![
                0xE0 | (code_point >> 12) as u8,
                0x80 | ((code_point >> 6) & 0x3F) as u8,
                0x80 | (code_point & 0x3F) as u8,
            ],
        }
    }

    #[test]
    fn decodes_ascii_cjk_emoji_and_empty_text() {
        assert_eq!(decode(b"").unwrap(), Vec::<u32>::new());
        assert_eq!(decode(b"abc").unwrap(), vec![0x61, 0x62, 0x63]);
        assert_eq!(decode("日本語".as_bytes()).unwrap(), vec![0x65E5, 0x672C, 0x8A9E]);
        assert_eq!(decode("a😀é".as_bytes()).unwrap(), vec![0x61, 0x1F600, 0xE9]);
    }

    #[test]
    fn decodes_lone_surrogates_one_code_point_each() {
        // "a\ud800b\udfff" and a surrogate "pair" written as two lone surrogates, which
        // Python keeps as two code points.
        let text = [b"a".as_slice(), &[0xED, 0xA0, 0x80], b"b", &[0xED, 0xBF, 0xBF]].concat();
        assert_eq!(decode(&text).unwrap(), vec![0x61, 0xD800, 0x62, 0xDFFF]);
        let pair = [0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80];
        assert_eq!(decode(&pair).unwrap(), vec![0xD83D, 0xDE00]);
    }

    #[test]
    fn round_trips_every_code_point() {
        for code_point in 0..=0x0010_FFFF {
            assert_eq!(decode(&encode_surrogatepass(code_point)).unwrap(), vec![code_point]);
        }
    }

    /// Outside the surrogate range, acceptance and error offsets match Rust's own UTF-8
    /// validator, checked over every 1- and 2-byte input, every 3-byte input with a 3-byte
    /// lead (other leads reduce to the shorter cases) and a sample of 4-byte ones.
    #[test]
    fn agrees_with_std_utf8_except_for_surrogates() {
        let check = |bytes: &[u8]| {
            let is_surrogate =
                bytes.len() >= 3 && bytes[0] == 0xED && (0xA0..=0xBF).contains(&bytes[1]);
            if is_surrogate {
                return;
            }
            let expected = std::str::from_utf8(bytes)
                .map(|s| s.chars().map(u32::from).collect::<Vec<_>>())
                .map_err(|e| TextError::InvalidUtf8 { offset: e.valid_up_to() });
            assert_eq!(decode(bytes), expected, "bytes {bytes:02X?}");
        };
        for a in 0..=255u8 {
            check(&[a]);
            for b in 0..=255u8 {
                check(&[a, b]);
            }
        }
        for a in 0xE0..=0xEFu8 {
            for b in 0..=255u8 {
                for c in 0..=255u8 {
                    check(&[a, b, c]);
                }
            }
        }
        let edges = [0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF];
        for a in 0xF0..=0xFFu8 {
            for &b in &edges {
                for &c in &edges {
                    for &d in &edges {
                        check(&[a, b, c, d]);
                    }
                }
            }
        }
    }

    #[test]
    fn names_the_offset_where_the_invalid_sequence_starts() {
        let error = decode(b"0123456789abcdefg\xFFxyz").unwrap_err();
        assert_eq!(error, TextError::InvalidUtf8 { offset: 17 });
        assert_eq!(error.to_string(), "invalid UTF-8 at byte 17");
        assert_eq!(decode(b"ab\xE6\x97").unwrap_err(), TextError::InvalidUtf8 { offset: 2 });
        assert_eq!(decode(b"\xC0\x80").unwrap_err(), TextError::InvalidUtf8 { offset: 0 });
    }

    #[test]
    fn a_small_buffer_reports_the_room_needed_but_invalid_input_comes_first() {
        let mut out = [0u32; 2];
        assert_eq!(
            codepoints("héllo".as_bytes(), &mut out),
            Err(TextError::BufferTooSmall { capacity: 2, needed: 5 })
        );
        assert_eq!(out, [0x68, 0xE9]);
        assert_eq!(codepoints(b"hello\xFF", &mut out), Err(TextError::InvalidUtf8 { offset: 5 }));
        let mut exact = [0u32; 2];
        assert_eq!(codepoints("日本".as_bytes(), &mut exact), Ok(2));
    }

    #[test]
    fn fnv1a_32_matches_the_published_test_vectors() {
        assert_eq!(fnv1a_32(b""), 0x811C_9DC5);
        assert_eq!(fnv1a_32(b"a"), 0xE40C_292C);
        assert_eq!(fnv1a_32(b"foobar"), 0xBF9C_F968);
        assert_eq!(fnv1a_32_from(fnv1a_32(b"foo"), b"bar"), 0xBF9C_F968, "in pieces");
    }
}

//! The mergeable ranks of an encoding: the `.tiktoken` parser (as strict as the reference's
//! `bpe.load_ranks`) and `RankTable`, the map from token bytes to rank the merge loop asks.
//!
//! The table is open addressing with linear probing over one allocation of 16-byte slots,
//! and all token bytes live in one arena, so loading o200k_base makes three allocations,
//! not 200,000. Each slot carries 32 bits of the hash, so a probe that misses (most of the
//! merge loop's questions) rarely touches the arena. Tokens of one or two bytes, which
//! are most of the merge loop's questions, are also in a direct table of 64K ranks (256 KB,
//! which stays in cache where the hash table of several megabytes does not).

use super::BpeError;
use std::collections::HashMap;

/// Token bytes -> rank.
pub struct RankTable {
    slots: Box<[Slot]>,
    /// `slots.len() - 1`; the length is a power of two.
    mask: usize,
    arena: Vec<u8>,
    /// The rank of the token `[a, b]` at `a << 8 | b`, and of `[b]` at `256 * 256 + b`;
    /// `NO_RANK` where there is none.
    short: Box<[u32]>,
}

/// Marks "no such token" in the short table; refused as a rank by `parse`.
const NO_RANK: u32 = u32::MAX;

#[derive(Clone, Copy, Default)]
struct Slot {
    tag: u32,
    /// 0 marks an empty slot (tokens are never empty).
    len: u32,
    offset: u32,
    rank: u32,
}

/// A parsed rank file: the table, and the line of each rank (for the caller's own checks,
/// such as a special token's id clashing with a rank).
pub struct Parsed {
    pub table: RankTable,
    pub line_of_rank: HashMap<u32, usize>,
}

impl RankTable {
    fn with_capacity(tokens: usize, arena_bytes: usize) -> RankTable {
        // Load factor at most 2/3: probes stay short when most lookups miss.
        let slots = (tokens + tokens / 2 + 1).next_power_of_two();
        RankTable {
            slots: vec![Slot::default(); slots].into_boxed_slice(),
            mask: slots - 1,
            arena: Vec::with_capacity(arena_bytes),
            short: vec![NO_RANK; 256 * 256 + 256].into_boxed_slice(),
        }
    }

    /// The rank of `token`, if it is one.
    #[inline]
    pub fn get(&self, token: &[u8]) -> Option<u32> {
        let short = match *token {
            [a, b] => Some(usize::from(a) << 8 | usize::from(b)),
            [b] => Some(256 * 256 + usize::from(b)),
            _ => None,
        };
        if let Some(at) = short {
            let rank = self.short[at];
            return (rank != NO_RANK).then_some(rank);
        }
        let hash = hash(token);
        let tag = (hash >> 32) as u32;
        let mut at = hash as usize & self.mask;
        loop {
            let slot = &self.slots[at];
            if slot.len == 0 {
                return None;
            }
            if slot.tag == tag && slot.len as usize == token.len() {
                let start = slot.offset as usize;
                if &self.arena[start..start + token.len()] == token {
                    return Some(slot.rank);
                }
            }
            at = (at + 1) & self.mask;
        }
    }

    /// Each token's rank and where its bytes are in the arena, `(offset, len)`, for decoding.
    pub fn spans(&self) -> impl Iterator<Item = (u32, (u32, u32))> + '_ {
        self.slots
            .iter()
            .filter(|slot| slot.len != 0)
            .map(|slot| (slot.rank, (slot.offset, slot.len)))
    }

    /// The bytes at a span `spans` gave.
    #[inline]
    pub fn span_bytes(&self, (offset, len): (u32, u32)) -> &[u8] {
        &self.arena[offset as usize..(offset + len) as usize]
    }

    /// Adds the token held in `arena[offset..]` with `rank`, or returns the rank it already
    /// has (and forgets the copy in the arena).
    fn insert_last(&mut self, offset: usize, rank: u32) -> Result<(), u32> {
        let token = &self.arena[offset..];
        let hash = hash(token);
        let tag = (hash >> 32) as u32;
        let mut at = hash as usize & self.mask;
        loop {
            let slot = self.slots[at];
            if slot.len == 0 {
                break;
            }
            let start = slot.offset as usize;
            if slot.tag == tag && &self.arena[start..start + slot.len as usize] == token {
                self.arena.truncate(offset);
                return Err(slot.rank);
            }
            at = (at + 1) & self.mask;
        }
        match *token {
            [a, b] => self.short[usize::from(a) << 8 | usize::from(b)] = rank,
            [b] => self.short[256 * 256 + usize::from(b)] = rank,
            _ => {}
        }
        self.slots[at] = Slot { tag, len: token.len() as u32, offset: offset as u32, rank };
        Ok(())
    }
}

impl RankTable {
    /// Adds the token at `arena[offset..]` with `rank`, found on line (or at token) `number`;
    /// an error names both places when the token or the rank was there before.
    fn add_last(
        &mut self,
        offset: usize,
        rank: u32,
        number: usize,
        line_of_rank: &mut HashMap<u32, usize>,
        place: &str,
    ) -> Result<(), BpeError> {
        if let Err(first) = self.insert_last(offset, rank) {
            // insert_last forgot the copy: the token is the one already there
            let token = self
                .spans()
                .find(|&(r, _)| r == first)
                .map(|(_, span)| show(self.span_bytes(span)));
            let first_line = line_of_rank[&first];
            return Err(error(format!(
                "{place} {number}: token {} again (first on {place} {first_line})",
                token.unwrap_or_default()
            )));
        }
        if let Some(first_line) = line_of_rank.insert(rank, number) {
            return Err(error(format!(
                "{place} {number}: rank {rank} again (first on {place} {first_line})"
            )));
        }
        Ok(())
    }

    /// Every single byte must have a rank, or some text could not be encoded.
    fn check_single_bytes(&self) -> Result<(), BpeError> {
        let missing: Vec<u8> = (0..=255u8).filter(|&b| self.get(&[b]).is_none()).collect();
        if let Some(first) = missing.first() {
            return Err(error(format!(
                "{} single bytes have no rank (first: {first:#04x}); every byte needs one",
                missing.len()
            )));
        }
        Ok(())
    }
}

/// A fast hash for short byte strings: 8 bytes at a time, each mixed in with a folded
/// 64x64->128-bit multiply (the wyhash/foldhash idea). Not DoS-resistant, which is fine for
/// keys fixed at load time.
#[inline]
fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = (bytes.len() as u64).wrapping_mul(0xA076_1D64_78BD_642F) ^ 0x2D35_8DCC_AA6C_78A5;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        h = fold_mul(h ^ u64::from_le_bytes(chunk.try_into().unwrap()), K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        h = fold_mul(h ^ u64::from_le_bytes(last), K);
    }
    fold_mul(h, 0xE703_7ED1_A0B4_28DB)
}

#[inline]
fn fold_mul(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    (product as u64) ^ ((product >> 64) as u64)
}

/// Parses a `.tiktoken` file: one `BASE64 RANK` line per token, each ending in `\n` (or
/// `\r\n`); strict base64 of at least one byte; a decimal rank below 2**32 - 1 (the last
/// value marks "no rank" inside, as in tiktoken); unique tokens
/// and ranks; and every single byte must have a rank (or some text could not be encoded).
/// Errors name the line, as the reference's `load_ranks` does.
pub fn parse(data: &[u8]) -> Result<Parsed, BpeError> {
    if data.is_empty() {
        return Err(error("empty rank file".into()));
    }
    let lines = data.iter().filter(|&&b| b == b'\n').count();
    if data.last() != Some(&b'\n') {
        return Err(error(format!(
            "line {} has no newline at the end: the file is truncated",
            lines + 1
        )));
    }
    // Base64 is 4/3 of the bytes it encodes; the ranks and separators make up for the rest.
    let mut table = RankTable::with_capacity(lines, data.len() * 3 / 4);
    let mut line_of_rank = HashMap::with_capacity(lines);
    for (index, line) in data[..data.len() - 1].split(|&b| b == b'\n').enumerate() {
        let number = index + 1;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let mut fields = line.split(|&b| b == b' ');
        let (Some(base64), Some(digits), None) = (fields.next(), fields.next(), fields.next())
        else {
            return Err(not_a_rank_line(number, line));
        };
        if base64.is_empty() || digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return Err(not_a_rank_line(number, line));
        }
        let offset = table.arena.len();
        if !decode_base64(base64, &mut table.arena) {
            return Err(error(format!("line {number}: invalid base64 {}", show(base64))));
        }
        if table.arena.len() == offset {
            return Err(error(format!("line {number}: the token is empty")));
        }
        let rank = parse_rank(digits).filter(|&rank| rank != NO_RANK).ok_or_else(|| {
            let digits = String::from_utf8_lossy(digits);
            error(format!("line {number}: rank {digits} is not below 2**32 - 1"))
        })?;
        table.add_last(offset, rank, number, &mut line_of_rank, "line")?;
    }
    table.check_single_bytes()?;
    Ok(Parsed { table, line_of_rank })
}

/// A table from tokens already parsed (Java's binary rank cache): token `i` is
/// `bytes[offsets[i]..offsets[i + 1]]` with rank `ranks[i]`, in the rank file's order, so that
/// `line_of_rank` and the errors count `i + 1` as the line. The same checks as `parse`.
pub fn from_tokens(bytes: &[u8], offsets: &[u32], ranks: &[u32]) -> Result<Parsed, BpeError> {
    if ranks.is_empty() || offsets.len() != ranks.len() + 1 {
        return Err(error(format!(
            "{} offsets for {} tokens; a table needs tokens and one offset more than tokens",
            offsets.len(),
            ranks.len()
        )));
    }
    let mut table = RankTable::with_capacity(ranks.len(), bytes.len());
    let mut line_of_rank = HashMap::with_capacity(ranks.len());
    for (index, &rank) in ranks.iter().enumerate() {
        let number = index + 1;
        let (start, end) = (offsets[index] as usize, offsets[index + 1] as usize);
        if start >= end || end > bytes.len() {
            return Err(error(format!(
                "token {number} spans bytes {start}..{end} of {}; a token is not empty and lies inside",
                bytes.len()
            )));
        }
        if rank == NO_RANK {
            return Err(error(format!("token {number}: rank {rank} is not below 2**32 - 1")));
        }
        let offset = table.arena.len();
        table.arena.extend_from_slice(&bytes[start..end]);
        table.add_last(offset, rank, number, &mut line_of_rank, "token")?;
    }
    table.check_single_bytes()?;
    Ok(Parsed { table, line_of_rank })
}

fn error(message: String) -> BpeError {
    BpeError(format!("rank data: {message}"))
}

fn not_a_rank_line(number: usize, line: &[u8]) -> BpeError {
    error(format!("line {number} is not 'BASE64 RANK': {}", show(line)))
}

/// At most 60 bytes of `bytes`, escaped like a Python bytes literal.
fn show(bytes: &[u8]) -> String {
    let shown = bytes[..bytes.len().min(60)].escape_ascii();
    let more = if bytes.len() > 60 { "..." } else { "" };
    format!("b'{shown}'{more}")
}

fn parse_rank(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |rank, &d| rank.checked_mul(10)?.checked_add(u32::from(d - b'0')))
}

/// Appends the bytes `text` (standard alphabet, padded to a multiple of 4) encodes to
/// `out`; false if it is not such base64 (`out` may then hold part of the result).
fn decode_base64(text: &[u8], out: &mut Vec<u8>) -> bool {
    if !text.len().is_multiple_of(4) {
        return false;
    }
    let groups = text.len() / 4;
    for (index, group) in text.chunks_exact(4).enumerate() {
        let last = index + 1 == groups;
        // Padding only at the very end: "xx==" or "xxx=".
        let padding = match group {
            [_, _, b'=', b'='] if last => 2,
            [_, _, _, b'='] if last => 1,
            _ => 0,
        };
        let mut bits = 0u32;
        for &c in &group[..4 - padding] {
            let Some(value) = base64_value(c) else { return false };
            bits = bits << 6 | value;
        }
        bits <<= 6 * padding as u32;
        let bytes = [(bits >> 16) as u8, (bits >> 8) as u8, bits as u8];
        out.extend_from_slice(&bytes[..3 - padding]);
    }
    true
}

fn base64_value(c: u8) -> Option<u32> {
    let value = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    };
    Some(u32::from(value))
}

/// Rank files for the tests of the `bpe` modules.
#[cfg(test)]
pub(crate) mod test_data {
    /// A rank file: every single byte (rank = its value), then `tokens` from rank 256 on.
    pub fn rank_file(tokens: &[&[u8]]) -> Vec<u8> {
        let bytes = (0..=255u8).map(|b| vec![b]);
        let lines = bytes.chain(tokens.iter().map(|t| t.to_vec())).enumerate();
        lines
            .map(|(rank, token)| format!("{} {rank}\n", base64(&token)))
            .collect::<String>()
            .into_bytes()
    }

    pub fn base64(bytes: &[u8]) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for group in bytes.chunks(3) {
            let bits = group
                .iter()
                .enumerate()
                .fold(0u32, |bits, (i, &b)| bits | u32::from(b) << (16 - 8 * i));
            for i in 0..4 {
                out.push(if i <= group.len() {
                    ALPHABET[(bits >> (18 - 6 * i) & 63) as usize] as char
                } else {
                    '='
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::test_data::{base64, rank_file};
    use super::*;

    /// A valid rank file (every single byte), then the `extra` lines.
    fn file(extra: &str) -> Vec<u8> {
        let mut data = rank_file(&[]);
        data.extend_from_slice(extra.as_bytes());
        data
    }

    fn parse_error(data: &[u8]) -> String {
        match parse(data) {
            Ok(_) => panic!("parsed"),
            Err(BpeError(message)) => message,
        }
    }

    #[test]
    fn parses_tokens_and_ranks() {
        let parsed = parse(&file("aGVsbG8= 300\r\nIHdvcmxk 301\n")).unwrap();
        assert_eq!(parsed.table.get(b"hello"), Some(300));
        assert_eq!(parsed.table.get(b" world"), Some(301));
        assert_eq!(parsed.table.get(b"a"), Some(97));
        assert_eq!(parsed.table.get(b"hell"), None);
        assert_eq!(parsed.line_of_rank[&301], 258);
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(parse_error(b""), "rank data: empty rank file");
        assert_eq!(
            parse_error(&file("aGVsbG8= 300")),
            "rank data: line 257 has no newline at the end: the file is truncated"
        );
        assert_eq!(
            parse_error(&file("aGVsbG8=  300\n")),
            "rank data: line 257 is not 'BASE64 RANK': b'aGVsbG8=  300'"
        );
        assert_eq!(
            parse_error(&file("aGVsbG8= -3\n")),
            "rank data: line 257 is not 'BASE64 RANK': b'aGVsbG8= -3'"
        );
        assert_eq!(
            parse_error(&file("aGVsbG8 300\n")),
            "rank data: line 257: invalid base64 b'aGVsbG8'"
        );
        assert_eq!(
            parse_error(&file("aG=sbG8= 300\n")),
            "rank data: line 257: invalid base64 b'aG=sbG8='"
        );
        assert_eq!(
            parse_error(&file("aGVsbG8= 4294967296\n")),
            "rank data: line 257: rank 4294967296 is not below 2**32 - 1"
        );
        assert_eq!(
            parse_error(&file("aGVsbG8= 4294967295\n")),
            "rank data: line 257: rank 4294967295 is not below 2**32 - 1"
        );
        assert_eq!(
            parse_error(&file("aGVsbG8= 300\naGVsbG8= 301\n")),
            "rank data: line 258: token b'hello' again (first on line 257)"
        );
        assert_eq!(
            parse_error(&file("aGVsbG8= 300\nIHdvcmxk 300\n")),
            "rank data: line 258: rank 300 again (first on line 257)"
        );
    }

    #[test]
    fn every_single_byte_needs_a_rank() {
        let data = file("");
        let without_a_and_b: Vec<u8> = data
            .split_inclusive(|&b| b == b'\n')
            .filter(|line| !line.starts_with(b"YQ==") && !line.starts_with(b"Yg=="))
            .flatten()
            .copied()
            .collect();
        assert_eq!(
            parse_error(&without_a_and_b),
            "rank data: 2 single bytes have no rank (first: 0x61); every byte needs one"
        );
    }

    #[test]
    fn the_table_finds_every_token_among_many() {
        let mut extra = String::new();
        for n in 0..20_000u32 {
            extra += &format!("{} {}\n", base64(format!("token{n}").as_bytes()), 1000 + n);
        }
        let parsed = parse(&file(&extra)).unwrap();
        for n in 0..20_000u32 {
            assert_eq!(parsed.table.get(format!("token{n}").as_bytes()), Some(1000 + n));
            assert_eq!(parsed.table.get(format!("token{n}x").as_bytes()), None);
        }
    }

    /// Every single byte (rank = its value), then `extra`, as `from_tokens` takes them.
    fn tokens(extra: &[(&[u8], u32)]) -> (Vec<u8>, Vec<u32>, Vec<u32>) {
        let (mut bytes, mut offsets, mut ranks) = (Vec::new(), vec![0u32], Vec::new());
        let singles: Vec<[u8; 1]> = (0..=255u8).map(|b| [b]).collect();
        let all = singles.iter().map(|b| (&b[..], u32::from(b[0]))).chain(extra.iter().copied());
        for (token, rank) in all {
            bytes.extend_from_slice(token);
            offsets.push(bytes.len() as u32);
            ranks.push(rank);
        }
        (bytes, offsets, ranks)
    }

    fn tokens_error(bytes: &[u8], offsets: &[u32], ranks: &[u32]) -> String {
        match from_tokens(bytes, offsets, ranks) {
            Ok(_) => panic!("loaded"),
            Err(BpeError(message)) => message,
        }
    }

    #[test]
    fn tokens_make_the_table_the_file_makes() {
        let (bytes, offsets, ranks) = tokens(&[(b"hello", 300), (b" world", 301)]);
        let given = from_tokens(&bytes, &offsets, &ranks).unwrap();
        let parsed = parse(&file("aGVsbG8= 300\nIHdvcmxk 301\n")).unwrap();
        for token in [&b"hello"[..], b" world", b"a", b"hell", b"\xff"] {
            assert_eq!(given.table.get(token), parsed.table.get(token));
        }
        assert_eq!(given.line_of_rank, parsed.line_of_rank);
    }

    #[test]
    fn token_errors_name_the_token() {
        let (bytes, offsets, ranks) = tokens(&[(b"hello", 300), (b"hello", 301)]);
        assert_eq!(
            tokens_error(&bytes, &offsets, &ranks),
            "rank data: token 258: token b'hello' again (first on token 257)"
        );
        let (bytes, offsets, ranks) = tokens(&[(b"hello", 300), (b"world", 300)]);
        assert_eq!(
            tokens_error(&bytes, &offsets, &ranks),
            "rank data: token 258: rank 300 again (first on token 257)"
        );
        let (bytes, mut offsets, ranks) = tokens(&[(b"hello", 300)]);
        *offsets.last_mut().unwrap() += 1;
        assert_eq!(
            tokens_error(&bytes, &offsets, &ranks),
            "rank data: token 257 spans bytes 256..262 of 261; a token is not empty and lies inside"
        );
        assert_eq!(
            tokens_error(&bytes, &offsets[..2], &ranks),
            "rank data: 2 offsets for 257 tokens; a table needs tokens and one offset more than tokens"
        );
        let (bytes, offsets, ranks) = tokens(&[(b"hello", u32::MAX)]);
        assert_eq!(
            tokens_error(&bytes, &offsets, &ranks),
            "rank data: token 257: rank 4294967295 is not below 2**32 - 1"
        );
        let (bytes, offsets, ranks) = tokens(&[]);
        assert_eq!(
            tokens_error(
                &bytes[1..],
                &offsets[1..].iter().map(|o| o - 1).collect::<Vec<_>>(),
                &ranks[1..]
            ),
            "rank data: 1 single bytes have no rank (first: 0x00); every byte needs one"
        );
    }
}

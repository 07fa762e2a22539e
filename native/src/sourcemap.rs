//! `sourcemap.decode`: a source map's `mappings` string decoded into six compact columns,
//! and the lookups over them. The reference, with the semantics (Mozilla's source-map) and
//! the exact error messages every backend gives, is `python/tandem/sourcemap/_mappings.py`;
//! this module follows its `Mappings` contract method for method.
//!
//! The input is the string's surrogatepass UTF-8. Offsets in messages count characters, as
//! Python does; they equal byte offsets here because decoding stops at the first non-ASCII
//! character, so everything before an offset is ASCII.

use crate::cancel::{Cancel, Cancelled};
use std::cmp::Ordering;
use std::fmt;
use std::sync::OnceLock;

pub const GREATEST_LOWER_BOUND: i32 = 1;
pub const LEAST_UPPER_BOUND: i32 = 2;

const FIELDS: [&str; 5] =
    ["generated column", "source index", "original line", "original column", "name index"];

/// Bad input: the message after the kernel's `sourcemap.decode: ` prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError(pub String);

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn error<T>(message: String) -> Result<T, DecodeError> {
    Err(DecodeError(message))
}

fn invalid(message: String) -> DecodeStop {
    DecodeStop::Invalid(DecodeError(message))
}

/// Why `decode` gave no mappings: bad input, or the caller cancelled it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeStop {
    Invalid(DecodeError),
    Cancelled,
}

impl From<DecodeError> for DecodeStop {
    fn from(error: DecodeError) -> DecodeStop {
        DecodeStop::Invalid(error)
    }
}

impl From<Cancelled> for DecodeStop {
    fn from(_: Cancelled) -> DecodeStop {
        DecodeStop::Cancelled
    }
}

/// Decoded mappings in generated order: the generated line and column as two columns (the
/// binary search reads only these), and the original side as one array of 4 ints per mapping
/// (source, line, column, name), so that a lookup's answer is one cache line, not four.
pub struct Mappings {
    generated_lines: Vec<i32>,
    generated_columns: Vec<i32>,
    originals: Vec<[i32; 4]>,
    /// `line_starts[l]`: the index of the first mapping on generated line `l`; one more entry than lines.
    line_starts: Vec<u32>,
    /// Indices of the mappings with a source, in original order; built on the first reverse lookup.
    by_original: OnceLock<Vec<u32>>,
}

/// Decodes `mappings` (surrogatepass UTF-8) for a map with that many sources and names,
/// polling `cancel` as it goes.
pub fn decode(
    mappings: &[u8],
    source_count: i64,
    name_count: i64,
    cancel: &Cancel,
) -> Result<Mappings, DecodeStop> {
    check_count("source", source_count)?;
    check_count("name", name_count)?;
    Decoder { text: mappings, position: 0, rows: Vec::with_capacity(mappings.len() / 5) }.run(
        source_count,
        name_count,
        cancel,
    )
}

fn check_count(what: &str, value: i64) -> Result<(), DecodeError> {
    if !(0..=i64::from(i32::MAX)).contains(&value) {
        return error(format!("{what} count {value} is out of range (0 to {})", i32::MAX));
    }
    Ok(())
}

struct Decoder<'a> {
    text: &'a [u8],
    position: usize,
    /// Rows while decoding; split into columns once sorted.
    rows: Vec<[i32; 6]>,
}

impl Decoder<'_> {
    fn run(
        mut self,
        source_count: i64,
        name_count: i64,
        cancel: &Cancel,
    ) -> Result<Mappings, DecodeStop> {
        let end = self.text.len();
        let mut generated_line: i64 = 0;
        let mut state = [0i64; 5]; // generated column, source, original line, original column, name
        let mut values = [0i64; 5];
        while self.position < end {
            cancel.tick(1)?;
            match self.text[self.position] {
                b';' => {
                    generated_line += 1;
                    state[0] = 0;
                    self.position += 1;
                    continue;
                }
                b',' => {
                    return Err(invalid(format!(
                        "mappings: empty segment at offset {}",
                        self.position
                    )))
                }
                _ => {}
            }
            let start = self.position;
            let mut fields = 0;
            while self.position < end && !matches!(self.text[self.position], b',' | b';') {
                let value = self.vlq()?;
                if fields < 5 {
                    values[fields] = value;
                }
                fields += 1;
            }
            if !matches!(fields, 1 | 4 | 5) {
                return Err(invalid(format!(
                    "mappings: segment at offset {start} has {fields} fields; a segment has 1, 4 or 5"
                )));
            }
            for field in 0..fields {
                state[field] = add(state[field], values[field], field, start)?;
            }
            if fields > 1 && state[1] >= source_count {
                return Err(invalid(format!(
                    "mappings: segment at offset {start} refers to source {}, but the map has {source_count} sources",
                    state[1]
                )));
            }
            if fields == 5 && state[4] >= name_count {
                return Err(invalid(format!(
                    "mappings: segment at offset {start} refers to name {}, but the map has {name_count} names",
                    state[4]
                )));
            }
            let line = i32::try_from(generated_line).map_err(|_| {
                DecodeError(format!(
                    "mappings: generated line {generated_line} exceeds {}",
                    i32::MAX
                ))
            })?;
            // Every state value is within 0..=i32::MAX (checked by `add`).
            self.rows.push([
                line,
                state[0] as i32,
                if fields > 1 { state[1] as i32 } else { -1 },
                state[2] as i32,
                state[3] as i32,
                if fields == 5 { state[4] as i32 } else { -1 },
            ]);
            if self.position < end && self.text[self.position] == b',' {
                self.position += 1;
                if self.position == end || self.text[self.position] == b';' {
                    return Err(invalid(format!(
                        "mappings: empty segment at offset {}",
                        self.position
                    )));
                }
            }
        }
        Ok(Mappings::new(self.rows, generated_line + 1, cancel)?)
    }

    /// One Base64 VLQ value at `position`, which moves past it.
    fn vlq(&mut self) -> Result<i64, DecodeError> {
        let start = self.position;
        let (mut raw, mut shift) = (0u64, 0u32);
        loop {
            let Some(&byte) = self.text.get(self.position).filter(|b| !matches!(b, b',' | b';'))
            else {
                return error(format!(
                    "mappings: the VLQ value at offset {start} ends without its last digit"
                ));
            };
            let Some(digit) = base64(byte) else {
                let character = character_name(code_point_at(self.text, self.position));
                return error(format!(
                    "mappings: invalid Base64 VLQ character {character} at offset {}",
                    self.position
                ));
            };
            self.position += 1;
            let bits = u64::from(digit & 31);
            // Leading zero digits may run on past 32 bits (tc39's validMappingLargeVLQ).
            if bits != 0 && (shift >= 32 || raw + (bits << shift) > 0xFFFF_FFFF) {
                return error(format!(
                    "mappings: the VLQ value at offset {start} does not fit in 32 bits"
                ));
            }
            if shift < 32 {
                raw += bits << shift;
            }
            shift += 5;
            if digit & 32 == 0 {
                let magnitude = (raw >> 1) as i64;
                return Ok(if raw & 1 != 0 { -magnitude } else { magnitude });
            }
        }
    }
}

fn base64(byte: u8) -> Option<u8> {
    match byte {
        b'A'..=b'Z' => Some(byte - b'A'),
        b'a'..=b'z' => Some(byte - b'a' + 26),
        b'0'..=b'9' => Some(byte - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// The code point starting at `at` in surrogatepass UTF-8 (a lone surrogate is its own
/// 3-byte sequence, so it decodes to itself, as Python's `ord` and Java's `codePointAt` give).
/// Lenient: a truncated sequence decodes from the bytes there are, never out of bounds.
fn code_point_at(text: &[u8], at: usize) -> u32 {
    let lead = text[at];
    let (length, initial) = match lead {
        0x00..=0x7F => return u32::from(lead),
        0xC0..=0xDF => (2, u32::from(lead & 0x1F)),
        0xE0..=0xEF => (3, u32::from(lead & 0x0F)),
        0xF0..=0xF7 => (4, u32::from(lead & 0x07)),
        _ => return u32::from(lead), // not a lead byte: cannot come from a string
    };
    text[at + 1..text.len().min(at + length)]
        .iter()
        .fold(initial, |cp, &b| (cp << 6) | u32::from(b & 0x3F))
}

/// How messages show a character: U+XXXX, with the character when it is printable ASCII.
fn character_name(code_point: u32) -> String {
    match char::from_u32(code_point).filter(|_| (0x21..0x7F).contains(&code_point)) {
        Some(c) => format!("U+{code_point:04X} ('{c}')"),
        None => format!("U+{code_point:04X}"),
    }
}

fn add(current: i64, delta: i64, field: usize, offset: usize) -> Result<i64, DecodeError> {
    let value = current + delta;
    if value < 0 {
        return error(format!(
            "mappings: segment at offset {offset} makes the {} negative ({value})",
            FIELDS[field]
        ));
    }
    if value > i64::from(i32::MAX) {
        return error(format!(
            "mappings: segment at offset {offset} makes the {} exceed {} ({value})",
            FIELDS[field],
            i32::MAX
        ));
    }
    Ok(value)
}

/// The generated-order key of a row: a row without a source sorts first among equal
/// positions (its original line and column do not count), then the name, none first.
fn generated_key(row: &[i32; 6]) -> (i32, i32, i32, i32, i32, i32) {
    let (line, column) = if row[2] >= 0 { (row[3], row[4]) } else { (0, 0) };
    (row[0], row[1], row[2], line, column, row[5])
}

impl Mappings {
    fn new(
        mut rows: Vec<[i32; 6]>,
        line_count: i64,
        cancel: &Cancel,
    ) -> Result<Mappings, Cancelled> {
        // Most maps are already in generated order: check before sorting. A stable sort
        // keeps map order among equal keys, as the reference's sorted() does.
        if rows.windows(2).any(|pair| generated_key(&pair[0]) > generated_key(&pair[1])) {
            cancel.run_unwinding(|| {
                rows.sort_by(|a, b| {
                    cancel.tick_or_unwind(1);
                    generated_key(a).cmp(&generated_key(b))
                })
            })?;
        }
        let column = |c: usize| rows.iter().map(|row| row[c]).collect::<Vec<i32>>();
        let generated_lines = column(0);
        let mut line_starts = Vec::with_capacity(line_count as usize + 1);
        let mut index = 0;
        for line in 0..=line_count {
            while index < generated_lines.len() && i64::from(generated_lines[index]) < line {
                index += 1;
            }
            line_starts.push(index as u32);
        }
        Ok(Mappings {
            generated_columns: column(1),
            originals: rows.iter().map(|row| [row[2], row[3], row[4], row[5]]).collect(),
            generated_lines,
            line_starts,
            by_original: OnceLock::new(),
        })
    }

    pub fn count(&self) -> usize {
        self.generated_lines.len()
    }

    /// Mapping `index` as its 6 ints, or None when out of range.
    pub fn mapping(&self, index: usize) -> Option<[i32; 6]> {
        (index < self.count()).then(|| {
            [
                self.generated_lines[index],
                self.generated_columns[index],
                self.originals[index][0],
                self.originals[index][1],
                self.originals[index][2],
                self.originals[index][3],
            ]
        })
    }

    /// Every mapping as 6 ints into `out`, which holds at least `6 * count()`.
    pub fn flat_into(&self, out: &mut [i32]) {
        for (index, chunk) in out.chunks_exact_mut(6).take(self.count()).enumerate() {
            chunk.copy_from_slice(&self.mapping(index).unwrap_or_default());
        }
    }

    /// The index of the mapping at generated (`line`, `column`) with `bias`, or -1.
    pub fn lookup(&self, line: i64, column: i64, bias: i32) -> Result<i64, DecodeError> {
        if bias != GREATEST_LOWER_BOUND && bias != LEAST_UPPER_BOUND {
            return error(format!(
                "bias {bias} is neither GREATEST_LOWER_BOUND (1) nor LEAST_UPPER_BOUND (2)"
            ));
        }
        let line_count = self.line_starts.len() as i64 - 1;
        if !(0..line_count).contains(&line) || column < 0 {
            return Ok(-1);
        }
        let low = self.line_starts[line as usize] as usize;
        let high = self.line_starts[line as usize + 1] as usize;
        let on_line = &self.generated_columns[low..high];
        let found = if bias == GREATEST_LOWER_BOUND {
            let after = on_line.partition_point(|&c| i64::from(c) <= column);
            // The first of the mappings at the greatest column not after `column`.
            after.checked_sub(1).map(|last| on_line.partition_point(|&c| c < on_line[last]))
        } else {
            Some(on_line.partition_point(|&c| i64::from(c) < column)).filter(|&i| i < on_line.len())
        };
        Ok(found.map_or(-1, |i| (low + i) as i64))
    }

    /// `lookup` of every (`lines[i]`, `columns[i]`) into `out` (6 ints per query): the row of
    /// the mapping found, or six -1s; see the reference's `lookup_many`. `out` holds exactly
    /// `6 * lines.len()` ints and `columns` as many as `lines` (the caller checks both).
    pub fn lookup_many(
        &self,
        lines: &[i32],
        columns: &[i32],
        bias: i32,
        out: &mut [i32],
    ) -> Result<(), DecodeError> {
        for ((&line, &column), row) in lines.iter().zip(columns).zip(out.chunks_exact_mut(6)) {
            let index = self.lookup(i64::from(line), i64::from(column), bias)?;
            row.copy_from_slice(
                &usize::try_from(index).ok().and_then(|i| self.mapping(i)).unwrap_or([-1; 6]),
            );
        }
        Ok(())
    }

    /// `lookup` of every (`lines[i]`, `columns[i]`) into `out` (4 ints per query): source,
    /// original line, original column and name of the mapping found, or four -1s when there is
    /// none or it has no source; see the reference's `lookup_packed`. `out` holds exactly
    /// `4 * lines.len()` ints and `columns` as many as `lines` (the caller checks both).
    pub fn lookup_packed(
        &self,
        lines: &[i32],
        columns: &[i32],
        bias: i32,
        out: &mut [i32],
    ) -> Result<(), DecodeError> {
        for ((&line, &column), packed) in lines.iter().zip(columns).zip(out.chunks_exact_mut(4)) {
            let index = self.lookup(i64::from(line), i64::from(column), bias)?;
            packed.copy_from_slice(&self.original(index));
        }
        Ok(())
    }

    /// The source, original line, original column and name of mapping `index`, or four -1s
    /// when `index` is -1 or the mapping has no source.
    fn original(&self, index: i64) -> [i32; 4] {
        match usize::try_from(index) {
            Ok(i) if self.originals[i][0] >= 0 => self.originals[i],
            _ => [-1; 4],
        }
    }

    /// The generated positions of original (`source`, `line`, `column`) as flat triples
    /// (line, column, last column or -1); see the reference's `generated_for`.
    /// The first call sorts the mappings in original order, polling `cancel`.
    pub fn generated_for(
        &self,
        source: i64,
        line: i64,
        column: i64,
        has_column: bool,
        cancel: &Cancel,
    ) -> Result<Vec<i32>, Cancelled> {
        let order = match self.by_original.get() {
            Some(order) => order,
            None => {
                let order = self.original_order(cancel)?;
                self.by_original.get_or_init(|| order)
            }
        };
        let key = (source, line, if has_column { column } else { 0 });
        let original = |i: u32| {
            let i = i as usize;
            let [source, line, column, _] = self.originals[i];
            (i64::from(source), i64::from(line), i64::from(column))
        };
        let low = order.partition_point(|&i| original(i) < key);
        let Some(&found) = order.get(low) else { return Ok(Vec::new()) };
        let (found_source, found_line, found_column) = original(found);
        if found_source != source || (has_column && found_line != line) {
            return Ok(Vec::new());
        }
        let mut result = Vec::new();
        for &i in &order[low..] {
            let (s, l, c) = original(i);
            if s != source || l != found_line || (has_column && c != found_column) {
                break;
            }
            let i = i as usize;
            result.extend([
                self.generated_lines[i],
                self.generated_columns[i],
                self.last_column(i),
            ]);
        }
        Ok(result)
    }

    /// As Mozilla's computeColumnSpans: up to the next mapping on the line, else -1 (the line's end).
    fn last_column(&self, index: usize) -> i32 {
        match self.generated_lines.get(index + 1) {
            Some(&next) if next == self.generated_lines[index] => {
                self.generated_columns[index + 1] - 1
            }
            _ => -1,
        }
    }

    /// Mozilla's original order: source, line, column, name (none first), generated position.
    fn original_order(&self, cancel: &Cancel) -> Result<Vec<u32>, Cancelled> {
        let mut order: Vec<u32> =
            (0..self.count() as u32).filter(|&i| self.originals[i as usize][0] >= 0).collect();
        cancel.run_unwinding(|| {
            order.sort_unstable_by(|&a, &b| {
                cancel.tick_or_unwind(1);
                self.compare_original(a as usize, b as usize)
            })
        })?;
        Ok(order)
    }

    fn compare_original(&self, a: usize, b: usize) -> Ordering {
        let key =
            |i: usize| (self.originals[i], self.generated_lines[i], self.generated_columns[i]);
        key(a).cmp(&key(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(text: &str) -> Mappings {
        decode(text.as_bytes(), 3, 3, &Cancel::never()).unwrap()
    }

    fn message(text: &[u8]) -> String {
        match decode(text, 3, 3, &Cancel::never()) {
            Err(DecodeStop::Invalid(error)) => error.0,
            other => panic!("{text:?} decoded to {:?}", other.map(|m| m.count())),
        }
    }

    #[test]
    fn a_set_flag_cancels_decoding_and_sorting() {
        let flag = std::sync::atomic::AtomicU32::new(1);
        let many = "AAAA,".repeat(100_000) + "AAAA";
        let outcome = decode(many.as_bytes(), 1, 0, &Cancel::new(&flag));
        assert_eq!(outcome.err(), Some(DecodeStop::Cancelled));
        let unsorted = "CAAA,DAAA,".repeat(20_000) + "AAAA";
        let mappings = decoded(&unsorted);
        assert_eq!(mappings.generated_for(0, 0, 0, false, &Cancel::new(&flag)), Err(Cancelled));
    }

    fn rows(mappings: &Mappings) -> Vec<[i32; 6]> {
        (0..mappings.count()).map(|i| mappings.mapping(i).unwrap()).collect()
    }

    #[test]
    fn decodes_segments_of_1_4_and_5_fields() {
        let mappings = decoded("AAAA,CAAC;EACEC,C");
        assert_eq!(
            rows(&mappings),
            [[0, 0, 0, 0, 0, -1], [0, 1, 0, 0, 1, -1], [1, 2, 0, 1, 3, 1], [1, 3, -1, 1, 3, -1]]
        );
    }

    #[test]
    fn sorts_into_generated_order_without_source_first() {
        let mappings = decoded("EAAA,D,AAAAA");
        assert_eq!(
            rows(&mappings),
            [[0, 1, -1, 0, 0, -1], [0, 1, 0, 0, 0, 0], [0, 2, 0, 0, 0, -1]]
        );
    }

    #[test]
    fn lookups_take_the_first_of_equal_positions_and_stay_on_the_line() {
        let mappings = decoded("AAAA,EAAC,AAAE,EAAE;AAAA");
        assert_eq!(mappings.lookup(0, 3, GREATEST_LOWER_BOUND), Ok(1));
        assert_eq!(mappings.lookup(0, 3, LEAST_UPPER_BOUND), Ok(3));
        assert_eq!(mappings.lookup(0, 5, LEAST_UPPER_BOUND), Ok(-1));
        assert_eq!(mappings.lookup(1, 9, GREATEST_LOWER_BOUND), Ok(4));
        assert_eq!(mappings.lookup(2, 0, GREATEST_LOWER_BOUND), Ok(-1));
        assert_eq!(mappings.lookup(-1, 0, GREATEST_LOWER_BOUND), Ok(-1));
        assert_eq!(
            mappings.lookup(0, 0, 3).err().unwrap().0,
            "bias 3 is neither GREATEST_LOWER_BOUND (1) nor LEAST_UPPER_BOUND (2)"
        );
    }

    #[test]
    fn lookup_many_gives_the_rows_of_single_lookups() {
        let mappings = decoded("AAAA,EAAE,IAAI;;AACA");
        let (lines, columns) = ([0, 0, 0, 1, 2, -1, 5, 0], [0, 3, 99, 0, 7, 0, 0, -4]);
        for bias in [GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND] {
            let mut out = vec![0; lines.len() * 6];
            mappings.lookup_many(&lines, &columns, bias, &mut out).unwrap();
            for (q, row) in out.chunks_exact(6).enumerate() {
                let index = mappings.lookup(lines[q].into(), columns[q].into(), bias).unwrap();
                let want = usize::try_from(index)
                    .ok()
                    .and_then(|i| mappings.mapping(i))
                    .unwrap_or([-1; 6]);
                assert_eq!(row, want, "query {q}, bias {bias}");
            }
        }
        let mut out = vec![0; 6];
        assert_eq!(
            mappings.lookup_many(&[0], &[0], 3, &mut out).unwrap_err().0,
            "bias 3 is neither GREATEST_LOWER_BOUND (1) nor LEAST_UPPER_BOUND (2)"
        );
    }

    #[test]
    fn lookup_packed_gives_the_original_of_single_lookups() {
        // "D": a mapping without a source at (0, 5); line 1 has none; line 2's has a name.
        let mappings = decoded("AAAA,EAAE,IAAI,D;;AACAC");
        let lines = [0, 0, 0, 0, 0, 0, 1, 2, 2, -1, 9, 2];
        let columns = [0, 1, 3, 5, 6, 99, 0, 7, 0, 0, 0, -4];
        for bias in [GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND] {
            let mut out = vec![0; lines.len() * 4];
            mappings.lookup_packed(&lines, &columns, bias, &mut out).unwrap();
            for (q, packed) in out.chunks_exact(4).enumerate() {
                let index = mappings.lookup(lines[q].into(), columns[q].into(), bias).unwrap();
                let want = match usize::try_from(index).ok().and_then(|i| mappings.mapping(i)) {
                    Some(row) if row[2] >= 0 => [row[2], row[3], row[4], row[5]],
                    _ => [-1; 4],
                };
                assert_eq!(packed, want, "query {q}, bias {bias}");
            }
        }
        let mut out = vec![0; 4];
        mappings.lookup_packed(&[2], &[0], GREATEST_LOWER_BOUND, &mut out).unwrap();
        assert_eq!(out, [0, 1, 6, 1]);
        mappings.lookup_packed(&[0], &[5], GREATEST_LOWER_BOUND, &mut out).unwrap();
        assert_eq!(out, [-1; 4]);
        assert_eq!(
            mappings.lookup_packed(&[0], &[0], 0, &mut out).unwrap_err().0,
            "bias 0 is neither GREATEST_LOWER_BOUND (1) nor LEAST_UPPER_BOUND (2)"
        );
    }

    #[test]
    fn reverse_lookups_follow_mozilla() {
        // original (0, 0, 0) at generated (0, 0) and (1, 0); (0, 0, 4) at (0, 4)
        let mappings = decoded("AAAA,IAAI;AAAJ");
        assert_eq!(
            mappings.generated_for(0, 0, 0, false, &Cancel::never()).unwrap(),
            [0, 0, 3, 1, 0, -1, 0, 4, -1]
        );
        assert_eq!(mappings.generated_for(0, 0, 1, true, &Cancel::never()).unwrap(), [0, 4, -1]);
        assert_eq!(
            mappings.generated_for(0, 0, 5, true, &Cancel::never()).unwrap(),
            Vec::<i32>::new()
        );
        assert_eq!(
            mappings.generated_for(1, 0, 0, false, &Cancel::never()).unwrap(),
            Vec::<i32>::new()
        );
    }

    #[test]
    fn bad_input_gets_the_reference_messages() {
        assert_eq!(message(b"AAAA,,"), "mappings: empty segment at offset 5");
        assert_eq!(message(b"AAAA,;"), "mappings: empty segment at offset 5");
        assert_eq!(message(b",A"), "mappings: empty segment at offset 0");
        assert_eq!(
            message(b"AA"),
            "mappings: segment at offset 0 has 2 fields; a segment has 1, 4 or 5"
        );
        assert_eq!(
            message(b"AAg"),
            "mappings: the VLQ value at offset 2 ends without its last digit"
        );
        assert_eq!(
            message(b"AA!A"),
            "mappings: invalid Base64 VLQ character U+0021 ('!') at offset 2"
        );
        assert_eq!(
            message("AA\u{e9}".as_bytes()),
            "mappings: invalid Base64 VLQ character U+00E9 at offset 2"
        );
        assert_eq!(
            message(b"A\xED\xA0\x80"),
            "mappings: invalid Base64 VLQ character U+D800 at offset 1"
        );
        assert_eq!(message(b"A A"), "mappings: invalid Base64 VLQ character U+0020 at offset 1");
        assert_eq!(
            message(b"gggggggE"),
            "mappings: the VLQ value at offset 0 does not fit in 32 bits"
        );
        assert_eq!(
            message(b"D"),
            "mappings: segment at offset 0 makes the generated column negative (-1)"
        );
        assert_eq!(
            message(b"AGAA"),
            "mappings: segment at offset 0 refers to source 3, but the map has 3 sources"
        );
        assert_eq!(
            message(b"AAAAG"),
            "mappings: segment at offset 0 refers to name 3, but the map has 3 names"
        );
        assert_eq!(
            message(b"+/////D,+/////D"),
            "mappings: segment at offset 8 makes the generated column exceed 2147483647 (4294967294)"
        );
        assert_eq!(
            decode(b"", -1, 0, &Cancel::never()).err(),
            Some(invalid("source count -1 is out of range (0 to 2147483647)".into()))
        );
    }

    #[test]
    fn leading_zero_digits_may_run_past_32_bits() {
        assert_eq!(rows(&decoded("ggggggggggA")), [[0, 0, -1, 0, 0, -1]]);
    }
}

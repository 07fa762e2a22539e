//! The three pre-tokenizers, written by hand: each finds the end of the piece that
//! tiktoken's regular expression would match at a position, without a regex engine and
//! without allocating. `python/tandem/bpe/__init__.py` holds the patterns; `notes/tokenizer.md`
//! explains the semantics reproduced here (White_Space for `\s`, Unicode 16.0 classes,
//! `$` as the end of the stretch, the case folding of `'s` to U+017F, o200k's backtracking).
//!
//! Each function below tries the pattern's alternatives in order, as the backtracking
//! engine does, and returns the first one that matches. The input is a stretch of valid
//! UTF-8 between special tokens: its end is the end the pattern sees.

use super::unicode::{class_of, Class};

/// tiktoken's pre-tokenization patterns, as numbered in the C ABI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pattern {
    /// GPT-2's: r50k_base, p50k_base, p50k_edit.
    R50k,
    Cl100k,
    O200k,
}

/// The pieces of `text` (valid UTF-8) under `pattern`; they concatenate to `text`.
pub fn pieces(pattern: Pattern, text: &[u8]) -> Pieces<'_> {
    Pieces { pattern, text, at: 0 }
}

pub struct Pieces<'a> {
    pattern: Pattern,
    text: &'a [u8],
    at: usize,
}

impl<'a> Iterator for Pieces<'a> {
    type Item = &'a [u8];

    #[inline]
    fn next(&mut self) -> Option<&'a [u8]> {
        if self.at >= self.text.len() {
            return None;
        }
        let start = self.at;
        let end = match self.pattern {
            Pattern::R50k => r50k(self.text, start),
            Pattern::Cl100k => cl100k(self.text, start),
            Pattern::O200k => o200k(self.text, start),
        };
        debug_assert!(end > start, "a pattern matched nothing at {start}");
        self.at = end;
        Some(&self.text[start..end])
    }
}

// --- Characters ---------------------------------------------------------------------------

/// The class and UTF-8 length of the character at `at` (which must start one).
#[inline]
fn class_at(text: &[u8], at: usize) -> (Class, usize) {
    let b0 = text[at];
    if b0 < 0x80 {
        return (class_of(u32::from(b0)), 1);
    }
    let cont = |i: usize| u32::from(text[at + i] & 0x3F);
    let (code_point, len) = if b0 < 0xE0 {
        ((u32::from(b0 & 0x1F) << 6) | cont(1), 2)
    } else if b0 < 0xF0 {
        ((u32::from(b0 & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3)
    } else {
        ((u32::from(b0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3), 4)
    };
    (class_of(code_point), len)
}

/// The class of the character at `at`, or None at the end.
#[inline]
fn class_at_opt(text: &[u8], at: usize) -> Option<Class> {
    (at < text.len()).then(|| class_at(text, at).0)
}

/// `\p{L}`.
#[inline]
fn is_letter(c: Class) -> bool {
    matches!(c, Class::Upper | Class::Lower | Class::UpperLower)
}

/// `[^\s\p{L}\p{N}]`: marks count, since `\p{M}` is not `\p{L}`.
#[inline]
fn is_other(c: Class) -> bool {
    matches!(c, Class::Other | Class::Mark)
}

/// o200k's `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]`.
#[inline]
fn is_upper(c: Class) -> bool {
    matches!(c, Class::Upper | Class::UpperLower | Class::Mark)
}

/// o200k's `[\p{Ll}\p{Lm}\p{Lo}\p{M}]`.
#[inline]
fn is_lower(c: Class) -> bool {
    matches!(c, Class::Lower | Class::UpperLower | Class::Mark)
}

/// The end of the run of characters from `at` whose class passes `test`.
#[inline]
fn run(text: &[u8], mut at: usize, test: impl Fn(Class) -> bool) -> usize {
    while at < text.len() {
        let (class, len) = class_at(text, at);
        if !test(class) {
            break;
        }
        at += len;
    }
    at
}

/// `\p{N}{1,3}` at `at` (a number): the end of at most three numbers.
#[inline]
fn up_to_three_numbers(text: &[u8], mut at: usize) -> usize {
    for _ in 0..3 {
        match (at < text.len()).then(|| class_at(text, at)) {
            Some((Class::Number, len)) => at += len,
            _ => break,
        }
    }
    at
}

/// The white-space run starting at `at` (a space): its end, the start of its last
/// character, and the end of its last `\r` or `\n` if it has one.
struct SpaceRun {
    end: usize,
    last: usize,
    after_last_line_break: Option<usize>,
}

#[inline]
fn space_run(text: &[u8], at: usize) -> SpaceRun {
    let mut run = SpaceRun { end: at, last: at, after_last_line_break: None };
    while run.end < text.len() {
        let (class, len) = class_at(text, run.end);
        if class != Class::Space {
            break;
        }
        if matches!(text[run.end], b'\r' | b'\n') {
            run.after_last_line_break = Some(run.end + 1);
        }
        run.last = run.end;
        run.end += len;
    }
    run
}

impl SpaceRun {
    /// `\s+(?!\S)|\s` (and `\s++$` before them): all of a run that ends the text, else all
    /// but its last character (which goes with the next piece), but at least one.
    #[inline]
    fn up_to_last_space(&self, text: &[u8], start: usize) -> usize {
        if self.end == text.len() || self.last == start {
            self.end
        } else {
            self.last
        }
    }
}

/// The ASCII letter `text[at..]` starts with under Unicode simple case folding, lower
/// case, and its length: `ſ` (U+017F) folds to `s` and `K` (U+212A) to `k`, as in the
/// regex crate's `(?i)`; nothing else outside ASCII folds to an ASCII letter.
#[inline]
fn folded_letter(text: &[u8], at: usize) -> Option<(u8, usize)> {
    let rest = &text[at.min(text.len())..];
    match rest {
        [b, ..] if b.is_ascii_alphabetic() => Some((b.to_ascii_lowercase(), 1)),
        [0xC5, 0xBF, ..] => Some((b's', 2)),
        [0xE2, 0x84, 0xAA, ..] => Some((b'k', 3)),
        _ => None,
    }
}

/// The end of a contraction suffix after the apostrophe at `at`, if there is one; the
/// suffixes are `s t m d ll ve re` (r50k's set is the same), compared case-insensitively
/// or not.
#[inline]
fn contraction(text: &[u8], at: usize, ignore_case: bool) -> Option<usize> {
    let letter = |i: usize| -> Option<(u8, usize)> {
        if ignore_case {
            folded_letter(text, i)
        } else {
            text.get(i).filter(|b| b.is_ascii_lowercase()).map(|&b| (b, 1))
        }
    };
    let after = at + 1;
    let (first, len) = letter(after)?;
    let second = |expected: u8| match letter(after + len) {
        Some((b, len2)) if b == expected => Some(after + len + len2),
        _ => None,
    };
    match first {
        b's' | b't' | b'm' | b'd' => Some(after + len),
        b'l' => second(b'l'),
        b'v' | b'r' => second(b'e'),
        _ => None,
    }
}

// --- GPT-2 (r50k) -------------------------------------------------------------------------

/// `'(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s`
fn r50k(text: &[u8], at: usize) -> usize {
    if text[at] == b'\'' {
        if let Some(end) = contraction(text, at, false) {
            return end;
        }
    }
    // The optional space belongs to a run of letters, numbers or others right after it.
    let after_space = if text[at] == b' ' { class_at_opt(text, at + 1) } else { None };
    let (start, class) = match after_space {
        Some(class) if class != Class::Space => (at + 1, class),
        _ => (at, class_at(text, at).0),
    };
    match class {
        Class::Space => space_run(text, at).up_to_last_space(text, at),
        Class::Number => run(text, start, |c| c == Class::Number),
        c if is_letter(c) => run(text, start, is_letter),
        _ => run(text, start, is_other),
    }
}

// --- cl100k -------------------------------------------------------------------------------

/// `'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|`
/// `\s++$|\s*[\r\n]|\s+(?!\S)|\s`
fn cl100k(text: &[u8], at: usize) -> usize {
    let first = text[at];
    if first == b'\'' {
        if let Some(end) = contraction(text, at, true) {
            return end;
        }
    }
    let (class, len) = class_at(text, at);
    if is_letter(class) {
        return run(text, at, is_letter);
    }
    if class == Class::Number {
        return up_to_three_numbers(text, at);
    }
    // One character that is no line break, letter or number may lead a word.
    if first != b'\r' && first != b'\n' && class_at_opt(text, at + len).is_some_and(is_letter) {
        return run(text, at + len, is_letter);
    }
    let start = if first == b' ' { at + 1 } else { at };
    if class_at_opt(text, start).is_some_and(is_other) {
        let end = run(text, start, is_other);
        return end + text[end..].iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
    }
    // Only white space is left.
    let spaces = space_run(text, at);
    if spaces.end == text.len() {
        return spaces.end; // \s++$
    }
    if let Some(end) = spaces.after_last_line_break {
        return end; // \s*[\r\n]
    }
    spaces.up_to_last_space(text, at)
}

// --- o200k --------------------------------------------------------------------------------

/// The alternatives, in order:
/// ```text
/// [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
/// [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
/// \p{N}{1,3}
///  ?[^\s\p{L}\p{N}]+[\r\n/]*
/// \s*[\r\n]+
/// \s+(?!\S)
/// \s+
/// ```
/// The optional leading character is tried first with, then without (greedy `?`).
fn o200k(text: &[u8], at: usize) -> usize {
    let first = text[at];
    let (class, len) = class_at(text, at);
    let may_lead = !is_letter(class) && class != Class::Number && first != b'\r' && first != b'\n';
    let led = may_lead && at + len < text.len();
    if let Some(end) = led.then(|| upper_then_lower(text, at + len)).flatten() {
        return end;
    }
    if let Some(end) = upper_then_lower(text, at) {
        return end;
    }
    if let Some(end) = led.then(|| upper_run(text, at + len)).flatten() {
        return end;
    }
    if let Some(end) = upper_run(text, at) {
        return end;
    }
    if class == Class::Number {
        return up_to_three_numbers(text, at);
    }
    let start = if first == b' ' { at + 1 } else { at };
    if class_at_opt(text, start).is_some_and(is_other) {
        let end = run(text, start, is_other);
        return end
            + text[end..].iter().take_while(|&&b| matches!(b, b'\r' | b'\n' | b'/')).count();
    }
    let spaces = space_run(text, at);
    if let Some(end) = spaces.after_last_line_break {
        return end; // \s*[\r\n]+: the [\r\n]+ ends at the run's last line break
    }
    spaces.up_to_last_space(text, at)
}

/// `[UPPER]*[LOWER]+` and an optional contraction at `at`. UPPER and LOWER share the
/// Lm, Lo and M characters, so the greedy `[UPPER]*` gives characters back: the match
/// ends after the run of upper-class characters if a lower-case letter follows it (which
/// then starts the `[LOWER]+` run), else right after the last lower-class character in the
/// run (everything after it in the run being Lu or Lt).
#[inline]
fn upper_then_lower(text: &[u8], at: usize) -> Option<usize> {
    let mut end = at;
    let mut after_last_lower = None;
    while end < text.len() {
        let (class, len) = class_at(text, end);
        if !is_upper(class) {
            break;
        }
        end += len;
        if is_lower(class) {
            after_last_lower = Some(end);
        }
    }
    let end = if class_at_opt(text, end).is_some_and(is_lower) {
        run(text, end, is_lower)
    } else {
        after_last_lower?
    };
    Some(with_contraction(text, end))
}

/// `[UPPER]+[LOWER]*` and an optional contraction at `at`.
#[inline]
fn upper_run(text: &[u8], at: usize) -> Option<usize> {
    let end = run(text, at, is_upper);
    (end > at).then(|| with_contraction(text, run(text, end, is_lower)))
}

#[inline]
fn with_contraction(text: &[u8], end: usize) -> usize {
    if text.get(end) == Some(&b'\'') {
        contraction(text, end, true).unwrap_or(end)
    } else {
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(pattern: Pattern, text: &str) -> Vec<&str> {
        pieces(pattern, text.as_bytes()).map(|p| std::str::from_utf8(p).unwrap()).collect()
    }

    #[test]
    fn r50k_pieces() {
        let p = Pattern::R50k;
        assert_eq!(split(p, "Hello world's 123 !!"), ["Hello", " world", "'s", " 123", " !!"]);
        assert_eq!(split(p, "a  b"), ["a", " ", " b"]);
        assert_eq!(split(p, "a \n b"), ["a", " \n", " b"]);
        assert_eq!(split(p, "x  "), ["x", "  "]);
        assert_eq!(split(p, "I'M ''s"), ["I", "'", "M", " ''", "s"]);
        assert_eq!(split(p, "don'tll've're"), ["don", "'t", "ll", "'ve", "'re"]);
        assert_eq!(split(p, "\u{1c}\u{85}x"), ["\u{1c}", "\u{85}", "x"]); // U+001C is no \s
        assert_eq!(split(p, "é1²"), ["é", "1²"]);
    }

    #[test]
    fn cl100k_pieces() {
        let p = Pattern::Cl100k;
        assert_eq!(
            split(p, "Hello world's 1234567"),
            ["Hello", " world", "'s", " ", "123", "456", "7"]
        );
        assert_eq!(split(p, "I'LL 'Ve"), ["I", "'LL", " '", "Ve"]);
        assert_eq!(split(p, "\tfoo (bar)"), ["\tfoo", " (", "bar", ")"]);
        assert_eq!(split(p, "x  y"), ["x", " ", " y"]);
        assert_eq!(split(p, "x \n\n y"), ["x", " \n\n", " y"]);
        assert_eq!(split(p, "x \n  "), ["x", " \n  "]); // \s++$ first
        assert_eq!(split(p, "!!\n\nx"), ["!!\n\n", "x"]);
        assert_eq!(split(p, "\n\u{a0}x"), ["\n", "\u{a0}x"]);
        assert_eq!(split(p, "a'ſ"), ["a", "'ſ"]);
    }

    #[test]
    fn o200k_pieces() {
        let p = Pattern::O200k;
        assert_eq!(split(p, "CamelCase HTTPServer"), ["Camel", "Case", " HTTPServer"]);
        assert_eq!(split(p, "HELLO's you'RE"), ["HELLO's", " you'RE"]);
        assert_eq!(split(p, "ab'ſ ab'K"), ["ab'ſ", " ab", "'K"]);
        assert_eq!(split(p, "x \n  "), ["x", " \n", "  "]);
        assert_eq!(split(p, "a/b!\n/c"), ["a", "/b", "!\n/", "c"]);
        assert_eq!(split(p, "12345"), ["123", "45"]);
        // Lo is upper and lower: the greedy upper run gives back to the lower run.
        assert_eq!(split(p, "日本X."), ["日本", "X", "."]);
        assert_eq!(split(p, "ǅx"), ["ǅx"]); // Lt then Ll
                                            // A mark alone: no letters follow, but \p{M} is in both case classes.
        assert_eq!(split(p, "\u{301}."), ["\u{301}", "."]);
        assert_eq!(split(p, "\u{301}ABC"), ["\u{301}", "ABC"]);
        assert_eq!(split(p, " \u{301}ab"), [" \u{301}ab"]);
    }

    #[test]
    fn a_mega_byte_of_one_character_is_split_in_linear_time() {
        for pattern in [Pattern::R50k, Pattern::Cl100k, Pattern::O200k] {
            for c in ["a", "A", " ", "\n", "1", "!", "日", "\u{301}", "\u{301}A"] {
                let text = c.repeat((1 << 20) / c.len());
                let total: usize = pieces(pattern, text.as_bytes()).map(<[u8]>::len).sum();
                assert_eq!(total, text.len(), "{pattern:?} {c:?}");
            }
        }
    }
}

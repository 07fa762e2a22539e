//! The text of one file as the rules see it (`python/tandem/lint/_source.py`): lines,
//! positions, tokens and `# noqa` comments.
//!
//! The parser gives byte offsets into the whole text; the kernel's rows and columns are
//! 1-based and count characters (Ruff's JSON), so every position goes through `pos`.

use ruff_python_ast::token::{Token, TokenKind};
use ruff_text_size::{Ranged, TextRange};
use std::collections::HashMap;

/// (row, column, end row, end column), 1-based, columns in characters.
pub type Span = (usize, usize, usize, usize);

/// `None`: every code on that row is suppressed; `Some(codes)`: those codes only.
pub type Noqa = HashMap<usize, Option<Vec<String>>>;

pub struct Source<'a> {
    pub text: &'a str,
    /// Byte offset of each line's start; lines end at `\n`, `\r\n` or `\r` only.
    starts: Vec<usize>,
    /// Whether each line is ASCII, where a column is a byte offset (no counting needed).
    ascii: Vec<bool>,
    /// The characters before each `BLOCK`-byte block of the text (empty for ASCII text): a
    /// column on a long non-ASCII line is then counted from the nearest block, not from the
    /// line's start, which made a line with many diagnostics quadratic.
    blocks: Vec<u32>,
    /// The parser's tokens, comments included; empty when the text does not tokenize.
    pub tokens: &'a [Token],
}

impl<'a> Source<'a> {
    pub fn new(text: &'a str, tokens: &'a [Token]) -> Source<'a> {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    starts.push(i + 2);
                    i += 1;
                }
                b'\r' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        if starts.len() > 1 && *starts.last().unwrap() == bytes.len() {
            starts.pop(); // a final line break ends the last line; it starts none
        }
        let ascii = (0..starts.len())
            .map(|i| bytes[starts[i]..starts.get(i + 1).copied().unwrap_or(bytes.len())].is_ascii())
            .collect();
        let blocks = if text.is_ascii() {
            Vec::new()
        } else {
            let mut before = vec![0u32];
            for chunk in bytes.chunks(BLOCK) {
                before.push(before.last().unwrap() + char_count(chunk) as u32);
            }
            before // one more than the blocks, for the text's end
        };
        Source { text, starts, ascii, blocks, tokens }
    }

    /// The characters in the text before byte `offset`, a character boundary (non-ASCII text only).
    fn chars_before(&self, offset: usize) -> usize {
        let block = offset / BLOCK;
        self.blocks[block] as usize + char_count(&self.text.as_bytes()[block * BLOCK..offset])
    }

    /// The text of a token (or any range).
    pub fn slice(&self, range: TextRange) -> &'a str {
        &self.text[range]
    }

    /// The number of lines (an empty text has one, empty).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Line `row` (1-based) with its line break.
    pub fn line(&self, row: usize) -> &'a str {
        if row == 0 || row > self.starts.len() {
            return "";
        }
        let end = self.starts.get(row).copied().unwrap_or(self.text.len());
        &self.text[self.starts[row - 1]..end]
    }

    /// (row, column) of byte `offset`, 1-based, the column in characters.
    pub fn pos(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let row = self.starts.partition_point(|&start| start <= offset).max(1);
        let start = self.starts[row - 1];
        if self.ascii[row - 1] {
            return (row, offset - start + 1);
        }
        (row, self.chars_before(offset) - self.chars_before(start) + 1)
    }

    pub fn span(&self, range: TextRange) -> Span {
        let (row, col) = self.pos(range.start().into());
        let (end_row, end_col) = self.pos(range.end().into());
        (row, col, end_row, end_col)
    }

    /// The suppressions of the `# noqa` comments, by row.
    pub fn noqa(&self) -> Noqa {
        let mut found: Noqa = HashMap::new();
        for token in self.tokens.iter().filter(|t| t.kind() == TokenKind::Comment) {
            let Some(codes) = parse_noqa(self.slice(token.range())) else { continue };
            let row = self.pos(token.start().into()).0;
            match codes {
                None => {
                    found.insert(row, None);
                }
                Some(codes) => match found.entry(row).or_insert_with(|| Some(Vec::new())) {
                    Some(existing) => existing.extend(codes),
                    None => {}
                },
            }
        }
        found
    }
}

const BLOCK: usize = 64;

fn char_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

/// Python's `str.isspace` (also what `\s` matches in a str regular expression).
pub fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Python's `str.strip()`.
pub fn py_strip(text: &str) -> &str {
    text.trim_matches(is_py_space)
}

/// `#\s*noqa(?::\s?(CODES))?`, case-insensitive, searched anywhere in the comment:
/// `None` when absent, `Some(None)` for a blanket noqa, `Some(Some(codes))` (upper case).
fn parse_noqa(comment: &str) -> Option<Option<Vec<String>>> {
    let chars: Vec<char> = comment.chars().collect();
    for start in 0..chars.len() {
        if chars[start] != '#' {
            continue;
        }
        let mut i = start + 1;
        while i < chars.len() && is_py_space(chars[i]) {
            i += 1;
        }
        let word: String = chars[i..chars.len().min(i + 4)].iter().collect();
        if !word.eq_ignore_ascii_case("noqa") {
            continue;
        }
        i += 4;
        if chars.get(i) != Some(&':') {
            return Some(None);
        }
        let mut j = i + 1;
        if chars.get(j).is_some_and(|&c| is_py_space(c)) {
            j += 1;
        }
        let mut codes = Vec::new();
        let Some(mut end) = code_at(&chars, j) else { return Some(None) };
        codes.push(chars[j..end].iter().collect::<String>().to_uppercase());
        loop {
            let mut k = end;
            while k < chars.len() && (chars[k] == ',' || is_py_space(chars[k])) {
                k += 1;
            }
            if k == end {
                break;
            }
            match code_at(&chars, k) {
                Some(code_end) => {
                    codes.push(chars[k..code_end].iter().collect::<String>().to_uppercase());
                    end = code_end;
                }
                None => break,
            }
        }
        return Some(Some(codes));
    }
    None
}

/// The end of `[A-Za-z]+[0-9]+` starting at `at`, if one starts there.
fn code_at(chars: &[char], at: usize) -> Option<usize> {
    let mut i = at;
    while i < chars.len() && chars[i].is_ascii_alphabetic() {
        i += 1;
    }
    if i == at {
        return None;
    }
    let digits = i;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    (i > digits).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let source = Source::new("é = 1\r\nx\ry\n", &[]);
        assert_eq!(source.line_count(), 3);
        assert_eq!(source.pos(2), (1, 2));
        assert_eq!(source.pos(8), (2, 1));
        assert_eq!(source.line(3), "y\n");
        let long = format!("x = ['é', {}]\n", "u, ".repeat(1000));
        let source = Source::new(&long, &[]);
        for offset in [0, 5, 7, 63, 64, 65, 200, long.len() - 1, long.len()] {
            assert_eq!(
                source.pos(offset),
                (1, char_count(&long.as_bytes()[..offset]) + 1),
                "{offset}"
            );
        }
    }

    #[test]
    fn noqa_forms() {
        assert_eq!(parse_noqa("# noqa"), Some(None));
        assert_eq!(
            parse_noqa("# NOQA:E501,f401 x"),
            Some(Some(vec!["E501".into(), "F401".into()]))
        );
        assert_eq!(parse_noqa("# noqa: bad"), Some(None));
        assert_eq!(parse_noqa("# text # noqa: E7 1"), Some(Some(vec!["E7".into()])));
        assert_eq!(parse_noqa("# nothing"), None);
    }
}

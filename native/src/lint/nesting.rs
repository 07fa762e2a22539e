//! How deeply a text nests, measured before it is parsed (`python/tandem/lint/_nesting.py`,
//! whose scanner this mirrors byte for byte): Ruff's parser, the tree walks and the tree's
//! drop recurse once per level, and past the thread's stack that is a signal that kills the
//! host, so a text past the limits is a syntax error and is never parsed.
//!
//! At each token the measure is: the levels of indentation, plus two for each `elif` clause
//! the statement sits in, plus the open brackets, plus, in each open bracket and in the
//! logical line, the operators since the last comma (`a + a + a` nests once per `+`; `-a`,
//! `a.b`, `not a`, `lambda: a`, `a if b else c` and a call or subscript of a call or
//! subscript, `a()()`, once each). Strings, f-strings included, are opaque.

/// The deepest a text may nest (the reference's comment says why it is this number).
pub const MAX_DEPTH: usize = 200;
/// CPython's tokenizer refuses the 100th level of indentation.
pub const MAX_INDENT: usize = 99;
pub const TOO_DEEP: &str =
    "too deeply nested (more than 200 levels of brackets, operators and blocks)";
pub const TOO_INDENTED: &str = "too many levels of indentation";

/// The tokens the measure tells apart; everything else is `Other`.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Skip, // spaces, comments, line continuations
    Newline,
    Open,
    Close,
    Deepening,
    Reset, // , and ;
    Elif,
    Else,
    Other,
}

/// (byte offset, message) of the first token past a limit, or None within them.
pub fn too_deep(text: &str) -> Option<(usize, &'static str)> {
    let bytes = text.as_bytes();
    let mut indents: Vec<usize> = vec![0];
    let mut elifs: Vec<usize> = vec![0];
    let mut frames: Vec<usize> = vec![0];
    let mut operators = 0usize;
    let mut line_start = true;
    let mut after_close = false;
    let mut at = 0;
    while at < bytes.len() {
        let (kind, end) = token(bytes, at);
        let start = at;
        at = end;
        match kind {
            Kind::Skip => continue,
            Kind::Newline => {
                if frames.len() == 1 && !line_start {
                    line_start = true;
                    after_close = false;
                    operators = 0;
                    frames[0] = 0;
                }
                continue;
            }
            _ => {}
        }
        if line_start {
            line_start = false;
            let line =
                bytes[..start].iter().rposition(|&b| b == b'\n' || b == b'\r').map_or(0, |i| i + 1);
            let width = indent_width(&text[line..start]);
            if width > *indents.last().unwrap() {
                indents.push(width);
                elifs.push(0);
                if indents.len() - 1 > MAX_INDENT {
                    return Some((start, TOO_INDENTED));
                }
            }
            while width < *indents.last().unwrap() {
                indents.pop();
                elifs.pop();
            }
            // An elif is two levels of Python's tree: the If in the previous clause's orelse.
            let last = elifs.last_mut().unwrap();
            *last = match kind {
                Kind::Elif => *last + 2,
                Kind::Else => *last,
                _ => 0,
            };
            if indents.len() - 1 + elifs.iter().sum::<usize>() > MAX_DEPTH {
                return Some((start, TOO_DEEP));
            }
        }
        let trailer = after_close;
        after_close = kind == Kind::Close;
        match kind {
            Kind::Open => {
                if trailer {
                    // a()() and a[0][0] nest once per call or subscript
                    *frames.last_mut().unwrap() += 1;
                    operators += 1;
                }
                frames.push(0);
            }
            Kind::Close => {
                if frames.len() > 1 {
                    operators -= frames.pop().unwrap();
                }
                continue;
            }
            Kind::Deepening => {
                *frames.last_mut().unwrap() += 1;
                operators += 1;
            }
            Kind::Reset => {
                operators -= std::mem::take(frames.last_mut().unwrap());
                continue;
            }
            _ => continue,
        }
        let depth = indents.len() - 1 + elifs.iter().sum::<usize>() + frames.len() - 1 + operators;
        if depth > MAX_DEPTH {
            return Some((start, TOO_DEEP));
        }
    }
    None
}

/// The column CPython's tokenizer gives leading whitespace: tabs to the next multiple of 8.
fn indent_width(space: &str) -> usize {
    space.chars().fold(0, |width, c| match c {
        '\t' => width + 8 - width % 8,
        '\x0c' => 0,
        _ => width + 1,
    })
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
}

fn is_name(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// The token at `at` (not at the end): its kind and where it ends. The reference's `_TOKEN`
/// regular expression, alternative by alternative.
fn token(bytes: &[u8], at: usize) -> (Kind, usize) {
    let b = bytes[at];
    let next = |i: usize| bytes.get(i).copied();
    match b {
        b' ' | b'\t' | b'\x0c' => {
            let end = at
                + bytes[at..].iter().take_while(|&&c| matches!(c, b' ' | b'\t' | b'\x0c')).count();
            return (Kind::Skip, end);
        }
        b'\r' if next(at + 1) == Some(b'\n') => return (Kind::Newline, at + 2),
        b'\r' | b'\n' => return (Kind::Newline, at + 1),
        b'#' => {
            let end = at + bytes[at..].iter().take_while(|&&c| c != b'\r' && c != b'\n').count();
            return (Kind::Skip, end);
        }
        b'\\' => {
            let end = match (next(at + 1), next(at + 2)) {
                (Some(b'\r'), Some(b'\n')) => at + 3,
                (Some(b'\r' | b'\n'), _) => at + 2,
                _ => at + 1,
            };
            return (Kind::Skip, end);
        }
        _ => {}
    }
    if let Some(end) = string(bytes, at) {
        return (Kind::Other, end);
    }
    if b.is_ascii_digit() || (b == b'.' && next(at + 1).is_some_and(|c| c.is_ascii_digit())) {
        let mut end = at + 1;
        while let Some(c) = next(end) {
            if matches!(c, b'e' | b'E') {
                let digit_at =
                    if matches!(next(end + 1), Some(b'+' | b'-')) { end + 2 } else { end + 1 };
                if next(digit_at).is_some_and(|d| d.is_ascii_digit()) {
                    end = digit_at;
                    continue;
                }
            }
            if !(c.is_ascii_alphanumeric() || c == b'_' || c == b'.') {
                break;
            }
            end += 1;
        }
        return (Kind::Other, end);
    }
    if is_name_start(b) {
        let end = at + bytes[at..].iter().take_while(|&&c| is_name(c)).count();
        let kind = match &bytes[at..end] {
            b"not" | b"lambda" | b"if" | b"await" => Kind::Deepening,
            b"elif" => Kind::Elif,
            b"else" => Kind::Else,
            _ => Kind::Other,
        };
        return (kind, end);
    }
    const LONG: [&[u8]; 15] = [
        b"**=", b"//=", b">>=", b"<<=", b"...", b"->", b":=", b"**", b"//", b"<<", b">>", b"<=",
        b">=", b"==", b"!=",
    ];
    let op = LONG
        .iter()
        .find(|op| bytes[at..].starts_with(op))
        .map(|op| op.len())
        .or_else(|| (b"-+*/%@&|^".contains(&b) && next(at + 1) == Some(b'=')).then_some(2))
        .unwrap_or(1);
    let kind = match &bytes[at..at + op] {
        b"(" | b"[" | b"{" => Kind::Open,
        b")" | b"]" | b"}" => Kind::Close,
        b"," | b";" => Kind::Reset,
        b"+" | b"-" | b"*" | b"/" | b"//" | b"%" | b"@" | b"**" | b"<<" | b">>" | b"&" | b"|"
        | b"^" | b"~" | b"." | b":=" => Kind::Deepening,
        _ => Kind::Other,
    };
    (kind, at + op)
}

/// The end of a string literal (with its prefix) starting at `at`, if one starts there. An
/// unterminated one ends at the line's end (one quote) or the text's (three quotes).
fn string(bytes: &[u8], at: usize) -> Option<usize> {
    let is_prefix = |p: &[u8]| {
        let lower: Vec<u8> = p.iter().map(u8::to_ascii_lowercase).collect();
        match lower.as_slice() {
            [a] => b"rbuft".contains(a),
            [a, b] => (*a == b'r' && b"bft".contains(b)) || (b"bft".contains(a) && *b == b'r'),
            _ => false,
        }
    };
    let quote_at = (0..=2).find(|&n| {
        at + n < bytes.len()
            && matches!(bytes[at + n], b'\'' | b'"')
            && (n == 0 || is_prefix(&bytes[at..at + n]))
    })?;
    let quote = bytes[at + quote_at];
    let body = at + quote_at;
    if bytes[body..].starts_with(&[quote; 3]) {
        let mut i = body + 3;
        loop {
            if i == bytes.len() {
                return Some(i);
            } else if bytes[i..].starts_with(&[quote; 3]) {
                return Some(i + 3);
            } else if bytes[i] != b'\\' {
                i += 1;
            } else if i + 1 < bytes.len() {
                i += 2;
            } else {
                break; // a backslash ending the text: not a triple-quoted string (as the regex)
            }
        }
    }
    let mut i = body + 1;
    while i < bytes.len() {
        match bytes[i] {
            c if c == quote => return Some(i + 1),
            b'\r' | b'\n' => return Some(i),
            b'\\' if bytes[i + 1..].starts_with(b"\r\n") => i += 3,
            b'\\' if i + 1 < bytes.len() => i += 2,
            b'\\' => return Some(i),
            _ => i += 1,
        }
    }
    Some(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Option<(usize, &'static str)> {
        too_deep(text)
    }

    #[test]
    fn long_chains_and_deep_brackets_are_refused_where_they_cross_the_limit() {
        let chain = format!("x = {}\n", vec!["a"; 3_000_000].join("+"));
        assert_eq!(at(&chain), Some((4 + 2 * 200 + 1, TOO_DEEP))); // the 201st '+'
        assert_eq!(at(&format!("x = {}a\n", "a+".repeat(200))), None);
        assert_eq!(at(&"(".repeat(100_000)), Some((200, TOO_DEEP)));
        assert_eq!(at(&format!("{}{}", "(".repeat(200), ")".repeat(200))), None);
        assert_eq!(at(&format!("x = {}1\n", "-".repeat(1000))), Some((4 + 200, TOO_DEEP)));
        assert_eq!(at(&format!("x = a{}\n", "()".repeat(1000))).map(|d| d.1), Some(TOO_DEEP));
        assert_eq!(
            at(&format!("x = {}1{}\n", "{1:".repeat(40_000), "}".repeat(40_000))).map(|d| d.1),
            Some(TOO_DEEP)
        );
    }

    #[test]
    fn flat_lists_and_comparisons_do_not_count() {
        let list = format!("x = [{}]\n", "-1, a.b + c, ".repeat(100_000));
        assert_eq!(at(&list), None);
        assert_eq!(at(&format!("x = {}\n", vec!["a"; 10_000].join(" and "))), None);
        assert_eq!(at(&format!("x = {}\n", vec!["a"; 10_000].join(" < "))), None);
        assert_eq!(at("x = 1e-5 + 0x1e+5 + 'a+b' + \"\"\"-\n-\"\"\"  # - - -\n"), None);
    }

    #[test]
    fn indentation_and_elif_chains() {
        let nested = |n: usize| -> String {
            (0..n).map(|i| format!("{}if x:\n", " ".repeat(i))).collect::<String>()
                + &" ".repeat(n)
                + "pass\n"
        };
        assert_eq!(at(&nested(99)), None);
        let hundred = nested(100);
        let line_101 = hundred.match_indices('\n').nth(99).unwrap().0 + 1;
        assert_eq!(at(&hundred), Some((line_101 + 100, TOO_INDENTED)));
        let elifs = |n: usize| format!("if x: pass\n{}", "elif x: pass\n".repeat(n));
        assert_eq!(at(&elifs(100)), None);
        assert_eq!(at(&elifs(101)).map(|d| d.1), Some(TOO_DEEP));
        assert_eq!(at("if x:\n\tif y:\n\t\tpass\n"), None);
    }
}

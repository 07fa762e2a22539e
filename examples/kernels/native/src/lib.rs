//! `myapp.score` in Rust: the C function `myapp_score` that ScoreHost.java binds with the
//! signature `i64(str)`. Tandem's convention for user kernels: arguments as values or
//! (pointer, length) pairs, the result through a trailing out-pointer, an i32 status
//! returned (0 = success), and no panic crossing the boundary.

use std::panic::catch_unwind;

fn letter_value(letter: char) -> i64 {
    match letter {
        'a' | 'e' | 'i' | 'l' | 'n' | 'o' | 'r' | 's' | 't' | 'u' => 1,
        'd' | 'g' => 2,
        'b' | 'c' | 'm' | 'p' => 3,
        'f' | 'h' | 'v' | 'w' | 'y' => 4,
        'k' => 5,
        'j' | 'x' => 8,
        'q' | 'z' => 10,
        _ => 0,
    }
}

/// Python's `str.isspace()`: Unicode White_Space plus the separators U+001C..U+001F.
fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// The sum over the words of `text` of their letter values times the word's length
/// (words split as Python's `str.split()` does, lowercased, length in code points).
pub fn score(text: &str) -> i64 {
    text.split(is_python_space)
        .filter(|word| !word.is_empty())
        .map(|word| {
            let lowered: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
            lowered.iter().map(|&letter| letter_value(letter)).sum::<i64>() * lowered.len() as i64
        })
        .sum()
}

/// # Safety
/// `text` must point to `len` readable bytes and `out` to a writable i64.
#[no_mangle]
pub unsafe extern "C" fn myapp_score(text: *const u8, len: usize, out: *mut i64) -> i32 {
    if (text.is_null() && len != 0) || out.is_null() {
        return 4;
    }
    let bytes = if len == 0 { &[][..] } else { std::slice::from_raw_parts(text, len) };
    let Ok(text) = std::str::from_utf8(bytes) else { return 1 };
    match catch_unwind(|| score(text)) {
        Ok(value) => {
            *out = value;
            0
        }
        Err(_) => 3,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn scores_words() {
        assert_eq!(super::score("quiz"), (10 + 1 + 1 + 10) * 4);
        assert_eq!(super::score("  "), 0);
    }
}

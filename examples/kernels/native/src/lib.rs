//! `myapp.score` in Rust: a plain function marked `#[tandem_kernel::kernel]`, which adds its
//! C ABI export and its entry in the library's manifest. Tandem finds it by loading the
//! library (`tandem run --kernels`); no `unsafe`, no Java, no signature string.

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
#[tandem_kernel::kernel("myapp.score")]
pub fn score(text: &str) -> i64 {
    text.split(is_python_space)
        .filter(|word| !word.is_empty())
        .map(|word| {
            let lowered: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
            lowered.iter().map(|&letter| letter_value(letter)).sum::<i64>() * lowered.len() as i64
        })
        .sum()
}

#[cfg(test)]
mod tests {
    #[test]
    fn scores_words() {
        assert_eq!(super::score("quiz"), (10 + 1 + 1 + 10) * 4);
        assert_eq!(super::score("  "), 0);
    }
}

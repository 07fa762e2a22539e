"""A user-defined kernel: Tandem's answer to PyO3's #[pyfunction].

`myapp.score` is declared here with its pure-Python reference. The Rust implementation of the
same name in native/ is found when Tandem loads its library, and the routing policy picks one;
on plain CPython this file runs as it is, on the reference.

    python3 score.py "some words"                     (PYTHONPATH=python: pure Python)
    ./tandem kernel build examples/kernels/native     (once: cargo build --release, checked)
    ./tandem run --kernels examples/kernels/native examples/kernels/score.py "words"
"""

import sys

import tandem

# Letter values of the word game: common letters are cheap, rare ones dear.
LETTER_VALUES = {letter: value for value, letters in {
    1: "aeilnorstu", 2: "dg", 3: "bcmp", 4: "fhvwy", 5: "k", 8: "jx", 10: "qz"}.items() for letter in letters}


@tandem.kernel("myapp.score", accepts=(str,))
def score(text):
    """The sum over the words of `text` of their letter values times the word's length."""
    total = 0
    for word in text.lower().split():
        total += sum(LETTER_VALUES.get(letter, 0) for letter in word) * len(word)
    return total


if __name__ == "__main__":
    text = " ".join(sys.argv[1:]) or "The quick brown fox jumps over the lazy dog"
    print(f"score={score(text)} backend={score.backend}")

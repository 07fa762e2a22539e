"""Writes ROWS generated documents, one a line, to OUT: the token-count jobs' input.

    python3 make_corpus.py ROWS OUT

The same ROWS give the same file on every machine (a fixed seed); words mix English, code,
numbers, accents, CJK and emoji, so that every branch of cl100k_base's pre-tokenizer runs.
"""
import random
import sys

WORDS = (
    "the of and to in is that for it as was with be by on not he this are or his from at which "
    "but have an they you were her she there been one all we their has would when if so no "
    "tokenizer Spark executor partition kernel Python Java Rust JVM GraalPy batch throughput "
    "def return self None True False import lambda print() len(x) {key: value} [1, 2, 3] "
    "naïve café résumé Zürich São Paulo Straße 東京 数据 처리 データ Привет мир 🙂 🚀 ✨ "
    "1999 2026 3.14159 -42 0x1F 1,000,000 12:30 e-mail don't it's we'll     \t"
).split(" ")


def document(rng):
    words = rng.choices(WORDS, k=rng.randint(3, 40))
    return " ".join(words).replace("\n", " ")


def main(rows, out):
    rng = random.Random(24)
    with open(out, "w", encoding="utf-8") as file:
        for _ in range(rows):
            file.write(document(rng) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 3 or not sys.argv[1].isdigit():
        sys.exit("usage: make_corpus.py ROWS OUT")
    main(int(sys.argv[1]), sys.argv[2])

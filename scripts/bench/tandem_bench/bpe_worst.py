"""The tokenizer's worst-case inputs (issue 19; tiktoken issues #195, #245): texts whose pieces are
long, where a byte-pair merge that rescans its pairs after each merge is quadratic. The
tokenizer workload encodes each whole with ``encode_ordinary`` under every runner.

Seeded, the same on every run: a long piece of letters without spaces, one character repeated,
random bytes (as Latin-1 characters), random Unicode, and a ~60 KB mixed document of prose,
code, many scripts, random Unicode and the long piece.
"""

import random


def inputs(prose_and_code):
    """``[(title, text)]``: the worst-case texts, the mixed document built around
    ``prose_and_code`` (~46 KB of real text). No text holds a carriage return: every runner
    reads its file with universal newlines, which would turn one into a line feed."""
    rng = random.Random(20260108)
    letters = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(6_500))
    random_bytes = "".join(chr(rng.choice([b for b in range(256) if b != 0x0D])) for _ in range(6_500))
    code_points = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and c != 0x0D]
    random_unicode = "".join(chr(rng.choice(code_points)) for _ in range(4_000))
    mixed = "\n".join([prose_and_code.replace("\r", ""), random_unicode[:1_000], letters, "a" * 2_000])
    return [("a long piece: 6,500 random letters, no spaces", letters),
            ("a repeated character: 'a' x 20,000", "a" * 20_000),
            ("random bytes: 6,500 as Latin-1 characters", random_bytes),
            ("random Unicode: 4,000 code points", random_unicode),
            (f"a mixed document of {len(mixed.encode('utf-8')) // 1000} KB", mixed)]

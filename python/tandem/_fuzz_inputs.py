"""Seeded generators of fuzz inputs for the differential harness (``tandem._differential``).

Each generator takes a ``random.Random`` and returns one input: texts (any Unicode, lone
surrogates, long pieces), ``mappings`` strings and source map JSON (valid, then often damaged),
``.tiktoken`` rank data (valid, then often damaged) and Python sources (token soup). The same
seed gives the same inputs, so a finding is reproduced by its seed and case number, and kept
as a fixed regression case.
"""

import base64
import json

_TEXT_POOL = ("aZ9 \n\t\r'’-_.,!?éßſKΩжש中😀\u0301\u200d\u3000\x85\x00\ufeff\u2028"
              "\ud800\udc00\ud83d\ude42\udfff")
_SPECIALS = ("<|endoftext|>", "<|fim_prefix|>", "<|endofprompt|>", "<|")


def text(rng):
    """A text: characters from a pool that breaks tokenizers, any code point, or a long piece."""
    kind = rng.randrange(5)
    if kind == 0:
        return "".join(rng.choice(_TEXT_POOL) for _ in range(rng.randrange(0, 80)))
    if kind == 1:  # any code point, surrogates included (Python strings may hold them alone)
        return "".join(chr(rng.choice((rng.randrange(0x80), rng.randrange(0x800), rng.randrange(0x110000))))
                       for _ in range(rng.randrange(0, 40)))
    if kind == 2:  # one long piece: BPE's merging is at its slowest on these
        return rng.choice("a1 \n😀é") * rng.randrange(100, 3000)
    if kind == 3:
        return " ".join(rng.choice(("hello", "don't", "I'M", "123456", "  ", *_SPECIALS)) for _ in range(20))
    return "".join(chr(rng.randrange(0xD800, 0xE000)) for _ in range(rng.randrange(1, 6)))


_BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _vlq(value):
    number = (-value << 1) | 1 if value < 0 else value << 1
    digits = []
    while True:
        digit, number = number & 31, number >> 5
        digits.append(_BASE64[digit | (32 if number else 0)])
        if not number:
            return "".join(digits)


def mappings(rng, sources=3, names=2):
    """A ``mappings`` string: segments of 1, 4 or 5 fields with small deltas, some damaged."""
    lines = []
    for _ in range(rng.randrange(0, 6)):
        segments = []
        for _ in range(rng.randrange(0, 5)):
            fields = rng.choice((1, 4, 4, 5))
            deltas = [rng.randrange(-3, 20)]
            if fields >= 4:
                deltas += [rng.randrange(-1, sources), rng.randrange(-2, 5), rng.randrange(-4, 10)]
            if fields == 5:
                deltas.append(rng.randrange(-1, names))
            segments.append("".join(_vlq(delta) for delta in deltas))
        lines.append(",".join(segments))
    return damaged(rng, ";".join(lines), "!=é\ud800,;gz/+A" + "g" * 4)


def damaged(rng, data, junk):
    """``data`` (str) as it is, or with a character changed, inserted or removed, or cut short."""
    kind = rng.randrange(6)
    if kind < 2 or not data:
        return data
    at = rng.randrange(len(data))
    if kind == 2:
        return data[:at] + rng.choice(junk) + data[at + 1:]
    if kind == 3:
        return data[:at] + rng.choice(junk) * rng.randrange(1, 12) + data[at:]
    if kind == 4:
        return data[:at] + data[at + 1:]
    return data[:at]


def source_map(rng):
    """Source map JSON: a regular or an index map with random fields, often damaged."""
    def regular():
        source_count, name_count = rng.randrange(0, 4), rng.randrange(0, 3)
        data = {"version": rng.choice((3, 3, 3, 2, "3")), "sources": [f"s{i}.js" for i in range(source_count)],
                "names": [f"n{i}" for i in range(name_count)], "mappings": mappings(rng, source_count, name_count)}
        if rng.random() < 0.3:
            data["sourcesContent"] = [rng.choice((None, "a\nb\nc", 3)) for _ in range(source_count)]
        if rng.random() < 0.2:
            data["sourceRoot"] = rng.choice(("root/", "", None, 1))
        if rng.random() < 0.2:
            data["ignoreList"] = [rng.randrange(-1, 4)]
        if rng.random() < 0.2:
            data["sources"] = data["sources"] + [rng.choice((None, 7, ["x"]))]
        if rng.random() < 0.1:
            del data[rng.choice(list(data))]
        return data

    if rng.random() < 0.15:
        data = {"version": 3, "sections": [
            {"offset": {"line": line, "column": rng.randrange(0, 3)}, "map": regular()}
            for line in sorted(rng.sample(range(6), rng.randrange(1, 3)))]}
    else:
        data = regular()
    return damaged(rng, json.dumps(data), '{}[]",:0\\')


def rank_data(rng):
    """``.tiktoken`` data: every single byte and some merges, as a rank file, often damaged."""
    tokens = [bytes([value]) for value in range(256)]
    for _ in range(rng.randrange(0, 30)):
        tokens.append(rng.choice(tokens) + rng.choice(tokens))
    lines = []
    for rank, token in enumerate(dict.fromkeys(tokens)):
        lines.append(f"{base64.b64encode(token).decode()} {rank}\n")
    data = "".join(lines)
    return damaged(rng, data, " \n\r=A9-x" + "4294967296"[rng.randrange(10)]).encode("latin-1")


_PYTHON_TOKENS = ("x", "y", "=", "1", "0x1F", "1.5e3", "(", ")", "[", "]", "{", "}", ":", ",", ".", ";",
                  "def", "if", "else", "elif", "for", "in", "import", "os", "from", "return", "yield", "lambda",
                  "class", "async", "await", "with", "as", "not", "and", "is", "None", "+", "*", "**", "-", "@",
                  "==", ":=", "'s'", '"""d"""', "f'{x}'", "b''", "#c", "\n", "\n", "    ", "\t", "\\\n", "...")


_PYTHON_STATEMENTS = ("import os", "import os, sys", "from os import path", "x = 1", "x  = [1, (2, {3: 4})] ",
                      "def f(a, b=[]):\n    return a", "if x:\n    y = 1\nelse:\n    pass", "l = lambda: 0",
                      "print(x, y)", "for i in range(3): print(i)", "class C:\n    def m(self): return undefined",
                      "try:\n    import json\nexcept: pass", "x = f'{x!r}'", "assert (x, 'msg')", "y == None",
                      "with open('f') as handle: pass", "\t x = 1", "x = 1;", "#: comment", "s = 'é😀'", "")


def python_source(rng):
    """Python source: valid statements (lint findings), or token soup (mostly syntax errors),
    with few enough tokens to stay under 50 levels of nesting."""
    if rng.random() < 0.5:
        return "\n".join(rng.choice(_PYTHON_STATEMENTS) for _ in range(rng.randrange(0, 12))) + "\n"
    return " ".join(rng.choice(_PYTHON_TOKENS) for _ in range(rng.randrange(0, 48)))

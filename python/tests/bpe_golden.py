"""Golden token lists: tiktoken's ids for the corpus, written once, checked on any interpreter.

tiktoken runs only on CPython; this carries its answers to interpreters where it cannot run
(GraalPy inside Tandem) and to the later backends' tests:

    # on CPython with tiktoken (environment from scripts/peers.sh):
    target/peers-venv/bin/python python/tests/bpe_golden.py write target/bpe-golden.json
    # anywhere tandem.bpe runs, e.g. inside Tandem:
    TANDEM_RANKS_DIR=target/ranks ./tandem run python/tests/bpe_golden.py check target/bpe-golden.json

``write-cases`` writes a self-contained file for the Java and Rust backends' tests (the texts
with, per encoding, ``encode_ordinary`` and ``encode(allowed_special="all")``); JSON with
ASCII escapes, so lone surrogates survive as ``\\udXXX``:

    target/peers-venv/bin/python python/tests/bpe_golden.py write-cases target/bpe-cases.json

The ``write`` file holds, per encoding, ``encode(text, allowed_special="all")`` for the fixed corpus and
``RANDOM`` seeded random strings (the texts themselves are regenerated from bpe_corpus, so the
file stays small and the check also proves the random generator is the same everywhere).
"""

import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bpe_corpus  # noqa: E402

RANDOM = 1000
ENCODING_NAMES = ("r50k_base", "p50k_base", "p50k_edit", "cl100k_base", "o200k_base")


def golden_texts():
    return [text for _, text in bpe_corpus.corpus_texts()] + bpe_corpus.random_texts(RANDOM)


def write(path):
    import tiktoken

    texts = golden_texts()
    golden = {"tiktoken": tiktoken.__version__, "texts": len(texts), "encodings": {}}
    for name in ENCODING_NAMES:
        encoding = tiktoken.get_encoding(name)
        golden["encodings"][name] = [encoding.encode(text, allowed_special="all") for text in texts]
    with open(path, "w", encoding="utf-8") as file:
        json.dump(golden, file, separators=(",", ":"))
    print(f"wrote {path}: {len(texts)} texts x {len(golden['encodings'])} encodings, tiktoken {golden['tiktoken']}")


def write_cases(path):
    import tiktoken

    encodings = {name: tiktoken.get_encoding(name) for name in ENCODING_NAMES}
    cases = [{"text": text,
              "ids": {name: {"ordinary": encoding.encode_ordinary(text),
                             "all": encoding.encode(text, allowed_special="all")}
                      for name, encoding in encodings.items()}}
             for text in golden_texts()]
    with open(path + ".tmp", "w", encoding="ascii") as file:
        json.dump({"tiktoken": tiktoken.__version__, "cases": cases}, file, separators=(",", ":"))
    os.replace(path + ".tmp", path)
    print(f"wrote {path}: {len(cases)} texts x {len(encodings)} encodings, tiktoken {tiktoken.__version__}")


def check(path):
    from tandem import bpe

    with open(path, encoding="utf-8") as file:
        golden = json.load(file)
    texts = golden_texts()
    if len(texts) != golden["texts"]:
        sys.exit(f"{path} has {golden['texts']} texts, the corpus here {len(texts)}")
    failed = 0
    for name, expected in golden["encodings"].items():
        start = time.perf_counter()
        encoding = bpe.get_encoding(name)
        misses = [n for n, text in enumerate(texts) if encoding.encode(text, allowed_special="all") != expected[n]]
        failed += bool(misses)
        print(f"{name}: {len(texts) - len(misses)} of {len(texts)} texts match tiktoken {golden['tiktoken']} "
              f"({time.perf_counter() - start:.1f} s){'; first misses: ' + str(misses[:5]) if misses else ''}",
              flush=True)
    print(f"{sys.implementation.name} {sys.version.split()[0]}: {'FAILED' if failed else 'all match'}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    commands = {"write": write, "write-cases": write_cases, "check": check}
    if len(sys.argv) != 3 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](sys.argv[2])

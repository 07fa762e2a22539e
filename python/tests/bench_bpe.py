"""Costs of the pure-Python reference (tandem.bpe), next to tiktoken when it is installed.

    target/peers-venv/bin/python python/tests/bench_bpe.py     (environment from scripts/peers.sh)

Prints the import cost, per encoding the load and pattern-compile cost, the throughput on a
mixed corpus (prose, code, many scripts, emoji), and the time of a few long pathological runs.
Not a test: unittest discovery (test*.py) does not pick it up.
"""

import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

started = time.perf_counter()
from tandem import bpe, _pretokenize  # noqa: E402 - the import is what is measured

import_seconds = time.perf_counter() - started

import bpe_corpus  # noqa: E402

try:
    import tiktoken
except ImportError:
    tiktoken = None


def best_of(rounds, function, *args):
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        function(*args)
        best = min(best, time.perf_counter() - start)
    return best


def main():
    print(f"{sys.implementation.name} {sys.version.split()[0]}; import tandem.bpe: {import_seconds * 1000:.0f} ms")
    corpus = "".join(bpe_corpus.CORPUS.values()) * 20
    megabytes = len(corpus.encode("utf-8", "surrogatepass")) / 1e6
    print(f"corpus: {megabytes:.2f} MB of mixed text")
    for name in bpe.list_encoding_names():
        _pretokenize.compile_pattern.cache_clear()
        re.purge()  # re keeps its own cache of compiled patterns
        start = time.perf_counter()
        _pretokenize.compile_pattern(bpe.ENCODINGS[name].pattern)
        compile_seconds = time.perf_counter() - start
        start = time.perf_counter()
        encoding = bpe.get_encoding(name)
        load_seconds = time.perf_counter() - start
        ours = best_of(3, encoding.encode_ordinary, corpus)
        split = best_of(3, encoding.pieces, corpus)
        line = (f"{name:12s} load {load_seconds:5.2f} s (pattern compile {compile_seconds * 1000:4.0f} ms)  "
                f"encode_ordinary {megabytes / ours:5.2f} MB/s (pre-tokenizer alone {megabytes / split:5.2f} MB/s)")
        if tiktoken is not None:
            theirs = best_of(3, tiktoken.get_encoding(name).encode_ordinary, corpus)
            line += f"  tiktoken {megabytes / theirs:6.1f} MB/s"
        print(line, flush=True)
    encoding = bpe.get_encoding("o200k_base")
    for label, text in (("1 MB of 'a'", "a" * 1_000_000), ("1 MB of spaces then x", " " * 1_000_000 + "x"),
                        ("1 MB of digits", "7" * 1_000_000), ("1 MB of '\\n '", "\n " * 500_000)):
        print(f"o200k_base, {label}: {best_of(1, encoding.encode_ordinary, text):.2f} s", flush=True)


if __name__ == "__main__":
    main()

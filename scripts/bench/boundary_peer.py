"""The boundary benchmark's peers on CPython: a scalar call into Rust through PyO3 (the same
FNV-1a hash as Tandem's ``text.fnv1a_32``), PyO3's cost for a call that does nothing, and a
pure-Python function call. Prints one JSON line: the runners' costs in ns per call, one sample
per round, after a warm-up, timed as tandem_bench/boundary.py times Tandem's rows.

Usage: python boundary_peer.py ARGUMENT WARMUP_SECONDS ROUNDS
"""

import json
import platform
import sys
import time

import pyo3_peer

ROUND_SECONDS = 0.2
#: The PyO3 the peer is built with (scripts/peers/pyo3/Cargo.toml pins it).
PYO3_VERSION = "0.30.1"


def identity(text):
    return text


def timed(call, argument, calls):
    start = time.perf_counter()
    for _ in range(calls):
        call(argument)
    return time.perf_counter() - start


def samples(call, argument, warmup, rounds):
    deadline = time.perf_counter() + warmup
    while time.perf_counter() < deadline:
        timed(call, argument, 1000)
    calls = max(1, int(1000 * ROUND_SECONDS / max(timed(call, argument, 1000), 1e-9)))
    return [timed(call, argument, calls) * 1e9 / calls for _ in range(rounds)]


def main(argument, warmup, rounds):
    warmup, rounds = float(warmup), int(rounds)
    runners = {  # name -> (function, its argument)
        "PyO3 fnv1a_32 (CPython)": (pyo3_peer.fnv1a_32, argument),
        "PyO3 function that does nothing (CPython)": (pyo3_peer.noop, argument),
        "pure-Python function (CPython)": (identity, argument),
    }
    costs = {name: samples(call, value, warmup, rounds) for name, (call, value) in runners.items()}
    print(json.dumps({"version": f"CPython {platform.python_version()}, PyO3 {PYO3_VERSION}",
                      "fnv1a_32": pyo3_peer.fnv1a_32(argument), "costs": costs}))


if __name__ == "__main__":
    main(*sys.argv[1:])

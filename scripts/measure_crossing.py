"""Measures what crossing from Python to the Java and Rust backends costs (docs/routing-and-ffi.md, "Crossing the boundary").

Run with the JIT: ./tandem run scripts/measure_crossing.py [--quick]
Prints ns per call for a scalar kernel, ns per element for an int-list kernel, and how two
Python threads calling a kernel scale on this machine, for every backend, side by side with
the pure-Python equivalents. Best and median of repeated rounds after warm-up.
"""

import statistics
import sys
import threading
import time

import tandem
from tandem import text

QUICK = "--quick" in sys.argv
ROUNDS = 5 if QUICK else 15


def timed(function, argument, calls):
    start = time.perf_counter_ns()
    for _ in range(calls):
        function(argument)
    return (time.perf_counter_ns() - start) / calls


def measure(function, argument, calls, warmup_seconds):
    deadline = time.perf_counter() + warmup_seconds
    while time.perf_counter() < deadline:
        timed(function, argument, calls)
    samples = [timed(function, argument, calls) for _ in range(ROUNDS)]
    return min(samples), statistics.median(samples)


def row(label, best, median, unit):
    print(f"  {label:<44} best {best:9.1f} {unit}   median {median:9.1f} {unit}")


def scalar_calls():
    print("scalar kernel call: text.fnv1a_32('ab') through tandem's dispatcher, and the bare host method")
    for backend in text.fnv1a_32.available_backends():
        with tandem.using(backend):
            # GraalPy's JIT needs ~15 s on 2 cores to reach its optimizing tier for these paths.
            best, median = measure(text.fnv1a_32, "ab", 20_000, 2 if QUICK else 15)
        row(backend, best, median, "ns/call")
        if backend != "python":
            from tandem import _gateway
            target, member = _gateway.gateway.implementation("text.fnv1a_32", backend)
            best, median = measure(getattr(target, str(member)), "ab", 20_000, 1 if QUICK else 10)
            row(f"{backend}, bare bound method (no dispatcher)", best, median, "ns/call")


def int_lists():
    size = 200_000 if QUICK else 1_000_000
    corpus = ("Tandem routes kernels to Java and Rust, 東京 🙂. " * (size // 40 + 1))[:size]
    print(f"int list out: text.codepoints(str of {size:,} chars) -> list of {size:,} ints")
    best, median = measure(lambda s: [ord(c) for c in s], corpus, 1, 2 if QUICK else 10)
    row("[ord(c) for c in s] (plain Python, no kernel)", best / size, median / size, "ns/elem")
    for backend in text.codepoints.available_backends():
        with tandem.using(backend):
            best, median = measure(text.codepoints, corpus, 1, 2 if QUICK else 10)
        row(backend, best / size, median / size, "ns/elem")


def thread_scaling():
    corpus = "parallel kernels " * 200_000
    print(f"two Python threads each calling text.codepoints on {len(corpus):,} chars, 8 times")
    for backend in [b for b in text.codepoints.available_backends() if b != "python"]:
        def work():
            with tandem.using(backend):
                for _ in range(8):
                    text.codepoints(corpus)
        for _ in range(3):  # warm-up
            work()
        start = time.perf_counter()
        work()
        one = time.perf_counter() - start
        threads = [threading.Thread(target=work) for _ in range(2)]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        two = time.perf_counter() - start
        print(f"  {backend:<6} one thread {one * 1000:7.1f} ms   two threads (2x the work) {two * 1000:7.1f} ms"
              f"   speed-up {2 * one / two:4.2f}x")


if __name__ == "__main__":
    print(f"runtime: {sys.implementation.name}, inside Tandem: {tandem.in_tandem()}")
    scalar_calls()
    int_lists()
    thread_scaling()

"""Timing: warm-up, repeated runs, median and spread, and the digest that proves a run's output.

Every runner, in this process or in a peer's, follows the same protocol: run the workload
until the warm-up budget is spent, then ``runs`` timed runs; report the seconds of each run,
the number of tokens (or items) produced and a digest of the output, which the report compares
with the reference's before it shows any time.
"""

import hashlib
import statistics
import sys
import time
from array import array


def digest_ints(values):
    """SHA-256 (hex, first 16 digits) of integers as little-endian uint32: the same in every peer."""
    return hashlib.sha256(array("I", values).tobytes()).hexdigest()[:16]


def digest_int32s(values):
    """As ``digest_ints`` for signed integers (little-endian int32; -1 is ff ff ff ff)."""
    return hashlib.sha256(array("i", values).tobytes()).hexdigest()[:16]


def measure(workload, warmup_seconds, runs, progress=None):
    """``{"seconds": [...], "output": last output}``: warm-up by time, then ``runs`` timed runs.
    With no warm-up the first timed run is a cold one (nothing runs before it)."""
    deadline = time.perf_counter() + warmup_seconds
    output = workload() if warmup_seconds > 0 else None
    while time.perf_counter() < deadline:
        workload()
    seconds = []
    for run in range(runs):
        start = time.perf_counter()
        output = workload()
        seconds.append(time.perf_counter() - start)
        if progress:
            progress(f"run {run + 1}/{runs}: {seconds[-1] * 1000:.0f} ms")
    return {"seconds": seconds, "output": output}


def summary(seconds):
    """Median and spread (the interquartile range relative to the median) of run times."""
    median = statistics.median(seconds)
    if len(seconds) >= 4:
        quartiles = statistics.quantiles(seconds, n=4)
        spread = (quartiles[2] - quartiles[0]) / median
    else:
        spread = (max(seconds) - min(seconds)) / median
    return median, spread


def cost_row(workload, runner, unit, kind="tandem", samples=None, status=None, version="this build"):
    """A row that carries a cost (lower is better) in ``unit`` instead of a throughput: the median
    of ``samples``, the best and the spread; or no figure and ``status`` saying why."""
    row = {"workload": workload, "runner": runner, "kind": kind, "mb_per_s": None, "tokens_per_s": None,
           "cost": None, "cost_unit": unit, "best": None, "spread": None, "version": version,
           "status": status or "ok"}
    if samples:
        median, spread = summary(samples)
        row.update(cost=median, best=min(samples), spread=spread)
    return row


class Progress:
    """One line per step on stderr, so that long runs show they are alive."""

    def __init__(self, stream=None):
        self._stream = stream or sys.stderr
        self._start = time.perf_counter()

    def __call__(self, message):
        print(f"[{time.perf_counter() - self._start:6.1f} s] {message}", file=self._stream, flush=True)


def checked_status(outcome, truth, count_key):
    """A runner's status against the reference's answer: why it has no figure, or whether its
    count (``outcome[count_key]``) and digest match the reference's."""
    for kind in ("missing", "skipped", "failed"):
        if kind in outcome:
            return f"{kind}: {outcome[kind]}"
    if "digest" not in truth:
        return "unchecked: the reference did not run"
    if outcome["digest"] != truth["digest"] or outcome[count_key] != truth[count_key]:
        return (f"MISMATCH: {outcome[count_key]} {count_key}, digest {outcome['digest']}; the reference gives "
                f"{truth[count_key]}, {truth['digest']}")
    return "ok"

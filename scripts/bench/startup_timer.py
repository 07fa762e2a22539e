"""Times a command's wall time, run after run, for `tandem bench --kernel startup`; run on
CPython so that the timer's own process start (GraalPy's subprocess is slower) stays out of
the figures. Usage: startup_timer.py RUNS [--pause S] [--before CMD...] -- CMD...; prints one
JSON object, {"seconds": [...], "cpu_seconds": [...]} (wall; user + system CPU of the command,
which a loaded machine distorts less) or {"error": "..."}. Before each timed run it waits S
seconds and runs the --before command, neither of them timed."""

import json
import resource
import subprocess
import sys
import time


def main(argv):
    runs = int(argv[0])
    rest = argv[1:]
    pause = 0.0
    if rest and rest[0] == "--pause":
        pause, rest = float(rest[1]), rest[2:]
    before = []
    if rest and rest[0] == "--before":
        split = rest.index("--")
        before, rest = rest[1:split], rest[split:]
    command = rest[1:]
    seconds, cpu_seconds = [], []
    for _ in range(runs):
        time.sleep(pause)
        if before:
            subprocess.run(before, capture_output=True, timeout=120)
        used = _children_cpu()
        start = time.perf_counter()
        done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, timeout=600)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            tail = " | ".join(done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:])
            print(json.dumps({"error": f"exit status {done.returncode}: {tail}"}))
            return
        seconds.append(elapsed)
        cpu_seconds.append(_children_cpu() - used)
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds}))


def _children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


main(sys.argv[1:])

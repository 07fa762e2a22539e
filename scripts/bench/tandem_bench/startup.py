"""The start-up workload: how long a user waits for a script, side by side in one run.

CPython running ``examples/hello.py``; ``./tandem run examples/hello.py`` cold (no resident
process: each run starts one, as the first run after a reboot or a rebuild does) and warm (the
resident process answers); ``./tandem -c pass`` warm; and the floor of a cold start, a bare
GraalPy context printing one line on the same JVM flags with no Tandem code
(scripts/bench/BareGraalPy.java), next to ``./tandem run`` in a JVM of its own
(``TANDEM_DAEMON=0``); both also with their CPU time (user + system), which a loaded machine
distorts less than wall time. Warm runs are timed a few seconds apart
(the context the previous run left preparing is ready) and back to back (a run may wait for it). Every run is a new client process, timed
wall to wall by a CPython timer (scripts/bench/startup_timer.py). The resident processes live
in a socket directory of the bench's own, stopped at the end. The embedding API's per-call cost
on a warm instance comes from scripts/bench/PooledCall.java in a JVM of its own: a pooled
``tandem.call`` (lease, call, reset, return) next to the same call in a session (no reset).
"""

import json
import os
import shutil
import subprocess
import tempfile

from tandem_bench.measure import cost_row
from tandem_bench.peers import Peer, compiled_java, tandem_jvm

HELLO = os.path.join("examples", "hello.py")
PAUSE_SECONDS = 5
WALL = "startup: hello.py, wall time of a new process"
CPU = "startup: hello.py, CPU time (user + system) of a new process"
BARE = "bare GraalPy context, print one line (same JVM flags, no Tandem)"


def build_corpus(home, size):
    return ""


def describe(text):
    return "examples/hello.py"


def run(home, java_home, corpus_path, text, quick, threads, progress):
    runs = 3 if quick else 10
    launcher = os.path.join(home, "tandem")
    sockets = tempfile.mkdtemp(prefix="tandem-bench-")
    os.chmod(sockets, 0o700)  # the client refuses a socket directory others can open
    env = dict(os.environ, TANDEM_DAEMON_DIR=sockets)
    env.pop("TANDEM_DAEMON", None)
    stop = [launcher, "daemon", "stop"]
    hello = [launcher, "run", HELLO, "bench"]
    try:
        rows = _timed(home, dict(env, PYTHONPATH=os.path.join(home, "python")), progress, runs,
                      "CPython: python3 examples/hello.py", "peer", ["python3", HELLO, "bench"])
        rows += _timed(home, env, progress, runs, "./tandem run examples/hello.py, cold (no resident process)",
                       "tandem", hello, before=stop)
        # Its CPU time is the resident process's, which the timer cannot count (not its child):
        # the CPU row is of a run in a JVM of its own.
        rows += _timed(home, dict(env, TANDEM_DAEMON="0"), progress, runs,
                       "./tandem run examples/hello.py, TANDEM_DAEMON=0 (a JVM of its own)", "tandem", hello, cpu=True)
        bare = bare_graalpy_command(home, java_home)
        if isinstance(bare, str):
            rows.append(cost_row(WALL, BARE, "ms", "peer", status=f"missing: {bare}"))
        else:
            rows += _timed(home, env, progress, runs, BARE, "peer", bare, cpu=True)
        subprocess.run(hello, cwd=home, env=env, capture_output=True, timeout=600)  # starts the resident one
        # Back to back, a run may wait for the context the previous one left preparing; a few
        # seconds apart (a user typing), the prepared context is ready.
        for pause, when in ((PAUSE_SECONDS, f"{PAUSE_SECONDS} s apart"), (0, "back to back")):
            rows += _timed(home, env, progress, runs, f"./tandem run examples/hello.py, warm, {when}",
                           "tandem", hello, pause=pause)
            rows += _timed(home, env, progress, runs, f"./tandem -c pass, warm, {when}",
                           "tandem", [launcher, "-c", "pass"], pause=pause)
        rows += pooled_call_rows(home, java_home, 1000 if quick else 5000, progress)
    finally:
        subprocess.run(stop, cwd=home, env=env, capture_output=True, timeout=120)
        shutil.rmtree(sockets, ignore_errors=True)
    return rows


def bare_graalpy_command(home, java_home):
    """The JVM command line of BareGraalPy, or why it cannot run (a string)."""
    classes, why = compiled_java(home, java_home, "BareGraalPy", ["--module-path", os.path.join(home, "target", "lib"),
                                                                 "--add-modules", "org.graalvm.polyglot"])
    return why or tandem_jvm(home, java_home) + ["-cp", classes, "BareGraalPy"]


def pooled_call_rows(home, java_home, calls, progress):
    """The embedding call on a warm instance: median, best and spread in microseconds."""
    progress(f"startup: pooled embedding calls ({calls} warm-up + {calls} timed each)")
    program = Peer("pooled calls", tandem_jvm(home, java_home) + [os.path.join(home, "scripts", "bench", "PooledCall.java")])
    answer = program.run(calls)
    if "failed" in answer:
        return [cost_row("embedding: one call on a warm instance", "pooled tandem.call", "us/call",
                         status=f"failed: {answer['failed']}")]
    rows = []
    for result in answer["results"]:
        row = cost_row("embedding: one call on a warm instance", result["call"], "us/call")
        row.update(cost=result["median_us"], best=result["best_us"],
                   spread=(result["p75_us"] - result["p25_us"]) / result["median_us"])
        rows.append(row)
    return rows


def _timed(home, env, progress, runs, runner, kind, command, before=None, pause=0, cpu=False):
    """The wall-time row of ``command`` (and with ``cpu`` its CPU-time row), ``runs`` runs each."""
    progress(f"startup: {runner} ({runs} runs)")
    timer = [shutil.which("python3") or "python3", os.path.join(home, "scripts", "bench", "startup_timer.py"),
             str(runs), "--pause", str(pause)] + (["--before"] + before if before else []) + ["--"] + command
    done = subprocess.run(timer, cwd=home, env=env, capture_output=True, text=True, timeout=3600)
    try:
        result = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        result = {"error": f"the timer failed: {done.stderr.strip()[-300:]}"}
    measured = [(WALL, "seconds")] + ([(CPU, "cpu_seconds")] if cpu else [])
    if "error" in result:
        return [cost_row(workload, runner, "ms", kind, status=f"failed: {result['error']}") for workload, _ in measured]
    return [cost_row(workload, runner, "ms", kind, samples=[seconds * 1000 for seconds in result[key]])
            for workload, key in measured]

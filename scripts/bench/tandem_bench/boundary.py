"""The boundary workload: what a crossing between Python, Java and Rust costs.

Crossings made from Python are timed here, inside the bench's own GraalPy context, the way a
script meets them: a scalar kernel call through the dispatcher and the bare host method, a
pure-Python function call, an int list coming back per element, text going in per character,
and how two Python threads calling a kernel (which runs with the GIL released) scale against one. The scalar call's peers run on CPython
(scripts/bench/boundary_peer.py): the same hash through PyO3, PyO3's cost for a call that does
nothing, and the pure-Python function call. What a Java embedder meets is timed with JMH in a
JVM of its own (src/test/java/dev/tandem/tests/bench/BoundaryBench.java): leasing a pooled
context, a fresh context, Java calling a Python function it holds. Cold start is a fresh
``./tandem -c pass``.

Rows carry a cost (lower is better) in ``cost_unit`` instead of a throughput. Every backend's
output is compared with the pure-Python reference's before its time is shown.
"""

import contextlib
import json
import os
import subprocess
import threading
import time

from tandem import _route, text
from tandem_bench.measure import cost_row, digest_ints
from tandem_bench.peers import Peer, tandem_jvm

SCALAR_ARGUMENT = "ab"
SCALAR_WORKLOAD = f"scalar call text.fnv1a_32({SCALAR_ARGUMENT!r}), Python -> kernel"
ROUND_SECONDS = 0.2
JMH_CLASS = "dev.tandem.tests.bench.BoundaryBench"
#: JMH benchmark -> (workload, runner, unit it reports, unit shown, factor to the shown unit)
JMH_ROWS = {
    "heldPythonFunction": ("Java -> Python call (JMH)", "held Python function, len(s)", "ns/op", "ns/call", 1),
    "heldPythonFunctionCallingHostKernel": ("Java -> Python call (JMH)", "held text.fnv1a_32, Java backend",
                                            "ns/op", "ns/call", 1),
    "poolLease": ("context (JMH; process: wall time)", "pooled context lease, eval None", "us/op", "ms", 1e-3),
    "freshContext": ("context (JMH; process: wall time)", "fresh context on the warm engine", "ms/op", "ms", 1),
}


def build_corpus(home, size):
    """The text of the bulk crossings: mixed ASCII, CJK and emoji; 400k characters, 10k for
    --quick (``size`` below 1 MB), where the pure-Python runners are still interpreted."""
    chars = 400_000 if size >= 1_000_000 else 10_000
    return ("Tandem routes kernels to Java and Rust, 東京 🙂. " * (chars // 40 + 1))[:chars]


def run(home, java_home, corpus_path, corpus, quick, threads, progress):
    warmup, rounds = (1.0, 3) if quick else (10.0, 9)
    rows = []
    rows += _scalar_calls(warmup, rounds, progress)
    rows += _cpython_calls(home, warmup, rounds, progress)
    rows += _int_list_out(corpus, warmup, rounds, progress)
    rows += _text_in(corpus, warmup, rounds, progress)
    rows += _two_threads(200_000 if quick else 1_000_000, rounds, progress)
    rows += _jmh(home, java_home, os.path.dirname(corpus_path), quick, progress)
    rows += _cold_process(home, 1 if quick else 5, progress)
    return rows


def _identity(value):
    return value


def _scalar_calls(warmup, rounds, progress):
    workload = SCALAR_WORKLOAD
    expected = _reference(text.fnv1a_32, SCALAR_ARGUMENT)
    calls = 20_000
    progress(f"boundary: {workload}: pure-Python function")
    rows = [_cost_row(workload, "pure-Python function (Tandem)", "ns/call", "python",
                      lambda: _identity(SCALAR_ARGUMENT), SCALAR_ARGUMENT, calls, warmup, rounds, per=1)]
    for backend in _route.BACKENDS:
        progress(f"boundary: {workload}: {backend}")
        rows.append(_cost_row(workload, f"Tandem {backend}, dispatcher", "ns/call", backend,
                              lambda: text.fnv1a_32(SCALAR_ARGUMENT), expected, calls, warmup, rounds,
                              per=1, route=backend))
    for backend in ("java", "rust"):
        name = f"{backend}, bare host method"
        reason = _route.get("text.fnv1a_32").unavailable_reason(backend)
        if reason:
            rows.append(_row(workload, name, "ns/call", status=f"missing: {reason}"))
            continue
        from tandem import _gateway

        target, member = _gateway.gateway.implementation("text.fnv1a_32", backend)
        method = getattr(target, str(member))
        progress(f"boundary: {workload}: {name}")
        rows.append(_cost_row(workload, name, "ns/call", backend, lambda: method(SCALAR_ARGUMENT), expected,
                              calls, warmup, rounds, per=1))
    return rows


def _cpython_calls(home, warmup, rounds, progress):
    """The same scalar call on CPython (scripts/bench/boundary_peer.py): through PyO3 (built by
    scripts/peers.sh pyo3), PyO3 doing nothing with the argument, a pure-Python function."""
    progress(f"boundary: {SCALAR_WORKLOAD}: CPython and PyO3 (scripts/peers.sh pyo3)")
    built = subprocess.run([os.path.join(home, "scripts", "peers.sh"), "pyo3"], capture_output=True, text=True)
    python = os.path.join(home, "target", "peers-venv", "bin", "python")
    missing = None if built.returncode == 0 else \
        "scripts/peers.sh pyo3 failed: " + " | ".join(built.stderr.strip().splitlines()[-2:])
    peer = Peer("PyO3", [python, os.path.join(home, "scripts", "bench", "boundary_peer.py")], missing=missing)
    return peer_rows(peer.run(SCALAR_ARGUMENT, warmup, rounds), _reference(text.fnv1a_32, SCALAR_ARGUMENT))


#: The runners boundary_peer.py reports, in the order they are shown.
CPYTHON_RUNNERS = ("PyO3 fnv1a_32 (CPython)", "PyO3 function that does nothing (CPython)",
                   "pure-Python function (CPython)")


def peer_rows(result, expected):
    """Rows from boundary_peer.py's JSON line (or Peer.run's missing/failed answer); a peer whose
    hash differs from the reference's is a mismatch, not a time."""
    if "missing" in result or "failed" in result:
        status = f"missing: {result['missing']}" if "missing" in result else f"failed: {result['failed']}"
        return [_row(SCALAR_WORKLOAD, runner, "ns/call", kind="peer", status=status) for runner in CPYTHON_RUNNERS]
    if result["fnv1a_32"] != expected:
        status = f"MISMATCH: {result['fnv1a_32']}; the reference gives {expected}"
        return [_row(SCALAR_WORKLOAD, runner, "ns/call", kind="peer", status=status) for runner in CPYTHON_RUNNERS]
    return [_row(SCALAR_WORKLOAD, runner, "ns/call", kind="peer", samples=result["costs"][runner],
                 version=result["version"]) for runner in CPYTHON_RUNNERS]


def _int_list_out(corpus, warmup, rounds, progress):
    workload = f"int list out, text.codepoints ({len(corpus):,} chars)"
    expected = _reference(text.codepoints, corpus)
    progress(f"boundary: {workload}: plain Python")
    rows = [_cost_row(workload, "[ord(c) for c in s], no kernel", "ns/element", "python",
                      lambda: [ord(c) for c in corpus], expected, 1, warmup, rounds, per=len(corpus), kind="peer")]
    for backend in _route.BACKENDS:
        progress(f"boundary: {workload}: {backend}")
        rows.append(_cost_row(workload, f"Tandem {backend}", "ns/element", backend, lambda: text.codepoints(corpus),
                              expected, 1, warmup, rounds, per=len(corpus), route=backend))
    return rows


def _text_in(corpus, warmup, rounds, progress):
    workload = f"text in, text.fnv1a_32 ({len(corpus):,} chars)"
    expected = _reference(text.fnv1a_32, corpus)
    rows = []
    for backend in _route.BACKENDS:
        progress(f"boundary: {workload}: {backend}")
        rows.append(_cost_row(workload, f"Tandem {backend}", "ns/char", backend, lambda: text.fnv1a_32(corpus),
                              expected, 1, warmup, rounds, per=len(corpus), route=backend))
    return rows


def _two_threads(chars, rounds, progress):
    """Each host backend's text.codepoints, CALLS calls on one thread, then the same on each of
    two threads at once (twice the work): equal times would be a 2x speed-up."""
    corpus = ("parallel kernels " * (chars // 17 + 1))[:chars]
    calls = 8
    workload = f"two Python threads, text.codepoints ({chars:,} chars, {calls} calls a thread)"
    expected = _reference(text.codepoints, corpus)
    rows = []
    for backend in ("java", "rust"):
        reason = _route.get("text.codepoints").unavailable_reason(backend)
        if reason:
            rows += [_row(workload, f"Tandem {backend}, {how}", "ms", status=f"missing: {reason}")
                     for how in ("one thread", "two threads")]
            continue

        def work():
            with _route.using(backend):
                for _ in range(calls):
                    output = text.codepoints(corpus)
            return output

        def two():
            threads = [threading.Thread(target=work) for _ in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        progress(f"boundary: {workload}: {backend}")
        if work() != expected:
            rows += [_row(workload, f"Tandem {backend}, {how}", "ms", status="MISMATCH: text.codepoints differs "
                          "from the reference") for how in ("one thread", "two threads")]
            continue
        for _ in range(2):  # warm-up
            work()
            two()
        for how, run in (("one thread", work), ("two threads (twice the work)", two)):
            rows.append(_row(workload, f"Tandem {backend}, {how}", "ms",
                             samples=[_timed(run, 1) * 1000 for _ in range(rounds)]))
    return rows


def _reference(kernel, argument):
    with _route.using("python"):
        return kernel(argument)


def _cost_row(workload, runner, unit, backend, call, expected, calls, warmup, rounds, per, route=None,
              kind="tandem"):
    """Checks ``call``'s output against ``expected``, then times ``rounds`` rounds of up to
    ``calls`` calls after ``warmup`` seconds; the cost is per call, or per element when one call
    handles ``per`` elements. ``backend`` names what must be available (both text kernels have
    the same backends)."""
    reason = _route.get("text.fnv1a_32").unavailable_reason(backend)
    if reason:
        return _row(workload, runner, unit, kind=kind, status=f"missing: {reason}")
    with _route.using(route) if route else contextlib.nullcontext():
        output = call()
        if output != expected:
            return _row(workload, runner, unit, kind=kind, status=f"MISMATCH: {_show(output)}; the reference "
                                                                   f"gives {_show(expected)}")
        deadline = time.perf_counter() + warmup
        while time.perf_counter() < deadline:
            _timed(call, max(1, calls // 100))
        # As many calls a round as take about ROUND_SECONDS (no more than ``calls``), so that a
        # slow backend does not stretch the run; the cost is per call either way.
        probe = max(1, calls // 100)
        calls = max(1, min(calls, int(probe * ROUND_SECONDS / max(_timed(call, probe), 1e-9))))
        samples = [_timed(call, calls) * 1e9 / (calls * per) for _ in range(rounds)]
    return _row(workload, runner, unit, kind=kind, samples=samples)


def _timed(call, calls):
    start = time.perf_counter()
    for _ in range(calls):
        call()
    return time.perf_counter() - start


def _show(value):
    return f"list of {len(value)}, digest {digest_ints(value)}" if isinstance(value, list) else repr(value)


def _row(workload, runner, unit, kind="tandem", samples=None, status=None, version="this build"):
    return cost_row(f"boundary: {workload}", runner, unit, kind, samples, status, version)


def _jmh(home, java_home, out, quick, progress):
    """Runs BoundaryBench in one JVM (no JMH fork: this JVM is already started for it, with the
    launcher's flags) and turns its JSON results into rows."""
    result_path = os.path.join(out, "jmh-boundary.json")
    command = jmh_command(home, java_home, quick, result_path)
    if isinstance(command, str):
        return [_row(workload, runner, shown, status=f"missing: {command}")
                for workload, runner, _, shown, _ in JMH_ROWS.values()]
    log_path = os.path.join(out, "jmh-boundary.log")
    progress(f"boundary: JMH {JMH_CLASS} ({'quick' if quick else 'full'} settings; its log: {log_path})")
    if os.path.exists(result_path):
        os.remove(result_path)
    failures = []
    with open(log_path, "w", encoding="utf-8") as log, \
            subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as jmh:
        for line in jmh.stdout:
            log.write(line)
            log.flush()
            if line.startswith("# Benchmark: "):
                progress(f"boundary: JMH {line[len('# Benchmark: '):].strip().rsplit('.', 1)[-1]}")
            elif line.startswith(("java.", "org.graalvm.")) and "Exception" in line:
                failures.append(line.strip())
    if jmh.returncode != 0 or not os.path.exists(result_path):
        return [_row(workload, runner, shown, status=f"failed: JMH exit status {jmh.returncode} (see {log_path})")
                for workload, runner, _, shown, _ in JMH_ROWS.values()]
    with open(result_path, encoding="utf-8") as file:
        return jmh_rows(json.load(file), failures[0] if failures else None)


def jmh_rows(results, failure=None):
    """Rows from JMH's JSON result list; a benchmark missing from it is a failed row, with the
    first exception JMH printed (``failure``) when there is one."""
    by_name = {result["benchmark"].rsplit(".", 1)[-1]: result for result in results}
    rows = []
    for name, (workload, runner, unit, shown, factor) in JMH_ROWS.items():
        result = by_name.get(name)
        if result is None:
            rows.append(_row(workload, runner, shown, status=f"failed: no JMH result ({failure or 'no error shown'})"))
            continue
        metric = result["primaryMetric"]
        if metric["scoreUnit"] != unit:
            rows.append(_row(workload, runner, shown, status=f"failed: JMH reported {metric['scoreUnit']}, "
                                                             f"expected {unit}"))
            continue
        samples = [value * factor for fork in metric["rawData"] for value in fork]
        rows.append(_row(workload, runner, shown, samples=samples, version=f"JMH {result['jmhVersion']}"))
    return rows


def jmh_command(home, java_home, quick, result_path):
    """The JMH command line, or why it cannot run (a string)."""
    target = os.path.join(home, "target")
    classpath_file = os.path.join(target, "test-classpath.txt")
    test_classes = os.path.join(target, "test-classes")
    if not os.path.exists(classpath_file) or not os.path.isdir(os.path.join(test_classes, "META-INF")):
        return "no compiled JMH benchmarks in target/ (build with ./tandem or mvn package)"
    with open(classpath_file, encoding="utf-8") as file:
        entries = file.read().strip().split(os.pathsep)
    # GraalPy and Tandem's runtime jars are on the module path, as the launcher puts them.
    module_jars = set(os.listdir(os.path.join(target, "lib")))
    classpath = os.pathsep.join([test_classes] + [e for e in entries if os.path.basename(e) not in module_jars])
    iterations = ["-wi", "1", "-i", "2", "-w", "1s", "-r", "1s"] if quick else \
        ["-wi", "10", "-i", "5", "-w", "2s", "-r", "2s"]
    return [*tandem_jvm(home, java_home), "--add-exports=dev.tandem/dev.tandem.runtime=ALL-UNNAMED", "-Xss8m", f"-Dtandem.home={home}", "-cp", classpath,
            "org.openjdk.jmh.Main", JMH_CLASS, "-f", "0", *iterations, "-rf", "json", "-rff", result_path]


def _cold_process(home, runs, progress):
    """Wall time of a fresh ``./tandem -c pass``: JVM start, engine, first context, exit."""
    workload, runner = JMH_ROWS["freshContext"][0], "fresh process, ./tandem -c pass"
    launcher = os.path.join(home, "tandem")
    samples = []
    for run in range(runs):
        progress(f"boundary: cold start {run + 1}/{runs}: ./tandem -c pass")
        start = time.perf_counter()
        done = subprocess.run([launcher, "-c", "pass"], capture_output=True, text=True, timeout=600,
                              env=dict(os.environ, TANDEM_DAEMON="0"))  # a JVM of its own, not the resident one
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            tail = " | ".join(done.stderr.strip().splitlines()[-3:])
            return [_row(workload, runner, "ms", status=f"failed: exit status {done.returncode}: {tail}")]
        samples.append(elapsed * 1000)
    return [_row(workload, runner, "ms", samples=samples)]

"""The jsr223 workload: a JMeter-like loop on javax.script engines, side by side.

A two-line script is compiled once and evaluated 100,000 times (10,000 with --quick) with
fresh bindings each time, from 1 and from 2 threads (an engine per thread, as JMeter keeps
them), by scripts/bench/Jsr223Peer.java in a JVM of its own per engine, each thread count
within a time budget (120 s, 20 s with --quick; a slower engine runs fewer evaluations): Tandem's Python
engine with the JIT (Tandem and GraalPy on the module path), GraalJS's engine
(org.graalvm.js:js-scriptengine, the same Truffle and compiler) and Jython 2.7.4's
(org.python:jython-standalone, on the class path). The peers' jars come from Maven Central
through scripts/bench/jsr223-peers/pom.xml. Every evaluation's result is checked. Each thread
count gives two rows: wall time per evaluation, and the CPU time of the evaluating thread (which a
loaded machine distorts far less: under load, wall time is mostly waiting for a core).
"""

import json
import os
import subprocess

from tandem_bench.peers import jit_flags, tandem_jvm

PEERS = {"graaljs": "GraalJS (js-scriptengine 25.0.3)", "jython": "Jython 2.7.4 (jython-standalone)"}
PROGRAM = os.path.join("scripts", "bench", "Jsr223Peer.java")


def build_corpus(home, size):
    """No corpus: the workload is the per-evaluation cost of a tiny script (the program has it)."""
    return "label = name + '-' + str(i)\nvalue = i * 2 + len(label)\n"


def describe(text):
    return "no corpus (a two-line script)"


def run(home, java_home, corpus_path, corpus, quick, threads, progress):
    evaluations, budget = (10_000, 20) if quick else (100_000, 120)
    java = os.path.join(java_home, "bin", "java")
    target = os.path.join(home, "target")
    jit = jit_flags(home)
    program = [os.path.join(home, PROGRAM)]
    runners = [("Tandem, Python 3 (JIT)", "tandem", java_missing(target) or
                [*tandem_jvm(home, java_home), *program, "python"])]
    peers = _fetch_peers(home, target, progress)
    graaljs, missing = peers["graaljs"]
    runners.append((PEERS["graaljs"], "peer", missing or
                    [java, *jit, f"--module-path={graaljs}", "--add-modules=ALL-MODULE-PATH",
                     "--enable-native-access=org.graalvm.truffle", *program, "js"]))
    jython, missing = peers["jython"]
    runners.append((PEERS["jython"], "peer", missing or
                    [java, "-cp", os.path.join(jython, "*"), *program, "python"]))
    rows = []
    for runner, kind, command in runners:
        progress(f"jsr223: {runner}")
        rows += _rows(runner, kind, command, evaluations, budget)
    return rows


def java_missing(target):
    return None if os.path.exists(os.path.join(target, "tandem.jar")) else "no target/tandem.jar (build first)"


def _fetch_peers(home, target, progress):
    """{peer: (its jar directory, None) or (None, why it is missing)}; copies the jars from
    Maven Central once."""
    found = {}
    for peer in PEERS:
        directory = os.path.join(target, "jsr223-peers", peer)
        if not os.path.isdir(directory) or not any(name.endswith(".jar") for name in os.listdir(directory)):
            progress(f"jsr223: fetching {peer} from Maven Central (mvn dependency:copy-dependencies)")
            done = subprocess.run(["mvn", "-B", "-q", "-f", os.path.join(home, "scripts", "bench", "jsr223-peers",
                                                                         "pom.xml"), f"-P{peer}",
                                   "dependency:copy-dependencies", "-DexcludeTypes=pom",
                                   f"-DoutputDirectory={directory}"], capture_output=True, text=True)
            if done.returncode != 0:
                found[peer] = (None, "mvn failed: " + " | ".join((done.stderr or done.stdout).strip().splitlines()[-2:]))
                continue
        found[peer] = (directory, None)
    return found


def _rows(runner, kind, command, evaluations, budget):
    shapes = [_workload(threads, cpu) for threads in (1, 2) for cpu in (False, True)]
    if isinstance(command, str):
        return [_row(workload, runner, kind, status=f"missing: {command}") for workload in shapes]
    try:
        done = subprocess.run(command + [str(evaluations), "1,2", str(budget)], capture_output=True, text=True, timeout=3600)
    except (OSError, subprocess.TimeoutExpired) as error:
        return [_row(workload, runner, kind, status=f"failed: {error}") for workload in shapes]
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        tail = " | ".join((done.stderr or done.stdout).strip().splitlines()[-3:])
        return [_row(workload, runner, kind, status=f"failed: exit status {done.returncode}: {tail}")
                for workload in shapes]
    answer = json.loads(lines[-1])
    rows = []
    for result in answer["results"]:
        version = _version(answer["version"], result, evaluations)
        rows.append(_row(_workload(result["threads"]), runner, kind, result, version))
        rows.append(_row(_workload(result["threads"], cpu=True), runner, kind,
                         dict(result, median_us=result["median_cpu_us"], best_us=result["best_cpu_us"],
                              spread=result["cpu_spread"]), version))
    return rows


def _version(version, result, evaluations):
    """The engine's version, and how many evaluations fit the time budget when not all did."""
    done = result["evaluations"]
    return version if done >= evaluations else f"{version}; {done:,} of {evaluations:,} in the time budget"


def _workload(threads, cpu=False):
    measure = ", CPU time of the evaluating thread" if cpu else ""
    return f"jsr223: compile once, eval with new bindings, {threads} thread{'s' if threads > 1 else ''}{measure}"


def _row(workload, runner, kind, result=None, version="", status=None):
    row = {"workload": workload, "runner": runner, "kind": kind, "mb_per_s": None, "tokens_per_s": None,
           "cost": None, "cost_unit": "us/eval", "best": None, "spread": None, "version": version,
           "status": status or "ok"}
    if result:
        row.update(cost=result["median_us"], best=result["best_us"], spread=result["spread"],
                   evals_per_s=result["evals_per_s"])
    return row

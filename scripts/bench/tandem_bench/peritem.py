"""The per-item workload: the loops a user ported from python-sourcemap or tiktoken writes, one
call per item, each runner in a process of its own (scripts/bench/peritem_run.py), so that the
first run is the first call in a new process.

Workloads: ``sourcemap.loads`` of Angular's core.mjs.map (3.4 MB) then ``for token in index``
over every mapping; N x ``index.lookup(line, column)``; N x ``original_position_for(line,
column)`` (python-sourcemap, which has no such method, answers with ``lookup``); N x
``generated_positions_for(source, line)`` (python-sourcemap has none: the reference on CPython
is the row's peer); N x
tiktoken's ``encode`` of a short text plus N x ``encode("")``. The peers are python-sourcemap
and tiktoken on CPython, and Tandem's reference on CPython, whose output every row's digest
must equal before it shows a time. Each Tandem backend runs as ``./tandem run --backend B``
in a JVM of its own (no resident process). Three rows per runner and workload: the first run
in the new process, the items done in its first wall-clock second, and the steady state
(median of the runs after the warm-up).
"""

import os

from tandem import _route
from tandem_bench import sourcemap as sourcemap_bench
from tandem_bench.measure import checked_status, summary
from tandem_bench.peers import Peer, venv_python

REFERENCE = "Tandem reference (CPython)"
#: Where the short texts of the encode workload come from: a project file of prose and code.
TEXTS = "README.md"
#: workload -> (the peer, the row's title with {count}, its unit, the kernel whose backends run it)
WORKLOADS = {
    "iterate": ("python-sourcemap", "loads(core.mjs.map) + for token in index", "tokens", "sourcemap.decode"),
    "lookup": ("python-sourcemap", "{count:,} x index.lookup(line, column)", "lookups", "sourcemap.decode"),
    "original": ("python-sourcemap", "{count:,} x original_position_for(line, column)", "lookups",
                 "sourcemap.decode"),
    "generated": ("python-sourcemap", "{count:,} x generated_positions_for(source, line)", "calls",
                  "sourcemap.decode"),
    "encode": ("tiktoken", "{count:,} x encode(short text) + {count:,} x encode('')", "calls",
               "bpe.encode_ordinary"),
}
PHASES = (("first", "first run in a new process"), ("first_second", "first second"), ("steady", "steady state"))


def build_corpus(home, size):
    return sourcemap_bench.build_corpus(home, size)


def describe(text):
    return f"core.mjs.map ({len(text.encode('utf-8')) / 1e6:.1f} MB) and the lines of {TEXTS}"


def run(home, java_home, corpus_path, text, quick, threads, progress):
    count = 20_000 if quick else 200_000
    warmup, runs = (2.0, 3) if quick else (20.0, 5)
    map_path = os.path.join(home, sourcemap_bench.MAP)
    positions = sourcemap_bench._positions(home, corpus_path, count, progress)[:-len(".json")] + ".bin" \
        if text else None
    inputs = {"iterate": map_path, "lookup": positions, "original": positions, "generated": positions,
              "encode": os.path.join(home, TEXTS)}
    rows = []
    for workload, (peer_name, title, unit, kernel) in WORKLOADS.items():
        title = "peritem: " + title.format(count=count)
        outcomes = []
        for runner in _runners(home, peer_name, kernel, quick):
            if isinstance(runner, tuple):
                outcomes.append(runner)
                continue
            if workload == "generated" and runner.name.startswith("python-sourcemap"):
                outcomes.append((runner.name, "peer", {"missing": "python-sourcemap has no generated_positions_for"}))
                continue
            if workload != "encode" and not text:
                outcomes.append((runner.name, _kind(runner), {"missing": f"no {sourcemap_bench.MAP}"}))
                continue
            progress(f"{title}: {runner.name}")
            outcome = runner.run(workload, inputs[workload], count, warmup, runs)
            outcomes.append((runner.name, _kind(runner), outcome))
        rows += _rows(title, unit, outcomes)
    return rows


def _kind(runner):
    return "tandem" if runner.name.startswith("Tandem ") and runner.name != REFERENCE else "peer"


def _runners(home, peer_name, kernel, quick):
    """The peer, the reference on CPython and each Tandem backend: a Peer, or a ready outcome
    ``(name, kind, {"missing"|"skipped": why})``."""
    script = os.path.join(home, "scripts", "bench", "peritem_run.py")
    python = os.path.join(home, "python")
    env = {"PYTHONPATH": python, "PERITEM_MAP": os.path.join(home, sourcemap_bench.MAP),
           "TANDEM_RANKS_DIR": os.path.join(home, "target", "ranks"),
           "TIKTOKEN_CACHE_DIR": os.path.join(home, "target", "tiktoken-cache")}
    if peer_name == "tiktoken":
        venv = venv_python(home)
        peer = Peer("tiktoken (CPython)", [venv, script, "tiktoken"] if venv else None, env,
                    None if venv else "no target/peers-venv (scripts/peers.sh failed)")
    else:
        py_sourcemap = os.path.join(home, "target", "py-sourcemap")
        peer = Peer("python-sourcemap (CPython)", ["python3", script, "python-sourcemap"],
                    dict(env, PYTHONPATH=os.pathsep.join([py_sourcemap, python])),
                    None if os.path.isdir(os.path.join(py_sourcemap, "sourcemap")) else
                    "no target/py-sourcemap (scripts/peers.sh node failed)")
    runners = [peer, Peer(REFERENCE, ["python3", script, "tandem"], env)]
    for backend in _route.BACKENDS:
        name = f"Tandem {backend}"
        reason = _route.get(kernel).unavailable_reason(backend)
        if reason:
            runners.append((name, "tandem", {"missing": reason}))
        elif quick and backend == "python":
            runners.append((name, "tandem", {"skipped": "--quick (the reference on a cold GraalPy takes minutes)"}))
        else:
            # A JVM of its own, no resident process: the first run is the first call in a new process.
            runners.append(Peer(name, [os.path.join(home, "tandem"), "run", "--backend", backend, script, "tandem"],
                                dict(env, TANDEM_DAEMON="0")))
    return runners


def _rows(title, unit, outcomes):
    """Three rows per runner (PHASES); a figure only for output equal to the reference's."""
    truth = dict((name, outcome) for name, _, outcome in outcomes).get(REFERENCE, {})
    rows = []
    for phase, phase_title in PHASES:
        for name, kind, outcome in outcomes:
            row = {"workload": f"{title}, {phase_title}", "runner": name, "kind": kind, "mb_per_s": None,
                   "tokens_per_s": None, "spread": None, "unit": unit, "version": outcome.get("version"),
                   "status": checked_status(outcome, truth, "items")}
            if row["status"] == "ok":
                row.update(_figures(phase, outcome))
            rows.append(row)
    return rows


def _figures(phase, outcome):
    items = outcome["items"]
    if phase == "first":
        return {"seconds": outcome["first_seconds"], "items_per_s": items / outcome["first_seconds"], "spread": 0.0}
    if phase == "first_second":
        # Counted at the first look at the clock past 1 s (every 1,024 items).
        return {"items_per_s": float(outcome["first_second_items"]), "spread": 0.0}
    median, spread = summary(outcome["seconds"])
    return {"seconds": median, "items_per_s": items / median, "spread": spread}

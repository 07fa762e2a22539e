"""The lint workload: Ruff's default rule selection (E4, E7, E9, F) over CPython's standard
library, the corpus of the linter's parity test (python/tests/lint_parity.py), under each
Tandem backend, Ruff and flake8 (scripts/peers.sh lint installs both, pinned).

Tandem runs twice over: a script in this process that reads the files and hands them to the
``lint.check_batch`` kernel in one call (the backend's speed for an embedder, without the JVM's
start), and ``./tandem lint`` as the new process a user starts (start-up included; its driver
is in the Java host), like the Ruff and flake8 rows. Every runner's
diagnostics are compared as ``path:row:column:code`` keys (lint_keys): the Tandem backends must
give exactly the reference's; Ruff and flake8 are other linters, so their row states the share
of their diagnostics the reference reports and the share of the reference's they report.

A second workload lints the same files with each tool's default rules (no --select): Ruff's
(``./tandem lint`` serves the same selection with Ruff's own linter) and flake8's
(pycodestyle + pyflakes); there Ruff is the one compared with.
"""

import json
import os
import subprocess

from tandem import _route, lint
from tandem_bench.lint_keys import digest_keys, parse_lines
from tandem_bench.measure import cost_row, measure, summary
from tandem_bench.peers import Peer

SELECT = "E4,E7,E9,F"
REFERENCE = "Tandem reference (CPython)"
RUFF = "Ruff (Rust)"
_QUICK_FILES = 120


def build_corpus(home, size):
    """The corpus' file list, one path a line; ``size`` is unused (the quick run takes a sample)."""
    done = subprocess.run(["python3", "-c", "import sys, sysconfig; sys.path.insert(0, sys.argv[1]); "
                           "import lint_parity; print('\\n'.join(lint_parity.corpus_files("
                           "sysconfig.get_paths()['stdlib'])))", os.path.join(home, "python", "tests")],
                          capture_output=True, text=True, timeout=120)
    return done.stdout.strip() if done.returncode == 0 else ""


def describe(text):
    return f"{len(text.splitlines())} files"  # their lines are counted once, in run(), for the files it lints


def peers(home, keys_dir):
    """Each peer with the file its diagnostics' keys go to."""
    venv = os.path.join(home, "target", "lint-venv", "bin", "python")
    missing = None if os.path.exists(venv) else "no target/lint-venv (scripts/peers.sh lint failed)"
    script = os.path.join(home, "scripts", "bench", "lint_peer.py")
    return [(Peer(name, [venv if tool != "reference" else "python3", script, tool], None,
                  missing if tool != "reference" else None),
             os.path.join(keys_dir, f"lint-keys-{tool}.txt"))
            for name, tool in ((RUFF, "ruff"), ("flake8 (CPython)", "flake8"),
                               ("flake8 --jobs 1 (CPython)", "flake8-jobs1"), (REFERENCE, "reference"))]


def run(home, java_home, corpus_path, text, quick, threads, progress):
    subprocess.run([os.path.join(home, "scripts", "peers.sh"), "lint"], capture_output=True, text=True)
    files = text.splitlines()
    if quick:
        files = files[::max(1, len(files) // _QUICK_FILES)]
        corpus_path = corpus_path[:-len(".txt")] + "-quick.txt"
        with open(corpus_path, "w", encoding="utf-8") as file:
            file.write("\n".join(files))
    runs = 1 if quick else 3  # each run lints the whole corpus: seconds to a minute, no warm-up needed
    lines = _line_count(files)
    workload = f"lint {SELECT}: {len(files)} stdlib files ({lines:,} lines)"
    outcomes, keys_of = _run_peers(home, corpus_path, SELECT, runs, workload, progress)
    # The new process first: after the in-process rows this JVM keeps compiling for seconds
    # on both cores, which would be timed as the new process's own start.
    progress(f"{workload}: ./tandem lint (a new process)")
    # Five runs of a second or two: this JVM's compiler threads still run in the background
    # and the median steps past them (the peers' runs take as long as they take).
    new_process = ("./tandem lint, new process (auto)", "tandem",
                   _new_process(home, files, SELECT, 1 if quick else 5, progress))
    for backend in _route.BACKENDS:
        name = f"Tandem {backend}"
        reason = _route.get("lint.check_batch").unavailable_reason(backend)
        if reason:
            outcomes.append((name, "tandem", {"missing": reason}))
            continue
        if backend == "python" and not quick:
            outcomes.append((name, "tandem", {"skipped": "the reference on a cold GraalPy takes ~9 minutes on the "
                                                         "whole corpus (notes/lint.md); the quick run has it"}))
            continue
        progress(f"{workload}: {name} (in this process)")
        outcomes.append((f"{name}, lint.check_batch from a script", "tandem",
                         _in_process(backend, files, 0.0 if backend == "python" else 5.0,
                                     1 if backend == "python" else runs, progress)))
    outcomes.append(new_process)
    return (_rows(workload, outcomes, keys_of, lines) + [_start_up(home, corpus_path, 1 if quick else 5, progress)]
            + _default_rules(home, corpus_path, files, lines, runs, progress))


def _start_up(home, corpus_path, runs, progress):
    """``./tandem lint`` on one empty file: the launcher's and the driver's share of a run."""
    empty = corpus_path[:-len(".txt")] + "-empty.py"
    open(empty, "w", encoding="utf-8").close()
    workload, runner = f"lint {SELECT}: start-up, one empty file", "./tandem lint, new process (auto)"
    progress(f"{workload}: {runner}")
    outcome = _new_process(home, [empty], SELECT, runs, progress)
    if "failed" in outcome:
        return cost_row(workload, runner, "ms", status=f"failed: {outcome['failed']}")
    return cost_row(workload, runner, "ms", samples=[seconds * 1000 for seconds in outcome["seconds"]])


def _default_rules(home, corpus_path, files, lines, runs, progress):
    """Ruff, flake8 and ``./tandem lint`` as new processes on their default rules, compared with Ruff."""
    workload = f"lint, each tool's default rules: {len(files)} stdlib files ({lines:,} lines)"
    outcomes, keys_of = _run_peers(home, corpus_path, "default", runs, workload, progress)
    name = "./tandem lint, new process (Ruff's default rules)"
    progress(f"{workload}: {name}")
    outcome = _new_process(home, files, None, runs, progress)
    if "keys" in outcome:
        keys_of[name] = set(outcome["keys"])
    outcomes.append((name, "tandem", outcome))
    return _rows(workload, outcomes, keys_of, lines, reference=RUFF)


def _run_peers(home, corpus_path, select, runs, workload, progress):
    """Each peer's outcome on ``select`` (``default``: each linter's own default rules, which
    the reference, having only the classic ones, sits out), and the keys of those that ran."""
    outcomes, keys_of = [], {}
    for peer, keys_path in peers(home, os.path.dirname(corpus_path)):
        if select == "default":
            if peer.name == REFERENCE:
                continue
            keys_path = keys_path[:-len(".txt")] + "-default.txt"
        progress(f"{workload}: {peer.name}")
        peer_runs = 1 if peer.name == REFERENCE else runs  # the reference takes half a minute a run
        outcome = peer.run(select, corpus_path, 0.0, peer_runs, keys_path)
        if "digest" in outcome:
            with open(keys_path, encoding="utf-8") as file:
                keys_of[peer.name] = set(file.read().splitlines())
        outcomes.append((peer.name, "peer", outcome))
    return outcomes, keys_of


def _in_process(backend, files, warmup, runs, progress):
    def lint_all():
        texts = []
        for path in files:  # the corpus is UTF-8 throughout
            with open(path, encoding="utf-8") as file:
                texts.append(file.read())
        rows = json.loads(lint.check_batch(texts, files, SELECT, "", 88))
        return [f"{path}:{row}:{column}: {code} {message}"
                for path, found in zip(files, rows) for code, row, column, _, _, message in found]
    with _route.using(backend):
        return _outcome(measure(lint_all, warmup, runs, progress))


def _new_process(home, files, select, runs, progress):
    """``./tandem lint`` on ``files``, with ``--select select`` (None: its default rules)."""
    command = [os.path.join(home, "tandem"), "lint", *(["--select", select] if select else []), *files]

    def lint_all():
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode not in (0, 1):
            raise RuntimeError(f"./tandem lint exited with {done.returncode}: {done.stderr.strip()[-300:]}")
        return done.stdout.splitlines()
    try:
        lint_all()  # untimed: after a build, the first run trains the launcher's AOT cache (set-up, as the build)
        return _outcome(measure(lint_all, 0.0, runs, progress))
    except RuntimeError as error:
        return {"failed": str(error)}


def _outcome(result):
    """A Tandem runner's outcome, in the shape the peers print: times, and the keys' count and digest."""
    keys = parse_lines(result["output"])
    return {"seconds": result["seconds"], "tokens": len(keys), "digest": digest_keys(keys), "version": "this build",
            "keys": keys}


def _rows(workload, outcomes, keys_of, lines, reference=REFERENCE):
    """Rows with status: Tandem's backends must give exactly Tandem's reference's diagnostics; the
    other linters (and every runner, when ``reference`` is another linter) state their agreement."""
    truth = dict((name, outcome) for name, _, outcome in outcomes).get(reference, {})
    reference_keys = keys_of.get(reference)
    rows = []
    for name, kind, outcome in outcomes:
        row = {"workload": workload, "runner": name, "kind": kind, "mb_per_s": None, "tokens_per_s": None,
               "spread": None, "version": outcome.get("version"), "unit": "lines"}
        if "missing" in outcome or "skipped" in outcome or "failed" in outcome:
            what = next(key for key in ("missing", "skipped", "failed") if key in outcome)
            row["status"] = f"{what}: {outcome[what]}"
        elif "digest" not in truth:
            row["status"] = "unchecked: the reference did not run"
        elif (kind == "peer" or reference != REFERENCE) and name != reference:
            theirs = keys_of[name]
            both = len(theirs & reference_keys)
            row["status"] = "ok"
            row["agreement"] = (f"{reference} reports {both / max(1, len(theirs)):.2%} of its {len(theirs):,} "
                                f"diagnostics, it {both / max(1, len(reference_keys)):.2%} of {reference}'s "
                                f"{len(reference_keys):,}")
        elif outcome["digest"] != truth["digest"]:
            row["status"] = f"MISMATCH: {outcome['tokens']} diagnostics, digest {outcome['digest']}; the " \
                            f"reference gives {truth['tokens']}, {truth['digest']}"
        else:
            row["status"] = "ok"
        if row["status"] == "ok":
            median, spread = summary(outcome["seconds"])
            row.update(items_per_s=lines / median, seconds=median, spread=spread)
        rows.append(row)
    return rows


def _line_count(files):
    count = 0
    for path in files:
        try:
            with open(path, "rb") as file:
                count += file.read().count(b"\n")
        except OSError:
            continue
    return count

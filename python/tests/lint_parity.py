"""Parity of tandem.lint with Ruff on a real corpus (by default CPython's standard library).

    PYTHONPATH=python python3 python/tests/lint_parity.py [--ruff target/lint-venv/bin/ruff]
        [--root DIR] [--select E4,E7,E9,F] [--show 25] [--rust native/target/release/examples/lint_rows]

Runs ``ruff check --select ... --output-format json --no-cache --isolated`` and the reference
over the same files, matches diagnostics on (file, code, row, column), and prints the share of
Ruff's diagnostics we report, the share of ours that Ruff reports, a per-code table, the
commonest disagreements and both wall times. Exit status 1 when either share is below 99%.

With ``--rust TOOL`` (``cargo build --release --example lint_rows`` in native/), the Rust
backend's rows are compared too: with Ruff's (the same two shares) and with the reference's,
row for row (syntax errors by code and row, as the differential harness compares them).

The corpus is every .py file under --root except site-packages/dist-packages, the regression
test package ``test/`` (Debian ships it apart from python3.11, in libpython3.11-testsuite)
and lib2to3's test data, which is deliberately not valid Python.
"""

import argparse
import collections
import json
import os
import subprocess
import sys
import sysconfig
import time

_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(_HERE), ""))

from tandem import lint  # noqa: E402 - after the path set-up above

_DEFAULT_RUFF = os.path.join(os.path.dirname(os.path.dirname(_HERE)), "target", "lint-venv", "bin", "ruff")


def corpus_files(root):
    files = []
    for directory, subdirs, names in os.walk(root):
        relative = os.path.relpath(directory, root)
        subdirs[:] = sorted(d for d in subdirs if d not in ("site-packages", "dist-packages", "__pycache__")
                            and not (relative == "." and d == "test")
                            and not os.path.join(relative, d).endswith(os.path.join("lib2to3", "tests", "data")))
        files.extend(os.path.join(directory, name) for name in sorted(names) if name.endswith(".py"))
    return files


def run_ruff(ruff, files, select):
    """Ruff's diagnostics as (file, code, row, column) -> message; select None: Ruff's default."""
    found = {}
    chosen = [] if select is None else ["--select", select]
    for start in range(0, len(files), 500):  # keeps the command line short
        command = [ruff, "check", *chosen, "--output-format", "json", "--no-cache", "--isolated",
                   "--exit-zero", *files[start:start + 500]]
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        for entry in json.loads(result.stdout):
            key = (entry["filename"], entry["code"], entry["location"]["row"], entry["location"]["column"])
            found[key] = entry["message"]
    return found


def run_reference(files, select):
    found = {}
    for path in files:
        for diagnostic in lint.check_path(path, select=select):
            found[(path, diagnostic.code, diagnostic.row, diagnostic.column)] = diagnostic.message
    return found


def run_rust(tool, files, select):
    """The Rust backend's rows per file (``lint_rows``: paths on stdin, ``path<TAB>rows`` out)."""
    result = subprocess.run([tool, select], input="\n".join(files), capture_output=True, text=True, check=True)
    rows = {}
    for line in result.stdout.splitlines():
        path, found = line.split("\t", 1)
        rows[path] = json.loads(found)
    return rows


def keyed(rows_by_file):
    """(file, code, row, column) -> message, as run_ruff gives them."""
    return {(path, code, row, column): message for path, rows in rows_by_file.items()
            for code, row, column, _, _, message in rows}


def compare_backends(reference, rust, out=sys.stdout):
    """Files where the Rust rows differ from the reference's; prints up to 10 of them."""
    differing = [path for path in reference if lint._comparable(json.dumps(reference[path]))
                 != lint._comparable(json.dumps(rust.get(path, [])))]
    print(f"rust backend vs reference: {len(reference) - len(differing)} of {len(reference)} files agree "
          "(syntax errors compared by code and row)", file=out)
    for path in differing[:10]:
        print(f"  differs: {path}", file=out)
    return differing


def compare(theirs, ours, show, out=sys.stdout):
    both = theirs.keys() & ours.keys()
    recall = len(both) / len(theirs) if theirs else 1.0
    precision = len(both) / len(ours) if ours else 1.0
    print(f"ruff reports {len(theirs)}, tandem.lint {len(ours)}, both {len(both)}", file=out)
    print(f"share of Ruff's diagnostics we report: {recall:.2%}", file=out)
    print(f"share of ours that Ruff reports:       {precision:.2%}", file=out)
    codes = sorted({key[1] for key in theirs.keys() | ours.keys()})
    print(f"\n{'code':<16}{'ruff':>7}{'ours':>7}{'both':>7}", file=out)
    for code in codes:
        count = [sum(1 for key in keys if key[1] == code) for keys in (theirs, ours, both)]
        print(f"{code:<16}{count[0]:>7}{count[1]:>7}{count[2]:>7}", file=out)
    for title, keys, messages in (("only Ruff", theirs.keys() - ours.keys(), theirs),
                                  ("only tandem.lint", ours.keys() - theirs.keys(), ours)):
        keys = sorted(keys)
        print(f"\n{title}: {len(keys)}; by code: "
              f"{dict(collections.Counter(key[1] for key in keys).most_common())}", file=out)
        for key in keys[:show]:
            print(f"  {key[0]}:{key[2]}:{key[3]}: {key[1]} {messages[key]}", file=out)
    return recall, precision


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ruff", default=_DEFAULT_RUFF)
    parser.add_argument("--root", default=sysconfig.get_paths()["stdlib"])
    parser.add_argument("--select", default="E4,E7,E9,F")
    parser.add_argument("--show", type=int, default=25)
    parser.add_argument("--rust", help="the lint_rows tool: also compare the Rust backend")
    args = parser.parse_args(argv)
    files = corpus_files(args.root)
    lines = 0
    for path in files:
        with open(path, "rb") as handle:
            lines += handle.read().count(b"\n")
    print(f"corpus: {len(files)} files, {lines} lines under {args.root}")
    started = time.perf_counter()
    theirs = run_ruff(args.ruff, files, args.select)
    ruff_seconds = time.perf_counter() - started
    started = time.perf_counter()
    ours = run_reference(files, args.select)
    our_seconds = time.perf_counter() - started
    print(f"time: ruff {ruff_seconds:.2f} s, tandem.lint (python reference, {sys.implementation.name}) "
          f"{our_seconds:.2f} s\n")
    recall, precision = compare(theirs, ours, args.show)
    good = recall >= 0.99 and precision >= 0.99
    if args.rust:
        started = time.perf_counter()
        rust = run_rust(args.rust, files, args.select)
        rust_seconds = time.perf_counter() - started
        print(f"\n--- rust backend (lint_rows, every core): {rust_seconds:.2f} s")
        reference = {path: [[d.code, d.row, d.column, d.end_row, d.end_column, d.message]
                            for d in lint.check_path(path, select=args.select)] for path in files}
        differing = compare_backends(reference, rust)
        recall, precision = compare(theirs, keyed(rust), args.show)
        good = good and not differing and recall >= 0.99 and precision >= 0.99
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())

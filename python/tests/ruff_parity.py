"""Agreement of the Ruff-linked backend (``native/ruff``, ruff_linter 0.16.4) with ``ruff check``
0.17.6 on Ruff's default rules, on a real corpus (by default CPython's standard library).

    scripts/peers.sh lint
    (cd native/ruff && cargo build --release --example ruff_rows)
    PYTHONPATH=python python3 python/tests/ruff_parity.py \\
        --tool native/ruff/target/release/examples/ruff_rows [--root DIR] [--select CODES] [--show 25]

Runs ``ruff check --output-format json --no-cache --isolated`` (``--select`` only when given)
and ``ruff_rows`` over the same files (lint_parity.py's corpus: every .py file under --root but
site-packages, the top-level test package and lib2to3's test data), matches diagnostics on
(file, code, row, column) and prints recall (the share of Ruff's diagnostics we report),
precision (the share of ours that Ruff reports), a per-code table and the disagreements. Exit
status 1 when either share is below --min (default 0.99).
"""

import argparse
import sys
import sysconfig
import time

from lint_parity import _DEFAULT_RUFF, compare, corpus_files, keyed, run_ruff, run_rust


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tool", required=True, help="the ruff_rows example of native/ruff")
    parser.add_argument("--ruff", default=_DEFAULT_RUFF)
    parser.add_argument("--root", default=sysconfig.get_paths()["stdlib"])
    parser.add_argument("--select", help="Ruff selectors (default: Ruff's default selection)")
    parser.add_argument("--show", type=int, default=25)
    parser.add_argument("--min", type=float, default=0.99)
    args = parser.parse_args(argv)
    files = corpus_files(args.root)
    print(f"corpus: {len(files)} files under {args.root}")
    started = time.perf_counter()
    theirs = run_ruff(args.ruff, files, args.select)
    ruff_seconds = time.perf_counter() - started
    started = time.perf_counter()
    ours = keyed(run_rust(args.tool, files, args.select or ""))
    our_seconds = time.perf_counter() - started
    print(f"time: ruff check {ruff_seconds:.2f} s, ruff_rows {our_seconds:.2f} s\n")
    recall, precision = compare(theirs, ours, args.show)
    return 0 if recall >= args.min and precision >= args.min else 1


if __name__ == "__main__":
    sys.exit(main())

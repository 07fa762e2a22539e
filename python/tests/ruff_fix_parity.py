"""Agreement of ``tandem lint --fix`` (Ruff's fix loop in native/ruff, ruff_linter 0.16.4) with
``ruff check --fix`` 0.17.6, file for file, on Ruff's default rules.

    scripts/peers.sh lint
    PYTHONPATH=python python3 python/tests/ruff_fix_parity.py [--root DIR] [--sample N] [--show 10]

Copies every .py file under --root (by default Ruff's own rule fixtures, from the ruff_linter
crate in cargo's registry) twice, keeping the tree (package roots matter to some rules), runs
``ruff check --fix --no-cache --isolated`` on one copy and ``tandem lint --fix`` on the other,
and compares the files: of those Ruff changed, the share Tandem left byte for byte as Ruff did,
and the files Tandem changed that Ruff did not. Exit status 1 below --min (default 0.99).
"""

import argparse
import filecmp
import glob
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

_HERE = os.path.dirname(os.path.abspath(__file__))
_ROOT = os.path.dirname(os.path.dirname(_HERE))
_RUFF = os.path.join(_ROOT, "target", "lint-venv", "bin", "ruff")
_TANDEM = os.path.join(_ROOT, "tandem")
_CHUNK = 400  # files per command: keeps the command line short


def fixtures_root():
    """Ruff's rule fixtures in cargo's registry, or None when ruff_linter 0.16.4 is not there."""
    cargo_home = os.environ.get("CARGO_HOME", os.path.join(os.path.expanduser("~"), ".cargo"))
    found = glob.glob(os.path.join(cargo_home, "registry", "src", "*", "ruff_linter-0.16.4", "resources", "test",
                                   "fixtures"))
    return found[0] if found else None


def python_files(root):
    return sorted(os.path.relpath(os.path.join(directory, name), root)
                  for directory, _, names in os.walk(root) for name in names if name.endswith(".py"))


def _copy(root, files, target):
    for relative in files:
        os.makedirs(os.path.join(target, os.path.dirname(relative)), exist_ok=True)
        shutil.copyfile(os.path.join(root, relative), os.path.join(target, relative))


def _run(command, files, cwd, ok):
    for start in range(0, len(files), _CHUNK):
        result = subprocess.run(command + files[start:start + _CHUNK], cwd=cwd, capture_output=True, text=True,
                                env={**os.environ, "TANDEM_DAEMON": "0"})
        if result.returncode not in ok:
            raise RuntimeError(f"{command[0]} exited {result.returncode}: {result.stderr[-2000:]}")


def compare(root, files, ruff=_RUFF, tandem=_TANDEM):
    """``{"ruff_fixed": [...], "same": [...], "differ": [...], "only_tandem": [...], "seconds": {...}}``
    for ``files`` (paths relative to ``root``)."""
    with tempfile.TemporaryDirectory() as scratch:
        theirs, ours = os.path.join(scratch, "ruff"), os.path.join(scratch, "tandem")
        _copy(root, files, theirs)
        _copy(root, files, ours)
        started = time.perf_counter()
        _run([ruff, "check", "--fix", "--no-cache", "--isolated", "--exit-zero", "--silent"], files, theirs, (0,))
        ruff_seconds = time.perf_counter() - started
        started = time.perf_counter()
        _run([tandem, "lint", "--fix"], files, ours, (0, 1))
        tandem_seconds = time.perf_counter() - started
        outcome = {"ruff_fixed": [], "same": [], "differ": [], "only_tandem": [],
                   "seconds": {"ruff": ruff_seconds, "tandem": tandem_seconds}}
        for relative in files:
            original = os.path.join(root, relative)
            mine, peer = os.path.join(ours, relative), os.path.join(theirs, relative)
            if not filecmp.cmp(original, peer, shallow=False):
                outcome["ruff_fixed"].append(relative)
                same = filecmp.cmp(mine, peer, shallow=False)
                outcome["same" if same else "differ"].append(relative)
            elif not filecmp.cmp(original, mine, shallow=False):
                outcome["only_tandem"].append(relative)
        return outcome


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=fixtures_root())
    parser.add_argument("--sample", type=int, help="a seeded random sample of this many files")
    parser.add_argument("--show", type=int, default=10)
    parser.add_argument("--min", type=float, default=0.99)
    args = parser.parse_args(argv)
    if args.root is None:
        parser.error("no --root, and ruff_linter 0.16.4's fixtures are not in cargo's registry")
    files = python_files(args.root)
    if args.sample:
        files = sorted(random.Random(23).sample(files, min(args.sample, len(files))))
    outcome = compare(args.root, files)
    fixed, same = len(outcome["ruff_fixed"]), len(outcome["same"])
    print(f"corpus: {len(files)} files under {args.root}")
    print(f"time: ruff check --fix {outcome['seconds']['ruff']:.2f} s, tandem lint --fix "
          f"{outcome['seconds']['tandem']:.2f} s")
    print(f"files ruff fixed: {fixed}; tandem's equal: {same} ({same / max(fixed, 1):.2%}); "
          f"changed by tandem only: {len(outcome['only_tandem'])}")
    for label in ("differ", "only_tandem"):
        for relative in outcome[label][:args.show]:
            print(f"  {label}: {relative}")
    share = same / max(fixed, 1)
    return 0 if share >= args.min and not outcome["only_tandem"] else 1


if __name__ == "__main__":
    sys.exit(main())

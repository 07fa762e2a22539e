"""Runs an upstream pytest suite inside Tandem, once per backend, in one process:

    ./tandem run python/tests/upstream/harness/run_suite.py SUITE_DIR [BACKEND...]

SUITE_DIR holds the suite's ``tests`` package as upstream ships it (pytest functions or
unittest TestCase classes, run from SUITE_DIR as upstream runs them from its checkout),
NOT_APPLICABLE.txt (one ``file.py::test_name`` or ``file.py::Class::test_name`` a line followed
by the reason it cannot apply; reported as skipped) and
ONCE.txt (the same form: tests that call no kernel, run under the first backend only, since
they are slow and every backend would run the same code). Where pytest and hypothesis are not installed (inside Tandem) the small stand-ins
next to this file take their place. Prints one line per test and backend; the exit status is
1 when any test failed.
"""

import importlib
import inspect
import os
import sys
import time
import traceback
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))


def _install_stand_ins():
    sys.path.insert(0, HERE)
    for name, stand_in in (("pytest", "mini_pytest"), ("hypothesis", "mini_hypothesis")):
        try:
            importlib.import_module(name)
        except ImportError:
            module = importlib.import_module(stand_in)
            sys.modules[name] = module
            if name == "hypothesis":
                sys.modules["hypothesis.strategies"] = module.strategies


def _listed(suite_dir, file_name):
    """``{test id: reason}`` from one of the suite's lists (none when the file is absent)."""
    reasons = {}
    path = os.path.join(suite_dir, file_name)
    if not os.path.exists(path):
        return reasons
    with open(path, encoding="utf-8") as file:
        for line in file:
            if line.strip() and not line.startswith("#"):
                test_id, _, reason = line.strip().partition(" ")
                reasons[test_id] = reason.strip()
    return reasons


def _cases(suite_dir):
    """(test id, function, keyword arguments) of every test, in file and definition order."""
    sys.path.insert(0, suite_dir)
    names = sorted(n[:-3] for n in os.listdir(os.path.join(suite_dir, "tests")) if n.startswith("test_") and n.endswith(".py"))
    for module_name in names:
        module = importlib.import_module(f"tests.{module_name}")
        functions = [f for n, f in vars(module).items() if n.startswith("test_") and callable(f)
                     and not isinstance(f, type)]
        for function in sorted(functions, key=lambda f: inspect.unwrap(f).__code__.co_firstlineno):
            test_id = f"{module_name}.py::{function.__name__}"
            for label, kwargs in getattr(function, "parametrized", [("", {})]):
                yield test_id + (f"[{label}]" if label else ""), test_id, function, kwargs
        for case in unittest.defaultTestLoader.loadTestsFromModule(module):
            for test in case:
                test_id = f"{module_name}.py::{type(test).__name__}::{test._testMethodName}"
                yield test_id, test_id, _unittest_runner(test), {}


def _unittest_runner(test):
    """A unittest TestCase's test as a function that raises what it failed with."""

    def run():
        result = unittest.TestResult()
        test.run(result)
        for _, trace in result.errors + result.failures:
            raise AssertionError(trace)

    return run


def main(suite_dir, backends):
    import tandem

    os.chdir(suite_dir)  # upstream runs its tests from its checkout; some open files relative to it
    _install_stand_ins()
    skipped = _listed(suite_dir, "NOT_APPLICABLE.txt")
    once = _listed(suite_dir, "ONCE.txt")
    cases = list(_cases(suite_dir))
    failed = 0
    for backend in backends:
        with tandem.using(backend):
            for full_id, test_id, function, kwargs in cases:
                reason = skipped.get(full_id) or skipped.get(test_id)
                if reason is None and backend != backends[0] and (full_id in once or test_id in once):
                    reason = f"ran under {backends[0]} only: {once.get(full_id) or once[test_id]}"
                if reason is not None:
                    print(f"SKIP {backend} {full_id}: {reason}", flush=True)
                    continue
                started = time.monotonic()
                try:
                    function(**kwargs)
                except Exception:  # noqa: BLE001 - every failure is reported, the run goes on
                    failed += 1
                    print(f"FAIL {backend} {full_id}\n{traceback.format_exc()}", flush=True)
                    continue
                print(f"PASS {backend} {full_id} ({time.monotonic() - started:.1f} s)", flush=True)
    print(f"{len(cases) * len(backends)} runs, {failed} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(os.path.abspath(sys.argv[1]), sys.argv[2:] or ["python", "java", "rust"]))

"""The peers' own test suites, run inside Tandem under the python, java and rust backends:
tiktoken 0.14.0's ``tests/`` and python-sourcemap 0.2.1's (python/tests/upstream/, whose README
says where each comes from). One Tandem process per suite runs it once per backend; a test that cannot apply is
listed, with its reason, in the suite's NOT_APPLICABLE.txt. Needs a built Tandem (./check builds
it first); skipped without one, a failure when TANDEM_REQUIRE_PEERS=1."""

import os
import re
import subprocess
import unittest

HOME = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
UPSTREAM = os.path.join(HOME, "python", "tests", "upstream")
BACKENDS = ("python", "java", "rust")


def _built():
    return os.path.exists(os.path.join(HOME, "target", ".built"))


class UpstreamSuitesTest(unittest.TestCase):
    def setUp(self):
        if not _built():
            if os.environ.get("TANDEM_REQUIRE_PEERS") == "1":
                raise AssertionError("TANDEM_REQUIRE_PEERS=1 but Tandem is not built")
            self.skipTest("Tandem is not built (run ./check or ./tandem once)")

    def run_suite(self, suite):
        done = subprocess.run(
            [os.path.join(HOME, "tandem"), "run", os.path.join(UPSTREAM, "harness", "run_suite.py"),
             os.path.join(UPSTREAM, suite), *BACKENDS],
            capture_output=True, text=True, timeout=1800, env={**os.environ, "TANDEM_DAEMON": "0"})
        report = done.stdout + done.stderr
        self.assertEqual(done.returncode, 0, report[-6000:])
        outcomes = re.findall(r"^(PASS|SKIP) (\w+) (\S+?)[: ]", done.stdout, re.MULTILINE)
        for backend in BACKENDS:
            ran = {test for outcome, where, test in outcomes if where == backend}
            self.assertTrue(ran, f"nothing ran under {backend}:\n{report[-3000:]}")
        return done.stdout

    def test_tiktoken(self):
        self.run_suite("tiktoken")

    def test_python_sourcemap(self):
        self.run_suite("python-sourcemap")

"""lint.fix: the python reference's answers and refusals, and ``tandem lint --fix`` against
``ruff check --fix`` 0.17.6 on a seeded sample of Ruff's own rule fixtures.

    PYTHONPATH=python python3 -m unittest python/tests/test_lint_fix.py -v
    scripts/peers.sh lint test -v      # with ruff installed, the parity test required

The parity test needs ruff (scripts/peers.sh lint), Ruff's fixtures (the ruff_linter 0.16.4
crate in cargo's registry, there once native/ruff is built) and a built ./tandem; without them
it is skipped, unless TANDEM_REQUIRE_PEERS=1, when their absence is an error.
"""

import json
import os
import random
import unittest

from tandem import lint

import ruff_fix_parity

#: Files of the sample: ~400 of the 1,601 fixtures, one tandem process (ruff_fix_parity.py runs all).
_SAMPLE = 400


class FixReferenceTest(unittest.TestCase):
    def test_a_source_with_nothing_ruff_could_fix_comes_back_with_its_diagnostics(self):
        fixed = json.loads(lint.fix("print(undefined)\n", "a.py", "", "", 88, False))
        self.assertEqual(fixed, {"source": "print(undefined)\n", "fixed": 0, "unsafe_fixable": 0, "error": None,
                                 "rows": [["F821", 1, 7, 1, 16, "Undefined name `undefined`"]]})

    def test_what_only_ruffs_linter_can_do_is_refused_saying_so(self):
        with self.assertRaisesRegex(lint.KernelError, "Ruff's linter has fixes for F401, F541 here"):
            lint.fix("import os\nx = f'a'\n", "a.py", "F", "", 88, False)
        with self.assertRaisesRegex(lint.KernelError, "select 'B006' is beyond the classic rules"):
            lint.fix("x = 1\n", "a.py", "B006", "", 88, False)

    def test_bad_arguments_are_refused_as_the_rust_backend_refuses_them(self):
        cases = [(("x\n", "a.py", "F,abc", "", 88, False),
                  "lint.fix: select: unknown rule selector 'abc': Unknown rule selector: `abc`"),
                 (("x\n", "a.py", "", "", -1, False), "lint.fix: line_length -1 is negative"),
                 (("x\n", "a.py", "", "", 0, False), "lint.fix: line_length 0 is out of Ruff's range"),
                 (("x = '\ud800'\n", "a.py", "", "", 88, False),
                  "lint.fix: source is not valid UTF-8 (a lone surrogate?) at byte 5")]
        for arguments, message in cases:
            with self.assertRaises(lint.KernelError) as raised:
                lint.fix(*arguments)
            self.assertEqual(str(raised.exception), message)
        with self.assertRaises(TypeError):
            lint.fix("x\n", "a.py", "", "", 88, 1)


class RuffFixParityTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        missing = [what for what, present in (
            (f"ruff at {ruff_fix_parity._RUFF} (run scripts/peers.sh lint)", os.path.exists(ruff_fix_parity._RUFF)),
            ("ruff_linter 0.16.4's fixtures in cargo's registry", ruff_fix_parity.fixtures_root() is not None))
            if not present]
        if missing:
            reason = "missing " + " and ".join(missing)
            if os.environ.get("TANDEM_REQUIRE_PEERS") == "1":
                raise RuntimeError(f"lint fix parity: {reason}")
            raise unittest.SkipTest(reason)

    def test_fixed_files_equal_ruffs_on_a_sample_of_its_fixtures(self):
        root = ruff_fix_parity.fixtures_root()
        files = ruff_fix_parity.python_files(root)
        sample = sorted(random.Random(23).sample(files, _SAMPLE))
        outcome = ruff_fix_parity.compare(root, sample)
        fixed = outcome["ruff_fixed"]
        self.assertGreater(len(fixed), 150)
        # The rest are fixes that changed between ruff_linter 0.16.4 and Ruff 0.17.6 (docs/linter.md).
        self.assertGreaterEqual(len(outcome["same"]) / len(fixed), 0.96, outcome["differ"])
        self.assertLessEqual(len(outcome["only_tandem"]), 2, outcome["only_tandem"])


if __name__ == "__main__":
    unittest.main()

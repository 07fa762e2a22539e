"""``./tandem lint`` through the launcher, which starts the JVM without GraalPy and the JIT flags
and from an AOT cache when no Python runs (scripts/lint-launch.sh): it must print what the
JIT-flagged path prints. Needs a built Tandem (./check builds it first); skipped without one."""

import os
import subprocess
import tempfile
import unittest

HOME = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LAUNCHER = os.path.join(HOME, "tandem")
CACHE = os.path.join(HOME, "target", "tandem-lint.aot")


def _built():
    return os.path.exists(os.path.join(HOME, "target", ".built"))


@unittest.skipUnless(_built(), "Tandem is not built (run ./check or ./tandem once)")
class LauncherTest(unittest.TestCase):
    def lint(self, *args, env=None):
        done = subprocess.run([LAUNCHER, "lint", *args], capture_output=True, text=True, timeout=300,
                              env={**os.environ, **(env or {})})
        self.assertIn(done.returncode, (0, 1), done.stderr)
        return done.stdout, done.stderr

    def test_the_fast_start_prints_what_the_python_backend_prints(self):
        with tempfile.TemporaryDirectory() as tree:
            with open(os.path.join(tree, "a.py"), "w", encoding="utf-8") as file:
                file.write("import os\nx = 1; y = 2\nif x == None: pass\n")
            with open(os.path.join(tree, "b.py"), "w", encoding="utf-8") as file:
                file.write("def f():\n    unused = 1\n    return undefined\n")
            fast, fast_err = self.lint("--select", "ALL", tree)
            again, _ = self.lint("--select", "ALL", tree)  # from the cache the first run left
            python, _ = self.lint("--select", "ALL", tree, env={"TANDEM_BACKEND": "python"})
        self.assertEqual(fast_err, "")
        self.assertEqual(len(fast.splitlines()), 6, fast)
        self.assertEqual(fast, again)
        self.assertEqual(fast, python)
        self.assertTrue(os.path.getmtime(CACHE) >= os.path.getmtime(os.path.join(HOME, "target", ".built")))

    def test_python_chosen_where_the_launcher_does_not_see_it_runs_again_with_graalpy(self):
        # " python" is python to the JVM, which strips it, but not to the launcher, which starts
        # the JVM without GraalPy: tandem lint then runs itself again with Python allowed.
        with tempfile.TemporaryDirectory() as tree:
            with open(os.path.join(tree, "a.py"), "w", encoding="utf-8") as file:
                file.write("import os\nx = 1; y = 2\n")
            fast, _ = self.lint("--select", "E4,E7,E9,F", tree)
            python, python_err = self.lint("--select", "E4,E7,E9,F", tree, env={"TANDEM_BACKEND": " python"})
        with open(os.path.join(HOME, "target", "lint-module-path"), encoding="utf-8") as file:
            self.assertNotIn("python-language", file.read())
        self.assertEqual(python_err, "")
        self.assertEqual(len(fast.splitlines()), 2, fast)
        self.assertEqual(fast, python)

    def test_version_and_argument_files_start_the_jvm_with_graalpy(self):
        # --version prints GraalPy's and Python's versions; an @file may hold anything.
        version = subprocess.run([LAUNCHER, "lint", "-V"], capture_output=True, text=True, timeout=300)
        self.assertEqual(version.returncode, 0, version.stderr)
        self.assertRegex(version.stdout, r"^tandem \S+ \(GraalPy \S+, Python \S+, Java \S+\)$")
        with tempfile.TemporaryDirectory() as tree:
            with open(os.path.join(tree, "a.py"), "w", encoding="utf-8") as file:
                file.write("import os\nx = 1; y = 2\n")
            with open(os.path.join(tree, "args"), "w", encoding="utf-8") as file:
                file.write("--backend\npython\n--select\nF401\n")
            fast, _ = self.lint("--select", "F401", tree)
            python, python_err = self.lint("@" + os.path.join(tree, "args"), tree)
        self.assertEqual(python_err, "")
        self.assertEqual(len(fast.splitlines()), 1, fast)
        self.assertEqual(fast, python)


if __name__ == "__main__":
    unittest.main()

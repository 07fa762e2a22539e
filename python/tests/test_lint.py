"""tandem.lint, the pure-Python reference linter: rules, noqa, bad input, the kernel, and
parity with Ruff on a fixed slice of the standard library.

    PYTHONPATH=python python3 -m unittest python/tests/test_lint.py -v
    scripts/peers.sh lint test -v      # with ruff installed, the parity test required

The parity test needs ruff (scripts/peers.sh lint installs it in target/lint-venv); without it
it is skipped, unless TANDEM_REQUIRE_PEERS=1, when its absence is an error.
"""

import json
import os
import shutil
import subprocess
import sysconfig
import tempfile
import unittest

from tandem import lint
from tandem._route import get

_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_RUFF = shutil.which("ruff") or os.path.join(_ROOT, "target", "lint-venv", "bin", "ruff")
_ALL = "E4,E7,E9,F,W291,W293,E501"


def found(source, select=_ALL, filename="case.py"):
    return [(d.code, d.row, d.column) for d in lint.check(source, filename, select=select)]


def codes(source, select=_ALL, filename="case.py"):
    return sorted({d.code for d in lint.check(source, filename, select=select)})


#: (code, snippet that must fire it, snippet that must not)
RULES = [
    ("E401", "import os, sys\nos, sys\n", "import os\nimport sys\nos, sys\n"),
    ("E402", "x = 1\nimport os\nos\n", '"""doc"""\n__all__ = []\nimport sys\nsys.path.insert(0, "")\nimport os\nos\n'),
    ("E701", "if True: pass\n", "if True:\n    pass\nf = lambda: 0\nx: int = 1\n"),
    ("E702", "a = 1; b = 2\n", "a = 1\nb = 2\n"),
    ("E703", "a = 1;\n", "a = 1\n"),
    ("E711", "x = 1\nx == None\n", "x = 1\nx is None\n"),
    ("E712", "x = 1\nx == True\n", "x = 1\nx is True\n"),
    ("E713", "x = 1\nnot x in []\n", "x = 1\nx not in []\n"),
    ("E714", "x = 1\nnot x is None\n", "x = 1\nx is not None\n"),
    ("E721", "x = 1\ntype(x) == type(1)\n", "x = 1\nisinstance(x, int)\ndef f(type):\n    return type == 1\n"),
    ("E722", "try:\n    pass\nexcept:\n    pass\n", "try:\n    pass\nexcept:\n    raise\n"),
    ("E731", "f = lambda: 0\n", "def f():\n    return 0\n"),
    ("E741", "l = 1\n", "length = 1\n"),
    ("E742", "class I:\n    pass\n", "class Item:\n    pass\n"),
    ("E743", "def O():\n    pass\n", "def order():\n    pass\n"),
    ("F401", "import os\n", "import os\nos.getcwd()\n"),
    ("F401", "def f():\n    import os\n", "__all__ = ['os']\nimport os\n"),
    ("F402", "import os\nfor os in []:\n    pass\n", "import os\nfor name in os.listdir():\n    pass\n"),
    ("F403", "from os import *\n", "from os import path\npath\n"),
    ("F404", "import os\nfrom __future__ import annotations\nos\n", '"""doc"""\nfrom __future__ import annotations\n'),
    ("F405", "from os import *\npath\n", "from os import path\npath\n"),
    ("F406", "def f():\n    from os import *\n", "from os import *\n"),
    ("F407", "from __future__ import braces\n", "from __future__ import annotations\n"),
    ("F501", "'%(a' % {}\n", "'%(a)s' % {'a': 1}\n"),
    ("F502", "'%(a)s' % (1,)\n", "'%(a)s' % {'a': 1}\n"),
    ("F503", "'%s' % {'a': 1}\n", "'%s' % (1,)\n"),
    ("F504", "'%(a)s' % {'a': 1, 'b': 2}\n", "'%(a)s' % {'a': 1}\n"),
    ("F505", "'%(a)s %(b)s' % {'a': 1}\n", "'%(a)s %(b)s' % {'a': 1, 'b': 2}\n"),
    ("F506", "'%(a)s %s' % {'a': 1}\n", "'%s %s' % (1, 2)\n"),
    ("F507", "'%s %s' % (1,)\n", "'%s %s' % (1, 2)\n'%*d' % (3, 1)\n"),
    ("F508", "'%(a)*d' % {'a': 1}\n", "'%*d' % (3, 1)\n"),
    ("F509", "'%y' % 1\n", "'%d%%' % 1\n"),
    ("F521", "'{'.format(1)\n", "'{{}}'.format()\n"),
    ("F522", "'{a}'.format(a=1, b=2)\n", "'{a}'.format(a=1)\n"),
    ("F523", "'{}'.format(1, 2)\n", "'{} {}'.format(1, 2)\n"),
    ("F524", "'{} {}'.format(1)\n", "'{} {}'.format(*range(2))\n"),
    ("F525", "'{} {0}'.format(1)\n", "'{0} {0}'.format(1)\n"),
    ("F541", "f'text'\n", "x = 1\nf'{x:#x}'\n"),
    ("F601", "{'a': 1, 'a': 2}\n", "{'a': 1, 'b': 2}\n"),
    ("F602", "k = 1\n{k: 1, k: 2}\n", "k = 1\n{k: 1}\n"),
    ("F622", "a, *b, *c = [1, 2, 3]\n", "a, *b = [1, 2]\n"),
    ("F631", "assert (1, 'message')\n", "assert 1, 'message'\n"),
    ("F632", "x = 1\nx is 'text'\n", "x = 1\nx == 'text'\n"),
    ("F634", "if (1, 2):\n    pass\n", "if 1:\n    pass\n"),
    ("F701", "break\n", "for i in []:\n    break\n"),
    ("F702", "continue\n", "while True:\n    continue\n"),
    ("F704", "yield 1\n", "def f():\n    yield 1\n"),
    ("F706", "return 1\n", "def f():\n    return 1\n"),
    ("F707", "try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass\n",
     "try:\n    pass\nexcept ValueError:\n    pass\nexcept Exception:\n    pass\n"),
    ("F722", "def f(x: 'list[') -> None:\n    return x\n", "def f(x: 'list[int]') -> None:\n    return x\n"),
    ("F811", "import os\nimport os\nos\n", "try:\n    import json\nexcept ImportError:\n    import simplejson as json\njson\n"),
    ("F821", "print(undefined)\n", "def f():\n    return later\nlater = 1\n"),
    ("F821", "class C:\n    x = 1\n    def f(self):\n        return x\n", "class C:\n    x = 1\n    y = [x for _ in ()]\n"),
    ("F821", "x = 1\ndel x\nx\n", "try:\n    unicode\nexcept NameError:\n    unicode = str\n"),
    ("F822", "__all__ = ['missing']\n", "__all__ = ['present']\npresent = 1\n"),
    ("F841", "def f():\n    unused = 1\n", "def f():\n    a, b = f()\n    _ignored = 1\n    used = 1\n    return used\n"),
    ("F841", "try:\n    pass\nexcept ValueError as error:\n    pass\n", "try:\n    pass\nexcept ValueError as e:\n    print(e)\n"),
    ("F842", "def f():\n    name: int\n", "def f():\n    name: int = 1\n    return name\n"),
    ("F901", "raise NotImplemented\n", "raise NotImplementedError\n"),
    ("W291", "x = 1 \n", "x = 1\n"),
    ("W293", "x = 1\n    \ny = 2\n", "x = 1\n\ny = 2\n"),
    ("E501", "x = '" + "a" * 90 + "'\n", "# https://example.com/" + "a" * 90 + "\n"),
]


class RuleTest(unittest.TestCase):
    def test_each_rule_fires_and_stays_quiet(self):
        for code, fires, quiet in RULES:
            with self.subTest(code=code, fires=fires):
                self.assertIn(code, codes(fires))
            with self.subTest(code=code, quiet=quiet):
                self.assertNotIn(code, codes(quiet))

    def test_positions_are_ruffs(self):
        # Ruff's JSON places these exactly so (checked against ruff 0.17.6).
        self.assertEqual(found("import os, sys\n", "F401"), [("F401", 1, 8), ("F401", 1, 12)])
        self.assertEqual(found("from a import b as c\n", "F401"), [("F401", 1, 20)])
        self.assertEqual(found("if not x in [1]: pass\n", "E7"), [("E713", 1, 8), ("E701", 1, 16)])
        self.assertEqual(found("x = 1\nif x == None: pass\n", "E711"), [("E711", 2, 9)])
        self.assertEqual(found("print(f'abc' 'd' f'e')\n", "F541"), [("F541", 1, 7), ("F541", 1, 18)])
        self.assertEqual(found("s = 'é'; é = undefined\n", "F821"), [("F821", 1, 14)])

    def test_scopes_and_bindings(self):
        self.assertEqual(codes("def outer():\n    value = 1\n    def inner():\n        return value\n    return inner\n"), [])
        self.assertEqual(codes("def f():\n    global g\n    g = 1\nprint(g)\n"), [])
        self.assertEqual(codes("def f():\n    n = 0\n    def g():\n        nonlocal n\n        n += 1\n    return g\n"), [])
        self.assertEqual(codes("from __future__ import annotations\nclass A:\n    def m(self) -> A:\n        return self\n"), [])
        self.assertEqual(codes("import typing\ndef f() -> 'typing.List[Later]':\n    pass\nclass Later:\n    pass\n"), [])
        self.assertEqual(codes("match 1:\n    case [first, *rest]:\n        print(first, rest)\n"), [])
        self.assertEqual(codes("import os.path\nos.path.join\n"), [])

    def test_select_and_ignore(self):
        self.assertEqual(codes("import os\nx = 1 \n", select="F"), ["F401"])
        self.assertEqual(lint.check("import os\nl = 1\n", ignore="F401"), lint.check("import os\nl = 1\n", select="E"))
        self.assertEqual([d.code for d in lint.check("import os, sys\n", select="E4,F", ignore="F401")], ["E401"])


class NoqaTest(unittest.TestCase):
    def test_blanket_and_coded(self):
        self.assertEqual(codes("import os  # noqa\n"), [])
        self.assertEqual(codes("import os  # noqa: F401\n"), [])
        self.assertEqual(codes("import os, sys  # noqa: E401\n"), ["F401"])
        self.assertEqual(codes("import os  # NOQA:E501,F401\n"), [])
        self.assertEqual(codes("import os  # noqa: E501\n"), ["F401"])


class BadInputTest(unittest.TestCase):
    def test_each_problem_is_a_diagnostic(self):
        self.assertEqual(codes(b'x = "\xff"\n'), ["E902"])
        self.assertEqual(codes("x = 1\x00\n"), ["invalid-syntax"])
        self.assertEqual(codes("x = (\n"), ["invalid-syntax"])
        self.assertEqual(codes("if 1:\n\tx = 1\n        y = 2\n"), ["invalid-syntax"])
        self.assertEqual(codes(""), [])
        self.assertEqual(found(b"\xef\xbb\xbfimport os\n"), [("F401", 1, 8)])

    def test_unreadable_path(self):
        with tempfile.TemporaryDirectory() as directory:
            diagnostics = lint.check_path(os.path.join(directory, "missing.py"))
        self.assertEqual([d.code for d in diagnostics], ["E902"])
        self.assertIn("No such file", diagnostics[0].message)

    def test_devices_directories_loops_and_huge_files_are_refused_unread(self):
        with tempfile.TemporaryDirectory() as directory:
            loop = os.path.join(directory, "loop.py")
            os.symlink(loop, loop)
            big = os.path.join(directory, "big.py")
            with open(big, "wb") as handle:
                handle.write(b"x" * (lint.MAX_SOURCE_BYTES + 1))
            messages = [lint.check_path(path)[0].message for path in ("/dev/zero", directory, loop, big)]
        self.assertEqual(messages, [lint.NOT_REGULAR, lint.NOT_REGULAR, "Too many levels of symbolic links",
                                    lint.TOO_LARGE])
        self.assertEqual(found("x" * (lint.MAX_SOURCE_BYTES + 1)), [("E902", 1, 1)])
        self.assertEqual(found("é" * (lint.MAX_SOURCE_BYTES // 2 + 1)), [("E902", 1, 1)])  # counted in UTF-8 bytes
        self.assertEqual(found("x" * lint.MAX_SOURCE_BYTES, "F"), [("F821", 1, 1)])


class NestingTest(unittest.TestCase):
    """Nesting past the limits is a syntax error where it crosses them, never a RecursionError
    or MemoryError (CPython's own ast gives those for long chains)."""

    TOO_DEEP = "SyntaxError: too deeply nested (more than 200 levels of brackets, operators and blocks)"

    def deepest(self, source):
        rows = [(d.row, d.column, d.message) for d in lint.check(source, "t.py") if d.code == "invalid-syntax"]
        self.assertEqual(len(rows), 1, rows)
        return rows[0]

    def test_long_chains_and_deep_brackets(self):
        self.assertEqual(self.deepest("x = " + "+".join(["a"] * 3_000_000) + "\n"), (1, 406, self.TOO_DEEP))
        self.assertEqual(self.deepest("x = " + "(" * 100_000), (1, 205, self.TOO_DEEP))
        self.assertEqual(self.deepest("x = " + "{1:" * 40_000 + "1" + "}" * 40_000), (1, 605, self.TOO_DEEP))
        for shape in ("-" * 100_000 + "1", "not " * 10_000 + "a", "a" + ".b" * 10_000, "a" + "()" * 10_000,
                      "lambda: " * 10_000 + "1", "a if b else " * 10_000 + "c", "2**" * 10_000 + "2",
                      "f'{" * 1000 + "}'" * 1000, "[" * 5000 + "]" * 5000):
            self.assertEqual(self.deepest("x = " + shape + "\n")[2], self.TOO_DEEP, shape[:20])

    def test_blocks_and_elif_chains(self):
        nested = "".join(" " * i + "if x:\n" for i in range(100)) + " " * 100 + "pass\n"
        self.assertEqual(self.deepest(nested), (101, 101, "SyntaxError: too many levels of indentation"))
        elifs = "if x: pass\n" + "elif x: pass\n" * 100_000
        self.assertEqual(self.deepest(elifs), (102, 1, self.TOO_DEEP))

    def test_within_the_limits_the_rules_run(self):
        self.assertEqual(len(found("x = " + "+".join(["a"] * 201) + "\n", "F821")), 201)
        self.assertEqual(found("x = [" + "-1, a.b + c, " * 50_000 + "]\n", "F821")[:1], [("F821", 1, 10)])
        nested = "".join(" " * i + "if x:\n" for i in range(99)) + " " * 99 + "y = " + "-" * 100 + "1\n"
        self.assertEqual(found(nested, "E9"), [])


class KernelTest(unittest.TestCase):
    def test_kernel_returns_json_rows(self):
        kernel = get("lint.check")
        rows = json.loads(kernel("import os\n", "a.py", "F"))
        self.assertEqual(rows, [["F401", 1, 8, 1, 10, "`os` imported but unused"]])
        with self.assertRaises(TypeError):
            kernel(b"import os\n", "a.py", "F")

    def test_check_files_gives_check_path_of_each_file_as_rows(self):
        with tempfile.TemporaryDirectory() as directory:
            good, bad = os.path.join(directory, "good.py"), os.path.join(directory, "bad.py")
            with open(good, "w", encoding="utf-8") as file:
                file.write("import os\nx = 1; y = 2\n")
            with open(bad, "wb") as file:
                file.write(b'x = "\xff"\n')
            missing = os.path.join(directory, "missing.py")
            rows = json.loads(lint.check_files([good, bad, missing], "E7,F,E9", "E702", 88))
            self.assertEqual(rows[:2], [[["F401", 1, 8, 1, 10, "`os` imported but unused"]],
                                        [["E902", 1, 1, 1, 1, "stream did not contain valid UTF-8"]]])
            self.assertEqual([row[0] for row in rows[2]], ["E902"])
            self.assertEqual(json.loads(lint.check_files([], "F", "", 88)), [])
            with self.assertRaises(lint.KernelError):
                lint.check_files([good], "F", "", -1)

    def test_ruff_files_reference_serves_the_classic_rules_and_refuses_ruffs_default(self):
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "mod.py")
            with open(path, "w", encoding="utf-8") as file:
                file.write("import os\n")
            self.assertEqual(lint.ruff_files([path], "F", "", 88), lint.check_files([path], "F", "", 88))
            with self.assertRaisesRegex(lint.KernelError, "Ruff's default selection needs the rust backend"):
                lint.ruff_files([path], " , ", "", 88)

    def test_cases_cover_every_rule_family(self):
        fired = set()
        for source, filename, select in get("lint.check").cases():
            fired.update(row[0][:2] for row in json.loads(get("lint.check")(source, filename, select)))
        self.assertLessEqual({"E4", "E7", "F4", "F5", "F6", "F7", "F8", "F9", "W2", "E5", "in"}, fired)


#: Standard-library files with many diagnostics of different kinds.
_PARITY_FILES = ["_pydecimal.py", "argparse.py", "codecs.py", "enum.py", "inspect.py", "subprocess.py",
                 "threading.py", "typing.py", "asyncio/__init__.py", "email/__init__.py", "idlelib/editor.py",
                 "lib2to3/fixes/fix_itertools_imports.py", "turtledemo/penrose.py"]


class RuffParityTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not os.path.exists(_RUFF):
            reason = f"ruff is not installed at {_RUFF} (run scripts/peers.sh lint)"
            if os.environ.get("TANDEM_REQUIRE_PEERS") == "1":
                raise RuntimeError(f"lint parity peer missing: {reason}")
            raise unittest.SkipTest(reason)

    def test_stdlib_slice_matches_ruff(self):
        stdlib = sysconfig.get_paths()["stdlib"]
        files = [os.path.join(stdlib, name) for name in _PARITY_FILES if os.path.exists(os.path.join(stdlib, name))]
        command = [_RUFF, "check", "--select", "E4,E7,E9,F", "--output-format", "json", "--no-cache",
                   "--isolated", "--exit-zero", *files]
        theirs = {(e["filename"], e["code"], e["location"]["row"], e["location"]["column"])
                  for e in json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)}
        ours = {(path, d.code, d.row, d.column) for path in files for d in lint.check_path(path)}
        self.assertGreater(len(theirs), 100)
        both = theirs & ours
        self.assertGreaterEqual(len(both) / len(theirs), 0.98, sorted(theirs - ours)[:20])
        self.assertGreaterEqual(len(both) / len(ours), 0.98, sorted(ours - theirs)[:20])


if __name__ == "__main__":
    unittest.main()

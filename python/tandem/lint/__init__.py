"""A Python linter: the classic rules (E4, E7, E9, F: Ruff's default before 0.16) plus W291, W293, E501.

``check(source, filename)`` returns the diagnostics Ruff would report for that text, with
Ruff's fields: code, message, 1-based start and end (rows, character columns), filename.
This module is the pure-Python reference of the ``lint.check`` kernel, built on ``ast`` and
``tokenize``; problems with the input itself (bytes that are not UTF-8, null bytes, syntax
errors) come back as diagnostics for that file, never as exceptions.
"""

import ast
import json
import os
import re
import stat
import warnings
from typing import NamedTuple

from tandem.lint._nesting import too_deep
from tandem.lint._scope import Analyzer
from tandem.lint._source import Source
from tandem.lint._style import check_import_placement, check_physical_lines, check_statement_lines
from tandem._route import INT64, KernelError, ListOf, kernel
from tandem.text import as_utf16_sees_it

DEFAULT_SELECT = ("E4", "E7", "E9", "F")
SYNTAX_ERROR = "invalid-syntax"  # the code Ruff's JSON gives syntax errors
IO_ERROR = "E902"
#: The largest source linted, in UTF-8 bytes, on every backend: the Rust backend's tree, tokens
#: and bindings take ~90-120 bytes of memory per byte of source (`x = 1` lines, calls), so a
#: bigger one is an E902 instead of a gigabyte or more.
MAX_SOURCE_BYTES = 8 << 20
TOO_LARGE = f"File too large to lint: the limit is {MAX_SOURCE_BYTES} bytes (8 MiB)"
NOT_REGULAR = "Not a regular file"


class Diagnostic(NamedTuple):
    code: str
    message: str
    row: int
    column: int
    end_row: int
    end_column: int
    filename: str

    def as_ruff_json(self):
        """The fields of one entry of ``ruff check --output-format json``."""
        return {"code": self.code, "message": self.message, "filename": self.filename,
                "location": {"row": self.row, "column": self.column},
                "end_location": {"row": self.end_row, "column": self.end_column}}

    def __str__(self):
        return f"{self.filename}:{self.row}:{self.column}: {self.code} {self.message}"


def _codes(spec):
    if spec is None:
        return ()
    if isinstance(spec, str):
        spec = spec.split(",")
    return tuple(part.strip().upper() for part in spec if part.strip())


def _chooser(select, ignore):
    """A predicate on rule codes: the longest matching prefix among select/ignore wins."""
    select, ignore = _codes(select), _codes(ignore)
    if "ALL" in select:
        select = select + ("",)

    def chosen(code):
        if code in (SYNTAX_ERROR, IO_ERROR):
            return not any(code.startswith(prefix) for prefix in ignore if prefix)
        best_select = max((len(p) for p in select if code.startswith(p)), default=-1)
        best_ignore = max((len(p) for p in ignore if code.startswith(p)), default=-1)
        return best_select >= 0 and best_select > best_ignore

    return chosen


def check(source, filename="<string>", select=DEFAULT_SELECT, ignore=(), line_length=88):
    """The diagnostics for ``source`` (str, or bytes as read from a file), sorted by position."""
    if _utf8_length(source) > MAX_SOURCE_BYTES:
        return _filtered([Diagnostic(IO_ERROR, TOO_LARGE, 1, 1, 1, 1, filename)], _chooser(select, ignore))
    if isinstance(source, (bytes, bytearray)):
        try:
            source = bytes(source).decode("utf-8")
        except UnicodeDecodeError:
            return _filtered([Diagnostic(IO_ERROR, "stream did not contain valid UTF-8", 1, 1, 1, 1, filename)],
                             _chooser(select, ignore))
    if source.startswith("\ufeff"):
        source = source[1:]
    chosen = _chooser(select, ignore)
    found = []

    def report(code, message, span):
        if chosen(code):
            found.append(Diagnostic(code, message, *span, filename))

    text = Source(source)
    deep = too_deep(source)
    if deep is not None:
        text.untokenized()  # as when parsing fails lexically: no tokens, so no noqa
        row, column = _position(source, deep[0])
        report(SYNTAX_ERROR, f"SyntaxError: {deep[1]}", (row, column, row, column))
        tree = None
    else:
        tree = _parse(source, filename, report)
    if tree is not None:
        Analyzer(text, report, os.path.basename(filename) == "__init__.py").run(tree)
        check_import_placement(tree, text, report)
        check_statement_lines(text, report)
    check_physical_lines(text, report, _physical_codes(chosen), line_length)
    return _filtered(found, lambda code: True, text.noqa())


def _utf8_length(source):
    if isinstance(source, (bytes, bytearray)):
        return len(source)
    if len(source) > MAX_SOURCE_BYTES or 4 * len(source) <= MAX_SOURCE_BYTES:
        return len(source)  # a character is 1 to 4 bytes
    return len(source.encode("utf-8", "surrogatepass"))


def _physical_codes(chosen):
    return {code for code in ("W291", "W293", "E501") if chosen(code)}


def _parse(source, filename, report):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escape sequences are W605, not ours
            return ast.parse(source, filename, feature_version=(3, 12))
    except SyntaxError as error:
        row = error.lineno or 1
        column = error.offset or 1
        if "null bytes" in str(error.msg):
            row, column = _first_null(source)
        report(SYNTAX_ERROR, f"SyntaxError: {error.msg}", (row, column, row, column))
    except ValueError as error:  # older Pythons reject null bytes with ValueError
        row, column = _first_null(source)
        report(SYNTAX_ERROR, f"SyntaxError: {error}", (row, column, row, column))
    return None


def _position(source, offset):
    """The 1-based (row, character column) of ``offset`` in ``source``."""
    before = source[:offset]
    row = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    return row, offset - max(before.rfind("\n"), before.rfind("\r"))


def _first_null(source):
    index = source.find("\0")
    row = source.count("\n", 0, index) + 1
    return row, index - (source.rfind("\n", 0, index) + 1) + 1


def _filtered(found, chosen, noqa=None):
    noqa = noqa or {}
    kept = []
    for diagnostic in found:
        if not chosen(diagnostic.code):
            continue
        suppressed = noqa.get(diagnostic.row, ())
        if suppressed is None or diagnostic.code in suppressed:
            continue
        kept.append(diagnostic)
    kept.sort(key=lambda d: (d.row, d.column, d.code))
    return kept


def check_path(path, select=DEFAULT_SELECT, ignore=(), line_length=88):
    """``check`` on a file's bytes; a file that cannot be read, is not a regular file (a device,
    a pipe: reading one could block or never end) or is larger than ``MAX_SOURCE_BYTES`` is one
    E902 diagnostic."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise OSError(0, NOT_REGULAR)
        with open(path, "rb") as handle:
            data = handle.read(MAX_SOURCE_BYTES + 1)
    except OSError as error:
        reason = error.strerror or str(error)
        return [Diagnostic(IO_ERROR, reason, 1, 1, 1, 1, str(path))] if _chooser(select, ignore)(IO_ERROR) else []
    return check(data, str(path), select, ignore, line_length)


def _kernel_cases():
    from tandem.lint._cases import CASES
    return [(snippet, "case.py", "E4,E7,E9,F,W291,W293,E501") for snippet in CASES]


def _check_utf8(kernel_name, what, text):
    """KernelError for text that is no UTF-8 (a lone surrogate), worded as the Rust backend words it."""
    seen = as_utf16_sees_it(text)
    try:
        seen.encode("utf-8")
    except UnicodeEncodeError as error:
        at = len(seen[:error.start].encode("utf-8"))
        raise KernelError(f"{kernel_name}: {what} is not valid UTF-8 (a lone surrogate?) at byte {at}") from None


def _rows(diagnostics):
    return [[d.code, d.row, d.column, d.end_row, d.end_column, d.message] for d in diagnostics]


def _comparable_row(row):
    return row[:2] if row[0] == SYNTAX_ERROR else row


def _comparable(result):
    """``lint.check``'s result as the differential harness compares it across backends: syntax
    errors by code and row only, since their message and column come from each backend's own
    parser (CPython's or GraalPy's for the reference, Ruff's for Rust)."""
    return [_comparable_row(row) for row in json.loads(result)]


def _comparable_files(result):
    """``lint.check_batch``'s result compared as ``_comparable`` compares each file's rows."""
    return [[_comparable_row(row) for row in rows] for rows in json.loads(result)]


@kernel("lint.check", accepts=(str, str, str), cases=_kernel_cases, comparable=_comparable,
        sample=lambda: (_kernel_cases()[0][0] * 20, "sample.py", "E4,E7,E9,F"))
def check_kernel(source, filename, select):
    """The kernel form of ``check``: a JSON array of [code, row, column, end_row, end_column,
    message] rows, so every backend returns one string that compares exactly."""
    for what, text in (("source", source), ("filename", filename), ("select", select)):
        _check_utf8("lint.check", what, text)
    return json.dumps(_rows(check(source, filename, select or DEFAULT_SELECT)), ensure_ascii=False)


def _batch_cases():
    from tandem.lint._cases import CASES
    every = "E4,E7,E9,F,W291,W293,E501"
    names = ["case.py"] * len(CASES)
    names[0] = "pkg/__init__.py"
    return [(list(CASES), names, every, "", 88), (list(CASES), names, "F,E", "F401,E7", 40), ([], [], every, "", 88),
            (["\ufeffimport os\n", "x = 1\0\n", "if x:\npass\n"], ["a.py", "b.py", "c.py"], "ALL", "", 1)]


@kernel("lint.check_batch", accepts=(ListOf(list, str), ListOf(list, str), str, str, INT64), cases=_batch_cases, comparable=_comparable_files,
        sample=lambda: (list(_batch_cases()[0][0][:4]), ["sample.py"] * 4, "E4,E7,E9,F", "", 88))
def check_batch(sources, filenames, select, ignore, line_length):
    """``check`` of many sources, ``filenames[i]`` naming ``sources[i]``: a JSON array of each
    source's rows (as ``lint.check`` gives them), in order. The host backends spread the
    sources over every core; this reference checks them one after another."""
    if len(sources) != len(filenames):
        raise KernelError(f"lint.check_batch: {len(sources)} sources but {len(filenames)} filenames")
    if line_length < 0:
        raise KernelError(f"lint.check_batch: line_length {line_length} is negative")
    files = [_rows(check(source, filename, select, ignore, line_length)) for source, filename in zip(sources, filenames)]
    return json.dumps(files, ensure_ascii=False)


@kernel("lint.check_files", accepts=(ListOf(list, str), str, str, INT64), comparable=_comparable_files,
        cases=lambda: [([], "E4,E7,E9,F", "", 88)])
def check_files(paths, select, ignore, line_length):
    """``check_path`` of every path, as ``lint.check_batch`` gives its result: a JSON array of
    each file's rows, in order. ``tandem lint`` runs it on the backend its Router picks: this
    reference, or the rust one (``LintRust.check_files``, C symbol ``tandem_lint_check_files``),
    which reads and lints the files on every core. Scripts get the reference only: the Rust
    form opens files itself, past a sandboxed script's file access (kernels.json, host_only)."""
    if line_length < 0:
        raise KernelError(f"lint.check_files: line_length {line_length} is negative")
    files = [_rows(check_path(path, select, ignore, line_length)) for path in paths]
    return json.dumps(files, ensure_ascii=False)


@kernel("lint.ruff_files", accepts=(ListOf(list, str), str, str, INT64), comparable=_comparable_files,
        cases=lambda: [([], "E4,E7,E9,F", "", 88)])
def ruff_files(paths, select, ignore, line_length):
    """``lint.check_files`` with Ruff's own rules: an empty ``select`` is Ruff's default
    selection. Its rust backend (``LintRuff.ruff_files``, C symbol ``tandem_ruff_check_files`` in
    native/ruff) links Ruff's linter, ruff_linter 0.16.4, and serves any selection of Ruff's
    rules. This reference has the classic rules only (E4, E7, E9, F, W291, W293, E501): it
    serves a selection of them as ``check_files`` does and refuses Ruff's default selection."""
    if not _codes(select):
        raise KernelError("lint.ruff_files: Ruff's default selection needs the rust backend, which links "
                          "Ruff's linter (native/ruff); the python reference has the classic rules only "
                          "(select E4,E7,E9,F,W291,W293,E501 or some of them)")
    return check_files(paths, select, ignore, line_length)


#: The classic rules Ruff's linter (0.16.4) has fixes for, always or sometimes.
_FIXABLE = frozenset("E401 E402 E703 E711 E712 E713 E714 E731 F401 F504 F522 F523 F541 F601 F602 F632 F811 "
                     "F841 F901 W291 W293".split())
#: What any of Ruff's selectors looks like (ALL, a linter's prefix, a code or a prefix of one).
_RUFF_SELECTOR = re.compile(r"[A-Z]+[0-9]*\Z")
_CLASSIC_CODES = ("E401 E402 E501 E701 E702 E703 E711 E712 E713 E714 E721 E722 E731 E741 E742 E743 E902 F401 F402 "
                  "F403 F404 F405 F406 F407 F501 F502 F503 F504 F505 F506 F507 F508 F509 F521 F522 F523 F524 F525 "
                  "F541 F601 F602 F621 F622 F631 F632 F634 F701 F702 F704 F706 F707 F722 F811 F821 F822 F841 F842 "
                  "F901 W291 W293").split()


def _fix_selectors(kernel_name, what, spec):
    """``spec``'s selectors, refused as the rust backend refuses them: one that is no Ruff
    selector at all with Ruff's message, one beyond the classic rules because only Ruff's
    linter knows its rules."""
    selectors = [part.strip() for part in spec.split(",") if part.strip()]
    for part in selectors:
        if not _RUFF_SELECTOR.match(part):
            raise KernelError(f"{kernel_name}: {what}: unknown rule selector '{part}': Unknown rule selector: `{part}`")
        if part != "ALL" and not any(code.startswith(part) for code in _CLASSIC_CODES):
            raise KernelError(f"{kernel_name}: {what} '{part}' is beyond the classic rules: the python reference "
                              "knows only those (E4, E7, E9, F, W291, W293, E501); Ruff's linter has the rest "
                              "(the rust backend)")
    return selectors


def _fix_cases():
    every = "E4,E7,E9,F,W291,W293,E501"
    return [("x = 1\n", "case.py", "", "", 88, False), ("print(undefined)\n", "case.py", every, "", 88, True),
            ("def f(:\n    pass\n", "case.py", "F", "", 88, False), ("x = 1\n", "a.py", "F", "F821", 1, False),
            ("if x:\n  y = 1\n", "pkg/__init__.py", "E7,F", "E701", 320, True)]


def _comparable_fix(result):
    """``lint.fix``'s result as the harness compares it: as JSON, syntax errors by code and row
    once per row (their messages and number come from each backend's own parser)."""
    fixed = json.loads(result)
    rows, seen = [], set()
    for row in fixed["rows"]:
        row = _comparable_row(row)
        if row[0] == SYNTAX_ERROR:
            if tuple(row) in seen:
                continue
            seen.add(tuple(row))
        rows.append(row)
    return {**fixed, "rows": rows}


@kernel("lint.fix", accepts=(str, str, str, str, INT64, bool), cases=_fix_cases, comparable=_comparable_fix,
        sample=lambda: _fix_cases()[1])
def fix(source, filename, select, ignore, line_length, unsafe_fixes):
    """``source``, the file ``filename``, with Ruff's fixes for the rules of ``select`` (Ruff's
    selectors, comma-separated; empty: E4,E7,E9,F, as ``lint.check``) less ``ignore`` applied:
    the safe fixes, and the unsafe ones too when ``unsafe_fixes``. A JSON object: ``source``
    (the fixed source, or the original when nothing was fixed), ``fixed`` (how many diagnostics
    the fixes resolved), ``unsafe_fixable`` (how many remaining ones only ``unsafe_fixes``
    would fix), ``error`` (why fixes that were found were not applied: one would produce
    invalid syntax; else null) and ``rows`` (the remaining diagnostics, as ``lint.check``'s).

    The rust backend (``LintRuff.fix``, C symbol ``tandem_ruff_fix`` in native/ruff) is Ruff's
    own fix loop, for any of Ruff's rules. This reference applies no fixes: it answers for a
    source in which the classic rules find nothing Ruff could fix (its ``rows`` are
    ``lint.check``'s), and otherwise says that fixing needs the rust backend."""
    if line_length < 0:
        raise KernelError(f"lint.fix: line_length {line_length} is negative")
    for what, text in (("source", source), ("filename", filename), ("select", select), ("ignore", ignore)):
        _check_utf8("lint.fix", what, text)
    # As the host backend gets them: a surrogate pair is the character it stands for.
    source, filename, select, ignore = map(as_utf16_sees_it, (source, filename, select, ignore))
    chosen = _fix_selectors("lint.fix", "select", select) or list(DEFAULT_SELECT)
    ignored = _fix_selectors("lint.fix", "ignore", ignore)
    if not 1 <= line_length <= 0xFFFF:
        raise KernelError(f"lint.fix: line_length {line_length} is out of Ruff's range")
    found = check(source, filename, chosen, ignored, line_length)
    fixable = sorted({d.code for d in found} & _FIXABLE)
    if fixable:
        raise KernelError(f"lint.fix: the python reference applies no fixes, and Ruff's linter has fixes for "
                          f"{', '.join(fixable)} here: fixing needs the rust backend")
    return json.dumps({"source": source, "fixed": 0, "unsafe_fixable": 0, "error": None, "rows": _rows(found)},
                      ensure_ascii=False)

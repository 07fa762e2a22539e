"""Entry points of the javax.script engine (dev.tandem.script); not a public API.

A JSR-223 evaluation runs in a pooled interpreter that is put back to its clean state
afterwards, so what a script leaves for the next one travels through the host's Bindings:
data (None, bool, int, float, str, bytes, list, tuple, dict and Java objects) is copied
back to them, and definitions (functions, classes, imports and objects made from them) are
kept as the statements that made them, replayed before the next script of the same engine.
"""

import ast
import builtins
import io
import sys

from tandem._host import _native

#: Statements replayed to rebuild definitions: they bind names and normally do nothing else.
_DEFINING = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)
_SCALARS = (type(None), bool, int, float, str, bytes, bytearray)
#: How deeply data copied back to the host may nest (Java's JavaValues.MAX_DEPTH, less margin).
_MAX_DEPTH = 400


class Script:
    """A script parsed and compiled once per interpreter: its body, and its last expression apart."""

    def __init__(self, source, filename):
        tree = ast.parse(source, filename, "exec")
        self.filename = filename
        self.statements = list(tree.body)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        self.body = compile(tree, filename, "exec")
        self.last = None if last is None else compile(ast.Expression(last.value), filename, "eval")
        self._definitions = {}

    def definitions(self, names):
        """The code of the top-level statements that bind ``names`` (compiled once per set)."""
        key = frozenset(names)
        code = self._definitions.get(key)
        if code is None:
            kept = [statement for statement in self.statements if _binds_only(statement, key)]
            code = compile(ast.Module(body=kept, type_ignores=[]), self.filename, "exec")
            self._definitions[key] = code
        return code


def _binds_only(statement, names):
    if isinstance(statement, _DEFINING):
        return True
    if isinstance(statement, ast.Assign):
        targets = statement.targets
    elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
        targets = [statement.target]
    else:
        return False
    return all(isinstance(target, ast.Name) and target.id in names for target in targets)


def compile_script(source, filename):
    """Parse and compile ``source``; a SyntaxError names ``filename`` and the position."""
    return Script(source, filename)


class Run:
    """One evaluation's namespace: bindings in, definitions replayed, what changed read back."""

    def __init__(self, names, values, replays):
        self.namespace = {"__name__": "__main__", "__builtins__": builtins}
        self.given = {}
        for name, value in zip(names, values):
            converted = _native(value)
            self.namespace[name] = converted
            self.given[name] = converted
        for script, defined in replays:
            exec(script.definitions(defined), self.namespace)
        self.replayed = {name: item for name, item in self.namespace.items() if name not in self.given}

    def results(self, value_name=None, value=None):
        """[value name, value, changed data, removed names, definition names] for the host."""
        changed, defined = {}, []
        for name, item in self.namespace.items():
            if name.startswith("__") and name.endswith("__"):
                continue
            if _is_data(item, 0):
                if name not in self.given or self.given[name] is not item or isinstance(item, (list, dict)):
                    changed[name] = item
            elif self.replayed.get(name, _MISSING) is not item:
                defined.append(name)
        removed = [name for name in self.given if name not in self.namespace]
        return [value_name, value, changed, removed, defined]


_MISSING = object()


def evaluate(script, names, values, replays, streams):
    """Run ``script`` with the host's bindings as globals; see Run.results for the answer."""
    saved = _redirect(streams)
    try:
        run = Run(names, values, replays)
        exec(script.body, run.namespace)
        if script.last is None:
            return run.results()
        value = eval(script.last, run.namespace)
        if _is_data(value, 0):
            return run.results(None, value)
        return run.results(_global_name_of(value, run.namespace), None)
    finally:
        _restore(saved)


class NoSuchFunction(LookupError):
    """The function or method an Invocable call names is not defined (NoSuchMethodException in Java)."""


def invoke(names, values, replays, streams, receiver, function, arguments):
    """Call ``function`` (a global, or a method of the global ``receiver``) with ``arguments``."""
    saved = _redirect(streams)
    try:
        run = Run(names, values, replays)
        if receiver is None:
            target = run.namespace.get(function)
            if not callable(target):
                raise NoSuchFunction(f"no function {function!r} is defined")
        else:
            if receiver not in run.namespace:
                raise NoSuchFunction(f"no object {receiver!r} is defined")
            target = getattr(run.namespace[receiver], function, None)
            if not callable(target):
                raise NoSuchFunction(f"{receiver!r} has no method {function!r}")
        value = target(*[_native(argument) for argument in arguments])
        if _is_data(value, 0):
            return run.results(None, value)
        return run.results(_global_name_of(value, run.namespace), None)
    finally:
        _restore(saved)


def _global_name_of(value, namespace):
    for name, item in namespace.items():
        if item is value and not name.startswith("__"):
            return name
    raise TypeError(f"the script's result, a Python {type(value).__name__}, has no Java form; return"
                    " data (None, bool, int, float, str, bytes, list, tuple, dict) or assign it to a global"
                    " and use it through javax.script.Invocable")


def error_position(error, filename):
    """[line, column] of ``error`` in the script ``filename`` (1-based; -1 when unknown)."""
    if isinstance(error, SyntaxError) and error.filename == filename:
        return [error.lineno or -1, error.offset or -1]
    import traceback

    line, column = -1, -1
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename == filename:
            line = frame.lineno or -1
            column = (frame.colno + 1) if getattr(frame, "colno", None) is not None else -1
    return [line, column]


def _is_data(value, depth):
    if isinstance(value, _SCALARS):
        return True
    if _is_foreign(value):
        return True
    if depth >= _MAX_DEPTH:
        return False
    if isinstance(value, (list, tuple)):
        return all(_is_data(item, depth + 1) for item in value)
    if isinstance(value, dict):
        return all(_is_data(key, depth + 1) and _is_data(item, depth + 1) for key, item in value.items())
    return False


def _is_foreign(value):
    """A Java object handed in by the host (it goes back as itself)."""
    return type(value).__module__ == "polyglot"


class _HostOutput(io.TextIOBase):
    """A text stream that hands each write to a host function (a java.io.Writer behind it).
    One per interpreter, pointed at each evaluation's writer: making streams costs more than
    a short script."""

    def __init__(self, name):
        self.target = None
        self._name = name

    @property
    def name(self):
        return self._name

    def writable(self):
        return True

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if self.target is None:
            raise ValueError("I/O operation on a stream of a finished evaluation")
        self.target(text)
        return len(text)


class _HostInput(io.RawIOBase):
    """UTF-8 bytes of the text a host function reads (a java.io.Reader behind it)."""

    def __init__(self, read):
        self._read = read
        self._pending = b""

    def readable(self):
        return True

    def readinto(self, buffer):
        if not self._pending:
            text = self._read(len(buffer))
            if text is None:
                return 0
            self._pending = str(text).encode("utf-8")
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


class _LazyInput:
    """sys.stdin that opens the host's reader on first use: most scripts never read it."""

    def __init__(self):
        self.target = None
        self._stream = None

    def point_at(self, read):
        self.target = read
        self._stream = None

    def __getattr__(self, name):
        if self._stream is None:
            if self.target is None:
                raise ValueError("I/O operation on a stream of a finished evaluation")
            self._stream = io.TextIOWrapper(io.BufferedReader(_HostInput(self.target)), encoding="utf-8")
        return getattr(self._stream, name)

    def __iter__(self):
        return iter(self.__getattr__("readline"), "")


_STDIN = _LazyInput()
_STDOUT = _HostOutput("<stdout>")
_STDERR = _HostOutput("<stderr>")


def _redirect(streams):
    """Point sys.stdin/stdout/stderr at the ScriptContext's reader and writers; returns the
    streams to put back."""
    saved = (sys.stdin, sys.stdout, sys.stderr)
    read, write, write_error = streams
    if read is not None:
        _STDIN.point_at(read)
        sys.stdin = _STDIN
    if write is not None:
        _STDOUT.target = write
        sys.stdout = _STDOUT
    if write_error is not None:
        _STDERR.target = write_error
        sys.stderr = _STDERR
    return saved


def _restore(saved):
    _flush()
    sys.stdin, sys.stdout, sys.stderr = saved
    _STDIN.point_at(None)
    _STDOUT.target = _STDERR.target = None


def _flush():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - a script's closed or replaced stream must not mask its result
            pass

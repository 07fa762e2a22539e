"""Entry points the Java host calls; not a public API.

The host runs scripts through these functions instead of evaluating their source directly,
so that a script sees what CPython would show it (``__main__``, ``sys.argv``, ``sys.path``,
exit status from SystemExit, a traceback on stderr) and so that a pooled interpreter can be
put back into its pristine state between unrelated calls.
"""

import builtins
import os
import sys


def run_file(path, argv, safe_path=False):
    """Run the script at ``path`` like ``python path argv[1:]``; return the exit status.
    ``safe_path`` (python -P, -I): the script's directory is not put first on sys.path."""
    with open(path, "rb") as handle:
        source = handle.read()
    return run_source(source, path, argv, path_entry=None if safe_path else os.path.dirname(os.path.abspath(path)))


def run_module(module_name, argv, path_entry=""):
    """Run a module like ``python -m module_name argv[1:]`` (runpy: ``__main__``, ``sys.argv[0]``
    the module's file, a package's ``__main__``); return the exit status. A module that cannot
    be found exits 1 with CPython's message, ``<sys.executable>: No module named X``."""
    import runpy

    if module_name == "venv":
        from tandem import _venv

        _venv.prepare()
    return _run_as_main(lambda: runpy._run_module_as_main(module_name, alter_argv=True), argv, path_entry, True)


def run_source(source, filename, argv, path_entry="", print_errors=True):
    """Run ``source`` as ``__main__`` and return the exit status.

    An uncaught exception prints its traceback and gives status 1, as under CPython; with
    ``print_errors=False`` it propagates to the caller instead.
    """
    main = type(sys)("__main__")
    main.__file__ = filename
    main.__builtins__ = builtins

    def execute():
        sys.modules["__main__"] = main
        exec(compile(source, filename, "exec"), main.__dict__)

    return _run_as_main(execute, argv, path_entry, print_errors)


def _run_as_main(execute, argv, path_entry, print_errors):
    """Run ``execute()`` as the main program with ``sys.argv`` = ``argv`` and ``path_entry``
    (None: nothing) first on sys.path; return the exit status."""
    sys.argv = list(argv)
    if path_entry is not None:
        sys.path.insert(0, path_entry)
    try:
        execute()
        return 0
    except SystemExit as exit_request:
        return _exit_status(exit_request.code)
    except BaseException as error:  # noqa: BLE001 - the uncaught exception of the script
        if not print_errors:
            raise
        _print_uncaught(error)
        # CPython dies by SIGINT on an uncaught KeyboardInterrupt, which a shell sees as 128 + 2.
        return 130 if isinstance(error, KeyboardInterrupt) else 1
    finally:
        _flush_std_streams()


def evaluate(source, filename, in_main=False):
    """Execute ``source`` and return the value of its last expression.

    Statements run like a module body; when the last statement is an expression, its value
    is returned (as in a notebook cell), otherwise None. The namespace is a fresh one, or
    that of ``__main__`` when ``in_main`` (a session's state).
    """
    import ast  # here, not at the top: importing ast costs seconds in a cold interpreter

    tree = ast.parse(source, filename, "exec")
    if in_main:
        namespace = sys.modules["__main__"].__dict__
    else:
        namespace = {"__name__": "__tandem_eval__", "__builtins__": builtins}
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, filename, "exec"), namespace)
    if last is None:
        return None
    return eval(compile(ast.Expression(last.value), filename, "eval"), namespace)


def call(module_name, function_name, args):
    """Import ``module_name`` and call its ``function_name`` with ``args``.

    Java lists, arrays and maps among the arguments arrive as Python lists and dicts, so
    that code which checks for them (json, isinstance) treats them as it would its own.
    """
    module = __import__(module_name, fromlist=["_"])
    function = getattr(module, function_name, None)
    if function is None:
        raise AttributeError(f"module {module_name!r} has no attribute {function_name!r}")
    return function(*[_native(arg) for arg in args])


def format_traceback(error):
    """The traceback of ``error`` as Python prints it, without this module's frames."""
    import traceback

    return "".join(traceback.format_exception(type(error), error, _script_frames(error.__traceback__)))


def exit_status(exit_request):
    """The exit status a SystemExit stands for (its message, if any, goes to stderr)."""
    return _exit_status(exit_request.code)


def _native(value):
    """A Python list or dict in place of a foreign (Java) one, recursively."""
    if isinstance(value, dict) and type(value) is not dict:
        return {_native(key): _native(item) for key, item in value.items()}
    if isinstance(value, list) and type(value) is not list:
        return [_native(item) for item in value]
    return value


def add_site_packages(directory):
    """Make an environment's packages importable where site.py does not run (an embedded
    context): ``directory`` goes last on sys.path, and its .pth files are read as site.py
    reads them (a path per line, or a line starting with ``import`` that is executed)."""
    sys.path.append(directory)
    try:
        names = sorted(os.listdir(directory))
    except OSError:
        return
    for name in names:
        if name.endswith(".pth") and not name.startswith("."):
            with open(os.path.join(directory, name), encoding="utf-8") as lines:
                for line in lines:
                    if line.startswith(("import ", "import\t")):
                        exec(line)  # noqa: S102 - what site.py does with such lines
                    elif line.strip() and not line.startswith("#"):
                        entry = os.path.join(directory, line.rstrip())
                        if entry not in sys.path and os.path.exists(entry):
                            sys.path.append(entry)


def install_gateway(gateway):
    """Connect the routing layer to the Java host's kernels (see tandem/_route.py)."""
    from tandem import _gateway

    _gateway.gateway = gateway


def detach_standard_streams(stdin, stdout, stderr):
    """The streams the process started without (closed descriptors) become None, as in CPython."""
    if stdin:
        sys.stdin = sys.__stdin__ = None
    if stdout:
        sys.stdout = sys.__stdout__ = None
    if stderr:
        sys.stderr = sys.__stderr__ = None


def adopt_caller(cwd, environment, python_path):
    """Make an interpreter prepared ahead of time the caller's: its working directory, its
    environment (``KEY=VALUE`` entries, through putenv so child processes inherit them) and
    its ``PYTHONPATH`` entries, where ``python.PythonPath`` would have put them."""
    os.chdir(cwd)
    os.environ.clear()
    for entry in environment:
        key, _, value = entry.partition("=")
        os.environ[key] = value
    sys.path[0:0] = list(python_path)


def register_sigint_handler():
    """Register the current SIGINT handler with the host again; see PythonContext.registerInterruptHandler."""
    import signal

    handler = signal.getsignal(signal.SIGINT)
    if callable(handler):
        signal.signal(signal.SIGINT, handler)
        return "call"
    return "ignore" if handler == signal.SIG_IGN else "default"


def harden_sandbox(file_read, file_write):
    """Make operations a sandboxed context has no right to raise Python exceptions (see _sandbox)."""
    from tandem import _sandbox

    _sandbox.harden(file_read, file_write)


def preimport(module_name):
    """Import a module into the clean state of a pooled interpreter."""
    __import__(module_name)


class Baseline:
    """What a fresh interpreter looks like, so that a pooled one can be put back to it.

    What a call can change for the next caller of the same interpreter is recorded: the
    modules, the attributes of tandem's own modules, builtins, sys, os and the modules the
    sandbox closes (a patched ``tandem.text.fnv1a_32``), sys state (path, argv, hooks,
    recursion limit, int-to-str digit limit), the warning filters and ``os.environ``. Other modules loaded with the
    interpreter keep attributes a call sets (checking every module costs milliseconds per
    call), and objects reachable from attributes are not copied.
    """

    def __init__(self):
        import warnings

        self.module_table = _Namespace(sys.modules, "sys.modules")
        self.namespaces = [_Namespace(vars(module), name) for name, module in dict(sys.modules).items()
                           if _restored_namespace(name)]
        self.main = sys.modules.get("__main__")
        self.lists = [(container, list(container)) for container in
                      (sys.path, sys.argv, sys.meta_path, sys.path_hooks, sys.warnoptions, warnings.filters)]
        self.path_importer_cache = dict(sys.path_importer_cache)
        self.recursion_limit = sys.getrecursionlimit()
        self.int_max_str_digits = sys.get_int_max_str_digits()
        self.environ = dict(os.environ._data)

    def restore(self):
        """Undo what a call left behind: new or replaced modules, patched attributes, sys state."""
        _flush_std_streams()
        modules = sys.modules
        if self.module_table.changed():
            self.module_table.restore()
        if self.main is not None:
            modules["__main__"] = self.main
        for namespace in self.namespaces:
            if namespace.changed():
                namespace.restore()
        for container, contents in self.lists:
            if container != contents:
                container[:] = contents
                if container is self.lists[-1][0]:
                    sys.modules["warnings"]._filters_mutated()  # drops the caches of the old filters
        if sys.path_importer_cache != self.path_importer_cache:
            sys.path_importer_cache.clear()
            sys.path_importer_cache.update(self.path_importer_cache)
        if sys.getrecursionlimit() != self.recursion_limit:
            sys.setrecursionlimit(self.recursion_limit)
        if sys.get_int_max_str_digits() != self.int_max_str_digits:
            sys.set_int_max_str_digits(self.int_max_str_digits)
        if os.environ._data != self.environ:  # bytes to bytes: compared without Python-level __eq__
            os.environ._data.clear()
            os.environ._data.update(self.environ)
        sys.settrace(None)
        sys.setprofile(None)
        routing = modules.get("tandem._route")
        if routing is not None:
            routing.reset_policy()  # drop a tandem.using(...) the call entered and never left


#: Modules whose attributes Baseline.restore puts back, besides tandem's own.
_RESTORED_MODULES = frozenset(("builtins", "sys", "os", "posix", "warnings", "_signal", "signal", "_thread",
                               "threading", "_socket", "socket"))


def _restored_namespace(name):
    return name in _RESTORED_MODULES or name == "tandem" or name.startswith("tandem.")


class _Namespace:
    """A namespace (a module's, or sys.modules) as recorded, and the check whether a call changed it.

    Same size and every recorded name bound to the same object means no name was added,
    removed or rebound. Objects are compared by identity, so no code a script put there runs.
    On GraalPy a module's namespace is the module object's own storage: comparing it as a
    whole (``==``) or iterating its values costs far more than looking each recorded name up,
    and a lookup is cheaper at a call site that sees one namespace only. So each namespace
    gets its own copy of the check (see ``_CHECK``): 35-40 us for the 14 namespaces of a
    pooled context, against 55-60 us with one shared check (load ~16).
    """

    __slots__ = ("current", "names", "values", "_changed")

    def __init__(self, namespace, label):
        self.current = namespace
        self.names = tuple(namespace)
        self.values = tuple(namespace.values())
        scope = {}
        exec(compile(_CHECK, f"<tandem baseline: {label}>", "exec"), scope)  # noqa: S102 - our own source
        self._changed = scope["changed"]

    def changed(self):
        return self._changed(self.current, self.names, self.values, _MISSING)

    def restore(self):
        """Put back the entries as recorded, touching only the changed ones."""
        current = self.current
        recorded = dict(zip(self.names, self.values))
        for name in [name for name in current if name not in recorded]:
            del current[name]
        for name, value in recorded.items():
            if current.get(name, _MISSING) is not value:
                current[name] = value


#: The check of one namespace, compiled once per namespace so that its lookups stay specialised.
_CHECK = """
def changed(current, names, values, missing):
    if len(current) != len(names):
        return True
    get = current.get
    for name, value in zip(names, values):
        if get(name, missing) is not value:
            return True
    return False
"""

_MISSING = object()


def _exit_status(code):
    """The process exit status CPython derives from ``SystemExit.code``."""
    if code is None:
        return 0
    if isinstance(code, int):
        # CPython takes the status as a C long, -1 when it does not fit, and the OS keeps 8 bits.
        return code & 0xFF if -(2**63) <= code < 2**63 else 0xFF
    if sys.stderr is not None:
        print(code, file=sys.stderr)
    return 1


def _print_uncaught(error):
    """Print the traceback of an uncaught exception without this module's own frame."""
    if sys.stderr is None:  # CPython prints nothing when there is no stderr
        return
    sys.excepthook(type(error), error, _script_frames(error.__traceback__))


def _script_frames(trace):
    """The traceback past the leading frames of this module."""
    while trace is not None and trace.tb_frame.f_code.co_filename == __file__:
        trace = trace.tb_next
    return trace


def _flush_std_streams():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - a closed or replaced stream must not mask the result
            pass


"""Entry points the Java host calls; not a public API.

The host runs scripts through these functions instead of evaluating their source directly,
so that a script sees what CPython would show it (``__main__``, ``sys.argv``, ``sys.path``,
exit status from SystemExit, a traceback on stderr) and so that a pooled interpreter can be
put back into its pristine state between unrelated calls.
"""

import builtins
import os
import sys


def run_file(path, argv):
    """Run the script at ``path`` like ``python path argv[1:]``; return the exit status."""
    with open(path, "rb") as handle:
        source = handle.read()
    return run_source(source, path, argv, path_entry=os.path.dirname(os.path.abspath(path)))


def run_source(source, filename, argv, path_entry="", print_errors=True):
    """Run ``source`` as ``__main__`` and return the exit status.

    An uncaught exception prints its traceback and gives status 1, as under CPython; with
    ``print_errors=False`` it propagates to the caller instead.
    """
    sys.argv = list(argv)
    sys.path.insert(0, path_entry)
    main = type(sys)("__main__")
    main.__file__ = filename
    main.__builtins__ = builtins
    sys.modules["__main__"] = main
    try:
        code = compile(source, filename, "exec")
        exec(code, main.__dict__)
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

        self.modules = dict(sys.modules)
        self.namespaces = {name: dict(vars(module)) for name, module in self.modules.items()
                           if _restored_namespace(name)}
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
        for name in [name for name in modules if name not in self.modules]:
            del modules[name]
        if modules != self.modules:
            modules.update(self.modules)
        if self.main is not None:
            modules["__main__"] = self.main
        for name, namespace in self.namespaces.items():
            _restore_namespace(vars(self.modules[name]), namespace)
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


def _restore_namespace(current, recorded):
    """Put back the entries of a module's namespace as ``recorded``, touching only changed ones.
    (Comparing may run an ``__eq__`` a script planted; the host bounds the reset by a deadline.)"""
    if current == recorded:
        return
    for key in [key for key in current if key not in recorded]:
        del current[key]
    for key, value in recorded.items():
        if current.get(key, _MISSING) is not value:
            current[key] = value


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


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
        return 1
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


def preimport(module_name):
    """Import a module into the clean state of a pooled interpreter."""
    __import__(module_name)


class Baseline:
    """What a fresh interpreter looks like, so that a pooled one can be put back to it."""

    def __init__(self):
        self.modules = set(sys.modules)
        self.main = sys.modules.get("__main__")
        self.builtins = dict(builtins.__dict__)
        self.path = list(sys.path)
        self.argv = list(sys.argv)

    def restore(self):
        """Undo what a call left behind: new modules, patched builtins, sys state."""
        _flush_std_streams()
        for name in [name for name in sys.modules if name not in self.modules]:
            del sys.modules[name]
        if self.main is not None:
            sys.modules["__main__"] = self.main
        if builtins.__dict__ != self.builtins:
            builtins.__dict__.clear()
            builtins.__dict__.update(self.builtins)
        sys.path[:] = self.path
        sys.argv[:] = self.argv
        sys.stdin, sys.stdout, sys.stderr = sys.__stdin__, sys.__stdout__, sys.__stderr__
        routing = sys.modules.get("tandem._route")
        if routing is not None:
            routing.reset_policy()  # drop a tandem.using(...) the call entered and never left


def _exit_status(code):
    """The process exit status CPython derives from ``SystemExit.code``."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _print_uncaught(error):
    """Print the traceback of an uncaught exception without this module's own frame."""
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


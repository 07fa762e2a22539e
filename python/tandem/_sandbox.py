"""Closes what a sandboxed context must not do before any script runs in it.

GraalPy refuses these operations in a context without the right, but as Java exceptions
that a script cannot catch and that reach the host as internal errors; others (signal
handlers, signals sent to processes) it would let through to the whole JVM or beyond. Here
each becomes a function that raises the Python exception CPython raises when the operating
system refuses: PermissionError, or RuntimeError for threads. The originals are dropped,
not kept in a closure, so a script cannot reach them.
"""

import sys

_NO_RIGHT = "not allowed in Tandem's sandbox (the embedding application has not granted it)"


def _refusal(what, error=PermissionError):
    def refused(*args, **kwargs):
        raise error(f"{what}: {_NO_RIGHT}")

    refused.__name__ = what.rpartition(".")[2]
    return refused


def _refuse(module_names, function_names, area, error=PermissionError):
    """Replaces the named functions in every loaded module of ``module_names``."""
    for module_name in module_names:
        module = sys.modules.get(module_name)
        if module is None:
            continue
        for name in function_names:
            if hasattr(module, name):
                setattr(module, name, _refusal(f"{area} ({module_name}.{name})", error))


class _RefusedSocket:
    """Stands in for _socket.socket, so that socket.socket (its subclass) refuses to open."""

    __slots__ = ()  # socket.socket declares __weakref__ in its own slots

    def __init__(self, *args, **kwargs):
        raise PermissionError(f"network access (socket.socket): {_NO_RIGHT}")


def harden(file_read, file_write):
    """Applies the refusals for a context with these host file rights (threads, processes,
    signals and sockets are never granted to a sandboxed context)."""
    import _signal
    import _socket
    import _thread
    import os  # also loads posix

    oses = ("posix", "os")
    _refuse(oses, ("system", "_exit", "kill", "killpg", "chown", "lchown", "fchown"), "process and owner control")
    if not file_read:
        _refuse(oses, ("getcwd", "getcwdb", "chdir", "fchdir", "access"), "host file access")
    if not file_write:
        _refuse(oses, ("remove", "unlink", "rmdir", "removedirs"), "writing host files")
    # signal.signal would install a handler for the whole JVM, and raise_signal/alarm signal it.
    _refuse(("_signal", "signal"), ("signal", "raise_signal", "alarm", "setitimer", "pthread_kill",
                                    "siginterrupt", "set_wakeup_fd"), "process-wide signals")
    _refuse(("_thread", "threading"), ("start_new_thread", "start_new", "start_joinable_thread",
                                       "_start_new_thread", "_start_joinable_thread"),
            "can't start new thread", RuntimeError)
    socket_functions = [name for name in dir(_socket) if callable(getattr(_socket, name))
                        and not isinstance(getattr(_socket, name), type)]
    _refuse(("_socket", "socket"), socket_functions, "network access")
    _socket.socket = _socket.SocketType = _RefusedSocket
    if "socket" in sys.modules:
        sys.modules["socket"].socket.__init__ = _RefusedSocket.__init__

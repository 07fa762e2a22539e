"""Tandem: Python scripts on GraalPy in a Java host, with kernels routed to Java and Rust.

The same package runs unchanged on plain CPython (put python/ on PYTHONPATH): every
accelerated function keeps a pure-Python twin, so a script only gets slower there.
"""

import sys as _sys

__version__ = "0.1.0"
__all__ = ["BackendUnavailable", "KernelError", "kernel", "kernels", "using", "on_graalpy", "in_tandem",
           "ListOf", "INT32", "INT64"]

#: Names served from tandem._route, imported on first use: a script that uses no kernel does
#: not pay for compiling the routing layer at start-up (about a second in a cold GraalPy).
_ROUTING_NAMES = {"BackendUnavailable", "KernelError", "kernel", "using", "ListOf", "INT32", "INT64"}


def __getattr__(name):
    if name in _ROUTING_NAMES:
        from tandem import _route

        return getattr(_route, name)
    raise AttributeError(f"module 'tandem' has no attribute {name!r}")


def kernels():
    """Every kernel: its name, each backend's availability here, the policy and the selection."""
    from tandem import _route

    return _route.kernels()


def on_graalpy():
    """True when this interpreter is GraalPy (inside Tandem or not)."""
    return _sys.implementation.name == "graalpy"


def in_tandem():
    """True when the script runs inside a Tandem host (so Java kernels are reachable)."""
    from tandem import _gateway

    return _gateway.gateway is not None

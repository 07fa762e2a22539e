"""Tandem: Python scripts on GraalPy in a Java host, with kernels routed to Java and Rust.

The same package runs unchanged on plain CPython (put python/ on PYTHONPATH): every
accelerated function keeps a pure-Python twin, so a script only gets slower there.
"""

import sys as _sys

from tandem._route import BackendUnavailable, KernelError, kernel, using
from tandem._route import kernels as _kernel_listing

__version__ = "0.1.0"
__all__ = ["BackendUnavailable", "KernelError", "kernel", "kernels", "using", "on_graalpy", "in_tandem"]


def kernels():
    """Every kernel: its name, each backend's availability here, the policy and the selection."""
    return _kernel_listing()


def on_graalpy():
    """True when this interpreter is GraalPy (inside Tandem or not)."""
    return _sys.implementation.name == "graalpy"


def in_tandem():
    """True when the script runs inside a Tandem host (so Java kernels are reachable)."""
    from tandem import _gateway

    return _gateway.gateway is not None

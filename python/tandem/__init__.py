"""Tandem: Python scripts on GraalPy in a Java host, with kernels routed to Java and Rust.

The same package runs unchanged on plain CPython (put python/ on PYTHONPATH): every
accelerated function keeps a pure-Python twin, so a script only gets slower there.
"""

import sys as _sys

__version__ = "0.1.0"


def on_graalpy():
    """True when this interpreter is GraalPy (inside Tandem or not)."""
    return _sys.implementation.name == "graalpy"


def in_tandem():
    """True when the script runs inside a Tandem host (so Java kernels are reachable)."""
    return on_graalpy() and "tandem._host" in _sys.modules

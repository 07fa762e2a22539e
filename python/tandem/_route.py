"""Kernels, the routing policy and dispatch: one Python API, three backends.

A kernel is a named operation (``area.operation``) whose pure-Python function is the
reference; the Java host may add Java and Rust implementations of the same name. A policy
(a default backend among python, java, rust and auto, plus per-kernel overrides) picks the
backend. The choice is made once per kernel and policy and cached on the kernel object, so a
call costs one identity check before it reaches the implementation.
"""

import contextvars
import os
import sys
import time
import warnings

from tandem import _gateway

BACKENDS = ("python", "java", "rust")
CHOICES = BACKENDS + ("auto",)
#: Modules that define Tandem's own kernels; imported when the kernels are listed.
BUILTIN_AREAS = ("tandem.text", "tandem.bpe", "tandem.sourcemap", "tandem.lint")

_REGISTRY = {}

#: kernels.json, the routing rules this module and the Java host's Router share (filled once;
#: a dict that is mutated, not rebound, so a pooled context's reset leaves it be).
_TABLE = {}


def rules():
    """kernels.json: the built-in kernels, their host backends and what ``auto`` picks from.
    Inside Tandem the host hands over the copy it routes by; on plain Python it is read from
    beside this module."""
    if not _TABLE:
        # json here, not at the top: a module imported with tandem belongs to a pooled
        # context's clean state, and json must stay a module a call's import can undo.
        import json

        if _gateway.gateway is not None:
            text = str(_gateway.gateway.kernelTable())
        else:
            with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "kernels.json"), encoding="utf-8") as file:
                text = file.read()
        _TABLE.update(json.loads(text))
    return _TABLE


def auto_order(name):
    """The backends ``auto`` picks from, first available first, when no figures decide."""
    table = rules()
    return tuple(table["kernels"].get(name, {}).get("auto_order", table["auto_order"]))


def choose(name, choice, reasons, timings=None, measure=None):
    """``(backend, note)``: the backend that runs kernel ``name`` under the policy's ``choice``,
    and a note to show when ``auto`` falls back to the only backend it has. The rules, which
    dev.tandem.route.Router applies too (python/tests/route_cases.json runs both):

    - a backend named explicitly runs, or BackendUnavailable says why it cannot;
    - ``auto`` with one available backend takes it, with the note naming why the others cannot;
    - ``auto`` with figures (``timings``, ns per call) for every available backend takes the
      fastest (a tie goes to the first in python, java, rust);
    - else it measures (``measure()`` gives figures) where the caller may, or takes the first
      available backend of the kernel's ``auto_order``.

    ``reasons``: why each backend cannot run here, None for one that can.
    """
    if choice != "auto":
        reason = reasons.get(choice)
        if reason is not None:
            raise BackendUnavailable(f"{name}: the {choice} backend is unavailable: {reason}")
        return choice, None
    available = [backend for backend in BACKENDS if reasons.get(backend) is None]
    why_not = "; ".join(f"{backend}: {reasons[backend]}" for backend in BACKENDS if reasons.get(backend) is not None)
    if not available:
        raise BackendUnavailable(f"{name}: no backend can run it here ({why_not})")
    if len(available) == 1:
        return available[0], f"{name} runs on {available[0]} under 'auto' ({why_not})"
    if not timings or not set(available) <= set(timings):
        if measure is None:
            return next(backend for backend in auto_order(name) if backend in available), None
        timings = measure()
    return min(available, key=lambda backend: timings.get(backend, float("inf"))), None


def host_methods(name):
    """The methods besides its operation that Python may call on kernel ``name``'s host object."""
    return tuple(rules()["kernels"].get(name, {}).get("host_methods", ()))


def handle_methods(name):
    """The methods Python may call on the handle kernel ``name`` returns (none if it returns none)."""
    return tuple(rules()["kernels"].get(name, {}).get("handle", {}).get("methods", ()))


def handle(name, host):
    """The handle a host backend of kernel ``name`` returned, answering only its declared methods."""
    return HostHandle(f"{name}'s handle", host, handle_methods(name))


class HostHandle:
    """A host object seen through the methods kernels.json declares for it: any other name is
    refused, so that every method Python calls on a host object is listed (``tandem kernels``)
    and compared across backends (``_differential.compare_handle_method``)."""

    def __init__(self, owner, host, methods):
        self._owner, self._host, self._methods = owner, host, frozenset(methods)

    def __getattr__(self, name):
        if name not in self._methods:
            declared = ", ".join(sorted(self._methods)) or "none"
            raise AttributeError(f"{self._owner} has no declared method {name!r} "
                                 f"(python/tandem/kernels.json declares: {declared})")
        method = getattr(self._host, name)
        setattr(self, name, method)  # found once: later calls go straight to the host method
        return method

    def __repr__(self):
        return f"<{self._owner}: {self._host!r}>"


class KernelError(ValueError):
    """A kernel rejected its input; every backend raises it with the same message."""


class BackendUnavailable(RuntimeError):
    """A backend that the policy names explicitly cannot run here; the message says why."""


class Policy:
    """A default backend and per-kernel overrides. Immutable: ``using`` makes new ones."""

    __slots__ = ("default", "routes")

    def __init__(self, default="auto", routes=None):
        self.default = _check_choice(default, "backend")
        self.routes = {name: _check_choice(choice, name) for name, choice in (routes or {}).items()}

    def choice_for(self, name):
        return self.routes.get(name, self.default)

    def with_changes(self, default=None, routes=None):
        merged = dict(self.routes)
        merged.update(routes or {})
        return Policy(default or self.default, merged)

    @classmethod
    def parse(cls, default, routes_text):
        """From the textual form of TANDEM_BACKEND / TANDEM_ROUTE (``k=b,k=b``)."""
        routes = {}
        for item in filter(None, (part.strip() for part in (routes_text or "").split(","))):
            name, sep, choice = item.partition("=")
            if not sep or not name.strip():
                raise ValueError(f"route {item!r} is not KERNEL=BACKEND (e.g. text.codepoints=java)")
            routes[name.strip()] = choice.strip()
        return cls(default or "auto", routes)

    def __repr__(self):
        routes = "".join(f", {name}={choice}" for name, choice in sorted(self.routes.items()))
        return f"Policy({self.default}{routes})"


def _check_choice(choice, where):
    if choice not in CHOICES:
        raise ValueError(f"unknown backend {choice!r} for {where}; choose one of {', '.join(CHOICES)}")
    return choice


def _initial_policy():
    """The host's policy inside Tandem (CLI flags, environment, Java builder), else the environment."""
    if _gateway.gateway is not None:
        default, routes = str(_gateway.gateway.policyBackend()), str(_gateway.gateway.policyRoutes())
    else:
        default, routes = os.environ.get("TANDEM_BACKEND", "auto"), os.environ.get("TANDEM_ROUTE", "")
    return Policy.parse(default, routes)


_policy = contextvars.ContextVar("tandem_policy")


_current = _policy.get


def current_policy():
    policy = _current(None)
    if policy is None:
        policy = _initial_policy()
        _policy.set(policy)
    return policy


def reset_policy():
    """Back to the host's policy in this context (the pooled host calls this between calls)."""
    _policy.set(None)


class using:
    """``with tandem.using("rust"):`` or ``using(routes={"text.codepoints": "java"})``.

    Changes the policy for the code inside the block, in this thread (and asyncio task) only.
    """

    def __init__(self, backend=None, routes=None):
        self._policy = current_policy().with_changes(backend, routes)
        self._token = None

    def __enter__(self):
        self._token = _policy.set(self._policy)
        return self._policy

    def __exit__(self, *exc):
        _policy.reset(self._token)
        return False


class Kernel:
    """A callable kernel: dispatches to the backend the current policy selects."""

    def __init__(self, name, reference, accepts=None, result=None, sample=None, cases=None, comparable=None,
                 handle_cases=None):
        self.name = name
        self.cases = cases
        self.handle_cases = handle_cases
        self.comparable = comparable
        self.reference = reference
        self.accepts = accepts
        self._result = result
        self._sample = sample
        self._policy = None
        self._impl = None
        self.backend = None
        self.__doc__ = reference.__doc__
        self.__name__ = reference.__name__
        self.__wrapped__ = reference

    def __call__(self, *args):
        # The hot path: one context-variable read and one identity check, then the
        # implementation resolved for this policy (argument checks included).
        policy = _current(None)
        if policy is not self._policy or policy is None:
            if self.accepts is not None:
                _check_arguments(self.name, self.accepts, args)
            self._resolve(args)
        return self._impl(*args)

    def _resolve(self, args):
        policy = current_policy()
        choice = policy.choice_for(self.name)
        backend = _auto_choice(self, args) if choice == "auto" else choose(self.name, choice, self.reasons())[0]
        self._impl = self._checked_implementation(backend)
        self.backend = backend
        self._policy = policy

    def implementation(self, backend, accepts=None):
        """The function that runs this kernel on ``backend``; BackendUnavailable if none.

        With ``accepts``, the function checks its arguments against those types first.
        """
        if backend == "python":
            return _checked(self.name, accepts, self.reference)
        choose(self.name, backend, {backend: self.unavailable_reason(backend)})  # BackendUnavailable, saying why
        target, member = _gateway.gateway.implementation(self.name, backend)
        return _host_call(self.name, getattr(target, str(member)), self._result, accepts)

    def selected_host_object(self):
        """The Java object behind the backend the current policy selects for this kernel, for
        an area that asks it more than the kernel's one method (its ``host_methods`` in
        kernels.json, the only ones it answers); None on the python backend."""
        policy = _current(None)
        if policy is not self._policy or policy is None:
            self._resolve(())
        if self.backend == "python":
            return None
        target = _gateway.gateway.implementation(self.name, self.backend)[0]
        return HostHandle(f"{self.name}'s host object", target, host_methods(self.name))

    def _checked_implementation(self, backend):
        return self.implementation(backend, self.accepts)

    def unavailable_reason(self, backend):
        """Why ``backend`` cannot run this kernel here, or None when it can."""
        if backend == "python":
            return None
        if _gateway.gateway is None:
            return "not running inside Tandem (plain Python has only the python backend)"
        reason = _gateway.gateway.unavailable(self.name, backend)
        return None if reason is None else str(reason)

    def reasons(self):
        """{backend: why it cannot run this kernel here, or None when it can}."""
        return {backend: self.unavailable_reason(backend) for backend in BACKENDS}

    def available_backends(self):
        return [backend for backend in BACKENDS if self.unavailable_reason(backend) is None]

    def sample_arguments(self):
        return self._sample() if self._sample is not None else None

    def __repr__(self):
        return f"<tandem kernel {self.name}>"


def kernel(name, *, accepts=None, result=None, sample=None, cases=None, comparable=None, handle_cases=None):
    """Declare a kernel: decorate its pure-Python reference implementation.

    ``accepts``: the argument types, checked before any backend runs, so that every backend
    rejects bad arguments with the same TypeError. ``result``: how a host backend's result
    becomes a Python value ("int_list" for a Java int[], "bytes" for a byte[], or a function of
    the host value). ``sample``: a function returning arguments for calibration; without it,
    ``auto`` calibrates on the first call's arguments.
    ``cases``: a function returning argument tuples that the differential harness feeds every
    backend besides the ones it generates from ``accepts`` (needed for argument types it cannot
    generate, such as tuple and list, and for arguments that must be meaningful, such as names).
    ``comparable``: a function of a result giving what the differential harness compares, for
    kernels whose backends may differ in a documented part of the result (the linter's syntax
    error messages); without it results compare whole.
    ``handle_cases``: for a kernel whose result is a handle (kernels.json's ``handle``), a
    function returning ``(kernel argument tuples, {method: [argument tuples]})``: the harness
    calls each declared method on the handle each backend returns for each of those arguments.
    """
    _check_name(name)

    def register(reference):
        registered = Kernel(name, reference, accepts, result, sample, cases, comparable, handle_cases)
        _REGISTRY[name] = registered
        return registered

    return register


def _check_name(name):
    area, dot, operation = name.partition(".")
    if not (dot and area.isidentifier() and operation.isidentifier()):
        raise ValueError(f"kernel name {name!r} is not AREA.OPERATION (e.g. myapp.score)")


def _checked(name, accepts, implementation):
    """``implementation`` behind the argument check, specialised for one-argument kernels."""
    if accepts is None:
        return implementation
    if len(accepts) == 1 and isinstance(accepts[0], type):
        expected = accepts[0]

        def checked_one(*args):
            if len(args) != 1 or not isinstance(args[0], expected):
                _check_arguments(name, accepts, args)
            return implementation(*args)

        return checked_one

    def checked(*args):
        _check_arguments(name, accepts, args)
        return implementation(*args)

    return checked


class Int:
    """An int argument within the range a host backend's parameter holds (a Java long or int).

    bool is refused: it is an int to Python but not a number to the host."""

    __slots__ = ("bits", "low", "high", "__name__")

    def __init__(self, bits):
        self.bits, self.low, self.high = bits, -2 ** (bits - 1), 2 ** (bits - 1) - 1
        self.__name__ = "int"

    def problem(self, value):
        """Why ``value`` is no such int (an exception to raise, without its prefix), or None."""
        if type(value) is not int:
            if isinstance(value, int) and not isinstance(value, bool):
                return None  # an int subclass (an IntEnum): the host sees its value
            return TypeError(f"must be int, not {type(value).__name__}")
        if not self.low <= value <= self.high:
            return OverflowError(f"is {value}, out of range for a {self.bits}-bit int "
                                 f"({self.low}..{self.high})")
        return None


#: The int arguments a host backend takes: a Java long, a Java int (an element of an int[]).
INT64 = Int(64)
INT32 = Int(32)


class ListOf:
    """A list (``container=list``) or tuple argument whose every item is ``item``: a type or an
    ``Int``. The items are checked before dispatch, so that no backend sees a wrong one."""

    __slots__ = ("container", "item", "__name__")

    def __init__(self, container, item):
        self.container, self.item = container, item
        self.__name__ = container.__name__

    def problem(self, value):
        if type(value) is not self.container:
            return TypeError(f"must be {self.container.__name__}, not {type(value).__name__}")
        item = self.item
        if item is INT32 and _list_storage is not None and value and _gateway.gateway is not None \
                and _gateway.gateway.isIntArray(_list_storage(value)):
            return None  # GraalPy keeps a list of 32-bit ints as a Java int[]: nothing to check
        for index, element in enumerate(value):
            problem = _item_problem(item, element)
            if problem is not None:
                return type(problem)(f"item {index} {problem}")
        return None


def _item_problem(item, value):
    if isinstance(item, Int):
        return item.problem(value)
    return _type_problem(item, value)


def _type_problem(expected, value):
    if isinstance(value, expected):
        return None
    return TypeError(f"must be {_type_names(expected)}, not {type(value).__name__}")


def _check_arguments(name, accepts, args):
    """TypeError (OverflowError for an int out of the host's range) for the first argument
    that ``accepts`` does not allow; the same on every backend, since it runs before any."""
    if len(args) != len(accepts):
        raise TypeError(f"{name}() takes {len(accepts)} arguments ({len(args)} given)")
    for position, (value, expected) in enumerate(zip(args, accepts)):
        if type(value) is expected:  # the common case (a str for str), decided at once
            continue
        if isinstance(expected, (Int, ListOf)):
            problem = expected.problem(value)
        else:
            problem = _type_problem(expected, value)
        if problem is not None:
            raise type(problem)(f"{name}() argument {position + 1} {problem}")


def _type_names(expected):
    if isinstance(expected, tuple):
        return " or ".join(kind.__name__ for kind in expected)
    return expected.__name__


def _host_call(name, function, result, accepts):
    """Wraps a host (Java or Rust) implementation in one closure: the argument check (when
    ``accepts`` is given), error translation and result conversion."""
    convert = result if callable(result) else _RESULT_CONVERTERS[result]
    if accepts is not None and len(accepts) == 1 and isinstance(accepts[0], type) and convert is _identity:
        expected = accepts[0]

        def call(*args):  # the common scalar case, kept to one Python frame
            if len(args) != 1 or not isinstance(args[0], expected):
                _check_arguments(name, accepts, args)
            try:
                return function(*args)
            except _HOST_ERRORS as error:
                raise _translate(name, error) from None

        return call

    def call(*args):
        if accepts is not None:
            _check_arguments(name, accepts, args)
        try:
            value = function(*args)
        except _HOST_ERRORS as error:
            raise _translate(name, error) from None
        return convert(value)

    return call


def _translate(name, error):
    """A KernelException from Java becomes KernelError with the same message; any other Java
    exception (a bug in a backend) a RuntimeError that scripts can catch as usual."""
    message = str(error)
    marker = "KernelException: "
    if marker in message:
        return KernelError(message.split(marker, 1)[1])
    if isinstance(error, Exception):
        return error
    return RuntimeError(f"{name}: the host backend failed: {message}")


def _identity(value):
    return value


try:  # GraalPy: a list of small ints is backed by a Java int[] that the host can fill in bulk
    from polyglot import ForeignException as _ForeignException
    from polyglot import storage as _list_storage
except ImportError:  # plain CPython, where host results never occur
    _ForeignException = _list_storage = None

#: What a host call may raise: a Java exception reaches GraalPy as polyglot.ForeignException,
#: which derives from BaseException, not Exception, so ``except Exception`` would miss it.
_HOST_ERRORS = (Exception, _ForeignException) if _ForeignException is not None else (Exception,)


def _int_list(java_ints):
    """A Java int[] as a Python list: ~1 ns per element instead of ~160 for list(java_ints).

    ``[0] * n`` makes a list whose storage is a Java int[n]; the host copies into it with
    System.arraycopy.
    """
    return _copied(java_ints, _zeros, "copyInts", list)


def _bytes(java_bytes):
    """A Java byte[] as Python bytes, through a bytearray's byte[] storage (as ``_int_list``)."""
    return bytes(_copied(java_bytes, bytearray, "copyBytes", bytes))


def _zeros(length):
    return [0] * length


def _copied(java_array, allocate, gateway_copy, slow):
    """``java_array`` copied in bulk (the gateway's ``gateway_copy`` method) into the Java array
    behind a fresh Python container ``allocate(n)``; anything unexpected falls back to
    ``slow(java_array)``, which is exact."""
    length = len(java_array)
    if length == 0 or _list_storage is None:
        return slow(java_array)
    container = allocate(length)
    try:
        getattr(_gateway.gateway, gateway_copy)(java_array, _list_storage(container), length)
    except Exception:  # noqa: BLE001 - an unexpected storage shape; the slow path is still exact
        return slow(java_array)
    return container


def java_ints(values):
    """A list of 32-bit ints as a host kernel's ``int[]`` argument: the Java int[] that GraalPy
    keeps behind such a list (no copy), else the list itself (converted element by element).
    The Java array may be longer than the list (spare capacity), so the kernel must take the
    list's length too. The caller must have checked that every value fits in 32 bits."""
    if _list_storage is not None and type(values) is list and values:
        storage = _list_storage(values)
        if _gateway.gateway.isIntArray(storage):
            return storage
    return values


def _int_lists(java_arrays):
    """A Java int[][] as a list of Python lists, each through ``_int_list``."""
    return [_int_list(java_ints) for java_ints in java_arrays]


_RESULT_CONVERTERS = {None: _identity, "int_list": _int_list, "int_lists": _int_lists, "bytes": _bytes}


# --- auto: choose by measurement ---------------------------------------------------------

_warned_fallback = set()


def _auto_choice(kernel_, args):
    """``choose`` under auto: by stored figures, else measured here (on the kernel's sample, or
    on the arguments of this first call without one) in a trusted context; a sandboxed script
    may not steer routing for later callers, so it does not measure (that would also spend
    the caller's timeout) and takes the kernel's ``auto_order``. A fallback warns once."""
    def measure():
        sample = kernel_.sample_arguments()
        return calibrate(kernel_, budget_seconds=0.05, arguments=sample if sample is not None else args)

    backend, note = choose(kernel_.name, "auto", kernel_.reasons(), _stored_calibration(kernel_.name),
                           measure if _may_record_calibration() else None)
    if note is not None and kernel_.name not in _warned_fallback and _gateway.gateway is not None:
        _warned_fallback.add(kernel_.name)
        warnings.warn(f"tandem: {note}", RuntimeWarning, 3)
    return backend


def _may_record_calibration():
    """True in a trusted context (the command line), whose gateway records measurements."""
    return _gateway.gateway is not None and hasattr(_gateway.gateway, "storeCalibration")


def _stored_calibration(name):
    """The host's figures for kernel ``name`` ({backend: ns}), or None; the host validated them."""
    if _gateway.gateway is None:
        return None
    stored = _gateway.gateway.calibration(name)
    if stored is None:
        return None
    timings = {}
    for item in str(stored).split(","):
        backend, _, nanos = item.partition("=")
        try:
            timings[backend] = float(nanos)
        except ValueError:
            return None
    return timings


def calibrate(kernel_, budget_seconds=0.5, arguments=None):
    """Times every available backend on the kernel's sample; stores and returns ns per call."""
    arguments = arguments if arguments is not None else kernel_.sample_arguments()
    if arguments is None:
        raise ValueError(f"{kernel_.name} has no calibration sample; pass arguments=(...)")
    timings = {}
    for backend in kernel_.available_backends():
        timings[backend] = _time_backend(kernel_.implementation(backend), arguments, budget_seconds)
    if _may_record_calibration():
        _gateway.gateway.storeCalibration(kernel_.name, ",".join(f"{b}={max(ns, 0.1):.1f}" for b, ns in timings.items()))
    return timings


def _time_backend(function, arguments, budget_seconds):
    """Best of several rounds, in ns per call, within about ``budget_seconds``."""
    deadline = time.perf_counter() + budget_seconds
    best = float("inf")
    calls = 1
    while True:
        start = time.perf_counter_ns()
        for _ in range(calls):
            function(*arguments)
        elapsed = time.perf_counter_ns() - start
        best = min(best, elapsed / calls)
        if time.perf_counter() >= deadline:
            return best
        if elapsed < 1_000_000:
            calls *= 2


# --- listing --------------------------------------------------------------------------------

def _import_builtin_areas():
    """Registers Tandem's own kernels (their modules declare them on import)."""
    for area in BUILTIN_AREAS:
        __import__(area)


def kernels():
    """Every kernel known here: name, backends available here, and the current selection."""
    _import_builtin_areas()
    listing = []
    for name in sorted(_REGISTRY):
        registered = _REGISTRY[name]
        available = registered.available_backends()
        choice = current_policy().choice_for(name)
        listing.append({
            "name": name,
            "backends": {backend: registered.unavailable_reason(backend) or "available" for backend in BACKENDS},
            "policy": choice,
            "selected": _selection(registered, choice, available),
            "methods": [f"host.{method}" for method in host_methods(name)]
                       + [f"handle.{method}" for method in handle_methods(name)],
        })
    return listing


def _selection(registered, choice, available):
    if choice != "auto":
        return choice if choice in available else f"unavailable ({registered.unavailable_reason(choice)})"
    timings = _stored_calibration(registered.name)
    if len(available) == 1 or not timings:
        if len(available) == 1:
            return available[0]
        if not _may_record_calibration():
            return next(backend for backend in auto_order(registered.name) if backend in available) + " (not measured)"
        return "measured at first use"
    return min(available, key=lambda backend: timings.get(backend, float("inf")))


def calibrate_all(budget_seconds=0.5, out=None):
    """Measures every kernel that has a calibration sample; prints ns per call per backend."""
    out = out or sys.stdout
    _import_builtin_areas()
    for name in sorted(_REGISTRY):
        registered = _REGISTRY[name]
        if registered.sample_arguments() is None:
            print(f"{name}: no calibration sample (calibrated at first use under auto)", file=out)
            continue
        timings = calibrate(registered, budget_seconds)
        registered._policy = None  # re-resolve with the new measurements
        fastest = min(timings, key=timings.get)
        cells = "  ".join(f"{backend} {nanos:,.0f} ns" for backend, nanos in timings.items())
        print(f"{name}: {cells}  -> auto picks {fastest}", file=out)


def run_reference(name, *args):
    """Kernel ``name``'s python backend on ``args`` as they are, for a host command whose
    Router chose it (``tandem lint``); a script calls the kernel instead."""
    return get(name).reference(*args)


def get(name):
    """The registered kernel called ``name``."""
    _import_builtin_areas()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"no kernel named {name!r}; known: {', '.join(sorted(_REGISTRY))}") from None


def print_kernels(out=None):
    """The table `tandem kernels` prints."""
    out = out or sys.stdout
    listing = kernels()
    rows = [("KERNEL", "PYTHON", "JAVA", "RUST", "POLICY", "SELECTED")]
    for entry in listing:
        marks = [("yes" if entry["backends"][b] == "available" else "no") for b in BACKENDS]
        rows.append((entry["name"], *marks, entry["policy"], entry["selected"]))
        # A method of the kernel's host object or handle runs where the kernel runs.
        rows += [(f"  {method}", "", "", "", "", "") for method in entry["methods"]]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip(), file=out)
    for entry in listing:
        for backend, state in entry["backends"].items():
            if state != "available":
                print(f"{entry['name']}: {backend} unavailable: {state}", file=out)

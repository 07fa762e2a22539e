"""The differential harness: every available backend of a kernel on the same inputs.

The Java test suite (DifferentialTest) feeds it fixed and generated cases for every kernel;
on plain CPython it runs too, with the python backend alone. Outcomes compare as values
(equal results, or equal ``comparable(result)`` for a kernel that declares one) or as errors
(same exception type and message).
"""

from tandem import _route


def signatures():
    """``[[kernel name, [argument type names...], has own cases], ...]`` for every kernel."""
    listing = []
    for entry in _route.kernels():
        registered = _route.get(entry["name"])
        accepts = registered.accepts or ()
        listing.append([registered.name, [_type_name(kind) for kind in accepts], registered.cases is not None])
    return listing


#: str arguments only Python can build (a Java String cannot hold two separate lone
#: surrogates that form a pair): added for every kernel that takes one str.
PYTHON_ONLY_TEXTS = ("\ud83d\ude42", "x\ud83d\ude42y", "\ude42\ud83d", "\ud83d", "a\udfff")


def compare(name, cases):
    """Runs each case on each available backend; returns one line per disagreement."""
    registered = _route.get(name)
    backends = registered.available_backends()
    mismatches = []
    cases = list(cases)
    if registered.accepts == (str,):
        cases += [[text] for text in PYTHON_ONLY_TEXTS]
    if registered.cases is not None:
        cases += registered.cases()
    if not cases:
        raise ValueError(f"{name}: no cases; declare cases= on the kernel for its argument types")
    for arguments in cases:
        arguments = tuple(arguments)
        outcomes = {backend: _outcome(registered, backend, arguments) for backend in backends}
        reference = outcomes["python"]
        for backend, outcome in outcomes.items():
            if outcome != reference:
                mismatches.append(f"{name}{_short(arguments)}: python gave {_short(reference)}, "
                                  f"{backend} gave {_short(outcome)}")
    return mismatches


def own_cases(name):
    """The argument tuples the kernel itself supplies (``cases=``), or an empty list."""
    registered = _route.get(name)
    return list(registered.cases()) if registered.cases is not None else []


def backends(name):
    """The backends ``compare`` runs for ``name`` here."""
    return _route.get(name).available_backends()


def _outcome(registered, backend, arguments):
    with _route.using(routes={registered.name: backend}):
        try:
            result = registered(*arguments)
            return ("result", registered.comparable(result) if registered.comparable else result)
        except Exception as error:  # noqa: BLE001 - the error is part of the outcome compared
            return ("error", type(error).__name__, str(error))


def _type_name(kind):
    if isinstance(kind, tuple):
        return "|".join(_type_name(each) for each in kind)
    return kind.__name__


def _short(value, limit=200):
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + f"... ({len(text)} chars)"

"""The differential harness: every available backend of a kernel on the same inputs.

The Java test suite (DifferentialTest) feeds it fixed and generated cases for every kernel;
on plain CPython it runs too, with the python backend alone. Outcomes compare as values
(equal results, or equal ``comparable(result)`` for a kernel that declares one) or as errors
(same exception type and message). Beyond the cases of each kernel:

- ``compare_refusals``: arguments every kernel must refuse alike, generated from its declared
  ``accepts`` (wrong types, ints beyond 32 and 64 bits, bad items in list and tuple arguments);
- ``compare_handle_method``: each method kernels.json declares on a kernel's handle (a
  parsed source map's lookups), called alike on the handle each backend returns;
- ``compare_api``: the public APIs over the kernels (tiktoken's Encoding, the source map
  index) fed one catalogue of bad arguments under each backend;
- ``fuzz``: seeded random inputs (texts, mappings and source maps, rank files, Python
  sources); TANDEM_FUZZ_CASES and TANDEM_FUZZ_SEED make a longer or another run.
"""

import os
import random

from tandem import _fuzz_inputs, _route


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
    cases = list(cases)
    if registered.accepts == (str,):
        cases += [[text] for text in PYTHON_ONLY_TEXTS]
    if registered.cases is not None:
        cases += registered.cases()
    cases += [arguments for kernel_name, arguments in REGRESSIONS if kernel_name == name]
    if not cases:
        raise ValueError(f"{name}: no cases; declare cases= on the kernel for its argument types")
    return _compare_cases(registered, cases)


def _compare_cases(registered, cases):
    name = registered.name
    backends = registered.available_backends()
    mismatches = []
    for arguments in cases:
        arguments = tuple(arguments)
        outcomes = {backend: _outcome(registered, backend, arguments) for backend in backends}
        reference = outcomes["python"]
        for backend, outcome in outcomes.items():
            if outcome != reference:
                mismatches.append(f"{name}{_short(arguments)}: python gave {_short(reference)}, "
                                  f"{backend} gave {_short(outcome)}")
    return mismatches


class _TextSubclass(str):
    """A str subclass: it crosses to a host backend as its value; every backend must agree on it."""


#: Values no kernel argument may be without being refused alike on every backend, or that are
#: valid but odd (lone surrogates, NUL): None, bool, float, ints past 32 and 64 bits both ways,
#: bytes where str, containers where scalars, a str subclass.
WRONG_VALUES = (None, True, False, 3.5, float("nan"), 0, -1, 2**31 - 1, 2**31, -2**31 - 1, 2**32, 2**63 - 1,
                2**63, -2**63, -2**63 - 1, 2**64, 2**70, -2**70, b"abc", bytearray(b"abc"), [1], ["a"], ("a",),
                (1,), {"a": 1}, "", "\x00", "\ud800", "a\udfffb", "\ud83d\ude42", _TextSubclass("abc"))

#: Inputs the fuzz found once that the backends treated differently, kept as fixed cases:
#: (kernel name, arguments).
REGRESSIONS = [
    # GraalPy's "surrogatepass" UTF-16 codec garbled these (tandem.text.as_utf16_sees_it).
    ("text.codepoints", ("\udd15\udaa4\ude02\udd05\ud9be",)),
    ("text.fnv1a_32", ("\udd15\udaa4\ude02\udd05\ud9be",)),
    ("text.codepoints", ("\ud800\ud800\udfff \udfff\ud83d\ude42\u200d!\ud83d\u4e2d\udfff",)),
    ("text.fnv1a_32", ("\ud800\ud800\udfff \udfff\ud83d\ude42\u200d!\ud83d\u4e2d\udfff",)),
    # A character outside Base64 is named as a Java String holds it (one code point for a pair).
    ("sourcemap.decode", ("AAAA;\ud83d\ude42", 1, 1)),
    # Lone surrogates are no UTF-8: the Rust linter refuses them, and so does the reference.
    ("lint.check", ("x = '\ud800'\n", "a.py", "")),
]


def refusal_cases(name):
    """Argument tuples built from the kernel's declared ``accepts`` and first own case: each
    argument in turn replaced by every WRONG_VALUES entry; for a list or tuple argument, a bad
    item appended and a long list; and too few and too many arguments."""
    registered = _route.get(name)
    accepts = registered.accepts or ()
    base = list(own_cases(name)[0]) if registered.cases is not None else [_valid(kind) for kind in accepts]
    # Two items of each list are enough to put a bad one after, and keep a slow reference quick.
    base = [value[:2] if isinstance(kind, _route.ListOf) else value for value, kind in zip(base, accepts)]
    cases = [base[:-1], base + [None]]
    for position, kind in enumerate(accepts):
        for wrong in WRONG_VALUES:
            cases.append(base[:position] + [wrong] + base[position + 1:])
        if isinstance(kind, _route.ListOf):
            items = list(base[position])
            for wrong in WRONG_VALUES:
                cases.append(base[:position] + [kind.container(items + [wrong])] + base[position + 1:])
            many = [_valid(kind.item)] * 2_000 if kind.item is not _route.INT32 else list(range(200_000))
            cases.append(base[:position] + [kind.container(many)] + base[position + 1:])
    return [tuple(arguments) for arguments in cases]


def handle_methods():
    """``[[kernel name, method], ...]``: every method kernels.json declares on a kernel's handle."""
    return [[entry["name"], method] for entry in _route.kernels() for method in _route.handle_methods(entry["name"])]


def compare_handle_method(name, method):
    """Each call the kernel's ``handle_cases`` gives for ``method``, on the handle each backend
    returns for each of its maps: one line per disagreement with the python backend's."""
    registered = _route.get(name)
    if registered.handle_cases is None:
        raise ValueError(f"{name} returns a handle but declares no handle_cases= for the harness")
    maps, calls = registered.handle_cases()
    if set(calls) != set(_route.handle_methods(name)):
        raise ValueError(f"{name}: handle_cases covers {sorted(calls)}, kernels.json declares "
                         f"{sorted(_route.handle_methods(name))}")
    mismatches = []
    for arguments in maps:
        handles = {}
        for backend in registered.available_backends():
            with _route.using(routes={name: backend}):
                handles[backend] = registered(*arguments)
        for call in calls[method]:
            outcomes = {backend: _outcome_of(lambda: getattr(found, method)(*call)) for backend, found in handles.items()}
            mismatches += _disagreements(f"{name}{_short(arguments)}.{method}{_short(call)}", outcomes)
    return mismatches


def compare_refusals(name):
    """``compare`` on ``refusal_cases``: one line per disagreement."""
    return _compare_cases(_route.get(name), refusal_cases(name))


def _valid(kind):
    if kind is str:
        return "abc"
    if kind is int or isinstance(kind, _route.Int):
        return 1
    if isinstance(kind, _route.ListOf):
        return kind.container()
    raise ValueError(f"the harness has no value of {kind!r}; declare cases= on the kernel")


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
    if isinstance(kind, _route.ListOf):
        return f"{kind.container.__name__}[{_type_name(kind.item)}]"
    return kind.__name__


def _outcome_of(call):
    try:
        return ("result", call())
    except Exception as error:  # noqa: BLE001 - the error is part of the outcome compared
        return ("error", type(error).__name__, str(error))


def _disagreements(label, outcomes):
    """Lines for each backend's outcome that differs from python's (the reference)."""
    reference = outcomes["python"]
    return [f"{label}: python gave {_short(reference)}, {backend} gave {_short(outcome)}"
            for backend, outcome in outcomes.items() if outcome != reference]


def _short(value, limit=200):
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + f"... ({len(text)} chars)"


# --- the public APIs over the kernels -------------------------------------------------------

#: Positions, ids and texts of the wrong type or out of range for the public API calls.
API_VALUES = (None, True, 1.5, float("nan"), "1", b"1", -1, 0, 2**31 - 1, 2**31, 2**32, 2**63, 2**64, 2**70,
              -2**70, [1], (0, 0), _TextSubclass("hello"), "\ud800", "a\udfffb")

_SOURCE_MAP = ('{"version": 3, "file": "out.js", "sources": ["a.js", "b.js"], "names": ["x"], '
               '"sourcesContent": ["one\\ntwo\\nthree", null], "mappings": "AAAA,SAASA;AACA,EAAE;;ACAA"}')


def _tiktoken_calls():
    def ids(value):
        return [15339, value]

    return {
        "encode": lambda enc, v: enc.encode(v),
        "encode(allowed_special)": lambda enc, v: enc.encode("a<|endoftext|>", allowed_special={v}),
        "encode(disallowed_special)": lambda enc, v: enc.encode("a", disallowed_special=v),
        "encode_ordinary": lambda enc, v: enc.encode_ordinary(v),
        "count_tokens": lambda enc, v: enc.count_tokens(v),
        "encode_batch": lambda enc, v: enc.encode_batch(["a", v]),
        "encode_batch(texts)": lambda enc, v: enc.encode_batch(v),
        "encode_ordinary_batch": lambda enc, v: enc.encode_ordinary_batch(["a", v]),
        "encode_ordinary_batch(texts)": lambda enc, v: enc.encode_ordinary_batch(v),
        "decode": lambda enc, v: enc.decode(ids(v)),
        "decode(ids)": lambda enc, v: enc.decode(v),
        "decode_bytes": lambda enc, v: enc.decode_bytes(ids(v)),
        "decode_single_token_bytes": lambda enc, v: enc.decode_single_token_bytes(v),
        "decode_tokens_bytes": lambda enc, v: enc.decode_tokens_bytes(ids(v)),
        "decode_batch": lambda enc, v: enc.decode_batch([[1], ids(v)]),
        "decode_with_offsets": lambda enc, v: enc.decode_with_offsets(ids(v)),
        "encode_single_token": lambda enc, v: enc.encode_single_token(v),
    }


def _sourcemap_calls():
    return {
        "lookup(line)": lambda sm, v: sm.lookup(v, 0),
        "lookup(column)": lambda sm, v: sm.lookup(0, v),
        "[index]": lambda sm, v: sm[v],
        "original_position_for(line)": lambda sm, v: sm.original_position_for(v, 0),
        "original_position_for(column)": lambda sm, v: sm.original_position_for(1, v),
        "original_position_for(bias)": lambda sm, v: sm.original_position_for(1, 0, bias=v),
        "original_positions_for(line)": lambda sm, v: sm.original_positions_for([(1, 0), (v, 0)]),
        "original_positions_for(column)": lambda sm, v: sm.original_positions_for([(1, 0), (1, v)]),
        "original_positions_for(bias)": lambda sm, v: sm.original_positions_for([(1, 0)], bias=v),
        "lookup_packed(lines)": lambda sm, v: sm.lookup_packed([0, v], [0, 0]),
        "lookup_packed(columns)": lambda sm, v: sm.lookup_packed([0, 0], [0, v]),
        "lookup_packed(bias)": lambda sm, v: sm.lookup_packed([0], [0], bias=v),
        "generated_positions_for(source)": lambda sm, v: sm.generated_positions_for(v, 1),
        "generated_positions_for(line)": lambda sm, v: sm.generated_positions_for("a.js", v),
        "generated_positions_for(column)": lambda sm, v: sm.generated_positions_for("a.js", 1, v),
        "source_content": lambda sm, v: sm.source_content(v),
        "original_function_name(line)": lambda sm, v: sm.original_function_name(v, 0),
        "original_function_name(generated)": lambda sm, v: sm.original_function_name(1, 0, v),
    }


def compare_api():
    """The tiktoken Encoding's methods and the source map's lookups with every API_VALUES entry
    in each argument, on every backend: one line per disagreement with the python backend."""
    from tandem import sourcemap, tiktoken

    mismatches = []
    backends = _route.get("bpe.decode_bytes").available_backends()
    encoding = tiktoken.get_encoding("cl100k_base")
    for label, call in _tiktoken_calls().items():
        for value in API_VALUES:
            outcomes = {}
            for backend in backends:
                with _route.using(backend):
                    outcomes[backend] = _outcome_of(lambda: call(encoding, value))
            mismatches += _disagreements(f"tiktoken {label} with {value!r}", outcomes)
    backends = _route.get("sourcemap.decode").available_backends()
    maps = {}
    for backend in backends:
        with _route.using(backend):
            maps[backend] = sourcemap.loads(_SOURCE_MAP)
    for label, call in _sourcemap_calls().items():
        for value in API_VALUES:
            outcomes = {}
            for backend in backends:
                with _route.using(backend):
                    outcomes[backend] = _outcome_of(lambda: call(maps[backend], value))
            mismatches += _disagreements(f"sourcemap {label} with {value!r}", outcomes)
    for value in API_VALUES + (_SOURCE_MAP[:-3], _SOURCE_MAP.encode()):
        outcomes = {}
        for backend in backends:
            with _route.using(backend):
                outcomes[backend] = _outcome_of(lambda: _map_summary(sourcemap.loads(value)))
        mismatches += _disagreements(f"sourcemap loads {value!r}", outcomes)
    return mismatches


# --- fuzzing ----------------------------------------------------------------------------------

#: Cases per kind in a run: a few seconds' worth by default, as many as TANDEM_FUZZ_CASES says.
DEFAULT_FUZZ_CASES = 30
#: The seed of the default run; TANDEM_FUZZ_SEED gives another.
DEFAULT_FUZZ_SEED = 20261207

FUZZ_KINDS = ("texts", "mappings", "source maps", "rank files", "python sources")


def fuzz_settings():
    """``(cases per kind, seed)`` from TANDEM_FUZZ_CASES and TANDEM_FUZZ_SEED, else the defaults."""
    cases = int(os.environ.get("TANDEM_FUZZ_CASES") or DEFAULT_FUZZ_CASES)
    seed = int(os.environ.get("TANDEM_FUZZ_SEED") or DEFAULT_FUZZ_SEED)
    return cases, seed


def fuzz(kind, cases=None, seed=None):
    """``cases`` seeded random inputs of ``kind`` (one of FUZZ_KINDS) run on every backend of the
    kernels that take them; one line per disagreement, naming the seed and case to replay."""
    default_cases, default_seed = fuzz_settings()
    cases = default_cases if cases is None else cases
    seed = default_seed if seed is None else seed
    rng = random.Random(f"{seed}:{kind}")
    check = _FUZZERS[kind]
    mismatches = []
    for number in range(cases):
        for line in check(rng):
            mismatches.append(f"[fuzz {kind!r} seed {seed} case {number}] {line}")
    return mismatches


def _fuzz_text(rng):
    text = _fuzz_inputs.text(rng)
    mismatches = []
    for name, arguments in (("text.codepoints", (text,)), ("text.fnv1a_32", (text,)),
                            ("bpe.encode_ordinary", ("cl100k_base", text)),
                            ("bpe.count", ("cl100k_base", text, ("<|endoftext|>",))),
                            ("sourcemap.function_scopes", (text,))):
        mismatches += _compare_cases(_route.get(name), [arguments])
    return mismatches


def _fuzz_mappings(rng):
    sources, names = rng.randrange(0, 4), rng.randrange(0, 3)
    return _compare_cases(_route.get("sourcemap.decode"), [(_fuzz_inputs.mappings(rng, sources, names), sources, names)])


def _fuzz_source_map(rng):
    from tandem import sourcemap

    text = _fuzz_inputs.source_map(rng)
    queries = [(rng.randrange(1, 7), rng.randrange(0, 40)) for _ in range(4)]
    outcomes = {}
    for backend in _route.get("sourcemap.decode").available_backends():
        with _route.using(backend):
            outcomes[backend] = _outcome_of(lambda: _map_summary(sourcemap.loads(text), queries))
    return _disagreements(f"sourcemap.loads({_short(text)})", outcomes)


def _fuzz_rank_file(rng):
    """Rank data reaches one parser (``bpe.load_ranks``, behind tiktoken's load_tiktoken_bpe and
    Encoding): it must give ranks or a ValueError, and an Encoding built on them must encode
    alike under every backend."""
    from tandem import bpe, tiktoken

    data = _fuzz_inputs.rank_data(rng)
    outcome = _outcome_of(lambda: bpe.load_ranks(data))
    if outcome[0] == "error" and outcome[1] != "ValueError":
        return [f"load_ranks({_short(data)}) raised {outcome[1]}: {outcome[2]}"]
    if outcome != _outcome_of(lambda: tiktoken.load_tiktoken_bpe(data)):
        return [f"load_tiktoken_bpe({_short(data)}) differs from load_ranks"]
    if outcome[0] == "error":
        return []
    text = _fuzz_inputs.text(rng)
    outcomes = {}
    for backend in _route.BACKENDS:
        with _route.using(backend if backend == "python" else "auto"):
            outcomes[backend] = _outcome_of(lambda: tiktoken.Encoding(
                "fuzz", pat_str=r"\S+|\s+", mergeable_ranks=outcome[1], special_tokens={}).encode_ordinary(text))
    return _disagreements(f"Encoding(fuzz ranks).encode_ordinary({_short(text)})", outcomes)


def _fuzz_python_source(rng):
    """``lint.check`` on every backend. A source with a syntax error is compared by whether it
    has one and by its other rows: where the first error is found, and how the rows around it
    are ordered, comes from each backend's own parser."""
    import json

    source = _fuzz_inputs.python_source(rng)
    registered = _route.get("lint.check")
    outcomes = {}
    for backend in registered.available_backends():
        with _route.using(routes={registered.name: backend}):
            outcomes[backend] = _outcome_of(lambda: _lint_view(json.loads(
                registered(source, "fuzz.py", "E4,E7,E9,F,W291,W293,E501"))))
    return _disagreements(f"lint.check({_short(source)})", outcomes)


def _lint_view(rows):
    from tandem.lint import SYNTAX_ERROR

    return any(row[0] == SYNTAX_ERROR for row in rows), sorted(row for row in rows if row[0] != SYNTAX_ERROR)


_FUZZERS = {"texts": _fuzz_text, "mappings": _fuzz_mappings, "source maps": _fuzz_source_map,
            "rank files": _fuzz_rank_file, "python sources": _fuzz_python_source}


def _map_summary(parsed, queries=((1, 0),)):
    """What a parsed source map says, as plain values: its fields, every mapping and lookups."""
    tokens = [(t.dst_line, t.dst_col, t.src, t.src_line, t.src_col, t.name) for t in parsed]
    return (type(parsed).__name__, list(parsed.sources), list(parsed.names), tokens,
            [tuple(parsed.original_position_for(line, column)) for line, column in queries])

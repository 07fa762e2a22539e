"""Cross-backend check of source maps, run by the Java tests (SourcemapBackendsTest): one map
parsed on every available backend of ``sourcemap.decode`` must give the same mappings, the
same lookups with both biases and the same reverse lookups as the python backend, and bad
mappings the same error message."""

import random

from tandem import _route, sourcemap
from tandem._route import KernelError

# (mappings, source count, name count): one case per error of the reference, and a valid one.
BAD_MAPPINGS = (
    ("AAAA,,", 1, 1), ("AAAA,;", 1, 1), (",A", 1, 1), ("AAAA,", 1, 1), ("AA", 1, 1), ("AAAAAA", 1, 1),
    ("AAg", 1, 1), ("AA!A", 1, 1), ("AA A", 1, 1), ("AA\u00e9", 1, 1), ("AA\U0001F600", 1, 1), ("A\ud800", 1, 1),
    ("gggggggE", 1, 1), ("ggggggggggA", 1, 1), ("D", 1, 1), ("AAAD", 1, 1), ("ACAA", 1, 1), ("AAAAC", 1, 1),
    ("+/////D,+/////D", 1, 1), ("AAAA", -1, 0), ("AAAA", 0, 2**31), ("AAAA;;CAAA", 1, 0),
)


def compare_backends(text, seed=0, queries=3000):
    """One line per disagreement with the python backend (empty when all agree)."""
    backends = _route.get("sourcemap.decode").available_backends()
    parsed = {}
    for backend in backends:
        with _route.using(routes={"sourcemap.decode": backend}):
            parsed[backend] = sourcemap.loads(text)
    reference = parsed["python"]
    tokens = list(reference)
    rng = random.Random(seed)
    mismatches = []
    for backend, other in parsed.items():
        if list(other) != tokens:
            mismatches.append(f"{backend}: the mappings differ")
            continue
        mismatches += _compare_batch(backend, reference, other, tokens, random.Random(seed), queries)
        for _ in range(queries if tokens else 0):
            token = rng.choice(tokens)
            line, column = token.dst_line + 1, max(0, token.dst_col + rng.randint(-3, 3))
            for bias in (sourcemap.GREATEST_LOWER_BOUND, sourcemap.LEAST_UPPER_BOUND):
                want, got = reference.original_position_for(line, column, bias), other.original_position_for(line, column, bias)
                if want != got:
                    mismatches.append(f"{backend}: original_position_for({line}, {column}, {bias}) gave {got}, python {want}")
            if token.src is not None:
                arguments = (token.src, token.src_line + 1, rng.choice((None, token.src_col, token.src_col + 1)))
                want, got = reference.generated_positions_for(*arguments), other.generated_positions_for(*arguments)
                if want != got:
                    mismatches.append(f"{backend}: generated_positions_for{arguments} gave {got}, python {want}")
    return mismatches[:20]


def _compare_batch(backend, reference, other, tokens, rng, queries):
    """``original_positions_for`` (one batch) against the python backend's one-at-a-time lookups."""
    places = [(t.dst_line + 1, max(0, t.dst_col + rng.randint(-3, 3))) for t in tokens]
    positions = [rng.choice(places) for _ in range(queries)] + [(1, 0), (10**6, 0), (1, 2**40)] if tokens else []
    mismatches = []
    for bias in (sourcemap.GREATEST_LOWER_BOUND, sourcemap.LEAST_UPPER_BOUND):
        got = other.original_positions_for(positions, bias)
        want = [reference.original_position_for(line, column, bias) for line, column in positions]
        mismatches += [f"{backend}: original_positions_for gave {g} at {p} (bias {bias}), python {w}"
                       for p, g, w in zip(positions, got, want) if g != w][:5]
        packed = other.lookup_packed([line - 1 for line, _ in positions], [column for _, column in positions], bias)
        rows = [packed[at:at + 4] for at in range(0, len(packed), 4)]
        mismatches += [f"{backend}: lookup_packed gave {g} at {p} (bias {bias}), python {w}"
                       for p, g, w in zip(positions, rows, want) if g != _as_ints(other, w)][:5]
    return mismatches


def _as_ints(parsed, found):
    """An OriginalPosition as lookup_packed's 4 ints."""
    if found.source is None:
        return [-1] * 4
    return [parsed.sources.index(found.source), found.line - 1, found.column,
            -1 if found.name is None else parsed.names.index(found.name)]


#: A map with every kind of answer: mappings with a name, without one, without a source.
PACKED_MAP = ('{"version": 3, "sources": ["a.js", "b.js"], "names": ["foo"],'
              ' "mappings": "AAAA,IAAIA,M;;ECEH,EAAC"}')
#: Bad calls of lookup_packed: (lines, columns, bias).
BAD_PACKED = (([0], [0], 0), ([0, 0], [0], 1), ([-1], [0], 1), ([0], [-1], 2), ([0], [0.5], 1), (["0"], [0], 1),
              ([None], [0], 1))


def compare_lookup_packed():
    """One line per query or bad call on which a backend's lookup_packed differs from its own
    original_position_for, or (for errors) from the python backend's."""
    lines = [0] * 12 + [1, 2, 2, 2, 2**31 - 1, 2**31, 2**40, 0, 0]
    columns = list(range(12)) + [0, 1, 2, 4, 0, 0, 0, 2**31, 2**63]
    mismatches, errors = [], {}
    for backend in backends():
        with _route.using(routes={"sourcemap.decode": backend}):
            parsed = sourcemap.loads(PACKED_MAP)
        for bias in (sourcemap.GREATEST_LOWER_BOUND, sourcemap.LEAST_UPPER_BOUND):
            want = [value for line, column in zip(lines, columns)
                    for value in _as_ints(parsed, parsed.original_position_for(line + 1, column, bias))]
            got = parsed.lookup_packed(lines, columns, bias)
            if got != want:
                mismatches.append(f"{backend}: lookup_packed (bias {bias}) gave {got}, original_position_for {want}")
        for arguments in BAD_PACKED:
            try:
                errors[(backend, repr(arguments))] = parsed.lookup_packed(*arguments)
            except (KernelError, TypeError, ValueError) as error:
                errors[(backend, repr(arguments))] = f"{type(error).__name__}: {error}"
    return mismatches + [f"{backend}: lookup_packed {key} gave {got!r}, python {errors[('python', key)]!r}"
                         for (backend, key), got in errors.items() if got != errors[("python", key)]]


#: lookup_many's edge queries: lines and columns past the map, negative, past 32 bits.
EDGE_LINES = [0, 0, 0, 1, -1, -2**31, 2**31 - 1, 2**31, 2**40, 0, 0, 0]
EDGE_COLUMNS = [0, 3, 2**31 - 1, 0, 0, 0, 0, 0, 0, -1, 2**31, 2**63]
#: Bad calls of lookup_many: (lines, columns, bias).
BAD_LOOKUPS = (([0], [0], 0), ([0], [0], 3), ([0], [0], 2**40), ([], [], -1), ([0, 1], [0], 1),
               ([0], [0.5], 1), (["0"], [0], 2), ([None], [0], 1))


def compare_lookup_many():
    """One line per query or bad call on which a backend's lookup_many differs from the
    python backend's, or from that backend's own single lookups."""
    mismatches = []
    outcomes = {}
    for backend in backends():
        with _route.using(routes={"sourcemap.decode": backend}):
            mappings = sourcemap.decode("AAAA,EAAE,6/////DAAA;AACA,CAAC;;AAAA", 1, 1)
        for bias in (sourcemap.GREATEST_LOWER_BOUND, sourcemap.LEAST_UPPER_BOUND):
            got = mappings.lookup_many(EDGE_LINES, EDGE_COLUMNS, bias)
            single = []
            for line, column in zip(EDGE_LINES, EDGE_COLUMNS):
                index = mappings.lookup(line, column, bias)
                single += mappings.mapping(index) if index >= 0 else [-1] * 6
            if got != single:
                mismatches.append(f"{backend}: lookup_many (bias {bias}) gave {got}, its single lookups {single}")
            outcomes[(backend, bias)] = got
        for arguments in BAD_LOOKUPS:
            try:
                outcomes[(backend, repr(arguments))] = mappings.lookup_many(*arguments)
            except (KernelError, TypeError) as error:
                outcomes[(backend, repr(arguments))] = f"{type(error).__name__}: {error}"
    return mismatches + [f"{backend}: lookup_many {key} gave {got!r}, python {outcomes[('python', key)]!r}"
                         for (backend, key), got in outcomes.items() if got != outcomes[("python", key)]]


#: Mappings with every kind of answer for the kernel's lookup_packed: a name, none, no source
#: ("C", "D": 1-field segments), ties at one column, a column near INT32_MAX, an empty line.
PACKED_MAPPINGS = ("AAAA,EAAEA,C,AAAA,D,6/////DAAA;AACA,CAAC;;AAAAC", 1, 2)


def compare_kernel_lookup_packed():
    """One line per query or bad call on which a backend's kernel ``lookup_packed`` differs from
    its own ``lookup_many`` (the 4 original ints of each row, or -1s without a source), or from
    the python backend's; the host backends also through their path without list storage (the
    host allocates the result, copied once)."""
    mismatches, outcomes = [], {}
    for backend in backends():
        with _route.using(routes={"sourcemap.decode": backend}):
            mappings = sourcemap.decode(*PACKED_MAPPINGS)
        for bias in (sourcemap.GREATEST_LOWER_BOUND, sourcemap.LEAST_UPPER_BOUND):
            got = mappings.lookup_packed(EDGE_LINES * 2 + [0] * 14, EDGE_COLUMNS * 2 + list(range(14)), bias)
            rows = mappings.lookup_many(EDGE_LINES * 2 + [0] * 14, EDGE_COLUMNS * 2 + list(range(14)), bias)
            want = []
            for at in range(0, len(rows), 6):
                want += rows[at + 2:at + 6] if rows[at + 2] >= 0 else [-1] * 4
            if got != want:
                mismatches.append(f"{backend}: lookup_packed (bias {bias}) gave {got}, its lookup_many {want}")
            host = getattr(mappings, "_host", None)
            if host is not None:
                lines, columns = sourcemap._HostMappings._host_queries(EDGE_LINES, EDGE_COLUMNS, bias)
                allocated = _route._int_list(host.lookup_packed(lines, columns, len(EDGE_LINES), bias, None))
                if allocated != got[:4 * len(EDGE_LINES)]:
                    mismatches.append(f"{backend}: lookup_packed into a new array (bias {bias}) gave {allocated}, "
                                      f"into the list {got[:4 * len(EDGE_LINES)]}")
            outcomes[(backend, bias)] = got
        for arguments in BAD_LOOKUPS:
            try:
                outcomes[(backend, repr(arguments))] = mappings.lookup_packed(*arguments)
            except (KernelError, TypeError) as error:
                outcomes[(backend, repr(arguments))] = f"{type(error).__name__}: {error}"
    return mismatches + [f"{backend}: lookup_packed {key} gave {got!r}, python {outcomes[('python', key)]!r}"
                         for (backend, key), got in outcomes.items() if got != outcomes[("python", key)]]


def compare_errors():
    """One line per input of BAD_MAPPINGS on which a backend's result or error differs from python's."""
    mismatches = []
    for arguments in BAD_MAPPINGS:
        outcomes = {}
        for backend in backends():
            with _route.using(routes={"sourcemap.decode": backend}):
                try:
                    outcomes[backend] = sourcemap.decode(*arguments).flat()
                except KernelError as error:
                    outcomes[backend] = str(error)
        mismatches += [f"{backend}: decode{arguments!r} gave {got!r}, python {outcomes['python']!r}"
                       for backend, got in outcomes.items() if got != outcomes["python"]]
    return mismatches


def compare_load_errors(texts):
    """One line per map text on which a backend's ``loads`` (the host reads the JSON on the java
    and rust backends) gives another result or error than the python backend's."""
    mismatches = []
    for position, text in enumerate(texts):
        outcomes = {}
        for backend in backends():
            with _route.using(routes={"sourcemap.decode": backend}):
                try:
                    parsed = sourcemap.loads(text)
                    outcomes[backend] = [repr(token) for token in parsed] + [repr(getattr(parsed, "sources", None))]
                except sourcemap.SourceMapError as error:
                    outcomes[backend] = str(error)
        mismatches += [f"{backend}: map {position} gave {str(got)[:200]!r}, python {str(outcomes['python'])[:200]!r}"
                       for backend, got in outcomes.items() if got != outcomes["python"]]
    return mismatches


def backends():
    return _route.get("sourcemap.decode").available_backends()

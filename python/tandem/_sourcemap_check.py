"""Cross-backend check of source maps, run by the Java tests (SourcemapBackendsTest): one map
parsed on every available backend of ``sourcemap.decode`` must give the same mappings, the
same lookups with both biases and the same reverse lookups as the python backend."""

import random

from tandem import _route, sourcemap


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


def backends():
    return _route.get("sourcemap.decode").available_backends()

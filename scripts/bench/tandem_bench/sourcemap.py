"""The source-map workload: parse a 3.4 MB real map (Angular's core.mjs.map, from npm via
scripts/peers.sh node), then look up generated positions, under each Tandem backend and each peer.

Parse and lookups are two rows, timed apart. Tandem looks the positions up in one batch, one
call to the backend, through both of its batch APIs: ``original_positions_for`` (an
OriginalPosition per query, the row "Tandem B") and ``lookup_packed`` (4 ints per query and no
object, the row "Tandem B (packed)", which has no parse row of its own: the parse is the same).
The peers look up one at a time, as their APIs do. A parse is the whole map ready for
queries: for Mozilla's source-map, whose mappings are decoded lazily, it includes the first query.

The positions (1-based line, 0-based column, drawn with a fixed seed) are ones on which every
peer must agree: at or after a mapping with a source, before the next mapping on the line, and
at a generated position no other mapping shares (python-sourcemap and Mozilla break such ties
differently, and python-sourcemap does not stay on the requested line). Each lookup contributes
4 ints to the digest compared with the reference's (``digest_int32s``): source index, original
line, original column, name index, 0-based, -1 for none, all -1 when nothing maps; indices are
of the first entry with that value in the map's sources and names. That is ``lookup_packed``'s
layout, so the packed row's result is its digest input as it stands (after a check that no
source or name repeats, else remapped in the timed run); every other runner builds the same
ints from its per-lookup objects inside its timed run.
"""

import os
import random
import subprocess
from array import array

from tandem import _route, sourcemap
from tandem_bench.measure import checked_status, digest_int32s, measure, summary
from tandem_bench.peers import Peer

MAP = os.path.join("target", "node-peers", "node_modules", "@angular", "core", "fesm2022", "core.mjs.map")
REFERENCE = "Tandem reference (CPython)"


def build_corpus(home, size):
    """The map's JSON text ("" when scripts/peers.sh node cannot install it); ``size`` is unused."""
    path = os.path.join(home, MAP)
    if not os.path.exists(path):
        subprocess.run([os.path.join(home, "scripts", "peers.sh"), "node"], capture_output=True, text=True)
    if not os.path.exists(path):
        return ""
    with open(path, encoding="utf-8") as file:
        return file.read()


def draw_positions(parsed, count, seed=5):
    """``count`` generated positions every peer resolves alike (see the module's doc)."""
    tokens = list(parsed)
    places = [(t.dst_line, t.dst_col) for t in tokens]
    candidates = []
    for index, token in enumerate(tokens):
        if token.src is None:
            continue
        if (index > 0 and places[index - 1] == places[index]) or \
                (index + 1 < len(tokens) and places[index + 1] == places[index]):
            continue
        following = places[index + 1] if index + 1 < len(tokens) else None
        gap = following[1] - token.dst_col if following and following[0] == token.dst_line else 8
        candidates.append((token.dst_line + 1, token.dst_col, gap))
    rng = random.Random(seed)
    return [(line, column + rng.randrange(gap)) for line, column, gap in
            (rng.choice(candidates) for _ in range(count))]


def lookups(parsed, positions):
    """Tandem's Mozilla-style lookups over ``positions``, in one batch: the flat ints of the digest."""
    sources = _first_index(parsed.sources)
    names = _first_index(parsed.names)
    out = []
    for found in parsed.original_positions_for(positions):
        if found.source is None:
            out += (-1, -1, -1, -1)
        else:
            out += (sources[found.source], found.line - 1, found.column,
                    -1 if found.name is None else names[found.name])
    return out


def packed_lookups(parsed, lines, columns):
    """The same ints through ``lookup_packed`` (0-based ``lines``): already the digest's, unless
    a source or name value repeats in the map, when an index is the first of its value."""
    out = parsed.lookup_packed(lines, columns)
    if len(set(parsed.sources)) == len(parsed.sources) and len(set(parsed.names)) == len(parsed.names):
        return out
    sources, names = _first_index(parsed.sources), _first_index(parsed.names)
    for at in range(0, len(out), 4):
        if out[at] >= 0:
            out[at] = sources[parsed.sources[out[at]]]
            if out[at + 3] >= 0:
                out[at + 3] = names[parsed.names[out[at + 3]]]
    return out


def _first_index(values):
    index = {}
    for position, value in enumerate(values):
        index.setdefault(value, position)
    return index


def peers(home):
    script = os.path.join(home, "scripts", "bench", "sourcemap_peer.py")
    py_sourcemap = os.path.join(home, "target", "py-sourcemap")
    node_peers = os.path.join(home, "target", "node-peers")
    no_node = None if os.path.isdir(os.path.join(node_peers, "node_modules", "source-map")) else \
        "no target/node-peers/node_modules/source-map (scripts/peers.sh node failed)"
    return [
        Peer("Mozilla source-map (node)", ["node", os.path.join(home, "scripts", "bench", "sourcemap_peer.js"),
                                           node_peers], missing=no_node),
        Peer("python-sourcemap (CPython)", ["python3", script, "python-sourcemap"],
             {"PYTHONPATH": os.pathsep.join([py_sourcemap, os.path.join(home, "python")])},
             None if os.path.isdir(os.path.join(py_sourcemap, "sourcemap")) else
             "no target/py-sourcemap (scripts/peers.sh node failed)"),
        Peer(REFERENCE, ["python3", script, "reference"], {"PYTHONPATH": os.path.join(home, "python")}),
    ]


def run(home, java_home, corpus_path, text, quick, threads, progress):
    """Two rows per runner: the parse and the lookups."""
    count = 100_000 if quick else 1_000_000
    # The full run warms up long: a Tandem host row's first call compiles Python code (seconds).
    warmup, runs = (2.0, 3) if quick else (30.0, 7)
    outcomes = []
    if not text:
        outcomes.append((REFERENCE, "peer", {"missing": f"no {MAP} (scripts/peers.sh node failed)"}))
        return _rows(outcomes, 0, count)
    positions_path = _positions(home, corpus_path, count, progress)
    with open(positions_path[:-len(".json")] + ".bin", "rb") as file:
        packed = array("i")  # the same positions as int32 pairs: json.load of 12 MB takes minutes on a cold GraalPy
        packed.frombytes(file.read())
    positions = [[packed[i], packed[i + 1]] for i in range(0, len(packed), 2)]
    for peer in peers(home):
        progress(f"sourcemap: {peer.name}")
        outcomes.append((peer.name, "peer", peer.run(corpus_path, positions_path, warmup, runs)))
    for backend in _route.BACKENDS:
        name = f"Tandem {backend}"
        reason = _route.get("sourcemap.decode").unavailable_reason(backend)
        if reason:
            outcomes.append((name, "tandem", {"missing": reason}))
            continue
        if quick and backend == "python":  # minutes of a 4-minute run; the full run has it
            outcomes.append((name, "tandem", {"skipped": "--quick (the reference on a cold GraalPy takes minutes)"}))
            continue
        progress(f"sourcemap: {name}")
        # The reference on a cold GraalPy takes long to warm up: one cold run of each, not warmed up.
        cold = backend == "python"
        objects, packed = _tandem_run(backend, text, positions, 0.0 if cold else warmup, 1 if cold else runs, progress)
        outcomes += [(name, "tandem", objects), (f"{name} (packed)", "tandem", packed)]
    return _rows(outcomes, len(text.encode("utf-8")) / 1e6, count)


def _positions(home, corpus_path, count, progress):
    """The file of ``count`` positions for the map (JSON, and beside it the same as int32 pairs
    in a .bin): drawn by the reference on CPython (seconds; on GraalPy it takes minutes), once,
    then kept next to the corpus while the map is unchanged."""
    path = os.path.join(os.path.dirname(corpus_path), f"sourcemap-positions-{count}.json")
    source = os.path.join(home, MAP)
    binary = path[:-len(".json")] + ".bin"
    if os.path.exists(binary) and os.path.exists(path) and os.path.getmtime(path) >= os.path.getmtime(source):
        return path
    progress(f"sourcemap: drawing {count:,} positions on CPython")
    drawn = subprocess.run(["python3", os.path.join(home, "scripts", "bench", "sourcemap_peer.py"), "positions",
                            source, str(count), path],
                           env=dict(os.environ, PYTHONPATH=os.path.join(home, "python")), capture_output=True, text=True)
    if drawn.returncode != 0:
        for partial in (path, binary):
            if os.path.exists(partial):
                os.remove(partial)
        raise RuntimeError(f"sourcemap: drawing the positions failed: {drawn.stderr.strip()}")
    return path


def _tandem_run(backend, text, positions, warmup, runs, progress):
    """The outcomes of the object row (parse and lookups) and of the packed row (lookups only).
    The packed API's queries, two int lists, are built from the positions before timing."""
    lines, columns = [line - 1 for line, _ in positions], [column for _, column in positions]
    with _route.using(backend):
        parse = measure(lambda: sourcemap.loads(text), warmup, runs, progress)
        parsed = parse["output"]
        search = measure(lambda: lookups(parsed, positions), warmup, runs, progress)
        packed = measure(lambda: packed_lookups(parsed, lines, columns), warmup, runs, progress)
    objects = {"parse_seconds": parse["seconds"], "mappings": len(parsed), "seconds": search["seconds"],
               "lookups": len(positions), "digest": digest_int32s(search["output"]), "version": "this build"}
    return objects, {"lookups_only": True, "seconds": packed["seconds"], "lookups": len(positions),
                     "digest": digest_int32s(packed["output"]), "version": "this build"}


def _rows(outcomes, size_mb, count):
    """A parse row and a lookups row per runner; a time only for output equal to the reference's."""
    truth = dict((name, outcome) for name, _, outcome in outcomes).get(REFERENCE, {})
    parse_workload = f"sourcemap: parse core.mjs.map ({size_mb:.1f} MB)"
    lookup_workload = f"sourcemap: {count:,} lookups"
    parse_rows, lookup_rows = [], []
    for name, kind, outcome in outcomes:
        base = {"runner": name, "kind": kind, "mb_per_s": None, "tokens_per_s": None, "spread": None,
                "version": outcome.get("version")}
        parse_row = dict(base, workload=parse_workload, unit="mappings")
        lookup_row = dict(base, workload=lookup_workload, unit="lookups")
        status = checked_status(outcome, truth, "lookups")
        parse_row["status"] = lookup_row["status"] = status
        if status == "ok" and not outcome.get("lookups_only"):
            median, spread = summary(outcome["parse_seconds"])
            parse_row.update(seconds=median, mb_per_s=size_mb / median, spread=spread,
                             items_per_s=outcome.get("mappings", truth.get("mappings", 0)) / median)
        if status == "ok":
            median, spread = summary(outcome["seconds"])
            lookup_row.update(seconds=median, items_per_s=outcome["lookups"] / median, spread=spread)
        if not outcome.get("lookups_only"):
            parse_rows.append(parse_row)
        lookup_rows.append(lookup_row)
    return parse_rows + lookup_rows

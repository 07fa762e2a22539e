"""A CPython peer of the source-map benchmark: python-sourcemap, or Tandem's pure-Python reference.

    PYTHONPATH=... python sourcemap_peer.py python-sourcemap|reference MAP POSITIONS WARMUP RUNS
    PYTHONPATH=... python sourcemap_peer.py positions MAP COUNT POSITIONS

Parses MAP (timed), then looks up each generated position of POSITIONS (a JSON list of
[1-based line, 0-based column]) under the protocol of tandem_bench.measure, and prints one
JSON line: parse and lookup seconds per run, lookup count, digest (see tandem_bench.sourcemap).
``positions`` draws COUNT positions with the reference (tandem_bench.sourcemap.draw_positions)
into the file POSITIONS (and as int32 pairs into POSITIONS with .bin for .json), for the Tandem
rows, since drawing them on GraalPy takes minutes.
"""

import json
import sys
from array import array

from tandem_bench.measure import digest_int32s, measure


def python_sourcemap_lookups(parsed, raw, positions):
    sources = _first_index(raw["sources"])
    names = _first_index(raw.get("names", []))
    out = []
    for line, column in positions:
        try:
            token = parsed.lookup(line - 1, column)
        except IndexError:
            token = None
        if token is None or token.src is None:
            out += (-1, -1, -1, -1)
        else:
            out += (sources[token.src], token.src_line, token.src_col, -1 if token.name is None else names[token.name])
    return out


def _first_index(values):
    index = {}
    for position, value in enumerate(values):
        index.setdefault(value, position)
    return index


def main(peer, map_path, positions_path, warmup, runs):
    with open(map_path, encoding="utf-8") as file:
        text = file.read()
    with open(positions_path, encoding="utf-8") as file:
        positions = json.load(file)
    if peer == "python-sourcemap":
        import sourcemap

        raw = json.loads(text)
        loads, search = sourcemap.loads, lambda parsed: python_sourcemap_lookups(parsed, raw, positions)
        version = "python-sourcemap 0.2.1"
    else:
        from tandem import sourcemap
        from tandem_bench.sourcemap import lookups

        loads, search = sourcemap.loads, lambda parsed: lookups(parsed, positions)
        version = "CPython " + sys.version.split()[0]
    parse = measure(lambda: loads(text), float(warmup), int(runs))
    parsed = parse["output"]
    result = measure(lambda: search(parsed), float(warmup), int(runs))
    print(json.dumps({"parse_seconds": parse["seconds"], "mappings": len(list(parsed)), "seconds": result["seconds"],
                      "lookups": len(positions), "digest": digest_int32s(result["output"]), "version": version}))


def write_positions(map_path, count, positions_path):
    from tandem import sourcemap
    from tandem_bench.sourcemap import draw_positions

    with open(map_path, encoding="utf-8") as file:
        positions = draw_positions(sourcemap.loads(file.read()), int(count))
    with open(positions_path, "w", encoding="utf-8") as file:
        json.dump(positions, file)
    with open(positions_path[:-len(".json")] + ".bin", "wb") as file:  # for GraalPy, which reads JSON slowly
        file.write(array("i", [value for pair in positions for value in pair]).tobytes())


if __name__ == "__main__":
    if sys.argv[1] == "positions":
        write_positions(*sys.argv[2:])
    else:
        main(*sys.argv[1:])

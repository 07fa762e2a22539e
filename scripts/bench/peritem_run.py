"""One runner of the per-item workloads, in a process of its own: the loops a user ported from
python-sourcemap or tiktoken writes, one call per item.

    PYTHONPATH=... python3 peritem_run.py RUNNER WORKLOAD INPUT COUNT WARMUP RUNS
    ./tandem run --backend B peritem_run.py tandem WORKLOAD INPUT COUNT WARMUP RUNS

RUNNER is python-sourcemap or tiktoken (peers, on CPython) or tandem (``from tandem import
...``: on Tandem under the backend its policy selects, or the reference on CPython). WORKLOAD
and INPUT are one of:

- ``iterate MAP``: ``index = loads(text)``, then ``for token in index`` over every mapping;
- ``lookup POSITIONS``: COUNT x ``index.lookup(line - 1, column)`` (python-sourcemap's API);
- ``original POSITIONS``: COUNT x ``index.original_position_for(line, column)`` (Mozilla's
  API; python-sourcemap has none, so its runner answers with ``lookup``);
- ``generated POSITIONS``: COUNT x ``index.generated_positions_for(source, line)`` (Mozilla's
  API; python-sourcemap has none), the i-th query asking for source ``i % len(sources)`` at
  line ``column % 500 + 1`` of the i-th position;
- ``encode TEXTS``: ``encoding.encode(text)`` for each of COUNT short texts (the lines of the
  file, cycled) with cl100k_base, then COUNT x ``encode("")``.

POSITIONS is the int32 pairs (1-based line, 0-based column) of ``tandem_bench.sourcemap``'s
drawn positions, next to the map named by ``$PERITEM_MAP``. The process starts timing at the
first call (imports and reading the input come before): it prints one JSON line with the
first run's seconds, the items done in the first wall-clock second, the seconds of each of
RUNS runs after WARMUP seconds of warm-up, the items per run and a digest of the last run's
output (``tandem_bench.measure.digest_int32s`` of the ints each item gives).
"""

import json
import os
import sys
import time
from array import array

from tandem_bench.measure import digest_int32s

#: Items between two looks at the clock for the first-second figure.
TICK = 1024


class Clock:
    """The items done in the first wall-clock second since the first call."""

    def __init__(self):
        self.start = None
        self.done = 0
        self.first_second = None

    def tick(self, items):
        self.done += items
        if self.first_second is None and time.perf_counter() - self.start >= 1.0:
            self.first_second = self.done


def _first_index(values):
    index = {None: -1}
    for position, value in enumerate(values):
        index.setdefault(value, position)
    return index


def iterate(loads, text, names, clock):
    """Every token of the map, as 6 ints each (sources and names as the index of their value)."""
    index = loads(text)
    sources, names = _first_index(index.sources), _first_index(names)
    out = []
    count = 0
    for token in index:
        out += (token.dst_line, token.dst_col, sources[token.src], token.src_line, token.src_col, names[token.name])
        count += 1
        if not count & (TICK - 1):
            clock.tick(TICK)
    clock.tick(count & (TICK - 1))
    return out


def lookup(index, names, positions, clock):
    """python-sourcemap's ``lookup`` of each position: 4 ints each (as the source-map bench)."""
    sources, names = _first_index(index.sources), _first_index(names)
    out = []
    count = 0
    find = index.lookup
    for at in range(0, len(positions), 2):
        try:
            token = find(positions[at] - 1, positions[at + 1])
        except IndexError:
            token = None
        if token is None or token.src is None:
            out += (-1, -1, -1, -1)
        else:
            out += (sources[token.src], token.src_line, token.src_col, names[token.name])
        count += 1
        if not count & (TICK - 1):
            clock.tick(TICK)
    clock.tick(count & (TICK - 1))
    return out


def original(index, names, positions, clock):
    """Mozilla's ``original_position_for`` of each position: the same 4 ints as ``lookup``."""
    sources, names = _first_index(index.sources), _first_index(names)
    out = []
    count = 0
    find = index.original_position_for
    for at in range(0, len(positions), 2):
        found = find(positions[at], positions[at + 1])
        if found.source is None:
            out += (-1, -1, -1, -1)
        else:
            out += (sources[found.source], found.line - 1, found.column, names[found.name])
        count += 1
        if not count & (TICK - 1):
            clock.tick(TICK)
    clock.tick(count & (TICK - 1))
    return out


def generated(index, names, positions, clock):
    """``generated_positions_for`` of each query (see the module note): per position its line,
    column and last column (-1 for None), then the count."""
    out = []
    count = 0
    find, sources = index.generated_positions_for, index.sources
    for at in range(0, len(positions), 2):
        found = find(sources[count % len(sources)], positions[at + 1] % 500 + 1)
        for position in found:
            out += (position.line, position.column, -1 if position.last_column is None else position.last_column)
        out.append(len(found))
        count += 1
        if not count & (TICK - 1):
            clock.tick(TICK)
    clock.tick(count & (TICK - 1))
    return out


def encode(encoding, texts, clock):
    """``encode`` of each short text (its ids, then its length), then as many ``encode("")``."""
    out = []
    count = 0
    for text in texts:
        ids = encoding.encode(text)
        out += ids
        out.append(len(ids))
        count += 1
        if not count & (TICK - 1):
            clock.tick(TICK)
    empty = 0
    for _ in texts:
        empty += len(encoding.encode(""))
        count += 1
        if not count & (TICK - 1):
            clock.tick(TICK)
    clock.tick(count & (TICK - 1))
    out.append(empty)
    return out


def _workload(runner, name, path, count):
    """(a function of the clock doing one run, items per run, version) for the runner."""
    if name == "encode":
        with open(path, encoding="utf-8") as file:
            lines = [line for line in file.read().splitlines() if line and "<|" not in line]  # no special tokens
        texts = [lines[i % len(lines)] for i in range(count)]
        if runner == "tiktoken":
            import tiktoken
        else:
            from tandem import tiktoken
        encoding = tiktoken.get_encoding("cl100k_base")
        version = f"tiktoken {tiktoken.__version__}" if runner == "tiktoken" else "this build"
        return (lambda clock: encode(encoding, texts, clock)), 2 * count, _version(runner, version)
    if runner == "python-sourcemap":
        import sourcemap
    else:
        from tandem import sourcemap
    version = _version(runner, "python-sourcemap 0.2.1" if runner == "python-sourcemap" else "this build")
    map_path = path if name == "iterate" else os.environ["PERITEM_MAP"]
    with open(map_path, encoding="utf-8") as file:
        text = file.read()
    names = json.loads(text).get("names", [])  # python-sourcemap's index does not keep them
    if name == "iterate":
        return (lambda clock: iterate(sourcemap.loads, text, names, clock)), None, version
    with open(path, "rb") as file:
        positions = array("i")
        positions.frombytes(file.read())
    positions = list(positions[:2 * count])
    loop = {"lookup": lookup, "original": original, "generated": generated}[name]
    if runner == "python-sourcemap" and name == "original":
        loop = lookup  # it has no original_position_for: its lookup gives the same answers
    state = {}

    def run(clock):
        if "index" not in state:  # the parse is not timed in the lookup rows: the iterate row has it
            parse_start = time.perf_counter()
            state["index"] = sourcemap.loads(text)
            clock.start += time.perf_counter() - parse_start
        return loop(state["index"], names, positions, clock)

    return run, len(positions) // 2, version


def _version(runner, library):
    where = "CPython " + sys.version.split()[0] if sys.implementation.name == "cpython" else "Tandem"
    return f"{library} on {where}"


def main(runner, name, path, count, warmup, runs):
    workload, items, version = _workload(runner, name, path, int(count))
    clock = Clock()
    clock.start = time.perf_counter()
    output = workload(clock)
    first = time.perf_counter() - clock.start
    deadline = time.perf_counter() + float(warmup)
    while time.perf_counter() < deadline or clock.first_second is None:
        workload(clock)
    seconds = []
    for _ in range(int(runs)):
        start = time.perf_counter()
        output = workload(clock)
        seconds.append(time.perf_counter() - start)
    if items is None:
        items = len(output) // 6
    print(json.dumps({"first_seconds": first, "first_second_items": clock.first_second, "seconds": seconds,
                      "items": items, "digest": digest_int32s(output), "version": version}))


if __name__ == "__main__":
    main(*sys.argv[1:])

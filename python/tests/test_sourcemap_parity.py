"""tandem.sourcemap against its peers on real maps from npm packages' dist folders:

- Mozilla's source-map (under node): every decoded mapping, thousands of lookups with both
  biases, and hundreds of reverse lookups;
- python-sourcemap: every Token of ``lookup`` and of the iteration.

The peers and the maps come from scripts/peers.sh node (pinned versions), which prints the
environment these tests need; without it they skip.
"""

import json
import os
import random
import subprocess
import sys
import tempfile
import unittest

from tandem import sourcemap

PEERS = os.environ.get("TANDEM_NODE_PEERS")
PY_SOURCEMAP = os.environ.get("TANDEM_PY_SOURCEMAP")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MAPS = ("bootstrap/dist/js/bootstrap.bundle.min.js.map", "rxjs/dist/bundles/rxjs.umd.min.js.map",
        "@angular/core/fesm2022/core.mjs.map", "@angular/core/fesm2022/rxjs-interop.mjs.map")


def _maps():
    for name in MAPS:
        with open(os.path.join(PEERS, "node_modules", name), encoding="utf-8") as file:
            yield name, file.read()


def _queries(parsed, seed, count=3000):
    """Generated positions: mapped columns, their neighbours and random ones; original ones likewise."""
    rng = random.Random(seed)
    tokens = list(parsed)
    last_line = tokens[-1].dst_line
    original = []
    for _ in range(count):
        token = rng.choice(tokens)
        line = token.dst_line if rng.random() < 0.9 else rng.randint(0, last_line + 2)
        column = max(0, token.dst_col + rng.choice((-1, 0, 0, 1, rng.randint(-50, 50))))
        original.append([line + 1, column])
    generated = []
    sourced = [t for t in tokens if t.src is not None]
    for _ in range(count // 6):
        token = rng.choice(sourced)
        column = None if rng.random() < 0.3 else max(0, token.src_col + rng.choice((0, 0, 1, -1, 7)))
        generated.append([parsed.sources.index(token.src), token.src_line + 1 + rng.choice((0, 0, 0, 1)), column])
    return {"original": original, "generated": generated}


@unittest.skipUnless(PEERS, "needs TANDEM_NODE_PEERS (run scripts/peers.sh node)")
class MozillaParity(unittest.TestCase):

    def test_npm_maps(self):
        for name, text in _maps():
            with self.subTest(name):
                parsed = sourcemap.loads(text)
                queries = _queries(parsed, seed=name)
                expected = self._mozilla(name, queries)
                self.assertEqual(self._mappings(parsed), expected["mappings"])
                self.assertGreater(len(expected["mappings"]), 1000)
                for (line, column), (glb, lub) in zip(queries["original"], expected["original"]):
                    for bias, want in ((sourcemap.GREATEST_LOWER_BOUND, glb), (sourcemap.LEAST_UPPER_BOUND, lub)):
                        got = parsed.original_position_for(line, column, bias)
                        self.assertEqual(self._position(parsed, got), want, (line, column, bias))
                for (source, line, column), want in zip(queries["generated"], expected["generated"]):
                    got = parsed.generated_positions_for(parsed.sources[source], line, column)
                    self.assertEqual([list(p) for p in got], want, (source, line, column))

    @staticmethod
    def _mozilla(name, queries):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
            json.dump(queries, file)
        try:
            output = subprocess.run(
                ["node", os.path.join(ROOT, "scripts", "sourcemap_mozilla.js"), PEERS,
                 os.path.join(PEERS, "node_modules", name), file.name],
                check=True, capture_output=True, text=True).stdout
        finally:
            os.unlink(file.name)
        return json.loads(output)

    @staticmethod
    def _mappings(parsed):
        rows = []
        for token in parsed:
            if token.src is None:
                rows.append([token.dst_line + 1, token.dst_col, -1, -1, -1, None])
            else:
                rows.append([token.dst_line + 1, token.dst_col, parsed.sources.index(token.src),
                             token.src_line + 1, token.src_col, token.name])
        return rows

    @staticmethod
    def _position(parsed, position):
        source = -1 if position.source is None else parsed.sources.index(position.source)
        return [source, -1 if position.line is None else position.line,
                -1 if position.column is None else position.column, position.name]


@unittest.skipUnless(PY_SOURCEMAP and PEERS, "needs TANDEM_PY_SOURCEMAP and TANDEM_NODE_PEERS (run scripts/peers.sh node)")
class PythonSourcemapParity(unittest.TestCase):

    def test_tokens_and_lookups(self):
        sys.path.insert(0, PY_SOURCEMAP)
        try:
            import sourcemap as python_sourcemap  # the peer, not tandem.sourcemap
        finally:
            sys.path.remove(PY_SOURCEMAP)
        for name, text in _maps():
            with self.subTest(name):
                theirs, ours = python_sourcemap.loads(text), sourcemap.loads(text)
                self.assertEqual(len(ours), len(theirs))
                self.assertEqual([repr(t) for t in ours], [repr(t) for t in theirs])
                for line, column in _queries(ours, seed=name)["original"]:
                    try:
                        want = repr(theirs.lookup(line - 1, column))
                    except IndexError:
                        want = IndexError
                    try:
                        got = repr(ours.lookup(line - 1, column))
                    except IndexError:
                        got = IndexError
                    self.assertEqual(got, want, (line - 1, column))


if __name__ == "__main__":
    unittest.main()

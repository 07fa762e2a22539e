"""The source-map benchmark workload (tandem_bench.sourcemap) on CPython: its positions are
resolved alike by every peer, and the report shows a workload counted in lookups."""

import json
import os
import subprocess
import sys
import tempfile
import unittest

from tandem import sourcemap

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts", "bench"))  # the harness
from tandem_bench import report  # noqa: E402
from tandem_bench import sourcemap as workload  # noqa: E402
PEERS = os.environ.get("TANDEM_NODE_PEERS")


@unittest.skipUnless(PEERS, "needs TANDEM_NODE_PEERS (run scripts/peers.sh node)")
class Peers(unittest.TestCase):

    def test_every_peer_gives_the_references_digest(self):
        map_path = os.path.join(ROOT, workload.MAP)
        with open(map_path, encoding="utf-8") as file:
            positions = workload.draw_positions(sourcemap.loads(file.read()), 3000)
        self.assertGreater(len(set(positions)), 2500)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
            json.dump(positions, file)
        try:
            results = {peer.name: peer.run(map_path, file.name, 0, 1) for peer in workload.peers(ROOT)}
        finally:
            os.unlink(file.name)
        digests = {name: result.get("digest", result) for name, result in results.items()}
        self.assertEqual(len(set(map(str, digests.values()))), 1, digests)
        self.assertEqual({result["mappings"] for result in results.values()}, {174349})
        rows = workload._rows([(name, "peer", result) for name, result in results.items()], 3.4, 3000)
        self.assertEqual([row["status"] for row in rows], ["ok"] * 6)


class Packed(unittest.TestCase):
    """The packed row's ints are the object row's, so the same digest proves the same answers."""

    def test_packed_lookups_give_the_digest_ints_of_the_object_lookups(self):
        # b.js twice and foo twice: indices must be those of the first entry, as the peers give.
        text = json.dumps({"version": 3, "sources": ["a.js", "b.js", "b.js"], "names": ["foo", "bar", "foo"],
                           "mappings": "AAAA,IAAIA,M;;ECEH,EAAC,ECAAE,CAACD"})
        for parsed in (sourcemap.loads(text), sourcemap.loads(text.replace('"b.js", "b.js"', '"b.js", "c.js"')
                                                               .replace('"bar", "foo"', '"bar", "baz"'))):
            positions = [(line, column) for line in range(1, 5) for column in range(14)]
            want = workload.lookups(parsed, positions)
            self.assertIn(-1, want)
            self.assertEqual(workload.packed_lookups(parsed, [line - 1 for line, _ in positions],
                                                     [column for _, column in positions]), want)


class Report(unittest.TestCase):

    def test_rows_counted_in_lookups_and_in_tokens_share_the_table(self):
        rows = [{"workload": "lookups", "runner": "peer", "kind": "peer", "mb_per_s": None, "tokens_per_s": None,
                 "items_per_s": 1000.0, "unit": "lookups", "seconds": 0.5, "spread": 0.1, "status": "ok"},
                {"workload": "lookups", "runner": "us", "kind": "tandem", "mb_per_s": None, "tokens_per_s": None,
                 "items_per_s": 4000.0, "unit": "lookups", "seconds": 0.125, "spread": 0.0, "status": "ok"},
                {"workload": "bpe", "runner": "them", "kind": "peer", "mb_per_s": 2.0, "tokens_per_s": 500.0,
                 "spread": 0.2, "status": "ok"}]
        table = report.markdown(rows, "here").splitlines()
        self.assertEqual(table[5], "| lookups | **us** | 125.0 ms | - | 4,000 lookups/s | 4.00x | 0% | ok |")
        self.assertEqual(table[6], "| bpe | them | - | 2.00 | 500 tokens/s | 1.00x | 20% | ok |")
        self.assertIn("2.00 MB/s", report.svg_chart(rows, "t"))


if __name__ == "__main__":
    unittest.main()

"""The source-map benchmark workload (tandem._bench.sourcemap) on CPython: its positions are
resolved alike by every peer, and the report shows a workload counted in lookups."""

import json
import os
import subprocess
import tempfile
import unittest

from tandem import sourcemap
from tandem._bench import report
from tandem._bench import sourcemap as workload

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PEERS = os.environ.get("TANDEM_NODE_PEERS")


@unittest.skipUnless(PEERS, "needs TANDEM_NODE_PEERS (run scripts/node-peers.sh)")
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

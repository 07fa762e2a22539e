"""Source URLs against Mozilla source-map 0.7.6's own assertions (test/test-util.js, vendored in
python/tests/upstream/source-map and run through its adapter by ``scripts/peers.sh node``, which
writes target/source-map-util-cases.json), Mozilla's consumer tests (test-source-map-consumer.js)
run against tandem.sourcemap on every backend, and what they expect of a map's sources with a
sourceRoot. The Java host's copy of the same code is held to the same cases by
SourceUrlsTest."""

import json
import os
import posixpath
import re
import subprocess
import unittest

from tandem import sourcemap
from tandem.sourcemap import _urls

HOME = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CASES = os.path.join(HOME, "target", "source-map-util-cases.json")
UPSTREAM = os.path.join(HOME, "python", "tests", "upstream", "source-map")
BACKENDS = ("python", "java", "rust")
CALLS = {"normalize": _urls.normalize, "join": _urls.join, "relative": _urls.relative,
         "computeSourceURL": _urls.compute_source_url}


class MozillaUtilTest(unittest.TestCase):
    def test_every_assertion_of_mozillas_util_tests_holds(self):
        if not os.path.exists(CASES):
            if os.environ.get("TANDEM_NODE_PEERS"):
                raise AssertionError(f"{CASES} is missing: run scripts/peers.sh node")
            self.skipTest("scripts/peers.sh node has not recorded Mozilla's assertions")
        with open(CASES, encoding="utf-8") as file:
            cases = json.load(file)
        self.assertGreaterEqual(len(cases), 140)
        wrong = [(case["call"], case["args"], case["expected"], CALLS[case["call"]](*case["args"]))
                 for case in cases if CALLS[case["call"]](*case["args"]) != case["expected"]]
        self.assertEqual([], wrong)


class MozillaConsumerTest(unittest.TestCase):
    """Mozilla's test/test-source-map-consumer.js under node, its SourceMapConsumer being
    tandem.sourcemap inside one Tandem process (adapter/consumer.js), once per backend."""

    def test_mozillas_consumer_tests_pass_on_every_backend(self):
        peers = os.environ.get("TANDEM_NODE_PEERS")
        if not peers:  # the node peers' suite runs it (scripts/peers.sh node test)
            self.skipTest("run through scripts/peers.sh node test")
        if not os.path.exists(os.path.join(HOME, "target", ".built")):
            if os.environ.get("TANDEM_REQUIRE_PEERS") == "1":
                raise AssertionError("TANDEM_REQUIRE_PEERS=1 but Tandem is not built")
            self.skipTest("Tandem is not built (run ./check or ./tandem once)")
        done = subprocess.run(
            ["node", os.path.join(UPSTREAM, "adapter", "consumer.js"),
             os.path.join(peers, "node_modules", "source-map-0.7.6", "lib"), os.path.join(HOME, "tandem"), *BACKENDS],
            capture_output=True, text=True, timeout=1200, env={**os.environ, "TANDEM_DAEMON": "0"})
        report = done.stdout + done.stderr
        self.assertEqual(done.returncode, 0, report[-6000:])
        for backend in BACKENDS:
            passed = re.findall(rf"^PASS {backend} ", done.stdout, re.MULTILINE)
            self.assertGreaterEqual(len(passed), 60, f"too few tests passed under {backend}:\n{report[-3000:]}")


class SourceRootTest(unittest.TestCase):
    """The consumer tests' expectations (test-source-map-consumer.js) on sourceRoot."""

    def load(self, **fields):
        return sourcemap.loads(json.dumps({"version": 3, "names": [], "mappings": "AAAA,CCCC", **fields}))

    def test_sources_are_joined_to_the_root_and_normalised(self):
        root = posixpath.join("/", "the", "root")  # an absolute root, as in Mozilla's test
        found = self.load(sourceRoot=root, sources=["./one.js", "../bang.coffee"], sourcesContent=["1", "2"])
        self.assertEqual(found.sources, [root + "/one.js", posixpath.dirname(root) + "/bang.coffee"])
        self.assertEqual(found.source_content("one.js"), "1")
        self.assertEqual(found.source_content("./one.js"), "1")
        self.assertEqual(found.source_content(root + "/one.js"), "1")
        self.assertEqual([(p.line, p.column) for p in found.generated_positions_for("../bang.coffee", 2)], [(1, 1)])

    def test_a_url_root_takes_an_absolute_path_as_relative(self):
        found = self.load(sourceRoot="http://example.com/www/js/", sources=["/one.js", "two.js"])
        self.assertEqual(found.sources, ["http://example.com/www/js/one.js", "http://example.com/www/js/two.js"])

    def test_urls_are_percent_encoded_as_whatwg_serialises_them(self):
        found = self.load(sources=["webpack:///webpack/bootstrap 67e184f9679733298d44", "a b/ü.js"])
        self.assertEqual(found.sources, ["webpack:///webpack/bootstrap%2067e184f9679733298d44", "a%20b/%C3%BC.js"])
        self.assertEqual(found.source_index("webpack:///webpack/bootstrap 67e184f9679733298d44"), 0)

    def test_index_maps_give_the_source_content_of_their_sections(self):
        section = {"version": 3, "names": [], "mappings": "AAAA", "sources": ["a.js"], "sourcesContent": ["A"]}
        found = sourcemap.loads(json.dumps({"version": 3, "sections": [
            {"offset": {"line": 0, "column": 0}, "map": section},
            {"offset": {"line": 1, "column": 0}, "map": {**section, "sources": ["b.js"], "sourcesContent": ["B"]}}]}))
        self.assertEqual((found.source_content("b.js"), found.source_content("nope.js")), ("B", None))

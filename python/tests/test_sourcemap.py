"""tandem.sourcemap on its own (the python backend): the tc39 conformance cases, the errors
for bad input, and both APIs on small maps. Runs on any Python 3.11+ with PYTHONPATH=python;
the conformance cases come from shared/data (TANDEM_SOURCE_MAP_TESTS overrides the place).
"""

import json
import os
import unittest

from tandem import sourcemap
from tandem.sourcemap import GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND, SourceMapError, Token

#: tc39/source-map-tests (BSD licence), vendored with the Java test resources.
TC39 = os.environ.get("TANDEM_SOURCE_MAP_TESTS", os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "test", "resources", "tc39-source-map-tests"))


def _map(mappings, sources=("a.js",), names=("foo", "bar"), **fields):
    return json.dumps({"version": 3, "sources": list(sources), "names": list(names), "mappings": mappings, **fields})


def _read(name):
    with open(os.path.join(TC39, "resources", name), encoding="utf-8") as file:
        return file.read()


@unittest.skipUnless(os.path.isdir(TC39), f"needs the tc39 source-map-tests at {TC39}")
class Conformance(unittest.TestCase):
    """Every case of tc39/source-map-tests' source-map-spec-tests.json."""

    def test_every_case(self):
        with open(os.path.join(TC39, "source-map-spec-tests.json"), encoding="utf-8") as file:
            cases = json.load(file)["tests"]
        self.assertGreater(len(cases), 90)
        for case in cases:
            with self.subTest(case["name"]):
                text = _read(case["sourceMapFile"])
                if not case["sourceMapIsValid"]:
                    with self.assertRaises(SourceMapError):
                        sourcemap.loads(text)
                    continue
                parsed = sourcemap.loads(text)
                for action in case.get("testActions", []):
                    self._check(parsed, action)

    def _check(self, parsed, action):
        kind = action["actionType"]
        if kind == "checkIgnoreList":
            self.assertEqual([parsed.sources[i] for i in parsed.ignore_list], action["present"])
            return
        line, column = action["generatedLine"] + 1, action["generatedColumn"]
        position = parsed.original_position_for(line, column)
        if kind == "checkMappingTransitive":
            for intermediate in action["intermediateMaps"]:
                position = sourcemap.loads(_read(intermediate)).original_position_for(position.line, position.column)
        original_line = action["originalLine"]
        expected = (action["originalSource"], None if original_line is None else original_line + 1,
                    action["originalColumn"], action["mappedName"])
        self.assertEqual(tuple(position), expected, action)

    def test_debug_ids(self):
        """The decoding/debug-id goldens; two of the maps there have trailing commas, which
        JSON (and so every backend here) refuses, so only the parseable ones are compared."""
        folder = os.path.join(TC39, "decoding", "debug-id")
        compared = 0
        for name in sorted(os.listdir(folder)):
            if name.endswith(".map"):
                with self.subTest(name):
                    with open(os.path.join(folder, name), encoding="utf-8") as file:
                        text = file.read()
                    try:
                        json.loads(text)
                    except ValueError:
                        with self.assertRaisesRegex(SourceMapError, "not valid JSON"):
                            sourcemap.loads(text)
                        continue
                    parsed = sourcemap.loads(text)
                    compared += 1
                    with open(os.path.join(folder, name + ".golden"), encoding="utf-8") as file:
                        golden = json.load(file)
                    self.assertEqual(parsed.debug_id, golden.get("debugId"))
        self.assertEqual(compared, 2)


class BadInput(unittest.TestCase):
    """Each error names what is wrong and where; the messages are the contract of all backends."""

    def assertError(self, text, message):
        with self.assertRaises(SourceMapError) as raised:
            sourcemap.loads(text)
        self.assertEqual(str(raised.exception), message)

    def test_truncated_json(self):
        self.assertError(_map("AAAA")[:30], "the source map is not valid JSON: "
                         "Unterminated string starting at at line 1, column 28")

    def test_version(self):
        self.assertError(json.dumps({"version": 2, "sources": [], "mappings": ""}),
                         "version is 2; only version 3 is supported")
        self.assertError(json.dumps({"version": "3", "sources": [], "mappings": ""}),
                         'version is "3"; only version 3 is supported')
        self.assertError(json.dumps({"sources": [], "mappings": ""}), "version is missing; only version 3 is supported")

    def test_vlq_errors(self):
        self.assertError(_map("AAAA,CA=A"), "mappings: invalid Base64 VLQ character U+003D ('=') at offset 7")
        self.assertError(_map("AAAA;é"), "mappings: invalid Base64 VLQ character U+00E9 at offset 5")
        self.assertError(_map("AAAg"), "mappings: the VLQ value at offset 3 ends without its last digit")
        self.assertError(_map("ggggggE"), "mappings: the VLQ value at offset 0 does not fit in 32 bits")
        self.assertError(_map("gggggggggggggB"), "mappings: the VLQ value at offset 0 does not fit in 32 bits")
        self.assertError(_map("+/////D,C"), "mappings: segment at offset 8 makes the generated column "
                         "exceed 2147483647 (2147483648)")

    def test_segment_shapes(self):
        self.assertError(_map("AAAA,AA"), "mappings: segment at offset 5 has 2 fields; a segment has 1, 4 or 5")
        self.assertError(_map("AAA"), "mappings: segment at offset 0 has 3 fields; a segment has 1, 4 or 5")
        self.assertError(_map("AAAAAA"), "mappings: segment at offset 0 has 6 fields; a segment has 1, 4 or 5")
        self.assertError(_map("AAAA,,AAAA"), "mappings: empty segment at offset 5")
        self.assertError(_map("AAAA,"), "mappings: empty segment at offset 5")

    def test_indexes_and_negative_positions(self):
        self.assertError(_map("ACAA"), "mappings: segment at offset 0 refers to source 1, but the map has 1 sources")
        self.assertError(_map("AAAAE"), "mappings: segment at offset 0 refers to name 2, but the map has 2 names")
        self.assertError(_map("AAAA;D"), "mappings: segment at offset 5 makes the generated column negative (-1)")
        self.assertError(_map("AADA"), "mappings: segment at offset 0 makes the original line negative (-1)")
        self.assertError(_map("AAAAD"), "mappings: segment at offset 0 makes the name index negative (-1)")

    def test_field_types(self):
        self.assertError(json.dumps({"version": 3, "sources": "a.js", "mappings": ""}), "sources is not a list")
        self.assertError(json.dumps({"version": 3, "sources": [True], "mappings": ""}),
                         "sources[0] is true, which is not a string or null or a number")
        # A number is a name, as Mozilla's consumer takes it (String(n)).
        self.assertEqual(sourcemap.loads(json.dumps({"version": 3, "sources": [1, 2.5], "mappings": ""})).sources,
                         ["1", "2.5"])
        self.assertError(json.dumps({"version": 3, "sources": []}), "mappings is missing")
        self.assertError(_map("", ignoreList=[3]), "ignoreList refers to source 3, but the map has 1 sources")
        self.assertError("[3]", "the source map is not a JSON object")

    def test_section_errors_name_the_section(self):
        inner = json.loads(_map("AAAA,AA"))
        text = json.dumps({"version": 3, "sections": [{"offset": {"line": 0, "column": 0}, "map": inner}]})
        self.assertError(text, "sections[0].map: mappings: segment at offset 5 has 2 fields; a segment has 1, 4 or 5")
        section = {"offset": {"line": 1, "column": 0}, "map": json.loads(_map("AAAA"))}
        self.assertError(json.dumps({"version": 3, "sections": [section, section]}),
                         "sections[1].offset (1, 0) does not come after the previous section's (1, 0)")

    def test_lookups_refuse_what_mozilla_refuses(self):
        parsed = sourcemap.loads(_map("AAAA"))
        with self.assertRaisesRegex(ValueError, "Line numbers must be >= 1"):
            parsed.original_position_for(0, 0)
        with self.assertRaisesRegex(ValueError, "Column numbers must be >= 0"):
            parsed.original_position_for(1, -1)
        with self.assertRaisesRegex(ValueError, r"bias 3 is neither"):
            parsed.original_position_for(1, 0, 3)

    def test_positions_of_the_wrong_type_are_type_errors(self):
        parsed = sourcemap.loads(_map("AAAA"))
        for call in (lambda: parsed.lookup(1.5, 0), lambda: parsed.lookup(0, None),
                     lambda: parsed.original_position_for(1, "0"), lambda: parsed.generated_positions_for("a", 1.5),
                     lambda: parsed[1.0]):
            with self.assertRaises(TypeError):
                call()
        with self.assertRaisesRegex(ValueError, r"bias True is neither"):
            parsed.original_position_for(1, 0, True)
        with self.assertRaisesRegex(IndexError, "source map index 1 out of range"):
            parsed[1]
        with self.assertRaisesRegex(TypeError, "must be str or bytes, not NoneType"):
            sourcemap.loads(None)
        self.assertEqual(list(sourcemap.loads(_map("AAAA").encode())), list(parsed))


def _index_map(text):
    """``text`` as the one section of an index map, at the start."""
    return json.dumps({"version": 3, "sections": [{"offset": {"line": 0, "column": 0}, "map": json.loads(text)}]})


class Lookups(unittest.TestCase):
    # Generated line 1: col 0 -> a.js 1:0, col 4 -> a.js 1:4 "foo", col 10 -> no source;
    # line 3: col 2 -> b.js 3:1, col 4 -> b.js 3:2 (original lines 1-based here).
    TEXT = _map("AAAA,IAAIA,M;;ECEH,EAAC", sources=("a.js", "b.js"),
                sourcesContent=["l1\nl2\nl3", "one\ntwo\nthree\nfour\nfive"])

    def setUp(self):
        self.map = sourcemap.loads(self.TEXT)

    def test_both_biases_stay_on_the_line(self):
        self.assertEqual(self.map.original_position_for(1, 5), ("a.js", 1, 4, "foo"))
        self.assertEqual(self.map.original_position_for(1, 5, LEAST_UPPER_BOUND), (None, None, None, None))
        self.assertEqual(self.map.original_position_for(1, 1, LEAST_UPPER_BOUND), ("a.js", 1, 4, "foo"))
        self.assertEqual(self.map.original_position_for(2, 0), (None, None, None, None))
        self.assertEqual(self.map.original_position_for(3, 1), (None, None, None, None))
        self.assertEqual(self.map.original_position_for(3, 1, LEAST_UPPER_BOUND), ("b.js", 3, 1, None))
        self.assertEqual(self.map.original_position_for(9, 0, GREATEST_LOWER_BOUND), (None, None, None, None))

    def test_many_positions_at_once_as_one_at_a_time(self):
        positions = [(line, column) for line in range(1, 5) for column in range(12)]
        for bias in (GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND):
            self.assertEqual(self.map.original_positions_for(positions, bias),
                             [self.map.original_position_for(line, column, bias) for line, column in positions])
        self.assertEqual(self.map.original_positions_for([]), [])
        with self.assertRaisesRegex(ValueError, "Line numbers must be >= 1"):
            self.map.original_positions_for([(1, 0), (0, 0)])
        with self.assertRaisesRegex(ValueError, r"bias 0 is neither"):
            self.map.original_positions_for([], 0)

    def test_packed_lookups_are_original_positions_for_as_ints(self):
        lines = [line for line in range(5) for _ in range(12)]
        columns = list(range(12)) * 5
        for parsed in (self.map, sourcemap.loads(_index_map(self.TEXT))):
            for bias in (GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND):
                want = []
                for found in parsed.original_positions_for([(line + 1, column) for line, column in zip(lines, columns)],
                                                           bias):
                    want += [-1] * 4 if found.source is None else [
                        parsed.sources.index(found.source), found.line - 1, found.column,
                        -1 if found.name is None else parsed.names.index(found.name)]
                self.assertEqual(parsed.lookup_packed(lines, columns, bias), want)
            # (0, 10): a mapping without a source; (1, 0): none; (2, 4): one without a name.
            self.assertEqual(parsed.lookup_packed([0, 0, 1, 2, 2**40], [4, 10, 0, 4, 0]),
                             [0, 0, 4, 0, -1, -1, -1, -1, -1, -1, -1, -1, 1, 2, 2, -1, -1, -1, -1, -1])
            self.assertEqual(parsed.lookup_packed([], []), [])
            with self.assertRaisesRegex(ValueError, "Line numbers must be >= 0"):
                parsed.lookup_packed([0, -1], [0, 0])
            with self.assertRaisesRegex(ValueError, "Column numbers must be >= 0"):
                parsed.lookup_packed([0, 0], [0, -1])
            with self.assertRaisesRegex(ValueError, "lookup_many: 2 lines but 1 columns"):
                parsed.lookup_packed([0, 0], [0])
            with self.assertRaisesRegex(ValueError, r"bias 3 is neither"):
                parsed.lookup_packed([0], [0], 3)
            for bad in ([0, 0.5], [0, "1"], [0, None]):
                with self.assertRaisesRegex(TypeError, r"query 1 is not two ints"):
                    parsed.lookup_packed([0, 0], bad)

    def test_lookup_many_is_lookup_then_mapping(self):
        mappings = self.map._mappings
        lines = [0, 0, 0, 2, 2, 1, -1, 9, 2**31, 2**40, 0]
        columns = [0, 5, 99, 3, 4, 0, 0, 0, 0, 0, 2**40]
        for bias in (GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND):
            want = []
            for line, column in zip(lines, columns):
                index = mappings.lookup(line, column, bias)
                want += mappings.mapping(index) if index >= 0 else [-1] * 6
            self.assertEqual(mappings.lookup_many(lines, columns, bias), want)
        with self.assertRaisesRegex(ValueError, "lookup_many: 2 lines but 1 columns"):
            mappings.lookup_many([0, 0], [0], GREATEST_LOWER_BOUND)
        with self.assertRaisesRegex(TypeError, r"query 1 is not two ints \(float given\)"):
            mappings.lookup_many([0, 0.5], [0, 0], GREATEST_LOWER_BOUND)

    def test_lookup_packed_is_lookup_then_the_original_side_of_mapping(self):
        mappings = self.map._mappings
        lines = [0, 0, 0, 0, 2, 2, 1, -1, 9, 2**31, 2**40, 0]
        columns = [0, 5, 10, 99, 3, 4, 0, 0, 0, 0, 0, 2**40]
        for bias in (GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND):
            want = []
            for line, column in zip(lines, columns):
                index = mappings.lookup(line, column, bias)
                row = mappings.mapping(index) if index >= 0 else [-1] * 6
                want += row[2:] if row[2] >= 0 else [-1] * 4
            self.assertEqual(mappings.lookup_packed(lines, columns, bias), want)
        self.assertIn([-1] * 4, [want[at:at + 4] for at in range(0, len(want), 4)])
        with self.assertRaisesRegex(ValueError, "lookup_many: 2 lines but 1 columns"):
            mappings.lookup_packed([0, 0], [0], GREATEST_LOWER_BOUND)
        with self.assertRaisesRegex(ValueError, "bias 0 is neither"):
            mappings.lookup_packed([0], [0], 0)
        with self.assertRaisesRegex(TypeError, r"query 1 is not two ints \(float given\)"):
            mappings.lookup_packed([0, 0.5], [0, 0], GREATEST_LOWER_BOUND)

    def test_python_sourcemap_lookup(self):
        self.assertEqual(self.map.lookup(0, 7), Token(0, 4, "a.js", 0, 4, "foo"))
        # A segment without a source keeps the decoder's running original position, as python-sourcemap.
        self.assertEqual(self.map.lookup(0, 99), Token(0, 10, None, 0, 4, None))
        with self.assertRaises(IndexError):
            self.map.lookup(1, 0)

    def test_tokens_equal_only_tokens_and_lookups_share_them_once_iterated(self):
        token = self.map.lookup(0, 7)
        self.assertEqual((token.dst_line, token.dst_col, token.src, token.name), (0, 4, "a.js", "foo"))
        self.assertNotEqual(token, (0, 4, "a.js", 0, 4, "foo"))  # python-sourcemap's Token is no tuple
        self.assertEqual(Token(src="x.js", src_line=3), Token(0, 0, "x.js", 3, 0, None))
        tokens = list(self.map)
        self.assertIs(self.map.lookup(0, 7), tokens[1])
        self.assertIs(self.map[-1], tokens[4])

    def test_line_starts_give_each_line_its_mappings(self):
        self.assertEqual(self.map._mappings.line_starts(), [0, 3, 3, 5])
        self.assertEqual(sourcemap.loads(_map(""))._mappings.line_starts(), [0])
        # Lines past the last one with a mapping, and before the first, find nothing.
        with self.assertRaises(IndexError):
            self.map.lookup(7, 0)
        self.assertEqual(self.map.original_position_for(2, 0), (None, None, None, None))

    def test_iteration_is_in_generated_order(self):
        self.assertEqual([(t.dst_line, t.dst_col, t.src) for t in self.map],
                         [(0, 0, "a.js"), (0, 4, "a.js"), (0, 10, None), (2, 2, "b.js"), (2, 4, "b.js")])
        self.assertEqual(len(self.map), 5)

    def test_unsorted_segments_are_sorted(self):
        parsed = sourcemap.loads(_map("IAAA,HAAC"))  # columns 4 then 1
        self.assertEqual([(t.dst_col, t.src_col) for t in parsed], [(1, 1), (4, 0)])
        self.assertEqual(parsed.original_position_for(1, 2), ("a.js", 1, 1, None))

    def test_generated_positions(self):
        self.assertEqual(self.map.generated_positions_for("a.js", 1, 4), [(1, 4, 9)])
        self.assertEqual(self.map.generated_positions_for("b.js", 3), [(3, 2, 3), (3, 4, None)])
        # Without a column, Mozilla moves on to the next original line that has mappings;
        # with one, to the next column on the same line only.
        self.assertEqual(self.map.generated_positions_for("b.js", 2), [(3, 2, 3), (3, 4, None)])
        self.assertEqual(self.map.generated_positions_for("b.js", 3, 0), [(3, 2, 3)])
        self.assertEqual(self.map.generated_positions_for("b.js", 3, 2), [(3, 4, None)])
        self.assertEqual(self.map.generated_positions_for("b.js", 2, 0), [])
        self.assertEqual(self.map.generated_positions_for("b.js", 9), [])
        self.assertEqual(self.map.generated_positions_for("c.js", 1), [])

    def test_source_context(self):
        context = self.map.source_context(self.map.lookup(2, 5), context=1)
        self.assertEqual(context, (["two"], "three", ["four"]))
        self.assertIsNone(self.map.source_context(self.map.lookup(0, 10)))

    def test_discover(self):
        self.assertEqual(sourcemap.discover("a()\n//# sourceMappingURL=app.js.map\n"), "app.js.map")
        self.assertEqual(sourcemap.discover("//@ sourceMappingURL=old.map\nx"), "old.map")
        self.assertIsNone(sourcemap.discover("\n".join(["x"] * 20 + ["//# sourceMappingURL=mid.map"] + ["y"] * 20)))

    def test_index_map_delegates_to_its_sections(self):
        first = json.loads(_map("AAAA,EAAE", sources=("one.js",)))
        second = json.loads(_map("AAAA", sources=("two.js",)))
        text = json.dumps({"version": 3, "sections": [{"offset": {"line": 0, "column": 0}, "map": first},
                                                       {"offset": {"line": 0, "column": 10}, "map": second}]})
        parsed = sourcemap.loads(text)
        self.assertEqual(parsed.original_position_for(1, 3), ("one.js", 1, 2, None))
        self.assertEqual(parsed.original_position_for(1, 12), ("two.js", 1, 0, None))
        self.assertEqual([(t.dst_col, t.src) for t in parsed], [(0, "one.js"), (2, "one.js"), (10, "two.js")])
        self.assertEqual(parsed.lookup(0, 11), Token(0, 10, "two.js", 0, 0, None))
        self.assertEqual(parsed.generated_positions_for("one.js", 1, 2), [(1, 2, 9)])


if __name__ == "__main__":
    unittest.main()

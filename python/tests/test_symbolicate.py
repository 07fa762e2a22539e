"""tandem.symbolicate: stack traces of V8, SpiderMonkey and JavaScriptCore mapped back to sources.

The parity tests point hand-written traces at real generated positions of real npm maps
(installed by scripts/peers.sh node) and take the expected originals from Mozilla's
source-map ``originalPositionFor`` under node; they skip without TANDEM_NODE_PEERS.
The rest runs anywhere with PYTHONPATH=python.
"""

import json
import os
import random
import subprocess
import sys
import tempfile
import unittest
from unittest import mock

from tandem import sourcemap, symbolicate
from tandem.symbolicate import parse_frame, render, symbolicate_events

PEERS = os.environ.get("TANDEM_NODE_PEERS")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RXJS_INTEROP = "@angular/core/fesm2022/rxjs-interop.mjs.map"  # sourcesContent, one name
BOOTSTRAP = "bootstrap/dist/js/bootstrap.bundle.min.js.map"  # minified: 1,169 names

# A small map: a.ts's lines 1-3 generated on lines 1-2 of app.min.js; "handleClick" at 1:4.
SMALL = json.dumps({"version": 3, "file": "app.min.js", "sources": ["src/a.ts"], "names": ["handleClick"],
                    "sourcesContent": ["let a = 1;\nlet b = 2;\nlet c = 3;\n"],
                    "mappings": "AAAA,IAAIA;AACJ"})


class Parsing(unittest.TestCase):

    def test_v8_frames(self):
        cases = {
            "    at handle (http://x.test/app.min.js:1:5)": ("v8", "", "handle", "http://x.test/app.min.js", 1, 5),
            "    at http://x.test/app.min.js:2:1": ("v8", "", "", "http://x.test/app.min.js", 2, 1),
            "    at async Promise.all (index 0)": ("v8", "async ", "Promise.all", "index 0", None, None),
            "    at new Widget (webpack:///app.min.js?v=3:1:1)": ("v8", "new ", "Widget", "webpack:///app.min.js?v=3", 1, 1),
            "    at Array.forEach (<anonymous>)": ("v8", "", "Array.forEach", "<anonymous>", None, None),
            "    at eval (eval at run (http://x.test/app.min.js:1:5), <anonymous>:3:7)":
                ("v8", "", "eval", "<anonymous>", 3, 7),
        }
        for text, expected in cases.items():
            frame = parse_frame(text)
            self.assertEqual((frame.style, frame.keyword, frame.function, frame.file, frame.line, frame.column),
                             expected, text)

    def test_spidermonkey_and_javascriptcore_frames(self):
        cases = {
            "handle@http://x.test/app.min.js:1:5": ("handle", "http://x.test/app.min.js", 1, 5),
            "@http://x.test/app.min.js:2:1": ("", "http://x.test/app.min.js", 2, 1),
            "render/<@http://x.test/app.min.js:1:9": ("render/<", "http://x.test/app.min.js", 1, 9),
            "global code@http://x.test/app.min.js:2:1": ("global code", "http://x.test/app.min.js", 2, 1),
            "forEach@[native code]": ("forEach", "[native code]", None, None),
            "@http://x.test/app.min.js line 1 > eval:1:1": ("", "http://x.test/app.min.js line 1 > eval", 1, 1),
        }
        for text, expected in cases.items():
            frame = parse_frame(text)
            self.assertEqual(frame.style, "gecko", text)
            self.assertEqual((frame.function, frame.file, frame.line, frame.column), expected, text)

    def test_lines_that_are_not_frames(self):
        for text in ("TypeError: x is undefined", "", "   ", "at", "garbage ::: 1:2", "@"):
            self.assertIsNone(parse_frame(text), text)


class SmallMap(unittest.TestCase):
    TRACE = ("TypeError: boom\n"
             "    at n (http://x.test/static/app.min.js?v=1:1:5)\n"
             "    at http://x.test/static/app.min.js:2:1\n"
             "    at vendor (http://x.test/vendor.js:1:1)\n")

    def test_frames_map_to_the_original_with_names_and_context(self):
        lines = symbolicate.symbolicate(self.TRACE, {"app.min.js": SMALL}, context=1)
        self.assertEqual([line.text for line in lines], [
            "TypeError: boom",
            "    at handleClick (src/a.ts:1:5)",
            "    at src/a.ts:2:1",
            "    at vendor (http://x.test/vendor.js:1:1)"])
        self.assertEqual(lines[1].original.context, sourcemap.SourceContext([], "let a = 1;", ["let b = 2;"]))
        self.assertIsNone(lines[3].original)
        self.assertEqual(render(lines).splitlines()[1:5], [
            "    at handleClick (src/a.ts:1:5)",
            "        > 1 | let a = 1;",
            "          2 | let b = 2;",
            "    at src/a.ts:2:1"])

    def test_the_minified_name_is_kept_where_the_mapping_has_no_name(self):
        lines = symbolicate.symbolicate("t@app.min.js:1:2\n", {"app.min.js": SMALL})
        self.assertEqual(lines[0].text, "t@src/a.ts:1:1")

    def test_maps_are_found_by_full_url_too(self):
        url = "https://cdn.test/app.min.js"
        lines = symbolicate.symbolicate(f"@{url}:1:5", {url: SMALL})
        self.assertEqual(lines[0].text, "handleClick@src/a.ts:1:5")

    def test_frames_without_a_map_a_mapping_or_a_valid_position_are_left_as_they_were(self):
        trace = "\n".join([
            "    at f (http://x.test/other.js:1:1)",  # no map
            "    at f (http://x.test/app.min.js:9:1)",  # a line the map does not cover
            "    at f (http://x.test/app.min.js:1:0)",  # columns are 1-based: 0 is no position
            "    at f (http://x.test/app.min.js:0:1)",
            "    at f (http://x.test/app.min.js:99999999999:1)",
            "    at f (http://x.test/app.min.js:1:99999999999)",
            "    at eval (eval at f (http://x.test/app.min.js:1:5), <anonymous>:1:1)",
            "forEach@[native code]",
            "%%% not a trace %%%"])
        lines = symbolicate.symbolicate(trace, {"app.min.js": SMALL}, context=3)
        self.assertEqual([line.text for line in lines], trace.split("\n"))
        self.assertTrue(all(line.original is None for line in lines))
        self.assertEqual(render(lines), trace + "\n")

    def test_a_bad_map_is_an_error_naming_its_key(self):
        with self.assertRaisesRegex(sourcemap.SourceMapError, r"the map for app\.min\.js: .*not valid JSON"):
            symbolicate.symbolicate("at http://x.test/app.min.js:1:1", {"app.min.js": '{"version": 3,'})
        self.assertEqual(symbolicate.symbolicate("", {"app.min.js": "{"}), [])

    def test_events_parse_each_map_once(self):
        events = [self.TRACE, "handle@http://x.test/app.min.js:2:1", "no frames here"]
        with mock.patch.object(sourcemap, "loads", wraps=sourcemap.loads) as loads:
            results = symbolicate_events(events, {"app.min.js": SMALL})
        self.assertEqual(loads.call_count, 1)
        self.assertEqual([[line.text for line in lines] for lines in results], [
            ["TypeError: boom", "    at handleClick (src/a.ts:1:5)", "    at src/a.ts:2:1",
             "    at vendor (http://x.test/vendor.js:1:1)"],
            ["handle@src/a.ts:2:1"],
            ["no frames here"]])


@unittest.skipUnless(PEERS, "needs TANDEM_NODE_PEERS (run scripts/peers.sh node)")
class TerserBundle(unittest.TestCase):
    """python/tests/function_names/shapes.js minified by terser and run under node (scripts/peers.sh
    node builds target/function-names): each trace's second frame is in the function its
    message names; the map names none of them at the frame's position."""

    #: The message of each trace -> the original name of its second frame's function.
    EXPECTED = {"computeTotal": "computeTotal", "formatPrice": "formatPrice", "halve": "halve",
                "ShoppingCart": "new ShoppingCart", "checkout": "ShoppingCart.checkout",
                "size": "get ShoppingCart.size", "restore": "ShoppingCart.restore",
                "register": "registry.register", "find": "registry.find"}

    @classmethod
    def setUpClass(cls):
        texts = []
        for name in ("shapes.min.js.map", "shapes.min.js", "trace.txt"):
            with open(os.path.join(ROOT, "target", "function-names", name), encoding="utf-8") as file:
                texts.append(file.read())
        cls.map, cls.code, cls.traces = texts

    def _frames(self, generated):
        lines = symbolicate.symbolicate(self.traces, {"shapes.min.js": self.map}, generated=generated)
        messages = [line.text.partition(": ")[2] for line in lines if line.frame is None]
        frames = [line for line in lines if line.frame is not None]
        return messages, frames[0::2], frames[1::2]

    def test_each_frame_gets_its_enclosing_functions_original_name(self):
        messages, throwers, frames = self._frames({"shapes.min.js": self.code})
        self.assertEqual(messages, list(self.EXPECTED))
        self.assertEqual([frame.original.function for frame in throwers], ["fail"] * len(messages))
        self.assertEqual([frame.original.function for frame in frames], list(self.EXPECTED.values()))
        self.assertEqual(frames[3].text, "    at new ShoppingCart (shapes.js:37:9)")
        self.assertEqual(frames[4].text, "    at ShoppingCart.checkout (shapes.js:44:9)")

    def test_without_the_bundle_the_mapping_names_the_callee(self):
        _, _, frames = self._frames(None)
        # each frame is at the call of fail(...): the mapping there names "fail"
        self.assertEqual([frame.original.function for frame in frames], ["fail"] * len(self.EXPECTED))

    def test_the_command_reads_the_bundle_beside_the_map(self):
        folder = os.path.join(ROOT, "target", "function-names")
        result = subprocess.run(
            [sys.executable, "-c", "import sys; from tandem.sourcemap._symbolicate_cli import main; main(sys.argv[1:])",
             "--map", os.path.join(folder, "shapes.min.js.map"), os.path.join(folder, "trace.txt")],
            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": os.path.join(ROOT, "python")})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("    at registry.find (shapes.js:68:65)\n", result.stdout)


@unittest.skipUnless(PEERS, "needs TANDEM_NODE_PEERS (run scripts/peers.sh node)")
class MozillaParity(unittest.TestCase):
    """Traces in each format at real generated positions; originals as Mozilla's source-map gives them."""

    FORMATS = {
        "v8": lambda fn, url, line, column: f"    at {fn} ({url}:{line}:{column})",
        "v8 anonymous": lambda fn, url, line, column: f"    at {url}:{line}:{column}",
        "v8 async": lambda fn, url, line, column: f"    at async {fn} ({url}:{line}:{column})",
        "spidermonkey": lambda fn, url, line, column: f"{fn}@{url}:{line}:{column}",
        "spidermonkey anonymous": lambda fn, url, line, column: f"@{url}:{line}:{column}",
        "javascriptcore global": lambda fn, url, line, column: f"global code@{url}:{line}:{column}",
    }

    def test_real_maps_in_every_format(self):
        for name, count in ((RXJS_INTEROP, 60), (BOOTSTRAP, 120)):
            with self.subTest(name):
                path = os.path.join(PEERS, "node_modules", name)
                with open(path, encoding="utf-8") as file:
                    text = file.read()
                parsed = sourcemap.loads(text)
                positions = self._positions(parsed, count, seed=name)
                expected = self._mozilla(path, positions)
                url = "https://cdn.test/dist/" + os.path.basename(name)[:-4] + "?v=7"
                named = 0
                for index, ((line, column), want) in enumerate(zip(positions, expected)):
                    style, template = list(self.FORMATS.items())[index % len(self.FORMATS)]
                    trace = "Error: boom\n" + template("t", url, line, column + 1)
                    got = symbolicate.symbolicate(trace, {os.path.basename(name)[:-4]: parsed}, context=2)[1]
                    source_index, original_line, original_column, original_name = want
                    self.assertNotEqual(source_index, -1, (line, column))
                    source = parsed.sources[source_index]
                    keeps = "" if "anonymous" in style else ("global code" if "global" in style else "t")
                    function = original_name or keeps
                    place = f"{source}:{original_line}:{original_column + 1}"
                    if style.startswith("v8"):
                        keyword = "async " if "async" in style else ""
                        want_text = f"    at {keyword}{function} ({place})" if function else f"    at {place}"
                    else:
                        want_text = f"{function}@{place}"
                    self.assertEqual(got.text, want_text, (style, line, column))
                    named += original_name is not None
                    content = parsed.source_content(source)
                    if content is not None:
                        source_lines = content.splitlines()
                        self.assertEqual(got.original.context.line, source_lines[original_line - 1])
                        self.assertEqual(got.original.context.pre_lines,
                                         source_lines[max(0, original_line - 3):original_line - 1])
                if name == BOOTSTRAP:
                    self.assertGreater(named, count // 4)  # the names table is exercised

    @staticmethod
    def _positions(parsed, count, seed):
        """Generated positions (1-based line, 0-based column) that map to a source: mapped
        columns and columns a few characters after them."""
        rng = random.Random(seed)
        sourced = [token for token in parsed if token.src is not None]
        return [(token.dst_line + 1, token.dst_col + rng.choice((0, 0, 1, 3)))
                for token in rng.sample(sourced, count)]

    @staticmethod
    def _mozilla(path, positions):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
            json.dump({"original": [list(p) for p in positions], "generated": []}, file)
        try:
            output = subprocess.run(["node", os.path.join(ROOT, "scripts", "sourcemap_mozilla.js"), PEERS,
                                     path, file.name], check=True, capture_output=True, text=True).stdout
        finally:
            os.unlink(file.name)
        return [glb for glb, _ in json.loads(output)["original"]]


if __name__ == "__main__":
    unittest.main()

"""Original function names where a map's mapping has none (tandem.sourcemap.original_function_name):
ECMA-426 scopes, and Sentry's approach on the generated code (_js_scopes, _function_names).

The terser bundle (python/tests/function_names/shapes.js, built by scripts/peers.sh node) is
checked in test_symbolicate.py; these run anywhere with PYTHONPATH=python.
"""

import json
import unittest

from tandem import sourcemap, symbolicate
from tandem.sourcemap._js_scopes import scopes

# a.js:               generated (one line):
#   0 function outer() {             function a(){function b(){boom()}}
#   1   function inner() { boom(); }
#   2 }
# Original scopes (B flags line column name; C line column): outer (0,0)-(2,1) and inner
# (1,2)-(1,30), both functions (flags 1|4). Generated ranges (E flags [line] column definition;
# F column): a(){...} 0-34 defined by scope 0, b(){...} 13-33 by scope 1 (flags 2|4, +1 line 1|2|4).
# One mapping: generated 26 ("boom") to a.js 1:28, named "boom" (the callee, not the function).
SCOPES = "BFAAA,BFBCC,CAc,CBB,EHAAA,EGNC,FU,FB"
GENERATED = "function a(){function b(){boom()}}"


def scoped_map(scopes=SCOPES, names=("outer", "inner", "boom")):
    return json.dumps({"version": 3, "file": "app.min.js", "sources": ["a.js"], "names": list(names),
                       "mappings": "0BAC4BE", "scopes": scopes})


class Ecma426Scopes(unittest.TestCase):

    def test_the_innermost_function_range_names_the_frame(self):
        parsed = sourcemap.loads(scoped_map())
        self.assertEqual(parsed.original_function_name(1, 26), "inner")
        self.assertEqual(parsed.original_function_name(1, 13), "inner")
        self.assertEqual(parsed.original_function_name(1, 5), "outer")
        self.assertEqual(parsed.original_function_name(1, 33), "outer")
        self.assertIsNone(parsed.original_function_name(1, 34))
        self.assertIsNone(parsed.original_function_name(2, 0))
        self.assertEqual(parsed.original_position_for(1, 26).name, "boom")

    def test_symbolicate_takes_the_scope_over_the_callee_the_mapping_names(self):
        lines = symbolicate.symbolicate("    at b (https://x.test/app.min.js:1:27)", {"app.min.js": scoped_map()})
        self.assertEqual(lines[0].text, "    at inner (a.js:2:29)")

    def test_symbolicate_names_the_map_whose_scopes_are_bad(self):
        with self.assertRaisesRegex(sourcemap.SourceMapError,
                                    r"\Athe map for app\.min\.js: scopes: the scope end at offset 0 closes no scope\Z"):
            symbolicate.symbolicate("    at b (https://x.test/app.min.js:1:27)", {"app.min.js": scoped_map("CAA")})

    def test_an_index_maps_section_answers_with_its_own_scopes(self):
        index = json.dumps({"version": 3, "sections": [
            {"offset": {"line": 0, "column": 0}, "map": json.loads(scoped_map())},
            {"offset": {"line": 3, "column": 10}, "map": json.loads(scoped_map())}]})
        parsed = sourcemap.loads(index)
        self.assertEqual(parsed.original_function_name(1, 26), "inner")
        self.assertEqual(parsed.original_function_name(4, 36), "inner")
        self.assertEqual(parsed.original_function_name(4, 15), "outer")

    def test_items_of_unknown_tags_and_trailing_values_are_skipped(self):
        # tag 42 with values; a variables item (D); an extra value on a scope start
        parsed = sourcemap.loads(scoped_map("q1F,BFAAAK,DA,BFBCC,CAc,CBB,EHAAA,EGNC,FU,FB"))
        self.assertEqual(parsed.original_function_name(1, 26), "inner")

    def test_a_bad_scopes_field_is_an_error_naming_the_offset(self):
        cases = {
            "BFAAA,BF!": "invalid Base64 VLQ character '!' at offset 8",
            "BFAAZ,CAA": "refers to name -12, but the map has 3 names",
            "BFAAA,CAA,EGAD,FA": "the range at offset 10 refers to scope -1, but 1 scopes come before it",
            "BFAAA": "ends with a scope or range still open",
            "CAA": "the scope end at offset 0 closes no scope",
            "BFAAA,,CAA": "empty item at offset 6",
            "BFAA": "has 3 values, too few for its tag",
            "BFAAg": "ends without its last digit",
        }
        for scopes, message in cases.items():
            with self.subTest(scopes):
                parsed = sourcemap.loads(scoped_map(scopes))
                with self.assertRaises(sourcemap.SourceMapError) as caught:
                    parsed.original_function_name(1, 0)
                self.assertIn("scopes: ", str(caught.exception))
                self.assertIn(message, str(caught.exception))
        with self.assertRaisesRegex(sourcemap.SourceMapError, "scopes: expected a string, got list"):
            sourcemap.loads(json.dumps({**json.loads(scoped_map()), "scopes": []})).original_function_name(1, 0)


def names(text):
    """Each scope of ``text`` as (scope's text, name as written in the minified code)."""
    found = []
    for scope in sorted(scopes(text)):
        name = None if scope.name is None else "".join(
            part if isinstance(part, str) else part.text for part in scope.name)
        found.append((text[scope.start:scope.end], name))
    return found


class GeneratedCodeScopes(unittest.TestCase):
    """The scan of _js_scopes. Each snippet's scopes and names are js-source-scopes 0.7.3's (Sentry's
    parser-based extraction) too: scripts/js_scopes_parity/compare.py on the snippet agrees."""

    def test_functions_arrows_and_classes_take_the_names_an_engine_gives_them(self):
        self.assertEqual(names("function f(a){return a}var g=function(){},h=async x=>x*2;o.p.q=()=>{};"
                               "class C extends B{constructor(){}m(){}static get v(){}#p(){}}"), [
            ("function f(a){return a}", "f"),
            ("function(){}", "g"),
            ("async x=>x*2", "h"),
            ("()=>{}", "o.p.q"),
            ("class C extends B{constructor(){}m(){}static get v(){}#p(){}}", "new C"),
            ("m(){}", "C.m"),
            ("static get v(){}", "get C.v"),
            ("#p(){}", "C.#p"),
        ])

    def test_object_literals_calls_and_conditionals(self):
        self.assertEqual(names('a={b:function(){},c(){},"d":()=>1};f({g(){}});x=y?0:m(function(){});'
                               "e.fn[i].n=()=>0;z[Symbol.iterator]=function(){}"), [
            ("function(){}", "a.b"),
            ("c(){}", "a.c"),
            ("()=>1", "a"),
            ("g(){}", "<object>.g"),
            ("function(){}", "x"),
            ("()=>0", "e.fn[i].n"),
            ("function(){}", "z[<computed>]"),
        ])

    def test_class_fields_class_expressions_and_accessors_of_objects(self):
        self.assertEqual(names("class K{f=()=>1;static s=g({h:()=>2})}x=class Y{};o={get a(){},[k](){}}"), [
            ("class K{f=()=>1;static s=g({h:()=>2})}", "new K"),
            ("()=>1", "K"),
            ("()=>2", "K.h"),
            ("class Y{}", "new x.Y"),
            ("get a(){}", "get o.a"),
            ("[k](){}", "o.<computed>"),
        ])

    def test_a_named_function_expression_keeps_its_own_name_last(self):
        self.assertEqual(names("i.setOptions=function s(t){};k(function(){})"),
                         [("function s(t){}", "i.s"), ("function(){}", None)])

    def test_arrow_expression_bodies_end_with_their_expression(self):
        self.assertEqual(names("a=c?x=>x?1:2:y=>y,b=[z=>z]"), [
            ("x=>x?1:2", "a"), ("y=>y", "a"), ("z=>z", "b")])

    def test_strings_templates_comments_and_regular_expressions_hide_their_brackets(self):
        text = ('f=function(){return"}{"+`${g(()=>"}")}}`+/[}]\\//.test(s)/*}*/}//}\n'
                "h=function(){if(a)/{/.test(b)}")
        self.assertEqual(names(text), [
            ('function(){return"}{"+`${g(()=>"}")}}`+/[}]\\//.test(s)/*}*/}', "f"),
            ('()=>"}"', None),  # a call's argument in a return statement: nothing names it
            ("function(){if(a)/{/.test(b)}", "h"),
        ])

    def test_code_that_is_not_javascript_does_not_stop_the_scan(self):
        for text in ("", "}}}))", "function(", "a=>{", "`${", "/", "\\", "class{", "x=function(){"):
            with self.subTest(text):
                self.assertIsInstance(scopes(text), list)


class GeneratedCodeNames(unittest.TestCase):
    """Step 2 through a map: each identifier of a scope's name mapped back to its original name."""

    # function a(){...}: "a" at 9 named "outer"; "b" of b=()=>{} at 13 named "inner"; "boom" at 20.
    MAP = json.dumps({"version": 3, "sources": ["a.js"], "names": ["outer", "inner", "boom"],
                      "mappings": "AAAA,SAASA,IACPC,OAAQC"})
    CODE = "function a(){b=()=>{boom()}}"

    def test_each_token_of_the_name_maps_back(self):
        parsed = sourcemap.loads(self.MAP)
        self.assertEqual(parsed.original_function_name(1, 22, self.CODE), "inner")
        self.assertEqual(parsed.original_function_name(1, 12, self.CODE), "outer")
        self.assertEqual(parsed.original_position_for(1, 22).name, "boom")

    def test_without_the_generated_code_or_a_scope_there_is_no_name(self):
        parsed = sourcemap.loads(self.MAP)
        self.assertIsNone(parsed.original_function_name(1, 22))
        self.assertIsNone(parsed.original_function_name(1, 28, self.CODE))
        self.assertIsNone(parsed.original_function_name(7, 0, self.CODE))
        with self.assertRaisesRegex(TypeError, "generated must be the generated file's text"):
            parsed.original_function_name(1, 22, b"function")

    def test_a_name_no_mapping_knows_is_not_trusted(self):
        parsed = sourcemap.loads(json.dumps({"version": 3, "sources": ["a.js"], "names": [], "mappings": "AAAA"}))
        self.assertIsNone(parsed.original_function_name(1, 22, self.CODE))

    def test_columns_count_utf16_units(self):
        code = "s='\U0001f600';" + self.CODE  # the emoji is 2 UTF-16 units, 1 Python character
        shifted = json.loads(self.MAP)
        shifted["mappings"] = "OAAA,SAASA,IACPC,OAAQC"  # everything 7 columns on
        self.assertEqual(sourcemap.loads(json.dumps(shifted)).original_function_name(1, 29, code), "inner")
        self.assertEqual(sourcemap.loads(json.dumps(shifted)).original_function_name(1, 19, code), "outer")


if __name__ == "__main__":
    unittest.main()

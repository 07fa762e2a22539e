package dev.tandem.tests.sourcemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.ffi.NativeLibrary;
import dev.tandem.route.RoutePolicy;
import dev.tandem.sourcemap.Bias;
import dev.tandem.sourcemap.GeneratedPosition;
import dev.tandem.sourcemap.OriginalPosition;
import dev.tandem.sourcemap.SourceMap;
import dev.tandem.sourcemap.SourceMapException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Java API for embedders ({@link SourceMap}) on the goldens python/tests/test_sourcemap.py
 * checks the Python API with: every tc39 source-map-tests case, the small maps whose answers
 * are Mozilla's, and the error messages for bad maps (the same words as Python's).
 */
class SourceMapApiTest {
    static final Path TC39 = SourcemapBackendsTest.TC39.getParent();

    static String map(String mappings, String extra) {
        return "{\"version\": 3, \"sources\": [\"a.js\", \"b.js\"], \"names\": [\"foo\", \"bar\"], \"mappings\": \""
                + mappings + "\"" + extra + "}";
    }

    /** As test_sourcemap.py's Lookups: line 1 col 0 -> a.js 1:0, col 4 -> a.js 1:4 "foo", col 10 -> no source; line 3 -> b.js. */
    static final SourceMap LOOKUPS = SourceMap.parse(map("AAAA,IAAIA,M;;ECEH,EAAC",
            ", \"sourcesContent\": [\"l1\\nl2\\nl3\", \"one\\ntwo\"]"));

    @TestFactory
    Stream<DynamicTest> everyTc39Case() throws IOException {
        JsonNode cases = new ObjectMapper().readTree(TC39.resolve("source-map-spec-tests.json").toFile()).get("tests");
        assertTrue(cases.size() > 90);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode test : cases) {
            tests.add(DynamicTest.dynamicTest(test.get("name").asText(), () -> check(test)));
        }
        return tests.stream();
    }

    private static void check(JsonNode test) throws IOException {
        Path file = TC39.resolve("resources").resolve(test.get("sourceMapFile").asText());
        if (!test.get("sourceMapIsValid").asBoolean()) {
            assertThrows(SourceMapException.class, () -> SourceMap.parse(file));
            return;
        }
        SourceMap parsed = SourceMap.parse(file);
        for (JsonNode action : test.path("testActions")) {
            String kind = action.get("actionType").asText();
            if (kind.equals("checkIgnoreList")) {
                List<String> ignored = parsed.ignoreList().stream().map(parsed.sources()::get).toList();
                List<String> present = new ArrayList<>();
                action.get("present").forEach(node -> present.add(node.asText()));
                assertEquals(present, ignored);
                continue;
            }
            Optional<OriginalPosition> found = parsed.originalPositionFor(action.get("generatedLine").asInt() + 1,
                    action.get("generatedColumn").asInt(), Bias.GREATEST_LOWER_BOUND);
            if (kind.equals("checkMappingTransitive")) {
                for (JsonNode intermediate : action.get("intermediateMaps")) {
                    SourceMap next = SourceMap.parse(TC39.resolve("resources").resolve(intermediate.asText()));
                    found = next.originalPositionFor(found.orElseThrow().line(), found.orElseThrow().column(),
                            Bias.GREATEST_LOWER_BOUND);
                }
            }
            // A mapping to a null entry of sources has a position but no source name (as in Python).
            JsonNode source = action.get("originalSource");
            Optional<OriginalPosition> expected = action.get("originalLine").isNull() ? Optional.empty()
                    : Optional.of(new OriginalPosition(source.isNull() ? null : source.asText(),
                    action.get("originalLine").asInt() + 1, action.get("originalColumn").asInt(),
                    action.get("mappedName").isNull() ? null : action.get("mappedName").asText()));
            assertEquals(expected, found, action.toString());
        }
    }

    @Test
    void lookupsFollowMozillaWithBothBiases() {
        assertEquals(Optional.of(new OriginalPosition("a.js", 1, 4, "foo")),
                LOOKUPS.originalPositionFor(1, 5, Bias.GREATEST_LOWER_BOUND));
        assertEquals(Optional.empty(), LOOKUPS.originalPositionFor(1, 5, Bias.LEAST_UPPER_BOUND));
        assertEquals(Optional.of(new OriginalPosition("a.js", 1, 4, "foo")),
                LOOKUPS.originalPositionFor(1, 1, Bias.LEAST_UPPER_BOUND));
        assertEquals(Optional.empty(), LOOKUPS.originalPositionFor(2, 0, Bias.GREATEST_LOWER_BOUND));
        assertEquals(Optional.empty(), LOOKUPS.originalPositionFor(3, 1, Bias.GREATEST_LOWER_BOUND));
        assertEquals(Optional.of(new OriginalPosition("b.js", 3, 1, null)),
                LOOKUPS.originalPositionFor(3, 1, Bias.LEAST_UPPER_BOUND));
        assertEquals(Optional.empty(), LOOKUPS.originalPositionFor(9, 0, Bias.GREATEST_LOWER_BOUND));
        assertEquals(5, LOOKUPS.mappingCount());
        assertEquals("Line numbers must be >= 1", assertThrows(IllegalArgumentException.class,
                () -> LOOKUPS.originalPositionFor(0, 0, Bias.GREATEST_LOWER_BOUND)).getMessage());
        assertEquals("Column numbers must be >= 0", assertThrows(IllegalArgumentException.class,
                () -> LOOKUPS.originalPositionFor(1, -1, Bias.GREATEST_LOWER_BOUND)).getMessage());
    }

    @Test
    void reverseLookupsAndSourceText() {
        assertEquals(List.of(new GeneratedPosition(1, 0, 3), new GeneratedPosition(1, 4, 9)),
                LOOKUPS.generatedPositionsFor("a.js", 1));
        assertEquals(List.of(new GeneratedPosition(1, 4, 9)), LOOKUPS.generatedPositionsFor("a.js", 1, 4));
        assertEquals(List.of(new GeneratedPosition(3, 4, -1)), LOOKUPS.generatedPositionsFor("b.js", 3, 2));
        assertEquals(List.of(), LOOKUPS.generatedPositionsFor("c.js", 1));
        assertEquals(Optional.of("one\ntwo"), LOOKUPS.sourceContent("b.js"));
        assertEquals(Optional.empty(), LOOKUPS.sourceContent("c.js"));
    }

    /** lookupPacked's 4 ints per query, as originalPositionFor's answers give them. */
    private static int[] packedByHand(SourceMap map, int[] lines, int[] columns, Bias bias) {
        int[] expected = new int[4 * lines.length];
        for (int i = 0; i < lines.length; i++) {
            Optional<OriginalPosition> found = lines[i] == Integer.MAX_VALUE ? Optional.empty() // no map is that long
                    : map.originalPositionFor(lines[i] + 1, columns[i], bias);
            int[] row = found.map(p -> new int[] {map.sources().indexOf(p.source()), p.line() - 1, p.column(),
                    p.name() == null ? -1 : map.names().indexOf(p.name())}).orElse(new int[] {-1, -1, -1, -1});
            System.arraycopy(row, 0, expected, 4 * i, 4);
        }
        return expected;
    }

    @Test
    void packedLookupsAreOriginalPositionsAsInts() throws IOException {
        String one = map("AAAA,EAAE", "");
        SourceMap indexed = SourceMap.parse("{\"version\": 3, \"sections\": [{\"offset\": {\"line\": 0, \"column\": 0}, "
                + "\"map\": " + one + "}, {\"offset\": {\"line\": 0, \"column\": 10}, \"map\": "
                + one.replace("a.js", "c.js") + "}]}");
        // The Rust backend's mappings too, where the native library is built (the Java API's choice).
        List<SourceMap> maps = new ArrayList<>(List.of(LOOKUPS, indexed));
        if (NativeLibrary.get().isLoaded()) {
            maps.add(SourceMap.parse(map("AAAA,IAAIA,M;;ECEH,EAAC", ""), new RoutePolicy("rust", Map.of())));
        }
        int[] lines = {0, 0, 0, 0, 1, 2, 2, 2, 8, 0, Integer.MAX_VALUE};
        int[] columns = {0, 1, 5, 12, 0, 0, 1, 3, 0, Integer.MAX_VALUE, 0};
        for (SourceMap map : maps) {
            for (Bias bias : Bias.values()) {
                assertArrayEquals(packedByHand(map, lines, columns, bias), map.lookupPacked(lines, columns, bias));
            }
        }
        assertArrayEquals(new int[] {0, 0, 4, 0}, LOOKUPS.lookupPacked(new int[] {0}, new int[] {5}, Bias.GREATEST_LOWER_BOUND));
        assertArrayEquals(new int[0], LOOKUPS.lookupPacked(new int[0], new int[0], Bias.LEAST_UPPER_BOUND));
        assertEquals("Line numbers must be >= 0 (lookupPacked takes 0-based lines)", assertThrows(
                IllegalArgumentException.class, () -> LOOKUPS.lookupPacked(new int[] {-1}, new int[] {0},
                        Bias.GREATEST_LOWER_BOUND)).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LOOKUPS.lookupPacked(new int[] {0, 1}, new int[] {0}, Bias.GREATEST_LOWER_BOUND));
    }

    @Test
    void indexMapsShiftTheirSections() throws IOException {
        String one = map("AAAA,EAAE", "");
        String text = "{\"version\": 3, \"sections\": [{\"offset\": {\"line\": 0, \"column\": 0}, \"map\": " + one
                + "}, {\"offset\": {\"line\": 0, \"column\": 10}, \"map\": " + one.replace("a.js", "c.js") + "}]}";
        SourceMap parsed = SourceMap.parse(text.getBytes(StandardCharsets.UTF_8));
        assertTrue(parsed.isIndexMap());
        assertEquals(Optional.of(new OriginalPosition("a.js", 1, 2, null)),
                parsed.originalPositionFor(1, 3, Bias.GREATEST_LOWER_BOUND));
        assertEquals(Optional.of(new OriginalPosition("c.js", 1, 2, null)),
                parsed.originalPositionFor(1, 12, Bias.GREATEST_LOWER_BOUND));
        assertEquals(List.of(new GeneratedPosition(1, 12, -1)), parsed.generatedPositionsFor("c.js", 1, 2));
        assertEquals(List.of(new GeneratedPosition(1, 0, 1), new GeneratedPosition(1, 2, 9)),
                parsed.generatedPositionsFor("a.js", 1));
        assertEquals(4, parsed.mappingCount());
    }

    @Test
    void badMapsAreRefusedWithWhatAndWhere() {
        assertEquals("mappings: segment at offset 5 has 2 fields; a segment has 1, 4 or 5", error(map("AAAA,AA", "")));
        assertEquals("version is 2; only version 3 is supported", error("{\"version\": 2}"));
        assertEquals("version is missing; only version 3 is supported", error("{}"));
        assertEquals("the source map is not a JSON object", error("[3]"));
        assertEquals("sources is missing", error("{\"version\": 3, \"mappings\": \"\"}"));
        assertEquals("names[1] is 7, which is not a string",
                error("{\"version\": 3, \"sources\": [], \"names\": [\"a\", 7], \"mappings\": \"\"}"));
        assertEquals("ignoreList refers to source 4, but the map has 2 sources", error(map("", ", \"ignoreList\": [4]")));
        assertEquals("sections[0].map: mappings: segment at offset 5 has 2 fields; a segment has 1, 4 or 5",
                error("{\"version\": 3, \"sections\": [{\"offset\": {\"line\": 0, \"column\": 0}, \"map\": "
                        + map("AAAA,AA", "") + "}]}"));
        assertTrue(error("{\"version\": 3,").startsWith("the source map is not valid JSON: "), error("{\"version\": 3,"));
        assertTrue(error("").startsWith("the source map is not valid JSON"));
    }

    /**
     * ECMA-426 scopes, the map of python/tests/test_function_names.py (which explains its
     * encoding): function a(){function b(){boom()}} from a.js's outer() and inner().
     */
    @Test
    void originalFunctionNamesComeFromTheScopes() {
        String scoped = scopedMap("BFAAA,BFBCC,CAc,CBB,EHAAA,EGNC,FU,FB");
        SourceMap parsed = SourceMap.parse(scoped);
        assertEquals(Optional.of("inner"), parsed.originalFunctionName(1, 26));
        assertEquals(Optional.of("outer"), parsed.originalFunctionName(1, 5));
        assertEquals(Optional.of("outer"), parsed.originalFunctionName(1, 33));
        assertEquals(Optional.empty(), parsed.originalFunctionName(1, 34));
        assertEquals("boom", parsed.originalPositionFor(1, 26, Bias.GREATEST_LOWER_BOUND).orElseThrow().name());
        SourceMap indexed = SourceMap.parse("{\"version\": 3, \"sections\": [{\"offset\": {\"line\": 0, \"column\": 0}, "
                + "\"map\": " + scoped + "}, {\"offset\": {\"line\": 3, \"column\": 10}, \"map\": " + scoped + "}]}");
        assertEquals(Optional.of("inner"), indexed.originalFunctionName(4, 36));
        assertEquals(Optional.of("outer"), indexed.originalFunctionName(4, 15));
        assertEquals(Optional.empty(), SourceMap.parse(map("AAAA", "")).originalFunctionName(1, 0));
        assertEquals(Optional.of("inner"),
                SourceMap.parse(scopedMap("q1F,BFAAAK,DA,BFBCC,CAc,CBB,EHAAA,EGNC,FU,FB")).originalFunctionName(1, 26));
        Map<String, String> bad = Map.of(
                "BFAAA,BF!", "scopes: invalid Base64 VLQ character '!' at offset 8",
                "BFAAZ,CAA", "scopes: the item at offset 0 refers to name -12, but the map has 3 names",
                "BFAAA,CAA,EGAD,FA", "scopes: the range at offset 10 refers to scope -1, but 1 scopes come before it",
                "BFAAA", "scopes: the field ends with a scope or range still open",
                "CAA", "scopes: the scope end at offset 0 closes no scope",
                "BFAAA,,CAA", "scopes: empty item at offset 6",
                "BFAA", "scopes: the item at offset 0 has 3 values, too few for its tag",
                "BFAAg", "scopes: the VLQ value at offset 4 ends without its last digit");
        bad.forEach((field, message) -> assertEquals(message, assertThrows(SourceMapException.class,
                () -> SourceMap.parse(scopedMap(field)).originalFunctionName(1, 0)).getMessage(), field));
        assertEquals("scopes: expected a string, got list", assertThrows(SourceMapException.class,
                () -> SourceMap.parse(scoped.replace("\"BFAAA,BFBCC,CAc,CBB,EHAAA,EGNC,FU,FB\"", "[]"))
                        .originalFunctionName(1, 0)).getMessage());
    }

    private static String scopedMap(String scopes) {
        return "{\"version\": 3, \"file\": \"app.min.js\", \"sources\": [\"a.js\"], "
                + "\"names\": [\"outer\", \"inner\", \"boom\"], \"mappings\": \"0BAC4BE\", \"scopes\": \"" + scopes + "\"}";
    }

    @Test
    void anXssiGuardLineIsSkipped() {
        assertEquals(5, SourceMap.parse(")]}'\n" + map("AAAA,IAAIA,M;;ECEH,EAAC", "")).mappingCount());
    }

    private static String error(String json) {
        return assertThrows(SourceMapException.class, () -> SourceMap.parse(json)).getMessage();
    }
}

package dev.tandem.tests.sourcemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.sourcemap.SourceMap;
import dev.tandem.sourcemap.SourceUrls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Source URLs against Mozilla source-map 0.7.6's own assertions (test/test-util.js, every
 * {@code assert.equal} on normalize, join, relative and computeSourceURL), which
 * {@code scripts/peers.sh node} records in target/source-map-util-cases.json; and what a map's
 * sources become with them.
 */
class SourceUrlsTest {
    @Test
    void everyAssertionOfMozillasUtilTestsHolds() throws IOException {
        Path cases = Path.of(System.getProperty("tandem.sourcemap.util.cases", "target/source-map-util-cases.json"));
        if (!Files.exists(cases)) {
            fail(cases + " is missing: run scripts/peers.sh node (it records Mozilla's assertions there)");
        }
        List<String> wrong = new ArrayList<>();
        JsonNode all = new ObjectMapper().readTree(cases.toFile());
        for (JsonNode each : all) {
            JsonNode args = each.get("args");
            String first = args.get(0).isNull() ? null : args.get(0).asText();
            String second = args.size() > 1 ? args.get(1).asText() : null;
            String got = switch (each.get("call").asText()) {
                case "normalize" -> SourceUrls.normalize(first);
                case "join" -> SourceUrls.join(first, second);
                case "relative" -> SourceUrls.relative(first, second);
                case "computeSourceURL" -> SourceUrls.computeSourceUrl(first, second,
                        args.size() > 2 && !args.get(2).isNull() ? args.get(2).asText() : null);
                default -> throw new AssertionError("unknown call " + each.get("call"));
            };
            if (!each.get("expected").asText().equals(got)) {
                wrong.add(each.get("call").asText() + args + ": expected " + each.get("expected") + ", got " + got);
            }
        }
        assertTrue(all.size() >= 140, "only " + all.size() + " cases");
        assertEquals(List.of(), wrong);
    }

    @Test
    void sourcesAreJoinedToTheRootAndNormalisedAsMozillaDoes() {
        String root = "/" + String.join("/", "the", "root"); // an absolute root, as in Mozilla's test
        SourceMap map = SourceMap.parse("""
                {"version": 3, "sourceRoot": "%s", "sources": ["./one.js", "../bang.coffee", "webpack:///b a.js"],
                 "sourcesContent": ["one", "bang", null], "names": [], "mappings": "AAAA,CCCC,CCCC"}""".formatted(root));
        String parent = root.substring(0, root.lastIndexOf('/'));
        assertEquals(List.of(root + "/one.js", parent + "/bang.coffee", "webpack:///b%20a.js"), map.sources());
        assertEquals("one", map.sourceContent("./one.js").orElseThrow());
        assertEquals("one", map.sourceContent("one.js").orElseThrow());
        assertEquals("bang", map.sourceContent("../bang.coffee").orElseThrow());
        assertEquals(1, map.generatedPositionsFor("../bang.coffee", 1).size());
    }
}

package dev.tandem.tests.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.kernels.bpe.RustEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The Rust backend against tiktoken: every text of {@code target/bpe-cases.json} (written by
 * scripts/peers.sh with the real tiktoken) in each of the five encodings, with no special
 * tokens allowed and with all of them allowed; {@code count} and {@code encodeBatch} too.
 */
class RustEncoderParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, RustEncoder> ENCODERS = new LinkedHashMap<>();
    private static JsonNode cases;

    @BeforeAll
    static void load() throws IOException {
        String where = System.getProperty("tandem.bpe.cases", "target/bpe-cases.json");
        Path file = Path.of(where);
        if (!Files.isRegularFile(file)) {
            fail(file + " is missing: run scripts/peers.sh (it writes tiktoken's ids for the test corpus)");
        }
        cases = JSON.readTree(file.toFile()).get("cases");
        for (String name : BpeEncodings.NAMES) {
            ENCODERS.put(name, BpeEncodings.load(name));
        }
    }

    @AfterAll
    static void free() {
        ENCODERS.values().forEach(RustEncoder::close);
    }

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesTiktoken() {
        return BpeEncodings.NAMES.stream().map(name -> DynamicTest.dynamicTest(name, () -> checkAll(name)));
    }

    private static void checkAll(String name) {
        RustEncoder encoder = ENCODERS.get(name);
        List<String> texts = new ArrayList<>();
        List<int[]> ordinary = new ArrayList<>();
        List<int[]> all = new ArrayList<>();
        for (JsonNode item : cases) {
            JsonNode ids = item.get("ids").get(name);
            texts.add(item.get("text").asText());
            ordinary.add(ints(ids.get("ordinary")));
            all.add(ints(ids.get("all")));
        }
        assertTrue(texts.size() > 1000, "only " + texts.size() + " cases");
        int mismatches = 0;
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            int[] gotOrdinary = encoder.encode(text, 0);
            int[] gotAll = encoder.encode(text, -1L);
            boolean same = java.util.Arrays.equals(ordinary.get(i), gotOrdinary)
                    && java.util.Arrays.equals(all.get(i), gotAll)
                    && encoder.count(text, 0) == ordinary.get(i).length
                    && encoder.count(text, -1L) == all.get(i).length;
            if (!same && mismatches++ < 5) {
                report.append("\n  case ").append(i).append(' ').append(JSON.valueToTree(text))
                        .append("\n    tiktoken ").append(java.util.Arrays.toString(ordinary.get(i)))
                        .append("\n    rust     ").append(java.util.Arrays.toString(gotOrdinary));
            }
        }
        assertEquals(0, mismatches, name + ": " + mismatches + " of " + texts.size() + " texts differ:" + report);
        String[] batch = texts.toArray(String[]::new);
        for (int threads : new int[] {1, 2}) {
            int[][] got = encoder.encodeBatch(batch, 0, threads);
            for (int i = 0; i < batch.length; i++) {
                assertArrayEquals(ordinary.get(i), got[i], name + " batch on " + threads + " threads, case " + i);
            }
        }
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }
}

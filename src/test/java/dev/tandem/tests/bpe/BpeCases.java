package dev.tandem.tests.bpe;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * tiktoken's ids for the tokenizer corpus, written by scripts/peers.sh to target/bpe-cases.json
 * (its path comes as the system property {@code tandem.bpe.cases}).
 */
final class BpeCases {
    /** One text and tiktoken's ids for it, per encoding: {@code ordinary} and {@code all} (every special allowed). */
    record Case(String text, JsonNode ids) {
        int[] ordinary(String encoding) {
            return toInts(ids.get(encoding).get("ordinary"));
        }

        int[] all(String encoding) {
            return toInts(ids.get(encoding).get("all"));
        }
    }

    private static List<Case> cases;

    private BpeCases() {
    }

    /** The path of the cases file: the system property, else target/bpe-cases.json. */
    static Path path() {
        return Path.of(System.getProperty("tandem.bpe.cases", "target/bpe-cases.json"));
    }

    /** The cases; fails the test (never skips it) when the file is missing. */
    static synchronized List<Case> all() throws IOException {
        if (cases == null) {
            Path path = path();
            if (!Files.isRegularFile(path)) {
                fail(path + " is missing: run scripts/peers.sh (it writes tiktoken's ids for the corpus there)");
            }
            JsonNode root = new ObjectMapper().readTree(path.toFile());
            List<Case> read = new ArrayList<>();
            for (JsonNode node : root.get("cases")) {
                read.add(new Case(node.get("text").asText(), node.get("ids")));
            }
            cases = List.copyOf(read);
        }
        return cases;
    }

    /** The concatenation of all texts, {@code times} times. */
    static String corpus(int times) throws IOException {
        StringBuilder one = new StringBuilder();
        for (Case c : all()) {
            one.append(c.text()).append('\n');
        }
        return one.toString().repeat(times);
    }

    private static int[] toInts(JsonNode array) {
        int[] ints = new int[array.size()];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = array.get(i).asInt();
        }
        return ints;
    }
}

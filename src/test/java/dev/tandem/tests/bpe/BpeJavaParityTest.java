package dev.tandem.tests.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.kernels.bpe.BpeJava;
import dev.tandem.kernels.bpe.Encoding;
import dev.tandem.kernels.bpe.Encodings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Java backend against tiktoken's ids, every text of target/bpe-cases.json, all five encodings. */
class BpeJavaParityTest {
    private final BpeJava kernel = new BpeJava();

    @ParameterizedTest
    @ValueSource(strings = {"r50k_base", "p50k_base", "p50k_edit", "cl100k_base", "o200k_base"})
    void sameIdsAsTiktoken(String name) throws Exception {
        Encoding encoding = Encodings.get(name);
        List<String> allSpecial = List.copyOf(encoding.specialTokens().keySet());
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (BpeCases.Case c : BpeCases.all()) {
            int[] ordinary = c.ordinary(name);
            int[] all = c.all(name);
            check(mismatches, "encode_ordinary", c.text(), ordinary, kernel.encode_ordinary(name, c.text()));
            check(mismatches, "encode(all)", c.text(), all, kernel.encode(name, c.text(), allSpecial));
            check(mismatches, "encodeAllowingAll", c.text(), all, encoding.encodeAllowingAll(c.text()));
            if (kernel.count(name, c.text(), allSpecial) != all.length
                    || encoding.countTokens(c.text()) != ordinary.length) {
                mismatches.add("count of " + show(c.text()));
            }
            compared++;
        }
        assertTrue(compared > 1000, "only " + compared + " cases in " + BpeCases.path());
        assertEquals(List.of(), mismatches.subList(0, Math.min(10, mismatches.size())),
                mismatches.size() + " of " + compared + " texts differ from tiktoken for " + name);
    }

    private static void check(List<String> mismatches, String what, String text, int[] expected, int[] actual) {
        if (!Arrays.equals(expected, actual)) {
            mismatches.add(what + " of " + show(text) + ": tiktoken " + Arrays.toString(expected) + ", Java "
                    + Arrays.toString(actual));
        }
    }

    private static String show(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().limit(80).forEach(c -> out.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", c)
                : Character.toString(c)));
        return out.append(text.length() > 80 ? "...\"" : "\"").toString();
    }
}

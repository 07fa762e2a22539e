package dev.tandem.tests.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tandem.KernelException;
import dev.tandem.kernels.bpe.BpeJava;
import dev.tandem.kernels.bpe.Encoding;
import dev.tandem.kernels.bpe.Encodings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Java API and the kernel entry: registry, special tokens, surrogates, decoding, long runs. Expected ids are tiktoken 0.14.0's. */
class BpeJavaEncodingTest {
    private static final String EOT = "<|endoftext|>";
    private final BpeJava kernel = new BpeJava();

    @Test
    void theRegistryLoadsOnceAndNamesTheKnownEncodings() {
        assertEquals(List.of("r50k_base", "p50k_base", "p50k_edit", "cl100k_base", "o200k_base"), Encodings.names());
        assertSame(Encodings.get("cl100k_base"), Encodings.get("cl100k_base"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Encodings.get("gpt5"));
        assertEquals("unknown encoding 'gpt5'; known: r50k_base, p50k_base, p50k_edit, cl100k_base, o200k_base",
                error.getMessage());
        KernelException kernelError = assertThrows(KernelException.class, () -> kernel.encode_ordinary("gpt5", "x"));
        assertEquals("bpe.encode_ordinary: " + error.getMessage(), kernelError.getMessage());
    }

    @Test
    void factsAreTiktokens() {
        Encoding cl100k = Encodings.get("cl100k_base");
        assertEquals(100277, cl100k.nVocab());
        assertEquals(100257, cl100k.eotToken());
        assertEquals(Map.of(EOT, 100257, "<|fim_prefix|>", 100258, "<|fim_middle|>", 100259,
                "<|fim_suffix|>", 100260, "<|endofprompt|>", 100276), cl100k.specialTokens());
        assertEquals(50257, Encodings.get("r50k_base").nVocab());
        assertEquals(50281, Encodings.get("p50k_base").nVocab());
        assertEquals(50284, Encodings.get("p50k_edit").nVocab());
        assertEquals(50283, Encodings.get("p50k_edit").specialTokens().get("<|fim_suffix|>"));
        assertEquals(200019, Encodings.get("o200k_base").nVocab());
        assertEquals(199999, Encodings.get("o200k_base").eotToken());
        assertEquals("cl100k_base", cl100k.name());
    }

    @Test
    void loadingIsSharedAcrossThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> results = pool.invokeAll(java.util.Collections.nCopies(8,
                    () -> Encodings.get("p50k_edit").encodeOrdinary("hello world")));
            for (Future<int[]> result : results) {
                assertArrayEquals(new int[] {31373, 995}, result.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void specialTokensFollowTiktokensRules() {
        Encoding cl100k = Encodings.get("cl100k_base");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> cl100k.encode("x" + EOT));
        assertEquals(true, error.getMessage().contains("'" + EOT + "'"), error.getMessage());
        assertArrayEquals(new int[] {87, 100257, 88}, cl100k.encode("x" + EOT + "y", Set.of(EOT)));
        assertArrayEquals(new int[] {27, 91, 8862, 728, 428, 91, 29}, cl100k.encode(EOT, Set.of(), Set.of()));
        assertArrayEquals(new int[] {27, 91, 8862, 728, 428, 91, 29}, cl100k.encodeOrdinary(EOT));
        // The stretch before an allowed special token ends there, for \s+(?!\S) and $ too.
        assertArrayEquals(new int[] {87, 256, 100257}, cl100k.encodeAllowingAll("x  " + EOT));
        assertArrayEquals(new int[] {87, 220, 220, 50256}, Encodings.get("r50k_base").encodeAllowingAll("x  " + EOT));
        // The disallowed check is literal: any string, special token or not.
        assertThrows(IllegalArgumentException.class, () -> cl100k.encode("say hi", Set.of(), Set.of("hi")));
        // Allowed strings that are no special token are ignored, as in tiktoken.
        assertArrayEquals(new int[] {87}, cl100k.encode("x", Set.of("<|nope|>"), Set.of()));
        assertEquals(3, cl100k.countTokens("x" + EOT + "y", Set.of(EOT), Set.of()));
        assertEquals(3L, kernel.count("cl100k_base", "x" + EOT + "y", List.of(EOT)));
        assertArrayEquals(new int[] {87, 100257, 88}, kernel.encode("cl100k_base", "x" + EOT + "y", List.of(EOT)));
        assertArrayEquals(cl100k.encodeOrdinary("x" + EOT), kernel.encode("cl100k_base", "x" + EOT, List.of()));
    }

    @Test
    void loneSurrogatesAreReplacementCharacters() {
        Encoding cl100k = Encodings.get("cl100k_base");
        assertArrayEquals(new int[] {64, 5809, 65}, cl100k.encodeOrdinary("a\uD800b"));
        assertArrayEquals(cl100k.encodeOrdinary("a\uFFFDb"), cl100k.encodeOrdinary("a\uDC00b"));
        assertArrayEquals(new int[] {76460, 222}, cl100k.encodeOrdinary("\uD83D\uDE00")); // a pair is one code point
        assertArrayEquals(new int[] {84083}, Encodings.get("o200k_base").encodeOrdinary("\uD83D\uDE00"));
        assertArrayEquals(cl100k.encodeOrdinary("\uFFFD\uFFFD"), cl100k.encodeOrdinary("\uDE00\uD83D"));
        assertArrayEquals(cl100k.encodeOrdinary("x\uFFFD"), cl100k.encodeOrdinary("x\uD83D"));
    }

    @Test
    void piecesFollowThePatterns() {
        assertEquals(List.of("a", " ", " b"), Encodings.get("cl100k_base").pieces("a  b"));
        assertEquals(List.of("x", "  "), Encodings.get("cl100k_base").pieces("x  "));
        assertEquals(List.of("ab'\u017F"), Encodings.get("o200k_base").pieces("ab'\u017F")); // long s folds to s
        assertEquals(List.of("Camel", "Case"), Encodings.get("o200k_base").pieces("CamelCase"));
        assertEquals(List.of("'s", "foo"), Encodings.get("r50k_base").pieces("'sfoo"));
        assertArrayEquals(new int[] {137910, 6187}, Encodings.get("o200k_base").encodeOrdinary("CamelCase"));
    }

    /** Expected strings are CPython's bytes.decode("utf-8", "replace") of the same bytes. */
    @Test
    void decodeReplacesInvalidUtf8AsPythonDoes() {
        Encoding cl100k = Encodings.get("cl100k_base");
        assertEquals("\uFFFD", decodeBytes(cl100k, 0x80));
        assertEquals("\uFFFD", decodeBytes(cl100k, 0xC3));
        assertEquals("a\uFFFD(", decodeBytes(cl100k, 'a', 0xC3, '('));
        assertEquals("\uFFFD", decodeBytes(cl100k, 0xE2, 0x82));
        assertEquals("\uFFFD(", decodeBytes(cl100k, 0xE2, 0x82, '('));
        assertEquals("\uFFFD\uFFFD\uFFFD", decodeBytes(cl100k, 0xED, 0xA0, 0x80));
        assertEquals("\uFFFD", decodeBytes(cl100k, 0xF0, 0x9F, 0x98));
        assertEquals("\uD83D\uDE00", decodeBytes(cl100k, 0xF0, 0x9F, 0x98, 0x80));
        assertEquals("\uFFFD\uFFFD\uFFFD\uFFFD", decodeBytes(cl100k, 0xF4, 0x90, 0x80, 0x80));
        assertEquals("\uFFFD\uFFFD", decodeBytes(cl100k, 0xC0, 0xAF));
        assertEquals("\uFFFD\uFFFD\uFFFD", decodeBytes(cl100k, 0xE0, 0x80, 0xAF));
        assertEquals("\uFFFD\uFFFD\uFFFD\uFFFD", decodeBytes(cl100k, 0xF0, 0x80, 0x80, 0xAF));
        assertEquals("\uFFFD\uFFFD", decodeBytes(cl100k, 0xFF, 0xFE));
        assertEquals("\uFFFD\uFFFD", decodeBytes(cl100k, 0xF5, 0x80));
        assertEquals("\uFFFD\u1000", decodeBytes(cl100k, 0xE1, 0x80, 0xE1, 0x80, 0x80));
        assertEquals("\uFFFD", cl100k.decode(new int[] {76460})); // the first half of an emoji
        assertEquals("hello world", cl100k.decode(new int[] {15339, 1917}));
        assertEquals(EOT, cl100k.decode(new int[] {100257}));
    }

    /** Decodes the single-byte tokens of {@code bytes} (each byte's id found by decoding all ids 0..255). */
    private static String decodeBytes(Encoding encoding, int... bytes) {
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ids[i] = idOfByte(encoding, bytes[i]);
        }
        return encoding.decode(ids);
    }

    private static int idOfByte(Encoding encoding, int b) {
        for (int id = 0; id < 256; id++) {
            byte[] bytes = encoding.decodeSingleTokenBytes(id);
            if (bytes.length == 1 && (bytes[0] & 0xFF) == b) {
                return id;
            }
        }
        throw new AssertionError("no single-byte token for " + b);
    }

    @Test
    void unknownIdsAreRefusedWithTiktokensMessage() {
        KernelException error = assertThrows(KernelException.class,
                () -> kernel.decode_bytes("cl100k_base", new int[] {15339, 100256}));
        assertEquals("bpe.decode_bytes: Invalid token for decoding: 100256", error.getMessage());
        assertEquals("bpe.decode_bytes", error.kernel());
        assertThrows(IllegalArgumentException.class, () -> Encodings.get("o200k_base").decode(new int[] {-1}));
        assertArrayEquals("hello world".getBytes(), kernel.decode_bytes("cl100k_base", new int[] {15339, 1917}));
    }

    /** tiktoken gives 12,500 and 782 tokens for 100,000 'a' and spaces (cl100k_base, o200k_base). */
    @ParameterizedTest
    @ValueSource(strings = {"cl100k_base", "o200k_base"})
    void longRunsMatchTiktoken(String name) {
        Encoding encoding = Encodings.get(name);
        assertEquals(12500, encoding.countTokens("a".repeat(100_000)));
        assertEquals(782, encoding.countTokens(" ".repeat(100_000)));
    }

    /** A megabyte of one character is one piece (or many tiny ones): it must finish quickly and round-trip. */
    @ParameterizedTest
    @ValueSource(strings = {"a", " ", "\n", "1", "!", "\u00E9", "\u4E00", "\uD83D\uDE00", "ab", " a"})
    void megabyteRunsFinish(String unit) {
        String text = unit.repeat(1_000_000 / unit.length());
        for (String name : List.of("r50k_base", "cl100k_base", "o200k_base")) {
            Encoding encoding = Encodings.get(name);
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                int[] ids = encoding.encodeOrdinary(text + "x");
                assertEquals(text + "x", encoding.decode(ids), name);
            }, name);
        }
    }
}

package dev.tandem.tests.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.kernels.bpe.Encoding;
import dev.tandem.kernels.bpe.Encodings;
import dev.tandem.kernels.bpe.PatternKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The strict .tiktoken parser (bpe.load_ranks's rules) and encodings loaded from a file. */
class BpeJavaRankFileTest {
    @TempDir
    Path dir;

    /** Every single byte (rank = byte value; lines 1..256), then "ab" 256 and "abab" 257 (lines 257, 258). */
    private static String smallRanks() {
        StringBuilder out = new StringBuilder();
        for (int b = 0; b < 256; b++) {
            out.append(Base64.getEncoder().encodeToString(new byte[] {(byte) b})).append(' ').append(b).append('\n');
        }
        return out.append(line("ab", 256)).append(line("abab", 257)).toString();
    }

    private static String line(String token, int rank) {
        return Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)) + " " + rank + "\n";
    }

    private Encoding load(String contents) throws Exception {
        Path file = dir.resolve("test.tiktoken");
        Files.writeString(file, contents, StandardCharsets.ISO_8859_1);
        return Encodings.load(file, "test", PatternKind.CL100K, Map.of("<|endoftext|>", 300));
    }

    private String error(String contents) {
        Path file = dir.resolve("test.tiktoken");
        return assertThrows(IllegalArgumentException.class, () -> load(contents)).getMessage()
                .replace(file.toString(), "FILE");
    }

    @Test
    void aCustomFileEncodesWithItsRanks() throws Exception {
        Encoding encoding = load(smallRanks());
        assertEquals("test", encoding.name());
        assertEquals(301, encoding.nVocab());
        assertEquals(300, encoding.eotToken());
        assertArrayEquals(new int[] {257, 32, 256, 300}, encoding.encodeAllowingAll("abab ab<|endoftext|>"));
        assertEquals("abab ab<|endoftext|>", encoding.decode(new int[] {257, 32, 256, 300}));
    }

    @Test
    void crlfLineEndsAreAccepted() throws Exception {
        Encoding encoding = load(smallRanks().replace("\n", "\r\n"));
        assertArrayEquals(new int[] {257}, encoding.encodeOrdinary("abab"));
    }

    @Test
    void theBuiltInFileLoadsFromAPathToo() throws Exception {
        // The build's copy (the resource itself is encapsulated in the dev.tandem module).
        Path file = Path.of(System.getProperty("tandem.home", "."), "target/classes/dev/tandem/bpe/cl100k_base.tiktoken");
        Encoding mine = Encodings.load(file, "mine", PatternKind.CL100K, Map.of());
        assertArrayEquals(Encodings.get("cl100k_base").encodeOrdinary("hello world, ünïcödé 😀"),
                mine.encodeOrdinary("hello world, ünïcödé 😀"));
    }

    @Test
    void errorsNameTheLine() {
        String good = smallRanks();
        assertEquals("FILE: empty rank file", error(""));
        assertEquals("FILE: line 259 has no newline at the end: the file is truncated",
                error(good + "YWJj 258"));
        assertEquals("FILE: line 259 is not 'BASE64 RANK': b'YWJj'", error(good + "YWJj\n"));
        assertEquals("FILE: line 259 is not 'BASE64 RANK': b'YWJj  258'", error(good + "YWJj  258\n"));
        assertEquals("FILE: line 259 is not 'BASE64 RANK': b'YWJj -1'", error(good + "YWJj -1\n"));
        assertEquals("FILE: line 259 is not 'BASE64 RANK': b''", error(good + "\n"));
        assertEquals("FILE: line 259: invalid base64 b'YW*j' (Illegal base64 character 2a)",
                error(good + "YW*j 258\n"));
        assertEquals("FILE: line 259: invalid base64 b'YWJ' (its length is not a multiple of 4)",
                error(good + "YWJ 258\n"));
        // Padding alone is refused as base64 (as Python's b64decode(validate=True) does), so no token is empty.
        assertTrue(error(good + "==== 258\n").startsWith("FILE: line 259: invalid base64 b'====' ("));
        assertEquals("FILE: line 259: rank 99999999999 is too large (Java token ids go up to 2147483646)",
                error(good + "YWJj 99999999999\n"));
        assertEquals("FILE: line 259: token b'ab' again (first on line 257)", error(good + "YWI= 258\n"));
        assertEquals("FILE: line 259: rank 7 again (first on line 8)", error(good + "YWJj 7\n"));
    }

    @Test
    void everySingleByteMustBeAToken() {
        String withoutZ = smallRanks().replace(line("z", 'z'), "");
        assertEquals("the rank file has no token for the single byte 0x7A: every byte must be a token",
                error(withoutZ));
    }

    @Test
    void specialIdsMustDifferFromRanks() throws Exception {
        Path file = dir.resolve("test.tiktoken");
        Files.writeString(file, smallRanks(), StandardCharsets.ISO_8859_1);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Encodings.load(file, "test", PatternKind.R50K, Map.of("<|x|>", 256)));
        assertEquals("test: special token <|x|> has id 256, which is also the rank of a mergeable token",
                error.getMessage());
    }
}

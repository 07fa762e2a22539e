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
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The strict .tiktoken parser (bpe.load_ranks's rules), encodings loaded from a file, and the binary rank cache. */
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

    // The binary rank cache (Encodings.loadCached; Encodings.get uses the default directory).

    private static final String SAMPLE = "hello world, ünïcödé 😀 <|endoftext|>   \n\n  1234567 x";

    /** The one cache file in {@code cache} (r50k_base's). */
    private static Path cacheFile(Path cache) throws Exception {
        try (var files = Files.list(cache)) {
            List<Path> found = files.filter(file -> file.toString().endsWith(".ranks")).toList();
            assertEquals(1, found.size(), found.toString());
            return found.get(0);
        }
    }

    private static Object inode(Path file) throws Exception {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    /** A cached encoding is the parsed one: every token's bytes, the ids of a text, n_vocab. */
    private static void assertSameAsBuiltIn(Encoding cached) {
        Encoding parsed = Encodings.get("r50k_base");
        assertEquals(parsed.nVocab(), cached.nVocab());
        for (int id = 0; id < parsed.nVocab(); id++) {
            assertArrayEquals(parsed.decodeSingleTokenBytes(id), cached.decodeSingleTokenBytes(id), "id " + id);
        }
        assertArrayEquals(parsed.encodeAllowingAll(SAMPLE), cached.encodeAllowingAll(SAMPLE));
    }

    @Test
    void theRankCacheIsWrittenOnceThenRead() throws Exception {
        Path cache = dir.resolve("cache");
        assertSameAsBuiltIn(Encodings.loadCached("r50k_base", cache));
        Path file = cacheFile(cache);
        Object written = inode(file);
        byte[] contents = Files.readAllBytes(file);
        assertSameAsBuiltIn(Encodings.loadCached("r50k_base", cache));
        assertEquals(written, inode(file), "a valid cache file is read, not written again");
        assertArrayEquals(contents, Files.readAllBytes(file));
        try (var files = Files.list(cache)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left");
        }
    }

    @Test
    void aDamagedRankCacheIsRebuiltNotUsed() throws Exception {
        Path cache = dir.resolve("cache");
        Encodings.loadCached("r50k_base", cache);
        Path file = cacheFile(cache);
        byte[] good = Files.readAllBytes(file);
        byte[] flipped = good.clone();
        flipped[flipped.length / 3] ^= 1; // in the token bytes or tables: only the sums tell
        byte[] otherSource = good.clone();
        otherSource[8] ^= 1; // the original's SHA-256 in the header
        List<byte[]> damaged = List.of(flipped, otherSource, Arrays.copyOf(good, good.length - 8),
                Arrays.copyOf(good, 40), new byte[0], "not a rank cache".getBytes(StandardCharsets.US_ASCII));
        for (byte[] contents : damaged) {
            Files.write(file, contents);
            assertSameAsBuiltIn(Encodings.loadCached("r50k_base", cache));
            assertArrayEquals(good, Files.readAllBytes(file), "rebuilt whole");
        }
    }

    @Test
    void anUnwritableRankCacheOnlyCostsTheParse() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        assertSameAsBuiltIn(Encodings.loadCached("r50k_base", notADirectory.resolve("cache")));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Encodings.loadCached("nope", dir));
        assertTrue(unknown.getMessage().startsWith("unknown encoding 'nope'; known: r50k_base"), unknown.getMessage());
    }
}

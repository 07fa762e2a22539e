package dev.tandem.tests.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.KernelException;
import dev.tandem.kernels.bpe.BpeJava;
import dev.tandem.kernels.bpe.BpeRust;
import dev.tandem.kernels.bpe.Encodings;
import dev.tandem.kernels.bpe.PatternKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Encodings a user defines at run time ({@code tiktoken.Encoding(...)} from their own ranks):
 * the Java and Rust backends run them by the name they were defined under.
 */
class DefinedEncodingTest {
    /** The 256 single bytes in order, then "ab" and "abc": a vocabulary small enough to check by hand. */
    private static byte[] smallRanks() {
        StringBuilder file = new StringBuilder();
        java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
        for (int b = 0; b < 256; b++) {
            file.append(base64.encodeToString(new byte[] {(byte) b})).append(' ').append(b).append('\n');
        }
        file.append(base64.encodeToString("ab".getBytes(StandardCharsets.US_ASCII))).append(" 256\n");
        file.append(base64.encodeToString("abc".getBytes(StandardCharsets.US_ASCII))).append(" 257\n");
        return file.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void bothHostBackendsRunADefinedEncoding() {
        assertTrue(Encodings.define("user:test-small", PatternKind.CL100K, smallRanks()));
        assertTrue(Encodings.define("user:test-small", PatternKind.CL100K, smallRanks()), "defining again is a no-op");
        int[] expected = {257, 32, 256, 32, 120};  // "abc", " ", "ab", " ", "x": cl100k's pieces "abc", " ab", " x"
        assertArrayEquals(expected, new BpeJava().encode_ordinary("user:test-small", "abc ab x"));
        assertArrayEquals(expected, new BpeRust().encode_ordinary("user:test-small", "abc ab x"));
        assertArrayEquals("abc ab x".getBytes(StandardCharsets.UTF_8),
                new BpeRust().decode_bytes("user:test-small", expected));
        assertArrayEquals(new int[] {257, 60}, new BpeJava().encode("user:test-small", "abc<", List.of("<|endoftext|>")));
    }

    @Test
    void definitionsAreCheckedAndBounded() {
        assertThrows(IllegalArgumentException.class, () -> Encodings.define("cl100k_base", PatternKind.CL100K, smallRanks()));
        assertTrue(Encodings.define("user:test-broken", PatternKind.R50K, "bad\n".getBytes(StandardCharsets.US_ASCII)));
        KernelException broken = assertThrows(KernelException.class,
                () -> new BpeJava().encode_ordinary("user:test-broken", "x"));
        assertTrue(broken.getMessage().contains("line 1"), broken.getMessage());
        assertThrows(KernelException.class, () -> new BpeRust().encode_ordinary("user:test-broken", "x"));
    }
}

package dev.tandem.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tandem.ffi.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Java strings become the bytes Python's s.encode("utf-8", "surrogatepass") gives. */
class NativeUtf8Test {
    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void validTextIsPlainUtf8() {
        for (String text : new String[] {"", "ascii", "é日本", "😀 pair \uD83D\uDE00"}) {
            assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), Utf8.encodeSurrogatePass(text), text);
        }
    }

    @Test
    void loneSurrogatesBecomeThreeByteSequences() {
        assertArrayEquals(bytes('a', 0xED, 0xA0, 0x80, 'b'), Utf8.encodeSurrogatePass("a\uD800b"));
        assertArrayEquals(bytes(0xED, 0xBF, 0xBF), Utf8.encodeSurrogatePass("\uDFFF"));
        // low before high is two lone surrogates; a high one at the very end is lone too
        assertArrayEquals(bytes(0xED, 0xB0, 0x80, 0xED, 0xA0, 0x80), Utf8.encodeSurrogatePass("\uDC00\uD800"));
        assertArrayEquals(bytes('x', 0xED, 0xA0, 0xBD), Utf8.encodeSurrogatePass("x\uD83D"));
        // the rest of the text is still encoded normally, pairs included
        assertArrayEquals(bytes(0xC3, 0xA9, 0xED, 0xA0, 0x80, 0xF0, 0x9F, 0x98, 0x80),
                Utf8.encodeSurrogatePass("é\uD800\uD83D\uDE00"));
    }

    @Test
    void agreesWithAReferenceEncoderOnRandomText() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000; i++) {
            String text = NativeTextTest.randomText(random, random.nextInt(0, 40));
            assertArrayEquals(reference(text), Utf8.encodeSurrogatePass(text), text);
        }
    }

    /** Code point by code point: pairs through getBytes, lone surrogates by the 3-byte formula. */
    private static byte[] reference(String text) {
        var out = new java.io.ByteArrayOutputStream();
        text.codePoints().forEach(cp -> {
            if (Character.isSurrogate((char) cp) && cp < 0x10000) {
                out.writeBytes(bytes(0xE0 | cp >> 12, 0x80 | (cp >> 6 & 0x3F), 0x80 | (cp & 0x3F)));
            } else {
                out.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
            }
        });
        return out.toByteArray();
    }
}

package dev.tandem.ffi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes Java strings as "surrogatepass UTF-8", the bytes Python's
 * {@code s.encode("utf-8", "surrogatepass")} gives: UTF-8, except that a lone surrogate
 * becomes its own 3-byte sequence (ED A0..BF 80..BF) where {@link String#getBytes} would
 * write {@code ?}. This is how text crosses into the Rust kernels.
 */
public final class Utf8 {
    private Utf8() {
    }

    public static byte[] encodeSurrogatePass(String text) {
        // Paired surrogates are ordinary UTF-8; only lone ones need the slow path.
        return hasLoneSurrogate(text) ? encodeSlowly(text) : text.getBytes(StandardCharsets.UTF_8);
    }

    static boolean hasLoneSurrogate(String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (!startsPair(text, i)) {
                    return true;
                }
                i++; // skip the low half of the pair
            }
        }
        return false;
    }

    private static boolean startsPair(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i))
                && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }

    private static byte[] encodeSlowly(String text) {
        int n = text.length();
        byte[] out = new byte[Math.multiplyExact(n, 3)]; // a char never needs more than 3 bytes
        int j = 0;
        for (int i = 0; i < n; i++) {
            int cp = text.charAt(i);
            if (startsPair(text, i)) {
                cp = Character.toCodePoint((char) cp, text.charAt(++i));
            }
            if (cp < 0x80) {
                out[j++] = (byte) cp;
            } else if (cp < 0x800) {
                out[j++] = (byte) (0xC0 | (cp >> 6));
                out[j++] = (byte) (0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) { // includes lone surrogates, which is the point
                out[j++] = (byte) (0xE0 | (cp >> 12));
                out[j++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[j++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                out[j++] = (byte) (0xF0 | (cp >> 18));
                out[j++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[j++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[j++] = (byte) (0x80 | (cp & 0x3F));
            }
        }
        return Arrays.copyOf(out, j);
    }
}

package dev.tandem.ffi;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * UTF-8 as the kernels need it, where Java's own codec differs from Python's. Text crosses into
 * the Rust kernels as "surrogatepass UTF-8" ({@link #encodeSurrogatePass}), the bytes Python's
 * {@code s.encode("utf-8", "surrogatepass")} gives: a lone surrogate becomes its own 3-byte
 * sequence (ED A0..BF 80..BF) where {@link String#getBytes} would write {@code ?}. The tokenizer
 * encodes as tiktoken does ({@link #encodeReplacing}, {@link #replaceLoneSurrogates}) and decodes
 * as Python's {@code "replace"} error handler ({@link #decodeReplacing}).
 */
public final class Utf8 {
    private static final char REPLACEMENT = '\uFFFD';

    private Utf8() {
    }

    public static byte[] encodeSurrogatePass(String text) {
        // Paired surrogates are ordinary UTF-8; only lone ones need the slow path.
        return hasLoneSurrogate(text) ? encodeSlowly(text) : text.getBytes(StandardCharsets.UTF_8);
    }

    /** True when {@code text} has a surrogate that is not half of a high-low pair. */
    public static boolean hasLoneSurrogate(String text) {
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

    /**
     * {@code text} as UTF-8 the way tiktoken makes it, with U+FFFD for each lone surrogate
     * ({@link String#getBytes} would write {@code ?}, which is a different token).
     */
    public static byte[] encodeReplacing(String text) {
        if (!hasLoneSurrogate(text)) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD});
        try {
            ByteBuffer bytes = encoder.encode(CharBuffer.wrap(text));
            return Arrays.copyOf(bytes.array(), bytes.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("UTF-8 encoding with replacement cannot fail", e);
        }
    }

    /**
     * Writes the UTF-8 of {@code text[from .. to)} to {@code out} (at least three times as long)
     * and returns the byte count. The text has no lone surrogates (see {@link #replaceLoneSurrogates}).
     */
    public static int encode(char[] text, int from, int to, byte[] out) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = text[i];
            if (c < 0x80) {
                out[n++] = (byte) c;
            } else if (c < 0x800) {
                out[n++] = (byte) (0xC0 | c >> 6);
                out[n++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c)) {
                int code = Character.toCodePoint(c, text[++i]);
                out[n++] = (byte) (0xF0 | code >> 18);
                out[n++] = (byte) (0x80 | code >> 12 & 0x3F);
                out[n++] = (byte) (0x80 | code >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | code & 0x3F);
            } else {
                out[n++] = (byte) (0xE0 | c >> 12);
                out[n++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return n;
    }

    /**
     * Replaces, in place, every surrogate that is not part of a high-low pair with U+FFFD: what
     * tiktoken's UTF-16 round trip does to text that UTF-8 cannot carry. The length stays the
     * same, so positions found in the original text (special tokens) stay valid.
     */
    public static void replaceLoneSurrogates(char[] text) {
        for (int i = 0; i < text.length; i++) {
            char c = text[i];
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length && Character.isLowSurrogate(text[i + 1])) {
                    i++;
                } else {
                    text[i] = REPLACEMENT;
                }
            }
        }
    }

    /**
     * {@code data} decoded as Python's {@code bytes.decode("utf-8", "replace")} does: each maximal
     * subpart of an ill-formed sequence (Unicode's recommended practice, chapter 3) becomes one
     * U+FFFD. So a lead byte whose continuation is wrong is one U+FFFD and the next byte is read
     * afresh; a truncated but so far valid sequence is one U+FFFD; surrogates (ED A0..BF),
     * overlong forms (C0, C1, E0 80..9F, F0 80..8F) and code points above U+10FFFF are invalid.
     */
    public static String decodeReplacing(byte[] data) {
        StringBuilder out = new StringBuilder(data.length);
        int i = 0;
        while (i < data.length) {
            int b = data[i] & 0xFF;
            if (b < 0x80) {
                out.append((char) b);
                i++;
                continue;
            }
            int needed;
            int low = 0x80;
            int high = 0xBF; // the allowed range of the second byte
            int code;
            if (b >= 0xC2 && b <= 0xDF) {
                needed = 1;
                code = b & 0x1F;
            } else if (b >= 0xE0 && b <= 0xEF) {
                needed = 2;
                code = b & 0x0F;
                low = b == 0xE0 ? 0xA0 : 0x80;
                high = b == 0xED ? 0x9F : 0xBF;
            } else if (b >= 0xF0 && b <= 0xF4) {
                needed = 3;
                code = b & 0x07;
                low = b == 0xF0 ? 0x90 : 0x80;
                high = b == 0xF4 ? 0x8F : 0xBF;
            } else { // a continuation byte, C0, C1 or F5..FF: never valid here
                out.append(REPLACEMENT);
                i++;
                continue;
            }
            int j = i + 1;
            boolean complete = true;
            for (int k = 0; k < needed; k++, j++) {
                int next = j < data.length ? data[j] & 0xFF : -1;
                if (next < (k == 0 ? low : 0x80) || next > (k == 0 ? high : 0xBF)) {
                    complete = false;
                    break;
                }
                code = code << 6 | next & 0x3F;
            }
            if (complete) {
                out.appendCodePoint(code);
            } else {
                out.append(REPLACEMENT);
            }
            i = j;
        }
        return out.toString();
    }
}

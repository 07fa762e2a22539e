package dev.tandem.kernels.text;

import org.graalvm.polyglot.HostAccess;

/**
 * The Java backend of the text kernels. Methods carry the kernels' operation names
 * ({@code text.codepoints} → {@code codepoints}) so that one name leads from the Python
 * function to its Java and Rust twins.
 */
public final class TextJava {
    private static final int FNV_OFFSET_BASIS = 0x811C9DC5;
    private static final int FNV_PRIME = 0x01000193;

    /** {@code text.codepoints}: the code points of {@code text}, as Python's ord() gives them. */
    @HostAccess.Export
    public int[] codepoints(String text) {
        return text.codePoints().toArray();
    }

    /** {@code text.fnv1a_32}: FNV-1a over the UTF-8 bytes of {@code text}, lone surrogates kept. */
    @HostAccess.Export
    public long fnv1a_32(String text) {
        int hash = FNV_OFFSET_BASIS;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char unit = text.charAt(i);
            if (unit < 0x80) {
                hash = (hash ^ unit) * FNV_PRIME;
            } else if (unit < 0x800) {
                hash = (hash ^ (0xC0 | unit >> 6)) * FNV_PRIME;
                hash = (hash ^ (0x80 | unit & 0x3F)) * FNV_PRIME;
            } else if (Character.isHighSurrogate(unit) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(unit, text.charAt(++i));
                hash = (hash ^ (0xF0 | codePoint >> 18)) * FNV_PRIME;
                hash = (hash ^ (0x80 | codePoint >> 12 & 0x3F)) * FNV_PRIME;
                hash = (hash ^ (0x80 | codePoint >> 6 & 0x3F)) * FNV_PRIME;
                hash = (hash ^ (0x80 | codePoint & 0x3F)) * FNV_PRIME;
            } else { // three bytes; a lone surrogate is encoded like any other BMP unit
                hash = (hash ^ (0xE0 | unit >> 12)) * FNV_PRIME;
                hash = (hash ^ (0x80 | unit >> 6 & 0x3F)) * FNV_PRIME;
                hash = (hash ^ (0x80 | unit & 0x3F)) * FNV_PRIME;
            }
        }
        return Integer.toUnsignedLong(hash);
    }
}

package dev.tandem.kernels.bpe;

/**
 * The character classes tiktoken's three patterns use, as bit flags per code point.
 *
 * <p>tiktoken evaluates its patterns with the Rust regex crate, whose tables are Unicode 16.0.0;
 * JDK 25's {@link Character} is Unicode 16.0.0 too (CharClassTest compares every code point with
 * python/tandem/bpe/_unicode.py, the reference's pinned tables). {@code \s} there is the
 * White_Space property, 25 code points, which is neither {@link Character#isWhitespace} nor
 * {@link Character#isSpaceChar}; it is spelled out below.
 *
 * <p>The Basic Multilingual Plane is a direct table (64 KiB); supplementary code points, rare in
 * text, ask {@link Character#getType(int)}.
 */
final class CharClass {
    /** \p{L}. */
    static final int LETTER = 1;
    /** \p{N}. */
    static final int NUMBER = 1 << 1;
    /** White_Space, the regex crate's \s. */
    static final int SPACE = 1 << 2;
    /** o200k_base's "upper" letters: \p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}. */
    static final int UPPER = 1 << 3;
    /** o200k_base's "lower" letters: \p{Ll}\p{Lm}\p{Lo}\p{M}. */
    static final int LOWER = 1 << 4;
    /** \r or \n. */
    static final int LINE_BREAK = 1 << 5;
    /** Set by {@link #at} for a code point of two chars (a surrogate pair). */
    static final int WIDE = 1 << 6;

    private static final byte[] BMP = new byte[0x10000];

    static {
        for (int c = 0; c < BMP.length; c++) {
            BMP[c] = (byte) compute(c);
        }
    }

    private CharClass() {
    }

    /** The flags of code point {@code c}. */
    static int of(int c) {
        return c < 0x10000 ? BMP[c] : compute(c);
    }

    /**
     * The flags of the code point starting at {@code text[i]}, with {@link #WIDE} when it is a
     * surrogate pair. The text has no lone surrogates (they became U+FFFD before splitting).
     */
    static int at(char[] text, int i) {
        char c = text[i];
        if (!Character.isHighSurrogate(c)) {
            return BMP[c];
        }
        return compute(Character.toCodePoint(c, text[i + 1])) | WIDE;
    }

    /** How many chars the code point whose flags are {@code flags} takes: 1 or 2. */
    static int width(int flags) {
        return 1 + ((flags & WIDE) >>> 6);
    }

    static boolean isWhiteSpace(int c) {
        return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F
                || c == 0x205F || c == 0x3000;
    }

    private static int compute(int c) {
        int flags = isWhiteSpace(c) ? SPACE : 0;
        if (c == '\r' || c == '\n') {
            flags |= LINE_BREAK;
        }
        switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.TITLECASE_LETTER -> flags |= LETTER | UPPER;
            case Character.LOWERCASE_LETTER -> flags |= LETTER | LOWER;
            case Character.MODIFIER_LETTER, Character.OTHER_LETTER -> flags |= LETTER | UPPER | LOWER;
            case Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK ->
                    flags |= UPPER | LOWER;
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> flags |= NUMBER;
            default -> { }
        }
        return flags;
    }
}

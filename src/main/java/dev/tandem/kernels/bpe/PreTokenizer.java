package dev.tandem.kernels.bpe;

/**
 * Splits text into pieces as one of tiktoken's patterns does: each call gives the end of the
 * leftmost-first match starting at {@code start}. The patterns match every non-empty text
 * and never match the empty string, so pieces tile the text.
 *
 * <p>Implementations are hand-written scanners over the UTF-16 chars, no regex engine and no
 * allocation. {@code end} is the end of the stretch being split: for {@code $} and the
 * lookahead of {@code \s+(?!\S)} the text ends there (tiktoken splits each stretch between
 * special tokens on its own).
 */
interface PreTokenizer {
    /** The end (exclusive) of the piece starting at {@code start}; {@code start < end}. */
    int pieceEnd(char[] text, int start, int end);

    /**
     * The end of the white-space run starting at {@code start} as {@code \s+(?!\S)} then
     * {@code \s} take it, when the run does not reach {@code end}: all but its last char
     * (which goes with the next piece), or the one char when the run has only one.
     * White_Space characters are all in the Basic Multilingual Plane, one char each.
     */
    static int spaceBeforeNonSpace(int start, int runEnd) {
        return runEnd - start >= 2 ? runEnd - 1 : start + 1;
    }

    /** The end of the run of code points with any of {@code flags}, from {@code i}. */
    static int run(char[] text, int i, int end, int flags) {
        while (i < end) {
            int f = CharClass.at(text, i);
            if ((f & flags) == 0) {
                break;
            }
            i += CharClass.width(f);
        }
        return i;
    }

    /** The end of the run of code points with none of {@code flags}, from {@code i}. */
    static int runWithout(char[] text, int i, int end, int flags) {
        while (i < end) {
            int f = CharClass.at(text, i);
            if ((f & flags) != 0) {
                break;
            }
            i += CharClass.width(f);
        }
        return i;
    }

    /** {@code \p{N}{1,3}}: at most three number code points from {@code i}, which is one. */
    static int upToThreeNumbers(char[] text, int i, int end) {
        for (int taken = 0; taken < 3 && i < end; taken++) {
            int f = CharClass.at(text, i);
            if ((f & CharClass.NUMBER) == 0) {
                break;
            }
            i += CharClass.width(f);
        }
        return i;
    }

    /**
     * The length of the contraction ({@code 's 't 're 've 'm 'll 'd}, case-insensitive unless
     * {@code lowerCaseOnly}) starting at {@code quote}, 0 if there is none there. Case-insensitive is the regex crate's simple case folding: {@code s}
     * also matches U+017F (long s); no other non-ASCII letter folds to these.
     */
    static int contraction(char[] text, int quote, int end, boolean lowerCaseOnly) {
        if (quote + 1 >= end || text[quote] != '\'') {
            return 0;
        }
        char first = text[quote + 1];
        if (!lowerCaseOnly) {
            first = first == '\u017F' ? 's' : toLowerAscii(first);
        }
        switch (first) {
            case 's', 't', 'd', 'm' -> {
                return 2;
            }
            case 'l', 'v', 'r' -> {
                if (quote + 2 >= end) {
                    return 0;
                }
                char second = lowerCaseOnly ? text[quote + 2] : toLowerAscii(text[quote + 2]);
                char wanted = first == 'l' ? 'l' : 'e';
                return second == wanted ? 3 : 0;
            }
            default -> {
                return 0;
            }
        }
    }

    private static char toLowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
}

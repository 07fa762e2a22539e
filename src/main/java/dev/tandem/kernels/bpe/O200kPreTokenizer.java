package dev.tandem.kernels.bpe;

import static dev.tandem.kernels.bpe.CharClass.LETTER;
import static dev.tandem.kernels.bpe.CharClass.LINE_BREAK;
import static dev.tandem.kernels.bpe.CharClass.LOWER;
import static dev.tandem.kernels.bpe.CharClass.NUMBER;
import static dev.tandem.kernels.bpe.CharClass.SPACE;
import static dev.tandem.kernels.bpe.CharClass.UPPER;

/**
 * o200k_base's pattern, alternatives in order (U = [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}],
 * L = [\p{Ll}\p{Lm}\p{Lo}\p{M}], P = [^\r\n\p{L}\p{N}], C = (?i:'s|'t|'re|'ve|'m|'ll|'d)):
 * <pre>P?U*L+C? | P?U+L*C? | \p{N}{1,3} | ?[^\s\p{L}\p{N}]+[\r\n/]* | \s*[\r\n]+ | \s+(?!\S) | \s+</pre>
 * No quantifier is possessive, and U and L overlap (Lm, Lo, M are in both), so the regex
 * backtracks: U* takes a whole run, and when no L follows it gives characters back until L+
 * can start on one that is also in L. Each alternative is tried with the optional P taken,
 * then without it (a mark is both a possible P and a letter-like character), before the next.
 */
final class O200kPreTokenizer implements PreTokenizer {
    @Override
    public int pieceEnd(char[] text, int start, int end) {
        int flags = CharClass.at(text, start);
        int afterPrefix = (flags & (LINE_BREAK | LETTER | NUMBER)) == 0 && start + CharClass.width(flags) < end
                ? start + CharClass.width(flags) : -1;
        int word = afterPrefix >= 0 ? upperThenLower(text, afterPrefix, end) : -1;
        if (word < 0 && (flags & (UPPER | LOWER)) != 0) {
            word = upperThenLower(text, start, end);
        }
        if (word < 0 && afterPrefix >= 0) {
            word = upperLed(text, afterPrefix, end);
        }
        if (word < 0 && (flags & UPPER) != 0) {
            word = upperLed(text, start, end);
        }
        if (word >= 0) {
            return word + PreTokenizer.contraction(text, word, end, false);
        }
        if ((flags & NUMBER) != 0) {
            return PreTokenizer.upToThreeNumbers(text, start, end);
        }
        int runStart = text[start] == ' ' && start + 1 < end ? start + 1 : start;
        if ((CharClass.at(text, runStart) & (SPACE | LETTER | NUMBER)) == 0) {
            int i = PreTokenizer.runWithout(text, runStart, end, SPACE | LETTER | NUMBER);
            while (i < end && (text[i] == '\r' || text[i] == '\n' || text[i] == '/')) {
                i++;
            }
            return i;
        }
        return whiteSpace(text, start, end);
    }

    /**
     * {@code U*L+} at {@code i}: the end of the match, or -1. When the U run is followed by an
     * L, L+ takes the run after it; otherwise U* gives back down to the last character of its
     * run that is also in L, and L+ is that one character (the next one is not in L).
     */
    private static int upperThenLower(char[] text, int i, int end) {
        int lastLowerEnd = -1;
        while (i < end) {
            int f = CharClass.at(text, i);
            if ((f & UPPER) == 0) {
                break;
            }
            i += CharClass.width(f);
            if ((f & LOWER) != 0) {
                lastLowerEnd = i;
            }
        }
        if (i < end && (CharClass.at(text, i) & LOWER) != 0) {
            return PreTokenizer.run(text, i, end, LOWER);
        }
        return lastLowerEnd;
    }

    /** {@code U+L*} at {@code i}: the end of the match, or -1. */
    private static int upperLed(char[] text, int i, int end) {
        int upperEnd = PreTokenizer.run(text, i, end, UPPER);
        return upperEnd == i ? -1 : PreTokenizer.run(text, upperEnd, end, LOWER);
    }

    /** {@code \s*[\r\n]+|\s+(?!\S)|\s+} at {@code start}, which is white space. */
    private static int whiteSpace(char[] text, int start, int end) {
        int lastLineBreak = -1;
        int i = start;
        while (i < end && CharClass.isWhiteSpace(text[i])) {
            if (text[i] == '\r' || text[i] == '\n') {
                lastLineBreak = i;
            }
            i++;
        }
        if (lastLineBreak >= 0) {
            return lastLineBreak + 1;
        }
        return i == end ? end : PreTokenizer.spaceBeforeNonSpace(start, i);
    }
}

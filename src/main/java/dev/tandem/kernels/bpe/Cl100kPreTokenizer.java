package dev.tandem.kernels.bpe;

import static dev.tandem.kernels.bpe.CharClass.LETTER;
import static dev.tandem.kernels.bpe.CharClass.LINE_BREAK;
import static dev.tandem.kernels.bpe.CharClass.NUMBER;
import static dev.tandem.kernels.bpe.CharClass.SPACE;

/**
 * cl100k_base's pattern, alternatives in order:
 * <pre>'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+
 * |\s++$|\s*[\r\n]|\s+(?!\S)|\s</pre>
 * A word takes at most one leading character that is not a line break, letter or number;
 * numbers go in threes; punctuation takes a leading space and the line breaks after it; a
 * white-space run ends after its last line break.
 */
final class Cl100kPreTokenizer implements PreTokenizer {
    @Override
    public int pieceEnd(char[] text, int start, int end) {
        char first = text[start];
        int contraction = PreTokenizer.contraction(text, start, end, false);
        if (contraction > 0) {
            return start + contraction;
        }
        int flags = CharClass.at(text, start);
        if ((flags & LETTER) != 0) {
            return PreTokenizer.run(text, start, end, LETTER);
        }
        if ((flags & (LINE_BREAK | NUMBER)) == 0) { // a possible one-character prefix of a word
            int next = start + CharClass.width(flags);
            if (next < end && (CharClass.at(text, next) & LETTER) != 0) {
                return PreTokenizer.run(text, next, end, LETTER);
            }
        }
        if ((flags & NUMBER) != 0) {
            return PreTokenizer.upToThreeNumbers(text, start, end);
        }
        int runStart = first == ' ' && start + 1 < end ? start + 1 : start;
        if ((CharClass.at(text, runStart) & (SPACE | LETTER | NUMBER)) == 0) {
            int i = PreTokenizer.runWithout(text, runStart, end, SPACE | LETTER | NUMBER);
            while (i < end && (text[i] == '\r' || text[i] == '\n')) {
                i++;
            }
            return i;
        }
        return whiteSpace(text, start, end);
    }

    /** {@code \s++$|\s*[\r\n]|\s+(?!\S)|\s} at {@code start}, which is white space. */
    private static int whiteSpace(char[] text, int start, int end) {
        int lastLineBreak = -1;
        int i = start;
        while (i < end && CharClass.isWhiteSpace(text[i])) {
            if (text[i] == '\r' || text[i] == '\n') {
                lastLineBreak = i;
            }
            i++;
        }
        if (i == end) {
            return end;
        }
        if (lastLineBreak >= 0) {
            return lastLineBreak + 1;
        }
        return PreTokenizer.spaceBeforeNonSpace(start, i);
    }
}

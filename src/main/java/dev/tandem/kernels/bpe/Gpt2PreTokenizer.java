package dev.tandem.kernels.bpe;

import static dev.tandem.kernels.bpe.CharClass.LETTER;
import static dev.tandem.kernels.bpe.CharClass.NUMBER;
import static dev.tandem.kernels.bpe.CharClass.SPACE;

/**
 * GPT-2's pattern (r50k_base, p50k_base, p50k_edit), alternatives in order:
 * <pre>'(?:[sdmt]|ll|ve|re) | ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s</pre>
 * An optional leading space (U+0020 only) joins a run of letters, of numbers or of other
 * characters; white space that ends the stretch is one piece, otherwise a run gives its last
 * character to the next piece.
 */
final class Gpt2PreTokenizer implements PreTokenizer {
    @Override
    public int pieceEnd(char[] text, int start, int end) {
        char first = text[start];
        int contraction = PreTokenizer.contraction(text, start, end, true);
        if (contraction > 0) {
            return start + contraction;
        }
        // " ?" then a run: only the space before a letter, number or other character counts.
        int runStart = first == ' ' && start + 1 < end ? start + 1 : start;
        int flags = CharClass.at(text, runStart);
        if ((flags & SPACE) == 0) {
            if ((flags & LETTER) != 0) {
                return PreTokenizer.run(text, runStart, end, LETTER);
            }
            if ((flags & NUMBER) != 0) {
                return PreTokenizer.run(text, runStart, end, NUMBER);
            }
            return PreTokenizer.runWithout(text, runStart, end, SPACE | LETTER | NUMBER);
        }
        int spaceEnd = PreTokenizer.run(text, start, end, SPACE);
        return spaceEnd == end ? end : PreTokenizer.spaceBeforeNonSpace(start, spaceEnd);
    }
}

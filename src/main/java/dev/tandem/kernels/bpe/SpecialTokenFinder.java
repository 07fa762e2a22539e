package dev.tandem.kernels.bpe;

import java.util.List;

/**
 * Finds allowed special tokens in a text, left to right: at each step the leftmost occurrence
 * of any of them, the longest when several start at the same place (the tokens come sorted
 * longest first). Each token's next occurrence is remembered, so a text is searched about once
 * per token.
 */
final class SpecialTokenFinder {
    private final String text;
    private final List<String> tokens;
    private final int[] nextAt;
    private int start;
    private String token;

    SpecialTokenFinder(String text, List<String> tokens) {
        this.text = text;
        this.tokens = tokens;
        this.nextAt = new int[tokens.size()];
        java.util.Arrays.fill(nextAt, -2); // not searched yet
    }

    /** Finds the next special token at or after {@code from}; false when there is none. */
    boolean next(int from) {
        token = null;
        start = Integer.MAX_VALUE;
        for (int i = 0; i < nextAt.length; i++) {
            if (nextAt[i] == -2 || nextAt[i] >= 0 && nextAt[i] < from) {
                nextAt[i] = text.indexOf(tokens.get(i), from);
            }
            if (nextAt[i] >= 0 && nextAt[i] < start) { // strictly less: the longer one wins ties
                start = nextAt[i];
                token = tokens.get(i);
            }
        }
        return token != null;
    }

    int start() {
        return start;
    }

    String token() {
        return token;
    }
}

package dev.tandem.kernels.bpe;

import java.util.Arrays;

/** Where encoding puts token ids: a growable int array, or only a count. */
final class TokenBuffer {
    private final boolean countOnly;
    private int[] ids;
    private long size;

    private TokenBuffer(boolean countOnly, int capacity) {
        this.countOnly = countOnly;
        this.ids = countOnly ? null : new int[capacity];
    }

    /** Keeps the ids; {@code textLength} sizes the first array (about four chars per token). */
    static TokenBuffer forIds(int textLength) {
        return new TokenBuffer(false, Math.max(16, textLength / 4));
    }

    /** Counts the ids without keeping them. */
    static TokenBuffer forCount() {
        return new TokenBuffer(true, 0);
    }

    void add(int id) {
        if (!countOnly) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, Math.max(16, ids.length + (ids.length >> 1)));
            }
            ids[(int) size] = id;
        }
        size++;
    }

    long size() {
        return size;
    }

    int[] toArray() {
        return Arrays.copyOf(ids, (int) size);
    }
}

package dev.tandem.kernels.bpe;

import dev.tandem.ffi.Cancellation;
import java.util.Arrays;

/**
 * Byte-pair merging with tiktoken's semantics, on one piece's UTF-8 bytes: start from single
 * bytes; repeatedly merge the adjacent pair whose concatenation has the lowest rank (the
 * leftmost of equal ones); stop when no adjacent pair is a token. The ranks of the remaining
 * parts are the token ids. Ranks are looked up by bytes, never by pairs of ids.
 *
 * <p>Short pieces rescan the pairs after each merge, O(n²) with tiny constants, as tiktoken
 * does. Long ones (a megabyte of one letter is one piece) keep candidate pairs in a binary heap
 * of {@code rank << 32 | start}, O(n log n), so the smallest entry is exactly "lowest rank,
 * leftmost first". The heap is indexed (each pair knows its place), so a merge moves or drops
 * its neighbours' entries where they are: no stale entries, and the heap never outgrows the piece.
 *
 * <p>Holds scratch arrays: one merger per thread at a time.
 */
final class BytePairMerger {
    /** Pieces at least this long (bytes) are merged with the heap. */
    static final int LONG_PIECE = 128;
    /** Units of work (chars, merges) between two looks at the call's {@link Cancellation}. */
    static final int POLL_WORK = 1 << 14;
    /** The kernel a cancelled call names. */
    static final String KERNEL = "bpe.encode";
    private static final int NO_PAIR = Integer.MAX_VALUE;

    private final RankTable ranks;
    private final Cancellation cancellation;
    // Short pieces: part i is bytes[starts[i] .. starts[i + 1]), its token rank partRanks[i],
    // and pairRanks[i] the rank of parts i and i + 1 together (NO_PAIR if they are no token).
    private int[] starts = new int[LONG_PIECE + 1];
    private int[] partRanks = new int[LONG_PIECE];
    private int[] pairRanks = new int[LONG_PIECE];
    // Long pieces, indexed by a part's start: where it ends, the part before it, ranks as above.
    private int[] ends = new int[0];
    private int[] previous = new int[0];
    private int[] heapPartRanks = new int[0];
    // The candidate pairs, a binary heap of rank << 32 | start with one entry per pair that is a
    // token, and each pair's place in it (-1: none), so that a merge updates its neighbours'
    // entries in place instead of leaving stale ones to pop.
    private long[] heap = new long[0];
    private int[] heapSlots = new int[0];
    private int heapSize;

    BytePairMerger(RankTable ranks, Cancellation cancellation) {
        this.ranks = ranks;
        this.cancellation = cancellation;
    }

    /** Adds the token ids of {@code bytes[0 .. length)} (at least two bytes, not one token) to {@code out}. */
    void merge(byte[] bytes, int length, TokenBuffer out) {
        if (length < LONG_PIECE) {
            mergeShort(bytes, length, out);
        } else {
            mergeLong(bytes, length, out);
        }
    }

    private void mergeShort(byte[] bytes, int length, TokenBuffer out) {
        int[] starts = this.starts;
        int[] partRanks = this.partRanks;
        int[] pairRanks = this.pairRanks;
        for (int i = 0; i < length; i++) {
            starts[i] = i;
            partRanks[i] = ranks.byteRank(bytes[i]);
        }
        starts[length] = length;
        for (int i = 0; i + 1 < length; i++) {
            int rank = ranks.pairRank(bytes, i);
            pairRanks[i] = rank == RankTable.NONE ? NO_PAIR : rank;
        }
        int parts = length;
        while (parts > 1) {
            int best = NO_PAIR;
            int at = -1;
            for (int i = 0; i + 1 < parts; i++) {
                if (pairRanks[i] < best) {
                    best = pairRanks[i];
                    at = i;
                }
            }
            if (at < 0) {
                break;
            }
            partRanks[at] = best;
            parts--; // part at + 1 joins part at
            System.arraycopy(starts, at + 2, starts, at + 1, parts - at);
            System.arraycopy(partRanks, at + 2, partRanks, at + 1, parts - at - 1);
            if (at + 1 < parts) {
                System.arraycopy(pairRanks, at + 2, pairRanks, at + 1, parts - at - 2);
                pairRanks[at] = pairRank(bytes, starts[at], starts[at + 2]);
            }
            if (at > 0) {
                pairRanks[at - 1] = pairRank(bytes, starts[at - 1], starts[at + 1]);
            }
        }
        for (int i = 0; i < parts; i++) {
            out.add(partRanks[i]);
        }
    }

    private void mergeLong(byte[] bytes, int length, TokenBuffer out) {
        if (ends.length < length) {
            int capacity = Math.max(length, ends.length * 2);
            ends = new int[capacity];
            previous = new int[capacity];
            heapPartRanks = new int[capacity];
            heapSlots = new int[capacity];
            heap = new long[capacity];
        }
        int[] ends = this.ends;
        int[] previous = this.previous;
        int[] partRanks = heapPartRanks;
        int[] slots = heapSlots;
        long[] heap = this.heap;
        int size = 0;
        for (int i = 0; i < length; i++) {
            ends[i] = i + 1;
            previous[i] = i - 1;
            partRanks[i] = ranks.byteRank(bytes[i]);
            slots[i] = -1;
            int rank = i + 1 < length ? ranks.pairRank(bytes, i) : RankTable.NONE;
            if (rank != RankTable.NONE) {
                heap[size++] = (long) rank << 32 | i;
            }
        }
        heapSize = size;
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(i, heap[i]);
        }
        for (int i = 0; i < size; i++) {
            slots[(int) heap[i]] = i;
        }
        int sincePoll = 0;
        while (heapSize > 0) {
            if (++sincePoll == POLL_WORK) {
                sincePoll = 0;
                cancellation.check(KERNEL);
            }
            long top = heap[0];
            int start = (int) top;
            int right = ends[start];
            int end = ends[right];
            ends[start] = end;
            partRanks[start] = (int) (top >>> 32);
            if (slots[right] >= 0) {
                removeAt(slots[right]); // the pair of the part just merged into start
            }
            if (end < length) {
                previous[end] = start;
            }
            update(start, end < length ? pairRank(bytes, start, ends[end]) : NO_PAIR);
            if (previous[start] >= 0) {
                update(previous[start], pairRank(bytes, previous[start], end));
            }
        }
        for (int start = 0; start < length; start = ends[start]) {
            out.add(partRanks[start]);
        }
    }

    /** Sets the rank of the pair starting at part {@code start}: its entry moves, goes or comes. */
    private void update(int start, int rank) {
        int slot = heapSlots[start];
        if (rank == NO_PAIR) {
            if (slot >= 0) {
                removeAt(slot);
            }
            return;
        }
        long entry = (long) rank << 32 | start;
        if (slot < 0) {
            siftUp(heapSize++, entry);
        } else if (entry < heap[slot]) {
            siftUp(slot, entry);
        } else {
            siftDown(slot, entry);
        }
    }

    private void removeAt(int slot) {
        long[] heap = this.heap;
        heapSlots[(int) heap[slot]] = -1;
        long last = heap[--heapSize];
        if (slot == heapSize) {
            return;
        }
        if (last < heap[slot]) {
            siftUp(slot, last);
        } else {
            siftDown(slot, last);
        }
    }

    /** Puts {@code entry} at {@code slot} or above, moving larger parents down. */
    private void siftUp(int slot, long entry) {
        long[] heap = this.heap;
        int[] slots = heapSlots;
        int i = slot;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long above = heap[parent];
            if (above <= entry) {
                break;
            }
            heap[i] = above;
            slots[(int) above] = i;
            i = parent;
        }
        heap[i] = entry;
        slots[(int) entry] = i;
    }

    /** Puts {@code entry} at {@code slot} or below, moving smaller children up. */
    private void siftDown(int slot, long entry) {
        long[] heap = this.heap;
        int[] slots = heapSlots;
        int size = heapSize;
        int i = slot;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            long smaller = heap[child];
            if (child + 1 < size && heap[child + 1] < smaller) {
                smaller = heap[++child];
            }
            if (smaller >= entry) {
                break;
            }
            heap[i] = smaller;
            slots[(int) smaller] = i;
            i = child;
        }
        heap[i] = entry;
        slots[(int) entry] = i;
    }

    private int pairRank(byte[] bytes, int from, int to) {
        int rank = ranks.rank(bytes, from, to - from);
        return rank == RankTable.NONE ? NO_PAIR : rank;
    }
}

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
 * leftmost first"; an entry whose rank no longer matches its pair is stale and skipped.
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
    private int[] heapPairRanks = new int[0];
    private long[] heap = new long[0];

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
            heapPairRanks = new int[capacity];
            heap = new long[capacity];
        }
        int[] ends = this.ends;
        int[] previous = this.previous;
        int[] partRanks = heapPartRanks;
        int[] pairRanks = heapPairRanks;
        long[] heap = this.heap;
        int heapSize = 0;
        for (int i = 0; i < length; i++) {
            ends[i] = i + 1;
            previous[i] = i - 1;
            partRanks[i] = ranks.byteRank(bytes[i]);
            int rank = i + 1 < length ? ranks.pairRank(bytes, i) : RankTable.NONE;
            pairRanks[i] = rank == RankTable.NONE ? NO_PAIR : rank;
            if (pairRanks[i] != NO_PAIR) {
                heap[heapSize++] = (long) pairRanks[i] << 32 | i;
            }
        }
        for (int i = heapSize / 2 - 1; i >= 0; i--) {
            siftDown(heap, heapSize, i);
        }
        int sincePoll = 0;
        while (heapSize > 0) {
            if (++sincePoll == POLL_WORK) {
                sincePoll = 0;
                cancellation.check(KERNEL);
            }
            long top = heap[0];
            heap[0] = heap[--heapSize];
            siftDown(heap, heapSize, 0);
            int start = (int) top;
            int rank = (int) (top >>> 32);
            if (pairRanks[start] != rank) {
                continue; // stale: the pair starting here has changed since
            }
            int right = ends[start];
            ends[start] = ends[right];
            partRanks[start] = rank;
            pairRanks[right] = NO_PAIR;
            if (ends[start] < length) {
                previous[ends[start]] = start;
            }
            heapSize = consider(bytes, length, start, heapSize);
            if (previous[start] >= 0) {
                heapSize = consider(bytes, length, previous[start], heapSize);
            }
            heap = this.heap; // consider may have grown it
        }
        for (int start = 0; start < length; start = ends[start]) {
            out.add(partRanks[start]);
        }
    }

    /** Recomputes the pair starting at part {@code start} and pushes it if it is a token. */
    private int consider(byte[] bytes, int length, int start, int heapSize) {
        int right = ends[start];
        int rank = right < length ? pairRank(bytes, start, ends[right]) : NO_PAIR;
        heapPairRanks[start] = rank;
        if (rank == NO_PAIR) {
            return heapSize;
        }
        long[] heap = this.heap;
        if (heapSize == heap.length) { // stale entries can outnumber the parts
            heap = this.heap = Arrays.copyOf(heap, heap.length * 2);
        }
        int i = heapSize;
        long entry = (long) rank << 32 | start;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] <= entry) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = entry;
        return heapSize + 1;
    }

    private static void siftDown(long[] heap, int size, int i) {
        long entry = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[child + 1] < heap[child]) {
                child++;
            }
            if (heap[child] >= entry) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = entry;
    }

    private int pairRank(byte[] bytes, int from, int to) {
        int rank = ranks.rank(bytes, from, to - from);
        return rank == RankTable.NONE ? NO_PAIR : rank;
    }
}

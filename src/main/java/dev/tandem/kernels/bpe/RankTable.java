package dev.tandem.kernels.bpe;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The mergeable tokens of an encoding: token bytes to rank and back, in a few flat arrays.
 *
 * <p>All token bytes are concatenated in one array (token {@code i} is
 * {@code bytes[offsets[i] .. offsets[i + 1])}, {@code i} in file order), and an open-addressing
 * hash table finds a byte range's rank without building a key object. Keys are read eight
 * bytes at a time; each slot holds a token's rank, hash, length and first eight bytes in 16
 * adjacent bytes, so a probe reads one cache line and touches the concatenated bytes only for
 * tokens longer than eight bytes. Two-byte tokens, the
 * first lookups of every merge, also have a direct table. o200k_base (199,998 tokens) takes
 * about 10 MB this way, where a {@code HashMap<ByteArray, Integer>} takes well over 30 MB.
 * Immutable once built, so one table serves every thread.
 */
final class RankTable {
    /** What {@link #rank} returns for bytes that are no token. */
    static final int NONE = -1;

    private final byte[] bytes;
    private final int[] offsets;
    private final int[] ranks;
    /**
     * The hash table, two longs per slot so a probe reads one cache line: {@code (tag << 32) |
     * (rank + 1)}, 0 for an empty slot, then the token's first eight bytes (little-endian,
     * zero-padded). The tag is the hash with its low byte replaced by the token's length (255
     * for 255 and longer), so tag and first bytes decide for tokens of up to eight bytes.
     */
    private final long[] table;
    private final int mask;
    /** The rank of each single byte (every byte must be a token). */
    private final int[] byteRanks;
    /** The rank of each two-byte token by {@code first << 8 | second}, NONE for no token. */
    private final int[] pairRanks;
    /** Token index by rank when ranks are dense, else null and {@link #sortedRanks} is used. */
    private final int[] indexByRank;
    private final long[] sortedRanks;
    private final int maxRank;

    /** A table from its parts, as {@link #build} makes them or {@link RankCache} reads them back. */
    RankTable(byte[] bytes, int[] offsets, int[] ranks, long[] table, int[] byteRanks, int[] pairRanks,
              int[] indexByRank, long[] sortedRanks, int maxRank) {
        this.bytes = bytes;
        this.offsets = offsets;
        this.ranks = ranks;
        this.table = table;
        this.mask = table.length / 2 - 1;
        this.byteRanks = byteRanks;
        this.pairRanks = pairRanks;
        this.indexByRank = indexByRank;
        this.sortedRanks = sortedRanks;
        this.maxRank = maxRank;
    }

    /** The hash table's slots for {@code count} tokens: a power of two, load factor at most 1/2. */
    static int capacity(int count) {
        return Integer.highestOneBit(Math.max(count, 8)) * 4;
    }

    /** Whether ranks up to {@code maxRank} are dense enough for a direct rank-to-token array. */
    static boolean dense(int count, int maxRank) {
        return maxRank < 2L * count + 256;
    }

    private static RankTable build(byte[] bytes, int[] offsets, int[] ranks, int count, int[] hashes, int maxRank) {
        int capacity = capacity(count);
        int mask = capacity - 1;
        long[] table = new long[2 * capacity];
        for (int i = 0; i < count; i++) {
            int length = offsets[i + 1] - offsets[i];
            int slot = hashes[i] & mask;
            while (table[2 * slot] != 0) {
                slot = slot + 1 & mask;
            }
            table[2 * slot] = (long) tag(hashes[i], length) << 32 | ranks[i] + 1;
            table[2 * slot + 1] = head(bytes, offsets[i], length);
        }
        int[] indexByRank = null;
        long[] sortedRanks = null;
        if (dense(count, maxRank)) {
            indexByRank = new int[maxRank + 1];
            Arrays.fill(indexByRank, -1);
            for (int i = 0; i < count; i++) {
                indexByRank[ranks[i]] = i;
            }
        } else { // a sparse custom file: (rank << 32 | index), sorted, binary-searched
            sortedRanks = new long[count];
            for (int i = 0; i < count; i++) {
                sortedRanks[i] = (long) ranks[i] << 32 | i;
            }
            Arrays.sort(sortedRanks);
        }
        int[] pairRanks = new int[1 << 16];
        Arrays.fill(pairRanks, NONE);
        for (int i = 0; i < count; i++) {
            if (offsets[i + 1] - offsets[i] == 2) {
                pairRanks[(bytes[offsets[i]] & 0xFF) << 8 | bytes[offsets[i] + 1] & 0xFF] = ranks[i];
            }
        }
        int[] byteRanks = new int[256];
        RankTable built = new RankTable(bytes, offsets, ranks, table, byteRanks, pairRanks, indexByRank, sortedRanks,
                maxRank);
        for (int b = 0; b < 256; b++) {
            byteRanks[b] = built.rank(new byte[] {(byte) b}, 0, 1);
            if (byteRanks[b] == NONE) {
                throw new IllegalArgumentException(String.format(
                        "the rank file has no token for the single byte 0x%02X: every byte must be a token", b));
            }
        }
        return built;
    }

    // The parts, for RankCache to write (never to be changed: the table is shared).

    byte[] bytes() {
        return bytes;
    }

    int[] offsets() {
        return offsets;
    }

    int[] ranks() {
        return ranks;
    }

    long[] table() {
        return table;
    }

    int[] byteRanks() {
        return byteRanks;
    }

    int[] pairRanks() {
        return pairRanks;
    }

    /** Token index by rank, or null when ranks are sparse (then {@link #sortedRanks}). */
    int[] indexByRank() {
        return indexByRank;
    }

    long[] sortedRanks() {
        return sortedRanks;
    }

    /** The number of tokens. */
    int size() {
        return ranks.length;
    }

    int maxRank() {
        return maxRank;
    }

    /** The rank of the single byte {@code b}. */
    int byteRank(byte b) {
        return byteRanks[b & 0xFF];
    }

    /** The rank of the two bytes {@code data[from]}, {@code data[from + 1]}, or {@link #NONE}. */
    int pairRank(byte[] data, int from) {
        return pairRanks[(data[from] & 0xFF) << 8 | data[from + 1] & 0xFF];
    }

    /** The rank of {@code data[from .. from + length)}, or {@link #NONE}. */
    int rank(byte[] data, int from, int length) {
        long head = head(data, from, length);
        int hash = length <= 8 ? mix(head, length) : hash(data, from, length);
        long tag = tag(hash, length);
        long[] table = this.table;
        for (int slot = hash & mask; ; slot = slot + 1 & mask) {
            long entry = table[2 * slot];
            if (entry == 0) {
                return NONE;
            }
            if (entry >>> 32 == tag && table[2 * slot + 1] == head) {
                int rank = (int) entry - 1;
                if (length <= 8 || sameTail(rank, data, from, length)) {
                    return rank;
                }
            }
        }
    }

    private static long tag(int hash, int length) {
        return (hash & 0xFFFFFF00L) | Math.min(length, 255);
    }

    /** Whether the token with {@code rank} is {@code data[from .. from + length)}, given the same first eight bytes. */
    private boolean sameTail(int rank, byte[] data, int from, int length) {
        int index = indexOf(rank);
        return offsets[index + 1] - offsets[index] == length
                && Arrays.equals(bytes, offsets[index] + 8, offsets[index + 1], data, from + 8, from + length);
    }

    /** The bytes of the token with {@code rank}, appended to {@code out} at {@code at}; -1 if none. */
    int copyBytes(int rank, byte[] out, int at) {
        int index = indexOf(rank);
        if (index < 0) {
            return -1;
        }
        int length = offsets[index + 1] - offsets[index];
        System.arraycopy(bytes, offsets[index], out, at, length);
        return length;
    }

    /** The length of the token with {@code rank}, -1 if there is none. */
    int length(int rank) {
        int index = indexOf(rank);
        return index < 0 ? -1 : offsets[index + 1] - offsets[index];
    }

    private int indexOf(int rank) {
        if (rank < 0 || rank > maxRank) {
            return -1;
        }
        if (indexByRank != null) {
            return indexByRank[rank];
        }
        int found = Arrays.binarySearch(sortedRanks, (long) rank << 32);
        int at = found >= 0 ? found : -found - 1;
        return at < sortedRanks.length && (int) (sortedRanks[at] >>> 32) == rank ? (int) sortedRanks[at] : -1;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    /**
     * A fast hash of a byte range, eight bytes per step (multiply-xor, high bits kept); not for
     * adversaries, whose worst case is slower lookups, never wrong ones.
     */
    static int hash(byte[] data, int from, int length) {
        if (length <= 8) {
            return mix(head(data, from, length), length);
        }
        long h = length;
        int i = from;
        int end = from + length;
        for (; i + 8 <= end; i += 8) {
            h = (h ^ (long) LONGS.get(data, i)) * MULTIPLIER;
            h ^= h >>> 29;
        }
        return mix(h ^ head(data, i, end - i), length);
    }

    private static int mix(long value, int length) {
        long h = (value + length) * MULTIPLIER;
        return (int) (h >>> 32 ^ h >>> 7);
    }

    /** Up to the first eight bytes of {@code data[from .. from + length)}, little-endian, zero-padded. */
    static long head(byte[] data, int from, int length) {
        if (from + 8 <= data.length) {
            long word = (long) LONGS.get(data, from);
            return length >= 8 ? word : word & (1L << (length << 3)) - 1;
        }
        long word = 0;
        for (int i = Math.min(length, 8) - 1; i >= 0; i--) {
            word = word << 8 | data[from + i] & 0xFF;
        }
        return word;
    }

    /**
     * Collects tokens in file order; {@link #add} says when bytes are already a token, so the
     * rank-file parser can name the line of the first occurrence.
     */
    static final class Builder {
        private byte[] bytes = new byte[1 << 16];
        private int byteCount;
        private int[] offsets = new int[1 << 12];
        private int[] ranks = new int[1 << 12];
        private int[] hashes = new int[1 << 12];
        private int count;
        private int[] slots = new int[1 << 13];
        private int maxRank = -1;

        /** Adds a token; returns -1, or the index of the token with the same bytes already added. */
        int add(byte[] token, int rank) {
            int hash = hash(token, 0, token.length);
            int mask = slots.length - 1;
            int slot = hash & mask;
            for (int entry; (entry = slots[slot]) != 0; slot = slot + 1 & mask) {
                int index = entry - 1;
                if (hashes[index] == hash && Arrays.equals(bytes, offsets[index], offsets[index + 1], token, 0, token.length)) {
                    return index;
                }
            }
            if (count + 1 >= ranks.length) {
                ranks = Arrays.copyOf(ranks, ranks.length * 2);
                hashes = Arrays.copyOf(hashes, hashes.length * 2);
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            if (byteCount + token.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, byteCount + token.length));
            }
            System.arraycopy(token, 0, bytes, byteCount, token.length);
            offsets[count] = byteCount;
            byteCount += token.length;
            offsets[count + 1] = byteCount;
            ranks[count] = rank;
            hashes[count] = hash;
            slots[slot] = ++count;
            maxRank = Math.max(maxRank, rank);
            if (count * 2 > slots.length) {
                rehash(slots.length * 2);
            }
            return -1;
        }

        private void rehash(int capacity) {
            slots = new int[capacity];
            int mask = capacity - 1;
            for (int index = 0; index < count; index++) {
                int slot = hashes[index] & mask;
                while (slots[slot] != 0) {
                    slot = slot + 1 & mask;
                }
                slots[slot] = index + 1;
            }
        }

        RankTable build() {
            return RankTable.build(Arrays.copyOf(bytes, byteCount), Arrays.copyOf(offsets, count + 1),
                    Arrays.copyOf(ranks, count), count, hashes, maxRank);
        }
    }
}

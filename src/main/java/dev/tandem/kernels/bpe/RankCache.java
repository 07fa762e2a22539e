package dev.tandem.kernels.bpe;

import dev.tandem.ffi.LibraryCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * The built-in encodings' parsed rank tables in a binary form, written once per machine in
 * {@code ${XDG_CACHE_HOME:-~/.cache}/tandem/bpe/} (or the directory the system property
 * {@code tandem.bpe.cache} names), so that a process loads a table with a few bulk copies
 * instead of parsing 100,000 to 200,000 lines of base64 and hashing them on a cold JIT.
 *
 * <p>A file is used only when it says it was made from the rank file with the encoding's
 * SHA-256 (the sum the original is checked against before it is parsed), has the exact size its
 * counts imply, and its CRC-32C sums match: anything else (another version, a truncated or
 * damaged file) is ignored and rebuilt from the original. Files are written whole under a
 * temporary name and renamed, so a reader sees no file or a complete one. An unwritable cache
 * directory only costs the parse in each process.
 *
 * <p>Layout, little-endian: a 64-byte header (magic, the original's SHA-256, token count, token
 * bytes, highest rank, hash-table slots, CRC-32C of the tables section, CRC-32C of the tokens
 * section), then the tokens section (offsets, ranks, token bytes; what the Rust encoder is built
 * from), then the tables section (the lookup tables of {@link RankTable}), each 8-byte aligned.
 */
final class RankCache {
    /** "TNDMRNK1": the format; a change of layout changes the last character. */
    private static final long MAGIC = 0x314B4E524D444E54L;
    private static final int HEADER = 64;

    private RankCache() {
    }

    /** The tokens of a table, as slices of a mapped cache file (valid while its arena is open). */
    record Tokens(int count, int maxRank, MemorySegment offsets, MemorySegment ranks, MemorySegment bytes) {
    }

    /** {@code tandem.bpe.cache}, else {@code tandem/bpe} beside the native library's cache. */
    static Path directory() {
        String explicit = System.getProperty("tandem.bpe.cache");
        return explicit != null && !explicit.isBlank() ? Path.of(explicit) : LibraryCache.defaultRoot().resolveSibling("bpe");
    }

    /** The table of a built-in encoding's rank file: from the cache, else parsed and cached. */
    static RankTable table(EncodingFacts facts) {
        return table(facts, directory());
    }

    static RankTable table(EncodingFacts facts, Path directory) {
        Path file = file(facts, directory);
        Layout cached = open(file, facts.rankFileSha256());
        return cached != null ? cached.table() : parseAndWrite(facts, file);
    }

    /**
     * What {@code use} makes of the tokens of a built-in encoding's rank file, from the cache
     * (parsed and cached first when the cache does not hold them); the slices are to be read
     * during the call only.
     */
    static <T> T withTokens(EncodingFacts facts, Function<Tokens, T> use) {
        return withTokens(facts, directory(), use);
    }

    static <T> T withTokens(EncodingFacts facts, Path directory, Function<Tokens, T> use) {
        Path file = file(facts, directory);
        Layout cached = open(file, facts.rankFileSha256());
        if (cached != null) {
            return use.apply(cached.tokens());
        }
        RankTable parsed = parseAndWrite(facts, file);
        return use.apply(Layout.of(parsed, facts.rankFileSha256()).tokens());
    }

    static Path file(EncodingFacts facts, Path directory) {
        String stem = facts.rankFile().substring(0, facts.rankFile().lastIndexOf('.'));
        return directory.resolve(stem + "-" + facts.rankFileSha256().substring(0, 16) + ".ranks");
    }

    private static RankTable parseAndWrite(EncodingFacts facts, Path file) {
        RankTable parsed = RankFile.parse(Encodings.readChecked(facts), facts.rankFile());
        write(file, parsed, facts.rankFileSha256());
        return parsed;
    }

    /**
     * The file mapped (until the buffer is collected), its contents checked; null when it is
     * missing or not valid.
     */
    private static Layout open(Path file, String sha256) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            if (size < HEADER || size > Integer.MAX_VALUE) {
                return null;
            }
            Layout layout = new Layout(channel.map(FileChannel.MapMode.READ_ONLY, 0, size));
            return layout.valid(sha256) ? layout : null;
        } catch (IOException | RuntimeException missingOrUnreadable) {
            return null; // rebuilt from the original, as a damaged file is
        }
    }

    /** Best effort: a cache that cannot be written leaves the next process to parse again. */
    static void write(Path file, RankTable table, String sha256) {
        Path temp = null;
        try {
            Files.createDirectories(file.getParent());
            ByteBuffer contents = Layout.of(table, sha256).buffer.clear();
            temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                while (contents.hasRemaining()) {
                    channel.write(contents);
                }
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException notHere) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | UncheckedIOException | SecurityException unwritable) {
            // parsed again next time
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException leftBehind) {
                    // a stray .tmp file; the cache is still whole
                }
            }
        }
    }

    /** Where each part lies in a cache file's contents (sizes fit an int: a table is at most tens of MB). */
    private static final class Layout {
        final ByteBuffer buffer;
        final int count;
        final int byteCount;
        final int maxRank;
        final int capacity;

        Layout(ByteBuffer buffer) {
            this.buffer = buffer.order(ByteOrder.LITTLE_ENDIAN);
            this.count = buffer.getInt(40);
            this.byteCount = buffer.getInt(44);
            this.maxRank = buffer.getInt(48);
            this.capacity = buffer.getInt(52);
        }

        static long size(RankTable table) {
            return tablesStart(table.size(), table.bytes().length)
                    + tablesSize(table.size(), table.maxRank(), RankTable.capacity(table.size()));
        }

        private static long align(long at) {
            return at + 7 & ~7L;
        }

        private static long tablesStart(long count, long byteCount) {
            return align(HEADER + 4 * (count + 1) + 4 * count + byteCount);
        }

        private static long tablesSize(long count, int maxRank, long capacity) {
            long ranksByIndex = RankTable.dense((int) count, maxRank) ? align(4L * (maxRank + 1)) : 8 * count;
            return 16 * capacity + 4 * 256 + 4 * (1 << 16) + ranksByIndex;
        }

        int offsetsAt() {
            return HEADER;
        }

        int ranksAt() {
            return HEADER + 4 * (count + 1);
        }

        int bytesAt() {
            return ranksAt() + 4 * count;
        }

        int tablesAt() {
            return (int) tablesStart(count, byteCount);
        }

        /** Whether the header is this format's, for {@code sha256}, and the size and sums agree. */
        boolean valid(String sha256) {
            byte[] source = new byte[32];
            buffer.get(8, source);
            if (buffer.getLong(0) != MAGIC || !HexFormat.of().formatHex(source).equals(sha256)
                    || count <= 0 || byteCount < count || maxRank < count - 1 || maxRank > RankFile.MAX_RANK
                    || capacity != RankTable.capacity(count)
                    || buffer.capacity() != tablesStart(count, byteCount) + tablesSize(count, maxRank, capacity)) {
                return false;
            }
            return buffer.getInt(60) == crc(HEADER, tablesAt()) && buffer.getInt(56) == crc(tablesAt(), buffer.capacity());
        }

        private int crc(int from, int to) {
            CRC32C crc = new CRC32C();
            crc.update(buffer.slice(from, to - from));
            return (int) crc.getValue();
        }

        /** The tokens section as memory segments (the buffer must be direct: a mapped file). */
        Tokens tokens() {
            return new Tokens(count, maxRank, MemorySegment.ofBuffer(buffer.slice(offsetsAt(), 4 * (count + 1))),
                    MemorySegment.ofBuffer(buffer.slice(ranksAt(), 4 * count)),
                    MemorySegment.ofBuffer(buffer.slice(bytesAt(), byteCount)));
        }

        RankTable table() {
            int[] offsets = ints(offsetsAt(), count + 1);
            int[] ranks = ints(ranksAt(), count);
            byte[] bytes = new byte[byteCount];
            buffer.get(bytesAt(), bytes);
            int at = tablesAt();
            long[] table = longs(at, 2 * capacity);
            at += 16 * capacity;
            int[] byteRanks = ints(at, 256);
            at += 4 * 256;
            int[] pairRanks = ints(at, 1 << 16);
            at += 4 * (1 << 16);
            boolean dense = RankTable.dense(count, maxRank);
            return new RankTable(bytes, offsets, ranks, table, byteRanks, pairRanks,
                    dense ? ints(at, maxRank + 1) : null, dense ? null : longs(at, count), maxRank);
        }

        private int[] ints(int at, int length) {
            int[] out = new int[length];
            buffer.slice(at, 4 * length).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
            return out;
        }

        private long[] longs(int at, int length) {
            long[] out = new long[length];
            buffer.slice(at, 8 * length).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
            return out;
        }

        /** A direct buffer holding {@code table} in this layout, header and sums included. */
        static Layout of(RankTable table, String sha256) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(Math.toIntExact(size(table))).order(ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(0, MAGIC);
            buffer.put(8, HexFormat.of().parseHex(sha256));
            buffer.putInt(40, table.size());
            buffer.putInt(44, table.bytes().length);
            buffer.putInt(48, table.maxRank());
            buffer.putInt(52, table.table().length / 2);
            Layout layout = new Layout(buffer);
            layout.putInts(layout.offsetsAt(), table.offsets());
            layout.putInts(layout.ranksAt(), table.ranks());
            buffer.put(layout.bytesAt(), table.bytes());
            int at = layout.tablesAt();
            buffer.slice(at, 8 * table.table().length).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(table.table());
            at += 8 * table.table().length;
            at = layout.putInts(at, table.byteRanks());
            at = layout.putInts(at, table.pairRanks());
            if (table.indexByRank() != null) {
                layout.putInts(at, table.indexByRank());
            } else {
                buffer.slice(at, 8 * table.sortedRanks().length).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer()
                        .put(table.sortedRanks());
            }
            buffer.putInt(60, layout.crc(HEADER, layout.tablesAt()));
            buffer.putInt(56, layout.crc(layout.tablesAt(), buffer.capacity()));
            return layout;
        }

        /** Puts {@code values} at {@code at}; returns where they end. */
        private int putInts(int at, int[] values) {
            buffer.slice(at, 4 * values.length).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().put(values);
            return at + 4 * values.length;
        }
    }
}

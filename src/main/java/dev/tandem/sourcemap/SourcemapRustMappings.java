package dev.tandem.sourcemap;

import dev.tandem.ffi.Cancellation;
import dev.tandem.ffi.Downcall;
import dev.tandem.ffi.LibraryBuffer;
import dev.tandem.ffi.NativeLibrary;
import dev.tandem.ffi.NativeStatus;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Reference;
import org.graalvm.polyglot.HostAccess;

/**
 * Mappings decoded by the Rust backend, held in Rust behind a handle (the native address, as a
 * {@code long}): the same exported methods as {@link SourcemapMappings}, each one downcall.
 *
 * <p>The handle is freed by {@link SourcemapRust#CLEANER} once this object is unreachable.
 * Every method ends with {@link Reference#reachabilityFence}, so the object stays reachable,
 * and the handle alive, until the downcall using it has returned.
 */
public final class SourcemapRustMappings implements DecodedMappings {
    /** Queries per downcall of {@link #lookup_many}: ~1 ms of binary searches. */
    private static final int LOOKUP_CHUNK = 16_384;
    private final long handle;
    private final long count;
    /** Whether Rust has its reverse-lookup index: built by the first {@link #generated_for}. */
    private volatile boolean indexed;

    SourcemapRustMappings(long handle) {
        this.handle = handle;
        SourcemapRust.CLEANER.register(this, new Free(handle));
        long[] out = new long[1];
        check(call(() -> (int) SourcemapDowncalls.COUNT.invokeExact(handle, MemorySegment.ofArray(out))));
        this.count = out[0];
    }

    /** Frees the handle; holds no reference to the mappings object, or it would never be unreachable. */
    private record Free(long handle) implements Runnable {
        @Override
        public void run() {
            try {
                int status = (int) SourcemapDowncalls.FREE.invokeExact(handle);
                assert status == NativeStatus.OK : "tandem_sourcemap_free returned " + status;
            } catch (Throwable t) {
                throw NativeLibrary.rethrow(t);
            }
        }
    }

    @Override
    @HostAccess.Export
    public long count() {
        return count;
    }

    /** Every mapping as 6 ints, in generated order. */
    @Override
    @HostAccess.Export
    public int[] flat() {
        int[] flat = new int[Math.toIntExact(count * 6)];
        MemorySegment out = MemorySegment.ofArray(flat);
        check(call(() -> Downcall.fitsCritical(out.byteSize())
                ? (int) SourcemapDowncalls.FLAT.critical().invokeExact(handle, out, (long) flat.length)
                : SourcemapDowncalls.FLAT.callOffHeap(handle, out, (long) flat.length)));
        return flat;
    }

    /** Computed here from {@link #flat}: a Python map asks for it once, next to its flat(). */
    @Override
    @HostAccess.Export
    public int[] line_starts() {
        return DecodedMappings.lineStarts(flat(), 0, 6, Math.toIntExact(count));
    }

    @Override
    @HostAccess.Export
    public int[] mapping(long index) {
        int[] row = new int[6];
        check(call(() -> (int) SourcemapDowncalls.MAPPING.invokeExact(handle, index, MemorySegment.ofArray(row))));
        return row;
    }

    /** The index of the mapping at generated ({@code line}, {@code column}) with {@code bias}, or -1. */
    @Override
    @HostAccess.Export
    public long lookup(long line, long column, long bias) {
        long[] out = new long[1];
        // A bias beyond int is refused alike: Rust sees 0, which is not a bias either.
        int narrowed = bias == (int) bias ? (int) bias : 0;
        check(call(() -> (int) SourcemapDowncalls.LOOKUP.invokeExact(handle, line, column, narrowed,
                MemorySegment.ofArray(out))));
        return out[0];
    }

    /**
     * {@code lookup} of every ({@code lines[i]}, {@code columns[i]}): 6 ints per query, as
     * {@link SourcemapMappings#lookup_many}, in chunks ({@link #inChunks}).
     */
    @Override
    @HostAccess.Export
    public int[] lookup_many(int[] lines, int[] columns, long queryCount, long bias) {
        int queries = SourcemapMappings.checkQueries(lines, columns, queryCount);
        int[] out = new int[Math.multiplyExact(queries, 6)];
        return inChunks(SourcemapDowncalls.LOOKUP_MANY, lines, columns, queries, bias, out, 6);
    }

    /**
     * {@code lookup} of every ({@code lines[i]}, {@code columns[i]}): 4 ints per query into
     * {@code out} (or a new array when null), as {@link SourcemapMappings#lookup_packed}, in
     * chunks ({@link #inChunks}).
     */
    @Override
    @HostAccess.Export
    public int[] lookup_packed(int[] lines, int[] columns, long queryCount, long bias, int[] out) {
        int queries = SourcemapMappings.checkQueries(lines, columns, queryCount);
        int[] packed = SourcemapMappings.packedOutput(out, queries);
        return inChunks(SourcemapDowncalls.LOOKUP_PACKED, lines, columns, queries, bias, packed, 4);
    }

    /**
     * A batch lookup {@code downcall} ({@code tandem_sourcemap_lookup_many} or {@code _packed})
     * of {@code queries} queries, {@code width} ints each into {@code out}, in chunks of
     * {@link #LOOKUP_CHUNK}, so that no critical downcall (which holds the GC) runs for long.
     */
    private int[] inChunks(MethodHandle downcall, int[] lines, int[] columns, int queries, long bias, int[] out,
            int width) {
        int narrowed = bias == (int) bias ? (int) bias : 0;
        MemorySegment lineSegment = MemorySegment.ofArray(lines);
        MemorySegment columnSegment = MemorySegment.ofArray(columns);
        MemorySegment outSegment = MemorySegment.ofArray(out);
        for (int from = 0; from < queries; from += LOOKUP_CHUNK) {
            int chunk = Math.min(LOOKUP_CHUNK, queries - from);
            long at = (long) from * Integer.BYTES;
            MemorySegment someLines = lineSegment.asSlice(at, (long) chunk * Integer.BYTES);
            MemorySegment someColumns = columnSegment.asSlice(at, (long) chunk * Integer.BYTES);
            MemorySegment someOut = outSegment.asSlice(at * width, (long) chunk * width * Integer.BYTES);
            check(call(() -> (int) downcall.invokeExact(handle, someLines, someColumns, (long) chunk, narrowed,
                    someOut, (long) chunk * width)));
        }
        return out;
    }

    /** Generated positions of an original one as flat (line, column, last column or -1) triples. */
    @Override
    @HostAccess.Export
    @SuppressWarnings("restricted") // reads the library-owned buffer the call returned
    public int[] generated_for(long source, long line, long column, boolean hasColumn) {
        long[] data = new long[1];
        long[] length = new long[1];
        int flag = hasColumn ? 1 : 0;
        check(call(() -> indexed
                ? (int) SourcemapDowncalls.GENERATED_FOR.critical().invokeExact(handle, source, line, column, flag,
                        MemorySegment.NULL, MemorySegment.ofArray(data), MemorySegment.ofArray(length))
                : SourcemapDowncalls.GENERATED_FOR.callOffHeap(handle, source, line, column, flag,
                        Cancellation.current().flag(), MemorySegment.ofArray(data), MemorySegment.ofArray(length))));
        indexed = true;
        return LibraryBuffer.takeInts(data[0], length[0], SourcemapJava.KERNEL);
    }

    /** Runs a downcall with the handle kept alive to its end. */
    private int call(NativeCall downcall) {
        try {
            return downcall.invoke();
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** A downcall's status; failures are Tandem bugs here, since Python checks the queries first. */
    private static void check(int status) {
        NativeStatus.check(status, SourcemapJava.KERNEL);
    }

    @FunctionalInterface
    private interface NativeCall {
        int invoke() throws Throwable;
    }

    @Override
    public String toString() {
        return "<Mappings: " + count + " mappings>";
    }
}

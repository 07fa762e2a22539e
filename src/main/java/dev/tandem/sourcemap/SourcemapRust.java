package dev.tandem.sourcemap;

import dev.tandem.ffi.Cancellation;
import dev.tandem.ffi.Downcall;
import dev.tandem.ffi.NativeLibrary;
import dev.tandem.ffi.NativeStatus;
import dev.tandem.ffi.Utf8;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import org.graalvm.polyglot.HostAccess;

/**
 * The Rust backend of {@code sourcemap.decode}: {@code native/src/sourcemap.rs} behind
 * {@code tandem_sourcemap_*} ({@code native/src/ffi/sourcemap.rs}). The decoded mappings stay
 * in Rust behind a handle that {@link SourcemapRustMappings} wraps and a {@link Cleaner} frees.
 *
 * <p>As {@link SourcemapJava}, bad input comes back as a value, the error message, since the
 * script cannot catch a Java exception under sandboxed host access.
 */
public final class SourcemapRust {
    /** One daemon thread for the whole process frees the handles the GC finds unreachable. */
    static final Cleaner CLEANER = Cleaner.create();

    /**
     * @throws IllegalStateException when the native library is not loaded;
     *     {@link NativeLibrary#summary()} says why without throwing
     */
    public SourcemapRust() {
        NativeLibrary.get().requireLoaded();
    }

    /**
     * {@code sourcemap.decode}: the mappings of a map with that many sources and names, as a
     * {@link SourcemapRustMappings}; or, for bad input, the error message (a String).
     */
    @HostAccess.Export
    public Object decode(String mappings, long sourceCount, long nameCount) {
        byte[] utf8 = Utf8.encodeSurrogatePass(mappings);
        long[] handle = new long[1];
        int status;
        try {
            status = Downcall.fitsCritical(utf8.length)
                    ? (int) SourcemapDowncalls.DECODE.critical().invokeExact(MemorySegment.ofArray(utf8),
                            (long) utf8.length, sourceCount, nameCount, MemorySegment.NULL, MemorySegment.ofArray(handle))
                    : SourcemapDowncalls.DECODE.callOffHeap(MemorySegment.ofArray(utf8).asReadOnly(), (long) utf8.length,
                            sourceCount, nameCount, Cancellation.current().flag(), MemorySegment.ofArray(handle));
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
        if (status == NativeStatus.CANCELLED) {
            throw Cancellation.cancelled(SourcemapJava.KERNEL);
        }
        if (status != NativeStatus.OK) {
            return NativeStatus.failure(status, SourcemapJava.KERNEL).getMessage();
        }
        return new SourcemapRustMappings(handle[0]);
    }

    /**
     * A whole source map read on the host (JSON by jackson-core, then {@link #decode}), for
     * {@code tandem.sourcemap.loads}: its fields ({@code SourceMap.packedFields}), or null when
     * the text is not a regular map this reads without error. Python then reads the text itself,
     * so every error keeps the reference's message and index maps the reference's reading.
     */
    @HostAccess.Export
    public Object[] parse(String json) {
        try {
            return SourceMap.parseWith(json, this::decode).packedFields();
        } catch (RuntimeException e) { // bad JSON or fields; the script could not catch it anyway
            return null;
        }
    }
}

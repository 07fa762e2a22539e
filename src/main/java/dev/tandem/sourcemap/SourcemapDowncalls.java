package dev.tandem.sourcemap;

import dev.tandem.ffi.Downcall;
import dev.tandem.ffi.NativeLibrary;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The {@code tandem_sourcemap_*} functions. Static finals, so the JIT treats the handles as
 * constants; initialised only once {@link SourcemapRust}'s constructor has seen the library
 * loaded. Queries are {@linkplain Linker.Option#critical(boolean) critical with heap access}
 * (Rust reads and writes the Java arrays in place): each is a binary search or a bounded
 * chunk, short enough to hold the GC. Decoding and copying out all mappings are
 * {@link Downcall}s: critical for inputs of at most {@link Downcall#CRITICAL_BYTES}.
 */
final class SourcemapDowncalls {
    private static final ValueLayout.OfLong SIZE_T = NativeLibrary.SIZE_T;
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG;
    private static final ValueLayout PTR = ValueLayout.ADDRESS;

    static final Downcall DECODE = Downcall.bind("tandem_sourcemap_decode",
            FunctionDescriptor.of(I32, PTR, SIZE_T, I64, I64, PTR, PTR));
    static final MethodHandle COUNT = critical("tandem_sourcemap_count", I64, PTR);
    static final Downcall FLAT = Downcall.bind("tandem_sourcemap_flat", FunctionDescriptor.of(I32, I64, PTR, SIZE_T));
    static final MethodHandle MAPPING = critical("tandem_sourcemap_mapping", I64, I64, PTR);
    static final MethodHandle LOOKUP = critical("tandem_sourcemap_lookup", I64, I64, I64, I32, PTR);
    static final MethodHandle LOOKUP_MANY = critical("tandem_sourcemap_lookup_many", I64, PTR, PTR, SIZE_T, I32,
            PTR, SIZE_T);
    static final MethodHandle LOOKUP_PACKED = critical("tandem_sourcemap_lookup_packed", I64, PTR, PTR, SIZE_T, I32,
            PTR, SIZE_T);
    /** The first call on a handle sorts every mapping (so it is not critical then) and takes a cancel flag. */
    static final Downcall GENERATED_FOR = Downcall.bind("tandem_sourcemap_generated_for",
            FunctionDescriptor.of(I32, I64, I64, I64, I64, I32, PTR, PTR, PTR));
    /** Not critical: it runs on the Cleaner's thread, with nothing on the heap to share. */
    static final MethodHandle FREE = NativeLibrary.get().downcall("tandem_sourcemap_free",
            FunctionDescriptor.of(I32, I64));

    private SourcemapDowncalls() {}

    /** The handle, passed as a {@code long}, is the first argument of every query ({@code I64} above). */
    private static MethodHandle critical(String symbol, ValueLayout... arguments) {
        return NativeLibrary.get().downcall(symbol, FunctionDescriptor.of(I32, arguments), Linker.Option.critical(true));
    }
}

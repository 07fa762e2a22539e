package dev.tandem.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * A library function bound twice: {@linkplain Linker.Option#critical(boolean) critical} for
 * small inputs, ordinary for large ones.
 *
 * <p>A critical downcall reads and writes Java arrays in place and skips the thread's state
 * change, which makes a short call several times cheaper; but while it runs the JVM cannot
 * reach a safepoint, so every thread that needs a garbage collection waits for it. A critical
 * call must therefore be short whatever its input: kernels make one only for inputs of at most
 * {@link #CRITICAL_BYTES} (tens of microseconds of work), and larger inputs go through
 * {@link #callOffHeap}, an ordinary call on native copies of the arrays, during which the
 * garbage collector and every other thread run freely.
 */
public final class Downcall {
    /**
     * The most bytes of input (or output) a critical call takes: ~0.1 ms of BPE or
     * source-map work, ~20 µs of a text kernel's. Above it, the off-heap copies cost under 5%.
     */
    public static final long CRITICAL_BYTES = 64 * 1024;

    private final MethodHandle critical;
    private final MethodHandle ordinary;

    private Downcall(MethodHandle critical, MethodHandle ordinary) {
        this.critical = critical;
        this.ordinary = ordinary;
    }

    /** Binds {@code symbol} of Tandem's native library both ways. */
    public static Downcall bind(String symbol, FunctionDescriptor function) {
        NativeLibrary library = NativeLibrary.get();
        return new Downcall(library.downcall(symbol, function, Linker.Option.critical(true)),
                library.downcall(symbol, function));
    }

    /** Whether a call on {@code bytes} bytes of arrays may be critical. */
    public static boolean fitsCritical(long bytes) {
        return bytes <= CRITICAL_BYTES;
    }

    /** The critical handle, for {@code invokeExact} with heap segments of at most {@link #CRITICAL_BYTES}. */
    public MethodHandle critical() {
        return critical;
    }

    /**
     * Calls the function the ordinary way and returns its {@code int} status. Each heap segment
     * among {@code arguments} is copied to native memory for the call, and copied back after it
     * unless it is {@linkplain MemorySegment#isReadOnly() read-only}: pass inputs read-only.
     * Writable segments must not overlap, or one's copy would overwrite the other's result.
     */
    public int callOffHeap(Object... arguments) {
        try (Arena arena = Arena.ofConfined()) {
            List<MemorySegment[]> writeBack = new ArrayList<>();
            Object[] nativeArguments = arguments.clone();
            for (int i = 0; i < arguments.length; i++) {
                if (arguments[i] instanceof MemorySegment segment && !segment.isNative()) {
                    MemorySegment copy = arena.allocate(Math.max(segment.byteSize(), 1), ValueLayout.JAVA_LONG.byteAlignment());
                    MemorySegment.copy(segment, 0, copy, 0, segment.byteSize());
                    nativeArguments[i] = copy;
                    if (!segment.isReadOnly()) {
                        writeBack.add(new MemorySegment[] {copy, segment});
                    }
                }
            }
            int status = (int) ordinary.invokeWithArguments(nativeArguments);
            for (MemorySegment[] pair : writeBack) {
                MemorySegment.copy(pair[0], 0, pair[1], 0, pair[1].byteSize());
            }
            return status;
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }
}

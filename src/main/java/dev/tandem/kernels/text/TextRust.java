package dev.tandem.kernels.text;

import dev.tandem.KernelException;
import dev.tandem.ffi.NativeLibrary;
import dev.tandem.ffi.NativeStatus;
import dev.tandem.ffi.Utf8;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import org.graalvm.polyglot.HostAccess;

/**
 * The Rust backend of the {@code text} kernels: {@code native/src/text.rs} behind
 * {@code tandem_text_*} in {@code native/src/ffi.rs}. Text crosses as surrogatepass UTF-8
 * ({@link Utf8}), so a lone surrogate reaches Rust intact; a surrogate pair is one code point,
 * as everywhere in Java.
 *
 * <p>The calls are {@linkplain Linker.Option#critical(boolean) critical with heap access}:
 * Rust reads the input bytes from, and writes results into, the Java arrays themselves, so a
 * call allocates no native memory and copies nothing. The price is that the GC waits while a
 * call runs, which is fine for these single-pass loops (about 10 ms for 10 MB of text).
 */
public final class TextRust {
    private static final String CODEPOINTS = "text.codepoints";
    private static final String FNV1A_32 = "text.fnv1a_32";

    /**
     * @throws IllegalStateException when the native library is not loaded;
     *     {@link NativeLibrary#summary()} says why without throwing
     */
    public TextRust() {
        if (!NativeLibrary.get().isLoaded()) {
            throw new IllegalStateException("the Rust backend needs Tandem's native library, which is "
                    + NativeLibrary.get().summary());
        }
    }

    /** {@code text.codepoints}: the code points of {@code text}, Python's {@code [ord(c) for c in s]}. */
    @HostAccess.Export
    public int[] codepoints(String text) {
        byte[] utf8 = Utf8.encodeSurrogatePass(text);
        // Exact size: Java and Rust count code points alike (pairs as one, lone surrogates as one).
        int[] out = new int[text.codePointCount(0, text.length())];
        long[] outLen = new long[1];
        int status;
        try {
            status = (int) Downcalls.CODEPOINTS.invokeExact(MemorySegment.ofArray(utf8), (long) utf8.length,
                    MemorySegment.ofArray(out), (long) out.length, MemorySegment.ofArray(outLen));
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
        NativeStatus.check(status, CODEPOINTS);
        if (outLen[0] != out.length) {
            throw new KernelException(CODEPOINTS, "the Rust backend found " + outLen[0] + " code points where Java counts "
                    + out.length + " (a bug in Tandem)");
        }
        return out;
    }

    /** {@code text.fnv1a_32}: the 32-bit FNV-1a hash of the text's surrogatepass UTF-8 bytes, as an unsigned value. */
    @HostAccess.Export
    public long fnv1a_32(String text) {
        byte[] utf8 = Utf8.encodeSurrogatePass(text);
        int[] hash = new int[1];
        int status;
        try {
            status = (int) Downcalls.FNV1A_32.invokeExact(MemorySegment.ofArray(utf8), (long) utf8.length,
                    MemorySegment.ofArray(hash));
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
        NativeStatus.check(status, FNV1A_32);
        return Integer.toUnsignedLong(hash[0]);
    }

    /** Static finals, so the JIT treats the handles as constants; initialised only once the constructor has seen the library loaded. */
    private static final class Downcalls {
        static final MethodHandle CODEPOINTS = NativeLibrary.get().downcall("tandem_text_codepoints",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, NativeLibrary.SIZE_T,
                        ValueLayout.ADDRESS, NativeLibrary.SIZE_T, ValueLayout.ADDRESS),
                Linker.Option.critical(true));
        static final MethodHandle FNV1A_32 = NativeLibrary.get().downcall("tandem_text_fnv1a_32",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, NativeLibrary.SIZE_T, ValueLayout.ADDRESS),
                Linker.Option.critical(true));
    }
}

package dev.tandem.kernels.text;

import dev.tandem.KernelException;
import dev.tandem.ffi.Cancellation;
import dev.tandem.ffi.Downcall;
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
 * call runs, so a long text goes in pieces of at most {@link Downcall#CRITICAL_BYTES}, cut
 * between characters, one call each (~20 µs), with a look at the call's {@link Cancellation}
 * between them.
 */
public final class TextRust {
    private static final String CODEPOINTS = "text.codepoints";
    private static final String FNV1A_32 = "text.fnv1a_32";
    private static final int FNV1A_32_OFFSET_BASIS = 0x811C9DC5;

    /**
     * @throws IllegalStateException when the native library is not loaded;
     *     {@link NativeLibrary#summary()} says why without throwing
     */
    public TextRust() {
        NativeLibrary.get().requireLoaded();
    }

    /** {@code text.codepoints}: the code points of {@code text}, Python's {@code [ord(c) for c in s]}. */
    @HostAccess.Export
    public int[] codepoints(String text) {
        byte[] utf8 = Utf8.encodeSurrogatePass(text);
        // Exact size: Java and Rust count code points alike (pairs as one, lone surrogates as one).
        int[] out = new int[text.codePointCount(0, text.length())];
        MemorySegment input = MemorySegment.ofArray(utf8);
        MemorySegment output = MemorySegment.ofArray(out);
        long[] outLen = new long[1];
        Cancellation cancellation = Cancellation.current();
        long written = 0;
        for (int from = 0; from < utf8.length; ) {
            int to = pieceEnd(utf8, from);
            long room = out.length - written;
            int status;
            try {
                status = (int) Downcalls.CODEPOINTS.invokeExact(input.asSlice(from, to - from), (long) (to - from),
                        output.asSlice(written * Integer.BYTES, room * Integer.BYTES), room,
                        MemorySegment.ofArray(outLen));
            } catch (Throwable t) {
                throw NativeLibrary.rethrow(t);
            }
            NativeStatus.check(status, CODEPOINTS);
            written += outLen[0];
            from = to;
            cancellation.check(CODEPOINTS);
        }
        if (written != out.length) {
            throw new KernelException(CODEPOINTS, "the Rust backend found " + written + " code points where Java counts "
                    + out.length + " (a bug in Tandem)");
        }
        return out;
    }

    /** {@code text.fnv1a_32}: the 32-bit FNV-1a hash of the text's surrogatepass UTF-8 bytes, as an unsigned value. */
    @HostAccess.Export
    public long fnv1a_32(String text) {
        byte[] utf8 = Utf8.encodeSurrogatePass(text);
        MemorySegment input = MemorySegment.ofArray(utf8);
        int[] hash = {FNV1A_32_OFFSET_BASIS};
        Cancellation cancellation = Cancellation.current();
        for (int from = 0; from < utf8.length; ) { // each piece continues the hash of those before
            int to = (int) Math.min(utf8.length, from + Downcall.CRITICAL_BYTES);
            int status;
            try {
                status = (int) Downcalls.FNV1A_32.invokeExact(hash[0], input.asSlice(from, to - from), (long) (to - from),
                        MemorySegment.ofArray(hash));
            } catch (Throwable t) {
                throw NativeLibrary.rethrow(t);
            }
            NativeStatus.check(status, FNV1A_32);
            from = to;
            cancellation.check(FNV1A_32);
        }
        return Integer.toUnsignedLong(hash[0]);
    }

    /** Where a piece of at most {@link Downcall#CRITICAL_BYTES} from {@code from} ends: before a lead byte or at the end. */
    private static int pieceEnd(byte[] utf8, int from) {
        if (utf8.length - from <= Downcall.CRITICAL_BYTES) {
            return utf8.length;
        }
        int end = (int) (from + Downcall.CRITICAL_BYTES);
        while ((utf8[end] & 0xC0) == 0x80) { // a continuation byte: the character began before
            end--;
        }
        return end;
    }

    /** Static finals, so the JIT treats the handles as constants; initialised only once the constructor has seen the library loaded. */
    private static final class Downcalls {
        static final MethodHandle CODEPOINTS = NativeLibrary.get().downcall("tandem_text_codepoints",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, NativeLibrary.SIZE_T,
                        ValueLayout.ADDRESS, NativeLibrary.SIZE_T, ValueLayout.ADDRESS),
                Linker.Option.critical(true));
        static final MethodHandle FNV1A_32 = NativeLibrary.get().downcall("tandem_text_fnv1a_32",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, NativeLibrary.SIZE_T,
                        ValueLayout.ADDRESS),
                Linker.Option.critical(true));
    }
}

package dev.tandem.ffi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Library-owned buffers (see native/src/ffi.rs): a kernel whose result size is unknown up
 * front hands back {@code (address, length)}; the caller copies the elements out and frees
 * the buffer exactly once with {@code tandem_buffer_free}, the one binding of it.
 */
public final class LibraryBuffer {
    private LibraryBuffer() {
    }

    /** Copies {@code length} ints from a library-owned buffer and frees it. */
    @SuppressWarnings("restricted") // the launcher passes --enable-native-access=dev.tandem
    public static int[] takeInts(long address, long length, String kernel) {
        if (length == 0) {
            return new int[0];
        }
        int[] values = MemorySegment.ofAddress(address).reinterpret(length * Integer.BYTES).toArray(ValueLayout.JAVA_INT);
        free(address, length, Integer.BYTES, kernel);
        return values;
    }

    /** Copies {@code length} bytes from a library-owned buffer and frees it. */
    @SuppressWarnings("restricted") // the launcher passes --enable-native-access=dev.tandem
    public static byte[] takeBytes(long address, long length, String kernel) {
        if (length == 0) {
            return new byte[0];
        }
        byte[] values = MemorySegment.ofAddress(address).reinterpret(length).toArray(ValueLayout.JAVA_BYTE);
        free(address, length, 1, kernel);
        return values;
    }

    /** {@link #takeBytes(long, long, String)} for a buffer that {@code library} owns. */
    @SuppressWarnings("restricted") // the launcher passes --enable-native-access=dev.tandem
    public static byte[] takeBytes(long address, long length, String kernel, NativeLibrary library) {
        if (length == 0) {
            return new byte[0];
        }
        byte[] values = MemorySegment.ofAddress(address).reinterpret(length).toArray(ValueLayout.JAVA_BYTE);
        int status;
        try {
            status = (int) library.bufferFreeHandle().invokeExact(MemorySegment.ofAddress(address), length, 1L);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
        NativeStatus.check(status, kernel, library);
        return values;
    }

    /** Frees a buffer of {@code length} elements of {@code elementSize} bytes; a failure is {@code kernel}'s. */
    public static void free(long address, long length, long elementSize, String kernel) {
        int status;
        try {
            status = (int) Downcalls.BUFFER_FREE.invokeExact(MemorySegment.ofAddress(address), length, elementSize);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
        NativeStatus.check(status, kernel);
    }

    /** Static finals, so the JIT treats the handles as constants; made on first use. */
    private static final class Downcalls {
        static final MethodHandle BUFFER_FREE = bindFree(NativeLibrary.get());
    }

    /** {@code library}'s {@code tandem_buffer_free}. */
    static MethodHandle bindFree(NativeLibrary library) {
        return library.downcall("tandem_buffer_free",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, NativeLibrary.SIZE_T, NativeLibrary.SIZE_T));
    }
}

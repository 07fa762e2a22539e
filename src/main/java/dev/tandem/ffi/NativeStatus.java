package dev.tandem.ffi;

import dev.tandem.KernelException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

/**
 * The status codes every {@code tandem_*} function returns (see native/src/ffi.rs), and the
 * {@link KernelException} a failed call becomes, with the library's last error message.
 */
public final class NativeStatus {
    public static final int OK = 0;
    public static final int INVALID_INPUT = 1;
    public static final int BUFFER_TOO_SMALL = 2;
    public static final int PANIC = 3;
    public static final int NULL_POINTER = 4;
    /** The call's {@link Cancellation} flag was set (its deadline passed); no result was written. */
    public static final int CANCELLED = 5;

    private NativeStatus() {
    }

    /**
     * Returns when {@code status} is {@link #OK}, else throws the failure for {@code kernel}.
     * Call it right after the native call, on the same thread, since it reads the thread's
     * last error.
     */
    public static void check(int status, String kernel) {
        if (status != OK) {
            throw failure(status, kernel);
        }
    }

    /** {@link #check(int, String)} for a call into {@code library}, whose last error it reads. */
    public static void check(int status, String kernel, NativeLibrary library) {
        if (status != OK) {
            throw failure(status, kernel, lastError(library.lastErrorHandle()));
        }
    }

    /** The exception for a failed call of {@code kernel}; invalid input is the user's to fix, the rest are Tandem bugs. */
    public static KernelException failure(int status, String kernel) {
        return failure(status, kernel, status == CANCELLED ? "" : lastError());
    }

    private static KernelException failure(int status, String kernel, String detail) {
        if (status == CANCELLED) {
            return Cancellation.cancelled(kernel);
        }
        String message = switch (status) {
            case INVALID_INPUT -> detail;
            case BUFFER_TOO_SMALL -> "output buffer too small (a bug in Tandem's Java binding): " + detail;
            case PANIC -> "the Rust backend panicked (a bug in Tandem): " + detail;
            case NULL_POINTER -> "null pointer passed to the Rust backend (a bug in Tandem's Java binding): " + detail;
            default -> "the Rust backend returned unknown status " + status + ": " + detail;
        };
        return new KernelException(kernel, message);
    }

    /** This thread's last error message from the library ({@code tandem_last_error}). */
    public static String lastError() {
        return lastError(LastError.HANDLE);
    }

    /** The last error message through {@code handle}, a binding of a library's {@code tandem_last_error}. */
    private static String lastError(MethodHandle handle) {
        try {
            long length = (long) handle.invokeExact(MemorySegment.NULL, 0L);
            byte[] message = new byte[Math.toIntExact(length)];
            long copied = (long) handle.invokeExact(MemorySegment.ofArray(message), (long) message.length);
            assert copied == length;
            return new String(message, StandardCharsets.UTF_8);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    private static final class LastError {
        static final MethodHandle HANDLE = bindLastError(NativeLibrary.get());
    }

    /** {@code library}'s {@code tandem_last_error}. */
    static MethodHandle bindLastError(NativeLibrary library) {
        // critical(true): the library copies straight into the Java array.
        return library.downcall("tandem_last_error",
                FunctionDescriptor.of(NativeLibrary.SIZE_T, ValueLayout.ADDRESS, NativeLibrary.SIZE_T),
                Linker.Option.critical(true));
    }
}

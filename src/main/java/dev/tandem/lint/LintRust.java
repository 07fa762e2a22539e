package dev.tandem.lint;

import dev.tandem.KernelException;
import dev.tandem.ffi.Downcall;
import dev.tandem.ffi.LibraryBuffer;
import dev.tandem.ffi.NativeLibrary;
import dev.tandem.ffi.NativeStatus;
import dev.tandem.ffi.Utf8;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.graalvm.polyglot.HostAccess;

/**
 * The Rust backend of the linter kernels: {@code native/src/lint/} behind {@code tandem_lint_*}
 * ({@code native/src/ffi/lint.rs}). Each returns the kernel's JSON string, byte for byte what
 * the Python reference writes.
 *
 * <p>{@code lint.check} of a file of at most {@link Downcall#CRITICAL_BYTES} is milliseconds, so it
 * runs as a critical call on the Java arrays themselves; a larger one is copied to native memory
 * for an ordinary call, which does not hold off the GC. {@code lint.check_batch} runs for seconds on every core, so its texts are
 * copied to native memory and the call is an ordinary one that does not hold off the GC.
 */
public final class LintRust {
    private static final String CHECK = "lint.check";
    private static final String CHECK_BATCH = "lint.check_batch";
    private static final String CHECK_FILES = "lint.check_files";

    /**
     * @throws IllegalStateException when the native library is not loaded;
     *     {@link NativeLibrary#summary()} says why without throwing
     */
    public LintRust() {
        NativeLibrary.get().requireLoaded();
    }

    /** {@code lint.check}: the JSON rows of the diagnostics for one source. */
    @HostAccess.Export
    public String check(String source, String filename, String select) {
        byte[] text = Utf8.encodeSurrogatePass(source);
        byte[] name = Utf8.encodeSurrogatePass(filename);
        byte[] selection = Utf8.encodeSurrogatePass(select);
        long[] json = new long[1];
        long[] jsonLength = new long[1];
        int status;
        try {
            status = Downcall.fitsCritical((long) text.length + name.length + selection.length)
                    ? (int) CheckDowncall.HANDLE.critical().invokeExact(MemorySegment.ofArray(text), (long) text.length,
                            MemorySegment.ofArray(name), (long) name.length, MemorySegment.ofArray(selection),
                            (long) selection.length, MemorySegment.ofArray(json), MemorySegment.ofArray(jsonLength))
                    : CheckDowncall.HANDLE.callOffHeap(MemorySegment.ofArray(text).asReadOnly(), (long) text.length,
                            MemorySegment.ofArray(name).asReadOnly(), (long) name.length,
                            MemorySegment.ofArray(selection).asReadOnly(), (long) selection.length,
                            MemorySegment.ofArray(json), MemorySegment.ofArray(jsonLength));
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
        NativeStatus.check(status, CHECK);
        return new String(LibraryBuffer.takeBytes(json[0], jsonLength[0], CHECK), StandardCharsets.UTF_8);
    }

    /**
     * {@code lint.check_batch}: the JSON array of each source's rows, in order, linted on every
     * core; {@code filenames.get(i)} names {@code sources.get(i)}.
     */
    @HostAccess.Export
    public String check_batch(List<String> sources, List<String> filenames, String select, String ignore,
            long lineLength) {
        if (sources.size() != filenames.size()) {
            throw new KernelException(CHECK_BATCH, sources.size() + " sources but " + filenames.size() + " filenames");
        }
        if (lineLength < 0) {
            throw new KernelException(CHECK_BATCH, "line_length " + lineLength + " is negative");
        }
        int count = sources.size();
        byte[][] utf8 = new byte[count][];
        long[] ends = new long[count];
        long total = 0;
        for (int i = 0; i < count; i++) {
            utf8[i] = Utf8.encodeSurrogatePass(sources.get(i));
            total += utf8[i].length;
            ends[i] = total;
        }
        long textBytes = total;
        byte[] nameBytes = nulEnded(filenames, CHECK_BATCH, "filename");
        byte[] selectBytes = select.getBytes(StandardCharsets.UTF_8);
        byte[] ignoreBytes = ignore.getBytes(StandardCharsets.UTF_8);
        return ownedString(CHECK_BATCH, NativeLibrary.get(), (arena, out) -> {
            MemorySegment packed = arena.allocate(Math.max(textBytes, 1));
            long at = 0;
            for (byte[] text : utf8) {
                MemorySegment.copy(text, 0, packed, ValueLayout.JAVA_BYTE, at, text.length);
                at += text.length;
            }
            return (int) CheckBatchDowncall.HANDLE.invokeExact(packed, textBytes,
                    arena.allocateFrom(ValueLayout.JAVA_LONG, ends), (long) count,
                    arena.allocateFrom(ValueLayout.JAVA_BYTE, nameBytes), (long) nameBytes.length,
                    arena.allocateFrom(ValueLayout.JAVA_BYTE, selectBytes), (long) selectBytes.length,
                    arena.allocateFrom(ValueLayout.JAVA_BYTE, ignoreBytes), (long) ignoreBytes.length,
                    lineLength, 0, out, out.asSlice(8));
        });
    }

    /**
     * {@code lint.check_files}: the JSON array of each file's rows, in the order of {@code paths},
     * the files read and linted on every core; one that cannot be read or decoded is its E902
     * row. Rust opens the files, so this is for trusted callers (the {@code tandem lint}
     * command) and is not a route scripts can take: their files are read through the context.
     */
    public String check_files(List<String> paths, String select, String ignore, long lineLength) {
        if (lineLength < 0) {
            throw new KernelException(CHECK_FILES, "line_length " + lineLength + " is negative");
        }
        byte[] pathBytes = nulEnded(paths, CHECK_FILES, "path");
        byte[] selectBytes = select.getBytes(StandardCharsets.UTF_8);
        byte[] ignoreBytes = ignore.getBytes(StandardCharsets.UTF_8);
        return ownedString(CHECK_FILES, NativeLibrary.get(), (arena, out) -> (int) CheckFilesDowncall.HANDLE.invokeExact(
                arena.allocateFrom(ValueLayout.JAVA_BYTE, pathBytes), (long) pathBytes.length, (long) paths.size(),
                arena.allocateFrom(ValueLayout.JAVA_BYTE, selectBytes), (long) selectBytes.length,
                arena.allocateFrom(ValueLayout.JAVA_BYTE, ignoreBytes), (long) ignoreBytes.length,
                lineLength, 0, out, out.asSlice(8)));
    }

    /** {@code strings} in UTF-8, each ended by a NUL byte (the C ABI's list form). */
    static byte[] nulEnded(List<String> strings, String kernel, String what) {
        StringBuilder packed = new StringBuilder();
        for (int i = 0; i < strings.size(); i++) {
            String string = strings.get(i);
            if (string.indexOf('\0') >= 0) {
                throw new KernelException(kernel, what + " " + i + " contains a NUL character");
            }
            packed.append(string).append('\0');
        }
        return Utf8.encodeSurrogatePass(packed.toString());
    }

    /** A downcall that leaves a library-owned buffer's address and length in {@code out}. */
    @FunctionalInterface
    interface BufferCall {
        int invoke(Arena arena, MemorySegment out) throws Throwable;
    }

    /**
     * Makes {@code call} into {@code library} with a confined arena, checks its status and takes
     * the buffer, which {@code library} owns, as a String.
     */
    static String ownedString(String kernel, NativeLibrary library, BufferCall call) {
        long address;
        long length;
        int status;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ValueLayout.JAVA_LONG, 2);
            status = call.invoke(arena, out);
            address = out.get(ValueLayout.JAVA_LONG, 0);
            length = out.get(ValueLayout.JAVA_LONG, 8);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
        NativeStatus.check(status, kernel, library);
        return new String(LibraryBuffer.takeBytes(address, length, kernel, library), StandardCharsets.UTF_8);
    }

    // One holder class per handle, so that a call makes only the handle it uses (making one
    // costs milliseconds, which tandem lint's start-up feels); static finals, so the JIT treats
    // the handles as constants; initialised only once the constructor has seen the library loaded.
    private static final class CheckDowncall {
        static final Downcall HANDLE = Downcall.bind("tandem_lint_check",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, NativeLibrary.SIZE_T,
                        ValueLayout.ADDRESS, NativeLibrary.SIZE_T, ValueLayout.ADDRESS, NativeLibrary.SIZE_T,
                        ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    }

    private static final class CheckBatchDowncall {
        static final MethodHandle HANDLE = NativeLibrary.get().downcall("tandem_lint_check_batch",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, NativeLibrary.SIZE_T,
                        ValueLayout.ADDRESS, NativeLibrary.SIZE_T, ValueLayout.ADDRESS, NativeLibrary.SIZE_T,
                        ValueLayout.ADDRESS, NativeLibrary.SIZE_T, ValueLayout.ADDRESS, NativeLibrary.SIZE_T,
                        ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    }

    private static final class CheckFilesDowncall {
        static final MethodHandle HANDLE = NativeLibrary.get().downcall("tandem_lint_check_files",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, NativeLibrary.SIZE_T, NativeLibrary.SIZE_T,
                        ValueLayout.ADDRESS, NativeLibrary.SIZE_T, ValueLayout.ADDRESS, NativeLibrary.SIZE_T,
                        ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    }
}

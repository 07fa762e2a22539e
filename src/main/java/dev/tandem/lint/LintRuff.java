package dev.tandem.lint;

import dev.tandem.KernelException;
import dev.tandem.ffi.NativeLibrary;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Rust backend of {@code lint.ruff_files}: Ruff's own linter ({@code ruff_linter} 0.16.4,
 * {@code native/ruff/}) behind {@code tandem_ruff_check_files}, in its own library
 * ({@link NativeLibrary#ruff()}). It serves Ruff's default selection and any selection of
 * Ruff's rules; its result has the shape of {@code lint.check_files}'s.
 */
public final class LintRuff {
    private static final String RUFF_FILES = "lint.ruff_files";

    /**
     * @throws IllegalStateException when the Ruff library is not loaded;
     *     {@link NativeLibrary#summary()} of {@link NativeLibrary#ruff()} says why without throwing
     */
    public LintRuff() {
        NativeLibrary.ruff().requireLoaded();
    }

    /**
     * {@code lint.ruff_files}: the JSON array of each file's rows, in the order of {@code paths},
     * read and linted on every core. {@code select} and {@code ignore} are comma-separated Ruff
     * selectors, an empty {@code select} meaning Ruff's default selection. Rust opens the files,
     * so this is for trusted callers (the {@code tandem lint} command), as {@code lint.check_files}.
     */
    public String ruff_files(List<String> paths, String select, String ignore, long lineLength) {
        if (lineLength < 0) {
            throw new KernelException(RUFF_FILES, "line_length " + lineLength + " is negative");
        }
        byte[] pathBytes = LintRust.nulEnded(paths, RUFF_FILES, "path");
        byte[] selectBytes = select.getBytes(StandardCharsets.UTF_8);
        byte[] ignoreBytes = ignore.getBytes(StandardCharsets.UTF_8);
        return LintRust.ownedString(RUFF_FILES, NativeLibrary.ruff(), (arena, out) -> (int) CheckFiles.HANDLE.invokeExact(
                arena.allocateFrom(ValueLayout.JAVA_BYTE, pathBytes), (long) pathBytes.length, (long) paths.size(),
                arena.allocateFrom(ValueLayout.JAVA_BYTE, selectBytes), (long) selectBytes.length,
                arena.allocateFrom(ValueLayout.JAVA_BYTE, ignoreBytes), (long) ignoreBytes.length,
                lineLength, 0, out, out.asSlice(8)));
    }

    /** Bound on first use, once the constructor has seen the library loaded. */
    private static final class CheckFiles {
        static final MethodHandle HANDLE = NativeLibrary.ruff().downcall("tandem_ruff_check_files",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, NativeLibrary.SIZE_T, NativeLibrary.SIZE_T,
                        ValueLayout.ADDRESS, NativeLibrary.SIZE_T, ValueLayout.ADDRESS, NativeLibrary.SIZE_T,
                        ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    }
}

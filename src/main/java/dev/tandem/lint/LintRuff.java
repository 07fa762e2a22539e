package dev.tandem.lint;

import dev.tandem.KernelException;
import dev.tandem.ffi.NativeLibrary;
import dev.tandem.ffi.Utf8;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.graalvm.polyglot.HostAccess;

/**
 * The Rust backend of {@code lint.ruff_files} and {@code lint.fix}: Ruff's own linter
 * ({@code ruff_linter} 0.16.4, {@code native/ruff/}) behind {@code tandem_ruff_check_files} and
 * {@code tandem_ruff_fix}, in its own library ({@link NativeLibrary#ruff()}). It serves Ruff's
 * default selection and any selection of Ruff's rules; {@code lint.ruff_files}' result has the
 * shape of {@code lint.check_files}'s. {@link #fixFiles} is {@code tandem lint --fix}'s.
 */
public final class LintRuff {
    private static final String RUFF_FILES = "lint.ruff_files";
    private static final String FIX = "lint.fix";
    private static final String FIX_FILES = "tandem lint --fix";

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

    /**
     * {@code lint.fix}: {@code source}, the file {@code filename}, with Ruff's fixes for the rules of
     * {@code select} (comma-separated Ruff selectors; empty: E4,E7,E9,F, as {@code lint.check})
     * less {@code ignore} applied, the safe ones and, when {@code unsafeFixes}, the unsafe ones too.
     * The JSON {@link LintFixed#fromJson} reads: the fixed source, how many diagnostics the fixes
     * resolved, the remaining diagnostics' rows.
     */
    @HostAccess.Export
    public String fix(String source, String filename, String select, String ignore, long lineLength,
            boolean unsafeFixes) {
        if (lineLength < 0) {
            throw new KernelException(FIX, "line_length " + lineLength + " is negative");
        }
        byte[] text = Utf8.encodeSurrogatePass(source);
        byte[] name = Utf8.encodeSurrogatePass(filename);
        byte[] selectBytes = Utf8.encodeSurrogatePass(select);
        byte[] ignoreBytes = Utf8.encodeSurrogatePass(ignore);
        return LintRust.ownedString(FIX, NativeLibrary.ruff(), (arena, out) -> (int) Fix.HANDLE.invokeExact(
                arena.allocateFrom(ValueLayout.JAVA_BYTE, text), (long) text.length,
                arena.allocateFrom(ValueLayout.JAVA_BYTE, name), (long) name.length,
                arena.allocateFrom(ValueLayout.JAVA_BYTE, selectBytes), (long) selectBytes.length,
                arena.allocateFrom(ValueLayout.JAVA_BYTE, ignoreBytes), (long) ignoreBytes.length,
                lineLength, unsafeFixes ? 1 : 0, out, out.asSlice(8)));
    }

    /**
     * {@code tandem lint --fix} ({@code diff} false: each changed file written back atomically, a
     * read-only one or one changed on disk while being fixed left alone, its reason given) or
     * {@code --diff} ({@code diff} true: nothing written, each changed file's diff given): the files
     * at {@code paths} read and fixed on every core, with {@code select}, {@code ignore} and
     * {@code lineLength} as in {@link #ruff_files} and {@code unsafeFixes} as in {@link #fix}.
     * Rust opens and writes the files, so this is for trusted callers, as {@link #ruff_files}.
     */
    public List<FileFixed> fixFiles(List<String> paths, String select, String ignore, long lineLength,
            boolean unsafeFixes, boolean diff) {
        if (lineLength < 0) {
            throw new KernelException(FIX_FILES, "line_length " + lineLength + " is negative");
        }
        byte[] pathBytes = LintRust.nulEnded(paths, FIX_FILES, "path");
        byte[] selectBytes = select.getBytes(StandardCharsets.UTF_8);
        byte[] ignoreBytes = ignore.getBytes(StandardCharsets.UTF_8);
        String json = LintRust.ownedString(FIX_FILES, NativeLibrary.ruff(), (arena, out) -> (int) FixFiles.HANDLE.invokeExact(
                arena.allocateFrom(ValueLayout.JAVA_BYTE, pathBytes), (long) pathBytes.length, (long) paths.size(),
                arena.allocateFrom(ValueLayout.JAVA_BYTE, selectBytes), (long) selectBytes.length,
                arena.allocateFrom(ValueLayout.JAVA_BYTE, ignoreBytes), (long) ignoreBytes.length,
                lineLength, unsafeFixes ? 1 : 0, diff ? 1 : 0, 0, out, out.asSlice(8)));
        return FileFixed.fromJson(json, paths);
    }

    // Each handle bound on first use, once the constructor has seen the library loaded.
    private static final class Fix {
        static final MethodHandle HANDLE = NativeLibrary.ruff().downcall("tandem_ruff_fix",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, NativeLibrary.SIZE_T,
                        ValueLayout.ADDRESS, NativeLibrary.SIZE_T, ValueLayout.ADDRESS, NativeLibrary.SIZE_T,
                        ValueLayout.ADDRESS, NativeLibrary.SIZE_T, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                        ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    }

    private static final class FixFiles {
        static final MethodHandle HANDLE = NativeLibrary.ruff().downcall("tandem_ruff_fix_files",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, NativeLibrary.SIZE_T, NativeLibrary.SIZE_T,
                        ValueLayout.ADDRESS, NativeLibrary.SIZE_T, ValueLayout.ADDRESS, NativeLibrary.SIZE_T,
                        ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                        ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    }

    private static final class CheckFiles {
        static final MethodHandle HANDLE = NativeLibrary.ruff().downcall("tandem_ruff_check_files",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, NativeLibrary.SIZE_T, NativeLibrary.SIZE_T,
                        ValueLayout.ADDRESS, NativeLibrary.SIZE_T, ValueLayout.ADDRESS, NativeLibrary.SIZE_T,
                        ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    }
}

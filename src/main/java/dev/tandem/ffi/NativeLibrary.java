package dev.tandem.ffi;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Tandem's Rust library ({@code native/}, C ABI in {@code native/src/ffi.rs}), and the library
 * that links Ruff's linter ({@code native/ruff/}, {@link #ruff()}), each loaded once per
 * process on first use: taken from the jar for this {@link Platform}, installed through
 * {@link LibraryCache}, loaded with {@link SymbolLookup#libraryLookup(Path, Arena)} and
 * checked for the {@link #ABI_VERSION} this code expects.
 *
 * <p>The status queries ({@link #isLoaded()}, {@link #summary()} ...) never throw: a library
 * that cannot be loaded only means the Rust backend is unavailable, and the reason says why.
 * Using a missing library through {@link #downcall} throws {@link IllegalStateException}.
 */
public final class NativeLibrary {
    /** The C ABI version this code is written against ({@code ABI_VERSION} in ffi.rs). */
    public static final int ABI_VERSION = 3;

    /** The version of the Ruff library's own symbols ({@code RUFF_ABI_VERSION} in native/ruff/src/ffi.rs). */
    public static final int RUFF_ABI_VERSION = 2;

    /** C's {@code size_t}: {@link Platform#isSupported()} admits 64-bit platforms only. */
    public static final ValueLayout.OfLong SIZE_T = ValueLayout.JAVA_LONG;

    private static final String RESOURCES = "/dev/tandem/native/";

    /**
     * Beside the packed library, the build's record of its SHA-256 and size ({@code sha256=},
     * {@code size=}), which name and check its copy in {@link LibraryCache} without reading it.
     */
    private static final String DIGEST = ".properties";

    private static final Linker LINKER = Linker.nativeLinker();

    private final SymbolLookup symbols; // null when not loaded
    private final Path path; // null when not loaded
    private final String unavailableReason; // null when loaded
    private volatile MethodHandle lastError; // bound on first use
    private volatile MethodHandle bufferFree; // bound on first use

    private NativeLibrary(SymbolLookup symbols, Path path, String unavailableReason) {
        this.symbols = symbols;
        this.path = path;
        this.unavailableReason = unavailableReason;
    }

    private static final class Holder {
        static final NativeLibrary INSTANCE = load("tandem_native", "tandem_abi_version", ABI_VERSION);
    }

    private static final class RuffHolder {
        static final NativeLibrary INSTANCE = load("tandem_ruff", "tandem_ruff_abi_version", RUFF_ABI_VERSION);
    }

    /** The library of this process, loaded on the first call. */
    public static NativeLibrary get() {
        return Holder.INSTANCE;
    }

    /**
     * The library linking Ruff's linter ({@code tandem_ruff}), loaded on the first call. It is
     * built apart from {@link #get()}'s (its own cargo workspace and release profile) and
     * exports the same conventions' functions ({@code tandem_last_error}, {@code tandem_buffer_free}),
     * each working on its own state: call them through this object's {@link #downcall}.
     */
    public static NativeLibrary ruff() {
        return RuffHolder.INSTANCE;
    }

    public boolean isLoaded() {
        return symbols != null;
    }

    /** The file the library was loaded from. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /** Why the library is not loaded, such as "not built: cargo was not found at build time". */
    public Optional<String> unavailableReason() {
        return Optional.ofNullable(unavailableReason);
    }

    /** {@code loaded (<path>)} or {@code missing (<reason>)}, as {@code tandem doctor} prints it. */
    public String summary() {
        return isLoaded() ? "loaded (" + path + ")" : "missing (" + unavailableReason + ")";
    }

    /**
     * Returns when the library is loaded; the constructor of every Rust backend calls it.
     *
     * @throws IllegalStateException saying why the library is missing
     */
    public void requireLoaded() {
        if (!isLoaded()) {
            throw new IllegalStateException("the Rust backend needs Tandem's native library, which is " + summary());
        }
    }

    /**
     * A downcall handle for the library's function {@code symbol}.
     *
     * @throws IllegalStateException when the library is not loaded or has no such symbol
     */
    @SuppressWarnings("restricted") // the launcher passes --enable-native-access=dev.tandem
    public MethodHandle downcall(String symbol, FunctionDescriptor function, Linker.Option... options) {
        if (!isLoaded()) {
            throw new IllegalStateException("Tandem's native library is missing (" + unavailableReason + ")");
        }
        MemorySegment address = symbols.find(symbol).orElseThrow(
                () -> new IllegalStateException("Tandem's native library " + path + " has no symbol " + symbol));
        return LINKER.downcallHandle(address, function, options);
    }

    /** This library's {@code tandem_last_error}, bound on first use. */
    MethodHandle lastErrorHandle() {
        MethodHandle handle = lastError;
        if (handle == null) {
            lastError = handle = NativeStatus.bindLastError(this);
        }
        return handle;
    }

    /** This library's {@code tandem_buffer_free}, bound on first use. */
    MethodHandle bufferFreeHandle() {
        MethodHandle handle = bufferFree;
        if (handle == null) {
            bufferFree = handle = LibraryBuffer.bindFree(this);
        }
        return handle;
    }

    /**
     * For {@code catch (Throwable t) { throw NativeLibrary.rethrow(t); }} around a downcall's
     * {@code invokeExact}, which declares {@code Throwable} but throws only unchecked exceptions.
     */
    public static RuntimeException rethrow(Throwable t) {
        if (t instanceof Error error) {
            throw error;
        }
        if (t instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException("unexpected exception from a native call", t);
    }

    @SuppressWarnings("restricted") // the launcher passes --enable-native-access=dev.tandem
    private static NativeLibrary load(String name, String versionSymbol, int expectedVersion) {
        Platform platform = Platform.current();
        if (!platform.isSupported()) {
            return missing("unsupported platform " + platform.id());
        }
        String fileName = platform.libraryFileName(name);
        String resource = RESOURCES + platform.id() + "/" + fileName;
        Path file = null;
        try {
            Properties digest = new Properties();
            try (InputStream packed = NativeLibrary.class.getResourceAsStream(resource + DIGEST)) {
                if (packed == null) {
                    return missing("not built: " + whyNotBuilt(platform, fileName));
                }
                digest.load(packed);
            }
            file = LibraryCache.install(digest.getProperty("sha256"), Long.parseLong(digest.getProperty("size")),
                    () -> readResource(resource), fileName, LibraryCache.defaultRoot());
            SymbolLookup symbols = SymbolLookup.libraryLookup(file, Arena.global());
            MemorySegment version = symbols.find(versionSymbol).orElse(null);
            if (version == null) {
                return missing(file + " is not Tandem's " + name + " library (no " + versionSymbol + ")");
            }
            int abi = (int) LINKER.downcallHandle(version, FunctionDescriptor.of(ValueLayout.JAVA_INT)).invokeExact();
            if (abi != expectedVersion) {
                return missing(file + " has ABI version " + abi + ", this Tandem needs " + expectedVersion);
            }
            return new NativeLibrary(symbols, file, null);
        } catch (Throwable e) { // whatever went wrong, the status queries must not throw
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            return missing("cannot load " + (file != null ? file : resource) + ": " + e);
        }
    }

    private static byte[] readResource(String resource) throws IOException {
        try (InputStream packed = NativeLibrary.class.getResourceAsStream(resource)) {
            if (packed == null) {
                throw new IOException("the jar has " + resource + DIGEST + " but not " + resource);
            }
            return packed.readAllBytes();
        }
    }

    /** The build leaves a note when it could not build the library; otherwise the jar is from elsewhere. */
    private static String whyNotBuilt(Platform platform, String fileName) throws IOException {
        try (InputStream note = NativeLibrary.class.getResourceAsStream(RESOURCES + "not-built.txt")) {
            if (note != null) {
                return new String(note.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
        }
        return "this jar has no " + fileName + " for " + platform.id();
    }

    private static NativeLibrary missing(String reason) {
        return new NativeLibrary(null, null, reason);
    }
}

package dev.tandem.ffi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A user's kernel library built with the tandem-kernel crate (native/kernel): loaded, its
 * manifest ({@code tandem_kernel_manifest}) read and checked, and every kernel in it bound
 * from its manifest entry alone (see native/kernel/src/abi.rs for the ABI).
 *
 * <p>The library is loaded from a copy named by its content hash (under
 * {@code ~/.cache/tandem/kernels/}), so a rebuilt library is loaded anew by a process that
 * still holds the old one (the resident Tandem), which the dynamic loader would otherwise hand
 * back for the same path.
 */
public final class KernelLibrary {
    /** The kernel ABI and manifest version this host reads (tandem_kernel::ABI_VERSION). */
    public static final int ABI_VERSION = 1;

    private static final Linker LINKER = Linker.nativeLinker();

    private final Path path;
    private final SymbolLookup symbols;
    private final MethodHandle free;
    private final MethodHandle handleFree;
    private final MethodHandle lastError;
    private final List<LibraryKernel> kernels = new ArrayList<>();

    private KernelLibrary(Path path, SymbolLookup symbols) {
        this.path = path;
        this.symbols = symbols;
        this.free = downcall("tandem_kernel_free",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, NativeLibrary.SIZE_T, NativeLibrary.SIZE_T));
        this.handleFree = downcall("tandem_kernel_handle_free", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
        this.lastError = downcall("tandem_kernel_last_error",
                FunctionDescriptor.of(NativeLibrary.SIZE_T, ValueLayout.ADDRESS, NativeLibrary.SIZE_T));
    }

    /** Loads the library at {@code library} and binds its kernels; a clear exception when it is not one. */
    public static KernelLibrary load(Path library) {
        if (!Files.isRegularFile(library)) {
            throw new IllegalArgumentException("no kernel library at " + library.toAbsolutePath());
        }
        SymbolLookup symbols;
        try {
            symbols = SymbolLookup.libraryLookup(cachedCopy(library), Arena.global());
        } catch (IOException | IllegalArgumentException unloadable) {
            throw new IllegalArgumentException("cannot load " + library + ": " + unloadable.getMessage(), unloadable);
        }
        MemorySegment manifest = symbols.find("tandem_kernel_manifest").orElseThrow(() ->
                new IllegalArgumentException(library + " has no kernel manifest (no symbol tandem_kernel_manifest): "
                        + "build it with the tandem-kernel crate, its functions marked #[tandem_kernel::kernel(\"area.name\")]"));
        KernelLibrary loaded = new KernelLibrary(library, symbols);
        loaded.bind(readManifest(library, manifest));
        return loaded;
    }

    /** The path the library was loaded from, as given. */
    public Path path() {
        return path;
    }

    /** Every kernel the manifest lists, in name order. */
    public List<LibraryKernel> kernels() {
        return List.copyOf(kernels);
    }

    private void bind(JsonNode manifest) {
        int abi = manifest.path("abi").asInt(-1);
        if (abi != ABI_VERSION) {
            throw new IllegalArgumentException(path + " was built for kernel ABI " + abi + ", this Tandem reads ABI "
                    + ABI_VERSION + ": rebuild it against this Tandem's native/kernel (tandem kernel build)");
        }
        for (JsonNode entry : manifest.path("kernels")) {
            String name = entry.path("name").asText();
            String symbol = entry.path("symbol").asText();
            try {
                List<KernelType> arguments = new ArrayList<>();
                for (JsonNode argument : entry.path("arguments")) {
                    arguments.add(KernelType.parse(argument.asText()));
                }
                KernelType result = KernelType.parse(entry.path("result").asText());
                MethodHandle function = downcall(symbol, LibraryKernel.DESCRIPTOR);
                kernels.add(new LibraryKernel(this, name, entry.path("doc").asText(), parameters(entry, arguments.size()),
                        arguments, result, function));
            } catch (IllegalArgumentException invalid) {
                throw new IllegalArgumentException(path + ": kernel " + name + " in the manifest: " + invalid.getMessage(), invalid);
            }
        }
        if (kernels.isEmpty()) { // Tandem's own library links the SDK too, and exports an empty manifest
            throw new IllegalArgumentException(path + " exports no kernels: mark its functions "
                    + "#[tandem_kernel::kernel(\"area.name\")]");
        }
    }

    private MethodHandle downcall(String symbol, FunctionDescriptor descriptor) {
        MemorySegment address = symbols.find(symbol).orElseThrow(() ->
                new IllegalArgumentException(path + " has no symbol " + symbol));
        return LINKER.downcallHandle(address, descriptor);
    }

    @SuppressWarnings("restricted") // the launcher passes --enable-native-access=dev.tandem
    private static JsonNode readManifest(Path library, MemorySegment symbol) {
        MethodHandle manifest = LINKER.downcallHandle(symbol,
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pointer = arena.allocate(ValueLayout.ADDRESS);
            MemorySegment length = arena.allocate(NativeLibrary.SIZE_T);
            int status = (int) manifest.invokeExact(pointer, length);
            if (status != NativeStatus.OK) {
                throw new IllegalArgumentException(library + ": tandem_kernel_manifest failed with status " + status);
            }
            byte[] json = pointer.get(ValueLayout.ADDRESS, 0).reinterpret(length.get(NativeLibrary.SIZE_T, 0))
                    .toArray(ValueLayout.JAVA_BYTE);
            return new ObjectMapper().readTree(new String(json, StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
            throw new IllegalArgumentException(library + ": its kernel manifest is not JSON: " + unreadable.getMessage());
        } catch (IllegalArgumentException rejected) {
            throw rejected;
        } catch (Throwable unexpected) {
            throw NativeLibrary.rethrow(unexpected);
        }
    }

    /** A copy of the library named by its content, which the loader has not seen under that name unless unchanged. */
    private static Path cachedCopy(Path library) throws IOException {
        byte[] content = Files.readAllBytes(library);
        String sha256;
        try {
            sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
        Path root = LibraryCache.defaultRoot().resolveSibling("kernels");
        return LibraryCache.install(sha256, content.length, () -> content, library.getFileName().toString(), root);
    }

    /** The arguments' names as the manifest gives them, or arg1, arg2... where it does not say. */
    private static List<String> parameters(JsonNode entry, int count) {
        List<String> names = new ArrayList<>();
        for (JsonNode name : entry.path("parameters")) {
            names.add(name.asText());
        }
        if (names.size() == count && names.stream().allMatch(name -> name.matches("[A-Za-z_][A-Za-z0-9_]*"))) {
            return names;
        }
        return java.util.stream.IntStream.rangeClosed(1, count).mapToObj(position -> "arg" + position).toList();
    }

    /** This thread's last error message from the library. */
    String lastError() {
        try {
            long length = (long) lastError.invokeExact(MemorySegment.NULL, 0L);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment message = arena.allocate(Math.max(1, length));
                long copied = (long) lastError.invokeExact(message, length);
                return new String(message.asSlice(0, Math.min(copied, length)).toArray(ValueLayout.JAVA_BYTE),
                        StandardCharsets.UTF_8);
            }
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** Frees a result buffer the library handed over. */
    void free(MemorySegment pointer, long length, int elementSize) {
        try {
            int status = (int) free.invokeExact(pointer, length, (long) elementSize);
            if (status != NativeStatus.OK) {
                throw new IllegalStateException(path + ": tandem_kernel_free: " + lastError());
            }
        } catch (RuntimeException rejected) {
            throw rejected;
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        }
    }

    /** Releases a handle, from the cleaner: nothing to report to, so a failure is dropped. */
    void releaseQuietly(long id) {
        try {
            // The status is dropped: the cleaner's thread has no caller to tell, and the id is
            // gone from the library's table either way.
            int status = (int) handleFree.invokeExact(id);
        } catch (Throwable unexpected) {
            // Likewise nothing to report to.
        }
    }
}

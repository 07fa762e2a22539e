package dev.tandem.route;

import dev.tandem.ffi.KernelLibrary;
import dev.tandem.ffi.LibraryKernel;
import dev.tandem.ffi.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user's kernels, from a path as {@code tandem run --kernels PATH} and
 * {@code Tandem.builder().kernels(path)} take it: a kernel library built with the
 * tandem-kernel crate (Rust backends, found by its manifest), a jar (Java backends, found by
 * {@link dev.tandem.Kernel}), or a crate directory (its library, as {@code tandem kernel build}
 * leaves it in {@code target/release}).
 */
public final class UserKernels {
    private static final Pattern PACKAGE_NAME = Pattern.compile("(?m)^\\s*name\\s*=\\s*\"([^\"]+)\"");

    private UserKernels() {}

    /** Registers every kernel at {@code path} into {@code registry}; a clear exception when there are none or a name is taken. */
    public static void load(KernelRegistry registry, Path path) {
        if (Files.isDirectory(path)) {
            load(registry, builtLibrary(path));
        } else if (path.getFileName().toString().endsWith(".jar")) {
            for (AnnotatedKernel kernel : AnnotatedKernel.find(path)) {
                registry.addUser(kernel.name(), Backend.JAVA, KernelBackend.of(() -> kernel, "call"), path);
            }
        } else {
            for (LibraryKernel kernel : KernelLibrary.load(path).kernels()) {
                registry.addUser(kernel.name(), Backend.RUST, KernelBackend.of(() -> kernel, "call"), path);
            }
        }
    }

    /** The library cargo builds in release mode from the crate at {@code crate}. */
    public static Path builtLibrary(Path crate) {
        Path manifest = crate.resolve("Cargo.toml");
        if (!Files.isRegularFile(manifest)) {
            throw new IllegalArgumentException(crate + " is neither a kernel library, a jar nor a crate (no Cargo.toml)");
        }
        String name;
        try {
            Matcher match = PACKAGE_NAME.matcher(Files.readString(manifest));
            if (!match.find()) {
                throw new IllegalArgumentException(manifest + " has no package name");
            }
            name = match.group(1).replace('-', '_');
        } catch (IOException unreadable) {
            throw new IllegalArgumentException("cannot read " + manifest + ": " + unreadable.getMessage(), unreadable);
        }
        String fileName = Platform.current().libraryFileName(name);
        Path library = crate.resolve("target").resolve("release").resolve(fileName);
        if (!Files.isRegularFile(library)) {
            throw new IllegalArgumentException("the crate at " + crate + " is not built (no " + library
                    + "): run tandem kernel build " + crate);
        }
        return library;
    }
}

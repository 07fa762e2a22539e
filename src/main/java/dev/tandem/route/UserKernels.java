package dev.tandem.route;

import dev.tandem.ffi.KernelLibrary;
import dev.tandem.ffi.LibraryKernel;
import dev.tandem.ffi.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user's kernels, from a path as {@code tandem run --kernels PATH} and
 * {@code Tandem.builder().kernels(path)} take it: a kernel library built with the
 * tandem-kernel crate (Rust backends, found by its manifest), a jar (Java backends, found by
 * {@link dev.tandem.Kernel}), or a crate directory (its release library, where cargo puts it).
 */
public final class UserKernels {
    private static final Pattern WORKSPACE = Pattern.compile("(?m)^\\s*\\[workspace\\]");
    private static final Pattern PACKAGE_NAME = Pattern.compile("(?m)^\\s*name\\s*=\\s*\"([^\"]+)\"");

    private UserKernels() {}

    /**
     * Registers every kernel at {@code path} into {@code registry}; a clear exception when there
     * are none or a name is taken. {@code cargoTargetDir} is the caller's {@code CARGO_TARGET_DIR}
     * resolved against its working directory, or null.
     */
    public static void load(KernelRegistry registry, Path path, Path cargoTargetDir) {
        if (Files.isDirectory(path)) {
            load(registry, builtLibrary(path, cargoTargetDir), cargoTargetDir);
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

    /**
     * Where cargo puts the crate's release build: {@code target/release} in the crate, in
     * {@code CARGO_TARGET_DIR} when set, or in the enclosing workspace's directory (the
     * nearest parent whose Cargo.toml has a {@code [workspace]}).
     */
    private static List<Path> releaseDirectories(Path crate, Path cargoTargetDir) {
        Set<Path> directories = new LinkedHashSet<>();
        if (cargoTargetDir != null) {
            directories.add(cargoTargetDir.resolve("release"));
        }
        directories.add(crate.resolve("target").resolve("release"));
        for (Path parent = crate.toAbsolutePath().getParent(); parent != null; parent = parent.getParent()) {
            Path manifest = parent.resolve("Cargo.toml");
            if (Files.isRegularFile(manifest) && declaresWorkspace(manifest)) {
                directories.add(parent.resolve("target").resolve("release"));
                break;
            }
        }
        return List.copyOf(directories);
    }

    private static boolean declaresWorkspace(Path manifest) {
        try {
            return WORKSPACE.matcher(Files.readString(manifest)).find();
        } catch (IOException unreadable) {
            return false;
        }
    }

    /** {@code CARGO_TARGET_DIR} of {@code environment} resolved by {@code resolve} (against the working directory), or null. */
    public static Path cargoTargetDir(Map<String, String> environment, java.util.function.Function<String, Path> resolve) {
        String value = environment.get("CARGO_TARGET_DIR");
        return value == null || value.isEmpty() ? null : resolve.apply(value);
    }

    /** The library cargo builds in release mode from the crate at {@code crate}. */
    public static Path builtLibrary(Path crate, Path cargoTargetDir) {
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
        List<Path> candidates = releaseDirectories(crate, cargoTargetDir).stream().map(directory -> directory.resolve(fileName)).toList();
        Path library = candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
        if (library == null) {
            throw new IllegalArgumentException("the crate at " + crate + " is not built (no " + String.join(" or ",
                    candidates.stream().map(Path::toString).toList()) + "): run tandem kernel build " + crate);
        }
        return library;
    }
}

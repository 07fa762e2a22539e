package dev.tandem.cli;

import dev.tandem.ffi.KernelLibrary;
import dev.tandem.ffi.LibraryKernel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Type stubs ({@code .pyi}, PEP 484) of the kernels a library exports, one file per area
 * ({@code wordy.pyi} for {@code wordy.words} and {@code wordy.ratio}): the Rust signatures as a
 * Python caller sees them, for the reference module of the same name and for editors.
 */
final class KernelStubs {
    private static final String HEADER = """
            # Stubs of the %s kernels in %s, from its manifest;
            # written by `tandem kernel build`, which writes them again after each build.
            from collections.abc import Sequence
            from typing import Protocol


            class KernelHandle(Protocol):
                \"""State a kernel keeps between calls; freed by close() or when dropped.\"""

                def close(self) -> None: ...
            """;

    private KernelStubs() {}

    /** Writes {@code <area>.pyi} for each area of {@code library} into {@code directory}; returns the files. */
    static List<Path> write(KernelLibrary library, Path directory) throws IOException {
        Map<String, List<LibraryKernel>> areas = new TreeMap<>();
        for (LibraryKernel kernel : library.kernels()) {
            areas.computeIfAbsent(kernel.name().substring(0, kernel.name().lastIndexOf('.')), area -> new ArrayList<>()).add(kernel);
        }
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, List<LibraryKernel>> area : areas.entrySet()) {
            StringBuilder stub = new StringBuilder(HEADER.formatted(area.getKey(), library.path().getFileName()));
            for (LibraryKernel kernel : area.getValue()) {
                stub.append("\n\n").append(kernel.stub());
            }
            Path file = directory.resolve(area.getKey() + ".pyi");
            Path temp = Files.createTempFile(directory, area.getKey(), ".pyi.tmp");
            Files.writeString(temp, stub);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            written.add(file);
        }
        return written;
    }
}

package dev.tandem.ffi;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Puts the native library packed in the jar into a file the operating system can load. The
 * file lives in a directory named after the SHA-256 of its content, which the build records
 * next to the packed library, so every process using the same build shares one file, and
 * different builds never overwrite each other's.
 *
 * <p>A file is only ever put there whole (written under a temporary name, then renamed), so
 * one that is there with the recorded size is used without reading it: inflating the 4 MB
 * library out of the jar, hashing it and comparing it with the copy cost {@code tandem lint}
 * ~40 ms of its start-up.
 */
public final class LibraryCache {
    private LibraryCache() {
    }

    /** The packed library's bytes, read only when the cache does not hold them yet. */
    @FunctionalInterface
    public interface Content {
        byte[] read() throws IOException;
    }

    /** {@code ${XDG_CACHE_HOME:-~/.cache}/tandem/native}; a relative XDG_CACHE_HOME is ignored, as the XDG spec says. */
    public static Path defaultRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("tandem").resolve("native");
    }

    /**
     * Returns a file holding the library whose SHA-256 is {@code sha256} (hex) and length
     * {@code size}: {@code root/<first 16 hex digits>/fileName}, written there from
     * {@code content} if missing or of another length, or, when {@code root} cannot be
     * written, a file in a new temporary directory that is deleted when the JVM exits.
     */
    public static Path install(String sha256, long size, Content content, String fileName, Path root)
            throws IOException {
        try {
            return installIn(root.resolve(sha256.substring(0, 16)), size, content, fileName);
        } catch (IOException | SecurityException cacheUnusable) {
            Path dir = Files.createTempDirectory("tandem-native-");
            dir.toFile().deleteOnExit(); // runs after the file's: deleteOnExit works in reverse order
            Path file = Files.write(dir.resolve(fileName), content.read());
            file.toFile().deleteOnExit();
            return file;
        }
    }

    private static Path installIn(Path dir, long size, Content content, String fileName) throws IOException {
        Path target = dir.resolve(fileName);
        if (Files.isRegularFile(target) && Files.size(target) == size) {
            return target;
        }
        // Written whole under a temporary name, then renamed: a process loading the library
        // at the same time sees either no file or a complete one, never a partial one.
        byte[] library = content.read();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, fileName, ".tmp");
        try {
            Files.write(temp, library);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }
}

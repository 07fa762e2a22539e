package dev.tandem.ffi;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Puts the native library packed in the jar into a file the operating system can load. The
 * file lives in a directory named after a hash of its content, so every process using the
 * same build shares one file, and different builds never overwrite each other's.
 */
public final class LibraryCache {
    private LibraryCache() {
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
     * Returns a file holding {@code library}: {@code root/<sha256 prefix>/fileName}, written
     * there if missing or different, or, when {@code root} cannot be written, a file in a new
     * temporary directory that is deleted when the JVM exits.
     */
    public static Path install(byte[] library, String fileName, Path root) throws IOException {
        try {
            return installIn(root.resolve(contentKey(library)), library, fileName);
        } catch (IOException | SecurityException cacheUnusable) {
            Path dir = Files.createTempDirectory("tandem-native-");
            dir.toFile().deleteOnExit(); // runs after the file's: deleteOnExit works in reverse order
            Path file = Files.write(dir.resolve(fileName), library);
            file.toFile().deleteOnExit();
            return file;
        }
    }

    private static Path installIn(Path dir, byte[] library, String fileName) throws IOException {
        Path target = dir.resolve(fileName);
        if (Files.isRegularFile(target) && Files.size(target) == library.length
                && Arrays.equals(Files.readAllBytes(target), library)) {
            return target;
        }
        // Written whole under a temporary name, then renamed: a process loading the library
        // at the same time sees either no file or a complete one, never a partial one.
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

    /** The first 16 hex digits of the content's SHA-256. */
    static String contentKey(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

package dev.tandem.ffi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Puts the native library packed in the jar into a file the operating system can load. The
 * file lives in a directory named after the SHA-256 of its content, which the build records
 * next to the packed library, so every process using the same build shares one file, and
 * different builds never overwrite each other's.
 *
 * <p>What is loaded is what the build made: a file is only ever put there whole (written under
 * a temporary name, then renamed), and its SHA-256 is checked against the build's before it is
 * used. Hashing the 4 MB library costs ~10 ms, so a check that passed leaves a stamp beside the
 * file ({@code <name>.verified}: the digest and the file's size, modification and change times
 * and inode), and a later start whose file still has those skips the hash. Any write to the
 * file changes its change time (which no program can set back), so a file changed in place is
 * hashed again, found wrong and replaced by a fresh copy from the jar. Each new copy prunes
 * old copies of the same file that other builds left ({@link #prune}).
 */
public final class LibraryCache {
    /** Copies of one library that {@link #prune} keeps, the new one included. */
    static final int KEPT_COPIES = 3;
    /** A copy used within this time is never pruned. */
    static final Duration RECENT = Duration.ofHours(1);

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
     * {@code content} if missing or not that content, or, when {@code root} cannot be
     * written, a file in a new temporary directory that is deleted when the JVM exits.
     */
    public static Path install(String sha256, long size, Content content, String fileName, Path root)
            throws IOException {
        try {
            return installIn(root.resolve(sha256.substring(0, 16)), sha256, size, content, fileName);
        } catch (IOException | SecurityException cacheUnusable) {
            Path dir = Files.createTempDirectory("tandem-native-");
            dir.toFile().deleteOnExit(); // runs after the file's: deleteOnExit works in reverse order
            Path file = Files.write(dir.resolve(fileName), content.read());
            file.toFile().deleteOnExit();
            return file;
        }
    }

    private static Path installIn(Path dir, String sha256, long size, Content content, String fileName)
            throws IOException {
        Path target = dir.resolve(fileName);
        Path stamp = dir.resolve(fileName + ".verified");
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.size(target) == size) {
            String expected = stamp(target, sha256);
            if (expected.equals(readStamp(stamp)) || sha256.equals(sha256(target))) {
                writeStamp(stamp, expected);
                markUsed(stamp);
                return target;
            }
        }
        // Written whole under a temporary name, then renamed: a process loading the library
        // at the same time sees either no file or a complete one, never a partial one, and a
        // process that has the old file mapped keeps its own copy.
        byte[] library = content.read();
        Files.createDirectories(dir);
        replace(target, library);
        writeStamp(stamp, stamp(target, sha256));
        prune(dir.getParent(), fileName, dir);
        return target;
    }

    /**
     * Removes old copies of {@code fileName} from the other directories of {@code root}, so
     * that a cache every rebuild adds to does not grow without end: the {@link #KEPT_COPIES}
     * used last stay (builds in use side by side), and so does any copy used within
     * {@link #RECENT} (another process may be about to load it). A process that has a removed
     * copy loaded keeps its mapping; where the system refuses to remove a loaded file, the
     * copy stays. Best effort: a copy that cannot be removed is left.
     */
    private static void prune(Path root, String fileName, Path current) {
        List<Path> copies = new ArrayList<>();
        try (DirectoryStream<Path> directories = Files.newDirectoryStream(root)) {
            for (Path directory : directories) {
                if (!directory.equals(current) && Files.isRegularFile(directory.resolve(fileName), LinkOption.NOFOLLOW_LINKS)) {
                    copies.add(directory);
                }
            }
        } catch (IOException | SecurityException unreadable) {
            return;
        }
        copies.sort(Comparator.comparing((Path directory) -> lastUsed(directory, fileName)).reversed());
        Instant recent = Instant.now().minus(RECENT);
        for (Path directory : copies.subList(Math.min(KEPT_COPIES - 1, copies.size()), copies.size())) {
            if (lastUsed(directory, fileName).isBefore(recent)) {
                try {
                    Files.deleteIfExists(directory.resolve(fileName + ".verified"));
                    Files.deleteIfExists(directory.resolve(fileName));
                    Files.deleteIfExists(directory);
                } catch (IOException | SecurityException inUseOrNotEmpty) {
                    // left for a later prune
                }
            }
        }
    }

    /** When a copy was last used: its stamp's modification time, which each use sets. */
    private static Instant lastUsed(Path directory, String fileName) {
        for (Path file : List.of(directory.resolve(fileName + ".verified"), directory.resolve(fileName))) {
            try {
                return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
            } catch (IOException missing) {
                // the next candidate
            }
        }
        return Instant.EPOCH;
    }

    /** Records a use of a verified copy (best effort, for {@link #prune}). */
    private static void markUsed(Path stamp) {
        try {
            Files.setLastModifiedTime(stamp, FileTime.from(Instant.now()));
        } catch (IOException | SecurityException readOnlyCache) {
            // the copy only looks older to prune
        }
    }

    /** What the stamp of a verified file says: its digest and what changes when the file does. */
    private static String stamp(Path file, String sha256) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Object changed = "";
        try {
            changed = Files.getAttribute(file, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            // Windows: size, modification time and file key only.
        }
        return "sha256=" + sha256 + " size=" + attributes.size() + " modified=" + attributes.lastModifiedTime().toInstant()
                + " changed=" + changed + " key=" + attributes.fileKey() + "\n";
    }

    private static String readStamp(Path stamp) {
        try {
            return Files.readString(stamp, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException missingOrUnreadable) {
            return "";
        }
    }

    /** Best effort: without a stamp the next start hashes the file again, which is only slower. */
    private static void writeStamp(Path stamp, String content) {
        if (content.equals(readStamp(stamp))) {
            return;
        }
        try {
            replace(stamp, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException unwritable) {
            // the library is still verified for this run
        }
    }

    private static void replace(Path target, byte[] content) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            Files.write(temp, content);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}

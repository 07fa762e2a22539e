package dev.tandem.runtime;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * Host files for a sandboxed context that may read one directory tree (a virtual
 * environment's packages) and nothing else: every other path, and every write, is refused
 * with a SecurityException, which scripts see as PermissionError. A path counts as inside
 * only when both its normalized form and, if it exists, its real path (links followed) are
 * inside, so a link in the tree cannot lead out of it.
 */
final class ReadOnlyTreeFileSystem implements FileSystem {
    private final FileSystem files = FileSystem.newDefaultFileSystem();
    private final Path root;

    private ReadOnlyTreeFileSystem(Path root) {
        this.root = root;
    }

    /** Reads under {@code root}, plus GraalPy's own home (its standard library), which the language must read. */
    static FileSystem readingOnly(Path root) {
        try {
            return FileSystem.allowLanguageHomeAccess(new ReadOnlyTreeFileSystem(root.toRealPath()));
        } catch (IOException gone) {
            throw new IllegalArgumentException("cannot read the virtual environment " + root + ": " + gone, gone);
        }
    }

    private Path inside(Path path) {
        Path absolute = files.toAbsolutePath(path).normalize();
        if (!absolute.startsWith(root)) {
            throw refused(path);
        }
        try {
            if (!files.toRealPath(absolute).startsWith(root)) {
                throw refused(path);
            }
        } catch (IOException missing) {
            // does not exist (yet): the normalized path decides, and nothing can be created
        }
        return absolute;
    }

    private SecurityException refused(Path path) {
        return new SecurityException("reading " + path + " is not allowed in Tandem's sandbox: the embedding"
                + " application granted read access to " + root + " only");
    }

    private static SecurityException readOnly(Path path) {
        return new SecurityException("writing " + path + " is not allowed in Tandem's sandbox (read-only packages)");
    }

    @Override
    public Path parsePath(URI uri) {
        return files.parsePath(uri);
    }

    @Override
    public Path parsePath(String path) {
        return files.parsePath(path);
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
        if (modes.contains(AccessMode.WRITE)) {
            throw readOnly(path);
        }
        files.checkAccess(inside(path), modes, linkOptions);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) {
        throw readOnly(dir);
    }

    @Override
    public void delete(Path path) {
        throw readOnly(path);
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        for (OpenOption option : options) {
            if (option != StandardOpenOption.READ && option != LinkOption.NOFOLLOW_LINKS) {
                throw readOnly(path);
            }
        }
        return files.newByteChannel(inside(path), options, attrs);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        return files.newDirectoryStream(inside(dir), filter);
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return files.toAbsolutePath(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        return files.toRealPath(inside(path), linkOptions);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        return files.readAttributes(inside(path), attributes, options);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) {
        throw readOnly(path);
    }

    @Override
    public void createLink(Path link, Path existing) {
        throw readOnly(link);
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs) {
        throw readOnly(link);
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        return files.readSymbolicLink(inside(link));
    }

    @Override
    public void move(Path source, Path target, java.nio.file.CopyOption... options) {
        throw readOnly(source);
    }

    @Override
    public void copy(Path source, Path target, java.nio.file.CopyOption... options) {
        throw readOnly(target);
    }
}

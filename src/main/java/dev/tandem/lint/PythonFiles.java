package dev.tandem.lint;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The files {@code tandem lint} checks, in a fixed order. A path named on the command line is
 * always linted; a directory is walked like Ruff (and Python's {@code os.walk}, top-down): its
 * {@code *.py} and {@code *.pyi} files in name order, then its subdirectories in name order,
 * skipping excluded names, virtual environments (a directory holding {@code pyvenv.cfg}) and
 * symbolic links to directories. A file named twice is linted once.
 */
public final class PythonFiles {
    private final List<Pattern> names;
    private final List<Pattern> relativePaths;
    private final Path configDir;

    private PythonFiles(LintSettings settings) {
        names = settings.exclude().stream().map(FnMatch::compile).toList();
        relativePaths = settings.exclude().stream().map(p -> FnMatch.compile(stripTrailingSlashes(p))).toList();
        configDir = settings.configDir();
    }

    /**
     * @throws UncheckedIOException when a directory cannot be listed
     */
    public static List<String> collect(List<String> paths, LintSettings settings) {
        PythonFiles walk = new PythonFiles(settings);
        LinkedHashSet<String> files = new LinkedHashSet<>();
        for (String path : paths) {
            if (Files.isDirectory(Path.of(path))) {
                walk.walk(path, files);
            } else {
                files.add(path);
            }
        }
        return List.copyOf(files);
    }

    private void walk(String directory, LinkedHashSet<String> files) {
        List<String> subdirectories = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(Path.of(directory))) {
            for (Path entry : listing) {
                entries.add(entry.getFileName().toString());
            }
        } catch (IOException error) {
            throw new UncheckedIOException("cannot list " + directory, error);
        }
        entries.sort(null);
        for (String name : entries) {
            String path = join(directory, name);
            Path entry = Path.of(path);
            if (Files.isDirectory(entry)) {
                if (!Files.isSymbolicLink(entry) && !excluded(name, entry) && !Files.isRegularFile(entry.resolve("pyvenv.cfg"))) {
                    subdirectories.add(path);
                }
            } else if ((name.endsWith(".py") || name.endsWith(".pyi")) && !excluded(name, entry)) {
                files.add(path);
            }
        }
        for (String subdirectory : subdirectories) {
            walk(subdirectory, files);
        }
    }

    /** True when a pattern matches the entry's name, or its path from the configuration's directory. */
    private boolean excluded(String name, Path entry) {
        if (names.stream().anyMatch(pattern -> pattern.matcher(name).matches())) {
            return true;
        }
        if (configDir == null) {
            return false;
        }
        String relative = configDir.relativize(entry.toAbsolutePath().normalize()).toString();
        return relativePaths.stream().anyMatch(pattern -> pattern.matcher(relative).matches());
    }

    /** {@code os.path.join(directory, name)}: a separator only when the directory does not end in one. */
    private static String join(String directory, String name) {
        return directory.endsWith(File.separator) ? directory + name : directory + File.separator + name;
    }

    private static String stripTrailingSlashes(String pattern) {
        int end = pattern.length();
        while (end > 0 && pattern.charAt(end - 1) == '/') {
            end--;
        }
        return pattern.substring(0, end);
    }
}

package dev.tandem.lint;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The files {@code tandem lint} checks, in a fixed order. A path named on the command line is
 * always linted; a directory is walked like Ruff (and Python's {@code os.walk}, top-down): its
 * {@code *.py} and {@code *.pyi} files in name order, then its subdirectories in name order,
 * skipping excluded names, virtual environments (a directory holding {@code pyvenv.cfg}) and
 * symbolic links to directories. A file named twice is linted once. Each directory's entries
 * are excluded by the settings of that directory (its nearest configuration file, as in Ruff).
 */
public final class PythonFiles {
    private final Function<Path, LintSettings> settingsOf;
    private final Map<LintSettings, Exclusion> exclusions = new HashMap<>();
    private final LinkedHashMap<String, LintSettings> files = new LinkedHashMap<>();

    /** A configuration's exclude patterns, compiled. */
    private record Exclusion(List<Pattern> names, List<Pattern> relativePaths, Path configDir) {
        Exclusion(LintSettings settings) {
            this(settings.exclude().stream().map(FnMatch::compile).toList(),
                    settings.exclude().stream().map(p -> FnMatch.compile(stripTrailingSlashes(p))).toList(),
                    settings.configDir());
        }
    }

    private PythonFiles(Function<Path, LintSettings> settingsOf) {
        this.settingsOf = settingsOf;
    }

    /**
     * The files to lint under one configuration.
     *
     * @throws UncheckedIOException when a directory cannot be listed
     */
    public static List<String> collect(List<String> paths, LintSettings settings) {
        return List.copyOf(collect(paths, path -> settings).keySet());
    }

    /**
     * The files to lint, in order, each with its settings ({@code settingsOf} a file's or directory's path).
     *
     * @throws UncheckedIOException when a directory cannot be listed
     */
    public static Map<String, LintSettings> collect(List<String> paths, Function<Path, LintSettings> settingsOf) {
        PythonFiles walk = new PythonFiles(settingsOf);
        for (String path : paths) {
            if (Files.isDirectory(Path.of(path))) {
                walk.walk(path);
            } else {
                walk.files.putIfAbsent(path, settingsOf.apply(Path.of(path)));
            }
        }
        return walk.files;
    }

    private void walk(String directory) {
        LintSettings settings = settingsOf.apply(Path.of(directory));
        Exclusion exclusion = exclusions.computeIfAbsent(settings, Exclusion::new);
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
                if (!Files.isSymbolicLink(entry) && !excluded(exclusion, name, entry)
                        && !Files.isRegularFile(entry.resolve("pyvenv.cfg"))) {
                    subdirectories.add(path);
                }
            } else if ((name.endsWith(".py") || name.endsWith(".pyi")) && !excluded(exclusion, name, entry)) {
                files.putIfAbsent(path, settings);
            }
        }
        for (String subdirectory : subdirectories) {
            walk(subdirectory);
        }
    }

    /** True when a pattern matches the entry's name, or its path from the configuration's directory. */
    private static boolean excluded(Exclusion exclusion, String name, Path entry) {
        if (exclusion.names().stream().anyMatch(pattern -> pattern.matcher(name).matches())) {
            return true;
        }
        if (exclusion.configDir() == null) {
            return false;
        }
        String relative = exclusion.configDir().relativize(entry.toAbsolutePath().normalize()).toString();
        return exclusion.relativePaths().stream().anyMatch(pattern -> pattern.matcher(relative).matches());
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

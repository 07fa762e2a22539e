package dev.tandem.lint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of each file, as Ruff's hierarchical configuration gives them: those of the
 * nearest configuration file at or above the file's directory, under the command line's
 * overrides. Each directory is looked at once.
 */
public final class DirectorySettings {
    private final List<String> select;
    private final List<String> ignore;
    private final Integer lineLength;
    private final Map<Path, LintSettings> known = new HashMap<>();
    private LintSettings defaults;

    /** The command line's overrides; null where not given. */
    public DirectorySettings(List<String> select, List<String> ignore, Integer lineLength) {
        this.select = select;
        this.ignore = ignore;
        this.lineLength = lineLength;
    }

    /**
     * The settings for the file or directory at {@code path}.
     *
     * @throws LintUsageException for a configuration file that cannot be read, or a bad value in it
     */
    public LintSettings of(Path path) {
        Path directory = path.toAbsolutePath().normalize();
        return ofDirectory(Files.isDirectory(directory) ? directory : directory.getParent());
    }

    private LintSettings ofDirectory(Path directory) {
        if (directory == null) {
            if (defaults == null) {
                defaults = LintSettings.resolve(RuffConfig.NONE, select, ignore, lineLength);
            }
            return defaults;
        }
        LintSettings settings = known.get(directory);
        if (settings == null) {
            RuffConfig config = RuffConfig.in(directory);
            settings = config != null ? LintSettings.resolve(config, select, ignore, lineLength)
                    : ofDirectory(directory.getParent());
            known.put(directory, settings);
        }
        return settings;
    }
}

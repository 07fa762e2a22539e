package dev.tandem.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A virtual environment made by {@code tandem -m venv DIR}: a directory with a
 * {@code pyvenv.cfg} whose {@code home} is Tandem's launcher directory, and packages under
 * {@code lib/pythonX.Y/site-packages}.
 *
 * @param directory    the environment's root (sys.prefix inside it)
 * @param sitePackages where pip installs its packages
 */
public record VirtualEnv(Path directory, Path sitePackages) {
    /** The name of the launcher file that marks an environment's {@code home} as Tandem's. */
    private static final String LAUNCHER = "tandem-python";

    /**
     * Opens the environment at {@code directory}, checked: it exists, has a readable
     * {@code pyvenv.cfg} with a version, and was made by Tandem (not by CPython or another
     * interpreter, whose compiled packages would not load here).
     *
     * @throws IllegalArgumentException saying what is wrong and where
     */
    public static VirtualEnv open(Path directory) {
        Path root = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + " is not a directory (create an environment with"
                    + " tandem -m venv " + directory + ")");
        }
        Path config = root.resolve("pyvenv.cfg");
        if (!Files.isRegularFile(config)) {
            throw new IllegalArgumentException(root + " is not a virtual environment: it has no pyvenv.cfg"
                    + " (create one with tandem -m venv " + directory + ")");
        }
        Map<String, String> keys = readConfig(config);
        String version = keys.get("version");
        if (version == null || !version.matches("\\d+\\.\\d+(\\.\\d+.*)?")) {
            throw new IllegalArgumentException(config + ": no valid 'version = X.Y.Z' line; the file is damaged"
                    + " (recreate the environment with tandem -m venv --clear " + directory + ")");
        }
        String home = keys.get("home");
        if (home == null || !Files.exists(Path.of(home, LAUNCHER))) {
            String maker = keys.getOrDefault("executable", keys.getOrDefault("home", "an unknown interpreter"));
            throw new IllegalArgumentException(root + " was made by " + maker + ", not by Tandem: its packages"
                    + " may need that interpreter; create an environment with tandem -m venv DIR");
        }
        String[] parts = version.split("\\.");
        Path sitePackages = root.resolve("lib").resolve("python" + parts[0] + "." + parts[1]).resolve("site-packages");
        return new VirtualEnv(root, sitePackages);
    }

    /** The environment's {@code bin/python}: sys.executable of a script that runs in it. */
    public Path python() {
        return directory.resolve("bin").resolve("python");
    }

    private static Map<String, String> readConfig(Path config) {
        Map<String, String> keys = new HashMap<>();
        try {
            for (String line : Files.readAllLines(config, StandardCharsets.UTF_8)) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    keys.put(line.substring(0, equals).strip().toLowerCase(Locale.ROOT),
                            line.substring(equals + 1).strip());
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            throw new IllegalArgumentException("cannot read " + config + ": " + unreadable.getMessage());
        }
        return keys;
    }
}

package dev.tandem.route;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Measured ns per call of each backend of each kernel, which {@code auto} routing chooses
 * by. Kept in memory for the process and in a file under the user's cache directory, so
 * that measurements survive the process; {@code tandem calibrate} measures again.
 */
public final class Calibrations {
    private static final Logger LOG = Logger.getLogger(Calibrations.class.getName());
    private static final Calibrations SHARED = new Calibrations(defaultFile());

    private final Path file;
    private final Map<String, String> timings = new ConcurrentHashMap<>();

    Calibrations(Path file) {
        this.file = file;
        load();
    }

    /** The process-wide calibrations. */
    public static Calibrations shared() {
        return SHARED;
    }

    public Path file() {
        return file;
    }

    /** The timings of {@code kernel} as {@code backend=ns,...}, if measured. */
    public Optional<String> get(String kernel) {
        return Optional.ofNullable(timings.get(kernel));
    }

    /** Records timings and writes the file; a write failure only costs a later re-measure. */
    public synchronized void put(String kernel, String backendTimings) {
        timings.put(kernel, backendTimings);
        Properties properties = new Properties();
        properties.putAll(timings);
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "calibration", ".tmp");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                properties.store(out, "tandem calibrate: ns per call of each backend, per kernel");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException unwritable) {
            LOG.log(Level.FINE, "could not write " + file, unwritable);
        }
    }

    private void load() {
        if (!Files.isReadable(file)) {
            return;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException unreadable) {
            LOG.log(Level.FINE, "ignoring unreadable " + file, unreadable);
            return;
        }
        properties.forEach((kernel, value) -> timings.put(kernel.toString(), value.toString()));
    }

    /**
     * The system property tandem.calibration.file, else TANDEM_CALIBRATION_FILE, else
     * ${XDG_CACHE_HOME:-~/.cache}/tandem/calibration.properties.
     */
    private static Path defaultFile() {
        String explicit = System.getProperty("tandem.calibration.file", System.getenv("TANDEM_CALIBRATION_FILE"));
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("tandem").resolve("calibration.properties");
    }
}

package dev.tandem.route;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Measured ns per call of each backend of each kernel, which {@code auto} routing chooses
 * by. Read from a file under the user's cache directory, which only {@code tandem calibrate}
 * writes ({@link #store}); measurements made at a kernel's first use are kept in memory
 * ({@link #record}). Every entry is validated, from the file and from Python alike: known
 * backends and finite positive figures, anything else is ignored (from the file, with a note).
 */
public final class Calibrations {
    private static final Calibrations SHARED = new Calibrations(defaultFile(), System.err);

    private final Path file;
    private final Map<String, String> timings = new ConcurrentHashMap<>();

    /** The figures in {@code file} (when readable); invalid entries are noted on {@code notes}. */
    public Calibrations(Path file, PrintStream notes) {
        this.file = file;
        load(notes);
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

    /** Keeps timings for this process; throws IllegalArgumentException when they are malformed. */
    public void record(String kernel, String backendTimings) {
        RoutePolicy.checkKernelName(kernel);
        timings.put(kernel, normalized(backendTimings).orElseThrow(() -> new IllegalArgumentException(
                "calibration of " + kernel + " is not BACKEND=NS[,BACKEND=NS...] with finite positive NS: '"
                        + backendTimings + "'")));
    }

    /** Records timings and writes the file; a write failure only costs a later re-measure. */
    public synchronized void store(String kernel, String backendTimings) {
        record(kernel, backendTimings);
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
            System.err.println("tandem: could not write " + file + ": " + unwritable);
        }
    }

    /**
     * {@code timings} in the canonical form {@code python=12.0,java=3.5}, or empty when it is
     * not a non-empty list of distinct known backends with finite positive ns figures.
     */
    static Optional<String> normalized(String timings) {
        if (timings == null || timings.isBlank()) {
            return Optional.empty();
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        for (String item : timings.split(",", -1)) {
            int equals = item.indexOf('=');
            if (equals < 0) {
                return Optional.empty();
            }
            String backend = item.substring(0, equals).strip();
            double nanos;
            try {
                Backend.fromLabel(backend);
                nanos = Double.parseDouble(item.substring(equals + 1).strip());
            } catch (IllegalArgumentException malformed) { // also NumberFormatException
                return Optional.empty();
            }
            if (!Double.isFinite(nanos) || nanos <= 0 || figures.put(backend, nanos) != null) {
                return Optional.empty();
            }
        }
        StringBuilder text = new StringBuilder();
        figures.forEach((backend, nanos) -> text.append(text.isEmpty() ? "" : ",").append(backend).append('=').append(nanos));
        return Optional.of(text.toString());
    }

    private void load(PrintStream notes) {
        if (file == null || !Files.isReadable(file)) {
            return;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException unreadable) {
            notes.println("tandem: ignoring unreadable " + file + " (" + unreadable.getMessage()
                    + "); run `tandem calibrate` to measure again");
            return;
        }
        properties.forEach((key, value) -> {
            String kernel = key.toString();
            Optional<String> valid = validKernel(kernel) ? normalized(value.toString()) : Optional.empty();
            if (valid.isPresent()) {
                timings.put(kernel, valid.get());
            } else {
                notes.println("tandem: ignoring the calibration entry '" + kernel + "=" + value + "' in " + file
                        + " (not KERNEL=BACKEND=NS,... with finite positive NS); run `tandem calibrate` to measure again");
            }
        });
    }

    private static boolean validKernel(String kernel) {
        try {
            RoutePolicy.checkKernelName(kernel);
            return true;
        } catch (IllegalArgumentException notAKernel) {
            return false;
        }
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

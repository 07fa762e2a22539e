package dev.tandem.spark;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A Python function defined in a script file, as Spark ships it to its executors: the
 * script's text is read on the driver when the function is made, so executors need no copy
 * of the file. Immutable; {@link #backend}, {@link #timeout} and {@link #batch} return
 * changed copies.
 *
 * <p>A <em>row</em> function takes one value and returns one; a <em>batch</em> function
 * takes a list of values and returns a list of as many results (tokenizers' batch kernels,
 * such as tiktoken's {@code encode_ordinary_batch}, fit this shape).
 */
public final class TandemFunction implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String scriptName;
    private final String source;
    private final String function;
    private final String backend;
    private final Duration timeout;
    private final boolean batch;

    private TandemFunction(String scriptName, String source, String function, String backend,
            Duration timeout, boolean batch) {
        this.scriptName = scriptName;
        this.source = source;
        this.function = function;
        this.backend = backend;
        this.timeout = timeout;
        this.batch = batch;
    }

    /**
     * The function {@code function} of the script at {@code script}, read now.
     *
     * @throws IllegalArgumentException when the file is missing or unreadable, or the names
     *     are not Python identifiers
     */
    public static TandemFunction fromFile(Path script, String function) {
        String source;
        try {
            source = Files.readString(script, StandardCharsets.UTF_8);
        } catch (NoSuchFileException missing) {
            throw new IllegalArgumentException("no Python script at " + script.toAbsolutePath()
                    + " (the driver reads it and ships its text to the executors)", missing);
        } catch (IOException unreadable) {
            throw new IllegalArgumentException("can't read Python script " + script + ": " + unreadable.getMessage(),
                    unreadable);
        }
        return fromSource(script.getFileName().toString(), source, function);
    }

    /** The function {@code function} defined by {@code source}, a script named {@code scriptName}. */
    public static TandemFunction fromSource(String scriptName, String source, String function) {
        String module = moduleName(scriptName);
        if (!function.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a Python function name: '" + function + "' (in " + scriptName + ")");
        }
        Objects.requireNonNull(source, "source");
        return new TandemFunction(scriptName, source, function, "auto", Duration.ofMinutes(10), false);
    }

    /** The routing policy of the executors' Tandem: python, java, rust or auto (the default). */
    public TandemFunction backend(String policy) {
        if (!policy.matches("python|java|rust|auto")) {
            throw new IllegalArgumentException("backend must be python, java, rust or auto, not '" + policy + "'");
        }
        return new TandemFunction(scriptName, source, function, policy, timeout, batch);
    }

    /** Cancels a call (one row, or one batch) that runs longer; the task then fails. Default 10 minutes. */
    public TandemFunction timeout(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + limit);
        }
        return new TandemFunction(scriptName, source, function, backend, limit, batch);
    }

    /** Declares the function a batch function: a list of values in, a list of as many results out. */
    public TandemFunction batch(boolean takesLists) {
        return new TandemFunction(scriptName, source, function, backend, timeout, takesLists);
    }

    public String scriptName() {
        return scriptName;
    }

    public String function() {
        return function;
    }

    public String backend() {
        return backend;
    }

    public Duration timeout() {
        return timeout;
    }

    public boolean isBatch() {
        return batch;
    }

    String source() {
        return source;
    }

    /** The module the script becomes inside Tandem: its file name without {@code .py}. */
    String module() {
        return moduleName(scriptName);
    }

    /** Where the function is, for error messages: {@code udfs.py:count_tokens}. */
    String where() {
        return scriptName + ":" + function;
    }

    private static String moduleName(String scriptName) {
        String stem = scriptName.endsWith(".py") ? scriptName.substring(0, scriptName.length() - 3) : scriptName;
        if (!stem.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("the script's file name must be a module name (such as udfs.py), not '"
                    + scriptName + "'");
        }
        return stem;
    }
}

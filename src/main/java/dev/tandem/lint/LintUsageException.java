package dev.tandem.lint;

/** A bad option, rule code, path or configuration: {@code tandem lint} prints it and exits 2. */
public final class LintUsageException extends RuntimeException {
    public LintUsageException(String message) {
        super(message);
    }
}

package dev.tandem.sourcemap;

/** A source map that cannot be read; the message says what and where (a field, a section, an offset). */
public final class SourceMapException extends IllegalArgumentException {
    public SourceMapException(String message) {
        super(message);
    }
}

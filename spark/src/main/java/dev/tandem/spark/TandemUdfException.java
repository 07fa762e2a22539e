package dev.tandem.spark;

import java.io.Serial;

/**
 * A Tandem function failed on an executor: it raised (the message carries the Python
 * traceback), timed out, or its script could not load. Serializable with no cause, so that
 * Spark reports the whole message on the driver.
 */
public final class TandemUdfException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public TandemUdfException(String message) {
        super(message);
    }
}

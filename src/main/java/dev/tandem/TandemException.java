package dev.tandem;

/** A script could not be run or failed; the message says what and where. */
public class TandemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TandemException(String message) {
        super(message);
    }

    public TandemException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.tandem.cli;

/** A command line that cannot run as given: printed as one line, exit status 2 (as CPython's usage errors). */
public final class UsageException extends RuntimeException {
    static final int STATUS = 2;

    UsageException(String message) {
        super(message);
    }
}

package dev.tandem;

import java.time.Duration;

/** A script ran longer than the configured timeout and was cancelled. */
public final class ScriptTimeoutException extends TandemException {
    private static final long serialVersionUID = 1L;

    public ScriptTimeoutException(Duration timeout) {
        super("script cancelled after the timeout of " + timeout.toMillis() + " ms");
    }
}

package dev.tandem;

/** A script asked to exit (SystemExit) where a value was expected. */
public final class ScriptExitException extends TandemException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public ScriptExitException(int status) {
        super("script exited with status " + status);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

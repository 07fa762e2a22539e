package dev.tandem;

/** A Python exception that a script did not catch. */
public final class PythonException extends TandemException {
    private static final long serialVersionUID = 1L;

    private final String pythonType;
    private final String pythonTraceback;

    public PythonException(String pythonType, String message, String pythonTraceback, Throwable cause) {
        super(message, cause);
        this.pythonType = pythonType;
        this.pythonTraceback = pythonTraceback;
    }

    /** The exception's class name in Python, such as {@code ValueError}. */
    public String pythonType() {
        return pythonType;
    }

    /** The Python frames, innermost last, in the format of Python's own tracebacks. */
    public String pythonTraceback() {
        return pythonTraceback;
    }
}

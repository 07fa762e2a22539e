package dev.tandem;

/**
 * A kernel rejected its input or failed in its backend. The message names the kernel and
 * says what was wrong and where; every backend raises it for the same bad input.
 */
public final class KernelException extends TandemException {
    private static final long serialVersionUID = 1L;

    private final String kernel;

    public KernelException(String kernel, String message) {
        super(kernel + ": " + message);
        this.kernel = kernel;
    }

    /** The kernel's name, such as {@code text.codepoints}. */
    public String kernel() {
        return kernel;
    }
}

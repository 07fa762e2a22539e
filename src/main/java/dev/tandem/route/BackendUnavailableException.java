package dev.tandem.route;

import dev.tandem.TandemException;

/**
 * A backend named explicitly (by {@code --backend}, {@code --route}, the environment or the
 * builder) cannot run the kernel here; the message says why. Python raises
 * {@code tandem.BackendUnavailable} with the same message.
 */
public final class BackendUnavailableException extends TandemException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message) {
        super(message);
    }
}

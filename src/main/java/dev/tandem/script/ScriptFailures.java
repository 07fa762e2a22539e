package dev.tandem.script;

import dev.tandem.PythonException;
import dev.tandem.ScriptExitException;
import dev.tandem.ScriptTimeoutException;
import dev.tandem.TandemException;
import java.time.Duration;
import javax.script.ScriptException;

/** What an evaluation threw, as the ScriptException javax.script promises. */
final class ScriptFailures {
    private ScriptFailures() {}

    /**
     * A Python exception carries its traceback as the message and its position in the script
     * (line and column from 1, -1 when it arose outside the script); the Tandem exception is
     * the cause, so a host can tell a timeout ({@link ScriptTimeoutException}) or
     * {@code sys.exit} ({@link ScriptExitException}) from a script's own error.
     */
    static ScriptException translate(RuntimeException failure, String filename, int line, int column,
            Duration timeout) {
        String message = switch (failure) {
            case PythonException python -> python.pythonTraceback().strip();
            case ScriptTimeoutException timedOut -> "the script ran past the engine's timeout of "
                    + timeout.toMillis() + " ms and was cancelled";
            case ScriptExitException exit -> "the script called sys.exit (status " + exit.status() + ")";
            case TandemException tandem -> tandem.getMessage();
            default -> failure.toString();
        };
        ScriptException translated = column > 0
                ? new ScriptException(message, filename, line, column)
                : new ScriptException(message, filename, line);
        translated.initCause(failure);
        return translated;
    }
}

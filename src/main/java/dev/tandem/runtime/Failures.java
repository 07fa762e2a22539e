package dev.tandem.runtime;

import dev.tandem.PythonException;
import dev.tandem.ScriptExitException;
import dev.tandem.TandemException;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/** Translates what GraalPy throws into Tandem's exceptions. */
public final class Failures {
    private Failures() {}

    /** Translates {@code failure}; {@code context} is where it happened, still open. */
    public static RuntimeException translate(PolyglotException failure, PythonContext context) {
        Value exception = failure.isGuestException() ? failure.getGuestObject() : null;
        String type = exception == null ? "Exception" : JavaValues.typeName(exception);
        if (type.equals("SystemExit")) {
            // GraalPy reports status 1 for a SystemExit raised below a called function; ask Python.
            return new ScriptExitException(exitStatus(exception, failure, context));
        }
        if (failure.isExit()) {
            return new ScriptExitException(failure.getExitStatus());
        }
        if (failure.isHostException()) {
            Throwable host = failure.asHostException();
            return new TandemException("a Java object called by the script threw " + host, host);
        }
        if (failure.isGuestException() && !failure.isInternalError()) {
            return new PythonException(type, failure.getMessage(), traceback(exception, failure, context), failure);
        }
        return new TandemException("GraalPy failed: " + failure.getMessage(), failure);
    }

    private static int exitStatus(Value systemExit, PolyglotException failure, PythonContext context) {
        try {
            return context.exitStatus(systemExit);
        } catch (PolyglotException contextExiting) {
            return failure.isExit() ? failure.getExitStatus() : 1;
        }
    }

    private static String traceback(Value exception, PolyglotException failure, PythonContext context) {
        try {
            return context.formatTraceback(exception);
        } catch (PolyglotException unformattable) {
            return failure.getMessage();
        }
    }
}

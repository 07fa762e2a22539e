package dev.tandem;

import dev.tandem.runtime.Lease;
import java.nio.file.Path;

/**
 * A context leased for stateful use: definitions, imports and globals of one call stay for
 * the next. Not thread-safe; close it to give the context up (it is then thrown away, so its
 * state never reaches another caller).
 */
public final class Session implements AutoCloseable {
    private final Lease call;
    private boolean closed;

    Session(Lease call) {
        this.call = call;
    }

    /**
     * Executes code in this session's namespace ({@code __main__}) and returns the value of
     * its last expression, or null.
     */
    public Object eval(String code) {
        return eval(code, Object.class);
    }

    public <T> T eval(String code, Class<T> type) {
        ensureOpen();
        return call.evalInMain(code, type);
    }

    /** Calls a function defined in this session, or {@code module.function} when qualified. */
    public Object call(String function, Object... arguments) {
        return call(Object.class, function, arguments);
    }

    public <T> T call(Class<T> type, String function, Object... arguments) {
        ensureOpen();
        int dot = function.lastIndexOf('.');
        String module = dot < 0 ? "__main__" : function.substring(0, dot);
        return call.call(type, module, function.substring(dot + 1), arguments);
    }

    /** Runs a script file as {@code __main__}; its globals stay in the session. */
    public int run(Path script, String... arguments) {
        ensureOpen();
        return call.run(Tandem.readScript(script), script.toString(), arguments);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("session is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            call.finish(false);
        }
    }
}

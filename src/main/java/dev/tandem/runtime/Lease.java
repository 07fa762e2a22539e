package dev.tandem.runtime;

import dev.tandem.ScriptTimeoutException;
import dev.tandem.TandemException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.graalvm.polyglot.PolyglotException;

/**
 * One lease of a pooled context: runs Python under the deadline, converts the results while
 * the context is still live, and hands the context back clean or throws it away. Used by
 * {@code Tandem}, {@code Session} and the javax.script engine.
 */
public final class Lease {
    private final PythonContext context;
    private final ContextPool pool;
    private final Watchdog watchdog;
    private final Duration timeout;
    /** How long resetting a context for the next call may take (it takes milliseconds). */
    private static final Duration RESET_LIMIT = Duration.ofSeconds(10);
    /** Set once the context must not serve another call (cancelled, exited, crashed). */
    private boolean broken;

    public Lease(PythonContext context, ContextPool pool, Watchdog watchdog, Duration timeout) {
        this.context = context;
        this.pool = pool;
        this.watchdog = watchdog;
        this.timeout = timeout;
    }

    public <T> T eval(String code, Class<T> type) {
        return guarded(() -> JavaValues.toJava(context.evaluate(code, "<tandem-eval>", false), type));
    }

    public <T> T evalInMain(String code, Class<T> type) {
        return guarded(() -> JavaValues.toJava(context.evaluate(code, "<tandem-session>", true), type));
    }

    public <T> T call(Class<T> type, String module, String function, Object[] arguments) {
        return guarded(() -> JavaValues.toJava(context.call(module, function, arguments), type));
    }

    public int run(String source, String filename, String[] arguments) {
        List<String> argv = new ArrayList<>(List.of(arguments));
        argv.addFirst(filename);
        return guarded(() -> context.runSourceRaising(source, filename, argv));
    }

    /** The leased context, for work done through {@link #guarded}. */
    public PythonContext context() {
        return context;
    }

    /**
     * Runs {@code body} under the deadline; a Python failure comes out as Tandem's exceptions
     * (translated while the context is live) and marks the context broken when it must go.
     */
    public <T> T guarded(Supplier<T> body) {
        if (broken) {
            throw new IllegalStateException("this session's context was cancelled or failed; open a new session");
        }
        Watchdog.Deadline deadline = watchdog.arm(context, timeout);
        try {
            T result = body.get();
            broken |= deadline != null && deadline.disarm();
            return result;
        } catch (PolyglotException failure) {
            boolean timedOut = deadline != null && deadline.disarm();
            if (timedOut || failure.isCancelled()) {
                broken = true;
                throw timedOut ? new ScriptTimeoutException(timeout)
                        : new TandemException("the script's context was cancelled", failure);
            }
            broken |= failure.isExit() || failure.isInternalError();
            throw Failures.translate(failure, context);
        } catch (RuntimeException failure) {
            broken |= deadline != null && deadline.disarm();
            throw failure;
        }
    }

    /**
     * Gives the context back as the call left it, or discards it when broken: for callers
     * whose contexts serve one party, which keeps module state between calls anyway (the
     * javax.script engine without per-evaluation reset).
     */
    public void releaseAsIs() {
        if (broken) {
            pool.discard(context);
        } else {
            pool.release(context);
        }
    }

    /** Gives the context back: reset for the next caller, or discarded when it is not clean. */
    public void finish(boolean reset) {
        if (broken || !reset) {
            pool.discard(context);
            return;
        }
        // On the caller's thread: the reset also undoes per-thread state (a routing policy the
        // call entered, sys.settrace), which lives on the thread that ran the call.
        // Resetting compares what the script left, which may run the script's own __eq__: bounded.
        Watchdog.Deadline deadline = watchdog.arm(context, RESET_LIMIT);
        try {
            context.restoreBaseline();
        } catch (PolyglotException cannotReset) {
            deadline.disarm();
            pool.discard(context);
            return;
        }
        if (deadline.disarm()) {
            pool.discard(context);
            return;
        }
        pool.release(context);
    }
}

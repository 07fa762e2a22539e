package dev.tandem.spark;

import dev.tandem.PythonException;
import dev.tandem.ScriptTimeoutException;
import dev.tandem.Session;
import dev.tandem.Tandem;
import dev.tandem.TandemException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * A script loaded into Tandem sessions, one per task that runs at once; a task borrows one
 * for a row or a batch and gives it back. A session whose call timed out or crashed is
 * thrown away (Tandem rebuilds its context) and the next task loads the script afresh.
 */
final class ScriptSessions implements AutoCloseable {
    /** Loads a script's text as a module (tracebacks name its file and lines) and checks a name. */
    private static final String LOADER = """
            def _tandem_spark_load(name, filename, source):
                import sys, types
                module = types.ModuleType(name)
                module.__file__ = filename
                sys.modules[name] = module
                exec(compile(source, filename, "exec"), module.__dict__)

            def _tandem_spark_function(module, name):
                import sys
                function = getattr(sys.modules[module], name, None)
                if not callable(function):
                    raise AttributeError(f"{sys.modules[module].__file__} defines no function {name}")
                return function

            def _tandem_spark_map(module, name, rows):
                function = _tandem_spark_function(module, name)
                return [function(row) for row in rows]

            def _tandem_spark_batch(module, name, rows):
                results = list(_tandem_spark_function(module, name)(rows))
                if len(results) != len(rows):
                    raise ValueError(f"batch function {name} returned {len(results)} results for {len(rows)} rows")
                return results
            """;

    private final Tandem tandem;
    private final TandemFunction script;
    private final ConcurrentLinkedQueue<Session> idle = new ConcurrentLinkedQueue<>();

    ScriptSessions(Tandem tandem, TandemFunction script) {
        this.tandem = tandem;
        this.script = script;
    }

    /** {@code function} of one value. */
    Object callRow(TandemFunction function, Object value) {
        return borrow(function, session -> session.call(function.module() + "." + function.function(), value));
    }

    /** {@code function} of each value (a batch function: of the list), in one crossing. */
    List<?> callBatch(TandemFunction function, List<?> values) {
        String helper = function.isBatch() ? "_tandem_spark_batch" : "_tandem_spark_map";
        return borrow(function, session -> (List<?>) session.call(helper, function.module(), function.function(), values));
    }

    private <T> T borrow(TandemFunction function, Function<Session, T> call) {
        return ExecutorTandem.withTandemsLoader(() -> borrowed(function, call));
    }

    private <T> T borrowed(TandemFunction function, Function<Session, T> call) {
        Session session = idle.poll();
        if (session == null) {
            session = open();
        }
        boolean reusable = false;
        try {
            T result = call.apply(session);
            reusable = true;
            return result;
        } catch (PythonException raised) {
            reusable = true; // the function raised: its context is fine
            throw new TandemUdfException(function.where() + " raised " + raised.getMessage() + "\n"
                    + raised.pythonTraceback());
        } catch (ScriptTimeoutException late) {
            throw new TandemUdfException(function.where() + " did not return within " + function.timeout()
                    + "; the call was cancelled");
        } catch (TandemException failed) {
            throw new TandemUdfException(function.where() + " failed: " + failed.getMessage());
        } finally {
            if (reusable) {
                idle.offer(session);
            } else {
                session.close();
            }
        }
    }

    private Session open() {
        Session session = tandem.openSession();
        try {
            session.eval(LOADER);
            session.call("_tandem_spark_load", script.module(), script.scriptName(), script.source());
            return session;
        } catch (PythonException raised) {
            session.close();
            throw new TandemUdfException("loading " + script.scriptName() + " raised " + raised.getMessage() + "\n"
                    + raised.pythonTraceback());
        } catch (RuntimeException failed) {
            session.close();
            throw failed;
        }
    }

    @Override
    public void close() {
        for (Session session = idle.poll(); session != null; session = idle.poll()) {
            session.close();
        }
        tandem.close();
    }
}

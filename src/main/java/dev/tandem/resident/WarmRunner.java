package dev.tandem.resident;

import dev.tandem.cli.Interpreters;
import dev.tandem.route.KernelRegistry;
import dev.tandem.route.RoutePolicy;
import dev.tandem.runtime.ContextSettings;
import dev.tandem.runtime.Interpreter;
import dev.tandem.runtime.PythonContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A thread that builds a context ahead of time and then runs one command on it: the context
 * is created on the thread that later runs the script, which GraalPy takes as the script's
 * main thread (signals and KeyboardInterrupt go there). Used once, then discarded.
 */
final class WarmRunner {
    /** The stack of a script's thread, as the launcher's -Xss gives the in-process one. */
    private static final long STACK_BYTES = 8L * 1024 * 1024;

    /** What most prepared contexts are built as: Tandem itself, outside any virtual environment. */
    static final Interpreter PLAIN = Interpreters.plain(List.of(), true);

    private final DeferredStreams streams = new DeferredStreams();
    private final CompletableFuture<PythonContext> context = new CompletableFuture<>();
    private final CompletableFuture<Runnable> work = new CompletableFuture<>();

    private final CompletableFuture<?> after;
    private final Interpreter interpreter;
    /** The environment's packages as they were when the context was prepared. */
    private final EnvironmentStamp stamp;

    /**
     * Starts building a context for {@code interpreter} once {@code after} is done (builds one
     * at a time, so none slows another).
     */
    WarmRunner(Interpreter interpreter, CompletableFuture<?> after) {
        this.interpreter = interpreter;
        this.stamp = EnvironmentStamp.of(interpreter.venv());
        this.after = after;
        Thread thread = new Thread(null, this::live, "tandem-warm-run", STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
    }

    private void live() {
        after.exceptionally(failed -> null).join();
        try {
            context.complete(PythonContext.create(ContextSettings.trustedCli(interpreter, List.of(), KernelRegistry.withBuiltins(), RoutePolicy.AUTO,
                    ContextSettings.Calibrating.IN_MEMORY, streams.input, streams.output, streams.error)));
        } catch (RuntimeException | Error failure) {
            context.completeExceptionally(failure);
        }
        work.join().run();
        context.thenAccept(PythonContext::close); // when the run never took it (a usage error)
    }

    /** Done when the context is built or could not be. */
    CompletableFuture<?> built() {
        return context;
    }

    /** Runs {@code job} on this runner's thread, once. */
    void run(Runnable job) {
        work.complete(job);
    }

    /** Closes the prepared context and ends the thread, for a runner no run will take. */
    void discard() {
        work.complete(() -> {});
    }

    /** Whether the environment's packages changed since the context was prepared. */
    boolean outOfDate() {
        return !stamp.equals(EnvironmentStamp.of(interpreter.venv()));
    }

    /**
     * The prepared context with its streams attached to a run's, or null when it could not be
     * built, the run needs another interpreter, or packages were installed or removed in the
     * environment since it was prepared (a context reads the environment's {@code .pth} files
     * when it starts): the run then builds one itself. Waits for it.
     */
    PythonContext take(ContextSettings runSettings) {
        if (!runSettings.interpreter().equals(interpreter) || outOfDate()) {
            return null;
        }
        PythonContext prepared;
        try {
            prepared = context.join();
        } catch (RuntimeException notBuilt) {
            return null;
        }
        streams.attach(runSettings.in(), runSettings.out(), runSettings.err());
        return prepared;
    }
}

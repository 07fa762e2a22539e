package dev.tandem.resident;

import dev.tandem.runtime.Interpreter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link WarmRunner}s ready for the next runs. Two plain ones are kept so that a run
 * started right after another (a shell loop, a build calling scripts back to back) finds a
 * context ready instead of waiting for the one the previous run left preparing (about a
 * second of CPU on a warm engine). A virtual environment's {@code bin/python} gets a context
 * of its own kind: the environments used last keep one prepared each, so the many short
 * commands of pip and of a project's tools do not build theirs on arrival.
 */
final class WarmRunners {
    private static final int READY = 2;
    /** How many environments keep a prepared context (each holds a context's memory). */
    private static final int ENVIRONMENTS = 2;

    private final Deque<WarmRunner> ready = new ArrayDeque<>();
    /** By interpreter, the least recently used first. */
    private final Map<Interpreter, WarmRunner> inEnvironments = new LinkedHashMap<>(4, 0.75f, true);
    /** The build started last: the next one waits for it. */
    private CompletableFuture<?> lastBuild = CompletableFuture.completedFuture(null);

    WarmRunners() {
        for (int i = 0; i < READY; i++) {
            ready.add(prepare(WarmRunner.PLAIN));
        }
    }

    /**
     * A runner for a run on {@code wanted} (null: not known before the command line is read):
     * one prepared for that interpreter when there is one, else a plain one.
     */
    synchronized WarmRunner take(Interpreter wanted) {
        if (wanted != null && !wanted.equals(WarmRunner.PLAIN)) {
            WarmRunner prepared = inEnvironments.remove(wanted);
            inEnvironments.put(wanted, prepare(wanted)); // for its next run
            forgetBeyondTheLastUsed();
            if (prepared != null) {
                return prepared;
            }
        }
        WarmRunner taken = ready.poll();
        ready.add(prepare(WarmRunner.PLAIN));
        return taken;
    }

    private void forgetBeyondTheLastUsed() {
        Iterator<WarmRunner> oldestFirst = inEnvironments.values().iterator();
        for (int extra = inEnvironments.size() - ENVIRONMENTS; extra > 0; extra--) {
            oldestFirst.next().discard();
            oldestFirst.remove();
        }
    }

    private WarmRunner prepare(Interpreter interpreter) {
        WarmRunner runner = new WarmRunner(interpreter, lastBuild);
        lastBuild = runner.built();
        return runner;
    }
}

package dev.tandem.resident;

import dev.tandem.runtime.Interpreter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link WarmRunner}s ready for the next runs. Two are kept per interpreter so that a run
 * started right after another (a shell loop, a build calling scripts back to back) finds a
 * context ready instead of waiting for the one the previous run left preparing (about a
 * second of CPU on a warm engine). Tandem's own interpreter always has its two; a virtual
 * environment's {@code bin/python} needs contexts of its own kind, so the environments used
 * last keep two each, and the many short commands of pip and of a project's tools do not
 * build theirs on arrival.
 */
final class WarmRunners {
    private static final int READY = 2;
    /** How many environments keep prepared contexts (each context holds memory). */
    private static final int ENVIRONMENTS = 2;

    private final Deque<WarmRunner> plain = new ArrayDeque<>();
    /** By interpreter, the least recently used first. */
    private final Map<Interpreter, Deque<WarmRunner>> inEnvironments = new LinkedHashMap<>(4, 0.75f, true);
    /** The build started last: the next one waits for it. */
    private CompletableFuture<?> lastBuild = CompletableFuture.completedFuture(null);

    WarmRunners() {
        fill(plain, WarmRunner.PLAIN);
    }

    /**
     * A runner for a run on {@code wanted} (null: not known before the command line is read):
     * one prepared for that interpreter when there is one, else a plain one (the run then
     * builds its context itself, and the environment's start preparing for its next runs).
     */
    synchronized WarmRunner take(Interpreter wanted) {
        Deque<WarmRunner> runners = plain;
        Interpreter kind = WarmRunner.PLAIN;
        if (wanted != null && !wanted.equals(WarmRunner.PLAIN)) {
            Deque<WarmRunner> prepared = inEnvironments.get(wanted);
            if (prepared == null) {
                fill(inEnvironments.computeIfAbsent(wanted, first -> new ArrayDeque<>()), wanted);
                forgetBeyondTheLastUsed();
            } else {
                runners = prepared;
                kind = wanted;
            }
        }
        WarmRunner taken = runners.poll();
        runners.add(prepare(kind));
        return taken;
    }

    /**
     * After a run on {@code used} ended: contexts prepared for it before the run changed the
     * environment's packages (a pip install) are replaced now, not when the next run finds
     * them out of date.
     */
    synchronized void ranIn(Interpreter used) {
        Deque<WarmRunner> prepared = used == null ? null : inEnvironments.get(used);
        if (prepared != null && prepared.stream().anyMatch(WarmRunner::outOfDate)) {
            prepared.forEach(WarmRunner::discard);
            prepared.clear();
            fill(prepared, used);
        }
    }

    private void forgetBeyondTheLastUsed() {
        Iterator<Deque<WarmRunner>> oldestFirst = inEnvironments.values().iterator();
        for (int extra = inEnvironments.size() - ENVIRONMENTS; extra > 0; extra--) {
            oldestFirst.next().forEach(WarmRunner::discard);
            oldestFirst.remove();
        }
    }

    private void fill(Deque<WarmRunner> runners, Interpreter interpreter) {
        while (runners.size() < READY) {
            runners.add(prepare(interpreter));
        }
    }

    private WarmRunner prepare(Interpreter interpreter) {
        WarmRunner runner = new WarmRunner(interpreter, lastBuild);
        lastBuild = runner.built();
        return runner;
    }
}

package dev.tandem.resident;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link WarmRunner}s ready for the next runs: a run takes the oldest, and a new one starts
 * warming up at once. Two are kept so that a run started right after another (a shell loop, a
 * build calling scripts back to back) finds a context ready instead of waiting for the one the
 * previous run left preparing (about a second of CPU on a warm engine).
 */
final class WarmRunners {
    private static final int READY = 2;

    private final Deque<WarmRunner> ready = new ArrayDeque<>();

    WarmRunners() {
        for (int i = 0; i < READY; i++) {
            prepareOneMore();
        }
    }

    synchronized WarmRunner take() {
        WarmRunner taken = ready.poll();
        prepareOneMore();
        return taken;
    }

    private void prepareOneMore() {
        WarmRunner last = ready.peekLast();
        ready.add(new WarmRunner(last == null ? CompletableFuture.completedFuture(null) : last.built()));
    }
}

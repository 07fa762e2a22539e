package dev.tandem.runtime;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Cancels a context that runs past its wall-clock deadline. */
public final class Watchdog implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("tandem-watchdog").daemon(true).factory());

    /** A deadline for one call; {@link #disarm()} it when the call ends. */
    public final class Deadline {
        private final AtomicBoolean fired = new AtomicBoolean();
        private final ScheduledFuture<?> task;

        private Deadline(PythonContext context, Duration timeout) {
            task = timer.schedule(() -> {
                fired.set(true);
                context.cancel();
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** Stops the deadline; true when it had already fired and cancelled the call. */
        public boolean disarm() {
            task.cancel(false);
            return fired.get();
        }
    }

    /** Starts a deadline; {@code timeout} of zero means none. */
    public Deadline arm(PythonContext context, Duration timeout) {
        return timeout.isZero() ? null : new Deadline(context, timeout);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

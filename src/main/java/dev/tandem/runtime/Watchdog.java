package dev.tandem.runtime;

import dev.tandem.ffi.Cancellation;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Cancels a context that runs past its wall-clock deadline. Truffle stops the script only at
 * its next guest safepoint, so the deadline also sets the call's {@link Cancellation}, which
 * stops a long Java or Rust kernel call the script is waiting in.
 */
public final class Watchdog implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("tandem-watchdog").daemon(true).factory());

    /** A deadline for one call on the thread that arms it; {@link #disarm()} it there when the call ends. */
    public final class Deadline {
        private final AtomicBoolean fired = new AtomicBoolean();
        private final Cancellation kernels = Cancellation.begin();
        private final ScheduledFuture<?> task;

        private Deadline(PythonContext context, Duration timeout) {
            task = timer.schedule(() -> {
                fired.set(true);
                kernels.cancel(); // first: closing the context waits for the kernel to return
                context.cancel();
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** Stops the deadline; true when it had already fired and cancelled the call. */
        public boolean disarm() {
            task.cancel(false);
            kernels.end();
            return fired.get();
        }
    }

    /** Starts a deadline for a call on this thread; {@code timeout} of zero means none. */
    public Deadline arm(PythonContext context, Duration timeout) {
        return timeout.isZero() ? null : new Deadline(context, timeout);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

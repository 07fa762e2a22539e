package dev.tandem.runtime;

import dev.tandem.PoolExhaustedException;
import dev.tandem.TandemException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A fixed number of Python contexts shared by many threads. A context is leased to one
 * thread at a time; it comes back clean (released) or is thrown away (discarded) and a
 * replacement is built in the background, so a cancelled or tainted context never serves
 * another call.
 */
public final class ContextPool implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ContextPool.class.getName());

    private final Supplier<PythonContext> factory;
    private final int size;
    private final LinkedBlockingQueue<PythonContext> idle = new LinkedBlockingQueue<>();
    /** Contexts that exist or are being built, leased or idle; never more than {@code size}. */
    private final AtomicInteger live = new AtomicInteger();
    /** Replacements being built in the background; a waiter waits for them past its limit. */
    private final AtomicInteger building = new AtomicInteger();
    private final ExecutorService builder;
    private volatile boolean closed;

    public ContextPool(Supplier<PythonContext> factory, int size, int prewarm) {
        if (size < 1) {
            throw new IllegalArgumentException("pool size must be at least 1, got " + size);
        }
        this.factory = factory;
        this.size = size;
        this.builder = Executors.newSingleThreadExecutor(Thread.ofPlatform()
                .name("tandem-context-builder").daemon(true).factory());
        int warm = Math.min(Math.max(prewarm, 0), size);
        if (warm > 0) {
            live.incrementAndGet();
            idle.add(build()); // the first one in the caller's thread, so set-up errors surface here
            for (int i = 1; i < warm; i++) {
                buildInBackground();
            }
        }
    }

    public int size() {
        return size;
    }

    /** Takes a context, building one if the pool is not full yet, else waiting up to {@code wait}. */
    public PythonContext acquire(Duration wait) {
        ensureOpen();
        PythonContext context = idle.poll();
        if (context != null) {
            return context;
        }
        if (reserveSlot()) {
            return build();
        }
        try {
            context = idle.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
            // A context thrown away (a closed session, a timed-out call) is no longer busy: its
            // replacement is on its way, so the pool is not exhausted.
            while (context == null && building.get() > 0 && !closed) {
                context = idle.poll(50, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new TandemException("interrupted while waiting for a Python context", interrupted);
        }
        if (context == null) {
            throw new PoolExhaustedException(size, wait);
        }
        return context;
    }

    /** Returns a clean context for the next caller. */
    public void release(PythonContext context) {
        if (closed) {
            context.close();
            return;
        }
        idle.add(context);
    }

    /** Throws a context away and builds its replacement in the background. */
    public void discard(PythonContext context) {
        try {
            context.close();
        } catch (RuntimeException alreadyBroken) {
            LOG.log(Level.FINE, "closing a discarded context failed", alreadyBroken);
        }
        live.decrementAndGet();
        if (!closed && reserveSlot()) {
            buildInBackground();
        }
    }

    private boolean reserveSlot() {
        int current;
        do {
            current = live.get();
            if (current >= size) {
                return false;
            }
        } while (!live.compareAndSet(current, current + 1));
        return true;
    }

    /** Builds a context for a slot already reserved; frees the slot when building fails. */
    private PythonContext build() {
        try {
            return factory.get();
        } catch (RuntimeException failure) {
            live.decrementAndGet();
            throw failure;
        }
    }

    private void buildInBackground() {
        building.incrementAndGet();
        try {
            builder.execute(() -> {
                try {
                    PythonContext context = build();
                    if (closed) {
                        context.close();
                    } else {
                        idle.add(context);
                    }
                } catch (RuntimeException failure) {
                    LOG.log(Level.WARNING, "building a Python context failed", failure);
                } finally {
                    building.decrementAndGet();
                }
            });
        } catch (RuntimeException rejected) { // the pool closed meanwhile
            building.decrementAndGet();
            live.decrementAndGet();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this Tandem instance is closed");
        }
    }

    @Override
    public void close() {
        closed = true;
        builder.shutdownNow();
        PythonContext context;
        while ((context = idle.poll()) != null) {
            context.close();
        }
    }
}

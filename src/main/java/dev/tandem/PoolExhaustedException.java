package dev.tandem;

import java.time.Duration;

/** No pooled context became free in time: every context was busy with other calls. */
public final class PoolExhaustedException extends TandemException {
    private static final long serialVersionUID = 1L;

    public PoolExhaustedException(int poolSize, Duration waited) {
        super("all " + poolSize + " Python contexts stayed busy for " + waited.toMillis()
                + " ms; raise Tandem.Builder.poolSize or acquireTimeout, or set a timeout on slow scripts");
    }
}

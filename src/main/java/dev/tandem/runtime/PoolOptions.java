package dev.tandem.runtime;

import dev.tandem.HostFileAccess;
import dev.tandem.route.RoutePolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The options the two embedding APIs share, checked once: {@code Tandem.Builder} and
 * {@code TandemScriptEngineFactory.Builder} each hold one and hand their setters to it. A
 * pool of sandboxed contexts: which host files and classes scripts may reach, the routing
 * policy, the time limits and the pool's size. Every right is off until granted.
 */
public final class PoolOptions {
    private HostFileAccess files = HostFileAccess.NONE;
    private Predicate<String> hostClassLookup;
    private RoutePolicy policy = RoutePolicy.AUTO;
    private Duration timeout = Duration.ZERO;
    private Duration acquireTimeout = Duration.ofSeconds(60);
    private int poolSize = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));

    public void hostFileAccess(HostFileAccess access) {
        this.files = Objects.requireNonNull(access);
    }

    public void allowHostClassLookup(Predicate<String> filter) {
        this.hostClassLookup = Objects.requireNonNull(filter);
    }

    /** The default backend of every kernel; IllegalArgumentException when it is none of python, java, rust, auto. */
    public void backend(String backend) {
        this.policy = policy.with(backend, Map.of());
    }

    /** Routes one kernel to a backend, whatever the default. */
    public void route(String kernel, String backend) {
        this.policy = policy.with(null, Map.of(kernel, backend));
    }

    /** Zero: never. */
    public void timeout(Duration limit) {
        if (limit.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative: " + limit);
        }
        this.timeout = limit;
    }

    public void acquireTimeout(Duration limit) {
        this.acquireTimeout = Objects.requireNonNull(limit);
    }

    public void poolSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("pool size must be at least 1, got " + size);
        }
        this.poolSize = size;
    }

    public HostFileAccess files() {
        return files;
    }

    /** Which Java classes scripts may look up; null: none. */
    public Predicate<String> hostClassLookup() {
        return hostClassLookup;
    }

    public RoutePolicy policy() {
        return policy;
    }

    public Duration timeout() {
        return timeout;
    }

    public Duration acquireTimeout() {
        return acquireTimeout;
    }

    public int poolSize() {
        return poolSize;
    }
}

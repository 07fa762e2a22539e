package dev.tandem.route;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The host's implementations of kernels, by kernel name and backend. The pure-Python
 * reference of every kernel lives in python/tandem; this registry holds only the Java and
 * Rust backends, built-in ones and those an embedder registers.
 */
public final class KernelRegistry {
    private final Map<String, Map<Backend, KernelBackend>> kernels = new TreeMap<>();
    /** Where user-provided backends come from, by "kernel/backend", for the duplicate error. */
    private final Map<String, Path> origins = new HashMap<>();
    /** Built targets, shared by all contexts: kernels are stateless or thread-safe. */
    private final Map<KernelBackend, Object> targets = new ConcurrentHashMap<>();

    /** A registry holding Tandem's built-in kernels. */
    public static KernelRegistry withBuiltins() {
        KernelRegistry registry = new KernelRegistry();
        BuiltinKernels.register(registry);
        return registry;
    }

    /**
     * Adds a backend a user's library or jar at {@code origin} provides, which no other may
     * provide too (Tandem's built-in kernels included): which one ran would depend on load order.
     */
    public synchronized KernelRegistry addUser(String kernel, Backend backend, KernelBackend implementation, Path origin) {
        Map<Backend, KernelBackend> backends = kernels.get(kernel);
        if (backends != null && backends.containsKey(backend)) {
            Path first = origins.get(kernel + "/" + backend);
            throw new IllegalArgumentException("two " + backend.label() + " implementations of " + kernel + ": in "
                    + (first == null ? "Tandem itself" : first) + " and in " + origin);
        }
        origins.put(kernel + "/" + backend, origin);
        return add(kernel, backend, implementation);
    }

    public synchronized KernelRegistry add(String kernel, Backend backend, KernelBackend implementation) {
        RoutePolicy.checkKernelName(kernel);
        if (backend == Backend.PYTHON) {
            throw new IllegalArgumentException("the python backend of " + kernel
                    + " is its reference function, declared in Python with @tandem.kernel");
        }
        kernels.computeIfAbsent(kernel, name -> new EnumMap<>(Backend.class)).put(backend, implementation);
        return this;
    }

    /** Why {@code backend} cannot run {@code kernel} here; empty when it can. */
    public synchronized Optional<String> unavailable(String kernel, Backend backend) {
        Map<Backend, KernelBackend> backends = kernels.get(kernel);
        KernelBackend implementation = backends == null ? null : backends.get(backend);
        if (implementation == null) {
            return Optional.of("the host has no " + backend.label() + " implementation of " + kernel);
        }
        return implementation.unavailable().get();
    }

    /** The implementation of an available backend. */
    public synchronized KernelBackend implementation(String kernel, Backend backend) {
        unavailable(kernel, backend).ifPresent(reason -> {
            throw new IllegalStateException(kernel + ": " + backend.label() + " backend unavailable: " + reason);
        });
        return kernels.get(kernel).get(backend);
    }

    /** The object whose {@link KernelBackend#member()} implements the kernel, built once. */
    public Object target(KernelBackend implementation) {
        return targets.computeIfAbsent(implementation, built -> built.target().get());
    }
}

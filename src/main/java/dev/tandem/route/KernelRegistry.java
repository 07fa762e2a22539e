package dev.tandem.route;

import dev.tandem.ffi.NativeLibrary;
import java.lang.reflect.InvocationTargetException;
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

    /** Backends the host's own commands run but scripts may not, with the reason scripts get. */
    private final Map<String, Map<Backend, String>> hostOnly = new TreeMap<>();

    /** A registry holding Tandem's built-in kernels, as {@link KernelTable#builtin()} lists them. */
    public static KernelRegistry withBuiltins() {
        KernelRegistry registry = new KernelRegistry();
        for (KernelTable.Entry entry : KernelTable.builtin().entries().values()) {
            String operation = entry.kernel().substring(entry.kernel().indexOf('.') + 1);
            entry.hostClasses().forEach((backend, className) -> registry.add(entry.kernel(), backend,
                    new KernelBackend(() -> instance(className), operation, backend == Backend.RUST
                            ? () -> NativeLibrary.get().unavailableReason() : java.util.Optional::empty)));
            if (!entry.hostOnly().isEmpty()) {
                registry.hostOnly.put(entry.kernel(), entry.hostOnly());
            }
        }
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

    /**
     * A built-in backend's object, by its class's name in kernels.json: by name, so that this
     * package does not depend on the areas whose APIs ask the {@link Router}.
     */
    private static Object instance(String className) {
        try {
            return Class.forName(className).getConstructor().newInstance();
        } catch (InvocationTargetException failed) { // a Rust binding's constructor: no library
            throw failed.getCause() instanceof RuntimeException unchecked ? unchecked
                    : new IllegalStateException(className + ": " + failed.getCause(), failed.getCause());
        } catch (ReflectiveOperationException missing) {
            throw new IllegalStateException("kernels.json names " + className + ", which cannot be built: " + missing,
                    missing);
        }
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

    /**
     * Why a script may not take {@code backend} of {@code kernel} although the host runs it
     * (kernels.json's host_only); empty when it may.
     */
    public synchronized Optional<String> hostOnly(String kernel, Backend backend) {
        return Optional.ofNullable(hostOnly.getOrDefault(kernel, Map.of()).get(backend));
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

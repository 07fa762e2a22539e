package dev.tandem.route;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which backend runs kernel K under policy P here, for the host's own entry points (the CLI
 * commands, the source-map API): the rules of {@code python/tandem/_route.py}'s {@code choose},
 * with the data both read ({@link KernelTable}). A script's calls are routed by {@code _route.py}
 * itself; {@code python/tests/route_cases.json} runs one table of cases through both.
 *
 * <ul>
 *   <li>A backend named explicitly runs, or {@link BackendUnavailableException} says why not.
 *   <li>{@code auto} with one available backend takes it, with a note naming why the others cannot.
 *   <li>{@code auto} with figures for every available backend ({@code tandem calibrate}) takes the
 *       fastest; else the first available backend of the kernel's {@code auto_order}. The host
 *       never measures (a script's context may, on a kernel's first use).
 * </ul>
 */
public final class Router {
    private final KernelTable table;
    private final KernelRegistry registry;
    private final Calibrations calibrations;
    private final String pythonUnavailable;

    /**
     * @param pythonUnavailable why the caller cannot run a kernel's Python reference, or null
     *     when it can (it has, or can open, a Python context)
     */
    public Router(KernelTable table, KernelRegistry registry, Calibrations calibrations, String pythonUnavailable) {
        this.table = table;
        this.registry = registry;
        this.calibrations = calibrations;
        this.pythonUnavailable = pythonUnavailable;
    }

    /** The built-in kernels, this process's calibrations; {@code pythonUnavailable} as in the constructor. */
    public static Router builtin(String pythonUnavailable) {
        return new Router(KernelTable.builtin(), KernelRegistry.withBuiltins(), Calibrations.shared(), pythonUnavailable);
    }

    /** The backend that runs {@code kernel} under {@code policy} here. */
    public Route route(String kernel, RoutePolicy policy) {
        Map<Backend, String> reasons = new EnumMap<>(Backend.class);
        reasons.put(Backend.PYTHON, pythonUnavailable);
        for (Backend host : List.of(Backend.JAVA, Backend.RUST)) {
            reasons.put(host, registry.unavailable(kernel, host).orElse(null));
        }
        String choice = policy.routes().getOrDefault(kernel, policy.backend());
        return choose(kernel, choice, reasons, timings(kernel), table.autoOrder(kernel));
    }

    /**
     * The rules themselves, as {@code _route.choose}: {@code reasons} says why each backend
     * cannot run (null: it can), {@code timings} are ns per call (empty: none stored).
     */
    public static Route choose(String kernel, String choice, Map<Backend, String> reasons, Map<Backend, Double> timings,
            List<Backend> autoOrder) {
        if (!choice.equals("auto")) {
            Backend named = Backend.fromLabel(choice);
            String reason = reasons.get(named);
            if (reason != null) {
                throw new BackendUnavailableException(kernel + ": the " + choice + " backend is unavailable: " + reason);
            }
            return new Route(kernel, named, Optional.empty());
        }
        List<Backend> available = new ArrayList<>();
        for (Backend backend : Backend.values()) {
            if (reasons.get(backend) == null) {
                available.add(backend);
            }
        }
        String whyNot = Stream.of(Backend.values()).filter(backend -> reasons.get(backend) != null)
                .map(backend -> backend.label() + ": " + reasons.get(backend)).collect(Collectors.joining("; "));
        if (available.isEmpty()) {
            throw new BackendUnavailableException(kernel + ": no backend can run it here (" + whyNot + ")");
        }
        if (available.size() == 1) {
            Backend only = available.getFirst();
            return new Route(kernel, only, Optional.of(kernel + " runs on " + only.label() + " under 'auto' (" + whyNot + ")"));
        }
        if (!timings.keySet().containsAll(available)) {
            Backend first = autoOrder.stream().filter(available::contains).findFirst().orElseThrow();
            return new Route(kernel, first, Optional.empty());
        }
        Backend fastest = available.getFirst();
        for (Backend backend : available) { // strictly faster only: a tie goes to the first, as min() in Python
            if (timings.get(backend) < timings.get(fastest)) {
                fastest = backend;
            }
        }
        return new Route(kernel, fastest, Optional.empty());
    }

    /** A route's java or rust backend as a function of the kernel's arguments (its object built once). */
    public BoundKernel bind(Route route) {
        KernelBackend implementation = registry.implementation(route.kernel(), route.backend());
        Object target = registry.target(implementation);
        Method method = method(target.getClass(), implementation.member(), route);
        return arguments -> {
            try {
                return method.invoke(target, arguments);
            } catch (InvocationTargetException failed) { // the kernel's own exception, as a direct call throws it
                Throwable cause = failed.getCause();
                if (cause instanceof RuntimeException unchecked) {
                    throw unchecked;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(route.kernel() + ": " + cause, cause);
            } catch (IllegalAccessException unreachable) {
                throw new IllegalStateException(route.kernel() + ": " + unreachable, unreachable);
            }
        };
    }

    /** A kernel bound to a backend: call it with the kernel's arguments. */
    @FunctionalInterface
    public interface BoundKernel {
        Object call(Object... arguments);
    }

    /**
     * {@link #bind} for a kernel that returns a handle (kernels.json's {@code handle}), typed by
     * {@code handleType}: an interface that declares every method the table declares for the
     * handle and that the route's backend's handle class implements, both checked here, so that
     * the caller holds the handle by the methods Python calls on it and names no backend class.
     */
    public <H> HandleKernel<H> bindHandle(Route route, Class<H> handleType) {
        KernelTable.Entry entry = table.entry(route.kernel())
                .orElseThrow(() -> new IllegalStateException(route.kernel() + " is not in the kernel table"));
        String handleClass = entry.handleClasses().get(route.backend());
        if (handleClass == null) {
            throw new IllegalStateException(route.kernel() + " declares no handle for " + route.backend().label());
        }
        Class<?> implementation;
        try {
            implementation = Class.forName(handleClass, false, Router.class.getClassLoader());
        } catch (ClassNotFoundException missing) {
            throw new IllegalStateException(route.kernel() + ": no handle class " + handleClass, missing);
        }
        if (!handleType.isAssignableFrom(implementation)) {
            throw new IllegalStateException(route.kernel() + ": " + handleClass + " is not a " + handleType.getName());
        }
        List<String> declared = Stream.of(handleType.getMethods()).map(Method::getName).toList();
        List<String> undeclared = entry.handleMethods().stream().filter(name -> !declared.contains(name)).toList();
        if (!undeclared.isEmpty()) {
            throw new IllegalStateException(route.kernel() + ": " + handleType.getName() + " lacks the handle's "
                    + String.join(", ", undeclared));
        }
        return HandleKernel.of(handleType, bind(route));
    }

    /** A kernel that returns a handle, bound to a backend ({@link #bindHandle}). */
    @FunctionalInterface
    public interface HandleKernel<H> {
        /**
         * The handle for the kernel's {@code arguments}; when the kernel refuses them it returns
         * its message (a String, the kernels' convention for bad input), thrown as {@code refused} makes it.
         */
        H call(Function<String, ? extends RuntimeException> refused, Object... arguments);

        /** {@code kernel}'s results as {@code handleType}, its String results as refusals. */
        static <H> HandleKernel<H> of(Class<H> handleType, BoundKernel kernel) {
            return (refused, arguments) -> {
                Object result = kernel.call(arguments);
                if (result instanceof String message) {
                    throw refused.apply(message);
                }
                return handleType.cast(result);
            };
        }
    }

    private static Method method(Class<?> type, String name, Route route) {
        List<Method> named = List.of(type.getMethods()).stream().filter(m -> m.getName().equals(name)).toList();
        if (named.size() != 1) {
            throw new IllegalStateException(route.kernel() + ": " + type.getName() + " has " + named.size()
                    + " public methods named " + name + ", not one");
        }
        return named.getFirst();
    }

    private Map<Backend, Double> timings(String kernel) {
        Map<Backend, Double> figures = new EnumMap<>(Backend.class);
        calibrations.get(kernel).ifPresent(text -> {
            for (String item : text.split(",")) { // canonical BACKEND=NS, validated by Calibrations
                int equals = item.indexOf('=');
                figures.put(Backend.fromLabel(item.substring(0, equals)), Double.parseDouble(item.substring(equals + 1)));
            }
        });
        return figures;
    }
}

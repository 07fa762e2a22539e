package dev.tandem.route;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which backend runs each kernel: a default ({@code python}, {@code java}, {@code rust} or
 * {@code auto}, the fastest by measurement) and per-kernel overrides. The host hands it to
 * Python, where {@code tandem.using(...)} can change it for a block of code.
 */
public record RoutePolicy(String backend, Map<String, String> routes) {
    public static final Set<String> CHOICES = Set.of("python", "java", "rust", "auto");
    public static final RoutePolicy AUTO = new RoutePolicy("auto", Map.of());

    public RoutePolicy {
        check(backend, "the default backend");
        routes.forEach((kernel, choice) -> {
            checkKernelName(kernel);
            check(choice, kernel);
        });
        routes = Map.copyOf(routes);
    }

    /** The policy with {@code backend} (when not null) and {@code routes} laid over this one. */
    public RoutePolicy with(String newBackend, Map<String, String> newRoutes) {
        Map<String, String> merged = new LinkedHashMap<>(routes);
        merged.putAll(newRoutes);
        return new RoutePolicy(newBackend == null ? backend : newBackend, merged);
    }

    /** Parses {@code KERNEL=BACKEND[,KERNEL=BACKEND...]}, the form of TANDEM_ROUTE. */
    public static Map<String, String> parseRoutes(String text) {
        Map<String, String> routes = new LinkedHashMap<>();
        if (text == null) {
            return routes;
        }
        for (String item : text.split(",")) {
            String route = item.strip();
            if (route.isEmpty()) {
                continue;
            }
            int equals = route.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("route '" + route + "' is not KERNEL=BACKEND (e.g. text.codepoints=java)");
            }
            routes.put(route.substring(0, equals).strip(), route.substring(equals + 1).strip());
        }
        return routes;
    }

    /** The policy from TANDEM_BACKEND and TANDEM_ROUTE in {@code environment}, over {@code base}. */
    public static RoutePolicy fromEnvironment(Map<String, String> environment, RoutePolicy base) {
        String backend = environment.get("TANDEM_BACKEND");
        return base.with(backend == null || backend.isBlank() ? null : backend.strip(),
                parseRoutes(environment.get("TANDEM_ROUTE")));
    }

    /** The routes in the textual form Python parses. */
    public String routesText() {
        return routes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    private static void check(String choice, String where) {
        if (!CHOICES.contains(choice)) {
            throw new IllegalArgumentException("unknown backend '" + choice + "' for " + where
                    + "; choose one of python, java, rust, auto");
        }
    }

    static void checkKernelName(String kernel) {
        if (!kernel.matches("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("kernel name '" + kernel + "' is not AREA.OPERATION (e.g. myapp.score)");
        }
    }
}

package dev.tandem.cli;

import dev.tandem.route.RoutePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --backend} and {@code --route}: the routing policy, over TANDEM_BACKEND/TANDEM_ROUTE.
 * An unknown backend or a malformed route is a usage error; a well-formed route to a kernel
 * the host does not know is kept, since the script may declare that kernel itself.
 */
final class RoutingOptions {
    @Option(names = "--backend", paramLabel = "BACKEND",
            description = "Default backend of every kernel: python, java, rust or auto (default: $TANDEM_BACKEND, else auto).")
    String backend;

    @Option(names = "--route", paramLabel = "KERNEL=BACKEND",
            description = "Route one kernel to a backend, e.g. text.codepoints=java; repeatable (adds to $TANDEM_ROUTE).")
    List<String> routes = new ArrayList<>();

    /** The policy: the environment's, then these flags over it. */
    RoutePolicy policy(Map<String, String> environment) {
        return policy(environment, backend, routes);
    }

    /** The policy of {@code --backend} (null: not given) and the {@code --route} values over the environment's. */
    static RoutePolicy policy(Map<String, String> environment, String backend, List<String> routes) {
        RoutePolicy policy;
        try {
            policy = RoutePolicy.fromEnvironment(environment, RoutePolicy.AUTO);
        } catch (IllegalArgumentException invalid) {
            throw new UsageException("TANDEM_BACKEND/TANDEM_ROUTE: " + invalid.getMessage());
        }
        try {
            return policy.with(backend, RoutePolicy.parseRoutes(String.join(",", routes)));
        } catch (IllegalArgumentException invalid) {
            throw new UsageException("--backend/--route: " + invalid.getMessage());
        }
    }
}

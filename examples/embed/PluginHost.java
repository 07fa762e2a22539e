import dev.tandem.PythonException;
import dev.tandem.Tandem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.HostAccess;

/**
 * A Java application that takes plugins written in Python. Each plugin file in the plugin
 * directory defines {@code handle(order)} and may use the host's {@code shop} object; the host
 * loads each plugin once into a session and calls it on every order, in a sandbox (plugins
 * cannot touch files or Java classes) with a time limit per call.
 *
 * <p>Run from the repository root after a build (./tandem builds):
 * {@code java --module-path target/lib:target/tandem.jar --add-modules dev.tandem examples/embed/PluginHost.java}
 */
public final class PluginHost {
    /** What the host lets plugins use: only the members marked {@link HostAccess.Export}. */
    public static final class Shop {
        @HostAccess.Export
        public double taxRate(String country) {
            return switch (country) {
                case "DE" -> 0.19;
                case "FR" -> 0.20;
                default -> 0.0;
            };
        }
    }

    public static void main(String[] args) throws Exception {
        Path plugins = Path.of(args.length > 0 ? args[0] : "examples/embed/plugins");
        List<Map<String, Object>> orders = List.of(
                Map.of("id", 1, "country", "DE", "items", List.of(12.5, 7.5)),
                Map.of("id", 2, "country", "US", "items", List.of(99.0)),
                Map.of("id", 3, "country", "FR", "items", List.of()));
        try (Tandem tandem = Tandem.builder()
                .expose("shop", new Shop())
                .timeout(Duration.ofSeconds(10))
                .poolSize(2)
                .build();
             var files = Files.list(plugins)) {
            for (Path plugin : files.filter(p -> p.toString().endsWith(".py")).sorted().toList()) {
                try (var session = tandem.openSession()) {
                    session.eval(Files.readString(plugin));
                    for (Map<String, Object> order : orders) {
                        String name = plugin.getFileName() + " order " + order.get("id");
                        try {
                            System.out.println(name + " -> " + session.call("handle", order));
                        } catch (PythonException failure) {
                            System.out.println(name + " failed: " + failure.getMessage());
                        }
                    }
                }
            }
        }
    }
}

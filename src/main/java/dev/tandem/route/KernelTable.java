package dev.tandem.route;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The routing rules as data: {@code python/tandem/kernels.json}, which the build packs into the
 * jar and Python's {@code _route.py} reads too, so the two sides cannot drift. For each built-in
 * kernel: the host class of its java and rust backends (the method is the operation's name),
 * what {@code auto} picks from when no figures decide, the backends scripts may not take, and
 * the other methods Python calls on the host object and on the handle the kernel returns.
 */
public final class KernelTable {
    /** Where the build packs python/tandem/kernels.json. */
    static final String RESOURCE = "/dev/tandem/python/tandem/kernels.json";

    /**
     * One kernel's row. {@code hostMethods}: the methods besides the operation that Python calls
     * on the host object; {@code handleClasses} and {@code handleMethods}: the class of the
     * handle each host backend returns and the methods Python calls on it (empty when none).
     */
    public record Entry(String kernel, Map<Backend, String> hostClasses, List<Backend> autoOrder,
            Map<Backend, String> hostOnly, List<String> hostMethods, Map<Backend, String> handleClasses,
            List<String> handleMethods) {}

    private final String text;
    private final List<Backend> defaultOrder;
    private final Map<String, Entry> entries;

    private KernelTable(String text) {
        this.text = text;
        Map<?, ?> root;
        try (JsonParser parser = new JsonFactory().createParser(text)) {
            parser.nextToken();
            root = (Map<?, ?>) value(parser);
        } catch (IOException | RuntimeException malformed) {
            throw new IllegalStateException(RESOURCE + " is not the table of kernels: " + malformed.getMessage(), malformed);
        }
        defaultOrder = order(root.get("auto_order"), "auto_order");
        Map<String, Entry> read = new TreeMap<>();
        ((Map<?, ?>) root.get("kernels")).forEach((kernel, row) -> read.put((String) kernel, entry((String) kernel, (Map<?, ?>) row)));
        entries = Map.copyOf(read);
    }

    /**
     * The JSON value at the parser as maps, lists and strings, all the table holds. Read with
     * jackson-core's streaming parser, not databind: tandem lint routes by this table, and its
     * start-up feels every class it loads.
     */
    private static Object value(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, value(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser));
                }
                yield array;
            }
            case VALUE_STRING -> parser.getText();
            default -> throw new IllegalStateException("unexpected " + parser.currentToken() + " at " + parser.currentLocation());
        };
    }

    /** The table packed into the jar, read once. */
    public static KernelTable builtin() {
        return Packed.TABLE;
    }

    private static final class Packed {
        static final KernelTable TABLE = new KernelTable(read());

        private static String read() {
            try (InputStream in = KernelTable.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the build did not pack " + RESOURCE + "; rebuild with mvn package");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        }
    }

    /** The JSON text, which the gateway hands to Python. */
    public String text() {
        return text;
    }

    /** Every built-in kernel's row, by name. */
    public Map<String, Entry> entries() {
        return entries;
    }

    public Optional<Entry> entry(String kernel) {
        return Optional.ofNullable(entries.get(kernel));
    }

    /** What {@code auto} picks from for {@code kernel}, first available first, when no figures decide. */
    public List<Backend> autoOrder(String kernel) {
        Entry entry = entries.get(kernel);
        return entry != null && entry.autoOrder() != null ? entry.autoOrder() : defaultOrder;
    }

    private static Entry entry(String kernel, Map<?, ?> row) {
        RoutePolicy.checkKernelName(kernel);
        Map<?, ?> handle = row.get("handle") instanceof Map<?, ?> declared ? declared : Map.of();
        Map<Backend, String> hostOnly = new EnumMap<>(Backend.class);
        if (row.get("host_only") instanceof Map<?, ?> reasons) {
            reasons.forEach((backend, reason) -> hostOnly.put(Backend.fromLabel((String) backend), (String) reason));
        }
        List<Backend> order = row.containsKey("auto_order") ? order(row.get("auto_order"), kernel + ".auto_order") : null;
        return new Entry(kernel, hostClasses(row), order, Map.copyOf(hostOnly), names(row.get("host_methods")),
                hostClasses(handle), names(handle.get("methods")));
    }

    /** The java and rust class names of a row (or of its handle). */
    private static Map<Backend, String> hostClasses(Map<?, ?> row) {
        Map<Backend, String> classes = new EnumMap<>(Backend.class);
        for (Backend backend : List.of(Backend.JAVA, Backend.RUST)) {
            if (row.get(backend.label()) instanceof String className) {
                classes.put(backend, className);
            }
        }
        return Map.copyOf(classes);
    }

    private static List<String> names(Object list) {
        return list instanceof List<?> names ? names.stream().map(String::valueOf).toList() : List.of();
    }

    /** An order naming each backend once. */
    private static List<Backend> order(Object labels, String where) {
        List<Backend> order = new ArrayList<>();
        if (labels instanceof List<?> list) {
            list.forEach(label -> order.add(Backend.fromLabel(String.valueOf(label))));
        }
        if (order.size() != Backend.values().length || !EnumSet.copyOf(order).equals(EnumSet.allOf(Backend.class))) {
            throw new IllegalStateException(RESOURCE + ": " + where + " must name python, java and rust once each");
        }
        return List.copyOf(order);
    }
}

package dev.tandem.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The routing rules as data: {@code python/tandem/kernels.json}, which the build packs into the
 * jar and Python's {@code _route.py} reads too, so the two sides cannot drift. For each built-in
 * kernel: the host class of its java and rust backends (the method is the operation's name),
 * what {@code auto} picks from when no figures decide, and the backends scripts may not take.
 */
public final class KernelTable {
    /** Where the build packs python/tandem/kernels.json. */
    static final String RESOURCE = "/dev/tandem/python/tandem/kernels.json";

    /** One kernel's row. */
    public record Entry(String kernel, Map<Backend, String> hostClasses, List<Backend> autoOrder,
            Map<Backend, String> hostOnly) {}

    private final String text;
    private final List<Backend> defaultOrder;
    private final Map<String, Entry> entries;

    private KernelTable(String text) {
        this.text = text;
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (IOException malformed) {
            throw new IllegalStateException(RESOURCE + " is not JSON: " + malformed.getMessage(), malformed);
        }
        defaultOrder = order(root.path("auto_order"), "auto_order");
        Map<String, Entry> read = new TreeMap<>();
        root.path("kernels").properties().forEach(kernel -> read.put(kernel.getKey(), entry(kernel.getKey(), kernel.getValue())));
        entries = Map.copyOf(read);
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

    private static Entry entry(String kernel, JsonNode row) {
        RoutePolicy.checkKernelName(kernel);
        Map<Backend, String> classes = new EnumMap<>(Backend.class);
        for (Backend backend : List.of(Backend.JAVA, Backend.RUST)) {
            if (row.has(backend.label())) {
                classes.put(backend, row.get(backend.label()).asText());
            }
        }
        Map<Backend, String> hostOnly = new EnumMap<>(Backend.class);
        row.path("host_only").properties().forEach(e -> hostOnly.put(Backend.fromLabel(e.getKey()), e.getValue().asText()));
        List<Backend> order = row.has("auto_order") ? order(row.get("auto_order"), kernel + ".auto_order") : null;
        return new Entry(kernel, Map.copyOf(classes), order, Map.copyOf(hostOnly));
    }

    /** An order naming each backend once. */
    private static List<Backend> order(JsonNode labels, String where) {
        List<Backend> order = new ArrayList<>();
        labels.forEach(label -> order.add(Backend.fromLabel(label.asText())));
        if (order.size() != Backend.values().length || !EnumSet.copyOf(order).equals(EnumSet.allOf(Backend.class))) {
            throw new IllegalStateException(RESOURCE + ": " + where + " must name python, java and rust once each");
        }
        return List.copyOf(order);
    }
}

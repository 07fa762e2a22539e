package dev.tandem.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code [tool.ruff]} table of the nearest pyproject.toml that has one, at or above a path,
 * and the directory it was found in (exclusion patterns are relative to it). As Ruff does, a
 * pyproject.toml without {@code [tool.ruff]} is passed over.
 */
public record RuffConfig(JsonNode table, Path directory) {
    /** No configuration file: every setting at its default. */
    public static final RuffConfig NONE = new RuffConfig(null, null);

    /** @throws LintUsageException when a pyproject.toml on the way cannot be read or parsed */
    public static RuffConfig find(Path start) {
        Path directory = start.toAbsolutePath().normalize();
        if (!Files.isDirectory(directory)) {
            directory = directory.getParent();
        }
        TomlMapper mapper = null;
        for (; directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve("pyproject.toml");
            if (!Files.isRegularFile(candidate)) {
                continue;
            }
            mapper = mapper == null ? new TomlMapper() : mapper;
            JsonNode ruff;
            try {
                ruff = mapper.readTree(candidate.toFile()).path("tool").path("ruff");
            } catch (IOException error) {
                throw new LintUsageException("cannot read " + candidate + ": " + error.getMessage());
            }
            if (ruff.isObject()) {
                return new RuffConfig(ruff, directory);
            }
        }
        return NONE;
    }

    /** A key of {@code [tool.ruff.lint]}, else of the older top-level {@code [tool.ruff]} spelling; null when absent. */
    Object lintKey(String name) {
        if (table == null) {
            return null;
        }
        JsonNode value = table.path("lint").get(name);
        return plain(value != null ? value : table.get(name));
    }

    /** A key of the top-level {@code [tool.ruff]} table; null when absent. */
    Object key(String name) {
        return table == null ? null : plain(table.get(name));
    }

    /** A TOML value as a String, Long, Boolean, Double or List of those; null for null. */
    private static Object plain(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.getNodeType() == JsonNodeType.ARRAY) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(plain(item)));
            return items;
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isTextual() ? node.textValue() : node.toString();
    }
}

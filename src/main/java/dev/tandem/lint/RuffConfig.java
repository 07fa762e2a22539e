package dev.tandem.lint;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ruff's settings from the nearest configuration file at or above a path, and the directory it
 * was found in (exclusion patterns are relative to it). In each directory, as Ruff looks:
 * {@code .ruff.toml}, then {@code ruff.toml} (the whole file is the table), then
 * {@code pyproject.toml}'s {@code [tool.ruff]}; a pyproject.toml without it is passed over.
 */
public record RuffConfig(JsonNode table, Path directory) {
    /** No configuration file: every setting at its default. */
    public static final RuffConfig NONE = new RuffConfig(null, null);

    /** @throws LintUsageException when a configuration file on the way cannot be read, parsed or has unknown keys */
    public static RuffConfig find(Path start) {
        Path directory = start.toAbsolutePath().normalize();
        if (!Files.isDirectory(directory)) {
            directory = directory.getParent();
        }
        for (; directory != null; directory = directory.getParent()) {
            RuffConfig config = in(directory);
            if (config != null) {
                return config;
            }
        }
        return NONE;
    }

    /**
     * The configuration file of {@code directory} itself (absolute and normalized), or null
     * when it has none.
     *
     * @throws LintUsageException when it cannot be read or parsed, or has a key Ruff does not know
     */
    public static RuffConfig in(Path directory) {
        for (String name : List.of(".ruff.toml", "ruff.toml", "pyproject.toml")) {
            Path candidate = directory.resolve(name);
            if (!Files.isRegularFile(candidate)) {
                continue;
            }
            boolean pyproject = name.equals("pyproject.toml");
            JsonNode ruff;
            try (JsonParser parser = new TomlFactory().createParser(candidate.toFile())) {
                parser.nextToken();
                JsonNode file = tree(parser);
                ruff = pyproject ? file.path("tool").path("ruff") : file;
            } catch (IOException error) {
                throw new LintUsageException("cannot read " + candidate + ": " + error.getMessage());
            }
            if (ruff.isObject()) {
                RuffKeys.check(ruff, candidate, pyproject ? "[tool.ruff]" : "the top level");
                return new RuffConfig(ruff, directory);
            }
        }
        return null;
    }

    /**
     * The value at the parser's current token as {@code TomlMapper.readTree} reads it, without
     * an ObjectMapper: setting one up (date formats, time zones, serializer tables) was most
     * of what a pyproject.toml cost tandem lint's start-up.
     */
    private static JsonNode tree(JsonParser parser) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, tree(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(tree(parser));
                }
                yield array;
            }
            case VALUE_STRING -> nodes.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> nodes.numberNode(parser.getIntValue());
                case LONG -> nodes.numberNode(parser.getLongValue());
                default -> nodes.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> switch (parser.getNumberTypeFP()) {
                case BIG_DECIMAL -> nodes.numberNode(withoutTrailingZeros(parser.getDecimalValue()));
                case FLOAT32 -> nodes.numberNode(parser.getFloatValue());
                default -> nodes.numberNode(parser.getDoubleValue());
            };
            case VALUE_TRUE, VALUE_FALSE -> nodes.booleanNode(parser.getBooleanValue());
            case VALUE_EMBEDDED_OBJECT -> nodes.pojoNode(parser.getEmbeddedObject());
            case VALUE_NULL -> nodes.nullNode();
            default -> throw new IOException("unexpected " + parser.currentToken() + " in the TOML tree");
        };
    }

    /** As readTree's default: TOML's floats arrive as BigDecimals, which it strips where it can. */
    private static BigDecimal withoutTrailingZeros(BigDecimal value) {
        try {
            return value.stripTrailingZeros();
        } catch (ArithmeticException scaleOverflow) {
            return value;
        }
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
        if (node.isObject()) {
            Map<String, Object> entries = new LinkedHashMap<>();
            node.properties().forEach(entry -> entries.put(entry.getKey(), plain(entry.getValue())));
            return entries;
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

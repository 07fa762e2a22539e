package dev.tandem.sourcemap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JSON text as plain Java values, read with jackson-core's streaming parser: objects become
 * {@code Map<String, Object>} (the last of duplicate keys wins, as in Python's json), arrays
 * {@code List<Object>}, integers {@code Long} or {@code BigInteger}, other numbers
 * {@code Double}, and null {@code null}. A source map is small enough to hold as a tree, and
 * the tree lets the reader check fields in the order and words of python/tandem/sourcemap/__init__.py.
 */
final class JsonTree {
    /** Bundles carry their sources in sourcesContent: strings of many megabytes are normal. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();

    private JsonTree() {}

    static Object parse(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            return document(parser);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    static Object parse(byte[] utf8) {
        try (JsonParser parser = FACTORY.createParser(utf8)) {
            return document(parser);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private static Object document(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new SourceMapException("the source map is not valid JSON: it is empty");
        }
        Object value = value(parser, first);
        if (parser.nextToken() != null) {
            JsonLocation at = parser.currentTokenLocation();
            throw new SourceMapException("the source map is not valid JSON: extra data at line " + at.getLineNr()
                    + ", column " + at.getColumnNr());
        }
        return value;
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String key = parser.currentName();
                    object.put(key, value(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(value(parser, t));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? parser.getBigIntegerValue()
                        : (Object) parser.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IllegalStateException("unexpected JSON token " + token);
        }
    }

    private static RuntimeException failure(IOException e) {
        if (e instanceof JsonProcessingException json) {
            JsonLocation at = json.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return new SourceMapException("the source map is not valid JSON: " + json.getOriginalMessage() + where);
        }
        return new UncheckedIOException(e); // reading a String or byte[] does no I/O; kept for the signature
    }

    /** A value as JSON text, the way the error messages show it (as Python's json.dumps). */
    static String show(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> out.append(c < 0x20 || c > 0x7E ? String.format("\\u%04x", (int) c) : String.valueOf(c));
                }
            }
            return out.append('"').toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(JsonTree::show).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> show(e.getKey()) + ": " + show(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return String.valueOf(value); // Long, BigInteger, Double, Boolean
    }

    /** Whether {@code value} is a JSON integer (Python's int, which excludes bool and float). */
    static boolean isInteger(Object value) {
        return value instanceof Long || value instanceof BigInteger;
    }
}

package dev.tandem.sourcemap;

import java.util.ArrayList;
import java.util.List;

/**
 * A map's ECMA-426 {@code scopes} field, decoded: the generated ranges and the original scopes
 * that define them, for {@link SourceMap#originalFunctionName}. The Java twin of
 * python/tandem/sourcemap/_scopes.py, which documents the encoding (Chrome DevTools'
 * source-map-scopes-codec 0.9): the same items are read, the same skipped, the same messages given.
 */
final class Scopes {
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final int SCOPE_HAS_NAME = 1;
    private static final int SCOPE_HAS_KIND = 2;
    private static final int SCOPE_IS_FUNCTION = 4;
    private static final int RANGE_HAS_LINE = 1;
    private static final int RANGE_HAS_DEFINITION = 2;
    private static final int RANGE_IS_HIDDEN = 8;

    static final Scopes NONE = new Scopes(List.of());

    /** An original scope: its name (null when it has none) and whether it is a function. */
    private record Original(String name, boolean isFunction) {}

    /** A generated range, 0-based start (inclusive) and end (exclusive), and its definition or null. */
    private record Range(int startLine, int startColumn, int endLine, int endColumn, Original definition,
            boolean hidden) {
        boolean holds(int line, int column) {
            return compare(startLine, startColumn, line, column) <= 0 && compare(line, column, endLine, endColumn) < 0;
        }
    }

    /** The ranges in the order they start (outer before inner). */
    private final List<Range> ranges;

    private Scopes(List<Range> ranges) {
        this.ranges = ranges;
    }

    /**
     * The original function around generated 0-based ({@code line}, {@code column}): null when no
     * range names one there, else its name, {@code ""} standing for an anonymous function.
     */
    String functionAt(int line, int column) {
        Range found = null;
        for (Range range : ranges) {
            if (range.holds(line, column) && !range.hidden && range.definition != null && range.definition.isFunction) {
                found = range;
            }
        }
        return found == null ? null : found.definition.name == null ? "" : found.definition.name;
    }

    /** The field {@code value} (as JSON gives it) of a map with these {@code names}. */
    static Scopes of(Object value, List<String> names) {
        if (value == null) {
            return NONE;
        }
        if (!(value instanceof String text)) {
            throw error("expected a string, got " + switch (value) {
                case List<?> list -> "list";
                case java.util.Map<?, ?> map -> "dict";
                case Boolean bool -> "bool";
                case Double number -> "float";
                default -> "int";
            });
        }
        return text.isEmpty() ? NONE : decode(text, names);
    }

    private static Scopes decode(String text, List<String> names) {
        Reader reader = new Reader(text);
        List<Original> all = new ArrayList<>(); // every original scope, in start order
        int openScopes = 0;
        List<int[]> starts = new ArrayList<>(); // each open range: {line, column, definition index or -1, hidden}
        List<Range> ranges = new ArrayList<>();
        List<Integer> order = new ArrayList<>(); // the index each finished range takes: its start order
        List<Integer> openOrder = new ArrayList<>();
        long[] scopeState = new long[4]; // line, column, name, kind
        long[] rangeState = new long[3]; // line, column, definition
        while (reader.position < text.length()) {
            int start = reader.position;
            long[] values = reader.nextItem();
            long tag = values[0];
            if (tag == 1) { // original scope start
                long flags = value(values, 1, start);
                long line = value(values, 2, start);
                long column = value(values, 3, start);
                scopeState[0] += line;
                scopeState[1] = line != 0 ? column : scopeState[1] + column;
                int at = 4;
                String name = null;
                if ((flags & SCOPE_HAS_NAME) != 0) {
                    scopeState[2] += signed(value(values, at++, start));
                    name = name(names, scopeState[2], start);
                }
                if ((flags & SCOPE_HAS_KIND) != 0) {
                    scopeState[3] += signed(value(values, at, start));
                    name(names, scopeState[3], start);
                }
                all.add(new Original(name, (flags & SCOPE_IS_FUNCTION) != 0));
                openScopes++;
            } else if (tag == 2) { // original scope end
                long line = value(values, 1, start);
                long column = value(values, 2, start);
                scopeState[0] += line;
                scopeState[1] = line != 0 ? column : scopeState[1] + column;
                if (openScopes == 0) {
                    throw error("the scope end at offset " + start + " closes no scope");
                }
                if (--openScopes == 0) { // the next source's scopes count from its own start
                    scopeState[0] = 0;
                    scopeState[1] = 0;
                }
            } else if (tag == 4) { // generated range start
                long flags = value(values, 1, start);
                int at = 2;
                if ((flags & RANGE_HAS_LINE) != 0) {
                    rangeState[0] += value(values, at, start);
                    rangeState[1] = value(values, at + 1, start);
                    at += 2;
                } else {
                    rangeState[1] += value(values, at++, start);
                }
                int definition = -1;
                if ((flags & RANGE_HAS_DEFINITION) != 0) {
                    rangeState[2] += signed(value(values, at, start));
                    if (rangeState[2] < 0 || rangeState[2] >= all.size()) {
                        throw error("the range at offset " + start + " refers to scope " + rangeState[2] + ", but "
                                + all.size() + " scopes come before it");
                    }
                    definition = (int) rangeState[2];
                }
                starts.add(new int[] {(int) rangeState[0], (int) rangeState[1], definition,
                    (flags & RANGE_IS_HIDDEN) != 0 ? 1 : 0});
                openOrder.add(order.size() + openOrder.size());
            } else if (tag == 5) { // generated range end: a column, or a line and a column
                if (values.length > 2 && values[1] != 0) {
                    rangeState[0] += values[1];
                    rangeState[1] = values[2];
                } else {
                    rangeState[1] += values.length > 2 ? values[2] : value(values, 1, start);
                }
                if (starts.isEmpty()) {
                    throw error("the range end at offset " + start + " closes no range");
                }
                int[] begun = starts.removeLast();
                ranges.add(new Range(begun[0], begun[1], (int) rangeState[0], (int) rangeState[1],
                        begun[2] < 0 ? null : all.get(begun[2]), begun[3] == 1));
                order.add(openOrder.removeLast());
            }
        }
        if (openScopes > 0 || !starts.isEmpty()) {
            throw error("the field ends with a scope or range still open");
        }
        Range[] byStart = new Range[ranges.size()];
        for (int i = 0; i < ranges.size(); i++) {
            byStart[order.get(i)] = ranges.get(i);
        }
        return new Scopes(List.of(byStart));
    }

    private static int compare(int line, int column, int otherLine, int otherColumn) {
        return line != otherLine ? Integer.compare(line, otherLine) : Integer.compare(column, otherColumn);
    }

    private static long signed(long raw) {
        return (raw & 1) != 0 ? -(raw >> 1) : raw >> 1;
    }

    private static long value(long[] values, int at, int start) {
        if (at >= values.length) {
            throw error("the item at offset " + start + " has " + (values.length - 1) + " values, too few for its tag");
        }
        return values[at];
    }

    private static String name(List<String> names, long index, int start) {
        if (index < 0 || index >= names.size()) {
            throw error("the item at offset " + start + " refers to name " + index + ", but the map has "
                    + names.size() + " names");
        }
        return names.get((int) index);
    }

    private static SourceMapException error(String message) {
        return new SourceMapException("scopes: " + message);
    }

    /** The items of the field, one at a time: each item's values, its tag first. */
    private static final class Reader {
        private final String text;
        int position;

        Reader(String text) {
            this.text = text;
        }

        long[] nextItem() {
            int start = position;
            List<Long> values = new ArrayList<>();
            while (position < text.length() && text.charAt(position) != ',') {
                values.add(vlq());
            }
            position++; // past the ","
            if (values.isEmpty()) {
                throw error("empty item at offset " + start);
            }
            return values.stream().mapToLong(Long::longValue).toArray();
        }

        private long vlq() {
            int start = position;
            long raw = 0;
            int shift = 0;
            while (true) {
                if (position == text.length() || text.charAt(position) == ',') {
                    throw error("the VLQ value at offset " + start + " ends without its last digit");
                }
                char character = text.charAt(position);
                int digit = BASE64.indexOf(character);
                if (digit < 0) {
                    throw error("invalid Base64 VLQ character " + quoted(character) + " at offset " + position);
                }
                position++;
                raw |= (long) (digit & 31) << shift;
                shift += 5;
                if (shift > 35) {
                    throw error("the VLQ value at offset " + start + " does not fit in 32 bits");
                }
                if ((digit & 32) == 0) {
                    return raw;
                }
            }
        }

        /** A character as Python's repr shows it, for messages identical to the reference's. */
        private static String quoted(char character) {
            return character == '\'' ? "\"'\"" : character == '\\' ? "'\\\\'" : "'" + character + "'";
        }
    }
}

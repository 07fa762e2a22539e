package dev.tandem.lint;

/**
 * A reader of the JSON shapes the linter kernels return (arrays and objects of strings, nulls
 * and whole numbers; see {@link LintDiagnostic#fromRows} and {@link LintFixed}), strict as JSON is. Jackson's parser would do, but its
 * classes initialise {@code java.math.BigDecimal}, whose tables cost {@code tandem lint} some
 * 15 ms of its start-up.
 */
final class RowsJson {
    private static final String HEX = "0123456789abcdef";

    private final String text;
    private int at;

    RowsJson(String text) {
        this.text = text;
    }

    /** Takes {@code c}, after any whitespace. */
    void expect(char c) {
        if (!next(c)) {
            throw error("'" + c + "'");
        }
    }

    /** Takes {@code c} if it comes next, after any whitespace. */
    boolean next(char c) {
        skipWhitespace();
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    /** Nothing but whitespace left. */
    void end() {
        skipWhitespace();
        if (at < text.length()) {
            throw error("the end");
        }
    }

    String string() {
        expect('"');
        StringBuilder value = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw error("the rest of a string");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return value.toString();
            }
            if (c < 0x20) {
                throw error("an escaped control character");
            }
            value.append(c == '\\' ? escaped() : c);
        }
    }

    /** A string, or null for JSON's {@code null}. */
    String stringOrNull() {
        skipWhitespace();
        if (text.startsWith("null", at)) {
            at += 4;
            return null;
        }
        return string();
    }

    /** Takes {@code "name":}, the next key of an object, which must be {@code name}. */
    void key(String name) {
        int start = at;
        if (!string().equals(name)) {
            at = start;
            throw error("the key \"" + name + "\"");
        }
        expect(':');
    }

    /** A whole number that fits in an int: no fraction, exponent or leading zero. */
    int integer() {
        skipWhitespace();
        int start = at;
        if (at < text.length() && text.charAt(at) == '-') {
            at++;
        }
        int digits = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        boolean fraction = at < text.length() && ".eE".indexOf(text.charAt(at)) >= 0;
        if (at == digits || fraction || (text.charAt(digits) == '0' && at - digits > 1)) {
            at = start;
            throw error("a whole number");
        }
        try {
            return Integer.parseInt(text, start, at, 10);
        } catch (NumberFormatException outOfRange) {
            at = start;
            throw error("a number within an int");
        }
    }

    private char escaped() {
        if (at >= text.length()) {
            throw error("an escape");
        }
        char c = text.charAt(at++);
        return switch (c) {
            case '"', '\\', '/' -> c;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                int unit = 0;
                for (int end = at + 4; at < end; at++) {
                    int digit = at < text.length() ? HEX.indexOf(Character.toLowerCase(text.charAt(at))) : -1;
                    if (digit < 0) {
                        throw error("a hex digit");
                    }
                    unit = unit * 16 + digit;
                }
                yield (char) unit;
            }
            default -> {
                at--;
                throw error("an escape");
            }
        };
    }

    private void skipWhitespace() {
        while (at < text.length() && " \t\n\r".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private IllegalArgumentException error(String expected) {
        String found = at < text.length() ? "'" + text.charAt(at) + "'" : "the end";
        return new IllegalArgumentException("the linter's result is not JSON of its rows: " + found + " at offset "
                + at + " where " + expected + " belongs");
    }
}

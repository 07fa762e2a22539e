package dev.tandem.lint;

import java.util.regex.Pattern;

/**
 * Python's {@code fnmatch.fnmatchcase}, which Ruff-style {@code exclude} patterns follow:
 * {@code *} matches any run of characters, slashes included, {@code ?} any one, {@code [seq]}
 * and {@code [!seq]} a set; the whole name must match.
 */
final class FnMatch {
    private FnMatch() {}

    static Pattern compile(String pattern) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i++);
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < n && pattern.charAt(j) == '!') {
                    j++;
                }
                if (j < n && pattern.charAt(j) == ']') {
                    j++;
                }
                while (j < n && pattern.charAt(j) != ']') {
                    j++;
                }
                if (j >= n) { // no closing bracket: a literal '['
                    regex.append("\\[");
                } else {
                    String set = pattern.substring(i, j).replace("\\", "\\\\").replace("[", "\\[");
                    i = j + 1;
                    if (set.startsWith("!")) {
                        set = "^" + set.substring(1);
                    } else if (set.startsWith("^")) {
                        set = "\\" + set;
                    }
                    regex.append('[').append(set).append(']');
                }
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}

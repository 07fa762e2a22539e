package dev.tandem.lint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to check and what to skip: the defaults, then pyproject.toml's {@code [tool.ruff]}, then
 * the command line. A command-line {@code --select} starts the selection afresh (the file's
 * {@code ignore} is dropped); {@code --ignore} adds to the file's.
 *
 * @param select     rule-code prefixes to report; empty: Ruff's default selection. A selection
 *                   inside the classic subset ({@link RuleCodes#classic(List)}) is served by
 *                   every backend of lint.check_files, any other by Ruff's own linter (native/ruff)
 * @param ignore     prefixes to leave out (the longer matching prefix wins)
 * @param lineLength E501's limit
 * @param exclude    fnmatch patterns of names, or of paths relative to {@code configDir}
 * @param configDir  where the pyproject.toml was found; null without one
 * @param perFileIgnores {@code per-file-ignores} and {@code extend-per-file-ignores}: fnmatch
 *                   patterns ({@code !} negates) of file names, or of paths under {@code configDir},
 *                   each with the codes to ignore in the files it matches ({@link #forFile})
 */
public record LintSettings(List<String> select, List<String> ignore, int lineLength, List<String> exclude,
        Path configDir, Map<String, List<String>> perFileIgnores) {
    /** Ruff's default {@code exclude}, plus __pycache__, build and env, which Tandem skips too. */
    public static final List<String> DEFAULT_EXCLUDE = List.of(".bzr", ".direnv", ".eggs", ".git", ".git-rewrite",
            ".hg", ".ipynb_checkpoints", ".mypy_cache", ".nox", ".pants.d", ".pyenv", ".pytest_cache", ".pytype",
            ".ruff_cache", ".svn", ".tox", ".venv", ".vscode", "__pycache__", "__pypackages__", "_build", "buck-out",
            "build", "dist", "env", "node_modules", "site-packages", "venv");

    /** Ruff's bounds for line-length. */
    private static final int MAX_LINE_LENGTH = 320;

    public LintSettings {
        select = List.copyOf(select);
        ignore = List.copyOf(ignore);
        exclude = List.copyOf(exclude);
        perFileIgnores = Collections.unmodifiableMap(new LinkedHashMap<>(perFileIgnores));
    }

    /** These settings for the file at {@code file}: the codes of each per-file-ignores pattern it matches added to {@link #ignore}. */
    public LintSettings forFile(Path file) {
        if (perFileIgnores.isEmpty()) {
            return this;
        }
        Path absolute = file.toAbsolutePath().normalize();
        String name = absolute.getFileName() == null ? "" : absolute.getFileName().toString();
        List<String> ignored = new ArrayList<>(ignore);
        perFileIgnores.forEach((pattern, codes) -> {
            boolean negated = pattern.startsWith("!");
            String glob = negated ? pattern.substring(1) : pattern;
            boolean matches = FnMatch.compile(glob).matcher(name).matches()
                    || FnMatch.compile(configDir.resolve(glob).normalize().toString()).matcher(absolute.toString()).matches();
            if (matches != negated) {
                ignored.addAll(codes);
            }
        });
        return new LintSettings(select, ignored, lineLength, exclude, configDir, perFileIgnores);
    }

    /**
     * The settings from {@code config} overridden by the command line's values (null: not given).
     *
     * @throws LintUsageException for a bad rule code or line length, on the line or in the file
     */
    public static LintSettings resolve(RuffConfig config, List<String> select, List<String> ignore, Integer lineLength) {
        String where = "pyproject.toml [tool.ruff]";
        String source = config.directory() == null ? where : "the [tool.ruff] configuration in " + config.directory();
        Object configSelect = config.lintKey("select");
        List<String> chosen = new ArrayList<>(
                configSelect != null ? RuleCodes.parse(configSelect, "select", source) : List.of());
        Object extend = config.lintKey("extend-select");
        if (extend != null) {
            if (configSelect == null) {
                chosen.addAll(RuleCodes.DEFAULT_SELECT); // extends the classic rules, not Ruff's default
            }
            chosen.addAll(RuleCodes.parse(extend, "extend-select", source));
        }
        Object configIgnore = config.lintKey("ignore");
        List<String> left = new ArrayList<>(
                configIgnore != null ? RuleCodes.parse(configIgnore, "ignore", source) : List.of());
        if (select != null) {
            chosen = new ArrayList<>(select);
            left.clear();
        }
        if (ignore != null) {
            left.addAll(ignore);
        }
        int length = lineLength != null ? checkLineLength(lineLength, "--line-length")
                : config.key("line-length") != null ? checkLineLength(config.key("line-length"), where) : 88;
        List<String> exclude = new ArrayList<>(config.key("exclude") != null
                ? strings(config.key("exclude"), where + " exclude") : DEFAULT_EXCLUDE);
        if (config.key("extend-exclude") != null) {
            exclude.addAll(strings(config.key("extend-exclude"), where + " extend-exclude"));
        }
        Map<String, List<String>> perFile = new LinkedHashMap<>();
        for (String key : List.of("per-file-ignores", "extend-per-file-ignores")) {
            Object table = config.lintKey(key);
            if (table == null) {
                continue;
            }
            if (!(table instanceof Map<?, ?> patterns)) {
                throw new LintUsageException(where + " " + key + ": expected a table of patterns, got " + table);
            }
            patterns.forEach((pattern, codes) -> perFile.computeIfAbsent(String.valueOf(pattern), any -> new ArrayList<>())
                    .addAll(RuleCodes.parse(codes, key, source)));
        }
        return new LintSettings(chosen, left, length, exclude, config.directory(), perFile);
    }

    /** @throws LintUsageException unless {@code value} is a whole number from 1 to 320 */
    public static int checkLineLength(Object value, String where) {
        if (!(value instanceof Number number) || number.longValue() != number.doubleValue()) {
            throw new LintUsageException(where + ": not a whole number: " + value);
        }
        long length = number.longValue();
        if (length < 1 || length > MAX_LINE_LENGTH) {
            throw new LintUsageException(where + ": must be between 1 and " + MAX_LINE_LENGTH + ", got " + length);
        }
        return (int) length;
    }

    private static List<String> strings(Object value, String where) {
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new LintUsageException(where + ": expected a list of strings, got " + value);
        }
        return list.stream().map(String.class::cast).toList();
    }
}

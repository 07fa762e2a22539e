package dev.tandem.lint;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Set;

/**
 * The settings Ruff 0.17 knows (the names {@code ruff config} and {@code ruff config lint}
 * list), so that a misspelt key is an error naming it and its file, as in Ruff, instead of a
 * setting silently left at its default. Only the names are checked: Tandem reads a few of
 * them, and the rest (formatter, plugin tables...) are Ruff's business.
 */
final class RuffKeys {
    /** The top level of [tool.ruff] (ruff.toml's top level). */
    private static final Set<String> TOP = Set.of("cache-dir", "extend", "output-format", "output-prefer-rule-codes",
            "fix", "unsafe-fixes", "fix-only", "show-fixes", "required-version", "preview", "exclude", "extend-exclude",
            "extend-include", "force-exclude", "include", "respect-gitignore", "extension", "builtins",
            "namespace-packages", "target-version", "per-file-target-version", "src", "line-length", "indent-width",
            "lint", "format", "analyze");

    /** [tool.ruff.lint], whose keys Ruff still takes at the top level too (deprecated there). */
    private static final Set<String> LINT = Set.of("allowed-confusables", "dummy-variable-rgx", "extend-ignore",
            "extend-select", "extend-fixable", "external", "fixable", "ignore", "extend-safe-fixes",
            "extend-unsafe-fixes", "ignore-init-module-imports", "logger-objects", "select", "explicit-preview-rules",
            "task-tags", "typing-modules", "unfixable", "flake8-annotations", "flake8-bandit", "flake8-boolean-trap",
            "flake8-bugbear", "flake8-builtins", "flake8-comprehensions", "flake8-copyright", "flake8-errmsg",
            "flake8-quotes", "flake8-self", "flake8-tidy-imports", "flake8-type-checking", "flake8-gettext",
            "flake8-implicit-str-concat", "flake8-import-conventions", "flake8-pytest-style",
            "flake8-unused-arguments", "isort", "mccabe", "pep8-naming", "pycodestyle", "pydocstyle", "pyflakes",
            "pylint", "pyupgrade", "per-file-ignores", "extend-per-file-ignores", "exclude", "pydoclint", "ruff",
            "preview", "typing-extensions", "future-annotations");

    private RuffKeys() {}

    /** @throws LintUsageException naming the first key of {@code table} (or of its lint table) Ruff does not know */
    static void check(JsonNode table, Path file, String where) {
        table.fieldNames().forEachRemaining(key -> {
            if (!TOP.contains(key) && !LINT.contains(key)) {
                throw new LintUsageException(file + ": unknown field '" + key + "' in " + where);
            }
        });
        JsonNode lint = table.path("lint");
        if (lint.isObject()) {
            String lintWhere = where.equals("[tool.ruff]") ? "[tool.ruff.lint]" : "[lint]";
            lint.fieldNames().forEachRemaining(key -> {
                if (!LINT.contains(key)) {
                    throw new LintUsageException(file + ": unknown field '" + key + "' in " + lintWhere);
                }
            });
        }
    }
}

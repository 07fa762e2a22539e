package dev.tandem.lint;

import java.util.List;

/**
 * A backend of {@code lint.check_files}: reads and lints files, returning the JSON array of each
 * file's rows as {@link LintDiagnostic#fromRows} reads it. The Rust backend is
 * {@code LintRust::check_files}; the Python reference is {@code tandem.lint.check_files}.
 */
@FunctionalInterface
public interface FileLinter {
    String checkFiles(List<String> paths, String select, String ignore, long lineLength);
}

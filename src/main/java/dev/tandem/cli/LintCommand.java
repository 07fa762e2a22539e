package dev.tandem.cli;

import dev.tandem.ffi.NativeLibrary;
import dev.tandem.lint.DirectorySettings;
import dev.tandem.lint.FileFixed;
import dev.tandem.lint.FileLinter;
import dev.tandem.lint.Fixer;
import dev.tandem.lint.LintDiagnostic;
import dev.tandem.lint.LintOutput;
import dev.tandem.lint.LintRuff;
import dev.tandem.lint.LintSettings;
import dev.tandem.lint.LintUsageException;
import dev.tandem.lint.Linter;
import dev.tandem.lint.PythonFiles;
import dev.tandem.lint.RuleCodes;
import dev.tandem.route.Backend;
import dev.tandem.route.BackendUnavailableException;
import dev.tandem.route.Route;
import dev.tandem.route.RoutePolicy;
import dev.tandem.route.Router;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tandem lint}: Ruff's default rules over files and directories. The walk, the
 * configuration and the output are done here, in the host; the files are read and linted by
 * the {@code lint.check_files} backend the {@link Router} picks: Rust on every core (no Python
 * context is started at all), or the Python reference in a GraalPy context.
 */
@Command(name = "lint",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Check Python files for Ruff's default rules, or with --select any of Ruff's rules (ruff_linter 0.16.4).",
                       "Directories are walked for *.py and *.pyi, skipping venvs, caches and build directories;",
                       "Each file takes [tool.ruff] from the nearest pyproject.toml (or ruff.toml) above it; these options override it.",
                       "The files are linted by the backend routed for lint.check_files (auto: rust, else python; java has none).",
                       "--fix applies Ruff's safe fixes (with --unsafe-fixes, the unsafe ones too); --diff shows them and writes nothing.",
                       "Exit status: 0 clean, 1 diagnostics found (with --fix: remaining; with --diff: a file would change),",
                       "2 usage error or a file the linter failed on."})
final class LintCommand implements Callable<Integer> {
    static final String KERNEL = "lint.check_files";
    /** The kernel of Ruff's default selection: Ruff's own linter, linked into native/ruff. */
    static final String RUFF_KERNEL = "lint.ruff_files";
    /** The kernel of Ruff's fixes, whose rust backend also fixes files for --fix and --diff. */
    static final String FIX_KERNEL = "lint.fix";

    /**
     * What {@link #run} returns, before printing anything, when the {@link Router} picked python
     * but this JVM has no GraalPy: the launcher starts tandem lint without it (scripts/lint-launch.sh),
     * and {@link Main} then runs the command again through the launcher with Python allowed.
     */
    static final int RERUN_WITH_PYTHON = -1;

    private static final String USAGE = "usage: tandem lint [--select CODES] [--ignore CODES] [--line-length N] "
            + "[--output-format text|json] [--fix] [--diff] [--unsafe-fixes] PATH...";

    @Option(names = "--select", paramLabel = "CODES", description = "Ruff rule codes or prefixes, comma-separated (default: Ruff's default rules). Beyond E4, E7, E9, F, W291, W293, E501 they are served by Ruff's linter.")
    String select;

    @Option(names = "--ignore", paramLabel = "CODES", description = "Rule codes or prefixes to leave out, comma-separated.")
    String ignore;

    @Option(names = "--line-length", paramLabel = "N", description = "The limit of E501 (default: 88).")
    Integer lineLength;

    @Option(names = "--output-format", paramLabel = "text|json", defaultValue = LintLine.TEXT,
            description = "text: flake8's path:line:col: CODE message; json: Ruff's JSON (default: ${DEFAULT-VALUE}).")
    String outputFormat;

    @Option(names = "--fix", description = "Apply Ruff's safe fixes, writing each changed file back atomically; "
            + "print what remains and Ruff's summary.")
    boolean fix;

    @Option(names = "--diff", description = "Print the diff the fixes would make, writing nothing, even with --fix "
            + "(exit status 1 when there would be changes).")
    boolean diff;

    @Option(names = "--unsafe-fixes", description = "With --fix or --diff, apply Ruff's unsafe fixes too (alone: no effect).")
    boolean unsafeFixes;

    @Mixin
    RoutingOptions routing;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files and directories to check.")
    List<String> paths = new ArrayList<>();

    @Override
    public Integer call() {
        return run(line());
    }

    /** The options picocli filled in. */
    LintLine line() {
        return new LintLine(select, ignore, lineLength, outputFormat, fix, diff, unsafeFixes, routing.backend,
                routing.routes, paths);
    }

    /** Lints as {@code line} says; the exit status. */
    static int run(LintLine line) {
        PrintStream err = System.err;
        Map<String, LintSettings> files;
        try {
            files = PythonFiles.collect(line.paths(), settings(line)::of);
            files.replaceAll((file, settings) -> settings.forFile(Path.of(file)));
        } catch (LintUsageException error) {
            err.println("tandem lint: " + error.getMessage() + "\n" + USAGE);
            return 2;
        } catch (UncheckedIOException error) {
            err.println("tandem lint: " + error.getMessage() + ": " + error.getCause().getMessage());
            return 2;
        }
        RoutePolicy policy = RoutingOptions.policy(System.getenv(), line.backend(), line.routes());
        Router router = Router.builtin(null); // python runs here, or in the run again with GraalPy
        if (line.fix() || line.diff()) {
            return fix(line, files, router, policy);
        }
        boolean classic = files.values().stream().anyMatch(settings -> RuleCodes.classic(settings.select()));
        Route route = null;
        FileLinter ruff = null;
        try {
            if (classic) {
                route = router.route(KERNEL, policy);
            }
            if (files.values().stream().anyMatch(settings -> !RuleCodes.classic(settings.select()))) {
                ruff = ruffBackend(router, policy);
            }
        } catch (BackendUnavailableException | LintUsageException unavailable) {
            err.println("tandem lint: " + unavailable.getMessage());
            return 2;
        }
        if (route != null && route.backend() == Backend.PYTHON
                && ModuleLayer.boot().findModule("org.graalvm.py").isEmpty()) {
            return RERUN_WITH_PYTHON;
        }
        if (route != null) {
            route.note().ifPresent(note -> err.println("tandem lint: " + note));
        }
        Linter.Outcome outcome;
        if (route != null && route.backend() == Backend.PYTHON) {
            try (LintPythonBackend python = new LintPythonBackend(policy)) {
                outcome = Linter.run(files, either(python, ruff), err);
            }
        } else {
            outcome = Linter.run(files, either(route == null ? null : bound(router, route), ruff), err);
        }
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        if (line.outputFormat().equals("json")) {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            LintOutput.writeJson(outcome.diagnostics(), writer);
        } else {
            LintOutput.writeText(outcome.diagnostics(), out);
        }
        return outcome.failed() ? 2 : outcome.diagnostics().isEmpty() ? 0 : 1;
    }

    /**
     * {@code --fix} or {@code --diff}: every file fixed by Ruff's own fix loop (the rust backend of
     * {@link #FIX_KERNEL}; only it has fixes), whatever the selection. Under {@code --fix} the
     * remaining diagnostics and Ruff's summary are printed, the exit status is 1 while any remain;
     * under {@code --diff} the diffs and what would be fixed, the exit status 1 when anything
     * would change. A file left unfixed (read-only, changed while being fixed, a fix that would
     * break its syntax) is one line on stderr; its diagnostics remain.
     */
    private static int fix(LintLine line, Map<String, LintSettings> files, Router router, RoutePolicy policy) {
        PrintStream err = System.err;
        Route route;
        try {
            route = router.route(FIX_KERNEL, policy);
        } catch (BackendUnavailableException unavailable) {
            err.println("tandem lint: " + unavailable.getMessage());
            return 2;
        }
        if (route.backend() != Backend.RUST) {
            err.println("tandem lint: --fix and --diff are served by the rust backend of " + FIX_KERNEL
                    + " only (Ruff's fixes, native/ruff), not by " + route.backend().label()
                    + "; its library is " + NativeLibrary.ruff().summary());
            return 2;
        }
        List<FileFixed> fixed;
        try {
            fixed = Fixer.run(files, new LintRuff(), line.unsafeFixes(), line.diff());
        } catch (RuntimeException failure) {
            err.println("tandem lint: failed: " + failure.getMessage());
            return 2;
        }
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        StringBuilder diffs = new StringBuilder();
        for (FileFixed file : fixed) {
            if (file.error() != null) {
                err.println("tandem lint: " + file.path() + ": " + file.error());
            }
            if (line.diff() && file.diff() != null) {
                diffs.append(file.diff());
            }
        }
        if (line.diff()) {
            out.print(diffs.append(Fixer.summary(fixed, true)));
            out.flush();
            return fixed.stream().anyMatch(file -> file.diff() != null) ? 1 : 0;
        }
        List<LintDiagnostic> remaining = Fixer.remaining(fixed);
        if (line.outputFormat().equals("json")) {
            LintOutput.writeJson(remaining, new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
        } else {
            LintOutput.writeText(remaining, out);
            out.print(Fixer.summary(fixed, false));
            out.flush();
        }
        return remaining.isEmpty() ? 0 : 1;
    }

    /**
     * The backend of {@link #RUFF_KERNEL}, for files under Ruff's default selection or a selection
     * beyond the classic subset: its rust backend, which links Ruff's linter; the python
     * reference has the classic rules only.
     *
     * @throws LintUsageException when the router does not pick rust, saying why
     */
    private static FileLinter ruffBackend(Router router, RoutePolicy policy) {
        Route route = router.route(RUFF_KERNEL, policy);
        if (route.backend() != Backend.RUST) {
            throw new LintUsageException("Ruff's default rules, and any beyond E4, E7, E9, F, W291, W293 and E501, "
                    + "are served by the rust backend of " + RUFF_KERNEL
                    + " only (Ruff's linter in native/ruff; its library is " + NativeLibrary.ruff().summary()
                    + "), not by " + route.backend().label() + "; --select E4,E7,E9,F checks the classic rules "
                    + "on every backend");
        }
        return bound(router, route);
    }

    /** The host backend {@code route} names, as a {@link FileLinter}. */
    private static FileLinter bound(Router router, Route route) {
        Router.BoundKernel bound = router.bind(route);
        return (paths, select, ignore, lineLength) -> (String) bound.call(paths, select, ignore, lineLength);
    }

    /**
     * {@code classic} for calls under a selection inside the classic subset, given the classic
     * entries of their ignore list (it reports no other codes); else {@code ruff}, which serves
     * every rule.
     */
    private static FileLinter either(FileLinter classic, FileLinter ruff) {
        return (paths, select, ignore, lineLength) -> {
            if (!RuleCodes.classic(codes(select))) {
                return ruff.checkFiles(paths, select, ignore, lineLength);
            }
            return classic.checkFiles(paths, select, String.join(",", RuleCodes.classicOnly(codes(ignore))), lineLength);
        };
    }

    private static List<String> codes(String joined) {
        return joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }

    /**
     * The options checked; each file's settings are then its nearest configuration's under them.
     * A symbolic link that leads nowhere (a loop, a missing target) is no usage error: it is
     * linted, and the read's reason is its diagnostic, as in Ruff.
     */
    private static DirectorySettings settings(LintLine line) {
        String outputFormat = line.outputFormat();
        if (!outputFormat.equals("text") && !outputFormat.equals("json")) {
            throw new LintUsageException("--output-format is text or json, not '" + outputFormat + "'");
        }
        List<String> selected = line.select() == null ? null : RuleCodes.parse(line.select(), "select", "the CLI");
        List<String> ignored = line.ignore() == null ? null : RuleCodes.parse(line.ignore(), "ignore", "the CLI");
        if (line.lineLength() != null) {
            LintSettings.checkLineLength(line.lineLength(), "--line-length");
        }
        List<String> missing = line.paths().stream()
                .filter(path -> !Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS)).toList();
        if (!missing.isEmpty()) {
            throw new LintUsageException("no such file or directory: " + String.join(", ", missing));
        }
        return new DirectorySettings(selected, ignored, line.lineLength());
    }
}

package dev.tandem.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tandem lint}: Ruff's default rules over files and directories, through python/tandem/_lint_cli.py. */
@Command(name = "lint",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Check Python files for Ruff's default rules (E4, E7, E9, F; W291, W293 and E501 on request).",
                       "Directories are walked for *.py and *.pyi, skipping venvs, caches and build directories;",
                       "[tool.ruff] in the nearest pyproject.toml is read, and these options override it.",
                       "Exit status: 0 clean, 1 diagnostics found, 2 usage error."})
final class LintCommand implements Callable<Integer> {
    @Option(names = "--select", paramLabel = "CODES", description = "Rule codes or prefixes, comma-separated (default: E4,E7,E9,F).")
    String select;

    @Option(names = "--ignore", paramLabel = "CODES", description = "Rule codes or prefixes to leave out, comma-separated.")
    String ignore;

    @Option(names = "--line-length", paramLabel = "N", description = "The limit of E501 (default: 88).")
    Integer lineLength;

    @Option(names = "--output-format", paramLabel = "text|json", defaultValue = "text",
            description = "text: flake8's path:line:col: CODE message; json: Ruff's JSON (default: ${DEFAULT-VALUE}).")
    String outputFormat;

    @Mixin
    RoutingOptions routing;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files and directories to check.")
    List<String> paths = new ArrayList<>();

    @Override
    public Integer call() {
        // The driver takes "--name value" pairs, then "--", then the paths, and validates them itself.
        List<String> argv = new ArrayList<>(List.of("--output-format", outputFormat));
        if (select != null) {
            argv.addAll(List.of("--select", select));
        }
        if (ignore != null) {
            argv.addAll(List.of("--ignore", ignore));
        }
        if (lineLength != null) {
            argv.addAll(List.of("--line-length", lineLength.toString()));
        }
        argv.add("--");
        argv.addAll(paths);
        return new ScriptLauncher(System.err, routing.policy(System.getenv()))
                .runTool("import sys, tandem._lint_cli\nsys.exit(tandem._lint_cli.main(sys.argv[1:]))", argv);
    }
}

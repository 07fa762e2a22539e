package dev.tandem.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tandem}: the top-level command. */
@Command(name = "tandem",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Runs Python scripts on GraalPy in a Java host, with kernels routed to Java and Rust.",
        subcommands = {RunCommand.class, KernelsCommand.class, CalibrateCommand.class, BenchCommand.class,
            TokenizeCommand.class, SymbolicateCommand.class, LintCommand.class, DoctorCommand.class,
            CommandLine.HelpCommand.class})
final class TandemCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RoutingOptions routing;

    @Option(names = "-c", paramLabel = "CODE", description = "Run CODE like `python -c CODE`.")
    String code;

    @Parameters(paramLabel = "ARGS", description = "Arguments for CODE (sys.argv[1:]).")
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        if (code == null) {
            spec.commandLine().usage(spec.commandLine().getErr());
            return 2;
        }
        Invocation caller = Invocation.current();
        return new ScriptLauncher(caller.err(), routing.policy(caller.environment())).runCode(code, arguments);
    }
}

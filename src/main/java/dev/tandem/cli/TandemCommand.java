package dev.tandem.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Stack;
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
            TokenizeCommand.class, SymbolicateCommand.class, LintCommand.class, DoctorCommand.class, KernelCommand.class,
            CommandLine.HelpCommand.class})
final class TandemCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RoutingOptions routing;

    @Mixin
    VenvOption venv;

    @Mixin
    KernelsOption kernels;

    // -c and -m end Tandem's options, as they end python's: what follows is the program's.
    @Option(names = "-c", paramLabel = "CODE", parameterConsumer = RestIsArguments.class,
            description = "Run CODE like `python -c CODE`.")
    String code;

    @Option(names = "-m", paramLabel = "MODULE", parameterConsumer = RestIsArguments.class,
            description = "Run a module like `python -m MODULE` (e.g. -m venv DIR, -m pip install NAME).")
    String module;

    @Parameters(paramLabel = "ARGS", description = "Arguments for CODE or MODULE (sys.argv[1:]).")
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        if (code == null && module == null) {
            spec.commandLine().usage(spec.commandLine().getErr());
            return 2;
        }
        Invocation caller = Invocation.current();
        ScriptLauncher launcher = new ScriptLauncher(caller.err(), routing.policy(caller.environment()),
                Interpreters.forTandem(venv.directory, caller)).withKernels(kernels.registry(caller));
        return code != null ? launcher.runCode(code, arguments) : launcher.runModule(module, arguments);
    }

    /** Takes the option's value, then every remaining word as the program's arguments. */
    static final class RestIsArguments implements CommandLine.IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, CommandLine.Model.ArgSpec argSpec,
                CommandLine.Model.CommandSpec commandSpec) {
            if (args.isEmpty()) {
                throw new CommandLine.ParameterException(commandSpec.commandLine(),
                        "Missing required parameter for option '" + ((CommandLine.Model.OptionSpec) argSpec).longestName() + "'");
            }
            TandemCommand command = commandSpec.commandLine().getCommand();
            if (command.code != null || command.module != null) {
                throw new UsageException("give one of -c CODE and -m MODULE");
            }
            argSpec.setValue(args.pop());
            while (!args.isEmpty()) {
                command.arguments.add(args.pop());
            }
        }
    }
}

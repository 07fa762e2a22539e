package dev.tandem.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tandem symbolicate}: a JavaScript stack trace mapped back to its sources (tandem.symbolicate). */
@Command(name = "symbolicate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Map the frames of a JavaScript stack trace (V8, SpiderMonkey or JavaScriptCore) back to",
                       "their original sources. A frame's file is matched to a map by the map's `file` field or",
                       "its file name minus .map; frames without a map or a mapping are printed as they were."})
final class SymbolicateCommand implements Callable<Integer> {
    @Mixin
    RoutingOptions routing;

    @Option(names = "--map", paramLabel = "FILE.map", required = true, description = "A source map; repeatable.")
    List<Path> maps = new ArrayList<>();

    @Option(names = "--context", paramLabel = "N", defaultValue = "0",
            description = "Lines of original source shown before and after each frame (default: ${DEFAULT-VALUE}).")
    int context;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TRACE", defaultValue = "-",
            description = "The file holding the trace, or - for standard input (the default).")
    String trace;

    @Override
    public Integer call() {
        if (context < 0) {
            Invocation.current().err().println("tandem symbolicate: --context must be >= 0, got " + context);
            return 2;
        }
        List<String> argv = new ArrayList<>(List.of("--context", Integer.toString(context)));
        for (Path map : maps) {
            argv.add("--map");
            argv.add(Invocation.current().resolve(map.toString()).toAbsolutePath().toString());
        }
        argv.add(trace.equals("-") ? trace : Invocation.current().resolve(trace).toAbsolutePath().toString());
        return new ScriptLauncher(Invocation.current().err(), routing.policy(Invocation.current().environment()))
                .runTool("import sys, tandem.sourcemap._symbolicate_cli\ntandem.sourcemap._symbolicate_cli.main(sys.argv[1:])", argv);
    }
}

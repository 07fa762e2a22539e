package dev.tandem.cli;

import dev.tandem.route.RoutePolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tandem bench}: every kernel's workload, every backend and every peer, side by side in one run. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Run each kernel's workload on a real corpus under every available backend and under",
                       "the peers a user would pick instead (tiktoken, HF tokenizers, JTokkit, ...), check every",
                       "output against the reference, and write a Markdown table, a JSON file and an SVG chart.",
                       "The 'boundary' area times the crossings themselves (ns/call, ns/element, ms); 'jsr223'",
                       "a JMeter-like javax.script loop next to GraalJS's and Jython's engines (us/eval); 'peritem'",
                       "the one-call-per-item loops, first call in a new process and steady state; 'spark' (only",
                       "when named) a token-count job on Spark: Tandem's UDF, PySpark's UDFs and a JTokkit UDF."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--kernel", paramLabel = "AREA",
            description = "Only this area: bpe, sourcemap, lint, boundary, startup, jsr223, peritem or spark; repeatable.")
    List<String> kernels = new ArrayList<>();

    @Option(names = "--quick", description = "A small corpus and few runs: a first look in a couple of minutes.")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/bench",
            description = "Where the table, JSON and chart go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() {
        String home = System.getProperty("tandem.home");
        if (home == null) {
            System.err.println("tandem bench: run it through the ./tandem launcher (it needs Tandem's home directory)");
            return 2;
        }
        // The harness (package tandem_bench) is not part of the runtime's tandem package: it lives
        // beside its peer programs in scripts/bench, passed first and put on sys.path.
        List<String> argv = new ArrayList<>(List.of(Path.of(home, "scripts", "bench").toString(), "--home", home, "--java-home", System.getProperty("java.home"),
                "--out", out.toAbsolutePath().toString()));
        if (quick) {
            argv.add("--quick");
        }
        for (String kernel : kernels) {
            argv.add("--kernel");
            argv.add(kernel);
        }
        return new ScriptLauncher(System.err, RoutePolicy.AUTO)
                .runTool("import sys\nsys.path.insert(0, sys.argv.pop(1))\nimport tandem_bench\n"
                        + "tandem_bench.main(sys.argv[1:])", argv);
    }
}

package dev.tandem.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tandem kernels}: every kernel, its backends here, and what the policy selects. */
@Command(name = "kernels",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "List every kernel, which backends are available here and which one the policy selects.")
final class KernelsCommand implements Callable<Integer> {
    @Mixin
    RoutingOptions routing;

    @Override
    public Integer call() {
        return new ScriptLauncher(System.err, routing.policy(System.getenv()))
                .runTool("import tandem._route\ntandem._route.print_kernels()");
    }
}

package dev.tandem.cli;

import dev.tandem.route.KernelRegistry;
import dev.tandem.route.UserKernels;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --kernels PATH}: a user's kernels, from a kernel library, a jar or a built crate. */
final class KernelsOption {
    @Option(names = "--kernels", paramLabel = "PATH",
            description = "Add the kernels of a library built with tandem-kernel, of a jar (@Kernel methods) "
                    + "or of a crate built by `tandem kernel build`; repeatable.")
    List<String> paths = new ArrayList<>();

    /** Tandem's kernels and those of every {@code --kernels}; a usage error saying why one cannot be loaded. */
    KernelRegistry registry(Invocation caller) {
        KernelRegistry registry = KernelRegistry.withBuiltins();
        for (String path : paths) {
            try {
                UserKernels.load(registry, caller.resolve(path), UserKernels.cargoTargetDir(caller.environment(), caller::resolve));
            } catch (IllegalArgumentException invalid) {
                throw new UsageException("--kernels: " + invalid.getMessage());
            }
        }
        return registry;
    }
}

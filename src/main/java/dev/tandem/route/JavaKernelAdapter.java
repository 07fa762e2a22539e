package dev.tandem.route;

import dev.tandem.JavaKernel;
import org.graalvm.polyglot.HostAccess;

/** Exposes an embedder's {@link JavaKernel} lambda to Python under the method name {@code call}. */
public final class JavaKernelAdapter {
    private final JavaKernel kernel;

    public JavaKernelAdapter(JavaKernel kernel) {
        this.kernel = kernel;
    }

    @HostAccess.Export
    public Object call(Object... arguments) {
        return kernel.call(arguments);
    }
}

package dev.tandem.runtime;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.graalvm.polyglot.Engine;

/** Facts about the runtime that `tandem doctor` reports and the CLI warns about. */
public record RuntimeFacts(
        String javaVersion,
        String javaVendor,
        String javaHome,
        String graalVersion,
        String pythonVersion,
        String engineName,
        boolean runtimeCompilation,
        boolean jvmciEnabled,
        boolean graalCompilerPresent) {

    /** Reads the facts of this process and of the shared engine. */
    public static RuntimeFacts probe() {
        Engine engine = SharedEngine.get();
        // The fallback runtime has no compiler and so no `engine.Compilation` option.
        boolean compiling = engine.getOptions().get("engine.Compilation") != null;
        return new RuntimeFacts(
                Runtime.version().toString(),
                System.getProperty("java.vendor", "unknown"),
                System.getProperty("java.home", "unknown"),
                graalPyVersion(),
                engine.getLanguages().get("python").getVersion(),
                engine.getImplementationName(),
                compiling,
                ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+EnableJVMCI"),
                hasTruffleCompiler());
    }

    /**
     * Whether the Graal compiler with Truffle support is in the boot layer. The JDK's own
     * jdk.graal.compiler module lacks it; the one from Maven Central, on the upgrade module
     * path, has it.
     */
    private static boolean hasTruffleCompiler() {
        return ModuleLayer.boot().findModule("jdk.graal.compiler")
                .map(module -> module.getPackages().contains("jdk.graal.compiler.truffle.hotspot"))
                .orElse(false);
    }

    /** GraalPy's release, from its jar's manifest (the engine reports "Development Build"). */
    public static String graalPyVersion() {
        return ModuleLayer.boot().configuration().findModule("org.graalvm.py")
                .flatMap(module -> module.reference().location())
                .map(RuntimeFacts::implementationVersion)
                .orElse("unknown");
    }

    private static String implementationVersion(URI jar) {
        try (JarFile file = new JarFile(Path.of(jar).toFile())) {
            return file.getManifest().getMainAttributes().getValue("Implementation-Version");
        } catch (IOException | RuntimeException unreadable) {
            return "unknown";
        }
    }

    /** Why runtime compilation is off, in words a user can act on; empty when it is on. */
    public String whyNoCompilation() {
        if (runtimeCompilation) {
            return "";
        }
        if (Runtime.version().feature() != 25) {
            return "GraalPy " + graalVersion + " compiles only on JDK 25, this is JDK " + Runtime.version().feature();
        }
        if (!jvmciEnabled) {
            return "JVMCI is off; start the JVM with -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI (./tandem does)";
        }
        if (!graalCompilerPresent) {
            return "the Graal compiler is not on --upgrade-module-path (./tandem puts target/compiler there)";
        }
        return "the engine fell back to '" + engineName + "'";
    }
}

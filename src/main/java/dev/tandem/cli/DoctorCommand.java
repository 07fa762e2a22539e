package dev.tandem.cli;

import dev.tandem.runtime.RuntimeFacts;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code tandem doctor}: one {@code key: value} line per fact about this installation. */
@Command(name = "doctor",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Print what Tandem runs on, one `key: value` line per fact.")
final class DoctorCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        RuntimeFacts facts = RuntimeFacts.probe();
        PrintStream out = new PrintStream(Invocation.current().stdout(), true, StandardCharsets.UTF_8);
        out.println("tandem: " + VersionProvider.tandemVersion());
        out.println("java: " + facts.javaVersion() + " (" + facts.javaVendor() + ", " + facts.javaHome() + ")");
        out.println("graalpy: " + facts.graalVersion() + " (Python " + facts.pythonVersion() + ")");
        out.println("engine: " + facts.engineName());
        out.println("jvmci: " + (facts.jvmciEnabled() ? "enabled" : "disabled"));
        out.println("graal-compiler: " + (facts.graalCompilerPresent() ? "on the upgrade module path" : "missing"));
        out.println("runtime-compilation: " + (facts.runtimeCompilation() ? "on" : "off (" + facts.whyNoCompilation() + ")"));
        out.println("native-library: " + dev.tandem.ffi.NativeLibrary.get().summary());
        out.println("ruff-library: " + dev.tandem.ffi.NativeLibrary.ruff().summary());
        return 0;
    }
}

package dev.tandem.cli;

import dev.tandem.runtime.RuntimeFacts;
import dev.tandem.runtime.SharedEngine;
import org.graalvm.polyglot.Engine;
import picocli.CommandLine;

/** {@code --version}: Tandem's own version and the runtime it stands on. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    /** Tandem's version, from the jar's module descriptor (the Maven project version). */
    public static String tandemVersion() {
        return Main.class.getModule().getDescriptor() == null ? "dev"
                : Main.class.getModule().getDescriptor().rawVersion().orElse("dev");
    }

    @Override
    public String[] getVersion() {
        Engine engine = SharedEngine.get();
        return new String[] {
            "tandem " + tandemVersion() + " (GraalPy " + RuntimeFacts.graalPyVersion() + ", Python "
                    + engine.getLanguages().get("python").getVersion() + ", Java " + Runtime.version() + ")"
        };
    }
}

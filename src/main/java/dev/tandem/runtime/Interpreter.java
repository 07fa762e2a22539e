package dev.tandem.runtime;

import java.nio.file.Path;
import java.util.List;

/**
 * What a context reports as its interpreter and where its installed packages come from.
 *
 * @param executable     {@code sys.executable}: a command that runs Tandem as {@code python}
 *                       (null: none, an embedded context)
 * @param baseExecutable {@code sys._base_executable}, what {@code -m venv} links an environment to
 * @param venv           the virtual environment whose packages scripts import (null: none)
 * @param warnOptions    {@code -W} options, in order
 * @param writeBytecode  whether imports write .pyc files (false for {@code -B})
 */
public record Interpreter(String executable, String baseExecutable, VirtualEnv venv, List<String> warnOptions,
        boolean writeBytecode) {

    /** An embedded interpreter: no executable, no environment. */
    public static final Interpreter EMBEDDED = new Interpreter(null, null, null, List.of(), true);

    public Interpreter {
        warnOptions = List.copyOf(warnOptions);
    }

    /** The launcher Tandem installs for {@code python}-style command lines, under {@code home}. */
    public static Path launcher(Path home) {
        return home.resolve("bin").resolve("tandem-python");
    }

    /** The same interpreter with the packages of {@code environment}. */
    public Interpreter withVenv(VirtualEnv environment) {
        return new Interpreter(executable, baseExecutable, environment, warnOptions, writeBytecode);
    }
}

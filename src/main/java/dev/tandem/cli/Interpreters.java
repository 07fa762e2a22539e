package dev.tandem.cli;

import dev.tandem.runtime.Interpreter;
import dev.tandem.runtime.VirtualEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The interpreter a command-line script sees: {@code sys.executable} (a command that runs
 * Tandem as {@code python}) and the virtual environment whose packages it imports.
 */
public final class Interpreters {
    private Interpreters() {}

    /** Tandem's installation directory, which the launcher passes; null when not started by it (tests). */
    private static Path home() {
        String home = System.getProperty("tandem.home");
        return home == null ? null : Path.of(home);
    }

    /** No environment: sys.executable is Tandem's python launcher. */
    public static Interpreter plain(List<String> warnOptions, boolean writeBytecode) {
        Path home = home();
        if (home == null) {
            return new Interpreter(null, null, null, warnOptions, writeBytecode);
        }
        String launcher = Interpreter.launcher(home).toString();
        return new Interpreter(launcher, launcher, null, warnOptions, writeBytecode);
    }

    /**
     * For {@code tandem run}, {@code -c} and {@code -m}: the environment of {@code --venv DIR}
     * (a usage error when it is not one of Tandem's), else of {@code VIRTUAL_ENV} (ignored with
     * a warning when it is not), else none.
     */
    static Interpreter forTandem(String venvOption, Invocation caller) {
        Interpreter plain = plain(List.of(), true);
        if (venvOption != null) {
            try {
                return inVenv(plain, VirtualEnv.open(caller.resolve(venvOption)));
            } catch (IllegalArgumentException invalid) {
                throw new UsageException("--venv: " + invalid.getMessage());
            }
        }
        String active = caller.environment().get("VIRTUAL_ENV");
        if (active != null && !active.isEmpty()) {
            try {
                return inVenv(plain, VirtualEnv.open(caller.resolve(active)));
            } catch (IllegalArgumentException invalid) {
                caller.err().println("tandem: warning: VIRTUAL_ENV ignored: " + invalid.getMessage());
            }
        }
        return plain;
    }

    /**
     * Started as {@code python} through {@code invoked} (the path as run, links not followed):
     * inside an environment when {@code invoked} is its {@code bin/python}, as under CPython.
     */
    static Interpreter forPython(Path invoked, List<String> warnOptions, boolean writeBytecode) {
        Interpreter plain = plain(warnOptions, writeBytecode);
        Path executable = invoked.toAbsolutePath().normalize();
        Path bin = executable.getParent();
        Path root = bin == null ? null : bin.getParent();
        Interpreter self = new Interpreter(executable.toString(), plain.baseExecutable(), null, warnOptions,
                writeBytecode);
        if (root != null && Files.exists(root.resolve("pyvenv.cfg"))) {
            return self.withVenv(VirtualEnv.open(root)); // a damaged environment is an error, not ignored
        }
        return self;
    }

    private static Interpreter inVenv(Interpreter plain, VirtualEnv venv) {
        return new Interpreter(venv.python().toString(), plain.baseExecutable(), venv, plain.warnOptions(),
                plain.writeBytecode());
    }
}

package dev.tandem.cli;

import dev.tandem.runtime.ContextSettings;
import dev.tandem.runtime.PythonContext;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Who runs a command: its environment, working directory, standard streams, and where its
 * Python context comes from. On the command line that is this process (the default); in the
 * resident Tandem process ({@code dev.tandem.resident}) each run binds the client's own for
 * the thread that executes its command, so that concurrent runs never share them.
 */
public interface Invocation {
    /** The caller's environment variables. */
    Map<String, String> environment();

    /** {@code name} as the caller means it: relative to the caller's working directory. */
    Path resolve(String name);

    InputStream stdin();

    /**
     * Whether {@code name} is a path to the caller's standard input that this process cannot
     * open for it (/dev/stdin in a process that is not the caller's); the script is then read
     * from {@link #stdin()}.
     */
    default boolean namesForeignStdin(String name) {
        return false;
    }

    OutputStream stdout();

    OutputStream stderr();

    /** Tandem's own messages (usage errors, a missing script), as lines on the caller's stderr. */
    PrintStream err();

    /** A context with {@code settings} that no earlier run touched, for this caller. */
    PythonContext openContext(ContextSettings settings);

    /** The invocation of the thread that runs a command: the caller bound by {@link #call}, else this process. */
    static Invocation current() {
        return Bound.CURRENT.isBound() ? Bound.CURRENT.get() : ThisProcess.INSTANCE;
    }

    /** Runs {@code command} on this thread as {@code invocation}. */
    static <T> T call(Invocation invocation, Callable<T> command) throws Exception {
        return ScopedValue.where(Bound.CURRENT, invocation).call(command::call);
    }

    /** The holder of the bound invocation (an interface cannot have private fields). */
    final class Bound {
        private static final ScopedValue<Invocation> CURRENT = ScopedValue.newInstance();

        private Bound() {}
    }

    /** This JVM's own environment, working directory and descriptors 0-2. */
    enum ThisProcess implements Invocation {
        INSTANCE;

        @Override
        public Map<String, String> environment() {
            return System.getenv();
        }

        @Override
        public Path resolve(String name) {
            return Path.of(name);
        }

        @Override
        public InputStream stdin() {
            return new FileInputStream(FileDescriptor.in);
        }

        @Override
        public OutputStream stdout() {
            return new FileOutputStream(FileDescriptor.out);
        }

        @Override
        public OutputStream stderr() {
            return new FileOutputStream(FileDescriptor.err);
        }

        @Override
        public PrintStream err() {
            return System.err;
        }

        @Override
        public PythonContext openContext(ContextSettings settings) {
            return PythonContext.create(settings);
        }
    }
}

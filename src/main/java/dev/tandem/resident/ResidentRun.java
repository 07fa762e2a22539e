package dev.tandem.resident;

import dev.tandem.cli.Invocation;
import dev.tandem.cli.Main;
import dev.tandem.cli.PythonMode;
import dev.tandem.runtime.ContextSettings;
import dev.tandem.runtime.PythonContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.graalvm.polyglot.PolyglotException;
import picocli.CommandLine;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * One client's command, run in the resident process as `tandem ARGS` runs in a JVM of its own:
 * the client's environment, working directory and streams stand in for the process's
 * ({@link Invocation}), and the script gets a context prepared ahead of time that no other run
 * touched, closed when the run ends.
 */
final class ResidentRun implements Invocation {
    /** The status of a run ended by the client's SIGINT where the script keeps SIGINT's default action. */
    private static final int INTERRUPTED = 128 + 2;
    private static final Signal SIGINT = new Signal("INT");
    /** sun.misc.Signal's handlers are per process: one run at a time takes its script's handler. */
    private static final Object SIGNAL_HANDLERS = new Object();
    /** Names of descriptor 0 that would open this process's standard input, not the client's. */
    private static final Set<String> FOREIGN_STDIN = Set.of("/dev/stdin", "/dev/fd/0", "/proc/self/fd/0");

    private final RunRequest request;
    private final WarmRunner runner;
    private final ForwardedInput stdin;
    private final ForwardedOutput stdout;
    private final ForwardedOutput stderr;
    private final PrintStream err;
    private PythonContext context;
    private boolean prepared;
    private boolean finished;
    private Integer endStatus;

    ResidentRun(RunRequest request, WarmRunner runner, ForwardedInput stdin, ForwardedOutput stdout,
            ForwardedOutput stderr) {
        this.request = request;
        this.runner = runner;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
    }

    /** Runs the command on the warm runner's thread and returns its exit status. */
    int execute() {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        runner.run(() -> {
            try {
                status.complete(Invocation.call(this, this::command));
            } catch (Throwable failure) {
                status.completeExceptionally(failure);
            }
        });
        int result;
        try {
            result = status.join();
        } catch (RuntimeException failure) {
            err.println("tandem: the resident process failed to run the command: " + failure.getCause());
            result = 70;
        }
        synchronized (this) {
            finished = true;
            return endStatus != null ? endStatus : result;
        }
    }

    private int command() {
        List<String> arguments = request.arguments();
        PrintStream python = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        OptionalInt asPython = PythonMode.runIfMarked(arguments, python, err);
        if (asPython.isPresent()) {
            python.flush();
            return asPython.getAsInt();
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        PrintWriter errors = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        CommandLine commandLine = Main.commandLine().setOut(out).setErr(errors);
        int status = commandLine.execute(request.arguments().toArray(String[]::new));
        out.flush();
        errors.flush();
        return status;
    }

    @Override
    public Map<String, String> environment() {
        return request.environment();
    }

    @Override
    public Path resolve(String name) {
        return request.workingDirectory().resolve(name);
    }

    @Override
    public InputStream stdin() {
        return stdin;
    }

    @Override
    public boolean namesForeignStdin(String name) {
        return FOREIGN_STDIN.contains(name);
    }

    @Override
    public OutputStream stdout() {
        return stdout;
    }

    @Override
    public OutputStream stderr() {
        return stderr;
    }

    @Override
    public PrintStream err() {
        return err;
    }

    @Override
    public PythonContext openContext(ContextSettings settings) {
        PythonContext opened = null;
        if (!prepared) {
            prepared = true;
            opened = runner.take(settings);
        }
        if (opened == null) { // a second context for one command, or the prepared one failed
            opened = PythonContext.create(settings);
        }
        opened.adopt(settings, request.workingDirectory(), request.environment());
        synchronized (this) {
            context = opened;
            if (endStatus != null) {
                opened.cancel();
            }
        }
        return opened;
    }

    /** The client's Ctrl-C: the script's SIGINT handler runs (KeyboardInterrupt by default). */
    void interrupt() {
        PythonContext current;
        synchronized (this) {
            current = context;
        }
        if (current == null) {
            end(INTERRUPTED);
            return;
        }
        String action;
        synchronized (SIGNAL_HANDLERS) {
            try {
                action = current.registerInterruptHandler();
            } catch (PolyglotException ending) {
                return; // the context is closing: the run is over
            }
            if (action.equals("call")) {
                SignalHandler handler = Signal.handle(SIGINT, SignalHandler.SIG_IGN);
                handler.handle(SIGINT);
            }
        }
        if (action.equals("default")) {
            end(INTERRUPTED);
        }
    }

    /**
     * Ends the run from outside (SIGTERM, a lost client): the script is cancelled, its
     * context discarded, and the run reports {@code status} and prints nothing more.
     */
    void end(int status) {
        PythonContext current;
        synchronized (this) {
            if (finished || endStatus != null) {
                return;
            }
            endStatus = status;
            current = context;
        }
        stdout.mute();
        stderr.mute();
        stdin.lost();
        if (current != null) {
            current.cancel();
        }
    }
}

package dev.tandem.tests.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts the Tandem CLI, or any Java program on Tandem's module path, in a separate JVM
 * set up as ./tandem sets it up (JIT flags included), and collects what it prints.
 */
public final class TandemProcess {
    /** What a finished process left. */
    public record Result(int exitCode, String stdout, String stderr, byte[] stdoutBytes) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /** How a test starts {@code tandem}: a JVM of its own, or tandem-client and the resident process. */
    public enum Launch {
        IN_PROCESS,
        /** Through target/native/release/tandem-client, on a resident process of this test run ({@link ResidentProcesses}). */
        RESIDENT
    }

    private TandemProcess() {}

    /** The repository root (Maven passes it in; the working directory otherwise). */
    public static Path home() {
        return Path.of(System.getProperty("tandem.home", ".")).toAbsolutePath().normalize();
    }

    /** Runs {@code tandem ARGS} with {@code stdin}; fails the test if it takes over two minutes. */
    public static Result cli(String stdin, Map<String, String> environment, String... args) {
        return cli(Launch.IN_PROCESS, stdin, environment, args);
    }

    public static Result cli(String... args) {
        return cli("", Map.of(), args);
    }

    /**
     * Runs a command as a user would, e.g. {@code ./tandem} or an environment's {@code bin/python}
     * (through the launcher: sys.executable and virtual environments need it), in {@code directory};
     * fails the test if it takes longer than {@code limit}.
     */
    public static Result command(Path directory, Map<String, String> environment, Duration limit, String... command) {
        // In a JVM of its own unless a test asks otherwise: no resident process outlives the tests.
        Map<String, String> variables = new java.util.HashMap<>(environment);
        variables.putIfAbsent("TANDEM_DAEMON", "0");
        return run(List.of(command), directory, "", variables, limit);
    }

    /** Runs {@code tandem ARGS} as {@code launch} says, with {@code stdin}; fails the test after two minutes. */
    public static Result cli(Launch launch, String stdin, Map<String, String> environment, String... args) {
        Map<String, String> variables = new java.util.HashMap<>(environment);
        if (launch == Launch.RESIDENT) {
            variables.putAll(ResidentProcesses.environment());
        }
        return run(command(launch, args), stdin, variables);
    }

    public static Result cli(Launch launch, String... args) {
        return cli(launch, "", Map.of(), args);
    }

    /** The command line of {@code tandem ARGS}: the JVM itself, or tandem-client in front of it. */
    public static List<String> command(Launch launch, String... args) {
        List<String> command = new ArrayList<>();
        if (launch == Launch.RESIDENT) {
            command.add(ResidentProcesses.client().toString());
            command.addAll(jvm());
            command.add("--");
        } else {
            command.addAll(jvm());
            command.add("-m");
            command.add("dev.tandem/dev.tandem.cli.Main");
        }
        command.addAll(List.of(args));
        return command;
    }

    /** Runs a single-file Java program (source-file mode) that uses Tandem. */
    public static Result javaSource(Path program, String... args) {
        return run(javaSourceCommand(program, args), "", Map.of());
    }

    /**
     * Runs a single-file Java program with Tandem and all its libraries on the class path
     * only, as hosts that know nothing of modules start (no JIT flags either).
     */
    public static Result javaSourceOnClassPath(Path program, String... args) {
        Path home = home();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-cp", home.resolve("target/tandem.jar") + ":" + home.resolve("target/lib") + "/*",
                program.toString()));
        command.addAll(List.of(args));
        return run(command, "", Map.of());
    }

    /** Starts {@code tandem ARGS} and returns it running, for a test that signals it or reads it live. */
    public static Process start(String... args) {
        return start(Launch.IN_PROCESS, args);
    }

    /** {@link #start(String...)} as {@code launch} says. */
    public static Process start(Launch launch, String... args) {
        ProcessBuilder builder = new ProcessBuilder(command(launch, args)).directory(home().toFile());
        if (launch == Launch.RESIDENT) {
            builder.environment().putAll(ResidentProcesses.environment());
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new AssertionError("could not start " + builder.command(), e);
        }
    }

    /** Starts a single-file Java program that uses Tandem and returns it running. */
    public static Process startJavaSource(Path program, String... args) {
        return start(javaSourceCommand(program, args));
    }

    private static List<String> javaSourceCommand(Path program, String... args) {
        List<String> command = jvm();
        command.add("--add-modules");
        command.add("dev.tandem");
        command.add(program.toString());
        command.addAll(List.of(args));
        return command;
    }

    private static Process start(List<String> command) {
        try {
            return new ProcessBuilder(command).directory(home().toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("could not start " + command, e);
        }
    }

    /** Sends {@code signal} (INT, TERM...) to {@code process} with kill(1). */
    public static void signal(Process process, String signal) {
        try {
            int status = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
            if (status != 0) {
                throw new AssertionError("kill -" + signal + " " + process.pid() + " exited " + status);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The JVM command line of a Tandem process, up to its main module. */
    public static List<String> jvm() {
        Path home = home();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java,
                "-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
                "--upgrade-module-path=" + home.resolve("target/compiler"),
                "--module-path=" + home.resolve("target/lib") + ":" + home.resolve("target/classes"),
                "--enable-native-access=org.graalvm.truffle,dev.tandem",
                "--sun-misc-unsafe-memory-access=allow"));
        return command;
    }

    private static Result run(List<String> command, String stdin, Map<String, String> environment) {
        return run(command, home(), stdin, environment, Duration.ofMinutes(2));
    }

    private static Result run(List<String> command, Path directory, String stdin, Map<String, String> environment,
            Duration limit) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            try (var in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            byte[] stdout = out.join();
            return new Result(process.exitValue(), new String(stdout, StandardCharsets.UTF_8),
                    new String(err.join(), StandardCharsets.UTF_8), stdout);
        } catch (IOException e) {
            throw new AssertionError("could not start " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static byte[] readAll(java.io.InputStream stream) {
        try (stream) {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package dev.tandem.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;

/**
 * A {@code tandem lint} command line as read: each option's value (null when not given; the
 * output format is then {@value #TEXT}), the flags {@code --fix}, {@code --diff} and
 * {@code --unsafe-fixes}, the {@code --route} values in order, and the paths.
 *
 * <p>{@link #read} reads the everyday lines itself: building picocli's model of the command
 * took ~80 ms of {@code tandem lint}'s start-up, a third of it, as picocli's classes are Java 5
 * bytecode, which JDK 25's AOT cache does not hold, so every start loaded, verified and ran
 * them cold. It takes only lines whose reading is plain: known options, each given once
 * ({@code --route} any number of times), as {@code --name VALUE} or {@code --name=VALUE}, or
 * a flag as {@code --name}, before the paths. Anything else (help, version, {@code --}, {@code @files}, unknown options,
 * values that picocli would check or could take for options, picocli's system properties) is
 * left to picocli, which reports errors and prints help. The tests hold {@link #read} to
 * {@link #readByPicocli} on every line it takes.
 */
public record LintLine(String select, String ignore, Integer lineLength, String outputFormat, boolean fix,
        boolean diff, boolean unsafeFixes, String backend, List<String> routes, List<String> paths) {
    static final String TEXT = "text";

    /** The options of {@link LintCommand} and {@link RoutingOptions} but {@code --route}, which repeats. */
    private static final Set<String> SINGLE_VALUED = Set.of("--select", "--ignore", "--line-length",
            "--output-format", "--backend");

    /** The options of {@link LintCommand} that take no value. */
    private static final Set<String> FLAGS = Set.of("--fix", "--diff", "--unsafe-fixes");

    public LintLine {
        routes = List.copyOf(routes);
        paths = List.copyOf(paths);
    }

    /** {@code args} (after {@code lint}) read as picocli would, or empty when picocli must read them. */
    public static Optional<LintLine> read(String... args) {
        if (System.getProperties().stringPropertyNames().stream().anyMatch(name -> name.startsWith("picocli."))) {
            return Optional.empty(); // trimQuotes, argument files, tracing...: picocli's to honour
        }
        Map<String, String> given = new HashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> routes = new ArrayList<>();
        int at = 0;
        for (; at < args.length && args[at].startsWith("-"); at++) {
            if (FLAGS.contains(args[at])) {
                if (!flags.add(args[at])) {
                    return Optional.empty(); // given twice
                }
                continue;
            }
            int equals = args[at].indexOf('=');
            String name = equals < 0 ? args[at] : args[at].substring(0, equals);
            String value = equals >= 0 ? args[at].substring(equals + 1) : ++at < args.length ? args[at] : null;
            if (!plain(value)) {
                return Optional.empty(); // missing, empty, or one picocli may take for an option
            }
            if (name.equals("--route")) {
                routes.add(value);
            } else if (!SINGLE_VALUED.contains(name) || given.putIfAbsent(name, value) != null) {
                return Optional.empty(); // not an option of lint, or given twice
            }
        }
        String lineLength = given.get("--line-length");
        if (lineLength != null && !lineLength.matches("[0-9]{1,9}")) {
            return Optional.empty(); // picocli's conversion to an Integer reports the error
        }
        List<String> paths = List.of(args).subList(at, args.length);
        if (paths.isEmpty() || !paths.stream().allMatch(LintLine::plain)) {
            return Optional.empty();
        }
        return Optional.of(new LintLine(given.get("--select"), given.get("--ignore"),
                lineLength == null ? null : Integer.valueOf(lineLength), given.getOrDefault("--output-format", TEXT),
                flags.contains("--fix"), flags.contains("--diff"), flags.contains("--unsafe-fixes"),
                given.get("--backend"), routes, paths));
    }

    /** The reading of every other line: picocli's, with {@link LintCommand}'s annotations; the tests compare the two. */
    public static LintLine readByPicocli(String... args) {
        CommandLine commandLine = Main.lintCommandLine();
        commandLine.parseArgs(args);
        return ((LintCommand) commandLine.getCommand()).line();
    }

    /** Not empty, and not something picocli reads specially: an option, or an @file to expand. */
    private static boolean plain(String arg) {
        return arg != null && !arg.isEmpty() && !arg.startsWith("-") && !arg.startsWith("@");
    }
}

package dev.tandem.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * CPython's command line, {@code python [OPTIONS] (-c CODE | -m MODULE | SCRIPT | -) [ARGS]},
 * as the launcher passes it when Tandem is started as {@code python} (a virtual environment's
 * {@code bin/python}, or {@code sys.executable}). Options that only tune CPython itself are
 * accepted and have no effect; the rest act as in CPython.
 *
 * @param what             what to run
 * @param target           the code, module name or script path (null for stdin, help, version)
 * @param arguments        {@code sys.argv[1:]}
 * @param warnOptions      {@code -W} values, in order
 * @param ignoreEnvironment {@code -E}/{@code -I}: PYTHONPATH is not read
 * @param safePath         {@code -P}/{@code -I}: nothing is put first on sys.path
 * @param writeBytecode    false for {@code -B}
 */
public record PythonCommandLine(What what, String target, List<String> arguments, List<String> warnOptions,
        boolean ignoreEnvironment, boolean safePath, boolean writeBytecode) {

    /** What a command line asks for. */
    public enum What { CODE, MODULE, SCRIPT, STDIN, HELP, VERSION }

    static final String USAGE = """
            usage: python [option] ... [-c cmd | -m mod | file | -] [arg] ...
            Options (Tandem runs Python on GraalPy; the others CPython knows are accepted and ignored):
            -B     : don't write .pyc files on import
            -c cmd : program passed in as string (terminates option list)
            -E     : ignore PYTHON* environment variables (such as PYTHONPATH)
            -h     : print this help message and exit (also -? or --help)
            -I     : isolate Python from the user's environment (implies -E, -P and -s)
            -m mod : run library module as a script (terminates option list)
            -P     : don't prepend a potentially unsafe path to sys.path
            -V     : print the Python version number and exit (also --version)
            -W arg : warning control; arg is action:message:category:module:lineno
            -X opt : implementation-specific option (ignored)
            file   : program read from script file
            -      : program read from stdin (default; interactive mode is not supported)
            arg ...: arguments passed to program in sys.argv[1:]
            """;

    /** Flags without a value that change nothing here (CPython's tuning, debugging and interactive ones). */
    private static final String IGNORED_FLAGS = "bdiOqsSuvR";

    public static PythonCommandLine parse(List<String> args) {
        List<String> warnOptions = new ArrayList<>();
        boolean ignoreEnvironment = false;
        boolean safePath = false;
        boolean writeBytecode = true;
        int index = 0;
        while (index < args.size()) {
            String arg = args.get(index);
            if (arg.equals("--help")) {
                return help();
            }
            if (arg.equals("--version")) {
                return simple(What.VERSION);
            }
            if (arg.equals("--")) {
                index++;
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-") || arg.startsWith("--")) {
                if (arg.startsWith("--")) {
                    throw new UsageException("unknown option " + arg + "\n" + USAGE.lines().findFirst().orElseThrow());
                }
                break;
            }
            for (int at = 1; at < arg.length(); at++) {
                char flag = arg.charAt(at);
                switch (flag) {
                    case 'c', 'm', 'W', 'X' -> {
                        String value;
                        if (at + 1 < arg.length()) {
                            value = arg.substring(at + 1);
                        } else if (index + 1 < args.size()) {
                            value = args.get(++index);
                        } else {
                            throw new UsageException("Argument expected for the -" + flag + " option");
                        }
                        if (flag == 'W') {
                            warnOptions.add(value);
                        } else if (flag == 'c' || flag == 'm') {
                            List<String> rest = List.copyOf(args.subList(index + 1, args.size()));
                            return new PythonCommandLine(flag == 'c' ? What.CODE : What.MODULE, value, rest,
                                    warnOptions, ignoreEnvironment, safePath, writeBytecode);
                        }
                        at = arg.length(); // the value took the rest of this word
                    }
                    case 'B' -> writeBytecode = false;
                    case 'E' -> ignoreEnvironment = true;
                    case 'P' -> safePath = true;
                    case 'I' -> {
                        ignoreEnvironment = true;
                        safePath = true;
                    }
                    case 'h', '?' -> {
                        return help();
                    }
                    case 'V' -> {
                        return simple(What.VERSION);
                    }
                    default -> {
                        if (IGNORED_FLAGS.indexOf(flag) < 0) {
                            throw new UsageException("Unknown option: -" + flag + "\n" + USAGE.lines().findFirst().orElseThrow());
                        }
                    }
                }
            }
            index++;
        }
        if (index >= args.size() || args.get(index).equals("-")) {
            List<String> rest = index >= args.size() ? List.of() : List.copyOf(args.subList(index + 1, args.size()));
            return new PythonCommandLine(What.STDIN, null, rest, warnOptions, ignoreEnvironment, safePath, writeBytecode);
        }
        return new PythonCommandLine(What.SCRIPT, args.get(index), List.copyOf(args.subList(index + 1, args.size())),
                warnOptions, ignoreEnvironment, safePath, writeBytecode);
    }

    private static PythonCommandLine help() {
        return simple(What.HELP);
    }

    private static PythonCommandLine simple(What what) {
        return new PythonCommandLine(what, null, List.of(), List.of(), false, false, true);
    }
}

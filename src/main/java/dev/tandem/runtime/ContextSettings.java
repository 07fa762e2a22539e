package dev.tandem.runtime;

import dev.tandem.HostFileAccess;
import dev.tandem.route.Calibrations;
import dev.tandem.route.KernelRegistry;
import dev.tandem.route.RoutePolicy;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.graalvm.polyglot.HostAccess;

/**
 * Everything that decides how a context is built: its rights and its standard streams.
 *
 * @param trusted         a script from the command line: all rights, as under CPython
 * @param files           host file access when not trusted
 * @param hostClassLookup which Java classes scripts may look up (never any when null)
 * @param nativeAccess    whether scripts may load native code
 * @param hostAccess      which members of Java objects scripts may use
 * @param exposed         Java objects put into every script's builtins under these names
 * @param pythonPath      directories appended to sys.path
 * @param interpreter     sys.executable and the virtual environment whose packages scripts import
 * @param preimports      modules imported before the context's clean state is recorded
 * @param kernels         the host's kernel implementations
 * @param policy          which backend runs each kernel
 * @param calibrations    the measurements {@code auto} routing chooses by
 * @param calibrating     what scripts may do with them
 */
public record ContextSettings(
        boolean trusted,
        HostFileAccess files,
        Predicate<String> hostClassLookup,
        boolean nativeAccess,
        HostAccess hostAccess,
        Map<String, Object> exposed,
        List<Path> pythonPath,
        Interpreter interpreter,
        List<String> preimports,
        KernelRegistry kernels,
        RoutePolicy policy,
        Calibrations calibrations,
        Calibrating calibrating,
        InputStream in,
        OutputStream out,
        OutputStream err) {

    /** Which members of Java objects untrusted scripts may use: exported ones, and data. */
    public static final HostAccess SAFE_HOST_ACCESS = HostAccess.newBuilder(HostAccess.EXPLICIT)
            .allowArrayAccess(true)
            .allowListAccess(true)
            .allowMapAccess(true)
            .allowBufferAccess(true)
            .allowIterableAccess(true)
            .allowIteratorAccess(true)
            .build();

    /** What the scripts of a context may do with calibrations besides reading them. */
    public enum Calibrating {
        /** Nothing: a sandboxed script must not steer routing for others. */
        NONE,
        /** Record first-use measurements for this process. */
        IN_MEMORY,
        /** Record them and write the calibration file ({@code tandem calibrate}). */
        TO_FILE
    }

    public ContextSettings {
        exposed = Map.copyOf(exposed);
        pythonPath = List.copyOf(pythonPath);
        preimports = List.copyOf(preimports);
    }

    /** The settings of the command line: a trusted script, the process's own streams. */
    public static ContextSettings trustedCli(Interpreter interpreter, List<Path> pythonPath, KernelRegistry kernels,
            RoutePolicy policy, Calibrating calibrating, InputStream in, OutputStream out, OutputStream err) {
        return new ContextSettings(true, HostFileAccess.READ_WRITE, name -> true, true, HostAccess.ALL,
                Map.of(), pythonPath, interpreter, List.of(), kernels, policy, Calibrations.shared(),
                calibrating, in, out, err);
    }
}

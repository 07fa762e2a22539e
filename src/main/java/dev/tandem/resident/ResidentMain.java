package dev.tandem.resident;

import dev.tandem.runtime.NativeModules;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code java ... -m dev.tandem/dev.tandem.resident.ResidentMain SOCKET}: the resident Tandem
 * process, started by tandem-client in the background (native/client). TANDEM_DAEMON_IDLE
 * sets its idle timeout in seconds (default 1800).
 */
public final class ResidentMain {
    private static final long DEFAULT_IDLE_SECONDS = 1800;

    private ResidentMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ResidentMain SOCKET");
            System.exit(2);
        }
        String idle = System.getenv("TANDEM_DAEMON_IDLE");
        long seconds = DEFAULT_IDLE_SECONDS;
        if (idle != null && !idle.isBlank()) {
            try {
                seconds = Long.parseLong(idle.strip());
            } catch (NumberFormatException bad) {
                System.err.println("tandem resident: TANDEM_DAEMON_IDLE is not a number of seconds: " + idle);
            }
        }
        if (!NativeModules.isolatePerContext()) {
            System.err.println("tandem resident: no patchelf on PATH: a native module (sqlite3, xml's pyexpat, termios...)"
                    + " loads in the first context that imports it only; later runs that import it fail");
        }
        new ResidentServer(Path.of(args[0]).toAbsolutePath(), Duration.ofSeconds(seconds)).serve();
    }
}

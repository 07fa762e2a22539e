package dev.tandem.tests.testing;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The resident processes of one test run: their sockets live in a private directory
 * (TANDEM_DAEMON_DIR), and when the test JVM exits every one of them is asked to stop and the
 * directory is removed, so that no test leaves a resident process behind. They also exit
 * after five idle minutes (TANDEM_DAEMON_IDLE) should the test JVM be killed.
 */
public final class ResidentProcesses {
    private static final String IDLE_SECONDS = "300";
    private static Path directory;

    private ResidentProcesses() {}

    /** The native client, built with the Rust library (absent without cargo). */
    public static Path client() {
        return TandemProcess.home().resolve("target/native/release/tandem-client");
    }

    public static boolean clientBuilt() {
        return Files.isExecutable(client());
    }

    /** The variables that send a client to this test run's shared resident processes. */
    public static Map<String, String> environment() {
        return environment(directory());
    }

    /**
     * The variables that send a client to the resident processes of {@code directory}, with the
     * build's patchelf for them as the launcher passes it (scripts/resident.sh).
     */
    public static Map<String, String> environment(Path directory) {
        Map<String, String> variables = new java.util.HashMap<>(
                Map.of("TANDEM_DAEMON_DIR", directory.toString(), "TANDEM_DAEMON_IDLE", IDLE_SECONDS));
        if (Files.isExecutable(patchelf())) {
            variables.put("TANDEM_SERVER_PATH", patchelf().getParent().toString());
        }
        return Map.copyOf(variables);
    }

    /** The patchelf the build installs for the resident process (absent when pip could not fetch it). */
    public static Path patchelf() {
        return TandemProcess.home().resolve("target/patchelf/bin/patchelf");
    }

    /** This test run's shared socket directory. */
    public static synchronized Path directory() {
        if (directory == null) {
            directory = newDirectory();
        }
        return directory;
    }

    /** A socket directory of its own (0700), whose resident processes stop when the test JVM exits. */
    public static Path newDirectory() {
        Path created;
        try {
            created = Files.createTempDirectory(Path.of("/tmp"), "tandem-test-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new AssertionError("cannot create a socket directory", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(created)));
        return created;
    }

    /** Asks every resident process with a socket in {@code directory} to stop, then removes the directory. */
    public static void stopAll(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(file -> file.toString().endsWith(".sock")).forEach(ResidentProcesses::stop);
        } catch (IOException ignored) {
            // nothing to stop
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // left in /tmp
        }
    }

    /** Sends the STOP frame (see native/client/src/frames.rs) to the process behind {@code socket}. */
    public static void stop(Path socket) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(new byte[] {'S', 0, 0, 0, 0}));
            channel.read(ByteBuffer.allocate(256));
        } catch (IOException notRunning) {
            // already gone
        }
    }
}

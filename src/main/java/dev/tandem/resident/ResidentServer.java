package dev.tandem.resident;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The resident Tandem process: listens on a Unix socket in a directory only its user can
 * open, accepts connections from that user alone (SO_PEERCRED), and runs each client's
 * command on a context prepared ahead of time. It exits when idle for too long, when asked,
 * when its socket file is gone or replaced (no client can reach it any more), and, once idle,
 * when Tandem was rebuilt (clients of the new build start a process of their own).
 */
final class ResidentServer {
    /** The status of a run whose client went away (it is not sent: nobody listens). */
    static final int CLIENT_GONE = 128 + 15;
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private final Path socket;
    private final Duration idleTimeout;
    private final Instant started = Instant.now();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();
    private volatile Instant lastActivity = Instant.now();
    private final WarmRunners runners = new WarmRunners();
    private final String user = System.getProperty("user.name");
    private Object socketIdentity;
    /** The jar this process runs (under -Dtandem.home), and its modification time at start. */
    private final Path build = buildJar();
    private final Object buildStamp = stamp(build);

    ResidentServer(Path socket, Duration idleTimeout) {
        this.socket = socket;
        this.idleTimeout = idleTimeout;
    }

    /** Listens until stopped; returns normally only when another process already listens there. */
    void serve() throws IOException {
        checkDirectory(socket.getParent());
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            Files.deleteIfExists(socket); // the client that started this process found nothing listening
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            socketIdentity = identity();
            log("listening on " + socket + " (pid " + ProcessHandle.current().pid() + ")");
            watch();
            while (true) {
                SocketChannel client = server.accept();
                if (!fromThisUser(client)) {
                    client.close();
                    continue;
                }
                lastActivity = Instant.now();
                Thread.ofPlatform().daemon().name("tandem-client").start(new ClientSession(client, this));
            }
        }
    }

    private boolean fromThisUser(SocketChannel client) {
        try {
            UnixDomainPrincipal peer = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (peer.user().getName().equals(user)) {
                return true;
            }
            log("refused a connection from user " + peer.user().getName());
        } catch (IOException | UnsupportedOperationException failure) {
            log("refused a connection whose user is unknown: " + failure);
        }
        return false;
    }

    /** The socket's directory must be this user's and closed to everyone else. */
    private void checkDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)
                || !Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS).getName().equals(user)
                || !Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)) {
            throw new IOException(directory + " must be a directory of user " + user + " with mode 0700");
        }
    }

    /** Checks every few seconds for an idle timeout and for a socket file deleted or replaced. */
    private void watch() {
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tandem-resident-watch");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(() -> {
            if (active.get() == 0 && Duration.between(lastActivity, Instant.now()).compareTo(idleTimeout) > 0) {
                log("idle for " + idleTimeout.toSeconds() + " s: exiting");
                stop();
            }
            if (active.get() == 0 && build != null && !Objects.equals(stamp(build), buildStamp)) {
                log("Tandem was rebuilt (" + build + "): exiting, the next client starts the new build");
                stop();
            }
            Object now = identity();
            if (now == null || !now.equals(socketIdentity)) {
                log("the socket file " + socket + " is gone or replaced: exiting");
                stop();
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    private Object identity() {
        try {
            return Files.readAttributes(socket, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException gone) {
            return null;
        }
    }

    private static Path buildJar() {
        String home = System.getProperty("tandem.home");
        return home == null ? null : Path.of(home, "target", "tandem.jar");
    }

    private static Object stamp(Path file) {
        try {
            return file == null ? null : Files.getLastModifiedTime(file);
        } catch (IOException gone) {
            return null;
        }
    }

    WarmRunners runners() {
        return runners;
    }

    void runStarted() {
        active.incrementAndGet();
        served.incrementAndGet();
    }

    void runEnded() {
        lastActivity = Instant.now();
        active.decrementAndGet();
    }

    String status() {
        return "running: pid " + ProcessHandle.current().pid() + "\n"
                + "socket: " + socket + "\n"
                + "since: " + started + "\n"
                + "runs: " + served.get() + " (" + active.get() + " running)\n"
                + "idle-timeout: " + idleTimeout.toSeconds() + " s\n"
                + "jvm: " + String.join(" ", ProcessHandle.current().info().arguments().orElse(new String[0])) + "\n";
    }

    /** Exits the process; runs still going are cut off (their clients report it). */
    void stop() {
        if (identity() != null && identity().equals(socketIdentity)) {
            try {
                Files.deleteIfExists(socket);
            } catch (IOException ignored) {
                // exiting anyway; the next client removes it
            }
        }
        log("stopped");
        Runtime.getRuntime().halt(0);
    }

    void log(String message) {
        System.err.println(Instant.now() + " tandem resident: " + message);
    }
}

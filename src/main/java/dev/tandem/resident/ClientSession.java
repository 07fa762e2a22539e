package dev.tandem.resident;

import dev.tandem.cli.PythonMode;
import dev.tandem.runtime.Interpreter;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** One client connection: a run, or a status or stop request. */
final class ClientSession implements Runnable {
    private static final int SIGINT = 2;

    private final SocketChannel channel;
    private final ResidentServer server;
    private final Frames frames;

    ClientSession(SocketChannel channel, ResidentServer server) {
        this.channel = channel;
        this.server = server;
        this.frames = new Frames(channel);
    }

    @Override
    public void run() {
        try (channel) {
            Frames.Frame first = frames.read();
            if (first == null) {
                return;
            }
            switch (first.type()) {
                case Frames.RUN -> run(RunRequest.parse(first.payload()));
                case Frames.STATUS -> {
                    frames.write(Frames.TEXT, server.status().getBytes(StandardCharsets.UTF_8));
                    frames.writeInt(Frames.EXIT, 0);
                }
                case Frames.STOP -> {
                    frames.write(Frames.TEXT, "stopping the resident Tandem process\n".getBytes(StandardCharsets.UTF_8));
                    frames.writeInt(Frames.EXIT, 0);
                    server.stop();
                }
                default -> throw new IOException("a connection that starts with a frame of type " + (char) first.type());
            }
        } catch (IOException failure) {
            server.log("a client connection failed: " + failure.getMessage());
        }
    }

    private void run(RunRequest request) throws IOException {
        ForwardedInput stdin = new ForwardedInput(frames);
        Interpreter interpreter = PythonMode.interpreterOf(request.arguments());
        ResidentRun run = new ResidentRun(request, server.runners().take(interpreter), stdin,
                new ForwardedOutput(frames, Frames.STDOUT), new ForwardedOutput(frames, Frames.STDERR));
        Thread control = Thread.ofPlatform().daemon().name("tandem-client-control")
                .start(() -> control(run, stdin));
        server.runStarted();
        try {
            frames.writeInt(Frames.EXIT, run.execute());
        } finally {
            server.runEnded();
            server.runners().ranIn(interpreter);
            control.interrupt();
        }
    }

    /** Reads what the client sends during a run: input it was asked for, and signals. */
    private void control(ResidentRun run, ForwardedInput stdin) {
        try {
            for (Frames.Frame frame = frames.read(); frame != null; frame = frames.read()) {
                switch (frame.type()) {
                    case Frames.STDIN -> {
                        if (!stdin.arrived(frame.payload())) {
                            throw new IOException("the client sent input that was not asked for");
                        }
                    }
                    case Frames.SIGNAL -> {
                        int signal = frame.payload().length == 1 ? frame.payload()[0] : 0;
                        if (signal == SIGINT) {
                            run.interrupt();
                        } else {
                            run.end(128 + signal); // SIGTERM, SIGHUP: ended as the signal ends a process
                        }
                    }
                    default -> throw new IOException("a frame of type " + (char) frame.type() + " during a run");
                }
            }
        } catch (IOException failure) {
            if (channel.isOpen()) { // else the run ended and closed it
                server.log("a client connection failed during a run: " + failure.getMessage());
            }
        }
        // The client is gone (killed, or done after EXIT): a script still running is cancelled.
        run.end(ResidentServer.CLIENT_GONE);
    }
}

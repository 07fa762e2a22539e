package dev.tandem.resident;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The wire format between tandem-client (native/client/src/frames.rs) and the resident
 * process: a frame is a one-byte type, a big-endian u32 payload length and the payload.
 * Reads happen on one thread and writes on any, under one lock, so that output frames keep
 * the order in which the script wrote them, stdout and stderr interleaved.
 */
final class Frames {
    /** Client: a run (cwd, terminals, argc, argv, KEY=VALUE environment); the first frame. */
    static final byte RUN = 'R';
    /** Client: the status text, please. */
    static final byte STATUS = 'Q';
    /** Client: exit, please. */
    static final byte STOP = 'S';
    /** Client: bytes of standard input, sent only when asked; empty is its end. */
    static final byte STDIN = 'I';
    /** Client: a signal it received (one byte, its number). */
    static final byte SIGNAL = 'K';
    /** Server: bytes for standard output. */
    static final byte STDOUT = 'O';
    /** Server: bytes for standard error. */
    static final byte STDERR = 'E';
    /** Server: the script waits for at most this many bytes of standard input (u32). */
    static final byte WANT_STDIN = 'N';
    /** Server: the exit status (i32); the last frame of a run. */
    static final byte EXIT = 'X';
    /** Server: text for the client's standard output (status replies). */
    static final byte TEXT = 'T';

    /** The largest payload the server sends or accepts, but for a RUN frame (argv and environment). */
    static final int CHUNK = 64 * 1024;
    private static final int MAX_REQUEST = 16 * 1024 * 1024;

    /** One frame as read. */
    record Frame(byte type, byte[] payload) {}

    private final SocketChannel channel;
    private final Object writeLock = new Object();

    Frames(SocketChannel channel) {
        this.channel = channel;
    }

    /** The next frame, or null when the client closed the connection between frames. */
    Frame read() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(5);
        if (!fill(header, true)) {
            return null;
        }
        byte type = header.get(0);
        int length = header.getInt(1);
        if (length < 0 || length > (type == RUN ? MAX_REQUEST : CHUNK)) {
            throw new IOException("a frame of type " + (char) type + " with " + Integer.toUnsignedString(length) + " bytes");
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        fill(payload, false);
        return new Frame(type, payload.array());
    }

    private boolean fill(ByteBuffer buffer, boolean endAllowed) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                if (endAllowed && buffer.position() == 0) {
                    return false;
                }
                throw new EOFException("the client closed the connection in the middle of a frame");
            }
        }
        return true;
    }

    void write(byte type, byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(5).put(type).putInt(length).flip();
        ByteBuffer payload = ByteBuffer.wrap(bytes, offset, length);
        synchronized (writeLock) {
            while (header.hasRemaining() || payload.hasRemaining()) {
                channel.write(new ByteBuffer[] {header, payload});
            }
        }
    }

    void write(byte type, byte[] payload) throws IOException {
        write(type, payload, 0, payload.length);
    }

    void writeInt(byte type, int value) throws IOException {
        write(type, ByteBuffer.allocate(4).putInt(value).array());
    }
}

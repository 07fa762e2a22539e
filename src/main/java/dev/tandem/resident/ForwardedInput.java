package dev.tandem.resident;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The standard input of a run: each read asks the client for at most the bytes wanted (a
 * WANT_STDIN frame) and waits for its STDIN frame, so the client never reads ahead of the
 * script and nothing piles up here. An empty frame is the end of input.
 */
final class ForwardedInput extends InputStream {
    /** What {@link #lost()} puts in place of data: the connection is gone. */
    private static final byte[] LOST = new byte[0];

    private final Frames frames;
    // One request is outstanding at a time; a client that sends more than asked is broken.
    private final BlockingQueue<byte[]> arrivals = new ArrayBlockingQueue<>(2);
    private byte[] pending = new byte[0];
    private int position;
    private boolean ended;

    ForwardedInput(Frames frames) {
        this.frames = frames;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == pending.length) {
            if (ended) {
                return -1;
            }
            frames.writeInt(Frames.WANT_STDIN, Math.min(length, Frames.CHUNK));
            byte[] arrived;
            try {
                arrived = arrivals.take();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for standard input");
            }
            if (arrived == LOST) {
                throw new IOException("the client closed the connection");
            }
            if (arrived.length == 0) {
                ended = true;
                return -1;
            }
            pending = arrived;
            position = 0;
        }
        int n = Math.min(length, pending.length - position);
        System.arraycopy(pending, position, bytes, offset, n);
        position += n;
        return n;
    }

    /** Bytes (or the end, when empty) the client sent; false when it sent more than asked. */
    boolean arrived(byte[] bytes) {
        return arrivals.offer(bytes);
    }

    /** The connection is gone: a waiting read fails instead of waiting forever. */
    void lost() {
        arrivals.offer(LOST);
    }
}

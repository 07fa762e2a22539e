package dev.tandem.resident;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A standard output or error stream of a run, written to the client as frames of at most
 * {@link Frames#CHUNK} bytes. Nothing is queued: a write returns once the socket took the
 * bytes, so a client that reads slowly slows the script down instead of filling memory.
 */
final class ForwardedOutput extends OutputStream {
    private final Frames frames;
    private final byte type;
    private volatile boolean muted;

    ForwardedOutput(Frames frames, byte type) {
        this.frames = frames;
        this.type = type;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (muted) {
            return;
        }
        for (int start = offset; start < offset + length; start += Frames.CHUNK) {
            frames.write(type, bytes, start, Math.min(Frames.CHUNK, offset + length - start));
        }
    }

    /** Drops what is written from now on: the run was ended from outside and says nothing more. */
    void mute() {
        muted = true;
    }
}

package dev.tandem.resident;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The standard streams a context is built with before anyone asked for a run: they lead
 * nowhere until {@link #attach} connects them to the streams of the run that takes the context.
 */
final class DeferredStreams {
    private volatile InputStream in = InputStream.nullInputStream();
    private volatile OutputStream out = OutputStream.nullOutputStream();
    private volatile OutputStream err = OutputStream.nullOutputStream();

    final InputStream input = new InputStream() {
        @Override
        public int read() throws IOException {
            return in.read();
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            return in.read(bytes, offset, length);
        }
    };
    final OutputStream output = new Forwarding(true);
    final OutputStream error = new Forwarding(false);

    void attach(InputStream in, OutputStream out, OutputStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    private final class Forwarding extends OutputStream {
        private final boolean standardOutput;

        Forwarding(boolean standardOutput) {
            this.standardOutput = standardOutput;
        }

        private OutputStream target() {
            return standardOutput ? out : err;
        }

        @Override
        public void write(int b) throws IOException {
            target().write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            target().write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            target().flush();
        }
    }
}

package dev.tandem.script;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import javax.script.ScriptContext;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * A ScriptContext's reader and writers as functions Python calls (proxies need no host
 * access rights): {@code write(text)} and {@code read(maxChars) -> str or None at the end}.
 */
final class ScriptStreams {
    private final Writer out;
    private final Writer err;
    private final Object[] functions;

    ScriptStreams(ScriptContext context) {
        Reader in = context.getReader();
        this.out = context.getWriter();
        this.err = context.getErrorWriter();
        this.functions = new Object[] {in == null ? null : reader(in), out == null ? null : writer(out),
            err == null ? null : writer(err)};
    }

    /** [read, write, writeError] for tandem._scripting; a null entry keeps the interpreter's own stream. */
    Object[] functions() {
        return functions;
    }

    /** Flushes what the script wrote, so that the host sees it when eval returns. */
    void flush() {
        for (Writer writer : new Writer[] {out, err}) {
            if (writer != null) {
                try {
                    writer.flush();
                } catch (IOException ignored) {
                    // The host closed its writer; what the script wrote is lost, as it would be then.
                }
            }
        }
    }

    private static ProxyExecutable writer(Writer writer) {
        return arguments -> {
            try {
                writer.write(arguments[0].asString());
            } catch (IOException failed) {
                throw new UncheckedIOException("writing the script's output failed", failed);
            }
            return null;
        };
    }

    private static ProxyExecutable reader(Reader reader) {
        return arguments -> {
            Value size = arguments[0];
            char[] buffer = new char[Math.clamp(size.asLong(), 1, 8192)];
            try {
                int read = reader.read(buffer);
                return read < 0 ? null : new String(buffer, 0, read);
            } catch (IOException failed) {
                throw new UncheckedIOException("reading the script's input failed", failed);
            }
        };
    }
}

package dev.tandem.cli;

import java.util.List;

/**
 * Which standard streams were closed when tandem started. The launcher tests descriptors 0-2
 * before it starts the JVM, reopens closed ones on /dev/null (so that the JVM's own files
 * cannot take their numbers and be read or written as stdin or stdout), and names them in
 * the environment variable {@code TANDEM_CLOSED_STREAMS} ({@code 0,1,2}; see
 * scripts/streams.sh). The script then sees None for those streams, as under CPython.
 */
record ClosedStreams(boolean stdin, boolean stdout, boolean stderr) {
    static final String VARIABLE = "TANDEM_CLOSED_STREAMS";

    static ClosedStreams atLaunch() {
        String names = Invocation.current().environment().get(VARIABLE);
        List<String> closed = List.of(names == null ? new String[0] : names.split(","));
        return new ClosedStreams(closed.contains("0"), closed.contains("1"), closed.contains("2"));
    }

    boolean any() {
        return stdin || stdout || stderr;
    }
}

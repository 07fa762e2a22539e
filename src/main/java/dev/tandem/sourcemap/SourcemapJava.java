package dev.tandem.sourcemap;

import dev.tandem.KernelException;
import dev.tandem.ffi.Cancellation;
import org.graalvm.polyglot.HostAccess;

/**
 * The Java backend of {@code sourcemap.decode}: a source map's {@code mappings} string decoded
 * into {@link SourcemapMappings}, which Python keeps and queries (one crossing per lookup).
 * The reference, with the semantics and the error messages, is
 * {@code python/tandem/sourcemap/_mappings.py}.
 *
 * <p>Bad input comes back as a value, the error message, not as a thrown exception: under the
 * sandboxed host access of untrusted contexts a Java exception thrown by a host method cannot
 * be caught by the script (found with DifferentialTest), so it would end the script instead of
 * becoming a {@code KernelError}.
 */
public final class SourcemapJava {
    static final String KERNEL = "sourcemap.decode";
    private static final String[] FIELDS = {
        "generated column", "source index", "original line", "original column", "name index"};
    private static final byte[] BASE64 = new byte[128];

    static {
        java.util.Arrays.fill(BASE64, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64[alphabet.charAt(i)] = (byte) i;
        }
    }

    /**
     * {@code sourcemap.decode}: the mappings of a map with that many sources and names, as a
     * {@link SourcemapMappings}; or, for bad input, the {@link KernelException}'s message (a String).
     */
    @HostAccess.Export
    public Object decode(String mappings, long sourceCount, long nameCount) {
        try {
            checkCount("source", sourceCount);
            checkCount("name", nameCount);
            return new Decoder(mappings, (int) sourceCount, (int) nameCount).run();
        } catch (KernelException e) {
            return e.getMessage();
        }
    }

    static KernelException error(String message) {
        return new KernelException(KERNEL, message);
    }

    private static void checkCount(String what, long value) {
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw error(what + " count " + value + " is out of range (0 to " + Integer.MAX_VALUE + ")");
        }
    }

    /** One pass over the string; the columns grow like an ArrayList's backing array. */
    private static final class Decoder {
        private final String text;
        private final int end;
        private final int sourceCount;
        private final int nameCount;
        private final int[][] columns = new int[6][];
        private int size;
        private int position;

        Decoder(String text, int sourceCount, int nameCount) {
            this.text = text;
            this.end = text.length();
            this.sourceCount = sourceCount;
            this.nameCount = nameCount;
            int guess = Math.max(16, end / 4); // a typical segment is 4 to 8 characters
            for (int c = 0; c < 6; c++) {
                columns[c] = new int[guess];
            }
        }

        SourcemapMappings run() {
            int generatedLine = 0;
            long[] state = new long[5]; // generated column, source, original line, original column, name
            long[] values = new long[5];
            Cancellation cancellation = Cancellation.current();
            int sincePoll = 0;
            while (position < end) {
                if (++sincePoll == 1 << 14) { // a look at the call's deadline every 16k segments or lines
                    sincePoll = 0;
                    cancellation.check(KERNEL);
                }
                char c = text.charAt(position);
                if (c == ';') {
                    generatedLine++;
                    state[0] = 0;
                    position++;
                    continue;
                }
                if (c == ',') {
                    throw error("mappings: empty segment at offset " + position);
                }
                int start = position;
                int fields = 0;
                while (position < end && text.charAt(position) != ',' && text.charAt(position) != ';') {
                    long value = vlq();
                    if (fields < 5) {
                        values[fields] = value;
                    }
                    fields++;
                }
                if (fields != 1 && fields != 4 && fields != 5) {
                    throw error("mappings: segment at offset " + start + " has " + fields
                            + " fields; a segment has 1, 4 or 5");
                }
                for (int field = 0; field < fields; field++) {
                    state[field] = add(state[field], values[field], field, start);
                }
                if (fields > 1 && state[1] >= sourceCount) {
                    throw error("mappings: segment at offset " + start + " refers to source " + state[1]
                            + ", but the map has " + sourceCount + " sources");
                }
                if (fields == 5 && state[4] >= nameCount) {
                    throw error("mappings: segment at offset " + start + " refers to name " + state[4]
                            + ", but the map has " + nameCount + " names");
                }
                append(generatedLine, (int) state[0], fields > 1 ? (int) state[1] : -1, (int) state[2],
                        (int) state[3], fields == 5 ? (int) state[4] : -1);
                if (position < end && text.charAt(position) == ',') {
                    position++;
                    if (position == end || text.charAt(position) == ';') {
                        throw error("mappings: empty segment at offset " + position);
                    }
                }
            }
            int[][] trimmed = new int[6][];
            for (int c = 0; c < 6; c++) {
                trimmed[c] = java.util.Arrays.copyOf(columns[c], size);
            }
            return new SourcemapMappings(trimmed);
        }

        /** One Base64 VLQ value at {@code position}, which moves past it. */
        private long vlq() {
            int start = position;
            long raw = 0;
            int shift = 0;
            while (true) {
                if (position == end || text.charAt(position) == ',' || text.charAt(position) == ';') {
                    throw error("mappings: the VLQ value at offset " + start + " ends without its last digit");
                }
                int codePoint = text.codePointAt(position);
                int digit = codePoint < 128 ? BASE64[codePoint] : -1;
                if (digit < 0) {
                    throw error("mappings: invalid Base64 VLQ character " + characterName(codePoint)
                            + " at offset " + position);
                }
                position++;
                int bits = digit & 31;
                // Leading zero digits may run on past 32 bits (tc39's validMappingLargeVLQ).
                if (bits != 0 && (shift >= 32 || raw + ((long) bits << shift) > 0xFFFFFFFFL)) {
                    throw error("mappings: the VLQ value at offset " + start + " does not fit in 32 bits");
                }
                if (shift < 32) {
                    raw += (long) bits << shift;
                }
                shift += 5;
                if ((digit & 32) == 0) {
                    return (raw & 1) != 0 ? -(raw >> 1) : raw >> 1;
                }
            }
        }

        private static long add(long current, long delta, int field, int offset) {
            long value = current + delta;
            if (value < 0) {
                throw error("mappings: segment at offset " + offset + " makes the " + FIELDS[field]
                        + " negative (" + value + ")");
            }
            if (value > Integer.MAX_VALUE) {
                throw error("mappings: segment at offset " + offset + " makes the " + FIELDS[field]
                        + " exceed " + Integer.MAX_VALUE + " (" + value + ")");
            }
            return value;
        }

        private void append(int generatedLine, int generatedColumn, int source, int line, int column, int name) {
            if (size == columns[0].length) {
                for (int c = 0; c < 6; c++) {
                    columns[c] = java.util.Arrays.copyOf(columns[c], size * 2);
                }
            }
            columns[0][size] = generatedLine;
            columns[1][size] = generatedColumn;
            columns[2][size] = source;
            columns[3][size] = line;
            columns[4][size] = column;
            columns[5][size] = name;
            size++;
        }
    }

    /** U+XXXX, with the character when it is printable ASCII (as the reference). */
    static String characterName(int codePoint) {
        String hex = String.format("U+%04X", codePoint);
        return codePoint >= 0x21 && codePoint < 0x7F ? hex + " ('" + (char) codePoint + "')" : hex;
    }

    /**
     * A whole source map read on the host (JSON by jackson-core, then {@link #decode}), for
     * {@code tandem.sourcemap.loads}: its fields ({@code SourceMap.packedFields}), or null when
     * the text is not a regular map this reads without error. Python then reads the text itself,
     * so every error keeps the reference's message and index maps the reference's reading.
     */
    @HostAccess.Export
    public Object[] parse(String json) {
        try {
            return SourceMap.parseWith(json, this::decode).packedFields();
        } catch (RuntimeException e) { // bad JSON or fields; the script could not catch it anyway
            return null;
        }
    }
}

package dev.tandem.kernels.bpe;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The strict {@code .tiktoken} parser, with the rules of the reference's {@code bpe.load_ranks}:
 * every line is {@code BASE64 RANK} and a newline ({@code \r\n} accepted), the base64 is valid
 * and padded, the rank is decimal, tokens and ranks are unique,
 * and the file ends with a newline (a file cut short almost always ends mid-line). A damaged
 * file would otherwise tokenize wrongly without a word, so any deviation is an
 * IllegalArgumentException naming the line.
 *
 * <p>One difference: ranks are Java {@code int} token ids here, so the limit is
 * {@value #MAX_RANK} where the reference's is 2**32 - 1.
 */
final class RankFile {
    /** The largest rank a Java token id holds (Integer.MAX_VALUE is kept as a "no pair" mark). */
    static final long MAX_RANK = Integer.MAX_VALUE - 1;

    private RankFile() {
    }

    /** Parses {@code contents}; {@code where} names the file in error messages. */
    static RankTable parse(byte[] contents, String where) {
        if (contents.length == 0) {
            throw new IllegalArgumentException(where + ": empty rank file");
        }
        RankTable.Builder table = new RankTable.Builder();
        RankLines lines = new RankLines();
        Base64.Decoder base64 = Base64.getDecoder();
        int line = 0;
        int start = 0;
        while (start < contents.length) {
            line++;
            int newline = indexOf(contents, (byte) '\n', start);
            if (newline < 0) {
                throw new IllegalArgumentException(
                        where + ": line " + line + " has no newline at the end: the file is truncated");
            }
            int end = newline > start && contents[newline - 1] == '\r' ? newline - 1 : newline;
            int space = indexOf(contents, (byte) ' ', start);
            if (space <= start || space >= end || !isDigits(contents, space + 1, end)) {
                throw new IllegalArgumentException(
                        where + ": line " + line + " is not 'BASE64 RANK': " + show(contents, start, end));
            }
            byte[] token = decode(base64, contents, start, space, where, line);
            long rank = parseRank(contents, space + 1, end, where, line);
            int first = table.add(token, (int) rank);
            if (first >= 0) {
                throw new IllegalArgumentException(where + ": line " + line + ": token " + show(token, 0, token.length)
                        + " again (first on line " + (first + 1) + ")");
            }
            int firstLine = lines.put((int) rank, line);
            if (firstLine > 0) {
                throw new IllegalArgumentException(
                        where + ": line " + line + ": rank " + rank + " again (first on line " + firstLine + ")");
            }
            start = newline + 1;
        }
        return table.build();
    }

    private static byte[] decode(Base64.Decoder base64, byte[] contents, int from, int to, String where, int line) {
        String text = new String(contents, from, to - from, StandardCharsets.ISO_8859_1);
        // Java's decoder accepts missing padding; Python's b64decode(validate=True) does not.
        if (text.length() % 4 != 0) {
            throw new IllegalArgumentException(where + ": line " + line + ": invalid base64 "
                    + show(contents, from, to) + " (its length is not a multiple of 4)");
        }
        byte[] token;
        try {
            token = base64.decode(text);
        } catch (IllegalArgumentException error) {
            throw new IllegalArgumentException(where + ": line " + line + ": invalid base64 "
                    + show(contents, from, to) + " (" + error.getMessage() + ")", error);
        }
        return token; // never empty: the field is not, and padding alone is invalid base64
    }

    private static long parseRank(byte[] contents, int from, int to, String where, int line) {
        long rank = 0;
        for (int i = from; i < to; i++) {
            rank = rank * 10 + (contents[i] - '0');
            if (rank > MAX_RANK) {
                throw new IllegalArgumentException(where + ": line " + line + ": rank "
                        + new String(contents, from, to - from, StandardCharsets.US_ASCII)
                        + " is too large (Java token ids go up to " + MAX_RANK + ")");
            }
        }
        return rank;
    }

    private static int indexOf(byte[] data, byte wanted, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigits(byte[] data, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (data[i] < '0' || data[i] > '9') {
                return false;
            }
        }
        return true;
    }

    /** Bytes as Python shows them ({@code b'ab\x00'}), cut at 60. */
    static String show(byte[] data, int from, int to) {
        StringBuilder out = new StringBuilder("b'");
        for (int i = from; i < Math.min(to, from + 60); i++) {
            int b = data[i] & 0xFF;
            if (b == '\\' || b == '\'') {
                out.append('\\').append((char) b);
            } else if (b >= 0x20 && b < 0x7F) {
                out.append((char) b);
            } else {
                out.append(String.format("\\x%02x", b));
            }
        }
        return out.append(to - from > 60 ? "'..." : "'").toString();
    }

    /** Rank to the line it was first seen on: a small open-addressing map, for the parse only. */
    private static final class RankLines {
        private int[] ranks = new int[1 << 12];
        private int[] lines = new int[1 << 12];
        private int size;

        /** Records {@code rank} on {@code line}; returns the earlier line of that rank, or 0. */
        int put(int rank, int line) {
            int mask = ranks.length - 1;
            int mixed = rank * 0x9E3779B9;
            int slot = (mixed ^ mixed >>> 16) & mask;
            for (; lines[slot] != 0; slot = slot + 1 & mask) {
                if (ranks[slot] == rank) {
                    return lines[slot];
                }
            }
            ranks[slot] = rank;
            lines[slot] = line;
            if (++size * 2 > ranks.length) {
                grow();
            }
            return 0;
        }

        private void grow() {
            int[] oldRanks = ranks;
            int[] oldLines = lines;
            ranks = new int[oldRanks.length * 2];
            lines = new int[oldLines.length * 2];
            size = 0;
            for (int i = 0; i < oldRanks.length; i++) {
                if (oldLines[i] != 0) {
                    put(oldRanks[i], oldLines[i]);
                }
            }
        }
    }
}

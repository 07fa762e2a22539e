package dev.tandem.kernels.sourcemap;

import org.graalvm.polyglot.HostAccess;

/**
 * Decoded mappings in six parallel {@code int[]} columns (no object per mapping), sorted in
 * generated order, and the lookups over them. Method for method the contract of
 * {@code Mappings} in {@code python/tandem/_sourcemap_mappings.py}, whose documentation gives
 * the semantics (Mozilla's source-map). Immutable after construction except for the lazily
 * built original-order index, which is published safely through a volatile field.
 */
public final class SourcemapMappings implements DecodedMappings {
    static final int GREATEST_LOWER_BOUND = 1;
    static final int LEAST_UPPER_BOUND = 2;

    private final int[] generatedLines;
    private final int[] generatedColumns;
    private final int[] sources;
    private final int[] lines;
    private final int[] columns;
    private final int[] names;
    /** lineStarts[l]: the index of the first mapping on generated line l; one more entry than lines. */
    private final int[] lineStarts;
    private volatile int[] byOriginal;

    SourcemapMappings(int[][] decoded, int lineCount) {
        int[][] sorted = sortedColumns(decoded);
        generatedLines = sorted[0];
        generatedColumns = sorted[1];
        sources = sorted[2];
        lines = sorted[3];
        columns = sorted[4];
        names = sorted[5];
        lineStarts = new int[lineCount + 1];
        int index = 0;
        for (int line = 0; line <= lineCount; line++) {
            while (index < generatedLines.length && generatedLines[index] < line) {
                index++;
            }
            lineStarts[line] = index;
        }
    }

    @Override
    @HostAccess.Export
    public long count() {
        return generatedLines.length;
    }

    /** Every mapping as 6 ints, in generated order. */
    @Override
    @HostAccess.Export
    public int[] flat() {
        int[] flat = new int[generatedLines.length * 6];
        for (int i = 0, j = 0; i < generatedLines.length; i++, j += 6) {
            row(i, flat, j);
        }
        return flat;
    }

    @Override
    @HostAccess.Export
    public int[] mapping(long index) {
        if (index < 0 || index >= generatedLines.length) { // Python checks first, with the reference's message
            throw new IndexOutOfBoundsException("mapping index " + index + " of " + generatedLines.length);
        }
        int[] row = new int[6];
        row((int) index, row, 0);
        return row;
    }

    private void row(int i, int[] out, int at) {
        out[at] = generatedLines[i];
        out[at + 1] = generatedColumns[i];
        out[at + 2] = sources[i];
        out[at + 3] = lines[i];
        out[at + 4] = columns[i];
        out[at + 5] = names[i];
    }

    /** The index of the mapping at generated ({@code line}, {@code column}) with {@code bias}, or -1. */
    @Override
    @HostAccess.Export
    public long lookup(long line, long column, long bias) {
        if (bias != GREATEST_LOWER_BOUND && bias != LEAST_UPPER_BOUND) { // Python checks first
            throw new IllegalArgumentException("bias " + bias);
        }
        if (line < 0 || line >= lineStarts.length - 1 || column < 0) {
            return -1;
        }
        int low = lineStarts[(int) line];
        int high = lineStarts[(int) line + 1];
        if (bias == GREATEST_LOWER_BOUND) {
            int index = upperBound(generatedColumns, Math.min(column, Integer.MAX_VALUE), low, high);
            return index == low ? -1 : lowerBound(generatedColumns, generatedColumns[index - 1], low, high);
        }
        if (column > Integer.MAX_VALUE) {
            return -1;
        }
        int index = lowerBound(generatedColumns, column, low, high);
        return index == high ? -1 : index;
    }

    /**
     * {@link #lookup} of every ({@code lines[i]}, {@code columns[i]}): per query the 6 ints of
     * {@link #mapping}, or six -1s when nothing is found. Python checks the bias and the lengths
     * first and narrows the queries to int (with the same answers); the arrays hold at least
     * {@code queryCount} queries.
     */
    @Override
    @HostAccess.Export
    public int[] lookup_many(int[] lines, int[] columns, long queryCount, long bias) {
        int queries = checkQueries(lines, columns, queryCount);
        int[] out = new int[Math.multiplyExact(queries, 6)];
        for (int q = 0, at = 0; q < queries; q++, at += 6) {
            long index = lookup(lines[q], columns[q], bias);
            if (index < 0) {
                java.util.Arrays.fill(out, at, at + 6, -1);
            } else {
                row((int) index, out, at);
            }
        }
        return out;
    }

    /**
     * The number of queries, {@code count}: the arrays may be longer (they can be the storage
     * of Python lists, which keeps spare capacity); Python checks the lengths first.
     */
    static int checkQueries(int[] lines, int[] columns, long count) {
        if (count < 0 || count > lines.length || count > columns.length) {
            throw new IllegalArgumentException(count + " queries in arrays of " + lines.length + " lines and "
                    + columns.length + " columns");
        }
        return (int) count;
    }

    /** Generated positions of an original one as flat (line, column, last column or -1) triples. */
    @Override
    @HostAccess.Export
    public int[] generated_for(long source, long line, long column, boolean hasColumn) {
        int[] order = originalOrder();
        long queryColumn = hasColumn ? column : 0;
        int low = 0;
        int high = order.length;
        while (low < high) { // least upper bound of (source, line, queryColumn)
            int middle = (low + high) >>> 1;
            int i = order[middle];
            int compare = sources[i] != source ? Long.compare(sources[i], source)
                    : lines[i] != line ? Long.compare(lines[i], line) : Long.compare(columns[i], queryColumn);
            if (compare < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        if (low == order.length || sources[order[low]] != source) {
            return new int[0];
        }
        int found = order[low];
        if (hasColumn && lines[found] != line) {
            return new int[0];
        }
        int stop = low;
        while (stop < order.length && sources[order[stop]] == source && lines[order[stop]] == lines[found]
                && (!hasColumn || columns[order[stop]] == columns[found])) {
            stop++;
        }
        int[] result = new int[(stop - low) * 3];
        for (int k = low, j = 0; k < stop; k++, j += 3) {
            int i = order[k];
            result[j] = generatedLines[i];
            result[j + 1] = generatedColumns[i];
            result[j + 2] = i + 1 < generatedLines.length && generatedLines[i + 1] == generatedLines[i]
                    ? generatedColumns[i + 1] - 1 : -1;
        }
        return result;
    }

    private int[] originalOrder() {
        int[] order = byOriginal;
        if (order == null) {
            order = java.util.stream.IntStream.range(0, sources.length).filter(i -> sources[i] >= 0).boxed()
                    .sorted((a, b) -> compareOriginal(a, b)).mapToInt(Integer::intValue).toArray();
            byOriginal = order;
        }
        return order;
    }

    /** Mozilla's original order: source, line, column, name (none first), generated position. */
    private int compareOriginal(int a, int b) {
        int c = Integer.compare(sources[a], sources[b]);
        if (c == 0) c = Integer.compare(lines[a], lines[b]);
        if (c == 0) c = Integer.compare(columns[a], columns[b]);
        if (c == 0) c = Integer.compare(names[a], names[b]);
        if (c == 0) c = Integer.compare(generatedLines[a], generatedLines[b]);
        if (c == 0) c = Integer.compare(generatedColumns[a], generatedColumns[b]);
        return c;
    }

    private static int lowerBound(int[] values, long key, int low, int high) {
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (values[middle] < key) low = middle + 1; else high = middle;
        }
        return low;
    }

    private static int upperBound(int[] values, long key, int low, int high) {
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (values[middle] <= key) low = middle + 1; else high = middle;
        }
        return low;
    }

    /** The columns in generated order; most maps already are, so the check comes first. */
    private static int[][] sortedColumns(int[][] c) {
        int n = c[0].length;
        boolean sorted = true;
        for (int i = 0; i + 1 < n && sorted; i++) {
            sorted = compareGenerated(c, i, i + 1) <= 0;
        }
        if (sorted) {
            return c;
        }
        int[] order = java.util.stream.IntStream.range(0, n).boxed().sorted((a, b) -> compareGenerated(c, a, b))
                .mapToInt(Integer::intValue).toArray();
        int[][] result = new int[6][n];
        for (int col = 0; col < 6; col++) {
            for (int i = 0; i < n; i++) {
                result[col][i] = c[col][order[i]];
            }
        }
        return result;
    }

    /** Generated position, then source, original line and column (a mapping without a source first), then name. */
    private static int compareGenerated(int[][] c, int a, int b) {
        int r = Integer.compare(c[0][a], c[0][b]);
        if (r == 0) r = Integer.compare(c[1][a], c[1][b]);
        if (r == 0) r = Integer.compare(c[2][a], c[2][b]);
        if (r == 0 && c[2][a] >= 0) {
            r = Integer.compare(c[3][a], c[3][b]);
            if (r == 0) r = Integer.compare(c[4][a], c[4][b]);
        }
        if (r == 0) r = Integer.compare(c[5][a], c[5][b]);
        return r;
    }

    @Override
    public String toString() {
        return "<Mappings: " + generatedLines.length + " mappings>";
    }
}

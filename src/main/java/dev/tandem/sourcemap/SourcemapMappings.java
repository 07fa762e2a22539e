package dev.tandem.sourcemap;

import org.graalvm.polyglot.HostAccess;

/**
 * Decoded mappings (no object per mapping), sorted in generated order, and the lookups over
 * them: the generated line and column as two {@code int[]} columns (the binary search reads only
 * these), the original side as one {@code int[]} of 4 ints per mapping (source, line, column,
 * name), so that a lookup's answer is one cache line, not four. Method for method the contract of
 * {@code Mappings} in {@code python/tandem/sourcemap/_mappings.py}, whose documentation gives
 * the semantics (Mozilla's source-map). Immutable after construction except for the lazily
 * built original-order index, which is published safely through a volatile field.
 */
public final class SourcemapMappings implements DecodedMappings {
    static final int GREATEST_LOWER_BOUND = 1;
    static final int LEAST_UPPER_BOUND = 2;

    private final int[] generatedLines;
    private final int[] generatedColumns;
    /** Per mapping 4 ints: source, original line, original column, name (at SOURCE, LINE, COLUMN, NAME). */
    private final int[] originals;
    private static final int SOURCE = 0;
    private static final int LINE = 1;
    private static final int COLUMN = 2;
    private static final int NAME = 3;
    /** {@link #line_starts}: lineStarts[l] is the index of the first mapping on generated line l. */
    private final int[] lineStarts;
    private volatile int[] byOriginal;

    SourcemapMappings(int[][] decoded) {
        int[][] sorted = sortedColumns(decoded);
        generatedLines = sorted[0];
        generatedColumns = sorted[1];
        originals = new int[generatedLines.length * 4];
        for (int i = 0; i < generatedLines.length; i++) {
            for (int field = 0; field < 4; field++) {
                originals[4 * i + field] = sorted[2 + field][i];
            }
        }
        lineStarts = DecodedMappings.lineStarts(generatedLines, 0, 1, generatedLines.length);
    }

    @Override
    @HostAccess.Export
    public int[] line_starts() {
        return lineStarts.clone();
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
        int from = 4 * i;
        out[at + 2] = originals[from + SOURCE];
        out[at + 3] = originals[from + LINE];
        out[at + 4] = originals[from + COLUMN];
        out[at + 5] = originals[from + NAME];
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
        boolean greatest = bias == GREATEST_LOWER_BOUND;
        if (column > Integer.MAX_VALUE) { // past every column: the line's last mapping, or none
            return greatest ? find((int) line, Integer.MAX_VALUE, true) : -1;
        }
        return find((int) line, (int) column, greatest);
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
     * {@link #lookup} of every ({@code lines[i]}, {@code columns[i]}): per query the source,
     * original line, original column and name of the mapping found, or four -1s when there is
     * none or it has no source (Mozilla's nulls). Python checks the bias and the lengths first
     * and narrows the queries to int; the ints go into {@code out} (the int[] behind a Python
     * list, so no copy follows), or a new array when it is null.
     */
    @Override
    @HostAccess.Export
    public int[] lookup_packed(int[] lines, int[] columns, long queryCount, long bias, int[] out) {
        int queries = checkQueries(lines, columns, queryCount);
        int[] packed = packedOutput(out, queries);
        if (bias != GREATEST_LOWER_BOUND && bias != LEAST_UPPER_BOUND) { // Python checks first
            throw new IllegalArgumentException("bias " + bias);
        }
        boolean greatest = bias == GREATEST_LOWER_BOUND;
        for (int q = 0, at = 0; q < queries; q++, at += 4) {
            int index = find(lines[q], columns[q], greatest);
            int from = 4 * index;
            if (index < 0 || originals[from + SOURCE] < 0) {
                packed[at] = packed[at + 1] = packed[at + 2] = packed[at + 3] = -1;
            } else {
                packed[at] = originals[from + SOURCE];
                packed[at + 1] = originals[from + LINE];
                packed[at + 2] = originals[from + COLUMN];
                packed[at + 3] = originals[from + NAME];
            }
        }
        return packed;
    }

    /**
     * {@link #lookup} for int queries, a bias already checked (the hot loop of
     * {@link #lookup_packed} calls it directly). Of equal columns the first is found by stepping
     * back from the last one: ties are rare.
     */
    private int find(int line, int column, boolean greatest) {
        if (line < 0 || line >= lineStarts.length - 1 || column < 0) {
            return -1;
        }
        int low = lineStarts[line];
        int high = lineStarts[line + 1];
        if (greatest) {
            int index = upperBound(generatedColumns, column, low, high) - 1;
            if (index < low) {
                return -1;
            }
            int found = generatedColumns[index];
            while (index > low && generatedColumns[index - 1] == found) {
                index--;
            }
            return index;
        }
        int index = lowerBound(generatedColumns, column, low, high);
        return index == high ? -1 : index;
    }

    /** {@code out}, checked to hold 4 ints per query, or a new array of that size when it is null. */
    static int[] packedOutput(int[] out, int queries) {
        int needed = Math.multiplyExact(queries, 4);
        if (out == null) {
            return new int[needed];
        }
        if (out.length < needed) { // Python sizes it
            throw new IllegalArgumentException("an output of " + out.length + " ints for " + queries + " queries");
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
            int compare = source(i) != source ? Long.compare(source(i), source)
                    : line(i) != line ? Long.compare(line(i), line) : Long.compare(column(i), queryColumn);
            if (compare < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        if (low == order.length || source(order[low]) != source) {
            return new int[0];
        }
        int found = order[low];
        if (hasColumn && line(found) != line) {
            return new int[0];
        }
        int stop = low;
        while (stop < order.length && source(order[stop]) == source && line(order[stop]) == line(found)
                && (!hasColumn || column(order[stop]) == column(found))) {
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
            order = java.util.stream.IntStream.range(0, generatedLines.length).filter(i -> source(i) >= 0).boxed()
                    .sorted((a, b) -> compareOriginal(a, b)).mapToInt(Integer::intValue).toArray();
            byOriginal = order;
        }
        return order;
    }

    /** Mozilla's original order: source, line, column, name (none first), generated position. */
    private int compareOriginal(int a, int b) {
        int c = java.util.Arrays.compare(originals, 4 * a, 4 * a + 4, originals, 4 * b, 4 * b + 4);
        if (c == 0) c = Integer.compare(generatedLines[a], generatedLines[b]);
        if (c == 0) c = Integer.compare(generatedColumns[a], generatedColumns[b]);
        return c;
    }

    private int source(int i) {
        return originals[4 * i + SOURCE];
    }

    private int line(int i) {
        return originals[4 * i + LINE];
    }

    private int column(int i) {
        return originals[4 * i + COLUMN];
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

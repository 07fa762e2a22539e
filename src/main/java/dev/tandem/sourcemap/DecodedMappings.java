package dev.tandem.sourcemap;

/**
 * Decoded mappings, held by the Java backend ({@link SourcemapMappings}) or the Rust one
 * ({@link SourcemapRustMappings}): the {@code Mappings} contract of
 * {@code python/tandem/sourcemap/_mappings.py}, method for method, whose documentation gives
 * the semantics, and the methods kernels.json declares for {@code sourcemap.decode}'s handle.
 * Python calls these methods on either class; the Java API ({@link SourceMap}) holds the handle
 * the Router's {@code bindHandle} gives it by this interface, which that call checks against the table.
 */
public interface DecodedMappings {
    /** The number of mappings. */
    long count();

    /** Every mapping as 6 ints, in generated order. */
    int[] flat();

    /** The 6 ints of mapping {@code index}, which must be in range. */
    int[] mapping(long index);

    /** The index of the mapping at generated ({@code line}, {@code column}), 0-based, with {@code bias} (1 or 2), or -1. */
    long lookup(long line, long column, long bias);

    /** {@link #lookup} then {@link #mapping} of the first {@code queryCount} queries: 6 ints each, six -1s for none. */
    int[] lookup_many(int[] lines, int[] columns, long queryCount, long bias);

    /**
     * {@link #lookup} of the first {@code queryCount} queries: 4 ints each (source, original line,
     * original column, name of the mapping found), four -1s when there is none or it has no
     * source. Written into {@code out} (at least 4 ints per query), which is returned; a new array
     * when {@code out} is null.
     */
    int[] lookup_packed(int[] lines, int[] columns, long queryCount, long bias, int[] out);

    /** Generated positions of an original one as flat (line, column, last column or -1) triples. */
    int[] generated_for(long source, long line, long column, boolean hasColumn);

    /**
     * Per generated line up to the last one with a mapping, the index of its first mapping, then
     * the count: line {@code l}'s mappings are {@code [starts[l], starts[l + 1])}; {@code [0]}
     * when there are none.
     */
    int[] line_starts();

    /**
     * {@link #line_starts} of {@code count} mappings in generated order whose generated lines are
     * {@code values[offset + stride * i]}.
     */
    static int[] lineStarts(int[] values, int offset, int stride, int count) {
        int lines = count == 0 ? 0 : values[offset + stride * (count - 1)] + 1;
        int[] starts = new int[lines + 1];
        int index = 0;
        for (int line = 0; line <= lines; line++) {
            while (index < count && values[offset + stride * index] < line) {
                index++;
            }
            starts[line] = index;
        }
        return starts;
    }
}

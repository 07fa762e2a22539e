package dev.tandem.sourcemap;

/** Which mapping a lookup between two mappings finds (both stay on the requested line), as in Mozilla's source-map. */
public enum Bias {
    /** The closest mapping at or before the column. */
    GREATEST_LOWER_BOUND,
    /** The closest mapping at or after the column. */
    LEAST_UPPER_BOUND;

    /** The kernel's number for it (1 or 2), as in python/tandem/sourcemap/_mappings.py. */
    int code() {
        return ordinal() + 1;
    }
}

package dev.tandem.lint;

/**
 * The fields every fix result of the Ruff library has, in this order: how many diagnostics the
 * fixes resolved, how many remaining ones only unsafe fixes would resolve, and why fixes were
 * not applied (null when they were).
 */
record FixCounts(int fixed, int unsafeFixable, String error) {
    /** Reads {@code "fixed": N, "unsafe_fixable": N, "error": ...} from {@code in}. */
    static FixCounts read(RowsJson in) {
        in.key("fixed");
        int fixed = in.integer();
        in.expect(',');
        in.key("unsafe_fixable");
        int unsafeFixable = in.integer();
        in.expect(',');
        in.key("error");
        return new FixCounts(fixed, unsafeFixable, in.stringOrNull());
    }
}

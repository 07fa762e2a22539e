package dev.tandem.sourcemap;

import org.graalvm.polyglot.HostAccess;

/**
 * The Java backend of {@code sourcemap.function_scopes}: the function scopes of a JavaScript
 * text and the tokens that name them, as flat ints. A port of the reference's token scan
 * ({@code python/tandem/sourcemap/_js_scopes.py}, which documents the rules and the layout of
 * the ints), done by {@link JsScopeScan}.
 */
public final class FunctionScopesJava {
    /** {@code sourcemap.function_scopes}: the scopes of {@code text} in the order they close. */
    @HostAccess.Export
    public int[] function_scopes(String text) {
        return new JsScopeScan(text).run();
    }
}

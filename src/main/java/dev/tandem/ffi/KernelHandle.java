package dev.tandem.ffi;

import java.lang.ref.Cleaner;
import org.graalvm.polyglot.HostAccess;

/**
 * A value a user kernel keeps in its library (a {@code Handle<T>} in Rust), as Python holds
 * it: an id, released in the library when Python drops this object (once the GC sees it
 * unreachable) or at once with {@link #close()}. A released id passed to a kernel again is
 * that kernel's clear error, never a dangling pointer: the library keeps values by id.
 */
public final class KernelHandle implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    final KernelLibrary library;
    final long id;
    private final Cleaner.Cleanable cleanable;

    KernelHandle(KernelLibrary library, long id) {
        this.library = library;
        this.id = id;
        // The action holds the library and the id, never this object, so that it can become
        // unreachable; a Cleanable runs its action at most once, by close() or by the GC.
        this.cleanable = CLEANER.register(this, () -> library.releaseQuietly(id));
    }

    /** Releases the value now; calling it again does nothing. */
    @HostAccess.Export
    @Override
    public void close() {
        cleanable.clean();
    }

    @Override
    public String toString() {
        return "<kernel handle " + id + " of " + library.path().getFileName() + ">";
    }
}

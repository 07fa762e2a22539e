package dev.tandem.ffi;

import dev.tandem.KernelException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * A flag that tells the kernel work of one call to stop. Truffle cancels a script only at guest
 * safepoints, and nothing interrupts a running Java loop or native code, so a kernel that runs
 * long on a large input polls this flag: Java kernels through {@link #isSet}, Rust kernels
 * through {@link #flag}, a native 4-byte word (the {@code cancel} pointer of native/src/ffi.rs).
 * The watchdog {@linkplain #cancel() sets} it when the call's deadline passes, and the kernel
 * then gives up within about a tenth of a millisecond of work.
 *
 * <p>One per call: {@link #begin} makes it the current thread's, {@link #end} stops that. A
 * thread without a call of its own polls a flag that is never set.
 */
public final class Cancellation {
    private static final ThreadLocal<Cancellation> CURRENT = new ThreadLocal<>();
    private static final Cancellation NONE = new Cancellation(null);
    private static final VarHandle WORD = ValueLayout.JAVA_INT.varHandle();

    /** Owned by an automatic arena: a watchdog that fires after the call ended still writes valid memory. */
    private final MemorySegment flag = Arena.ofAuto().allocate(ValueLayout.JAVA_INT);
    private final Cancellation previous;

    private Cancellation(Cancellation previous) {
        this.previous = previous;
    }

    /** A new, unset flag, current on this thread until {@link #end}. */
    public static Cancellation begin() {
        Cancellation cancellation = new Cancellation(CURRENT.get());
        CURRENT.set(cancellation);
        return cancellation;
    }

    /** Makes the flag that was current before {@link #begin} current again. */
    public void end() {
        if (CURRENT.get() == this) {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** The flag of the call running on this thread, or one that is never set. */
    public static Cancellation current() {
        Cancellation cancellation = CURRENT.get();
        return cancellation == null ? NONE : cancellation;
    }

    /** Sets the flag; safe from any thread, at any time. */
    public void cancel() {
        WORD.setVolatile(flag, 0L, 1);
    }

    public boolean isSet() {
        return (int) WORD.getVolatile(flag, 0L) != 0;
    }

    /** The native word Rust polls: pass it as a kernel's {@code cancel} argument. */
    public MemorySegment flag() {
        return flag;
    }

    /** Throws when the flag is set: for Java kernels, between two bounded pieces of work. */
    public void check(String kernel) {
        if (isSet()) {
            throw cancelled(kernel);
        }
    }

    /** The exception a cancelled kernel call ends with. */
    public static KernelException cancelled(String kernel) {
        return new KernelException(kernel, "cancelled: the call's deadline passed");
    }
}

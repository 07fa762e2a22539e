package dev.tandem.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;

/**
 * Native memory for one kernel call's arguments and result, handed out from a region this
 * thread reuses call after call: opening and closing a confined arena per call cost several
 * times a small kernel's own work. What does not fit goes to a confined arena closed with the
 * call. A call that starts while another is converting its arguments on the same thread (a
 * Python list whose items run Python code) gets a region of its own.
 */
final class CallMemory implements SegmentAllocator, AutoCloseable {
    private static final long REGION = 16 * 1024;
    private static final ThreadLocal<CallMemory> THREAD = ThreadLocal.withInitial(CallMemory::new);

    private final MemorySegment region = Arena.ofAuto().allocate(REGION, 16);
    private long used;
    private boolean open;
    private Arena overflow;

    private CallMemory() {}

    /** This thread's memory for a call; close it when the call's results are read. */
    static CallMemory open() {
        CallMemory memory = THREAD.get();
        if (memory.open) {
            memory = new CallMemory();
        }
        memory.open = true;
        return memory;
    }

    /** {@code byteSize} zeroed bytes aligned to {@code byteAlignment}, valid until {@link #close()}. */
    @Override
    public MemorySegment allocate(long byteSize, long byteAlignment) {
        long start = (used + byteAlignment - 1) & -byteAlignment;
        if (start + byteSize <= REGION) {
            used = start + byteSize;
            return region.asSlice(start, byteSize).fill((byte) 0);
        }
        if (overflow == null) {
            overflow = Arena.ofConfined();
        }
        return overflow.allocate(byteSize, byteAlignment);
    }

    @Override
    public void close() {
        used = 0;
        open = false;
        if (overflow != null) {
            overflow.close();
            overflow = null;
        }
    }
}

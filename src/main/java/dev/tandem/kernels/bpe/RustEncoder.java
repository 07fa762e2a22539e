package dev.tandem.kernels.bpe;

import dev.tandem.KernelException;
import dev.tandem.ffi.Cancellation;
import dev.tandem.ffi.Downcall;
import dev.tandem.ffi.LibraryBuffer;
import dev.tandem.ffi.NativeLibrary;
import dev.tandem.ffi.NativeStatus;
import dev.tandem.ffi.Utf8;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Rust backend of the BPE tokenizer: one loaded encoding ({@code native/src/bpe/}
 * behind {@code tandem_bpe_*} in {@code native/src/ffi.rs}). Immutable once loaded, so any
 * number of threads may encode with it at once; it normally lives as long as the process.
 * {@link #close()} frees it early (a {@link Cleaner} frees it if it is dropped unclosed);
 * closing while another thread is still encoding is the caller's error.
 *
 * <p>Text crosses as UTF-8 the way tiktoken makes it: a lone surrogate becomes U+FFFD
 * (a surrogate pair is one character already in a Java string). {@link #encode},
 * {@link #count} and {@link #decodeBytes} on small inputs are {@linkplain Downcall critical}
 * downcalls that read the Java array in place, since most texts are short and the crossing is
 * then most of the cost; larger inputs, the rank file and batches go to native memory and make
 * ordinary calls, which do not hold off the garbage collector, and poll the thread's
 * {@link Cancellation}, so that a deadline stops them.
 */
public final class RustEncoder implements AutoCloseable {
    /** The pre-tokenization patterns, as numbered in the C ABI: GPT-2's (r50k_base, p50k_*). */
    public static final int PATTERN_R50K = 0;
    public static final int PATTERN_CL100K = 1;
    public static final int PATTERN_O200K = 2;

    /** At most this many special tokens; the i-th one is bit i of the allowed masks. */
    public static final int MAX_SPECIALS = 64;

    private static final String LOAD = "bpe.load";
    private static final String ENCODE = "bpe.encode";
    private static final String COUNT = "bpe.count";
    private static final String ENCODE_BATCH = "bpe.encode_batch";
    private static final String DECODE_BYTES = "bpe.decode_bytes";
    private static final Cleaner CLEANER = Cleaner.create();

    private final MemorySegment encoder;
    private final Cleaner.Cleanable freeing;
    private volatile boolean closed;

    private RustEncoder(MemorySegment encoder) {
        this.encoder = encoder;
        this.freeing = CLEANER.register(this, new Free(encoder.address()));
    }

    /**
     * Loads an encoding: the bytes of its {@code .tiktoken} rank file, its pattern
     * ({@link #PATTERN_R50K}, {@link #PATTERN_CL100K} or {@link #PATTERN_O200K}) and its
     * special tokens, whose iteration order numbers the bits of the allowed masks.
     *
     * @throws dev.tandem.KernelException when the rank file or the special tokens are not
     *     valid; the message names the line
     * @throws IllegalStateException when the native library is not loaded
     */
    public static RustEncoder load(byte[] rankFile, int pattern, LinkedHashMap<String, Integer> specials) {
        byte[] specialLines = specialLines(specials);
        long[] handle = new long[1];
        // Parsing a rank file takes tens of milliseconds: never a critical call.
        int status = Downcalls.LOAD.callOffHeap(MemorySegment.ofArray(rankFile).asReadOnly(), (long) rankFile.length,
                pattern, MemorySegment.ofArray(specialLines).asReadOnly(), (long) specialLines.length,
                MemorySegment.ofArray(handle));
        NativeStatus.check(status, LOAD);
        return new RustEncoder(MemorySegment.ofAddress(handle[0]));
    }

    /**
     * {@link #load} from tokens already parsed (a {@link RankCache} file's, in native memory),
     * which skips reading and parsing the rank file's text.
     */
    static RustEncoder load(RankCache.Tokens tokens, int pattern, LinkedHashMap<String, Integer> specials) {
        byte[] specialLines = specialLines(specials);
        try (Arena arena = Arena.ofConfined()) {
            int status;
            MemorySegment lines = arena.allocateFrom(ValueLayout.JAVA_BYTE, specialLines);
            MemorySegment handle = arena.allocate(ValueLayout.JAVA_LONG);
            try {
                status = (int) Downcalls.LOAD_TOKENS.invokeExact(tokens.bytes(), tokens.bytes().byteSize(),
                        tokens.offsets(), tokens.ranks(), (long) tokens.count(), pattern, lines,
                        (long) specialLines.length, handle);
            } catch (Throwable t) {
                throw NativeLibrary.rethrow(t);
            }
            NativeStatus.check(status, LOAD);
            return new RustEncoder(MemorySegment.ofAddress(handle.get(ValueLayout.JAVA_LONG, 0)));
        }
    }

    /** The special tokens as the C ABI takes them: UTF-8 lines {@code TOKEN\tID\n}. */
    private static byte[] specialLines(LinkedHashMap<String, Integer> specials) {
        NativeLibrary.get().requireLoaded();
        if (specials.size() > MAX_SPECIALS) {
            throw new IllegalArgumentException(specials.size() + " special tokens; at most " + MAX_SPECIALS);
        }
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<String, Integer> special : specials.entrySet()) {
            String token = special.getKey();
            if (token.indexOf('\t') >= 0 || token.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("special token " + token + " contains a tab or a line break");
            }
            lines.append(token).append('\t').append(Integer.toUnsignedString(special.getValue())).append('\n');
        }
        return Utf8.encodeReplacing(lines.toString());
    }

    /** The token ids of {@code text}; the special tokens whose bits are set in {@code allowedMask} become their ids. */
    public int[] encode(String text, long allowedMask) {
        byte[] utf8 = Utf8.encodeReplacing(text);
        long[] ids = new long[1];
        long[] length = new long[1];
        int status;
        try {
            status = Downcall.fitsCritical(utf8.length)
                    ? (int) Downcalls.ENCODE.critical().invokeExact(live(), MemorySegment.ofArray(utf8),
                            (long) utf8.length, allowedMask, MemorySegment.NULL, MemorySegment.ofArray(ids),
                            MemorySegment.ofArray(length))
                    : Downcalls.ENCODE.callOffHeap(live(), MemorySegment.ofArray(utf8).asReadOnly(), (long) utf8.length,
                            allowedMask, Cancellation.current().flag(), MemorySegment.ofArray(ids),
                            MemorySegment.ofArray(length));
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        } finally {
            Reference.reachabilityFence(this);
        }
        NativeStatus.check(status, ENCODE);
        return LibraryBuffer.takeInts(ids[0], length[0], ENCODE);
    }

    /** How many ids {@link #encode} would give, without making them. */
    public long count(String text, long allowedMask) {
        byte[] utf8 = Utf8.encodeReplacing(text);
        long[] count = new long[1];
        int status;
        try {
            status = Downcall.fitsCritical(utf8.length)
                    ? (int) Downcalls.COUNT.critical().invokeExact(live(), MemorySegment.ofArray(utf8),
                            (long) utf8.length, allowedMask, MemorySegment.NULL, MemorySegment.ofArray(count))
                    : Downcalls.COUNT.callOffHeap(live(), MemorySegment.ofArray(utf8).asReadOnly(), (long) utf8.length,
                            allowedMask, Cancellation.current().flag(), MemorySegment.ofArray(count));
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        } finally {
            Reference.reachabilityFence(this);
        }
        NativeStatus.check(status, COUNT);
        return count[0];
    }

    /**
     * The bytes of {@code ids}, one after the other (special tokens as their UTF-8 text).
     *
     * @throws dev.tandem.KernelException {@code Invalid token for decoding: N} for an id the
     *     encoding does not have
     */
    public byte[] decodeBytes(int[] ids) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0) { // Rust reads ids as u32, where -1 would be 4294967295
                decodeBytes(Arrays.copyOf(ids, i)); // an unknown id before it is the first error
                throw new KernelException(DECODE_BYTES, "Invalid token for decoding: " + ids[i]);
            }
        }
        long[] bytes = new long[1];
        long[] length = new long[1];
        int status;
        try {
            status = Downcall.fitsCritical((long) ids.length * Integer.BYTES)
                    ? (int) Downcalls.DECODE_BYTES.critical().invokeExact(live(), MemorySegment.ofArray(ids),
                            (long) ids.length, MemorySegment.ofArray(bytes), MemorySegment.ofArray(length))
                    : Downcalls.DECODE_BYTES.callOffHeap(live(), MemorySegment.ofArray(ids).asReadOnly(),
                            (long) ids.length, MemorySegment.ofArray(bytes), MemorySegment.ofArray(length));
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        } finally {
            Reference.reachabilityFence(this);
        }
        NativeStatus.check(status, DECODE_BYTES);
        return LibraryBuffer.takeBytes(bytes[0], length[0], DECODE_BYTES);
    }

    /** {@link #encode} for each text, on as many threads as the machine has (small batches use one). */
    public int[][] encodeBatch(String[] texts, long allowedMask) {
        return encodeBatch(texts, allowedMask, 0);
    }

    /** {@link #encode} for each text, on up to {@code maxThreads} threads (0: as many as the machine has). */
    public int[][] encodeBatch(String[] texts, long allowedMask, int maxThreads) {
        if (maxThreads < 0) {
            throw new IllegalArgumentException("maxThreads " + maxThreads + " is negative");
        }
        byte[][] utf8 = new byte[texts.length][];
        long[] textEnds = new long[texts.length];
        long total = 0;
        for (int i = 0; i < texts.length; i++) {
            utf8[i] = Utf8.encodeReplacing(texts[i]);
            total += utf8[i].length;
            textEnds[i] = total;
        }
        long[] idsEnds = new long[texts.length];
        long[] ids = new long[1];
        long[] idsLength = new long[1];
        int status;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment packed = arena.allocate(Math.max(total, 1));
            long at = 0;
            for (byte[] text : utf8) {
                MemorySegment.copy(text, 0, packed, ValueLayout.JAVA_BYTE, at, text.length);
                at += text.length;
            }
            MemorySegment ends = arena.allocateFrom(ValueLayout.JAVA_LONG, textEnds);
            MemorySegment outEnds = arena.allocate(ValueLayout.JAVA_LONG, Math.max(texts.length, 1));
            MemorySegment outIds = arena.allocate(ValueLayout.JAVA_LONG, 2);
            status = (int) Downcalls.ENCODE_BATCH.invokeExact(live(), packed, total, ends, (long) texts.length,
                    allowedMask, maxThreads, Cancellation.current().flag(), outIds, outIds.asSlice(8), outEnds);
            ids[0] = outIds.get(ValueLayout.JAVA_LONG, 0);
            idsLength[0] = outIds.get(ValueLayout.JAVA_LONG, 8);
            MemorySegment.copy(outEnds, ValueLayout.JAVA_LONG, 0, idsEnds, 0, texts.length);
        } catch (Throwable t) {
            throw NativeLibrary.rethrow(t);
        } finally {
            Reference.reachabilityFence(this);
        }
        NativeStatus.check(status, ENCODE_BATCH);
        int[] all = LibraryBuffer.takeInts(ids[0], idsLength[0], ENCODE);
        int[][] perText = new int[texts.length][];
        int start = 0;
        for (int i = 0; i < texts.length; i++) {
            int end = Math.toIntExact(idsEnds[i]);
            perText[i] = Arrays.copyOfRange(all, start, end);
            start = end;
        }
        return perText;
    }

    /** Frees the encoder now; later calls throw IllegalStateException. */
    @Override
    public void close() {
        closed = true;
        freeing.clean();
    }

    private MemorySegment live() {
        if (closed) {
            throw new IllegalStateException("this RustEncoder encoder is closed");
        }
        return encoder;
    }

    /** The Cleaner's action: must not refer to the RustEncoder, or it would never become unreachable. */
    private record Free(long address) implements Runnable {
        @Override
        public void run() {
            int status;
            try {
                status = (int) Downcalls.FREE.invokeExact(MemorySegment.ofAddress(address));
            } catch (Throwable t) {
                throw NativeLibrary.rethrow(t);
            }
            NativeStatus.check(status, "bpe.free");
        }
    }

    /** Static finals, so the JIT treats the handles as constants; initialised only once the library is known to be loaded. */
    private static final class Downcalls {
        static final Downcall LOAD = Downcall.bind("tandem_bpe_load",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, NativeLibrary.SIZE_T, ValueLayout.JAVA_INT,
                        ValueLayout.ADDRESS, NativeLibrary.SIZE_T, ValueLayout.ADDRESS));
        static final MethodHandle LOAD_TOKENS = NativeLibrary.get().downcall("tandem_bpe_load_tokens",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, NativeLibrary.SIZE_T, ValueLayout.ADDRESS,
                        ValueLayout.ADDRESS, NativeLibrary.SIZE_T, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                        NativeLibrary.SIZE_T, ValueLayout.ADDRESS));
        static final MethodHandle FREE = NativeLibrary.get().downcall("tandem_bpe_free",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        static final Downcall ENCODE = Downcall.bind("tandem_bpe_encode",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, NativeLibrary.SIZE_T,
                        ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        static final Downcall COUNT = Downcall.bind("tandem_bpe_count",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, NativeLibrary.SIZE_T,
                        ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        static final MethodHandle ENCODE_BATCH = NativeLibrary.get().downcall("tandem_bpe_encode_batch",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, NativeLibrary.SIZE_T,
                        ValueLayout.ADDRESS, NativeLibrary.SIZE_T, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                        ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        static final Downcall DECODE_BYTES = Downcall.bind("tandem_bpe_decode_bytes",
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, NativeLibrary.SIZE_T,
                        ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    }
}

package dev.tandem.ffi;

import dev.tandem.KernelException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.graalvm.polyglot.HostAccess;

/**
 * One kernel of a {@link KernelLibrary}, called from Python through {@link #call}: Python's
 * values are written into the {@code TandemArg} array its manifest types describe (in the
 * thread's {@link CallMemory}), and the
 * {@code TandemOut} is read back into a Java value (a buffer copied, then freed in the library).
 */
public final class LibraryKernel {
    /** {@code int32_t f(const TandemArg *args, size_t count, TandemOut *out)}, every kernel's. */
    static final FunctionDescriptor DESCRIPTOR = FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, NativeLibrary.SIZE_T, ValueLayout.ADDRESS);
    /** {@code TandemArg} and {@code TandemOut}: u64 bits, pointer, size_t len, u8 present, padding. */
    private static final long SLOT = 32;
    private static final long BITS = 0;
    private static final long PTR = 8;
    private static final long LEN = 16;
    private static final long PRESENT = 24;
    /** The most elements a Java array of a result may hold. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private final KernelLibrary library;
    private final String name;
    private final String doc;
    private final List<String> parameters;
    private final List<KernelType> arguments;
    private final KernelType result;
    private final MethodHandle function;

    LibraryKernel(KernelLibrary library, String name, String doc, List<String> parameters, List<KernelType> arguments,
            KernelType result, MethodHandle function) {
        this.library = library;
        this.name = name;
        this.doc = doc;
        this.parameters = List.copyOf(parameters);
        this.arguments = List.copyOf(arguments);
        this.result = result;
        this.function = function;
    }

    public String name() {
        return name;
    }

    /** The Rust function's doc comment. */
    public String doc() {
        return doc;
    }

    /** The Python stub of this kernel, e.g. {@code def score(text: str) -> int: ...} with its doc string. */
    public String stub() {
        List<String> declared = new java.util.ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            declared.add(parameters.get(i) + ": " + arguments.get(i).pythonArgument());
        }
        String operation = name.substring(name.lastIndexOf('.') + 1);
        String head = "def " + operation + "(" + String.join(", ", declared) + ") -> " + result.pythonResult() + ":";
        if (doc.isEmpty()) {
            return head + " ...\n";
        }
        String quoted = doc.replace("\\", "\\\\").replace("\"", "\\\"");
        return head + "\n    \"\"\"" + quoted.replace("\n", "\n    ") + "\"\"\"\n    ...\n";
    }

    /** The signature as the manifest gives it, e.g. {@code i64(str, f64?)}. */
    public String signature() {
        return result + "(" + String.join(", ", arguments.stream().map(KernelType::toString).toList()) + ")";
    }

    public KernelLibrary library() {
        return library;
    }

    /** Runs the kernel on Python's arguments and returns its result. */
    @HostAccess.Export
    public Object call(Object... values) {
        if (values.length != arguments.size()) {
            throw new KernelException(name, "takes " + arguments.size() + " arguments (" + values.length + " given)");
        }
        try (CallMemory memory = CallMemory.open()) {
            MemorySegment args = memory.allocate(SLOT * Math.max(1, values.length), 8);
            for (int i = 0; i < values.length; i++) {
                write(args.asSlice(i * SLOT, SLOT), arguments.get(i), values[i], memory, i + 1);
            }
            MemorySegment out = memory.allocate(SLOT, 8);
            int status;
            try {
                status = (int) function.invokeExact(args, (long) values.length, out);
            } catch (Throwable t) {
                throw NativeLibrary.rethrow(t);
            }
            if (status != NativeStatus.OK) {
                throw failure(status);
            }
            return read(out);
        }
    }

    private KernelException failure(int status) {
        String detail = library.lastError();
        return new KernelException(name, switch (status) {
            case NativeStatus.INVALID_INPUT -> detail;
            case NativeStatus.PANIC -> "the kernel panicked: " + detail;
            case NativeStatus.NULL_POINTER -> "a null pointer reached the library (a bug in Tandem's binding): " + detail;
            default -> "the library returned unknown status " + status + ": " + detail;
        });
    }

    private void write(MemorySegment slot, KernelType type, Object value, SegmentAllocator memory, int position) {
        if (value == null) {
            if (!type.optional()) {
                throw mismatch(type, null, position);
            }
            return; // present = 0, as allocated
        }
        slot.set(ValueLayout.JAVA_BYTE, PRESENT, (byte) 1);
        switch (type.kind()) {
            case I32 -> slot.set(ValueLayout.JAVA_LONG, BITS, int32(value, type, position));
            case I64 -> slot.set(ValueLayout.JAVA_LONG, BITS, int64(value, type, position));
            case F64 -> {
                if (!(value instanceof Number number) || value instanceof Boolean) {
                    throw mismatch(type, value, position);
                }
                slot.set(ValueLayout.JAVA_LONG, BITS, Double.doubleToRawLongBits(number.doubleValue()));
            }
            case BOOL -> {
                if (!(value instanceof Boolean flag)) {
                    throw mismatch(type, value, position);
                }
                slot.set(ValueLayout.JAVA_LONG, BITS, flag ? 1 : 0);
            }
            case STR -> {
                if (!(value instanceof String text)) {
                    throw mismatch(type, value, position);
                }
                buffer(slot, memory.allocateFrom(ValueLayout.JAVA_BYTE, Utf8.encodeSurrogatePass(text)), 1);
            }
            case BYTES, I32_ARRAY, I64_ARRAY, F64_ARRAY -> buffer(slot, array(type, value, memory, position), type.kind().elementSize);
            case HANDLE -> {
                if (!(value instanceof KernelHandle handle) || handle.library != library) {
                    throw mismatch(type, value, position);
                }
                slot.set(ValueLayout.JAVA_LONG, BITS, handle.id);
            }
            case NONE -> throw new IllegalStateException(name + ": an argument of type none");
        }
    }

    private static void buffer(MemorySegment slot, MemorySegment data, int elementSize) {
        slot.set(ValueLayout.ADDRESS, PTR, data);
        slot.set(ValueLayout.JAVA_LONG, LEN, data.byteSize() / elementSize);
    }

    /** A list of numbers (or a Java array of the kernel's element type) as native memory. */
    private MemorySegment array(KernelType type, Object value, SegmentAllocator memory, int position) {
        switch (value) {
            case byte[] bytes when type.kind() == KernelType.Kind.BYTES -> {
                return memory.allocateFrom(ValueLayout.JAVA_BYTE, bytes);
            }
            case int[] ints when type.kind() == KernelType.Kind.I32_ARRAY -> {
                return memory.allocateFrom(ValueLayout.JAVA_INT, ints);
            }
            case List<?> items -> {
                int elementSize = type.kind().elementSize;
                MemorySegment data = memory.allocate((long) elementSize * items.size(), elementSize);
                for (int i = 0; i < items.size(); i++) {
                    Object item = items.get(i);
                    long offset = (long) i * elementSize;
                    switch (type.kind()) {
                        case BYTES -> {
                            long octet = int64(item, type, position);
                            if (octet < 0 || octet > 255) {
                                throw new KernelException(name, "argument " + position + ": byte " + octet + " at index "
                                        + i + " is not in range(0, 256)");
                            }
                            data.set(ValueLayout.JAVA_BYTE, offset, (byte) octet);
                        }
                        case I32_ARRAY -> data.set(ValueLayout.JAVA_INT, offset, (int) int32(item, type, position));
                        case I64_ARRAY -> data.set(ValueLayout.JAVA_LONG, offset, int64(item, type, position));
                        default -> {
                            if (!(item instanceof Number number) || item instanceof Boolean) {
                                throw mismatch(type, value, position);
                            }
                            data.set(ValueLayout.JAVA_DOUBLE, offset, number.doubleValue());
                        }
                    }
                }
                return data;
            }
            default -> throw mismatch(type, value, position);
        }
    }

    private long int64(Object value, KernelType type, int position) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        throw mismatch(type, value, position);
    }

    private long int32(Object value, KernelType type, int position) {
        long number = int64(value, type, position);
        if (number != (int) number) {
            throw new KernelException(name, "argument " + position + ": " + number + " does not fit in 32 bits");
        }
        return number;
    }

    private KernelException mismatch(KernelType type, Object value, int position) {
        String given = value == null ? "None" : value.getClass().getSimpleName();
        return new KernelException(name, "argument " + position + " must be " + type.describe() + ", not " + given);
    }

    @SuppressWarnings("restricted") // the launcher passes --enable-native-access=dev.tandem
    private Object read(MemorySegment out) {
        if (out.get(ValueLayout.JAVA_BYTE, PRESENT) == 0 && result.optional()) {
            return null;
        }
        long bits = out.get(ValueLayout.JAVA_LONG, BITS);
        return switch (result.kind()) {
            case NONE -> null;
            case I32 -> (int) bits;
            case I64 -> bits;
            case F64 -> Double.longBitsToDouble(bits);
            case BOOL -> bits != 0;
            case HANDLE -> new KernelHandle(library, bits);
            case STR, BYTES, I32_ARRAY, I64_ARRAY, F64_ARRAY -> {
                MemorySegment pointer = out.get(ValueLayout.ADDRESS, PTR);
                long length = out.get(ValueLayout.JAVA_LONG, LEN);
                int elementSize = result.kind().elementSize;
                try {
                    yield copy(pointer.reinterpret(length <= MAX_ELEMENTS ? length * elementSize : 0), length);
                } finally {
                    library.free(pointer, length, elementSize);
                }
            }
        };
    }

    private Object copy(MemorySegment data, long length) {
        if (length > MAX_ELEMENTS) {
            throw new KernelException(name, "returned " + length + " elements, more than a Java array holds");
        }
        return switch (result.kind()) {
            case STR -> {
                byte[] utf8 = data.toArray(ValueLayout.JAVA_BYTE);
                try {
                    yield StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
                } catch (CharacterCodingException invalid) {
                    throw new KernelException(name, "returned a str that is not valid UTF-8");
                }
            }
            case BYTES -> data.toArray(ValueLayout.JAVA_BYTE);
            case I32_ARRAY -> data.toArray(ValueLayout.JAVA_INT);
            case I64_ARRAY -> data.toArray(ValueLayout.JAVA_LONG);
            default -> data.toArray(ValueLayout.JAVA_DOUBLE);
        };
    }
}

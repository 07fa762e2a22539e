package dev.tandem.ffi;

import dev.tandem.KernelException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/** Turns one Python argument, as it arrives in Java, into the native values of its type. */
final class ForeignArguments {
    private ForeignArguments() {}

    static void add(List<Object> nativeArguments, ForeignSignature.Type type, Object value, Arena arena, String kernel, int position) {
        switch (type) {
            case I32 -> nativeArguments.add(Math.toIntExact(number(value, type, kernel, position).longValue()));
            case I64 -> nativeArguments.add(number(value, type, kernel, position).longValue());
            case F64 -> nativeArguments.add(number(value, type, kernel, position).doubleValue());
            case STR -> {
                if (!(value instanceof String text)) {
                    throw mismatch(type, value, kernel, position);
                }
                buffer(nativeArguments, arena.allocateFrom(ValueLayout.JAVA_BYTE, Utf8.encodeSurrogatePass(text)), 1);
            }
            case BYTES -> {
                List<?> items = list(value, type, kernel, position);
                MemorySegment segment = arena.allocate(Math.max(1, items.size()));
                for (int i = 0; i < items.size(); i++) {
                    segment.set(ValueLayout.JAVA_BYTE, i, (byte) number(items.get(i), type, kernel, position).intValue());
                }
                nativeArguments.add(segment);
                nativeArguments.add((long) items.size());
            }
            case I32_ARRAY, I64_ARRAY, F64_ARRAY -> {
                List<?> items = list(value, type, kernel, position);
                MemorySegment segment = arena.allocate(type.element, Math.max(1, items.size()));
                for (int i = 0; i < items.size(); i++) {
                    Number item = number(items.get(i), type, kernel, position);
                    switch (type) {
                        case I32_ARRAY -> segment.setAtIndex(ValueLayout.JAVA_INT, i, Math.toIntExact(item.longValue()));
                        case I64_ARRAY -> segment.setAtIndex(ValueLayout.JAVA_LONG, i, item.longValue());
                        default -> segment.setAtIndex(ValueLayout.JAVA_DOUBLE, i, item.doubleValue());
                    }
                }
                nativeArguments.add(segment);
                nativeArguments.add((long) items.size());
            }
        }
    }

    private static void buffer(List<Object> nativeArguments, MemorySegment segment, long elementSize) {
        nativeArguments.add(segment);
        nativeArguments.add(segment.byteSize() / elementSize);
    }

    private static Number number(Object value, ForeignSignature.Type type, String kernel, int position) {
        if (value instanceof Number number) {
            return number;
        }
        throw mismatch(type, value, kernel, position);
    }

    private static List<?> list(Object value, ForeignSignature.Type type, String kernel, int position) {
        if (value instanceof List<?> items) {
            return items;
        }
        throw mismatch(type, value, kernel, position);
    }

    private static KernelException mismatch(ForeignSignature.Type type, Object value, String kernel, int position) {
        return new KernelException(kernel, "argument " + position + " must be " + type.spelling + ", not "
                + (value == null ? "None" : value.getClass().getSimpleName()));
    }
}

package dev.tandem.ffi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The signature of a user's C function, written {@code RESULT(ARGUMENT, ...)} as in
 * {@code i64(str)} or {@code f64(f64[], i32)}. Results are {@code i32}, {@code i64} or
 * {@code f64}; arguments also {@code str} (UTF-8), {@code bytes}, {@code i32[]}, {@code i64[]}
 * and {@code f64[]}, each passed as a pointer and a length (size_t, in elements).
 *
 * <p>The C function follows Tandem's convention: it returns an int32 status (0 for success)
 * and writes its result through a trailing out-pointer, e.g.
 * {@code int32_t myapp_score(const uint8_t *text, size_t len, int64_t *out)}.
 */
public record ForeignSignature(Type result, List<Type> arguments) {
    /** A type of the signature language. */
    public enum Type {
        I32("i32", ValueLayout.JAVA_INT, false),
        I64("i64", ValueLayout.JAVA_LONG, false),
        F64("f64", ValueLayout.JAVA_DOUBLE, false),
        STR("str", ValueLayout.JAVA_BYTE, true),
        BYTES("bytes", ValueLayout.JAVA_BYTE, true),
        I32_ARRAY("i32[]", ValueLayout.JAVA_INT, true),
        I64_ARRAY("i64[]", ValueLayout.JAVA_LONG, true),
        F64_ARRAY("f64[]", ValueLayout.JAVA_DOUBLE, true);

        final String spelling;
        final ValueLayout element;
        final boolean buffer;

        Type(String spelling, ValueLayout element, boolean buffer) {
            this.spelling = spelling;
            this.element = element;
            this.buffer = buffer;
        }

        static Type parse(String text, String signature) {
            for (Type type : values()) {
                if (type.spelling.equals(text)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("unknown type '" + text + "' in signature '" + signature
                    + "'; use i32, i64, f64, str, bytes, i32[], i64[] or f64[]");
        }
    }

    /** Parses {@code RESULT(ARGUMENT, ...)}. */
    public static ForeignSignature parse(String signature) {
        String text = signature.strip().toLowerCase(Locale.ROOT);
        int open = text.indexOf('(');
        if (open <= 0 || !text.endsWith(")")) {
            throw new IllegalArgumentException("signature '" + signature + "' is not RESULT(ARGUMENTS), e.g. i64(str)");
        }
        Type result = Type.parse(text.substring(0, open).strip(), signature);
        if (result.buffer) {
            throw new IllegalArgumentException("signature '" + signature + "': a result must be i32, i64 or f64");
        }
        List<Type> arguments = new ArrayList<>();
        String inside = text.substring(open + 1, text.length() - 1).strip();
        if (!inside.isEmpty()) {
            for (String argument : inside.split(",")) {
                arguments.add(Type.parse(argument.strip(), signature));
            }
        }
        return new ForeignSignature(result, List.copyOf(arguments));
    }

    /** The C function's descriptor: int32 status, expanded arguments, result out-pointer. */
    FunctionDescriptor descriptor() {
        List<MemoryLayout> parameters = new ArrayList<>();
        for (Type argument : arguments) {
            if (argument.buffer) {
                parameters.add(ValueLayout.ADDRESS);
                parameters.add(NativeLibrary.SIZE_T);
            } else {
                parameters.add(argument.element);
            }
        }
        parameters.add(ValueLayout.ADDRESS);
        return FunctionDescriptor.of(ValueLayout.JAVA_INT, parameters.toArray(MemoryLayout[]::new));
    }
}

package dev.tandem.ffi;

import java.util.Locale;

/**
 * A type in a kernel library's manifest (tandem_kernel's names): {@code i32 i64 f64 bool str
 * bytes i32[] i64[] f64[] handle none}, and {@code T?} for an {@code Option<T>}, which None
 * passes or returns.
 */
record KernelType(Kind kind, boolean optional) {
    enum Kind {
        I32("i32", 0), I64("i64", 0), F64("f64", 0), BOOL("bool", 0), STR("str", 1), BYTES("bytes", 1),
        I32_ARRAY("i32[]", 4), I64_ARRAY("i64[]", 8), F64_ARRAY("f64[]", 8), HANDLE("handle", 0), NONE("none", 0);

        final String spelling;
        /** Bytes per element of a buffer; 0 for a value held in {@code bits}. */
        final int elementSize;

        Kind(String spelling, int elementSize) {
            this.spelling = spelling;
            this.elementSize = elementSize;
        }
    }

    static KernelType parse(String text) {
        boolean optional = text.endsWith("?");
        String name = optional ? text.substring(0, text.length() - 1) : text;
        for (Kind kind : Kind.values()) {
            if (kind.spelling.equals(name)) {
                return new KernelType(kind, optional);
            }
        }
        throw new IllegalArgumentException("unknown type '" + text + "'");
    }

    @Override
    public String toString() {
        return kind.spelling + (optional ? "?" : "");
    }

    /** The Python type a caller passes (PEP 484 spelling, for stubs). */
    String pythonArgument() {
        return python(switch (kind) {
            case BYTES -> "bytes | Sequence[int]";
            case I32_ARRAY, I64_ARRAY -> "Sequence[int]";
            case F64_ARRAY -> "Sequence[float]";
            default -> scalar();
        });
    }

    /** The Python type the kernel's result has before a reference's {@code result=} converts it. */
    String pythonResult() {
        return python(switch (kind) {
            case BYTES, I32_ARRAY, I64_ARRAY -> "Sequence[int]"; // a Java array
            case F64_ARRAY -> "Sequence[float]";
            default -> scalar();
        });
    }

    private String scalar() {
        return switch (kind) {
            case I32, I64 -> "int";
            case F64 -> "float";
            case BOOL -> "bool";
            case STR -> "str";
            case HANDLE -> "KernelHandle";
            default -> "None";
        };
    }

    private String python(String type) {
        return optional && kind != Kind.NONE ? type + " | None" : type;
    }

    String describe() {
        return (optional ? "None or " : "") + switch (kind) {
            case I32 -> "an int of 32 bits";
            case I64 -> "an int of 64 bits";
            case F64 -> "a float";
            case BOOL -> "a bool";
            case STR -> "a str";
            case BYTES -> "bytes";
            case HANDLE -> "a handle of the same library";
            default -> "a list of " + kind.spelling.substring(0, 3).toLowerCase(Locale.ROOT);
        };
    }
}

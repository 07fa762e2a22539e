package dev.tandem.runtime;

import dev.tandem.TandemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Value;

/**
 * Turns Python values into plain Java values that stay valid after the context is gone:
 * None to null, bool to Boolean, int to Long (BigInteger when it does not fit), float to
 * Double, str to String, bytes-like to byte[], list and tuple to List, dict to Map, and a
 * Java object back to itself. Containers nested deeper than {@link #MAX_DEPTH} (a list that
 * contains itself is infinitely deep) fail with a TandemException rather than overflowing
 * the host's stack.
 */
public final class JavaValues {
    /** How deeply lists, tuples and dicts may nest in a result; JSON-like data stays far below. */
    public static final int MAX_DEPTH = 500;

    private JavaValues() {}

    public static Object toJava(Value value) {
        return toJava(value, 0);
    }

    private static Object toJava(Value value, int depth) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isHostObject()) {
            return value.asHostObject();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isString()) {
            return value.asString();
        }
        if (value.isNumber()) {
            return number(value);
        }
        if (value.hasBufferElements()) {
            byte[] bytes = new byte[Math.toIntExact(value.getBufferSize())];
            value.readBuffer(0, bytes, 0, bytes.length);
            return bytes;
        }
        if ((value.hasHashEntries() || value.hasArrayElements()) && depth >= MAX_DEPTH) {
            throw new TandemException("cannot turn the script's result into Java values: its lists, tuples and"
                    + " dicts nest more than " + MAX_DEPTH + " levels deep (or one contains itself)");
        }
        if (value.hasHashEntries()) {
            Map<Object, Object> map = new LinkedHashMap<>();
            Value iterator = value.getHashEntriesIterator();
            while (iterator.hasIteratorNextElement()) {
                Value entry = iterator.getIteratorNextElement();
                map.put(toJava(entry.getArrayElement(0), depth + 1), toJava(entry.getArrayElement(1), depth + 1));
            }
            return map;
        }
        if (value.hasArrayElements()) {
            long size = value.getArraySize();
            List<Object> list = new ArrayList<>((int) Math.min(size, Integer.MAX_VALUE));
            for (long i = 0; i < size; i++) {
                list.add(toJava(value.getArrayElement(i), depth + 1));
            }
            return list;
        }
        throw new TandemException("cannot turn a Python " + typeName(value) + " into a Java value; return"
                + " None, bool, int, float, str, bytes, list, tuple or dict (or use a Session to keep live objects)");
    }

    /** Converts and checks the type; numbers convert when the value fits the asked type. */
    public static <T> T toJava(Value value, Class<T> type) {
        if (type == Object.class) {
            return type.cast(toJava(value));
        }
        if (value.isNull()) {
            return null;
        }
        if (type == Integer.class || type == Long.class || type == Double.class || type == Boolean.class
                || type == String.class || type == Short.class || type == Byte.class || type == Float.class) {
            try {
                return value.as(type);
            } catch (ClassCastException | IllegalStateException | UnsupportedOperationException mismatch) {
                throw new TandemException("expected " + type.getSimpleName() + " but the script returned "
                        + typeName(value) + " " + value);
            }
        }
        Object converted = toJava(value);
        if (!type.isInstance(converted)) {
            throw new TandemException("expected " + type.getSimpleName() + " but the script returned "
                    + typeName(value));
        }
        return type.cast(converted);
    }

    private static Object number(Value value) {
        if (typeName(value).equals("float")) {
            return value.asDouble();
        }
        if (value.fitsInLong()) {
            return value.asLong();
        }
        if (value.fitsInBigInteger()) {
            return value.asBigInteger();
        }
        return value.asDouble();
    }

    static String typeName(Value value) {
        Value meta = value.getMetaObject();
        return meta == null ? "value" : meta.getMetaSimpleName();
    }
}

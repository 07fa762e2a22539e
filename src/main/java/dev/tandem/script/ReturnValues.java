package dev.tandem.script;

import java.lang.reflect.Method;
import java.util.Map;

/** A Python function's result, as the Java method it implements must return it. */
final class ReturnValues {
    private static final Map<Class<?>, Class<?>> BOXES = Map.of(int.class, Integer.class, long.class, Long.class,
            double.class, Double.class, float.class, Float.class, short.class, Short.class, byte.class, Byte.class,
            boolean.class, Boolean.class, char.class, Character.class);

    private ReturnValues() {}

    /** Numbers narrow or widen to the declared type when they fit; anything else must already match. */
    static Object convert(Object value, Class<?> type, Method method) {
        if (type == void.class) {
            return null;
        }
        if (value == null) {
            if (type.isPrimitive()) {
                throw mismatch(null, type, method);
            }
            return null;
        }
        Class<?> boxed = BOXES.getOrDefault(type, type);
        if (boxed.isInstance(value)) {
            return value;
        }
        if (value instanceof Number number && Number.class.isAssignableFrom(boxed)) {
            Object converted = narrow(number, boxed);
            if (converted != null) {
                return converted;
            }
        }
        if (boxed == Character.class && value instanceof String text && text.length() == 1) {
            return text.charAt(0);
        }
        throw mismatch(value, type, method);
    }

    private static Object narrow(Number number, Class<?> type) {
        if (type == Double.class) {
            return number.doubleValue();
        }
        if (type == Float.class) {
            return number.floatValue();
        }
        if (!(number instanceof Long whole)) {
            return null;
        }
        long value = whole;
        if (type == Integer.class && value == (int) value) {
            return (int) value;
        }
        if (type == Short.class && value == (short) value) {
            return (short) value;
        }
        if (type == Byte.class && value == (byte) value) {
            return (byte) value;
        }
        return null;
    }

    private static ClassCastException mismatch(Object value, Class<?> type, Method method) {
        return new ClassCastException(method.getDeclaringClass().getSimpleName() + "." + method.getName()
                + " must return " + type.getName() + ", but the Python function returned "
                + (value == null ? "None" : value.getClass().getSimpleName() + " " + value));
    }
}

package dev.tandem;

/**
 * A Java implementation of a kernel, registered with {@link Tandem.Builder#javaKernel}.
 * Arguments arrive as Java values: str as String, int as Integer or Long, float as Double,
 * bytes-like and lists as polyglot values. Return a String, a boxed number, an int[] (declare
 * {@code result="int_list"} on the Python side) or any value Python can use.
 */
@FunctionalInterface
public interface JavaKernel {
    Object call(Object... arguments);
}

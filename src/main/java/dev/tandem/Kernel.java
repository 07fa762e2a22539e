package dev.tandem;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public static method as the Java backend of a kernel. Tandem finds every such
 * method in a jar given to {@code tandem run --kernels JAR} or {@link Tandem.Builder#kernels}
 * and registers it; Python calls it with the script's arguments (str as String, int as
 * Integer or Long, float as Double, lists as {@link java.util.List}).
 *
 * <pre>{@code
 * public final class Score {
 *     @Kernel("myapp.score")
 *     public static long score(String text) { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Kernel {
    /** The kernel's name, {@code area.operation}, as the script declares it with {@code @tandem.kernel}. */
    String value();
}

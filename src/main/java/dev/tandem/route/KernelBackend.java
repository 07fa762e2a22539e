package dev.tandem.route;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * One host implementation of a kernel: the Java object Python calls and the name of its
 * method, built on first use; or the reason it cannot run here.
 *
 * @param target      builds the object whose method implements the kernel
 * @param member      the method's name on that object
 * @param unavailable why the backend cannot run here; empty when it can
 */
public record KernelBackend(Supplier<Object> target, String member, Supplier<Optional<String>> unavailable) {

    /** A backend that always runs (plain Java). */
    public static KernelBackend of(Supplier<Object> target, String member) {
        return new KernelBackend(target, member, Optional::empty);
    }
}

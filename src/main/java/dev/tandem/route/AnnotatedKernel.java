package dev.tandem.route;

import dev.tandem.Kernel;
import dev.tandem.KernelException;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.graalvm.polyglot.HostAccess;

/**
 * A Java kernel from a jar: a public static method annotated {@link Kernel}, called from
 * Python with the script's arguments. {@link #find} reads the jar's classes (loaded in a class
 * loader of their own whose parent is Tandem's).
 */
public final class AnnotatedKernel {
    private final String kernel;
    private final Method method;

    private AnnotatedKernel(String kernel, Method method) {
        this.kernel = kernel;
        this.method = method;
    }

    /** The kernel's name, from the annotation. */
    public String name() {
        return kernel;
    }

    @HostAccess.Export
    public Object call(Object... arguments) {
        if (arguments.length != method.getParameterCount()) {
            throw new KernelException(kernel, "takes " + method.getParameterCount() + " arguments ("
                    + arguments.length + " given)");
        }
        try {
            return method.invoke(null, arguments);
        } catch (IllegalArgumentException wrongTypes) {
            throw new KernelException(kernel, "arguments of the wrong types for " + method + ": " + wrongTypes.getMessage());
        } catch (InvocationTargetException thrown) {
            if (thrown.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new KernelException(kernel, thrown.getCause().toString());
        } catch (IllegalAccessException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Every annotated method of the jar's classes. */
    static List<AnnotatedKernel> find(Path jar) {
        List<AnnotatedKernel> calls = new ArrayList<>();
        URLClassLoader loader;
        try {
            loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, AnnotatedKernel.class.getClassLoader());
        } catch (MalformedURLException impossible) {
            throw new IllegalArgumentException(jar + ": " + impossible.getMessage());
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : file.stream().toList()) {
                String name = entry.getName();
                if (!name.endsWith(".class") || name.endsWith("module-info.class") || name.contains("-")) {
                    continue;
                }
                Class<?> type = Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                for (Method method : type.getDeclaredMethods()) {
                    Kernel annotation = method.getAnnotation(Kernel.class);
                    if (annotation == null) {
                        continue;
                    }
                    if (!Modifier.isStatic(method.getModifiers()) || !Modifier.isPublic(method.getModifiers())
                            || !Modifier.isPublic(type.getModifiers())) {
                        throw new IllegalArgumentException(jar + ": @Kernel(\"" + annotation.value() + "\") " + method
                                + " must be a public static method of a public class");
                    }
                    calls.add(new AnnotatedKernel(annotation.value(), method));
                }
            }
        } catch (IOException | ClassNotFoundException | LinkageError unreadable) {
            throw new IllegalArgumentException("cannot read the kernels of " + jar + ": " + unreadable, unreadable);
        }
        return calls;
    }
}

package dev.tandem.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;

/**
 * The tandem Python package, packed into the jar by the build (python/ → dev/tandem/python,
 * with an index.txt of its files), and served to every context's import system. Read once
 * per process; the {@link Source} objects are kept so that the engine's code cache keeps
 * their parsed code for every context.
 */
final class PythonPackage {
    private static final String ROOT = "/dev/tandem/python/";

    /** One packed module. */
    private record Module(String name, String filename, boolean isPackage, String source) {}

    private static final List<Module> MODULES = readModules();
    /** All modules in one string, so that installing them is a single call (see package_finder.py). */
    private static final String PACKED = pack(MODULES);
    private static final Source FINDER = Source.newBuilder("python",
            read("/dev/tandem/runtime/package_finder.py"), "<tandem>/package_finder.py").buildLiteral();

    private PythonPackage() {}

    /** Makes the packed package importable in {@code context}. */
    static void install(Context context) {
        context.eval(FINDER).execute(PACKED);
    }

    private static String pack(List<Module> modules) {
        StringBuilder packed = new StringBuilder();
        for (Module module : modules) {
            packed.append(module.name()).append('\0').append(module.filename()).append('\0')
                    .append(module.isPackage() ? '1' : '0').append('\0').append(module.source()).append('\0');
        }
        return packed.toString();
    }

    private static List<Module> readModules() {
        List<Module> modules = new ArrayList<>();
        for (String path : read(ROOT + "index.txt").split("\n")) {
            String file = path.strip();
            if (file.isEmpty()) {
                continue;
            }
            boolean isPackage = file.endsWith("/__init__.py");
            String dotted = file.substring(0, file.length() - ".py".length()).replace('/', '.');
            String name = isPackage ? dotted.substring(0, dotted.length() - ".__init__".length()) : dotted;
            modules.add(new Module(name, "<tandem>/" + file, isPackage, read(ROOT + file)));
        }
        return List.copyOf(modules);
    }

    private static String read(String resource) {
        try (InputStream in = PythonPackage.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the build did not pack " + resource + "; rebuild with mvn package");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}

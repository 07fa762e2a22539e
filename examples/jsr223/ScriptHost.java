import java.io.StringWriter;
import java.util.function.Function;
import javax.script.Bindings;
import javax.script.Compilable;
import javax.script.CompiledScript;
import javax.script.Invocable;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;

/**
 * A Java program that knows only javax.script: it asks for "python" and gets Python 3 from
 * Tandem, as JMeter, Camel or Spring would. It evaluates with bindings, caches a compiled
 * script for a loop, calls a function the script defined, and implements a Java interface
 * in Python.
 *
 * <p>Run from the repository root after a build (./tandem builds). With the JIT (the
 * program on the class path, Tandem and GraalPy on the module path):
 * <pre>
 * java -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=target/compiler \
 *      --module-path=target/lib:target/tandem.jar --add-modules=dev.tandem \
 *      --enable-native-access=org.graalvm.truffle,dev.tandem --sun-misc-unsafe-memory-access=allow \
 *      examples/jsr223/ScriptHost.java
 * </pre>
 * or everything on the class path (interpreted; the engine says so once on stderr):
 * {@code java -cp 'target/tandem.jar:target/lib/*' examples/jsr223/ScriptHost.java}.
 */
public final class ScriptHost {
    public static void main(String[] args) throws ScriptException, NoSuchMethodException {
        ScriptEngine python = new ScriptEngineManager().getEngineByName("python");
        if (python == null) {
            System.err.println("no Python engine: put target/tandem.jar and target/lib on the module or class path");
            System.exit(2);
        }
        System.out.println("engine: " + python.getFactory().getEngineName() + " "
                + python.getFactory().getEngineVersion() + ", " + python.getFactory().getLanguageName() + " "
                + python.getFactory().getLanguageVersion());

        // Bindings in and out.
        Bindings order = python.createBindings();
        order.put("items", java.util.List.of(12.5, 7.5));
        order.put("country", "DE");
        Object total = python.eval("""
                rate = {'DE': 0.19, 'FR': 0.20}.get(country, 0.0)
                net = sum(items)
                round(net * (1 + rate), 2)
                """, order);
        System.out.println("total " + total + ", net " + order.get("net") + ", rate " + order.get("rate"));

        // Compiled once, evaluated in a loop with changing bindings (what JMeter does per sample).
        CompiledScript label = ((Compilable) python).compile("f'sample {n}: {n * n}'");
        for (int n = 1; n <= 3; n++) {
            Bindings sample = python.createBindings();
            sample.put("n", n);
            System.out.println(label.eval(sample));
        }

        // Functions the script defines, called from Java; the script's output in a Java writer.
        StringWriter log = new StringWriter();
        python.getContext().setWriter(log);
        python.eval("""
                from tandem import text

                def shout(word):
                    print('shouting', word)
                    return word.upper() + '!'

                def checksum(word):
                    return text.fnv1a_32(word)
                """);
        Invocable invocable = (Invocable) python;
        System.out.println(invocable.invokeFunction("shout", "hello") + " " + log.toString().strip());
        System.out.println("fnv1a_32(tandem) = " + invocable.invokeFunction("checksum", "tandem"));

        // A Java interface implemented by Python functions: null until the script defines apply().
        System.out.println("before apply(): " + function(invocable));
        python.eval("def apply(value):\n    return shout(str(value))");
        System.out.println("after: " + function(invocable).apply(42));
    }

    @SuppressWarnings("unchecked")
    private static Function<Object, Object> function(Invocable invocable) {
        return invocable.getInterface(Function.class);
    }
}

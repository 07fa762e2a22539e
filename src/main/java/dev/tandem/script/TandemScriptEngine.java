package dev.tandem.script;

import dev.tandem.PythonException;
import dev.tandem.runtime.JavaValues;
import dev.tandem.runtime.PythonContext;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javax.script.AbstractScriptEngine;
import javax.script.Bindings;
import javax.script.Compilable;
import javax.script.CompiledScript;
import javax.script.Invocable;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptException;
import javax.script.SimpleBindings;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * Python 3 through {@code javax.script}, on Tandem's pooled, sandboxed GraalPy contexts.
 *
 * <p>Each evaluation borrows a context: the ScriptContext's global-scope and engine-scope
 * bindings become the script's globals (engine scope wins), the reader and writers its
 * stdin, stdout and stderr, and {@link ScriptEngine#FILENAME} the file name in tracebacks.
 * Afterwards the data globals the script assigned (None, bool, int, float, str, bytes,
 * list, tuple, dict, Java objects) are written to the engine scope as Java values, names it
 * deleted are removed, and each function, class or object it defined appears there as a
 * {@link ScriptObject}. Those definitions stay usable by later scripts and by
 * {@link Invocable}: the statements that made them ({@code def}, {@code class},
 * {@code import} and assignments of such objects) are replayed first in the next context,
 * so they should do nothing but define. Thread-safe; evaluations run in parallel up to the
 * pool's size.
 */
public final class TandemScriptEngine extends AbstractScriptEngine implements Compilable, Invocable {
    private static final String DEFAULT_FILENAME = "<script>";
    /** How many script texts {@code eval(String)} keeps compiled: hosts run the same few again and again. */
    private static final int CACHED_TEXTS = 64;

    private final TandemScriptEngineFactory factory;
    private final Map<List<String>, TandemCompiledScript> compiledTexts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<String>, TandemCompiledScript> eldest) {
            return size() > CACHED_TEXTS;
        }
    };
    /** Scripts whose definitions later evaluations replay, in order, with the names each defines. */
    private final LinkedHashMap<TandemCompiledScript, List<String>> definitions = new LinkedHashMap<>();

    TandemScriptEngine(TandemScriptEngineFactory factory) {
        this.factory = factory;
    }

    @Override
    public Object eval(String script, ScriptContext context) throws ScriptException {
        Objects.requireNonNull(script, "script");
        String filename = filename(context);
        TandemCompiledScript compiled;
        synchronized (compiledTexts) {
            compiled = compiledTexts.computeIfAbsent(List.of(script, filename),
                    key -> new TandemCompiledScript(this, script, filename));
        }
        return evaluate(compiled, context);
    }

    @Override
    public Object eval(Reader reader, ScriptContext context) throws ScriptException {
        return eval(read(reader), context);
    }

    @Override
    public Bindings createBindings() {
        return new SimpleBindings();
    }

    @Override
    public ScriptEngineFactory getFactory() {
        return factory;
    }

    /** Parses and compiles the script now (a SyntaxError is a ScriptException here, with its position). */
    @Override
    public CompiledScript compile(String script) throws ScriptException {
        Objects.requireNonNull(script, "script");
        String filename = filename(context);
        TandemCompiledScript compiled = new TandemCompiledScript(this, script, filename);
        lease(filename, python -> compiled.in(python));
        return compiled;
    }

    @Override
    public CompiledScript compile(Reader script) throws ScriptException {
        return compile(read(script));
    }

    Object evaluate(TandemCompiledScript script, ScriptContext context) throws ScriptException {
        Bindings scope = context.getBindings(ScriptContext.ENGINE_SCOPE);
        Globals globals = Globals.of(context);
        Object[] replays = replaysExcept(script);
        ScriptStreams streams = new ScriptStreams(context);
        List<?> result;
        try {
            result = lease(script.filename(), python -> answer(ScriptRuntime.module(python).invokeMember("evaluate",
                    script.in(python), globals.names(), globals.values(), replays(python, replays),
                    streams.functions())));
        } finally {
            streams.flush();
        }
        return apply(result, scope, script);
    }

    @Override
    public Object invokeFunction(String name, Object... arguments) throws ScriptException, NoSuchMethodException {
        return invoke(null, Objects.requireNonNull(name, "name"), arguments);
    }

    @Override
    public Object invokeMethod(Object receiver, String name, Object... arguments)
            throws ScriptException, NoSuchMethodException {
        return invoke(scriptObject(receiver).name(), Objects.requireNonNull(name, "name"), arguments);
    }

    /**
     * The script's functions as an implementation of {@code type}: each abstract method calls
     * the global function of its name. Null when some method has no function defined.
     */
    @Override
    public <T> T getInterface(Class<T> type) {
        checkInterface(type);
        List<String> defined = definedNames();
        for (Method method : type.getMethods()) {
            if (Modifier.isAbstract(method.getModifiers()) && !defined.contains(method.getName())) {
                return null;
            }
        }
        return implement(type, null, "the script's functions");
    }

    /** The Python object {@code receiver} (a {@link ScriptObject}) as an implementation of {@code type}. */
    @Override
    public <T> T getInterface(Object receiver, Class<T> type) {
        checkInterface(type);
        ScriptObject object = scriptObject(receiver);
        return implement(type, object.name(), object.toString());
    }

    private Object invoke(String receiver, String name, Object[] arguments)
            throws ScriptException, NoSuchMethodException {
        Bindings scope = context.getBindings(ScriptContext.ENGINE_SCOPE);
        Globals globals = Globals.of(context);
        Object[] replays = replaysExcept(null);
        ScriptStreams streams = new ScriptStreams(context);
        Object[] passed = arguments == null ? new Object[0] : arguments.clone();
        List<?> result;
        try {
            result = lease(filename(context), python -> answer(ScriptRuntime.module(python).invokeMember("invoke",
                    globals.names(), globals.values(), replays(python, replays), streams.functions(), receiver,
                    name, passed)));
        } catch (ScriptException failure) {
            if (failure.getCause() instanceof PythonException python
                    && python.pythonType().equals("NoSuchFunction")) {
                throw new NoSuchMethodException(python.getMessage());
            }
            throw failure;
        } finally {
            streams.flush();
        }
        return apply(result, scope, null);
    }

    /** The answer of tandem._scripting as Java values, converted while the context is live. */
    private static List<?> answer(Value result) {
        return (List<?>) JavaValues.toJava(result);
    }

    /** Runs {@code body} in a leased context; a failure becomes a ScriptException with its position. */
    private <T> T lease(String filename, Function<PythonContext, T> body) throws ScriptException {
        int[] position = {-1, -1};
        try {
            return factory.runtime().leased(python -> {
                try {
                    return body.apply(python);
                } catch (PolyglotException failure) {
                    locate(python, failure, filename, position);
                    throw failure;
                }
            });
        } catch (RuntimeException failure) {
            throw ScriptFailures.translate(failure, filename, position[0], position[1], factory.runtime().timeout());
        }
    }

    private static void locate(PythonContext python, PolyglotException failure, String filename, int[] position) {
        if (!failure.isGuestException() || failure.isCancelled() || failure.isExit()) {
            return;
        }
        try {
            List<?> found = (List<?>) JavaValues.toJava(ScriptRuntime.module(python)
                    .invokeMember("error_position", failure.getGuestObject(), filename));
            position[0] = ((Number) found.get(0)).intValue();
            position[1] = ((Number) found.get(1)).intValue();
        } catch (PolyglotException | ClassCastException unknown) {
            // The position stays unknown; the traceback in the message still shows it.
        }
    }

    /** Writes what the script left into {@code scope}; returns the script's value. */
    private Object apply(List<?> result, Bindings scope, TandemCompiledScript definer) {
        String valueName = (String) result.get(0);
        ((Map<?, ?>) result.get(2)).forEach((name, value) -> scope.put((String) name, value));
        for (Object name : (List<?>) result.get(3)) {
            scope.remove(name);
        }
        List<String> defined = new ArrayList<>();
        for (Object name : (List<?>) result.get(4)) {
            defined.add((String) name);
            scope.put((String) name, new ScriptObject(this, (String) name));
        }
        if (definer != null && !defined.isEmpty()) {
            synchronized (definitions) {
                definitions.remove(definer);
                definitions.put(definer, List.copyOf(defined));
            }
        }
        return valueName != null ? new ScriptObject(this, valueName) : result.get(1);
    }

    private Object[] replaysExcept(TandemCompiledScript running) {
        synchronized (definitions) {
            List<Object[]> replays = new ArrayList<>();
            definitions.forEach((script, names) -> {
                if (script != running) {
                    replays.add(new Object[] {script, names.toArray(String[]::new)});
                }
            });
            return replays.toArray();
        }
    }

    /** The replays with each script in its compiled form in {@code python}. */
    private static Object[] replays(PythonContext python, Object[] replays) {
        Object[] compiled = new Object[replays.length];
        for (int i = 0; i < replays.length; i++) {
            Object[] replay = (Object[]) replays[i];
            compiled[i] = new Object[] {((TandemCompiledScript) replay[0]).in(python), replay[1]};
        }
        return compiled;
    }

    private List<String> definedNames() {
        synchronized (definitions) {
            return definitions.values().stream().flatMap(List::stream).toList();
        }
    }

    private ScriptObject scriptObject(Object receiver) {
        if (receiver instanceof ScriptObject object && object.engine() == this) {
            return object;
        }
        throw new IllegalArgumentException("not a Python object of this engine: " + receiver
                + " (pass a ScriptObject that this engine's Bindings hold)");
    }

    private static void checkInterface(Class<?> type) {
        if (type == null || !type.isInterface()) {
            throw new IllegalArgumentException("not an interface: " + type);
        }
    }

    private <T> T implement(Class<T> type, String receiver, String description) {
        InvocationHandler handler = (proxy, method, arguments) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == arguments[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> type.getSimpleName() + " implemented by " + description;
                };
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, arguments);
            }
            Object result = invoke(receiver, method.getName(), arguments);
            return ReturnValues.convert(result, method.getReturnType(), method);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static String filename(ScriptContext context) {
        Object name = context.getAttribute(ScriptEngine.FILENAME);
        return name == null ? DEFAULT_FILENAME : name.toString();
    }

    private static String read(Reader reader) throws ScriptException {
        try {
            StringBuilder text = new StringBuilder();
            reader.transferTo(new java.io.Writer() {
                @Override
                public void write(char[] chars, int offset, int length) {
                    text.append(chars, offset, length);
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            });
            return text.toString();
        } catch (IOException unreadable) {
            ScriptException failure = new ScriptException("can't read the script: " + unreadable.getMessage());
            failure.initCause(unreadable);
            throw failure;
        }
    }

    /** The names and values a script sees as globals: global scope, then engine scope over it. */
    private record Globals(String[] names, Object[] values) {
        static Globals of(ScriptContext context) {
            Map<String, Object> visible = new LinkedHashMap<>();
            for (int scope : new int[] {ScriptContext.GLOBAL_SCOPE, ScriptContext.ENGINE_SCOPE}) {
                Bindings bindings = context.getBindings(scope);
                if (bindings == null) {
                    continue;
                }
                bindings.forEach((name, value) -> {
                    // Definitions come back by replay; other keys (javax.script.filename) are no Python names.
                    if (!(value instanceof ScriptObject) && isIdentifier(name)) {
                        visible.put(name, value);
                    } else {
                        visible.remove(name);
                    }
                });
            }
            return new Globals(visible.keySet().toArray(String[]::new), visible.values().toArray());
        }

        private static boolean isIdentifier(String name) {
            if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
                return false;
            }
            for (int i = 1; i < name.length(); i++) {
                char c = name.charAt(i);
                if (!Character.isLetterOrDigit(c) && c != '_') {
                    return false;
                }
            }
            return true;
        }
    }
}

package dev.tandem.script;

/**
 * A Python object a script defined (a function, a class, an object made from them), as it
 * appears in the engine's Bindings: it has no Java form, so it stands for the global of that
 * name. Pass it to {@link javax.script.Invocable#invokeMethod} or
 * {@link javax.script.Invocable#getInterface(Object, Class)} to use the object.
 */
public final class ScriptObject {
    private final TandemScriptEngine engine;
    private final String name;

    ScriptObject(TandemScriptEngine engine, String name) {
        this.engine = engine;
        this.name = name;
    }

    /** The name of the global this stands for. */
    public String name() {
        return name;
    }

    TandemScriptEngine engine() {
        return engine;
    }

    @Override
    public String toString() {
        return "Python global '" + name + "'";
    }
}

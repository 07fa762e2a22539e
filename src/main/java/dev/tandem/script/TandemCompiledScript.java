package dev.tandem.script;

import dev.tandem.runtime.PythonContext;
import javax.script.CompiledScript;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptException;
import org.graalvm.polyglot.Value;

/**
 * A script parsed and compiled once per pooled context and kept there (held by the host, out
 * of scripts' reach) for as long as this object lives, so evaluating it again costs neither
 * a parse nor a compile, whichever context runs it.
 */
final class TandemCompiledScript extends CompiledScript {
    private final TandemScriptEngine engine;
    private final String source;
    private final String filename;

    TandemCompiledScript(TandemScriptEngine engine, String source, String filename) {
        this.engine = engine;
        this.source = source;
        this.filename = filename;
    }

    @Override
    public Object eval(ScriptContext context) throws ScriptException {
        return engine.evaluate(this, context);
    }

    @Override
    public ScriptEngine getEngine() {
        return engine;
    }

    String filename() {
        return filename;
    }

    /** The compiled form in {@code context}, compiled there on first use. */
    Value in(PythonContext context) {
        return context.attachment(this, Value.class,
                live -> ScriptRuntime.module(live).invokeMember("compile_script", source, filename));
    }
}

package dev.tandem.tests.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.script.Bindings;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import javax.script.SimpleScriptContext;
import org.junit.jupiter.api.Test;

/** eval: bindings both ways, the ScriptContext's streams, the file name, the last value. */
class ScriptEvalTest {
    private static final ScriptEngineManager MANAGER = new ScriptEngineManager();
    private final ScriptEngine engine = MANAGER.getEngineByName("python");

    @Test
    void returnsTheLastExpressionOrNull() throws ScriptException {
        assertEquals(45L, engine.eval("sum(range(10))"));
        assertEquals(List.of(1L, "two", 3.5, Map.of("k", true)), engine.eval("[1, 'two', 3.5, {'k': True}]"));
        assertNull(engine.eval("x = 1"));
        assertEquals("tail", engine.eval(new StringReader("def f():\n    return 'tail'\nf()")));
    }

    @Test
    void bindingsAreGlobalsAndAssignmentsComeBack() throws ScriptException {
        Bindings bindings = engine.createBindings();
        List<String> javaList = new ArrayList<>(List.of("a", "b"));
        bindings.put("count", 41);
        bindings.put("names", javaList);
        bindings.put("unchanged", "same");
        Object result = engine.eval("""
                count += 1
                names.append('c')
                fresh = {'total': count * 2}
                del unchanged
                len(names)
                """, bindings);
        assertEquals(3L, result);
        assertEquals(42L, bindings.get("count"));
        assertEquals(List.of("a", "b", "c"), bindings.get("names"));
        assertEquals(Map.of("total", 84L), bindings.get("fresh"));
        assertFalse(bindings.containsKey("unchanged"));
        assertEquals(List.of("a", "b"), javaList, "the Java list itself is copied in, not changed");
    }

    @Test
    void javaObjectsGoInAndComeBackAsThemselves() throws ScriptException {
        Bindings bindings = engine.createBindings();
        StringBuilder host = new StringBuilder("host");
        bindings.put("thing", host);
        engine.eval("alias = thing", bindings);
        assertSame(host, bindings.get("alias"));
    }

    @Test
    void globalScopeIsVisibleAndEngineScopeWins() throws ScriptException {
        ScriptContext context = new SimpleScriptContext();
        Bindings global = engine.createBindings();
        global.put("a", "global a");
        global.put("b", "global b");
        context.setBindings(global, ScriptContext.GLOBAL_SCOPE);
        context.getBindings(ScriptContext.ENGINE_SCOPE).put("b", "engine b");
        assertEquals("global a / engine b", engine.eval("a + ' / ' + b", context));
        engine.eval("a = 'assigned'", context);
        assertEquals("assigned", context.getBindings(ScriptContext.ENGINE_SCOPE).get("a"));
        assertEquals("global a", global.get("a"), "assignments go to the engine scope");
    }

    @Test
    void theContextsReaderAndWritersAreTheScriptsStandardStreams() throws ScriptException {
        ScriptContext context = new SimpleScriptContext();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        context.setReader(new StringReader("first line\nsecond \u00fcml\u00e4ut \ud83d\ude42\n"));
        context.setWriter(out);
        context.setErrorWriter(err);
        Object value = engine.eval("""
                import sys
                line = input()
                rest = sys.stdin.read()
                print('got', line)
                print('warn', file=sys.stderr)
                sys.stdout.write(rest.upper())
                len(rest)
                """, context);
        assertEquals("got first line\nSECOND \u00dcML\u00c4UT \ud83d\ude42\n", out.toString());
        assertEquals("warn\n", err.toString());
        assertEquals(16L, value, "code points, as Python counts them");
    }

    @Test
    void aFilenameAppearsInTheTraceback() {
        ScriptContext context = new SimpleScriptContext();
        context.setAttribute(ScriptEngine.FILENAME, "orders/rules.py", ScriptContext.ENGINE_SCOPE);
        ScriptException failure = assertThrows(ScriptException.class,
                () -> engine.eval("x = 1\nraise ValueError('bad order')\n", context));
        assertEquals("orders/rules.py", failure.getFileName());
        assertEquals(2, failure.getLineNumber());
        assertTrue(failure.getMessage().contains("File \"orders/rules.py\", line 2"), failure.getMessage());
        assertTrue(failure.getMessage().contains("ValueError: bad order"), failure.getMessage());
    }

    @Test
    void definitionsStayForLaterScriptsOfTheEngine() throws ScriptException {
        ScriptEngine own = MANAGER.getEngineByName("python");
        own.eval("""
                import math
                RATE = 0.19
                def gross(net):
                    return round(net * (1 + RATE), 2)
                """);
        assertEquals(119.0, own.eval("gross(100)"));
        own.put("RATE", 0.07);
        assertEquals(107.0, own.eval("gross(100)"), "a replayed function reads the globals of now");
        assertEquals(4.0, own.eval("math.sqrt(16)"));
        assertTrue(own.get("gross") instanceof dev.tandem.script.ScriptObject, String.valueOf(own.get("gross")));
    }

    @Test
    void aResultWithoutJavaFormFailsClearly() {
        ScriptException failure = assertThrows(ScriptException.class, () -> engine.eval("object()"));
        assertTrue(failure.getMessage().contains("has no Java form"), failure.getMessage());
    }
}

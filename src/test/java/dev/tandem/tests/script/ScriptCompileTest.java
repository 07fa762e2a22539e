package dev.tandem.tests.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.script.Bindings;
import javax.script.Compilable;
import javax.script.CompiledScript;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import org.junit.jupiter.api.Test;

/** Compilable: compile once, evaluate many times, on whichever pooled context is free. */
class ScriptCompileTest {
    private final ScriptEngine engine = new ScriptEngineManager().getEngineByName("python");

    @Test
    void oneCompiledScriptEvaluatesWithChangingBindings() throws ScriptException {
        CompiledScript script = ((Compilable) engine).compile("""
                label = f'{name}:{n * n}'
                n * n
                """);
        for (int n = 0; n < 20; n++) {
            Bindings bindings = engine.createBindings();
            bindings.put("name", "sample" + n);
            bindings.put("n", n);
            assertEquals((long) n * n, script.eval(bindings));
            assertEquals("sample" + n + ":" + n * n, bindings.get("label"));
        }
        assertTrue(script.getEngine() == engine);
    }

    @Test
    void aCompiledScriptRunsInEveryPooledContextAtOnce() throws Exception {
        // The pool has a context per core (2 on the smallest machines): the scripts overlap.
        CompiledScript script = ((Compilable) engine).compile("import time\ntime.sleep(0.2)\nn + 1");
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Bindings bindings = engine.createBindings();
                bindings.put("n", i);
                results.add(threads.submit(() -> script.eval(bindings)));
            }
            for (int i = 0; i < 8; i++) {
                assertEquals(i + 1L, results.get(i).get());
            }
        }
    }

    @Test
    void aSyntaxErrorFailsAtCompileTimeWithItsPosition() {
        engine.put(ScriptEngine.FILENAME, "broken.py");
        ScriptException failure = assertThrows(ScriptException.class,
                () -> ((Compilable) engine).compile("x = 1\ny = (2 +\n"));
        assertEquals("broken.py", failure.getFileName());
        assertTrue(failure.getLineNumber() >= 2, failure.getMessage());
        assertTrue(failure.getMessage().contains("SyntaxError"), failure.getMessage());
    }
}

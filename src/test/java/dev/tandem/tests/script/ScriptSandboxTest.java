package dev.tandem.tests.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.script.TandemScriptEngineFactory;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import org.junit.jupiter.api.Test;

/** The engines are sandboxed like the embedding API; kernels work in them; the optional reset. */
class ScriptSandboxTest {
    private final ScriptEngine engine = new ScriptEngineManager().getEngineByName("python");

    @Test
    void scriptsCannotReadHostFiles() {
        ScriptException failure = assertThrows(ScriptException.class,
                () -> engine.eval("open('/etc/hostname').read()"));
        assertTrue(failure.getMessage().contains("PermissionError") || failure.getMessage().contains("OSError"),
                failure.getMessage());
    }

    @Test
    void scriptsCannotLookUpJavaClasses() {
        ScriptException failure = assertThrows(ScriptException.class,
                () -> engine.eval("import java\njava.type('java.lang.System').exit(3)"));
        assertTrue(failure.getMessage().contains("java.lang.System"), failure.getMessage());
    }

    @Test
    void aScriptsGlobalsNeverReachAnotherEvaluation() throws ScriptException {
        engine.eval("secret = 'kept?'", engine.createBindings());
        ScriptException failure = assertThrows(ScriptException.class,
                () -> engine.eval("secret", engine.createBindings()));
        assertTrue(failure.getMessage().contains("NameError"), failure.getMessage());
    }

    @Test
    void withResetAPatchOfBuiltinsDoesNotReachTheNextScript() throws ScriptException {
        try (TandemScriptEngineFactory factory = TandemScriptEngineFactory.builder()
                .poolSize(1).resetEachEvaluation(true).build()) {
            ScriptEngine isolated = factory.getScriptEngine();
            isolated.eval("import builtins\nbuiltins.len = lambda x: -1");
            assertEquals(3L, isolated.eval("len('abc')"));
        }
    }

    @Test
    void kernelsWorkFromAScript() throws ScriptException {
        Object result = engine.eval("""
                from tandem import tiktoken
                encoding = tiktoken.get_encoding('cl100k_base')
                ids = encoding.encode('hello world')
                [ids, encoding.decode(ids)]
                """);
        assertEquals(java.util.List.of(java.util.List.of(15339L, 1917L), "hello world"), result);
    }
}

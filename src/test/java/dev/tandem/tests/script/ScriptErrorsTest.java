package dev.tandem.tests.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.PythonException;
import dev.tandem.ScriptExitException;
import dev.tandem.ScriptTimeoutException;
import dev.tandem.script.TandemScriptEngineFactory;
import java.time.Duration;
import javax.script.ScriptEngine;
import javax.script.ScriptException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Failures as ScriptException: the position in the script, the traceback, timeouts and sys.exit. */
class ScriptErrorsTest {
    private static final TandemScriptEngineFactory FACTORY = TandemScriptEngineFactory.builder()
            .poolSize(1).timeout(Duration.ofSeconds(3)).build();
    private final ScriptEngine engine = FACTORY.getScriptEngine();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @Test
    void aPythonExceptionHasFileLineColumnAndTraceback() {
        engine.put(ScriptEngine.FILENAME, "calc.py");
        ScriptException failure = assertThrows(ScriptException.class, () -> engine.eval("""
                def ratio(a, b):
                    return a / b

                total = 1
                value = ratio(total, 0)
                """));
        assertEquals("calc.py", failure.getFileName());
        assertEquals(2, failure.getLineNumber(), failure.getMessage());
        assertEquals(12, failure.getColumnNumber(), failure.getMessage());
        assertTrue(failure.getMessage().startsWith("Traceback (most recent call last):"), failure.getMessage());
        assertTrue(failure.getMessage().contains("line 5, in <module>"), failure.getMessage());
        assertTrue(failure.getMessage().contains("ZeroDivisionError: division by zero"), failure.getMessage());
        PythonException cause = assertInstanceOf(PythonException.class, failure.getCause());
        assertEquals("ZeroDivisionError", cause.pythonType());
    }

    @Test
    void aSyntaxErrorHasItsPosition() {
        engine.put(ScriptEngine.FILENAME, "syntax.py");
        ScriptException failure = assertThrows(ScriptException.class, () -> engine.eval("a = 1\nb = a +* 2\n"));
        assertEquals(2, failure.getLineNumber(), failure.getMessage());
        assertTrue(failure.getColumnNumber() > 0, failure.getMessage());
        assertTrue(failure.getMessage().contains("SyntaxError"), failure.getMessage());
    }

    @Test
    void aTimeoutCancelsTheScriptAndTheEngineGoesOn() throws ScriptException {
        ScriptException failure = assertThrows(ScriptException.class, () -> engine.eval("while True:\n    pass\n"));
        assertInstanceOf(ScriptTimeoutException.class, failure.getCause());
        assertTrue(failure.getMessage().contains("timeout of 3000 ms"), failure.getMessage());
        assertEquals(2L, engine.eval("1 + 1"));
    }

    @Test
    void sysExitIsAScriptExceptionWithTheStatus() throws ScriptException {
        ScriptException failure = assertThrows(ScriptException.class, () -> engine.eval("import sys\nsys.exit(4)"));
        ScriptExitException exit = assertInstanceOf(ScriptExitException.class, failure.getCause());
        assertEquals(4, exit.status());
        assertTrue(failure.getMessage().contains("sys.exit (status 4)"), failure.getMessage());
        assertEquals(3L, engine.eval("1 + 2"));
    }
}

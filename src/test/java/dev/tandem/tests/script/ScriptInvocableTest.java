package dev.tandem.tests.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.script.ScriptObject;
import java.io.StringWriter;
import java.util.function.Function;
import javax.script.Invocable;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Invocable: functions and methods the script defined, called from Java, and as Java interfaces. */
class ScriptInvocableTest {
    private static final ScriptEngine ENGINE = new ScriptEngineManager().getEngineByName("python");
    private static final Invocable INVOCABLE = (Invocable) ENGINE;
    private static final StringWriter OUT = new StringWriter();

    @BeforeAll
    static void define() throws ScriptException {
        ENGINE.getContext().setWriter(OUT);
        ENGINE.eval("""
                calls = 0

                def double(x):
                    global calls
                    calls += 1
                    return x * 2

                def twice(x):
                    return x + x

                def run():
                    print('ran')

                def apply(value):
                    return f'<{value}>'

                class Greeter:
                    def __init__(self, greeting):
                        self.greeting = greeting

                    def greet(self, name):
                        return f'{self.greeting}, {name}!'

                    def apply(self, name):
                        return self.greet(name).upper()

                greeter = Greeter('Hello')
                """);
    }

    @Test
    void invokeFunctionCallsTheScriptsFunctionAndKeepsItsGlobals() throws Exception {
        long before = (Long) ENGINE.get("calls");
        assertEquals(42L, INVOCABLE.invokeFunction("double", 21));
        assertEquals("abab", INVOCABLE.invokeFunction("double", "ab"));
        assertEquals(before + 2, ENGINE.get("calls"));
    }

    @Test
    void invokeMethodCallsAMethodOfAScriptObject() throws Exception {
        Object greeter = ENGINE.get("greeter");
        assertTrue(greeter instanceof ScriptObject, String.valueOf(greeter));
        assertEquals("Hello, Ada!", INVOCABLE.invokeMethod(greeter, "greet", "Ada"));
    }

    @Test
    void missingFunctionsAndMethodsAreNoSuchMethodException() {
        NoSuchMethodException noFunction = assertThrows(NoSuchMethodException.class,
                () -> INVOCABLE.invokeFunction("absent"));
        assertTrue(noFunction.getMessage().contains("absent"), noFunction.getMessage());
        assertThrows(NoSuchMethodException.class, () -> INVOCABLE.invokeMethod(ENGINE.get("greeter"), "absent"));
        assertThrows(IllegalArgumentException.class, () -> INVOCABLE.invokeMethod("not a script object", "greet"));
    }

    @Test
    void getInterfaceImplementsRunnableAndFunction() {
        Runnable runnable = INVOCABLE.getInterface(Runnable.class);
        OUT.getBuffer().setLength(0);
        runnable.run();
        assertEquals("ran\n", OUT.toString());

        @SuppressWarnings("unchecked")
        Function<Object, Object> function = INVOCABLE.getInterface(Function.class);
        assertEquals("<7>", function.apply(7));

        @SuppressWarnings("unchecked")
        Function<Object, Object> method = INVOCABLE.getInterface(ENGINE.get("greeter"), Function.class);
        assertEquals("HELLO, BOB!", method.apply("Bob"));
    }

    @Test
    void getInterfaceIsNullWhenAFunctionIsMissing() {
        assertNull(INVOCABLE.getInterface(java.util.function.Supplier.class));
    }

    @Test
    void returnValuesConvertToTheMethodsType() {
        Twice op = INVOCABLE.getInterface(Twice.class);
        assertEquals(10, op.twice(5));
        assertEquals(2.5, op.twiceAsDouble(1.25));
    }

    /** The script's {@code twice}, with primitive types. */
    public interface Twice {
        int twice(int x);

        default double twiceAsDouble(double x) {
            return 2 * x;
        }
    }
}

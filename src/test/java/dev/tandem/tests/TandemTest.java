package dev.tandem.tests;

import dev.tandem.HostFileAccess;
import dev.tandem.PythonException;
import dev.tandem.ScriptExitException;
import dev.tandem.ScriptTimeoutException;
import dev.tandem.Session;
import dev.tandem.Tandem;
import dev.tandem.TandemException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.HostAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding API on one shared, sandboxed Tandem instance. */
class TandemTest {
    /** A Java object a script may use through its exported members only. */
    public static final class Greeter {
        @HostAccess.Export
        public String greet(String name) {
            return "hello " + name;
        }

        public String hidden() {
            return "not for scripts";
        }
    }

    static final ByteArrayOutputStream OUT = new ByteArrayOutputStream();
    static Tandem tandem;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        tandem = Tandem.builder()
                .poolSize(2)
                .timeout(Duration.ofSeconds(20))
                .expose("greeter", new Greeter())
                .stdout(OUT)
                .build();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    @Test
    void evalReturnsTheLastExpressionAsPlainJavaValues() {
        assertEquals(45L, tandem.eval("sum(range(10))"));
        assertEquals(45, tandem.eval("x = 40\nx + 5", Integer.class));
        assertNull(tandem.eval("y = 1"));
        assertEquals("é🙂", tandem.eval("'\\u00e9' + '\\U0001F642'"));
        assertEquals(2.5, tandem.eval("5 / 2"));
        assertEquals(2.0, tandem.eval("4 / 2"), "a float stays a float even when whole");
        assertEquals(true, tandem.eval("1 < 2"));
        assertEquals(new BigInteger("340282366920938463463374607431768211456"), tandem.eval("2 ** 128"));
        assertArrayEquals(new byte[] {0, (byte) 255, 65}, (byte[]) tandem.eval("bytes([0, 255, 65])"));
        assertEquals(List.of(1L, "two", List.of(3.0)), tandem.eval("[1, 'two', (3.0,)]"));
        assertEquals(Map.of("a", 1L, "b", List.of()), tandem.eval("{'a': 1, 'b': []}"));
    }

    @Test
    void callImportsAModuleAndPassesJavaArguments() {
        assertEquals(6L, tandem.call("math", "gcd", 54, 24));
        assertEquals("[1, 2, 3]", tandem.call(String.class, "json", "dumps", List.of(1, 2, 3)));
        assertEquals("{\"k\": \"v\"}", tandem.call(String.class, "json", "dumps", Map.of("k", "v")));
    }

    @Test
    void runExecutesAFileAsMainWithArguments() throws IOException {
        Path script = Files.writeString(dir.resolve("script.py"), """
                import sys
                print("args", sys.argv[1:], __name__)
                if sys.argv[1] == "stop":
                    sys.exit(4)
                """);
        assertEquals(0, tandem.run(script, "go"));
        assertEquals(4, tandem.run(script, "stop"));
        assertTrue(OUT.toString(StandardCharsets.UTF_8).contains("args ['go'] __main__\n"));
    }

    @Test
    void scriptOutputGoesToTheConfiguredStream() {
        tandem.eval("print('to the configured stream')");
        assertTrue(OUT.toString(StandardCharsets.UTF_8).contains("to the configured stream\n"));
    }

    @Test
    void exposedJavaObjectsShowOnlyExportedMembers() {
        assertEquals("hello Ada", tandem.eval("greeter.greet('Ada')"));
        PythonException hidden = assertThrows(PythonException.class, () -> tandem.eval("greeter.hidden()"));
        assertEquals("AttributeError", hidden.pythonType());
    }

    @Test
    void pythonErrorsBecomeExceptionsWithTypeMessageAndTraceback() {
        PythonException error = assertThrows(PythonException.class, () -> tandem.eval("""
                def parse(text):
                    return int(text)
                parse('twelve')
                """));
        assertEquals("ValueError", error.pythonType());
        assertTrue(error.getMessage().contains("invalid literal for int() with base 10: 'twelve'"), error.getMessage());
        assertTrue(error.pythonTraceback().startsWith("Traceback (most recent call last):\n"), error.pythonTraceback());
        assertTrue(error.pythonTraceback().contains("line 2, in parse"), error.pythonTraceback());
        assertTrue(error.pythonTraceback().strip().endsWith("ValueError: invalid literal for int() with base 10: 'twelve'"),
                error.pythonTraceback());

        PythonException syntax = assertThrows(PythonException.class, () -> tandem.eval("def broken(:"));
        assertEquals("SyntaxError", syntax.pythonType());

        ScriptExitException exit = assertThrows(ScriptExitException.class, () -> tandem.eval("import sys; sys.exit(7)"));
        assertEquals(7, exit.status());
        assertThrows(PythonException.class, () -> tandem.call("no_such_module_here", "f"));
    }

    @Test
    void scriptsHaveNoHostFilesNoJavaClassesNoEnvironmentByDefault() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "secret");
        PythonException read = assertThrows(PythonException.class,
                () -> tandem.eval("open(" + pythonString(secret) + ").read()"));
        assertTrue(read.pythonType().endsWith("Error"), read.pythonType());
        assertThrows(PythonException.class, () -> tandem.eval("import java; java.type('java.lang.System')"));
        assertEquals(List.of(), tandem.eval("import os; [k for k in ('PATH', 'HOME', 'USER') if k in os.environ]"),
                "no host environment variable reaches the script");
    }

    @Test
    void grantedFileAccessAndPythonPathLetScriptsImportHostModules() throws IOException {
        Files.writeString(dir.resolve("plugin_module.py"), "def twice(x):\n    return 2 * x\n");
        try (Tandem reader = Tandem.builder().poolSize(1).hostFileAccess(HostFileAccess.READ)
                .addPythonPath(dir).build()) {
            assertEquals(42L, reader.call("plugin_module", "twice", 21));
            assertThrows(PythonException.class, () -> reader.eval(
                    "open(" + pythonString(dir.resolve("new.txt")) + ", 'w').write('x')"));
        }
        assertThrows(IllegalStateException.class, () -> Tandem.builder().addPythonPath(dir).build());
    }

    @Test
    void callsDoNotLeakStateIntoLaterCalls() {
        tandem.eval("import json\njson.leaked = 1\nimport builtins\nbuiltins.leaked_builtin = 2\nimport sys\nsys.path.append('/x')");
        for (int i = 0; i < 4; i++) { // both pooled contexts have served by now
            assertEquals(false, tandem.eval("import json\nhasattr(json, 'leaked')"));
            assertEquals(false, tandem.eval("import builtins\nhasattr(builtins, 'leaked_builtin')"));
            assertEquals(false, tandem.eval("import sys\n'/x' in sys.path"));
        }
    }

    @Test
    void preimportedModulesBelongToTheCleanState() {
        try (Tandem preloaded = Tandem.builder().poolSize(1).preimport("json", "xml.dom").build()) {
            assertEquals(List.of(true, true, false), preloaded.eval(
                    "import sys\n['json' in sys.modules, 'xml.dom' in sys.modules, 'csv' in sys.modules]"));
            preloaded.eval("import csv");
            assertEquals(List.of(true, false), preloaded.eval("import sys\n['json' in sys.modules, 'csv' in sys.modules]"));
        }
        assertThrows(IllegalArgumentException.class, () -> Tandem.builder().preimport("not a module"));
    }

    @Test
    void aSessionKeepsStateUntilClosed() {
        try (Session session = tandem.openSession()) {
            session.eval("counter = 0\ndef bump(by):\n    global counter\n    counter += by\n    return counter");
            assertEquals(5L, session.call("bump", 5));
            assertEquals(7L, session.call("bump", 2));
            assertEquals(7L, session.eval("counter"));
            assertEquals(3L, session.call("math.isqrt", 10));
        }
        assertThrows(PythonException.class, () -> tandem.eval("counter"));
    }

    @Test
    void aRunawayScriptIsCancelledAndTheInstanceStaysUsable() {
        try (Tandem limited = Tandem.builder().poolSize(1).timeout(Duration.ofMillis(1500)).build()) {
            long start = System.nanoTime();
            assertThrows(ScriptTimeoutException.class, () -> limited.eval("while True:\n    pass"));
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(15).toNanos());
            assertEquals(3L, limited.eval("1 + 2"));
        }
    }

    @Test
    void unconvertibleResultsSayWhatToReturnInstead() {
        TandemException error = assertThrows(TandemException.class, () -> tandem.eval("object()"));
        assertTrue(error.getMessage().contains("cannot turn a Python object into a Java value"), error.getMessage());
        assertFalse(error instanceof PythonException);
    }

    private static String pythonString(Path path) {
        return "'" + path.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}

package dev.tandem.tests.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.script.TandemScriptEngineFactory;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;
import org.junit.jupiter.api.Test;

/** ScriptEngineManager finds the engine from the module path, and the factory tells the truth. */
class ScriptDiscoveryTest {
    private final ScriptEngineManager manager = new ScriptEngineManager();

    @Test
    void foundByEveryNameExtensionAndMimeType() {
        for (String name : new String[] {"python", "python3", "tandem"}) {
            assertTandem(manager.getEngineByName(name), name);
        }
        assertTandem(manager.getEngineByExtension("py"), "extension py");
        assertTandem(manager.getEngineByMimeType("text/x-python"), "text/x-python");
    }

    @Test
    void theFactoryReportsTrueNamesAndVersions() {
        ScriptEngineFactory factory = manager.getEngineByName("python").getFactory();
        assertEquals("python", factory.getLanguageName());
        assertTrue(factory.getLanguageVersion().matches("3\\.\\d+\\.\\d+"), factory.getLanguageVersion());
        assertEquals("Tandem", factory.getEngineName());
        assertEquals(factory.getEngineVersion(), factory.getParameter(ScriptEngine.ENGINE_VERSION));
        assertTrue(factory.getEngineVersion().matches("\\d+\\.\\d+\\.\\d+.*"), factory.getEngineVersion());
        assertEquals("python", factory.getParameter(ScriptEngine.LANGUAGE));
        assertEquals(factory.getLanguageVersion(), factory.getParameter(ScriptEngine.LANGUAGE_VERSION));
        assertEquals("MULTITHREADED", factory.getParameter("THREADING"));
        assertTrue(factory.getNames().contains("python3"));
    }

    @Test
    void theFactorysProgramSnippetsRunAsPython() throws Exception {
        ScriptEngine engine = manager.getEngineByName("python");
        ScriptEngineFactory factory = engine.getFactory();
        java.io.StringWriter out = new java.io.StringWriter();
        engine.getContext().setWriter(out);
        engine.eval(factory.getProgram(
                "text = 'a \"quoted\"\\\\ line'",
                factory.getOutputStatement("tab\there \"q\" \\ \u00e9\nnext"),
                factory.getMethodCallSyntax("text", "upper")));
        assertEquals("tab\there \"q\" \\ \u00e9\nnext\n", out.toString());
    }

    @Test
    void badSystemPropertiesNameTheProperty() {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("tandem.script.timeout", "soon");
        IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TandemScriptEngineFactory.builder(properties));
        assertTrue(bad.getMessage().contains("tandem.script.timeout='soon'"), bad.getMessage());
    }

    private static void assertTandem(ScriptEngine engine, String how) {
        assertNotNull(engine, "no engine found by " + how);
        assertInstanceOf(TandemScriptEngineFactory.class, engine.getFactory(), how);
    }
}

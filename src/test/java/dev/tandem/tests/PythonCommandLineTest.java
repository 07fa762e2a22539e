package dev.tandem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.cli.PythonCommandLine;
import dev.tandem.cli.PythonCommandLine.What;
import dev.tandem.cli.UsageException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tandem started as python reads CPython's command line as CPython does. */
class PythonCommandLineTest {
    private static PythonCommandLine parse(String... args) {
        return PythonCommandLine.parse(List.of(args));
    }

    @Test
    void dashCAndDashMEndTheOptionsEvenBeforeOptionLikeWords() {
        PythonCommandLine code = parse("-W", "ignore::DeprecationWarning", "-c", "print(1)", "-m", "x", "-c");
        assertEquals(What.CODE, code.what());
        assertEquals("print(1)", code.target());
        assertEquals(List.of("-m", "x", "-c"), code.arguments());
        assertEquals(List.of("ignore::DeprecationWarning"), code.warnOptions());

        PythonCommandLine module = parse("-Im", "pip", "install", "-r", "req.txt");
        assertEquals(What.MODULE, module.what());
        assertEquals("pip", module.target());
        assertEquals(List.of("install", "-r", "req.txt"), module.arguments());
        assertTrue(module.ignoreEnvironment() && module.safePath());
    }

    @Test
    void flagsCombineAndValuesMayBeAttached() {
        PythonCommandLine line = parse("-uBWerror", "-X", "utf8", "-sS", "script.py", "-B", "--x");
        assertEquals(What.SCRIPT, line.what());
        assertEquals("script.py", line.target());
        assertEquals(List.of("-B", "--x"), line.arguments());
        assertEquals(List.of("error"), line.warnOptions());
        assertFalse(line.writeBytecode());
        assertFalse(line.ignoreEnvironment());
    }

    @Test
    void standardInputHelpAndVersion() {
        assertEquals(What.STDIN, parse().what());
        PythonCommandLine dash = parse("-E", "-", "a");
        assertEquals(What.STDIN, dash.what());
        assertEquals(List.of("a"), dash.arguments());
        assertTrue(dash.ignoreEnvironment());
        assertEquals(What.SCRIPT, parse("--", "-weird.py").what());
        assertEquals(What.VERSION, parse("-V").what());
        assertEquals(What.VERSION, parse("--version").what());
        assertEquals(What.HELP, parse("-h").what());
    }

    @Test
    void unknownOptionsAndMissingValuesAreUsageErrorsNamingTheOption() {
        assertTrue(assertThrows(UsageException.class, () -> parse("-Z", "x.py")).getMessage()
                .startsWith("Unknown option: -Z\nusage: python"));
        assertEquals("Argument expected for the -c option",
                assertThrows(UsageException.class, () -> parse("-c")).getMessage());
        assertEquals("Argument expected for the -m option",
                assertThrows(UsageException.class, () -> parse("-B", "-m")).getMessage());
        assertTrue(assertThrows(UsageException.class, () -> parse("--bogus")).getMessage().contains("--bogus"));
    }
}

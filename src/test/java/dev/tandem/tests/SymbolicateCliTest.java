package dev.tandem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tandem.tests.testing.TandemProcess;
import dev.tandem.tests.testing.TandemProcess.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tandem symbolicate} in a real launcher process: maps matched to frames, context, bad input. */
class SymbolicateCliTest {
    // src/a.ts lines 1-3 generated on lines 1-2; the segment at 1:4 carries the name "handleClick".
    private static final String APP_MAP = """
            {"version": 3, "file": "app.min.js", "sources": ["src/a.ts"], "names": ["handleClick"],
             "sourcesContent": ["let a = 1;\\nlet b = 2;\\nlet c = 3;\\n"], "mappings": "AAAA,IAAIA;AACJ"}
            """;
    // No `file` field: matched by the map's file name, vendor.js.map -> vendor.js.
    private static final String VENDOR_MAP = """
            {"version": 3, "sources": ["lib/v.js"], "names": [], "mappings": "AAAA"}
            """;

    @TempDir
    Path dir;

    @Test
    void mapsFramesFromStandardInputWithContext() throws IOException {
        Path app = Files.writeString(dir.resolve("bundle.js.map"), APP_MAP);
        Path vendor = Files.writeString(dir.resolve("vendor.js.map"), VENDOR_MAP);
        String trace = """
                TypeError: boom
                    at n (https://x.test/app.min.js?v=2:1:5)
                    at https://x.test/vendor.js:1:1
                    at other (https://x.test/other.js:3:4)
                """;
        Result result = TandemProcess.cli(trace, Map.of(), "symbolicate", "--map", app.toString(),
                "--map", vendor.toString(), "--context", "1", "-");
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("""
                TypeError: boom
                    at handleClick (src/a.ts:1:5)
                        > 1 | let a = 1;
                          2 | let b = 2;
                    at lib/v.js:1:1
                    at other (https://x.test/other.js:3:4)
                """, result.stdout(), result::toString);
    }

    /**
     * A trace file in SpiderMonkey's format and V8's, one process for both: the V8 traces are the
     * terser bundle's that scripts/peers.sh node builds in target/function-names (from
     * python/tests/function_names/shapes.js), where the bundle beside the map names each frame's
     * enclosing function, which no mapping at the frames' positions names.
     */
    @Test
    void readsTheTraceFromAFileAndNamesFramesAfterTheBundleBesideTheMap() throws IOException {
        Path bundle = Path.of("target", "function-names");
        if (!Files.exists(bundle.resolve("trace.txt"))) {
            fail(bundle + " is missing: run scripts/peers.sh node (it builds the terser bundle there)");
        }
        Path app = Files.writeString(dir.resolve("app.min.js.map"), APP_MAP);
        Path trace = Files.writeString(dir.resolve("trace.txt"),
                "t@https://x.test/app.min.js:2:1\n" + Files.readString(bundle.resolve("trace.txt")));
        Result result = TandemProcess.cli("symbolicate", "--map", app.toString(),
                "--map", bundle.resolve("shapes.min.js.map").toAbsolutePath().toString(), trace.toString());
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("t@src/a.ts:2:1", result.stdout().lines().findFirst().orElse(""), result::toString);
        List<String> functions = result.stdout().lines().filter(line -> line.startsWith("    at "))
                .map(line -> line.substring(7, line.indexOf(" (shapes.js:"))).toList();
        assertEquals(List.of("fail", "computeTotal", "fail", "formatPrice", "fail", "halve", "fail", "new ShoppingCart",
                "fail", "ShoppingCart.checkout", "fail", "get ShoppingCart.size", "fail", "ShoppingCart.restore",
                "fail", "registry.register", "fail", "registry.find"), functions, result::toString);
    }

    @Test
    void aBadOrMissingMapIsAnErrorNamingTheFileWithExitStatusTwo() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.js.map"), "{\"version\": 3, \"sources\": [], \"mappings\": \"A!\"}");
        Result invalid = TandemProcess.cli("at x (a.js:1:1)\n", Map.of(), "symbolicate", "--map", bad.toString());
        assertEquals(2, invalid.exitCode(), invalid::toString);
        assertTrue(invalid.stderr().startsWith("tandem symbolicate: " + bad + ": mappings: "), invalid::toString);
        assertTrue(invalid.stderr().contains("offset 1"), invalid::toString);

        Path missing = dir.resolve("missing.js.map");
        Result absent = TandemProcess.cli("", Map.of(), "symbolicate", "--map", missing.toString());
        assertEquals(2, absent.exitCode(), absent::toString);
        assertEquals("tandem symbolicate: cannot read the map " + missing + ": No such file or directory",
                absent.stderr().strip(), absent::toString);
    }
}

package dev.tandem.tests.sourcemap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ffi.Downcall;
import dev.tandem.sourcemap.DecodedMappings;
import dev.tandem.sourcemap.SourcemapJava;
import dev.tandem.sourcemap.SourcemapRust;
import org.junit.jupiter.api.Test;

/** Mappings above the critical-call cap go through native memory and give the Java backend's answers. */
class SourcemapRustLargeTest {
    @Test
    void largeMappingsDecodeAndCopyOutAsOnTheJavaBackend() {
        StringBuilder text = new StringBuilder();
        while (text.length() < 3 * Downcall.CRITICAL_BYTES) {
            text.append("AAAA,GAAC,DAAC;CACA;"); // columns 0, 3, 2: each such line needs sorting
        }
        String mappings = text.toString();
        DecodedMappings rust = (DecodedMappings) new SourcemapRust().decode(mappings, 1, 0);
        DecodedMappings java = (DecodedMappings) new SourcemapJava().decode(mappings, 1, 0);
        assertEquals(java.count(), rust.count());
        assertTrue(rust.count() * 6 * Integer.BYTES > Downcall.CRITICAL_BYTES, "flat must take the large path");
        assertArrayEquals(java.flat(), rust.flat());
        assertArrayEquals(java.generated_for(0, 1, 0, false), rust.generated_for(0, 1, 0, false));
        assertArrayEquals(java.generated_for(0, 1, 0, false), rust.generated_for(0, 1, 0, false), "indexed");
    }
}

package dev.tandem.tests.sourcemap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.Session;
import dev.tandem.Tandem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every backend of {@code sourcemap.decode} against the python reference on real maps: the
 * tc39 conformance maps and, when scripts/node-peers.sh has installed them, the npm maps the
 * Python parity suite checks against Mozilla's source-map (so the host backends agree with
 * Mozilla too). Mappings, lookups with both biases and reverse lookups must be identical.
 */
class SourcemapBackendsTest {
    static final Path TC39 = Path.of(System.getenv().getOrDefault("TANDEM_SOURCE_MAP_TESTS",
            "/work/shared/data/source-map-tests"), "resources");
    static final Path NPM = Path.of("target/node-peers/node_modules");
    static final List<String> NPM_MAPS = List.of("bootstrap/dist/js/bootstrap.bundle.min.js.map",
            "rxjs/dist/bundles/rxjs.umd.min.js.map");

    static Tandem tandem;
    static Session session;

    @BeforeAll
    static void start() {
        tandem = Tandem.builder().poolSize(1).build();
        session = tandem.openSession();
        session.eval("import tandem._sourcemap_check");
    }

    @AfterAll
    static void stop() {
        session.close();
        tandem.close();
    }

    @TestFactory
    Stream<DynamicTest> everyBackendAgreesOnRealMaps() throws IOException {
        assertTrue(session.eval("tandem._sourcemap_check.backends()").toString().contains("java"));
        List<Path> maps = new ArrayList<>();
        for (String name : List.of("basic-mapping.js.map", "basic-mapping-as-index-map.js.map",
                "index-map-two-concatenated-sources.js.map", "mapping-semantics-single-field-segment.js.map",
                "vlq-valid-negative-digit.js.map")) {
            maps.add(TC39.resolve(name));
        }
        for (String name : NPM_MAPS) {
            if (Files.exists(NPM.resolve(name))) {
                maps.add(NPM.resolve(name));
            }
        }
        return maps.stream().map(map -> DynamicTest.dynamicTest(map.getFileName().toString(), () -> {
            Object mismatches = session.call("tandem._sourcemap_check.compare_backends", Files.readString(map));
            assertEquals(List.of(), mismatches);
        }));
    }
}

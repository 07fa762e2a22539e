package dev.tandem.tests.sourcemap;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every backend of {@code sourcemap.decode} against the python reference on real maps: the
 * tc39 conformance maps and, when scripts/peers.sh node has installed it, an npm map the
 * Python parity suite also checks against Mozilla's source-map (so the host backends agree
 * with Mozilla too). Every mapping must be identical, and so must a sample of lookups with both
 * biases (one at a time and in one batch) and of reverse lookups; so must the error for each
 * kind of bad mappings, and lookup_many's and lookup_packed's answers and errors on edge queries.
 *
 * <p>Sized for CI: the python reference runs under a cold GraalPy here, so the npm map is
 * Angular's rxjs-interop.mjs.map (1,530 mappings, 8 sources) with {@link #NPM_QUERIES}
 * queries; the larger maps and their thousands of lookups are compared with Mozilla on
 * CPython by python/tests (scripts/peers.sh node test).
 */
class SourcemapBackendsTest {
    /** tc39/source-map-tests (BSD licence), vendored in src/test/resources. */
    static final Path TC39 = Path.of(System.getenv().getOrDefault("TANDEM_SOURCE_MAP_TESTS",
            "src/test/resources/tc39-source-map-tests"), "resources");
    static final Path NPM = Path.of("target/node-peers/node_modules");
    static final String NPM_MAP = "@angular/core/fesm2022/rxjs-interop.mjs.map";
    /** Random queries per map: a tc39 map has a handful of mappings, so a few dozen reach them all. */
    static final int TC39_QUERIES = 40;
    static final int NPM_QUERIES = 200;

    static Tandem tandem;
    static Session session;

    @BeforeAll
    static void start() {
        tandem = Tandem.builder().poolSize(1).build();
        session = tandem.openSession();
        session.eval("import tandem.sourcemap._check");
    }

    @AfterAll
    static void stop() {
        session.close();
        tandem.close();
    }

    @Test
    void everyHostBackendIsAvailable() {
        assertEquals(List.of("python", "java", "rust"), session.eval("tandem.sourcemap._check.backends()"));
    }

    @Test
    void everyBackendGivesTheSameErrorForBadMappings() {
        assertEquals(List.of(), session.call("tandem.sourcemap._check.compare_errors"));
    }

    @Test
    void lookupManyGivesTheSingleLookupsOnEveryBackendAndTheSameErrors() {
        assertEquals(List.of(), session.call("tandem.sourcemap._check.compare_lookup_many"));
    }

    /** The kernel's lookup_packed (Java and Rust write the 4 ints themselves) against its lookup_many, and its errors. */
    @Test
    void kernelLookupPackedGivesTheOriginalsOfLookupManyOnEveryBackendAndTheSameErrors() {
        assertEquals(List.of(), session.call("tandem.sourcemap._check.compare_kernel_lookup_packed"));
    }

    /** lookup_packed on a map with every kind of answer, edge queries and bad calls, on every backend. */
    @Test
    void lookupPackedGivesOriginalPositionForAsIntsOnEveryBackendAndTheSameErrors() {
        assertEquals(List.of(), session.call("tandem.sourcemap._check.compare_lookup_packed"));
    }

    /** Every tc39 map, valid or not, and a few more: the host's JSON reading gives the python backend's maps and errors. */
    @Test
    void everyBackendReadsMapsAndRefusesBadOnesAlike() throws IOException {
        List<String> texts = new ArrayList<>(List.of("", "[]", "{\"version\": 3, \"sources\": [\"a\"], \"mappings\": NaN}",
                "{\"version\": 3, \"sources\": [\"a\"], \"mappings\": \"AAAA\"} x", ")]}'\n{\"version\": 3, \"sources\": [null], \"mappings\": \";A\"}",
                "{\"version\": 3, \"sources\": [\"a\"], \"mappings\": \"AAAA\", \"mappings\": \"AACA\", \"ignoreList\": [true]}"));
        try (Stream<Path> files = Files.list(TC39)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".map")).sorted().toList()) {
                texts.add(Files.readString(file));
            }
        }
        assertEquals(List.of(), session.call("tandem.sourcemap._check.compare_load_errors", texts));
    }

    @TestFactory
    Stream<DynamicTest> everyBackendAgreesOnRealMaps() throws IOException {
        List<Path> maps = new ArrayList<>();
        for (String name : List.of("basic-mapping.js.map", "basic-mapping-as-index-map.js.map",
                "index-map-two-concatenated-sources.js.map", "mapping-semantics-single-field-segment.js.map",
                "vlq-valid-negative-digit.js.map")) {
            maps.add(TC39.resolve(name));
        }
        if (Files.exists(NPM.resolve(NPM_MAP))) {
            maps.add(NPM.resolve(NPM_MAP));
        }
        return maps.stream().map(map -> DynamicTest.dynamicTest(map.getFileName().toString(), () -> {
            int queries = map.startsWith(NPM) ? NPM_QUERIES : TC39_QUERIES;
            Object mismatches = session.call("tandem.sourcemap._check.compare_backends", Files.readString(map), 0, queries);
            assertEquals(List.of(), mismatches);
        }));
    }
}

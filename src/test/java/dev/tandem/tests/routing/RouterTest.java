package dev.tandem.tests.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.ffi.NativeLibrary;
import dev.tandem.route.Backend;
import dev.tandem.route.BackendUnavailableException;
import dev.tandem.route.KernelTable;
import dev.tandem.route.Route;
import dev.tandem.route.RoutePolicy;
import dev.tandem.route.Router;
import dev.tandem.sourcemap.Bias;
import dev.tandem.sourcemap.DecodedMappings;
import dev.tandem.sourcemap.SourceMap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The host's {@link Router}: python/tests/route_cases.json, which test_route.py runs through
 * Python's {@code _route.choose} too, so the two sides cannot disagree; kernels.json's classes
 * and the host and handle methods it declares; and policies with overrides. RoutingTest checks
 * that scripts read the same rules.
 */
class RouterTest {
    private static final Path CASES = Path.of("python/tests/route_cases.json");

    @Test
    void everySharedCaseRoutesAsInPython() throws IOException {
        JsonNode cases = new ObjectMapper().readTree(CASES.toFile()).get("cases");
        assertTrue(cases.size() > 10, "the table of cases is missing");
        for (JsonNode row : cases) {
            String kernel = row.get("kernel").asText();
            Map<Backend, String> reasons = new EnumMap<>(Backend.class);
            row.get("unavailable").properties().forEach(e -> reasons.put(Backend.fromLabel(e.getKey()), e.getValue().asText()));
            Map<Backend, Double> timings = new EnumMap<>(Backend.class);
            row.path("timings").properties().forEach(e -> timings.put(Backend.fromLabel(e.getKey()), e.getValue().asDouble()));
            List<Backend> order = KernelTable.builtin().autoOrder(kernel);
            String choice = row.get("choice").asText();
            if (row.has("error")) {
                BackendUnavailableException error = assertThrows(BackendUnavailableException.class,
                        () -> Router.choose(kernel, choice, reasons, timings, order), row::toString);
                assertEquals(row.get("error").asText(), error.getMessage(), row::toString);
            } else {
                Route expected = new Route(kernel, Backend.fromLabel(row.get("expect").asText()),
                        Optional.ofNullable(row.has("note") ? row.get("note").asText() : null));
                assertEquals(expected, Router.choose(kernel, choice, reasons, timings, order), row::toString);
            }
        }
    }

    @Test
    void everyHostBackendKernelsJsonNamesRuns() {
        Router router = Router.builtin(null);
        for (KernelTable.Entry entry : KernelTable.builtin().entries().values()) {
            for (Backend backend : entry.hostClasses().keySet()) {
                if (backend == Backend.RUST && !NativeLibrary.get().isLoaded()) {
                    continue;
                }
                RoutePolicy policy = new RoutePolicy("python", Map.of(entry.kernel(), backend.label()));
                Route route = router.route(entry.kernel(), policy);
                assertEquals(backend, route.backend(), entry::toString);
                router.bind(route); // builds the object and finds the method, or throws
            }
        }
        assertEquals(List.of(0x61L, 0x62L), List.of(
                (long) ((int[]) router.bind(router.route("text.codepoints", new RoutePolicy("java", Map.of()))).call("ab"))[0],
                (long) ((int[]) router.bind(router.route("text.codepoints", RoutePolicy.AUTO)).call("ab"))[1]));
    }

    /** Python calls these by name on host objects, so a renamed Java method must fail here first. */
    @Test
    void everyHostAndHandleMethodKernelsJsonDeclaresExists() throws ClassNotFoundException {
        int handleMethods = 0;
        for (KernelTable.Entry entry : KernelTable.builtin().entries().values()) {
            for (Map.Entry<Backend, String> host : entry.hostClasses().entrySet()) {
                assertPublicMethods(host.getValue(), entry.hostMethods(), entry.kernel());
            }
            if (!entry.handleMethods().isEmpty()) {
                assertEquals(entry.hostClasses().keySet(), entry.handleClasses().keySet(),
                        entry.kernel() + ": every host backend needs its handle class");
            }
            for (Map.Entry<Backend, String> handle : entry.handleClasses().entrySet()) {
                assertPublicMethods(handle.getValue(), entry.handleMethods(), entry.kernel() + "'s handle");
                handleMethods += entry.handleMethods().size();
            }
        }
        assertTrue(handleMethods >= 14, "sourcemap.decode's handle methods on java and rust are declared");
    }

    private static void assertPublicMethods(String className, List<String> methods, String owner)
            throws ClassNotFoundException {
        // Not initialised: a Rust class's static part would load the native library.
        Class<?> host = Class.forName(className, false, RouterTest.class.getClassLoader());
        for (String method : methods) {
            assertTrue(Arrays.stream(host.getMethods()).anyMatch(declared -> declared.getName().equals(method)),
                    owner + ": " + className + " has no public method " + method);
        }
    }

    @Test
    void sourceMapParseDecodesOnTheRoutedBackend() {
        String json = "{\"version\": 3, \"sources\": [\"a.ts\"], \"names\": [], \"mappings\": \"AAAA,IAAI\"}";
        assertEquals(2, SourceMap.parse(json).mappingCount());
        if (NativeLibrary.get().isLoaded()) {
            assertEquals(SourceMap.parse(json).originalPositionFor(1, 4, Bias.GREATEST_LOWER_BOUND),
                    SourceMap.parse(json, new RoutePolicy("rust", Map.of())).originalPositionFor(1, 4,
                            Bias.GREATEST_LOWER_BOUND));
        }
        BackendUnavailableException python = assertThrows(BackendUnavailableException.class,
                () -> SourceMap.parse(json, new RoutePolicy("python", Map.of())));
        assertTrue(python.getMessage().startsWith("sourcemap.decode: the python backend is unavailable: "),
                python::getMessage);
    }

    /** SourceMap holds the decoder's handle by DecodedMappings: bindHandle checks it against the table. */
    @Test
    void aHandleIsBoundByAnInterfaceWithTheDeclaredMethods() {
        Router router = Router.builtin(null);
        Route java = router.route("sourcemap.decode", new RoutePolicy("java", Map.of()));
        Router.HandleKernel<DecodedMappings> decode = router.bindHandle(java, DecodedMappings.class);
        assertEquals(2, decode.call(IllegalArgumentException::new, "AAAA,IAAI", 1L, 0L).count());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> decode.call(IllegalArgumentException::new, "AAAA,IAAI", 0L, 0L));
        assertTrue(refused.getMessage().startsWith("sourcemap.decode: "), refused::getMessage);
        IllegalStateException notTheHandle = assertThrows(IllegalStateException.class,
                () -> router.bindHandle(java, Runnable.class));
        assertEquals("sourcemap.decode: dev.tandem.sourcemap.SourcemapMappings is not a java.lang.Runnable",
                notTheHandle.getMessage());
        IllegalStateException noHandle = assertThrows(IllegalStateException.class, () -> router.bindHandle(
                router.route("text.codepoints", new RoutePolicy("java", Map.of())), DecodedMappings.class));
        assertEquals("text.codepoints declares no handle for java", noHandle.getMessage());
    }

    @Test
    void aRouteOverridesTheDefaultAndAnExplicitBackendThatCannotRunIsAnError() {
        Router router = Router.builtin("no Python here");
        RoutePolicy java = new RoutePolicy("java", Map.of("text.fnv1a_32", "rust"));
        assertEquals(Backend.JAVA, router.route("text.codepoints", java).backend());
        BackendUnavailableException python = assertThrows(BackendUnavailableException.class,
                () -> router.route("bpe.count", new RoutePolicy("python", Map.of())));
        assertEquals("bpe.count: the python backend is unavailable: no Python here", python.getMessage());
        BackendUnavailableException lint = assertThrows(BackendUnavailableException.class,
                () -> router.route("lint.check_files", java));
        assertEquals("lint.check_files: the java backend is unavailable: the host has no java implementation of "
                + "lint.check_files", lint.getMessage());
    }
}

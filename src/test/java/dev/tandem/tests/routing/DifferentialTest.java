package dev.tandem.tests.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.Session;
import dev.tandem.Tandem;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The shared differential harness: for every kernel Tandem knows, every available backend
 * gets the same inputs (fixed cases for each argument type, generated ones, and arguments of
 * the wrong type) and must give the same result or raise the same error as the Python
 * reference. A new kernel is covered as soon as it declares its argument types.
 */
class DifferentialTest {
    /** Fixed str arguments: the texts that break tokenizers and encoders. */
    static final List<String> TEXTS = List.of(
            "", "a", "hello world", "  leading and trailing  ", "\n\n\t\r\n", "1234567890 3.14159 1e-9",
            "don't won't I'm they'll we've", "naïve café résumé", "東京は日本の首都です",
            "Привет, мир", "مرحبا بالعالم", "שלום עולם", "नमस्ते दुनिया", "🙂🚀🇩🇪", "👩‍👩‍👧‍👦 family",
            "e\u0301 combining", "a\uD800b lone high", "\uDC00 lone low", "\uD83D\uDE42 paired",
            "\u0000 nul \u0000", "\uFEFF bom", "x".repeat(100_000), " ".repeat(5_000) + "end",
            "def f(x):\n    return x ** 2  # comment\n");

    static Tandem tandem;
    static Session session;

    @BeforeAll
    static void start() {
        tandem = Tandem.builder().poolSize(1).build();
        session = tandem.openSession();
        session.eval("import tandem._differential as differential");
    }

    @AfterAll
    static void stop() {
        session.close();
        tandem.close();
    }

    @TestFactory
    Stream<DynamicTest> everyKernelAgreesOnEveryBackend() {
        @SuppressWarnings("unchecked")
        List<List<Object>> signatures = (List<List<Object>>) session.eval("differential.signatures()");
        assertFalse(signatures.isEmpty(), "no kernels registered");
        return signatures.stream().map(signature -> {
            String name = (String) signature.get(0);
            @SuppressWarnings("unchecked")
            List<String> types = (List<String>) signature.get(1);
            boolean ownCases = (Boolean) signature.get(2);
            return DynamicTest.dynamicTest(name + " on " + session.eval("differential.backends('" + name + "')"), () -> {
                List<List<Object>> cases = cases(name, types, ownCases);
                Object mismatches = session.call("tandem._differential.compare", name, cases);
                assertEquals(List.of(), mismatches);
            });
        });
    }

    /**
     * Arguments of the wrong type or out of range, generated in Python from each kernel's
     * declared {@code accepts} (ints past 32 and 64 bits, bytes where str, bad list items...):
     * every backend must refuse them with the reference's exception type and message.
     */
    @TestFactory
    Stream<DynamicTest> everyKernelRefusesBadArgumentsAlike() {
        @SuppressWarnings("unchecked")
        List<List<Object>> signatures = (List<List<Object>>) session.eval("differential.signatures()");
        return signatures.stream().map(signature -> {
            String name = (String) signature.get(0);
            return DynamicTest.dynamicTest(name, () ->
                    assertEquals(List.of(), session.call("tandem._differential.compare_refusals", name)));
        });
    }

    /**
     * Each method kernels.json declares on a kernel's handle (a parsed source map's lookups),
     * called with the kernel's {@code handle_cases} on the handle every backend returns.
     */
    @TestFactory
    Stream<DynamicTest> everyHandleMethodAgreesOnEveryBackend() {
        @SuppressWarnings("unchecked")
        List<List<String>> methods = (List<List<String>>) session.eval("differential.handle_methods()");
        assertFalse(methods.isEmpty(), "no handle methods declared");
        return methods.stream().map(method -> DynamicTest.dynamicTest(method.get(0) + " handle." + method.get(1), () ->
                assertEquals(List.of(), session.call("tandem._differential.compare_handle_method", method.get(0), method.get(1)))));
    }

    /** tiktoken's Encoding and the source map index, fed one catalogue of bad arguments. */
    @org.junit.jupiter.api.Test
    void publicApisRefuseBadArgumentsAlike() {
        assertEquals(List.of(), session.call("tandem._differential.compare_api"));
    }

    /**
     * Seeded random inputs of each kind on every backend: a few seconds' worth here; set
     * TANDEM_FUZZ_CASES (cases per kind) and TANDEM_FUZZ_SEED for a longer or another run. A
     * disagreement names its seed and case; keep it as a regression case (REGRESSIONS).
     */
    @TestFactory
    Stream<DynamicTest> fuzzedInputsAgreeOnEveryBackend() {
        int cases = Integer.parseInt(System.getenv().getOrDefault("TANDEM_FUZZ_CASES", "0"));
        long seed = Long.parseLong(System.getenv().getOrDefault("TANDEM_FUZZ_SEED", "0"));
        @SuppressWarnings("unchecked")
        List<String> kinds = (List<String>) session.eval("list(differential.FUZZ_KINDS)");
        return kinds.stream().map(kind -> DynamicTest.dynamicTest(kind, () -> assertEquals(List.of(),
                session.call("tandem._differential.fuzz", kind, cases > 0 ? cases : null, seed != 0 ? seed : null))));
    }

    @org.junit.jupiter.api.Test
    void javaBackendTakesPartWhereverItExists() {
        assertTrue(session.eval("differential.backends('text.codepoints')").toString().contains("java"));
    }

    /**
     * Fixed, generated and wrongly typed argument lists for a kernel's signature. A kernel
     * that supplies its own {@code cases=} (which compare() adds) gets no generated ones here:
     * its arguments must mean something (an encoding name, a list of ids) that random values
     * would not hit. Then only the wrong-type variants are built here, from its first case.
     */
    static List<List<Object>> cases(String kernel, List<String> types, boolean ownCases) {
        if (types.isEmpty()) {
            throw new AssertionError(kernel + " declares no argument types (accepts=...): the harness cannot feed it");
        }
        List<List<Object>> cases = new ArrayList<>();
        boolean generable = !ownCases && types.stream().allMatch(type -> type.equals("str") || type.equals("int"));
        if (!generable && !ownCases) {
            throw new AssertionError(kernel + " takes " + types + ": declare cases= for the types the harness cannot generate");
        }
        for (int i = 0; generable && i < 300; i++) {
            List<Object> arguments = new ArrayList<>();
            for (String type : types) {
                arguments.add(i < fixed(type).size() ? fixed(type).get(i) : generated(type).sample());
            }
            cases.add(arguments);
        }
        List<Object> base = generable ? cases.get(1) : ownFirstCase(kernel);
        for (int position = 0; position < types.size(); position++) {
            for (Object wrong : new Object[] {null, 3.5, List.of(1)}) {
                List<Object> arguments = new ArrayList<>(base);
                arguments.set(position, wrong);
                cases.add(arguments);
            }
        }
        return cases;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> ownFirstCase(String kernel) {
        List<Object> first = (List<Object>) session.eval("list(differential.own_cases('" + kernel + "')[0])");
        return new ArrayList<>(first);
    }

    private static List<?> fixed(String type) {
        return switch (type) {
            case "str" -> TEXTS;
            case "int" -> List.of(0, 1, -1, Integer.MAX_VALUE, Long.MIN_VALUE, 1L << 40);
            default -> throw new AssertionError("the harness has no cases for argument type " + type + "; add them");
        };
    }

    private static Arbitrary<?> generated(String type) {
        return switch (type) {
            case "str" -> Arbitraries.oneOf(
                    Arbitraries.strings().all().ofMaxLength(40),
                    Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(200),
                    Arbitraries.strings().withCharRange('\u0080', '\u07FF').ofMaxLength(40));
            case "int" -> Arbitraries.longs();
            default -> throw new AssertionError("the harness has no generator for argument type " + type);
        };
    }
}

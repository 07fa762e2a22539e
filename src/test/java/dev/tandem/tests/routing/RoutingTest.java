package dev.tandem.tests.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.KernelException;
import dev.tandem.PythonException;
import dev.tandem.Tandem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routing policy from the Java builder and from Python, and user-defined Java kernels. */
class RoutingTest {
    private static final String SCORE_KERNEL = """
            import tandem
            @tandem.kernel("myapp.twice", accepts=(int,))
            def twice(n):
                return 2 * n
            """;

    @Test
    void builderPolicyAndPythonUsingPickTheBackend() {
        try (Tandem tandem = Tandem.builder().poolSize(1).backend("java").route("text.fnv1a_32", "python").build()) {
            assertEquals(List.of("java", "python", 0x811C9DC5L), tandem.eval("""
                    from tandem import text
                    value = text.fnv1a_32('')
                    text.codepoints('abc')
                    [text.codepoints.backend, text.fnv1a_32.backend, value]"""));
            assertEquals(List.of("python", "java"), tandem.eval("""
                    import tandem
                    from tandem import text
                    with tandem.using('python'):
                        text.codepoints('abc')
                        inside = text.codepoints.backend
                    text.codepoints('abc')
                    [inside, text.codepoints.backend]"""));
        }
    }

    @Test
    void aPolicyEnteredAndNeverLeftDoesNotReachTheNextCall() {
        try (Tandem tandem = Tandem.builder().poolSize(1).backend("java").build()) {
            assertEquals("python", tandem.eval("""
                    import tandem, tandem._route as route
                    tandem.using('python').__enter__()
                    route.current_policy().default"""));
            assertEquals("java", tandem.eval("import tandem._route as route\nroute.current_policy().default"));
        }
    }

    @Test
    void namingAnUnavailableBackendSaysWhyAndScriptsReadTheRoutingRules() {
        try (Tandem tandem = Tandem.builder().poolSize(1).build()) {
            PythonException error = assertThrows(PythonException.class, () -> tandem.eval(SCORE_KERNEL + """
                    with tandem.using('java'):
                        twice(2)"""));
            assertEquals("BackendUnavailable", error.pythonType());
            assertTrue(error.getMessage().contains("myapp.twice: the java backend is unavailable: "
                    + "the host has no java implementation of myapp.twice"), error.getMessage());
            // kernels.json, read through the gateway: lint.check_files's rust backend is the host's only.
            PythonException hostOnly = assertThrows(PythonException.class, () -> tandem.eval("""
                    import tandem
                    from tandem import lint
                    with tandem.using('rust'):
                        lint.check_files([], 'F', '', 88)"""));
            assertTrue(hostOnly.getMessage().contains("lint.check_files: the rust backend is unavailable: "
                    + "it opens the files itself, past a script's file access"), hostOnly::getMessage);
            assertEquals(List.of("rust", "java", "python"), tandem.eval(
                    "from tandem import _route\nlist(_route.auto_order('bpe.encode'))"));
            assertThrows(IllegalArgumentException.class, () -> Tandem.builder().backend("fortran"));
            assertThrows(IllegalArgumentException.class, () -> Tandem.builder().route("nodot", "java"));
        }
    }

    @Test
    void userDefinedJavaKernelRunsUnderTheJavaBackendAndAgreesWithThePythonOne() {
        try (Tandem tandem = Tandem.builder().poolSize(1)
                .javaKernel("myapp.twice", arguments -> 2 * ((Number) arguments[0]).longValue()).build()) {
            assertEquals(List.of(42L, "java", 42L, "python"), tandem.eval(SCORE_KERNEL + """
                    with tandem.using('java'):
                        on_java = twice(21)
                        java_backend = twice.backend
                    with tandem.using('python'):
                        on_python = twice(21)
                    [on_java, java_backend, on_python, twice.backend]"""));
        }
    }

    @Test
    void aJavaKernelsErrorIsAKernelErrorTheSandboxedScriptCanCatch() {
        // Java exceptions reach GraalPy as polyglot.ForeignException, a BaseException: the
        // routing layer must turn them into exceptions `except Exception` catches.
        try (Tandem tandem = Tandem.builder().poolSize(1)
                .javaKernel("myapp.parse", arguments -> {
                    String text = (String) arguments[0];
                    if (text.isEmpty()) {
                        throw new KernelException("myapp.parse", "the text is empty"); // message: "myapp.parse: the text is empty"
                    }
                    return text.length();
                }).build()) {
            assertEquals(List.of("KernelError: myapp.parse: the text is empty", "KernelError: myapp.parse: the text is empty"),
                    tandem.eval("""
                    import tandem
                    @tandem.kernel('myapp.parse', accepts=(str,))
                    def parse(text):
                        if not text:
                            raise tandem.KernelError('myapp.parse: the text is empty')
                        return len(text)
                    caught = []
                    for backend in ('java', 'python'):
                        with tandem.using(backend):
                            try:
                                parse('')
                            except Exception as error:
                                caught.append(f'{type(error).__name__}: {error}')
                    caught"""));
        }
    }

    @Test
    void autoChoosesByCalibrationNotByAFixedOrder(@TempDir Path dir) throws IOException {
        String pick = """
                import tandem
                from tandem import text
                with tandem.using('auto'):
                    text.fnv1a_32('abc')
                    chosen = text.fnv1a_32.backend
                chosen""";
        List<String> chosen = new ArrayList<>();
        for (String figures : List.of("python=10.0,java=5000.0,rust=6000.0", "python=5000.0,java=10.0,rust=6000.0",
                "python=5000.0,java=6000.0,rust=10.0")) {
            Path file = Files.writeString(dir.resolve("calibration.properties"), "text.fnv1a_32=" + figures + "\n");
            try (Tandem tandem = Tandem.builder().poolSize(1).calibrationFile(file).build()) {
                chosen.add((String) tandem.eval(pick));
            }
        }
        assertEquals(List.of("python", "java", "rust"), chosen);
    }

    @Test
    void calibrationMeasuresEveryAvailableBackend() {
        try (Tandem tandem = Tandem.builder().poolSize(1).build()) {
            Object timings = tandem.eval("""
                    import tandem._route as route
                    timings = route.calibrate(route.get('text.codepoints'), 0.05)
                    sorted(timings)""");
            assertTrue(((List<?>) timings).containsAll(List.of("java", "python")), timings::toString);
        }
    }
}

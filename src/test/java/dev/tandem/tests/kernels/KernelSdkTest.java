package dev.tandem.tests.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.Tandem;
import dev.tandem.ffi.KernelLibrary;
import dev.tandem.ffi.LibraryKernel;
import dev.tandem.route.UserKernels;
import dev.tandem.tests.testing.TandemProcess;
import dev.tandem.tests.testing.TandemProcess.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * User kernels found without glue: a Rust library built with tandem-kernel (the fault fixture
 * src/test/rust/kernel-faults, built once for the class), a jar of {@code @Kernel} methods, and
 * the errors for a kernel that panics or returns invalid UTF-8, a freed handle, a library with
 * no manifest or an older ABI (src/test/rust/kernel-old-abi) and a kernel name two libraries export.
 */
class KernelSdkTest {
    /** The fixture's references, as a script declares them. */
    private static final String REFERENCES = """
            import tandem
            @tandem.kernel('faults.add', accepts=(int, int))
            def add(a, b): return a + b
            @tandem.kernel('faults.join')
            def join(words, separator, counts): return f'{words}{separator}{sum(counts)}'
            @tandem.kernel('faults.explode', accepts=(str,))
            def explode(message): raise tandem.KernelError('faults.explode: ' + message)
            @tandem.kernel('faults.counter')
            def counter(start): return [start]
            @tandem.kernel('faults.bump')
            def bump(counter): counter[0] += 1; return counter[0]
            @tandem.kernel('faults.live_handles')
            def live_handles(): return 0
            @tandem.kernel('faults.bad_utf8')
            def bad_utf8(): return 'a'
            def error(call):
                try:
                    call()
                except tandem.KernelError as failure:
                    return str(failure)
                return 'no error'
            """;

    private static Path faults;
    private static Path oldAbi;
    /** One Tandem with the fixture's kernels for the tests that call them: a context costs seconds. */
    private static Tandem withFaults;

    @BeforeAll
    static void buildTheFixtures() throws IOException, InterruptedException {
        faults = build("kernel-faults");
        oldAbi = build("kernel-old-abi");
        withFaults = Tandem.builder().poolSize(1).backend("rust").kernels(faults).build();
    }

    /** Builds the crate src/test/rust/NAME into target/native (sharing the SDK's compiled crates); its library. */
    private static Path build(String name) throws IOException, InterruptedException {
        Path home = TandemProcess.home();
        Process cargo;
        try {
            cargo = new ProcessBuilder("cargo", "build", "--release", "--quiet",
                    "--manifest-path", home.resolve("src/test/rust/" + name + "/Cargo.toml").toString(),
                    "--target-dir", home.resolve("target/native").toString()).redirectErrorStream(true).start();
        } catch (IOException noCargo) {
            return Assumptions.abort("cargo is not installed: " + noCargo.getMessage());
        }
        String output = new String(cargo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(cargo.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, cargo.exitValue(), output);
        return home.resolve("target/native/release/lib" + name.replace('-', '_') + ".so");
    }

    @AfterAll
    static void close() {
        if (withFaults != null) {
            withFaults.close();
        }
    }

    @Test
    void rustKernelsAreFoundByTheManifestAndFailWithClearErrors() {
        assertEquals(List.of(5L, "rust", "a-6", "a+49995000",
                "faults.join: no words",
                "faults.explode: the kernel panicked: boom at src/lib.rs:21",
                "faults.bad_utf8: returned a str that is not valid UTF-8",
                "faults.join: argument 1 must be None or a str, not Integer"),
                withFaults.eval(REFERENCES + """
                [add(2, 3), add.backend, join('a', '-', [1, 2, 3]), join('a', '+', list(range(10000))),
                 error(lambda: join(None, '-', [])),
                 error(lambda: explode('boom')),
                 error(bad_utf8),
                 error(lambda: join(1, '-', []))]"""));
    }

    @Test
    void stubsGiveEachKernelItsRustNamesAndPythonTypes() {
        Map<String, String> stubs = KernelLibrary.load(faults).kernels().stream()
                .collect(Collectors.toMap(LibraryKernel::name, LibraryKernel::stub));
        assertEquals("""
                def add(a: int, b: int) -> int:
                    \"""`a + b`.\"""
                    ...
                """, stubs.get("faults.add"));
        assertEquals("def join(words: str | None, separator: str, counts: Sequence[int]) -> str: ...\n",
                stubs.get("faults.join"));
        assertEquals("def counter(start: int) -> KernelHandle: ...\n", stubs.get("faults.counter"));
        assertEquals("def bad_utf8() -> str: ...\n", stubs.get("faults.bad_utf8"));
    }

    @Test
    void aCratesLibraryIsFoundInItsWorkspaceOrUnderCargoTargetDir(@TempDir Path directory) throws IOException {
        Path workspace = Files.createDirectories(directory.resolve("ws"));
        Files.writeString(workspace.resolve("Cargo.toml"), "[workspace]\nmembers = [\"scores\"]\n");
        Path crate = Files.createDirectories(workspace.resolve("scores"));
        Files.writeString(crate.resolve("Cargo.toml"), "[package]\nname = \"my-scores\"\n");
        IllegalArgumentException unbuilt = assertThrows(IllegalArgumentException.class, () -> UserKernels.builtLibrary(crate, null));
        assertEquals("the crate at " + crate + " is not built (no " + crate.resolve("target/release/libmy_scores.so") + " or "
                + workspace.resolve("target/release/libmy_scores.so") + "): run tandem kernel build " + crate, unbuilt.getMessage());

        Path inWorkspace = Files.createDirectories(workspace.resolve("target/release")).resolve("libmy_scores.so");
        Files.copy(faults, inWorkspace);
        assertEquals(inWorkspace, UserKernels.builtLibrary(crate, null));
        Path elsewhere = Files.createDirectories(directory.resolve("cargo-target/release")).resolve("libmy_scores.so");
        Files.copy(faults, elsewhere);
        assertEquals(elsewhere, UserKernels.builtLibrary(crate, directory.resolve("cargo-target")));
    }

    @Test
    void aHandleLivesUntilClosedAndIsAnErrorAfter() {
        Object results = withFaults.eval(REFERENCES + """
                made = counter(40)
                first, second = bump(made), bump(made)
                made.close()
                [first, second, error(lambda: bump(made))]""");
        assertTrue(results instanceof List<?> list && list.size() == 3, String.valueOf(results));
        List<?> list = (List<?>) results;
        assertEquals(List.of(41L, 42L), list.subList(0, 2));
        assertTrue(String.valueOf(list.get(2)).matches("faults.bump: argument 1: handle \\d+ was already freed, or never made"),
                String.valueOf(list.get(2)));
    }

    @Test
    void handlesPythonDropsAreFreedInTheLibrary() throws InterruptedException {
        long before = (Long) withFaults.eval(REFERENCES + "live_handles()");
        assertEquals(before + 200, withFaults.eval(REFERENCES + """
                made = [counter(i) for i in range(200)]
                live_handles()"""));
        // The call's namespace is gone; once the GC sees the handles unreachable, the cleaner frees them.
        long live = before + 200;
        for (int i = 0; i < 100 && live > before; i++) {
            System.gc();
            Thread.sleep(50);
            live = (Long) withFaults.eval(REFERENCES + "live_handles()");
        }
        assertTrue(live <= before, live + " handles alive, " + before + " before the 200 made and dropped");
    }

    @Test
    void aLibraryWithoutManifestOfAnotherAbiOrTwoLibrariesWithOneKernelAreRefused(@TempDir Path directory)
            throws IOException {
        Path plain = Path.of(System.getProperty("java.home"), "lib", "libjava.so"); // any library not built with the SDK
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Tandem.builder().kernels(plain));
        assertTrue(missing.getMessage().contains("has no kernel manifest (no symbol tandem_kernel_manifest)"),
                missing.getMessage());
        Path builtin = TandemProcess.home().resolve("target/native/release/libtandem_native.so");
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Tandem.builder().kernels(builtin));
        assertEquals(builtin + " exports no kernels: mark its functions #[tandem_kernel::kernel(\"area.name\")]",
                empty.getMessage());

        IllegalArgumentException old = assertThrows(IllegalArgumentException.class, () -> Tandem.builder().kernels(oldAbi));
        assertEquals(oldAbi + " was built for kernel ABI 0, this Tandem reads ABI 1: rebuild it against this Tandem's "
                + "native/kernel (tandem kernel build)", old.getMessage());

        Path copy = Files.copy(faults, directory.resolve("libcopy.so"));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> Tandem.builder().kernels(faults).kernels(copy));
        assertEquals("two rust implementations of faults.add: in " + faults + " and in " + copy, twice.getMessage());
    }

    @Test
    void javaKernelsAreFoundInAJarByTheirAnnotation(@TempDir Path directory) throws IOException {
        Path source = Files.writeString(directory.resolve("Shout.java"), """
                package shop;
                public final class Shout {
                    @dev.tandem.Kernel("shop.shout")
                    public static String shout(String word) { return word.toUpperCase() + "!"; }
                }
                """);
        Path classes = Files.createDirectories(directory.resolve("classes"));
        Result compiled = TandemProcess.command(directory, Map.of(), Duration.ofMinutes(2),
                Path.of(System.getProperty("java.home"), "bin", "javac").toString(), "-d", classes.toString(),
                "--module-path", TandemProcess.home().resolve("target/classes").toString(),
                "--add-modules", "dev.tandem", source.toString());
        assertEquals(0, compiled.exitCode(), compiled::toString);
        Path jar = directory.resolve("shop.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("shop/Shout.class"));
            out.write(Files.readAllBytes(classes.resolve("shop/Shout.class")));
        }
        try (Tandem tandem = Tandem.builder().poolSize(1).backend("java").kernels(jar).build()) {
            assertEquals(List.of("HI!", "java"), tandem.eval("""
                    import tandem
                    @tandem.kernel('shop.shout', accepts=(str,))
                    def shout(word): return word.upper() + '!'
                    [shout('hi'), shout.backend]"""));
        }
    }

    @Test
    void kernelNewMakesACrateWhosePythonTestRunsOnCPython(@TempDir Path directory) throws IOException, InterruptedException {
        Result made = TandemProcess.command(directory, Map.of(), Duration.ofMinutes(2),
                TandemProcess.home().resolve("tandem").toString(), "kernel", "new", "wordy");
        assertEquals(0, made.exitCode(), made::toString);
        Path crate = directory.resolve("wordy");
        String manifest = Files.readString(crate.resolve("Cargo.toml"));
        assertTrue(manifest.contains("tandem-kernel = { path = \"" + TandemProcess.home().resolve("native/kernel") + "\" }"),
                manifest);
        assertTrue(Files.readString(crate.resolve("src/lib.rs")).contains("#[kernel(\"wordy.words\")]"));
        ProcessBuilder python = new ProcessBuilder("python3", "test_wordy.py").directory(crate.toFile()).redirectErrorStream(true);
        python.environment().put("PYTHONPATH", TandemProcess.home().resolve("python").toString());
        Process process = python.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals("ok: python\n", output);

        Result again = TandemProcess.command(directory, Map.of(), Duration.ofMinutes(2),
                TandemProcess.home().resolve("tandem").toString(), "kernel", "new", "wordy");
        assertEquals(2, again.exitCode(), again::toString);
        assertTrue(again.stderr().contains("exists already"), again::toString);
    }
}

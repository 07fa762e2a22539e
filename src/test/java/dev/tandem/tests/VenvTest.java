package dev.tandem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.PythonException;
import dev.tandem.Tandem;
import dev.tandem.tests.testing.ResidentProcesses;
import dev.tandem.tests.testing.TandemProcess;
import dev.tandem.tests.testing.TandemProcess.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A virtual environment made by {@code tandem -m venv}, a package pip installs into it from a
 * wheel built here (no network), and that package imported from the environment's python,
 * its console script, {@code tandem run --venv} and the embedding API's sandbox.
 */
class VenvTest {
    // pip runs cold (a fresh JVM and context): minutes on a loaded 2-core machine.
    private static final Duration LIMIT = Duration.ofMinutes(20);

    @TempDir
    static Path dir;
    static Path env;

    private static Result tandem(Map<String, String> environment, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = TandemProcess.home().resolve("tandem").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        return TandemProcess.command(dir, environment, LIMIT, command);
    }

    @BeforeAll
    static void createTheEnvironmentAndInstallTheWheel() throws IOException {
        env = dir.resolve("env");
        Result created = tandem(Map.of(), "-m", "venv", "--without-pip", env.toString());
        assertEquals(0, created.exitCode(), created::toString);
        Path wheel = probeWheel(dir);
        // The pip GraalPy bundles, run in the environment's python straight from its wheel
        // (what ensurepip installs as bin/pip): one process instead of two.
        Result installed = TandemProcess.command(dir, Map.of(), LIMIT, env.resolve("bin/python").toString(), "-c", """
                import glob, os, sys, ensurepip
                sys.path.insert(0, glob.glob(os.path.join(os.path.dirname(ensurepip.__file__), "_bundled", "pip-*.whl"))[0])
                from pip._internal.cli.main import main
                status = main(["install", "--no-index", "--no-cache-dir", sys.argv[1]])
                import importlib; importlib.invalidate_caches()
                import tandem_probe
                print(status, os.path.samefile(sys.prefix, sys.argv[2]), tandem_probe.hello())
                """, wheel.toString(), env.toString());
        assertEquals(0, installed.exitCode(), installed::toString);
        assertTrue(installed.stdout().strip().endsWith("0 True probe says hi"), installed::toString);
    }

    @Test
    void theEnvironmentLinksItsPythonToTandemAndKeepsPipOnPyPI() throws IOException {
        for (String name : new String[] {"python", "python3", "tandem-python"}) {
            assertTrue(Files.isExecutable(env.resolve("bin").resolve(name)), name);
        }
        String config = Files.readString(env.resolve("pyvenv.cfg"));
        assertTrue(config.contains("home = " + TandemProcess.home().resolve("bin")), config);
        assertTrue(Files.readString(env.resolve("pip.conf")).contains("\nextra-index-url = https://pypi.org/simple\n"));
        assertTrue(Files.isRegularFile(env.resolve("bin/activate")));
    }

    @Test
    void consoleScriptsAndTandemRunUseTheEnvironment() throws IOException {
        Result script = TandemProcess.command(dir, Map.of(), LIMIT, env.resolve("bin/tandem-probe").toString(), "x");
        assertEquals(0, script.exitCode(), script::toString);
        assertEquals("probe-cli " + env.resolve("bin") + " ['x']", script.stdout().strip(), script::toString);

        Path user = Files.writeString(dir.resolve("user.py"), """
                import sys, tandem_probe
                from tandem import text
                print(tandem_probe.hello(), sys.prefix, text.codepoints("ab"))
                """);
        Result run = tandem(Map.of("VIRTUAL_ENV", env.toString()), "run", user.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("probe says hi " + env + " [97, 98]", run.stdout().strip(), run::toString);
    }

    @Test
    void theEnvironmentsPythonRunsOnTheResidentProcess() throws IOException {
        Assumptions.assumeTrue(ResidentProcesses.clientBuilt(), "tandem-client was not built (no cargo)");
        Map<String, String> resident = new LinkedHashMap<>(ResidentProcesses.environment(ResidentProcesses.newDirectory()));
        resident.put("TANDEM_DAEMON", "1");
        Files.writeString(dir.resolve("where.py"), """
                import os, sys, tandem_probe
                print(os.getpid(), sys.executable, sys.argv, tandem_probe.hello(), os.getcwd())
                """);
        Path python = env.resolve("bin/python");
        Result first = TandemProcess.command(dir, resident, LIMIT, python.toString(), "where.py", "a b");
        Result second = TandemProcess.command(dir, resident, LIMIT, python.toString(), "-B", "where.py", "c");
        assertEquals(0, first.exitCode(), first::toString);
        assertEquals(0, second.exitCode(), second::toString);
        String[] one = first.stdout().strip().split(" ", 2);
        String[] two = second.stdout().strip().split(" ", 2);
        // The same process answered both: the resident one, not a JVM per command.
        assertEquals(one[0], two[0], () -> first + "\n" + second);
        assertEquals(python + " ['where.py', 'a b'] probe says hi " + dir, one[1], first::toString);
        assertEquals(python + " ['where.py', 'c'] probe says hi " + dir, two[1], second::toString);

        Result missing = TandemProcess.command(dir, resident, LIMIT, python.toString(), "nowhere.py");
        assertEquals(2, missing.exitCode(), missing::toString);
        assertEquals(python + ": can't open file '" + dir.resolve("nowhere.py") + "': [Errno 2] No such file or directory",
                missing.stderr().strip(), missing::toString);

        // A context prepared before a package was installed is not used after it: a .pth file
        // (as an editable install writes) is read only when a context starts.
        Path extra = Files.createDirectories(dir.resolve("extra"));
        Files.writeString(extra.resolve("tandem_added.py"), "WHERE = 'added by a .pth file'\n");
        Path pth;
        try (var lib = Files.list(env.resolve("lib"))) {
            pth = lib.findFirst().orElseThrow().resolve("site-packages").resolve("tandem_extra.pth");
        }
        Files.writeString(pth, extra + "\n");
        try {
            Result added = TandemProcess.command(dir, resident, LIMIT, python.toString(), "-c",
                    "import tandem_added; print(tandem_added.WHERE)");
            assertEquals("added by a .pth file", added.stdout().strip(), added::toString);
        } finally {
            Files.delete(pth); // the other tests' environment stays as made
        }
    }

    @Test
    void badEnvironmentsAndTargetsAreOneLineErrors() throws IOException {
        Result notEnv = tandem(Map.of(), "run", "--venv", dir.toString(), "-");
        assertEquals(2, notEnv.exitCode(), notEnv::toString);
        assertEquals("tandem run: --venv: " + dir + " is not a virtual environment: it has no pyvenv.cfg"
                + " (create one with tandem -m venv " + dir + ")", notEnv.stderr().strip(), notEnv::toString);

        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "mine");
        Result notEmpty = tandem(Map.of(), "-m", "venv", full.toString());
        assertEquals(1, notEmpty.exitCode(), notEmpty::toString);
        assertEquals("tandem -m venv: " + full + " is not empty and not a virtual environment; choose a new"
                + " directory (or pass --clear to empty this one)", notEmpty.stderr().strip(), notEmpty::toString);
        assertEquals("mine", Files.readString(full.resolve("keep.txt")));
    }

    @Test
    void embeddedScriptsImportThePackagesAndMayReadNothingElse() {
        try (Tandem tandem = Tandem.builder().venv(env).build()) {
            assertEquals("probe says hi", tandem.eval("import tandem_probe\ntandem_probe.hello()"));
            PythonException outside = assertThrows(PythonException.class, () -> tandem.eval("open('/etc/hostname')"));
            assertTrue(outside.getMessage().contains("PermissionError"), outside::getMessage);
            PythonException write = assertThrows(PythonException.class, () -> tandem.eval(
                    "import tandem_probe, os\nopen(os.path.join(os.path.dirname(tandem_probe.__file__), 'w.py'), 'w')"));
            assertTrue(write.getMessage().contains("PermissionError"), write::getMessage);
        }
        IllegalArgumentException cpython = assertThrows(IllegalArgumentException.class,
                () -> Tandem.builder().venv(dir.resolve("nowhere")).build());
        assertTrue(cpython.getMessage().contains("is not a directory"), cpython::getMessage);
    }

    /** A pure-Python wheel with a module and a console script, as a build backend would write it. */
    private static Path probeWheel(Path directory) throws IOException {
        String info = "tandem_probe-1.0.dist-info/";
        Map<String, String> files = new LinkedHashMap<>();
        files.put("tandem_probe/__init__.py", "def hello():\n    return 'probe says hi'\n");
        files.put("tandem_probe/cli.py", "import os, sys\n\ndef main():\n"
                + "    print('probe-cli', os.path.dirname(sys.executable), sys.argv[1:])\n");
        files.put(info + "METADATA", "Metadata-Version: 2.1\nName: tandem_probe\nVersion: 1.0\n");
        files.put(info + "WHEEL", "Wheel-Version: 1.0\nGenerator: VenvTest\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
        files.put(info + "entry_points.txt", "[console_scripts]\ntandem-probe = tandem_probe.cli:main\n");
        StringBuilder record = new StringBuilder();
        for (Map.Entry<String, String> file : files.entrySet()) {
            byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
            record.append(file.getKey()).append(",sha256=").append(sha256(bytes)).append(',').append(bytes.length)
                    .append('\n');
        }
        files.put(info + "RECORD", record.append(info).append("RECORD,,\n").toString());
        Path wheel = directory.resolve("tandem_probe-1.0-py3-none-any.whl");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(wheel))) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return wheel;
    }

    private static String sha256(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new AssertionError(impossible);
        }
    }
}

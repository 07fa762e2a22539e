package dev.tandem.tests.bpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.kernels.bpe.Encodings;
import dev.tandem.tests.testing.TandemProcess;
import dev.tandem.tests.testing.TandemProcess.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `tandem tokenize`, and the tiktoken example script inside Tandem next to the real tiktoken. */
class TokenizerCliTest {
    static final String TEXT = "Tandem runs Python on the JVM: naïve café, 東京, 🙂👩‍👩‍👧, 1234567 <|endoftext|>\n"
            + "def f(x):\n    return x ** 2  # comment\n";

    @TempDir
    Path dir;

    @Test
    void tokenizeGivesTheIdsOfTheJavaApiOnEitherBackend() throws IOException {
        Path file = Files.writeString(dir.resolve("text.txt"), TEXT);
        String expected = ids(Encodings.get("cl100k_base").encodeOrdinary(TEXT));
        for (String backend : List.of("java", "rust")) {
            Result result = TandemProcess.cli("tokenize", "--backend", backend, file.toString());
            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(expected, result.stdout().strip(), backend);
        }
        Result special = TandemProcess.cli(TEXT, Map.of(), "tokenize", "--special", "-e", "o200k_base");
        assertEquals(ids(Encodings.get("o200k_base").encodeAllowingAll(TEXT)), special.stdout().strip(), special::toString);
        Result count = TandemProcess.cli(TEXT, Map.of(), "tokenize", "--count", "-e", "r50k_base", "-");
        assertEquals(String.valueOf(Encodings.get("r50k_base").encodeOrdinary(TEXT).length), count.stdout().strip());
    }

    @Test
    void badInputIsAClearErrorWithExitStatusTwo() throws IOException {
        Path file = dir.resolve("latin1.txt");
        Files.write(file, "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        Result notUtf8 = TandemProcess.cli("tokenize", file.toString());
        assertEquals(2, notUtf8.exitCode(), notUtf8::toString);
        assertTrue(notUtf8.stderr().contains("is not UTF-8: malformed byte sequence at byte offset 3"), notUtf8::toString);
        Result unknown = TandemProcess.cli(TEXT, Map.of(), "tokenize", "-e", "gpt5_base");
        assertEquals(2, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.stderr().contains("unknown encoding 'gpt5_base'; known: r50k_base"), unknown::toString);
        Result missing = TandemProcess.cli("tokenize", dir.resolve("nope.txt").toString());
        assertEquals(2, missing.exitCode(), missing::toString);
        assertTrue(missing.stderr().contains("no such file"), missing::toString);
        Result python = TandemProcess.cli(TEXT, Map.of(), "tokenize", "--count", "--backend", "python", "-");
        assertEquals(2, python.exitCode(), python::toString);
        assertTrue(python.stderr().contains("tandem tokenize: bpe.count: the python backend is unavailable: "
                + "tandem tokenize starts no Python"), python::toString);
    }

    @Test
    void theTiktokenExamplePrintsWhatTheRealTiktokenPrints() throws IOException, InterruptedException {
        Path file = Files.writeString(dir.resolve("sample.txt"), TEXT.replace("<|endoftext|>", "<|endoftext|> x"));
        String real = realTiktoken("examples/tokenizer/count_tokens.py", file.toString());
        assertTrue(real.startsWith("gpt-4o: o200k_base, "), real);
        for (String backend : List.of("java", "rust")) {
            Result tandem = TandemProcess.cli("run", "--backend", backend, "examples/tokenizer/count_tokens.py", file.toString());
            assertEquals(0, tandem.exitCode(), tandem::toString);
            assertEquals(real, tandem.stdout(), backend);
        }
    }

    /** Runs a script on CPython in scripts/peers.sh's venv, where `import tiktoken` is tiktoken itself. */
    private static String realTiktoken(String script, String... arguments) throws IOException, InterruptedException {
        Path home = TandemProcess.home();
        Path python = home.resolve("target/peers-venv/bin/python");
        assertTrue(Files.isExecutable(python), "no " + python + ": run scripts/peers.sh (./check does)");
        List<String> command = new java.util.ArrayList<>(List.of(python.toString(), script));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().put("TIKTOKEN_CACHE_DIR", home.resolve("target/tiktoken-cache").toString());
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    private static String ids(int[] ids) {
        return Arrays.stream(ids).mapToObj(String::valueOf).collect(Collectors.joining(" "));
    }
}

package dev.tandem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.ScriptTimeoutException;
import dev.tandem.Tandem;
import dev.tandem.kernels.bpe.BpeJava;
import dev.tandem.kernels.bpe.BpeRust;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The embedding timeout holds while the script waits in a long kernel call: Truffle cancels
 * only at guest safepoints, so the call itself must notice its deadline.
 */
class KernelTimeoutTest {
    private static final Duration TIMEOUT = Duration.ofMillis(1500);
    /**
     * Ten seconds or more of BPE merging on either backend: one piece of 30 million letters. The
     * text comes from Java, since building it in the script would take GraalPy's interpreter
     * longer than the timeout, which Truffle cancels without help.
     */
    private static final String LONG_PIECE = "a".repeat(30_000_000);

    @ParameterizedTest
    @ValueSource(strings = {"rust", "java"})
    void aLongKernelCallEndsAtTheTimeout(String backend) {
        // Load the encoding and import its module outside the deadline: the call under test is
        // the merging alone.
        long warm = backend.equals("rust") ? new BpeRust().count("cl100k_base", "warm", List.of())
                : new BpeJava().count("cl100k_base", "warm", List.of());
        assertEquals(1, warm);
        try (Tandem limited = Tandem.builder().poolSize(1).prewarm(1).preimport("tandem.bpe")
                .backend(backend).timeout(TIMEOUT).build()) {
            long start = System.nanoTime();
            assertThrows(ScriptTimeoutException.class,
                    () -> limited.call("tandem.bpe", "encode_ordinary", "cl100k_base", LONG_PIECE));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            // Generous for a shared, loaded machine (the java backend took 6.9 s at a load average
            // of 6): without the kernel noticing, it is minutes.
            assertTrue(took.compareTo(TIMEOUT.plusSeconds(15)) < 0, backend + ": the call ended after " + took.toMillis()
                    + " ms, its timeout is " + TIMEOUT.toMillis() + " ms");
            assertEquals(3L, limited.eval("1 + 2"), "the instance stays usable");
        }
    }
}

package dev.tandem.tests.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.KernelException;
import dev.tandem.ffi.Cancellation;
import dev.tandem.ffi.Downcall;
import dev.tandem.kernels.bpe.Encoding;
import dev.tandem.kernels.bpe.Encodings;
import dev.tandem.kernels.bpe.RustEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Long Rust BPE calls (megabytes of one letter, seconds of merging) leave the JVM running and
 * stop soon after their {@link Cancellation} is set.
 */
class RustEncoderLongCallTest {
    /** One piece of this many letters keeps the Rust merger busy for over a second (4M: ~0.8 s, idle). */
    private static final int LONG_PIECE = 16_000_000;

    @Test
    void anAllocatingThreadIsNotStalledByALongCall() throws Exception {
        try (RustEncoder encoder = BpeEncodings.load("cl100k_base")) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong longestGap = new AtomicLong();
            Thread allocator = Thread.ofPlatform().start(() -> {
                long last = System.nanoTime();
                while (running.get()) {
                    byte[][] garbage = new byte[64][];
                    for (int i = 0; i < garbage.length; i++) {
                        garbage[i] = new byte[64 * 1024]; // young collections every few milliseconds
                    }
                    long now = System.nanoTime();
                    longestGap.accumulateAndGet(now - last, Math::max);
                    last = now;
                }
            });
            // The piece doubles until one call lasts a second, however fast the machine.
            long count = 0;
            long took = 0;
            for (int letters = LONG_PIECE / 4; letters <= 4 * LONG_PIECE && took < TimeUnit.SECONDS.toNanos(1);
                    letters *= 2) {
                String text = "a".repeat(letters);
                longestGap.set(0);
                long start = System.nanoTime();
                count = encoder.count(text, 0);
                took = System.nanoTime() - start;
            }
            running.set(false);
            allocator.join();
            assertTrue(count > 0);
            assertTrue(took > TimeUnit.SECONDS.toNanos(1), "the call must be long for this test to mean anything: "
                    + took / 1_000_000 + " ms");
            // A critical call of that length held every allocating thread for all of it.
            assertTrue(longestGap.get() < took / 3, "the allocating thread stalled for " + longestGap.get() / 1_000_000
                    + " ms of the call's " + took / 1_000_000 + " ms");
        }
    }

    @Test
    void aSetCancellationStopsCountEncodeAndBatchWithinMilliseconds() throws Exception {
        try (RustEncoder encoder = BpeEncodings.load("cl100k_base")) {
            String text = "a".repeat(LONG_PIECE);
            for (String kernel : new String[] {"count", "encode", "batch"}) {
                Cancellation cancellation = Cancellation.begin();
                try {
                    Thread.ofPlatform().start(() -> {
                        sleep(Duration.ofMillis(300));
                        cancellation.cancel();
                    });
                    long start = System.nanoTime();
                    KernelException e = assertThrows(KernelException.class, () -> {
                        switch (kernel) {
                            case "count" -> encoder.count(text, 0);
                            case "encode" -> encoder.encode(text, 0);
                            default -> encoder.encodeBatch(new String[] {"b", text}, 0, 2);
                        }
                    }, kernel);
                    long took = System.nanoTime() - start;
                    assertTrue(e.getMessage().endsWith("cancelled: the call's deadline passed"), e.getMessage());
                    assertTrue(took < TimeUnit.MILLISECONDS.toNanos(1300), kernel + " took " + took / 1_000_000 + " ms");
                } finally {
                    cancellation.end();
                }
            }
            assertEquals(2, encoder.count("hello world", 0), "a later call is not cancelled");
        }
    }

    @Test
    void inputsAboveTheCriticalCapGiveTheJavaBackendsAnswers() {
        StringBuilder mixed = new StringBuilder();
        for (int i = 0; mixed.length() < 3 * Downcall.CRITICAL_BYTES; i++) {
            mixed.append("Line ").append(i).append(": naïve café, 日本語 😀 ").append("x".repeat(i % 300)).append('\n');
        }
        String text = mixed.toString();
        Encoding java = Encodings.get("cl100k_base");
        try (RustEncoder encoder = BpeEncodings.load("cl100k_base")) {
            int[] ids = encoder.encode(text, 0);
            assertArrayEquals(java.encodeOrdinary(text), ids);
            assertEquals(ids.length, encoder.count(text, 0));
            assertTrue((long) ids.length * Integer.BYTES > Downcall.CRITICAL_BYTES, "decode must take the large path");
            assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), encoder.decodeBytes(ids));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

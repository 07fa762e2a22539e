package dev.tandem.tests;

import dev.tandem.PoolExhaustedException;
import dev.tandem.Tandem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The context pool under concurrent use. */
class PoolTest {
    @Test
    void eightThreadsTimesFiftyCallsAllGetTheirOwnResults() throws Exception {
        try (Tandem tandem = Tandem.builder().poolSize(3).prewarm(3).build();
             ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(threads.submit(() -> {
                    List<String> mismatches = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        String expected = thread + ":" + i + ":" + (thread * 1000 + i) * 2;
                        String actual = tandem.eval("marker = " + (thread * 1000 + i) + "\n"
                                + "f'" + thread + ":" + i + ":{marker * 2}'", String.class);
                        if (!expected.equals(actual)) {
                            mismatches.add(expected + " != " + actual);
                        }
                    }
                    return mismatches;
                }));
            }
            for (Future<List<String>> future : futures) {
                assertEquals(List.of(), future.get());
            }
        }
    }

    @Test
    void anExhaustedPoolFailsClearlyAndRecovers() throws Exception {
        try (Tandem tandem = Tandem.builder().poolSize(1).acquireTimeout(Duration.ofMillis(300)).build();
             ExecutorService thread = Executors.newSingleThreadExecutor()) {
            Future<Object> slow = thread.submit(() -> tandem.eval("import time\ntime.sleep(4)\n'done'"));
            Thread.sleep(1000);
            PoolExhaustedException busy = assertThrows(PoolExhaustedException.class, () -> tandem.eval("1"));
            assertTrue(busy.getMessage().contains("all 1 Python contexts stayed busy"), busy.getMessage());
            assertEquals("done", slow.get());
            assertEquals(1L, tandem.eval("1"));
        }
    }
}

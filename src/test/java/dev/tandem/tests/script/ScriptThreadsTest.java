package dev.tandem.tests.script;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.script.Bindings;
import javax.script.Compilable;
import javax.script.CompiledScript;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import org.junit.jupiter.api.Test;

/** THREADING is MULTITHREADED: one engine, many threads, each evaluation with its own bindings. */
class ScriptThreadsTest {
    @Test
    void eightThreadsTimesFiftyEvaluationsOnOneEngine() throws Exception {
        ScriptEngine engine = new ScriptEngineManager().getEngineByName("python");
        CompiledScript script = ((Compilable) engine).compile("""
                doubled = marker * 2
                f'{thread}:{i}:{doubled}'
                """);
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(threads.submit(() -> {
                    List<String> mismatches = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        Bindings bindings = engine.createBindings();
                        bindings.put("thread", thread);
                        bindings.put("i", i);
                        bindings.put("marker", thread * 1000 + i);
                        Object value = i % 2 == 0 ? script.eval(bindings)
                                : engine.eval("doubled = marker * 2\nf'{thread}:{i}:{doubled}'", bindings);
                        String expected = thread + ":" + i + ":" + (thread * 1000 + i) * 2;
                        if (!expected.equals(value) || !Long.valueOf((thread * 1000 + i) * 2).equals(bindings.get("doubled"))) {
                            mismatches.add(expected + " != " + value + " / " + bindings.get("doubled"));
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
}

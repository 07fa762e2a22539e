import dev.tandem.PythonException;
import dev.tandem.ScriptTimeoutException;
import dev.tandem.Session;
import dev.tandem.Tandem;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The in-process half of scripts/reliability/run.py: runs Python snippets in Tandem's default
 * embedding sandbox, one per input line, and prints one result line per snippet.
 *
 * <p>Input lines: {@code CASE <id> <backend> <timeout-ms> <pool-size> <base64 code>}; a code of
 * {@code SESSION} first opens and closes a session on that instance. Output lines:
 * {@code START <id>} before a case runs, then {@code RESULT <id> <kind> <ms> <base64 detail>}
 * where kind is ok, python-error, timeout, tandem-error or host-throwable. The driver notices
 * a JVM that dies or stalls between the two lines.
 */
public final class Probe {
    private static final Map<String, Tandem> INSTANCES = new HashMap<>();

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] part = line.split(" ", 6);
            if (part.length != 6 || !part[0].equals("CASE")) {
                continue;
            }
            String id = part[1];
            String code = new String(Base64.getDecoder().decode(part[5]), StandardCharsets.UTF_8);
            emit("START " + id);
            Tandem tandem = instance(part[2], Long.parseLong(part[3]), Integer.parseInt(part[4]));
            ready(tandem);
            long start = System.nanoTime();
            String kind;
            String detail;
            try {
                if (code.startsWith("SESSION\n")) {
                    try (Session session = tandem.openSession()) {
                        session.eval("x = 1");
                    }
                    code = code.substring("SESSION\n".length());
                }
                Object value = tandem.eval(code);
                kind = "ok";
                detail = String.valueOf(value);
            } catch (PythonException failure) {
                kind = "python-error";
                detail = failure.pythonType() + ": " + failure.getMessage();
            } catch (ScriptTimeoutException timeout) {
                kind = "timeout";
                detail = String.valueOf(timeout.getMessage());
            } catch (dev.tandem.TandemException failure) {
                kind = "tandem-error";
                detail = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            } catch (Throwable failure) {
                kind = "host-throwable";
                detail = failure.getClass().getName() + ": " + failure.getMessage();
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (detail.length() > 2000) {
                detail = detail.substring(0, 2000) + "...";
            }
            emit("RESULT " + id + " " + kind + " " + millis + " "
                    + Base64.getEncoder().encodeToString(detail.getBytes(StandardCharsets.UTF_8)));
        }
        emit("AWAITING-SIGNAL");
        Thread.sleep(Duration.ofSeconds(Long.getLong("probe.linger", 0)));
        INSTANCES.values().forEach(Tandem::close);
    }

    /**
     * Waits, untimed, until the instance has a context to lend: after a timeout the pool builds
     * the cancelled context's replacement, and a case's time must not include that.
     */
    private static void ready(Tandem tandem) {
        try {
            tandem.eval("None");
        } catch (RuntimeException ignored) {
            // the case itself will meet and report whatever is wrong
        }
    }

    private static Tandem instance(String backend, long timeoutMillis, int poolSize) {
        return INSTANCES.computeIfAbsent(backend + "/" + timeoutMillis + "/" + poolSize, key -> Tandem.builder()
                .backend(backend)
                .timeout(Duration.ofMillis(timeoutMillis))
                .poolSize(poolSize)
                .build());
    }

    private static synchronized void emit(String line) {
        System.out.println(line);
        System.out.flush();
    }
}

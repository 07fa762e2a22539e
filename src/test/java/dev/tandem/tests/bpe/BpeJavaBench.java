package dev.tandem.tests.bpe;

import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.tandem.kernels.bpe.Encoding;
import dev.tandem.kernels.bpe.Encodings;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.ToIntFunction;

/**
 * Encoding throughput of the Java backend next to JTokkit's, single thread: the texts of
 * target/bpe-cases.json concatenated and repeated to a few MB, {@code encodeOrdinary} on both,
 * warm-up then the median of several runs. Also the heap a loaded encoding costs.
 *
 * <pre>
 * mvn -B -ntp -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath
 * java -cp target/test-classes:target/classes:$(cat target/test.classpath) dev.tandem.tests.bpe.BpeJavaBench
 * </pre>
 */
public final class BpeJavaBench {
    private static final int WARMUP = 10;
    private static final int RUNS = 7;

    private BpeJavaBench() {
    }

    public static void main(String[] args) throws Exception {
        for (String name : new String[] {"cl100k_base", "o200k_base"}) {
            long heap = heapOfLoading(name);
            System.out.printf("%s: loaded, heap %.1f MB%n", name, heap / 1e6);
        }
        String corpus = BpeCases.corpus(Integer.parseInt(args.length > 0 ? args[0] : "16"));
        double megabytes = corpus.getBytes(StandardCharsets.UTF_8).length / 1e6;
        System.out.printf("corpus: %.2f MB of UTF-8, %d chars%n", megabytes, corpus.length());
        EncodingRegistry registry = com.knuddels.jtokkit.Encodings.newDefaultEncodingRegistry();
        for (String name : new String[] {"cl100k_base", "o200k_base"}) {
            Encoding ours = Encodings.get(name);
            com.knuddels.jtokkit.api.Encoding theirs = registry.getEncoding(
                    name.equals("cl100k_base") ? EncodingType.CL100K_BASE : EncodingType.O200K_BASE);
            double[] seconds = medians(corpus, text -> ours.encodeOrdinary(text).length,
                    text -> theirs.encodeOrdinary(text).size());
            double oursSeconds = seconds[0];
            double theirsSeconds = seconds[1];
            int tokens = ours.encodeOrdinary(corpus).length;
            System.out.printf("%s  BpeJava %6.2f MB/s %10.0f tokens/s | JTokkit %6.2f MB/s %10.0f tokens/s | ratio %.2fx%n",
                    name, megabytes / oursSeconds, tokens / oursSeconds, megabytes / theirsSeconds,
                    tokens / theirsSeconds, theirsSeconds / oursSeconds);
        }
    }

    /**
     * The median seconds of {@code ours} and {@code theirs} on the corpus. Runs alternate, so
     * load from other processes on the machine slows both alike.
     */
    private static double[] medians(String corpus, ToIntFunction<String> ours, ToIntFunction<String> theirs) {
        for (int i = 0; i < WARMUP; i++) {
            ours.applyAsInt(corpus);
            theirs.applyAsInt(corpus);
        }
        double[] oursSeconds = new double[RUNS];
        double[] theirsSeconds = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            oursSeconds[i] = seconds(ours, corpus);
            theirsSeconds[i] = seconds(theirs, corpus);
        }
        Arrays.sort(oursSeconds);
        Arrays.sort(theirsSeconds);
        return new double[] {oursSeconds[RUNS / 2], theirsSeconds[RUNS / 2]};
    }

    private static double seconds(ToIntFunction<String> encode, String corpus) {
        long start = System.nanoTime();
        encode.applyAsInt(corpus);
        return (System.nanoTime() - start) / 1e9;
    }

    /** The retained heap after loading {@code name}: used heap after a GC, before and after. */
    private static long heapOfLoading(String name) {
        long before = usedAfterGc();
        Encodings.get(name);
        return usedAfterGc() - before;
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The JTokkit peer of the tokenizer benchmark, run as a source-file program with the JTokkit
 * jar on the class path:
 *
 * <pre>java -cp jtokkit-1.1.0.jar JtokkitPeer.java CORPUS ENCODING WARMUP_SECONDS RUNS [THREADS]</pre>
 *
 * Same protocol as tandem_bench.measure: warm-up by time, timed runs of encodeOrdinary over the
 * corpus (or over its lines on THREADS threads), one JSON line with seconds, tokens and digest.
 */
public final class JtokkitPeer {
    public static void main(String[] args) throws Exception {
        String text = Files.readString(Path.of(args[0]));
        Encoding encoding = Encodings.newDefaultEncodingRegistry()
                .getEncoding(EncodingType.fromName(args[1]).orElseThrow(() -> new IllegalArgumentException(args[1])));
        double warmup = Double.parseDouble(args[2]);
        int runs = Integer.parseInt(args[3]);
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        List<String> documents = List.of(text.split("\n", -1));
        ExecutorService pool = threads > 0 ? Executors.newFixedThreadPool(threads) : null;

        long deadline = System.nanoTime() + (long) (warmup * 1e9);
        int[] ids = run(encoding, text, documents, pool);
        while (System.nanoTime() < deadline) {
            run(encoding, text, documents, pool);
        }
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            ids = run(encoding, text, documents, pool);
            seconds.add((System.nanoTime() - start) / 1e9);
        }
        if (pool != null) {
            pool.shutdown();
        }
        System.out.println("{\"seconds\": " + seconds + ", \"tokens\": " + ids.length + ", \"digest\": \""
                + digest(ids) + "\", \"version\": \"1.1.0\"}");
    }

    private static int[] run(Encoding encoding, String text, List<String> documents, ExecutorService pool) throws Exception {
        if (pool == null) {
            return encoding.encodeOrdinary(text).toArray();
        }
        List<Future<IntArrayList>> parts = new ArrayList<>();
        for (String document : documents) {
            parts.add(pool.submit(() -> encoding.encodeOrdinary(document)));
        }
        IntArrayList all = new IntArrayList();
        for (Future<IntArrayList> part : parts) {
            IntArrayList ids = part.get();
            for (int i = 0; i < ids.size(); i++) {
                all.add(ids.get(i));
            }
        }
        return all.toArray();
    }

    /** SHA-256 of the ids as little-endian uint32, first 16 hex digits (tandem_bench.measure.digest_ints). */
    private static String digest(int[] ids) throws Exception {
        ByteBuffer bytes = ByteBuffer.allocate(ids.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asIntBuffer().put(ids);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array())).substring(0, 16);
    }
}

package dev.tandem.spark.bench;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.tandem.spark.TandemFunction;
import dev.tandem.spark.TandemUdf;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The JVM rows of {@code tandem bench --kernel spark}: the token-count job (cl100k_base
 * tokens per document, summed) on one Spark master with Tandem's UDF on the rust and the java
 * backend, and with a plain Java UDF calling JTokkit (the JVM-native reference). Each runs
 * until {@code WARMUP_ROWS} rows have passed (at least once: executors' Tandem, the JIT), then
 * {@code RUNS} times; prints one JSON line: the seconds of each timed run, per runner.
 *
 * <pre>SparkBench CORPUS MASTER UDFS_PY RUNS EXPECTED_TOKENS WARMUP_ROWS</pre>
 */
public final class SparkBench {
    private SparkBench() {}

    /** cl100k_base tokens of one text, by JTokkit; null for a null. */
    static final class JTokkitCount implements UDF1<String, Integer> {
        private static final long serialVersionUID = 1L;
        private static final Encoding CL100K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

        @Override
        public Integer call(String text) {
            return text == null ? null : CL100K.countTokensOrdinary(text);
        }
    }

    public static void main(String[] args) {
        String corpus = args[0];
        Path udfs = Path.of(args[2]);
        int runs = Integer.parseInt(args[3]);
        long expected = Long.parseLong(args[4]);
        long warmupRows = Long.parseLong(args[5]);
        SparkSession spark = SparkSession.builder().master(args[1]).appName("tandem-spark-bench")
                .config("spark.executor.extraJavaOptions", System.getProperty("tandem.spark.executorJavaOptions", ""))
                .config("spark.executor.extraClassPath", System.getProperty("tandem.spark.executorClassPath", ""))
                .config("spark.ui.enabled", "false")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        Dataset<Row> documents = spark.read().text(corpus).cache();
        long rows = documents.count();
        int warmups = (int) Math.max(1, (warmupRows + rows - 1) / rows);
        spark.udf().register("jtokkit_count", new JTokkitCount(), DataTypes.IntegerType);
        TandemFunction batch = TandemFunction.fromFile(udfs, "count_tokens_batch").batch(true);
        List<String> results = new ArrayList<>();
        results.add(measure("tandem-rust", rows, expected, warmups, runs,
                () -> TandemUdf.withColumn(documents, "value", "tokens", batch.backend("rust"), DataTypes.IntegerType)));
        results.add(measure("tandem-java", rows, expected, warmups, runs,
                () -> TandemUdf.withColumn(documents, "value", "tokens", batch.backend("java"), DataTypes.IntegerType)));
        results.add(measure("jtokkit", rows, expected, warmups, runs,
                () -> documents.withColumn("tokens", functions.call_udf("jtokkit_count", documents.col("value")))));
        System.out.println("{\"rows\": " + rows + ", \"runners\": [" + String.join(", ", results) + "]}");
        spark.stop();
    }

    private static String measure(String runner, long rows, long expected, int warmups, int runs,
            Supplier<Dataset<Row>> job) {
        List<Double> times = new ArrayList<>();
        for (int run = 0; run < warmups + runs; run++) {
            long start = System.nanoTime();
            Row totals = job.get().agg(functions.count("*"), functions.sum("tokens")).first();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (totals.getLong(0) != rows || totals.getLong(1) != expected) {
                throw new IllegalStateException(runner + " counted " + totals + ", expected " + rows + " rows and "
                        + expected + " tokens");
            }
            if (run >= warmups) {
                times.add(seconds);
            }
        }
        Function<List<Double>, String> json = list -> list.stream().map(each -> String.format("%.4f", each))
                .reduce((a, b) -> a + ", " + b).orElse("");
        return "{\"runner\": \"" + runner + "\", \"seconds\": [" + json.apply(times) + "]}";
    }
}

import dev.tandem.spark.TandemFunction;
import dev.tandem.spark.TandemUdf;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Counts cl100k_base tokens per document with udfs.py's count_tokens_batch, run by Tandem
 * inside the executors (rust backend, batches of 1024 rows), and prints the totals as
 * token_count_pyspark.py does.
 *
 *     scripts/spark.sh java examples/spark/TokenCount.java CORPUS [MASTER]
 */
public class TokenCount {
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: TokenCount CORPUS [MASTER]   (MASTER: local[2] by default)");
            System.exit(2);
        }
        Path udfs = Path.of(System.getProperty("tandem.spark.udfs", "examples/spark/udfs.py"));
        SparkSession spark = SparkSession.builder()
                .master(args.length > 1 ? args[1] : "local[2]")
                .appName("tandem-token-count")
                .config("spark.executor.extraJavaOptions", System.getProperty("tandem.spark.executorJavaOptions", ""))
                .config("spark.executor.extraClassPath", System.getProperty("tandem.spark.executorClassPath", ""))
                .config("spark.ui.enabled", "false")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        long start = System.nanoTime();
        Dataset<Row> documents = spark.read().text(args[0]);
        TandemFunction count = TandemFunction.fromFile(udfs, "count_tokens_batch").batch(true).backend("rust");
        Row totals = TandemUdf.withColumn(documents, "value", "tokens", count, DataTypes.IntegerType)
                .agg(functions.count("*"), functions.sum("tokens"), functions.max("tokens"))
                .first();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("rows=%d tokens=%d max=%d%n", totals.getLong(0), totals.getLong(1), totals.getInt(2));
        System.out.printf("# %.1f s, %.0f rows/s%n", seconds, totals.getLong(0) / seconds);
        spark.stop();
    }
}

package dev.tandem.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.runtime.RuntimeFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tandem functions in two separate executor JVMs (a local-cluster master), checked against
 * the same Python function on CPython with tiktoken (scripts/spark.sh test computes that
 * reference and passes it in).
 */
class LocalClusterTest {
    private static final Path UDFS = Path.of(System.getProperty("tandem.spark.udfs"));
    private static final Path CORPUS = Path.of(System.getProperty("tandem.spark.corpus"));
    private static SparkSession spark;
    private static long expectedRows;
    private static long expectedTokens;

    @BeforeAll
    static void start() throws IOException {
        Properties reference = new Properties();
        String line = Files.readString(Path.of(System.getProperty("tandem.spark.expected"))).trim();
        reference.load(new java.io.StringReader(line.replace(' ', '\n')));
        expectedRows = Long.parseLong(reference.getProperty("rows"));
        expectedTokens = Long.parseLong(reference.getProperty("tokens"));
        spark = SparkSession.builder()
                .master("local-cluster[2,1,1536]")
                .appName("tandem-spark-test")
                .config("spark.executor.memory", "1g")
                .config("spark.executor.extraJavaOptions", System.getProperty("tandem.spark.executorJavaOptions"))
                .config("spark.executor.extraClassPath", System.getProperty("tandem.spark.executorClassPath"))
                .config("spark.task.maxFailures", "1")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.warehouse.dir", CORPUS.resolveSibling("spark-warehouse").toString())
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static Dataset<Row> corpus() {
        return spark.read().text(CORPUS.toString()).repartition(4);
    }

    @Test
    void sqlUdfGivesCPythonsTotals() {
        TandemUdf.register(spark, "count_tokens", TandemFunction.fromFile(UDFS, "count_tokens"), DataTypes.IntegerType);
        corpus().createOrReplaceTempView("docs");
        Row totals = spark.sql("SELECT count(*), sum(count_tokens(value)) FROM docs").first();
        assertEquals(expectedRows, totals.getLong(0));
        assertEquals(expectedTokens, totals.getLong(1));
    }

    @Test
    void batchesGiveCPythonsTotalsOnEveryBackend() {
        for (String backend : List.of("rust", "java")) {
            TandemFunction batch = TandemFunction.fromFile(UDFS, "count_tokens_batch").batch(true).backend(backend);
            Row totals = TandemUdf.withColumn(corpus(), "value", "tokens", batch, DataTypes.IntegerType, 100)
                    .agg(org.apache.spark.sql.functions.count("*"), org.apache.spark.sql.functions.sum("tokens"))
                    .first();
            assertEquals(expectedRows, totals.getLong(0), backend);
            assertEquals(expectedTokens, totals.getLong(1), backend);
        }
    }

    /** On an executor: its process id, and whether GraalPy compiles there. Not a lambda of the
     * test class, whose static fields read the driver's properties. */
    static final class ExecutorFacts implements MapFunction<Long, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String call(Long id) {
            return ProcessHandle.current().pid() + " "
                    + ExecutorTandem.withTandemsLoader(() -> RuntimeFacts.probe().runtimeCompilation());
        }
    }

    @Test
    void executorsAreTwoJvmsWithRuntimeCompilation() {
        List<String> facts = spark.range(0, 8, 1, 8).map(new ExecutorFacts(), Encoders.STRING()).collectAsList();
        assertEquals(2, facts.stream().distinct().count(), facts.toString());
        assertTrue(facts.stream().allMatch(each -> each.endsWith(" true")), facts.toString());
    }

    @Test
    void nullsReachPythonAsNoneAndComeBackNull() {
        TandemUdf.register(spark, "count_tokens", TandemFunction.fromFile(UDFS, "count_tokens"), DataTypes.IntegerType);
        Dataset<Row> texts = spark.createDataset(Arrays.asList("hello world", null), Encoders.STRING()).toDF("text");
        texts.createOrReplaceTempView("texts");
        List<Row> rows = spark.sql("SELECT text, count_tokens(text) FROM texts ORDER BY text NULLS LAST").collectAsList();
        assertEquals(2, rows.get(0).getInt(1));
        assertTrue(rows.get(1).isNullAt(1));
        TandemFunction batch = TandemFunction.fromFile(UDFS, "count_tokens_batch").batch(true);
        List<Row> batched = TandemUdf.withColumn(texts, "text", "tokens", batch, DataTypes.IntegerType)
                .orderBy(org.apache.spark.sql.functions.col("text").asc_nulls_last()).collectAsList();
        assertEquals(2, batched.get(0).getInt(1));
        assertTrue(batched.get(1).isNullAt(1));
    }

    @Test
    void aRaisingFunctionFailsTheTaskWithItsTraceback() {
        TandemFunction boom = TandemFunction.fromSource("faults.py", """
                def check(text):
                    if text == "bad":
                        raise ValueError(f"refusing {text!r}")
                    return len(text)
                """, "check");
        Dataset<Row> texts = spark.createDataset(List.of("good", "bad"), Encoders.STRING()).toDF("text");
        SparkException failure = assertThrows(SparkException.class,
                () -> TandemUdf.withColumn(texts, "text", "n", boom, DataTypes.IntegerType).collectAsList());
        String message = failure.getMessage();
        assertTrue(message.contains("faults.py:check raised ValueError: refusing 'bad'"), message);
        assertTrue(message.contains("File \"faults.py\", line 3, in check"), message);
    }

    @Test
    void aFunctionThatNeverReturnsIsCancelledByTheTimeout() {
        TandemFunction spin = TandemFunction.fromSource("spin.py", """
                def spin(text):
                    while True:
                        pass
                """, "spin").timeout(Duration.ofSeconds(3));
        Dataset<Row> texts = spark.createDataset(List.of("x"), Encoders.STRING()).toDF("text");
        SparkException failure = assertThrows(SparkException.class,
                () -> TandemUdf.withColumn(texts, "text", "n", spin, DataTypes.IntegerType).collectAsList());
        assertTrue(failure.getMessage().contains("spin.py:spin did not return within PT3S"), failure.getMessage());
    }

    @Test
    void aMissingScriptOrFunctionIsNamed() {
        Path missing = UDFS.resolveSibling("no_such_udfs.py");
        IllegalArgumentException noFile = assertThrows(IllegalArgumentException.class,
                () -> TandemFunction.fromFile(missing, "count_tokens"));
        assertTrue(noFile.getMessage().contains("no_such_udfs.py"), noFile.getMessage());
        TandemFunction absent = TandemFunction.fromFile(UDFS, "count_words");
        Dataset<Row> texts = spark.createDataset(List.of("x"), Encoders.STRING()).toDF("text");
        SparkException failure = assertThrows(SparkException.class,
                () -> TandemUdf.withColumn(texts, "text", "n", absent, DataTypes.IntegerType).collectAsList());
        assertTrue(failure.getMessage().contains("udfs.py defines no function count_words"), failure.getMessage());
    }
}

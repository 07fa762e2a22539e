package dev.tandem.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * Python functions run by Tandem inside Spark's executor JVMs, with no Python worker:
 * as a Spark SQL UDF (one call per row) or over a column in batches (one call per
 * {@code batchSize} rows, the fast path).
 *
 * <pre>{@code
 * TandemFunction count = TandemFunction.fromFile(Path.of("udfs.py"), "count_tokens");
 * TandemUdf.register(spark, "count_tokens", count, DataTypes.IntegerType);
 * spark.sql("SELECT sum(count_tokens(text)) FROM docs");
 * Dataset<Row> counted = TandemUdf.withColumn(docs, "text", "tokens",
 *         TandemFunction.fromFile(Path.of("udfs.py"), "count_tokens_batch").batch(true), DataTypes.IntegerType);
 * }</pre>
 *
 * <p>A null value reaches the function as {@code None}; {@code None} comes back as null. A
 * function that raises fails the task, with the Python traceback in Spark's error.
 */
public final class TandemUdf {
    /** Rows per crossing in {@link #withColumn(Dataset, String, String, TandemFunction, DataType)}. */
    public static final int DEFAULT_BATCH = 1024;

    private TandemUdf() {}

    /** Registers {@code function} (a row function) as the SQL function {@code name}; returns it for the DataFrame API. */
    public static UserDefinedFunction register(SparkSession spark, String name, TandemFunction function,
            DataType returnType) {
        return spark.udf().register(name, functions.udf(udf(function, returnType), returnType));
    }

    /** {@code function} as a one-argument Java UDF, for {@code spark.udf().register} or {@code functions.udf}. */
    public static UDF1<Object, Object> udf(TandemFunction function, DataType returnType) {
        if (function.isBatch()) {
            throw new IllegalArgumentException(function.where() + " is a batch function: use TandemUdf.withColumn");
        }
        SparkValues.checkSupported(returnType);
        return value -> SparkValues.convert(ExecutorTandem.of(function).callRow(function, value), returnType,
                function.where());
    }

    /** {@link #withColumn(Dataset, String, String, TandemFunction, DataType, int)} in batches of {@value #DEFAULT_BATCH}. */
    public static Dataset<Row> withColumn(Dataset<Row> input, String inputColumn, String outputColumn,
            TandemFunction function, DataType returnType) {
        return withColumn(input, inputColumn, outputColumn, function, returnType, DEFAULT_BATCH);
    }

    /**
     * {@code input} with one more column, {@code outputColumn}: {@code function} of
     * {@code inputColumn}, computed over each partition {@code batchSize} rows per call. A
     * batch function gets the batch's values as a list; a row function is called on each
     * value inside Python.
     */
    public static Dataset<Row> withColumn(Dataset<Row> input, String inputColumn, String outputColumn,
            TandemFunction function, DataType returnType, int batchSize) {
        SparkValues.checkSupported(returnType);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, not " + batchSize);
        }
        StructType schema = input.schema().add(outputColumn, returnType, true);
        int column = input.schema().fieldIndex(inputColumn); // IllegalArgumentException naming a missing column
        MapPartitionsFunction<Row, Row> perPartition =
                rows -> new Batches(rows, column, function, returnType, batchSize);
        return input.mapPartitions(perPartition, Encoders.row(schema));
    }

    /** A partition's rows with the function's result appended, computed a batch ahead. */
    private static final class Batches implements Iterator<Row> {
        private final Iterator<Row> rows;
        private final int column;
        private final TandemFunction function;
        private final DataType returnType;
        private final int batchSize;
        private final List<Row> pending = new ArrayList<>();
        private List<?> results = List.of();
        private int next;

        Batches(Iterator<Row> rows, int column, TandemFunction function, DataType returnType, int batchSize) {
            this.rows = rows;
            this.column = column;
            this.function = function;
            this.returnType = returnType;
            this.batchSize = batchSize;
        }

        @Override
        public boolean hasNext() {
            if (next < pending.size()) {
                return true;
            }
            pending.clear();
            next = 0;
            List<Object> values = new ArrayList<>(batchSize);
            while (pending.size() < batchSize && rows.hasNext()) {
                Row row = rows.next();
                pending.add(row);
                values.add(row.get(column));
            }
            results = pending.isEmpty() ? List.of() : ExecutorTandem.of(function).callBatch(function, values);
            return !pending.isEmpty();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row row = pending.get(next);
            Object[] values = new Object[row.length() + 1];
            for (int i = 0; i < row.length(); i++) {
                values[i] = row.get(i);
            }
            values[row.length()] = SparkValues.convert(results.get(next), returnType, function.where());
            next++;
            return RowFactory.create(values);
        }
    }
}

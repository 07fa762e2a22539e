"""The PySpark rows of ``tandem bench --kernel spark``: the token-count job (cl100k_base tokens
per document, summed) with udfs.count_tokens as a Python UDF, and as an Arrow-batched pandas
UDF (count_tokens_batch over each batch). Each runs until WARMUP_ROWS rows have passed (at
least once), then RUNS times; prints one JSON line, the seconds of each timed run per runner, as
SparkBench does.

    target/spark-venv/bin/python scripts/bench/spark_pyspark.py CORPUS MASTER UDFS_PY RUNS EXPECTED_TOKENS WARMUP_ROWS
"""
import json
import os
import sys
import time

import pandas as pd
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import IntegerType


def main(corpus, master, udfs_py, runs, expected, warmup_rows):
    spark = (SparkSession.builder.master(master).appName("pyspark-bench")
             .config("spark.ui.enabled", "false").getOrCreate())
    spark.sparkContext.setLogLevel("WARN")
    spark.sparkContext.addPyFile(udfs_py)
    sys.path.insert(0, os.path.dirname(udfs_py))
    import udfs

    documents = spark.read.text(corpus).cache()
    rows = documents.count()
    warmups = max(1, -(-warmup_rows // rows))
    python_udf = F.udf(udfs.count_tokens, IntegerType())

    @F.pandas_udf(IntegerType())
    def pandas_count(texts: pd.Series) -> pd.Series:
        return pd.Series(udfs.count_tokens_batch(texts.tolist()), dtype="Int32")

    runners = [("pyspark-python-udf", python_udf), ("pyspark-pandas-udf", pandas_count)]
    results = []
    for name, udf in runners:
        times = []
        for run in range(warmups + runs):
            start = time.perf_counter()
            totals = documents.withColumn("tokens", udf("value")).agg(F.count("*"), F.sum("tokens")).first()
            seconds = time.perf_counter() - start
            if totals[0] != rows or totals[1] != expected:
                raise SystemExit(f"{name} counted {totals}, expected {rows} rows and {expected} tokens")
            if run >= warmups:
                times.append(round(seconds, 4))
        results.append({"runner": name, "seconds": times})
    print(json.dumps({"rows": rows, "runners": results}))
    spark.stop()


if __name__ == "__main__":
    corpus, master, udfs_py, runs, expected, warmup_rows = sys.argv[1:]
    main(corpus, master, os.path.abspath(udfs_py), int(runs), int(expected), int(warmup_rows))

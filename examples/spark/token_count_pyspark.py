"""The token-count job on PySpark: udfs.count_tokens as a Python UDF (a Python worker with
tiktoken), printing the totals as TokenCount.java does.

    target/spark-venv/bin/python examples/spark/token_count_pyspark.py CORPUS [MASTER]
"""
import os
import sys
import time

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import IntegerType

here = os.path.dirname(os.path.abspath(__file__))


def main(corpus, master):
    spark = (SparkSession.builder.master(master).appName("pyspark-token-count")
             .config("spark.ui.enabled", "false").getOrCreate())
    spark.sparkContext.setLogLevel("WARN")
    spark.sparkContext.addPyFile(os.path.join(here, "udfs.py"))
    import udfs

    start = time.perf_counter()
    count_tokens = F.udf(udfs.count_tokens, IntegerType())
    totals = (spark.read.text(corpus).withColumn("tokens", count_tokens("value"))
              .agg(F.count("*"), F.sum("tokens"), F.max("tokens")).first())
    seconds = time.perf_counter() - start
    print(f"rows={totals[0]} tokens={totals[1]} max={totals[2]}")
    print(f"# {seconds:.1f} s, {totals[0] / seconds:.0f} rows/s")
    spark.stop()


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: token_count_pyspark.py CORPUS [MASTER]")
    sys.path.insert(0, here)
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "local[2]")

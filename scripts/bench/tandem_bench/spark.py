"""The spark workload: the token-count job (cl100k_base tokens per document, summed) on Apache
Spark 4.2, local[2], one row per way of running the Python function:

- PySpark, ``udfs.count_tokens`` as a Python UDF (a Python worker with tiktoken), and as an
  Arrow-batched pandas UDF (``count_tokens_batch`` per batch): scripts/bench/spark_pyspark.py
  in target/spark-venv (``scripts/spark.sh pyspark``);
- Tandem's UDF (dev.tandem.spark, ``count_tokens_batch`` in batches inside the executor JVM)
  on the rust and the java backend, and a plain Java UDF calling JTokkit, the JVM-native
  reference: spark/'s SparkBench, started by ``scripts/spark.sh java``.

Every run's totals are checked against udfs.py on CPython with tiktoken. Each runner warms up
on 200,000 rows (whole runs, at least one: GraalPy's JIT needs about that many), then is timed 3
times (1 with --quick), on the same corpus.
"""

import json
import os
import random
import shlex
import subprocess
import sys

from tandem_bench.measure import summary

TITLE = "spark: token count per document, local[2]"
NAMES = {"pyspark-python-udf": ("PySpark 4.2, Python UDF + tiktoken", "peer"),
         "pyspark-pandas-udf": ("PySpark 4.2, pandas (Arrow) UDF + tiktoken", "peer"),
         "jtokkit": ("Spark 4.2, Java UDF + JTokkit (JVM-native)", "peer"),
         "tandem-rust": ("Tandem UDF, rust backend", "tandem"),
         "tandem-java": ("Tandem UDF, java backend", "tandem")}
WARMUP_ROWS = 200_000
PYSPARK = ("pyspark-python-udf", "pyspark-pandas-udf")
JVM = ("tandem-rust", "tandem-java", "jtokkit")


def build_corpus(home, size):
    """Generated documents, one a line (examples/spark/make_corpus.py), about size/10 of them."""
    sys.path.insert(0, os.path.join(home, "examples", "spark"))
    try:
        import make_corpus
    finally:
        sys.path.pop(0)
    rng = random.Random(24)
    return "".join(make_corpus.document(rng) + "\n" for _ in range(max(1000, size // 10)))


def describe(text):
    return f"{text.count(chr(10)):,} documents, {len(text.encode('utf-8')) / 1e6:.1f} MB"


def run(home, java_home, corpus_path, corpus, quick, threads, progress):
    runs, warmup_rows = ("1" if quick else "3"), str(WARMUP_ROWS)
    rows = corpus.count("\n")
    spark_sh = os.path.join(home, "scripts", "spark.sh")
    udfs = os.path.join(home, "examples", "spark", "udfs.py")
    for step in ("build", "pyspark"):
        progress(f"spark: scripts/spark.sh {step}")
        done = subprocess.run([spark_sh, step], capture_output=True, text=True)
        if done.returncode != 0:
            return _failed(f"scripts/spark.sh {step} failed: {_tail(done)}")
    env = dict(os.environ, **_peer_env(home))
    expected = subprocess.run([os.path.join(home, "target", "peers-venv", "bin", "python"),
                               os.path.join(home, "examples", "spark", "count_tokens_cpython.py"), corpus_path],
                              capture_output=True, text=True, env=env)
    if expected.returncode != 0:
        return _failed(f"the CPython reference failed: {_tail(expected)}")
    tokens = expected.stdout.split("tokens=")[1].split()[0]
    progress(f"spark: {rows:,} documents, {tokens} tokens (CPython + tiktoken); the JVM rows")
    jvm = subprocess.run([spark_sh, "java", "dev.tandem.spark.bench.SparkBench", corpus_path, "local[2]", udfs, runs,
                          tokens, warmup_rows], capture_output=True, text=True, env=env)
    progress("spark: the PySpark rows")
    venv_python = os.path.join(home, "target", "spark-venv", "bin", "python")
    python = subprocess.run([venv_python, os.path.join(home, "scripts", "bench", "spark_pyspark.py"), corpus_path,
                             "local[2]", udfs, runs, tokens, warmup_rows], capture_output=True, text=True,
                            env=_without(dict(env, PYSPARK_PYTHON=venv_python), "SPARK_HOME"))
    return _rows(python, rows, PYSPARK) + _rows(jvm, rows, JVM)


def _without(env, name):
    """PySpark runs its own Spark unless SPARK_HOME names another."""
    env.pop(name, None)
    return env


def _peer_env(home):
    """TIKTOKEN_CACHE_DIR and the like, from scripts/peers.sh python's `export` lines."""
    done = subprocess.run([os.path.join(home, "scripts", "peers.sh"), "python"], capture_output=True, text=True)
    env = {}
    for line in done.stdout.splitlines():
        words = shlex.split(line)
        if words[:1] == ["export"]:
            env.update(word.split("=", 1) for word in words[1:] if "=" in word)
    return env


def _rows(done, rows, runners):
    """The rows of one program's answer (its runners'), or rows that say why there is none."""
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines or not lines[-1].startswith("{"):
        return _failed(f"exit status {done.returncode}: {_tail(done)}", runners)
    answer = json.loads(lines[-1])
    result = []
    for runner in answer["runners"]:
        median, spread = summary(runner["seconds"])
        result.append(_row(runner["runner"], items_per_s=rows / median, seconds=median, spread=spread))
    return result


def _failed(why, runners=tuple(NAMES)):
    return [_row(runner, status=f"failed: {why}") for runner in runners]


def _row(runner, status="ok", **measured):
    name, kind = NAMES[runner]
    row = {"workload": TITLE, "runner": name, "kind": kind, "mb_per_s": None, "tokens_per_s": None,
           "items_per_s": None, "unit": "rows", "spread": None, "version": "Spark 4.2.0", "status": status}
    row.update(measured)
    return row


def _tail(done):
    return " | ".join((done.stderr or done.stdout or "").strip().splitlines()[-3:])

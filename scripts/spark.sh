#!/usr/bin/env bash
# Tandem inside Apache Spark (spark/, a Maven build of its own; docs/spark.md):
#
#   scripts/spark.sh build           Tandem's jar into the local Maven repository, then spark/: the
#                                    integration's jar and, under spark/target/, a Spark home for
#                                    local-cluster masters, the GraalPy modules and the Graal compiler
#   scripts/spark.sh test [ARGS]     build, then the local-cluster tests (spark/src/test) on a small
#                                    corpus, checked against the same function on CPython with
#                                    tiktoken; ARGS go to Maven (e.g. -Dtest=LocalClusterTest#name)
#   scripts/spark.sh pyspark         the PySpark peer: target/spark-venv with PySpark (whose sdist
#                                    holds a whole Spark), tiktoken, pandas and pyarrow, pinned
#   scripts/spark.sh example [ROWS]  the token-count job over ROWS generated documents (default
#                                    1000000) on Tandem and on PySpark, local[2]: the same totals
#   scripts/spark.sh java CLASS|FILE.java ARGS...   a Spark driver with Tandem's JVM options
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/jdk.sh"
. "$root/scripts/build.sh"
target="$root/spark/target"
say() { echo "spark: $*" >&2; }

# What every JVM that runs Tandem functions needs (executors, and a driver in local mode):
# GraalPy on the module path, the Graal compiler on the upgrade module path (the JIT).
jit_options="-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=$target/compiler
  --module-path=$target/graal-modules --add-modules=ALL-MODULE-PATH
  --enable-native-access=org.graalvm.truffle,ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Xss8m"
jit_options="$(echo $jit_options)" # one line
# What spark-submit adds to a driver on Java 17+ (org.apache.spark.launcher.JavaModuleOptions);
# SparkContext adds the same to executors itself.
driver_options="-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector -Dio.netty.tryReflectionSetAccessible=true"
for package in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util \
    java.util.concurrent java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs \
    sun.security.action sun.util.calendar; do
  driver_options="$driver_options --add-opens=java.base/$package=ALL-UNNAMED"
done
# Executors add Tandem (and the jars Spark lacks) to Spark's class path.
executor_classpath="$target/tandem-classpath/*:$target/tandem-spark.jar"
# local-cluster masters start executors from a Spark home's jars/.
export SPARK_HOME="$target/spark-home" SPARK_SCALA_VERSION=2.13

spark_build() {
  tandem_build_if_stale
  # The jar with Tandem's pom, so that spark/ sees its dependencies (GraalPy) too.
  mvn -B -q install:install-file -Dfile="$root/target/tandem.jar" -DpomFile="$root/pom.xml" >/dev/null
  mvn -B -q -f "$root/spark/pom.xml" package -DskipTests
}

# The PySpark peer, pinned: the Spark of spark/pom.xml, the tiktoken of scripts/peers/python.sh.
pyspark_pins=(pyspark==4.2.0 tiktoken==0.14.0 pandas==2.3.3 pyarrow==22.0.0)
venv="$root/target/spark-venv"

spark_pyspark() {
  if ! "$venv/bin/python" -c '
import sys
from importlib.metadata import version
sys.exit(any(version(name) != wanted for name, wanted in (pin.split("==") for pin in sys.argv[1:])))
' "${pyspark_pins[@]}" 2>/dev/null; then
    say "installing ${pyspark_pins[*]} into target/spark-venv (PySpark's sdist is ~450 MB)"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "${pyspark_pins[@]}"
  fi
}

# A corpus of $1 generated documents at $2, made once.
corpus() {
  [ -s "$2" ] || python3 "$root/examples/spark/make_corpus.py" "$1" "$2"
}

spark_test() {
  spark_build
  # The reference: the same udfs.py on CPython with the pinned tiktoken (scripts/peers/python.sh).
  eval "$("$root/scripts/peers.sh" python)"
  python3 "$root/examples/spark/make_corpus.py" 2000 "$target/test-corpus.txt"
  "$root/target/peers-venv/bin/python" "$root/examples/spark/count_tokens_cpython.py" \
    "$target/test-corpus.txt" >"$target/test-corpus.expected"
  say "CPython with tiktoken: $(cat "$target/test-corpus.expected")"
  mvn -B -q -f "$root/spark/pom.xml" surefire:test -Dspark.driver.options="$driver_options" \
    -Dtandem.jit.options="$jit_options" "$@"
}

spark_java() {
  # shellcheck disable=SC2086 # the option lists split on spaces
  "$JAVA_HOME/bin/java" $driver_options $jit_options -Dlog4j2.configurationFile="$root/spark/log4j2.properties" \
    -Dtandem.spark.executorJavaOptions="$jit_options" \
    -Dtandem.spark.executorClassPath="$executor_classpath" \
    -cp "$executor_classpath:$SPARK_HOME/jars/*" "$@"
}

spark_example() {
  local rows="${1:-1000000}" dir="$root/target/spark-example"
  spark_build
  spark_pyspark
  mkdir -p "$dir"
  corpus "$rows" "$dir/corpus-$rows.txt"
  eval "$("$root/scripts/peers.sh" python)" # tiktoken's rank files, for PySpark's workers
  say "Tandem (rust backend, batches), local[2]:"
  spark_java "$root/examples/spark/TokenCount.java" "$dir/corpus-$rows.txt" "local[2]" | tee "$dir/tandem.out"
  say "PySpark (Python UDF with tiktoken), local[2]:"
  env -u SPARK_HOME PYSPARK_PYTHON="$venv/bin/python" \
    "$venv/bin/python" "$root/examples/spark/token_count_pyspark.py" "$dir/corpus-$rows.txt" "local[2]" \
    | tee "$dir/pyspark.out"
  if ! cmp -s <(grep '^rows=' "$dir/tandem.out") <(grep '^rows=' "$dir/pyspark.out"); then
    say "the totals differ"
    exit 1
  fi
  say "the same totals"
}

case "${1:-}" in
  build) spark_build ;;
  test) shift; spark_test "$@" ;;
  pyspark) spark_pyspark ;;
  example) shift; spark_example "$@" ;;
  java) shift; spark_java "$@" ;;
  *) echo "usage: scripts/spark.sh build|test|pyspark|example [ROWS]|java CLASS ARGS..." >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# Tandem inside Apache Spark (spark/, a Maven build of its own; docs/spark.md):
#
#   scripts/spark.sh build      Tandem's jar into the local Maven repository, then spark/: the
#                               integration's jar and, under spark/target/, a Spark home for
#                               local-cluster masters, the GraalPy modules and the Graal compiler
#   scripts/spark.sh test       build, then the local-cluster tests on a small corpus, checked
#                               against the same function on CPython with tiktoken
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/jdk.sh"
. "$root/scripts/build.sh"
spark_target="$root/spark/target"
say() { echo "spark: $*" >&2; }

spark_build() {
  tandem_build_if_stale
  # The jar with Tandem's pom, so that spark/ sees its dependencies (GraalPy) too.
  mvn -B -q install:install-file -Dfile="$root/target/tandem.jar" -DpomFile="$root/pom.xml" >/dev/null
  mvn -B -q -f "$root/spark/pom.xml" package -DskipTests
}

spark_test() {
  spark_build
  # The reference: the same udfs.py on CPython with the pinned tiktoken (scripts/peers/python.sh).
  eval "$("$root/scripts/peers.sh" python)"
  python3 "$root/examples/spark/make_corpus.py" 2000 "$spark_target/test-corpus.txt"
  "$root/target/peers-venv/bin/python" "$root/examples/spark/count_tokens_cpython.py" \
    "$spark_target/test-corpus.txt" >"$spark_target/test-corpus.expected"
  say "CPython with tiktoken: $(cat "$spark_target/test-corpus.expected")"
  mvn -B -q -f "$root/spark/pom.xml" surefire:test "$@"
}

case "${1:-}" in
  build) spark_build ;;
  test) shift; spark_test "$@" ;;
  *) echo "usage: scripts/spark.sh build|test" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# Measures Tandem's two start-up figures (docs/startup.md):
#  1. wall time of `./tandem run examples/hello.py` from a cold JVM (median of N runs), next
#     to a bare GraalPy context printing one line on the same JVM set-up;
#  2. a call through the embedding API on a warm pooled context (median and p90).
# Usage: scripts/measure-startup.sh [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
cd "$root"
export TANDEM_DAEMON=0 # the cold figures are of a JVM of its own, not the resident process
./tandem run examples/hello.py >/dev/null # builds if needed, fills GraalPy's resource cache
. "$root/scripts/jdk.sh"

jvm=("$JAVA_HOME/bin/java" -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI
  --upgrade-module-path=target/compiler --module-path=target/lib:target/tandem.jar
  --enable-native-access=org.graalvm.truffle,dev.tandem --sun-misc-unsafe-memory-access=allow
  --add-modules dev.tandem)
# The bare program is compiled once, so that the source launcher's compile is not timed.
classes="$root/target/measure-classes"
"$JAVA_HOME/bin/javac" -d "$classes" --module-path target/lib --add-modules org.graalvm.polyglot scripts/BareGraalPy.java

median_of_runs() { # label, command...: runs the command $runs times; prints the medians of wall
  # and CPU (user+sys) time: CPU time is what a loaded machine distorts less
  local label="$1" wall=() cpu=() measured
  shift
  for _ in $(seq "$runs"); do
    measured=$(/usr/bin/time -f "%e %U %S" "$@" 2>&1 >/dev/null | tail -1)
    wall+=($(awk '{printf "%d", $1 * 1000}' <<<"$measured"))
    cpu+=($(awk '{printf "%d", ($2 + $3) * 1000}' <<<"$measured"))
  done
  echo "$label: median wall $(median "${wall[@]}") ms, CPU $(median "${cpu[@]}") ms" \
    "(wall: ${wall[*]} ms; CPU: ${cpu[*]} ms)"
}
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( $# / 2 + 1 ))p"; }
median_of_runs "cold CLI ./tandem run examples/hello.py" ./tandem run examples/hello.py
median_of_runs "cold bare GraalPy context, print one line" "${jvm[@]}" -cp "$classes" BareGraalPy

"${jvm[@]}" scripts/bench/PooledCall.java

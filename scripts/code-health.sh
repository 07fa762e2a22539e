#!/usr/bin/env bash
# Two structural checks, each printing figures anyone can compare between commits:
#
#   scripts/code-health.sh loops        package cycles in the built classes (jdeps); once with
#                                       every edge, once without the edges into dev.tandem's API
#                                       types (the exceptions, JavaKernel, Kernel, HostFileAccess), which
#                                       every layer may use
#   scripts/code-health.sh duplicates   blocks written twice (PMD CPD 7.9.0 from Maven Central,
#                                       at least 50 and at least 30 tokens, Java and Python: the
#                                       runtime package and the benchmark harness)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/jdk.sh"
cd "$root"

cycles() { # stdin: "from to" package pairs
  python3 -c '
import collections, sys
graph = collections.defaultdict(set)
for line in sys.stdin:
    a, b = line.split()
    if a != b:
        graph[a].add(b)
nodes = sorted(set(graph) | {b for bs in graph.values() for b in bs})
index, low, stack, on, found = {}, {}, [], set(), []
def visit(v):  # Tarjan: each strongly connected component of more than one package is a loop
    index[v] = low[v] = len(index); stack.append(v); on.add(v)
    for w in graph[v]:
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        component = []
        while not component or component[-1] != v:
            component.append(stack.pop()); on.discard(component[-1])
        if len(component) > 1:
            found.append(sorted(component))
for v in nodes:
    if v not in index:
        visit(v)
print(f"  {len(nodes)} packages, {sum(map(len, graph.values()))} edges, {len(found)} loops")
for component in found:
    print("  loop:", " ".join(component))
'
}

case "${1:-}" in
  loops)
    [ -d target/classes/dev/tandem ] || { echo "build first (./tandem --version)" >&2; exit 2; }
    edges="$("$JAVA_HOME/bin/jdeps" --multi-release 25 --ignore-missing-deps -verbose:class -filter:none \
      --module-path target/lib target/classes | awk '/^ +dev\.tandem[^ ]* +-> dev\.tandem/ {print $1, $3}')"
    package() { sed -E 's/[.][A-Z][A-Za-z0-9_$]*( |$)/\1/g' | sort -u; }
    echo "every edge:"
    package <<<"$edges" | cycles
    echo "without the edges into dev.tandem's API types:"
    grep -vE ' dev\.tandem\.([A-Za-z]*Exception|JavaKernel|Kernel|HostFileAccess)$' <<<"$edges" | package | cycles
    ;;
  duplicates)
    cpd="$root/target/cpd"
    if [ ! -s "$cpd/classpath.txt" ]; then
      mkdir -p "$cpd"
      cat > "$cpd/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>cpd</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>net.sourceforge.pmd</groupId><artifactId>pmd-cli</artifactId><version>7.9.0</version></dependency>
    <dependency><groupId>net.sourceforge.pmd</groupId><artifactId>pmd-java</artifactId><version>7.9.0</version></dependency>
    <dependency><groupId>net.sourceforge.pmd</groupId><artifactId>pmd-python</artifactId><version>7.9.0</version></dependency>
  </dependencies>
</project>
POM
      mvn -B -q -f "$cpd/pom.xml" dependency:build-classpath -Dmdep.outputFile="$cpd/classpath.txt" >&2
    fi
    for tokens in 50 30; do
      for language in java:src/main/java python:python/tandem,scripts/bench/tandem_bench; do
        count="$("$JAVA_HOME/bin/java" -cp "$(cat "$cpd/classpath.txt")" net.sourceforge.pmd.cli.PmdCli cpd \
          --minimum-tokens "$tokens" --language "${language%%:*}" -d "${language#*:}" --format csv \
          --no-fail-on-violation 2>/dev/null | tail -n +2 | wc -l)"
        echo "at least $tokens tokens, ${language%%:*} (${language#*:}): $count duplicated blocks"
      done
    done
    ;;
  *)
    echo "usage: scripts/code-health.sh loops|duplicates" >&2
    exit 2
    ;;
esac

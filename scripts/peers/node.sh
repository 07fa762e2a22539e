#!/usr/bin/env bash
# Prepares the peers the source-map code is checked against, all from their registries:
#   target/node-peers/     Mozilla's source-map under node (0.8.0, and 0.7.6 for its consumer
#                          tests), and npm packages whose dist folders ship real source maps
#                          (Angular's core.mjs.map is 3.4 MB)
#   target/py-sourcemap/   python-sourcemap (PyPI: sourcemap), for API parity on CPython
#   target/source-map-util-cases.json  Mozilla's assertions on source URLs (test-util.js)
#   target/function-names/ a bundle terser minified from python/tests/function_names/shapes.js,
#                          its map and its V8 stack traces (scripts/peers/function_names.js)
# Idempotent: a second run only checks. Pinned versions, so the expectations are stable.
#
#   scripts/peers.sh node                  prepare, then print the `export` line
#   scripts/peers.sh node test [ARGS...]   prepare, then run python/tests/test_sourcemap*.py and
#                                          test_symbolicate.py
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

# source-map 0.7.6 under its own name: the generator and helpers Mozilla's consumer tests use;
# terser, the minifier of the function-name tests' bundle.
NODE_PACKAGES=(source-map@0.8.0 source-map-0.7.6@npm:source-map@0.7.6 bootstrap@5.3.3 @angular/core@19.2.0 rxjs@7.8.1
               terser@5.51.2)
PY_SOURCEMAP=sourcemap==0.2.1
node_dir="$root/target/node-peers"
py_dir="$root/target/py-sourcemap"
say() { echo "node-peers: $*" >&2; }

if ! node -e 'process.exit(require(process.argv[1] + "/node_modules/source-map/package.json").version === "0.8.0" ? 0 : 1)' "$node_dir" 2>/dev/null \
   || [ ! -f "$node_dir/node_modules/@angular/core/fesm2022/core.mjs.map" ] \
   || [ ! -f "$node_dir/node_modules/source-map-0.7.6/lib/source-map-generator.js" ] \
   || ! node -e 'process.exit(require(process.argv[1] + "/node_modules/terser/package.json").version === "5.51.2" ? 0 : 1)' "$node_dir" 2>/dev/null; then
  say "installing ${NODE_PACKAGES[*]} into $node_dir"
  mkdir -p "$node_dir"
  [ -f "$node_dir/package.json" ] || echo '{"private": true}' > "$node_dir/package.json"
  npm install --prefix "$node_dir" --silent --ignore-scripts --no-audit --no-fund "${NODE_PACKAGES[@]}" >&2
fi

if [ ! -f "$py_dir/sourcemap/__init__.py" ]; then
  say "installing $PY_SOURCEMAP into $py_dir"
  python3 -m pip install -q --disable-pip-version-check --no-deps --target "$py_dir" "$PY_SOURCEMAP"
fi

# Mozilla's own assertions on source URLs (test/test-util.js, through its adapter), for the Java
# tests (SourceUrlsTest) and the reference's (test_sourcemap_upstream.py).
util_cases="$root/target/source-map-util-cases.json"
upstream="$root/python/tests/upstream/source-map"
if [ ! -f "$util_cases" ] || [ "$upstream/test/test-util.js" -nt "$util_cases" ]; then
  node "$upstream/adapter/cases.js" > "$util_cases.tmp" && mv "$util_cases.tmp" "$util_cases"
fi

# The function-name tests' bundle: rebuilt when its source or builder changed.
names_dir="$root/target/function-names"
names_source="$root/python/tests/function_names/shapes.js"
if [ ! -f "$names_dir/trace.txt" ] || [ "$names_source" -nt "$names_dir/trace.txt" ] \
   || [ "$root/scripts/peers/function_names.js" -nt "$names_dir/trace.txt" ]; then
  node "$root/scripts/peers/function_names.js" "$node_dir/node_modules/terser" "$names_source" "$names_dir"
fi

exports="export TANDEM_NODE_PEERS=$node_dir TANDEM_PY_SOURCEMAP=$py_dir"
if [ "${1:-}" = "test" ]; then
  shift
  eval "$exports"
  cd "$root/python/tests"
  modules=(test_sourcemap*.py test_symbolicate.py)
  PYTHONPATH="$root/python" exec python3 -m unittest "${modules[@]%.py}" "$@"
fi
echo "$exports"

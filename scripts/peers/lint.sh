#!/usr/bin/env bash
# Prepares the peers the linter is checked against, on plain CPython:
#   target/lint-venv   a virtual environment with ruff and flake8 (pycodestyle + pyflakes),
#                      pinned, so parity figures and timings are reproducible
# Idempotent: a second run only checks the versions.
#
#   scripts/peers.sh lint                 prepare, then print the venv's bin directory
#   scripts/peers.sh lint test [ARGS...]  prepare, then run python/tests/test_lint.py with the
#                                         peers required (ARGS go to unittest, e.g. -v)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

RUFF_VERSION=0.17.6
FLAKE8_VERSION=7.5.0

venv="$root/target/lint-venv"
if ! "$venv/bin/python" - "$RUFF_VERSION" "$FLAKE8_VERSION" 2>/dev/null <<'PY'
import sys
from importlib.metadata import version
sys.exit(version("ruff") != sys.argv[1] or version("flake8") != sys.argv[2])
PY
then
  echo "lint-peers: creating $venv (ruff $RUFF_VERSION, flake8 $FLAKE8_VERSION)" >&2
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check \
    "ruff==$RUFF_VERSION" "flake8==$FLAKE8_VERSION"
fi

if [ "${1:-}" = "test" ]; then
  shift
  export PYTHONPATH="$root/python" TANDEM_REQUIRE_PEERS=1 PATH="$venv/bin:$PATH"
  exec "$venv/bin/python" -m unittest discover -s "$root/python/tests" -t "$root/python/tests" -p 'test_lint*.py' "$@"
fi
echo "$venv/bin"

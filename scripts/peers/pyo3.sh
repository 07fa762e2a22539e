#!/usr/bin/env bash
# Builds the boundary benchmark's PyO3 peer (scripts/peers/pyo3: text.fnv1a_32 as a
# #[pyfunction]) with maturin from PyPI, and installs it into target/peers-venv. Idempotent:
# a second run only checks. Needs cargo; the Rust build goes to target/pyo3-peer.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$root/target/peers-venv"
"$root/scripts/peers/python.sh" >/dev/null
if ! "$venv/bin/python" -c "import pyo3_peer" 2>/dev/null; then
  echo "pyo3-peer: building scripts/peers/pyo3 with maturin into $venv" >&2
  CARGO_TARGET_DIR="$root/target/pyo3-peer" \
    "$venv/bin/python" -m pip install -q --disable-pip-version-check "$root/scripts/peers/pyo3"
fi

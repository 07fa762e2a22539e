#!/usr/bin/env bash
# Tries Tandem with bad, hostile and huge inputs (scripts/reliability/cases.py) and prints the
# reliability table: inputs, clear errors, unclear ones, crashes, hangs and sandbox escapes.
# Usage: scripts/reliability/run.sh [--only TEXT] [--skip-cli]   (about 20 minutes; report in
# target/reliability/)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$root/scripts/jdk.sh"
. "$root/scripts/build.sh"
tandem_build_if_stale
TANDEM_PROBE_JAVA="$JAVA_HOME/bin/java" exec python3 "$root/scripts/reliability/run.py" "$@"

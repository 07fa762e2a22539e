#!/usr/bin/env bash
# Times, in one run, `pip install requests` and `python -c "import requests"` in a Tandem
# environment and in a CPython one (docs/packages.md), medians of RUNS each:
#  - pip install: from local wheels (downloaded once, pinned, by CPython's pip), offline, so
#    that the network stays out of the figures; the packages are uninstalled (not timed) first;
#  - import: `python -c "import requests"` next to `python -c pass` (the start-up alone);
#  - Tandem cold (a JVM per command) and warm (the resident process).
# Each line is printed as soon as it is measured, with the load before the run.
#
# Usage: scripts/packages/pip-speed.sh [RUNS]   (default 3)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$root/target/pip-speed"
runs="${1:-3}"
# urllib3 2.5.0: 2.8.0 cannot build an SSLContext on GraalPy (docs/packages.md, Speed).
pins=(requests==2.32.4 urllib3==2.5.0 idna==3.21 certifi==2026.10.19.post1 charset-normalizer==3.5.3)
names=(requests urllib3 idna certifi charset-normalizer)

mkdir -p "$work/wheels"
python3 -m pip download -q --disable-pip-version-check --no-deps --only-binary :all: \
  --python-version 3.12 --implementation py --abi none --platform any -d "$work/wheels" "${pins[@]}"
[ -x "$work/tandem/bin/pip" ] || "$root/tandem" -m venv "$work/tandem"
[ -x "$work/cpython/bin/pip" ] || python3 -m venv "$work/cpython"

median() { printf '%s\n' "$@" | sort -n | sed -n "$(( $# / 2 + 1 ))p"; }
millis() { # command...: prints its wall time in ms; its output is dropped, a failure stops the script
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || { echo "pip-speed: failed: $*" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
measure() { # label, command...: the median of $runs runs, and each run
  local label="$1" times=()
  shift
  for _ in $(seq "$runs"); do
    times+=("$(millis "$@")") || exit 1
    echo "pip-speed: $label: ${times[-1]} ms" >&2
  done
  printf '| %s | %s ms | %s |\n' "$label" "$(median "${times[@]}")" "${times[*]}"
}
reinstall() { # env: uninstalls (not timed), then times the install
  "$1/bin/pip" uninstall -q -y "${names[@]}" >/dev/null 2>&1 || true
  local ms
  ms=$(millis "$1/bin/pip" install -q --disable-pip-version-check --no-index --find-links "$work/wheels" "${pins[@]}") || exit 1
  echo "pip-speed: $1: pip install $ms ms" >&2
  echo "$ms"
}
measure_install() { # label, env
  local label="$1" env="$2" times=()
  for _ in $(seq "$runs"); do times+=("$(reinstall "$env")") || exit 1; done
  printf '| %s | %s ms | %s |\n' "$label" "$(median "${times[@]}")" "${times[*]}"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $runs runs each"
echo
echo "| what | median | each run (ms) |"
echo "| --- | ---: | --- |"
measure_install "CPython $(python3 -c 'import platform; print(platform.python_version())'): pip install requests (5 local wheels)" "$work/cpython"
measure "CPython: python -c pass" "$work/cpython/bin/python" -c pass
measure "CPython: python -c \"import requests\"" "$work/cpython/bin/python" -c "import requests"
# Tandem twice: each command in a JVM of its own (TANDEM_DAEMON=0), then through the resident
# process, started (untimed) before its rows, as after a user's first command.
for mode in cold warm; do
  if [ "$mode" = cold ]; then export TANDEM_DAEMON=0; else export TANDEM_DAEMON=1; "$work/tandem/bin/python" -c pass; fi
  measure_install "Tandem, $mode: pip install requests (5 local wheels)" "$work/tandem"
  measure "Tandem, $mode: python -c pass" "$work/tandem/bin/python" -c pass
  measure "Tandem, $mode: python -c \"import requests\"" "$work/tandem/bin/python" -c "import requests"
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

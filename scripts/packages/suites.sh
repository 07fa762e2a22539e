#!/usr/bin/env bash
# Runs real pure-Python projects' own test suites under Tandem (docs/packages.md):
#  1. CPython's pip downloads, pinned, the projects' sdists (which carry their tests) and the
#     pure-Python wheels of the projects, pytest and the suites' test requirements;
#  2. `tandem -m venv` makes an environment and its pip installs those wheels offline;
#  3. each project's suite runs from its unpacked sdist under the environment's pytest, and
#     scripts/packages/suites_report.py prints the table: tests run, passed, failed, skipped,
#     and each group of failures with its reason.
# Everything lives under target/package-suites/ (pip keeps the downloads it already has).
#
# Usage: scripts/packages/suites.sh [PROJECT...]   (default: every project below)
#   SUITE_TIMEOUT  seconds one suite may take (default 2400); the table marks a suite stopped there
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$root/target/package-suites"
say() { echo "suites: $*" >&2; }

# The projects (name==version, as on PyPI) and the pytest arguments of their suites, run from
# the sdist's top directory.
declare -A projects=(
  [attrs]="attrs==25.3.0|tests"
  [click]="click==8.2.1|tests"
  [idna]="idna==3.10|tests"
  [more-itertools]="more-itertools==10.7.0|tests"
  [packaging]="packaging==25.0|tests"
  [six]="six==1.17.0|test_six.py"
)
# pytest and what the suites import besides their project (attrs: hypothesis, Pympler;
# packaging: pretend), with every dependency pinned. hypothesis 6.135.0 is the version GraalPy's
# pip has a patch for (it traces with sys.settrace where GraalPy lacks sys.monitoring).
tools=(pytest==8.3.5 pluggy==1.7.0 iniconfig==2.3.1 hypothesis==6.135.0 sortedcontainers==2.4.0
  Pympler==1.1 pretend==1.0.9)

selected=("$@")
[ ${#selected[@]} != 0 ] || selected=(six idna more-itertools packaging click attrs)
pins=("${tools[@]}")
for name in "${!projects[@]}"; do pins+=("${projects[$name]%%|*}"); done
for name in "${selected[@]}"; do
  [ -n "${projects[$name]:-}" ] || { echo "suites: unknown project $name (known: ${!projects[*]})" >&2; exit 2; }
done

# 1. Downloads, with CPython's pip: wheels for any platform (pure Python) and the sdists.
mkdir -p "$work/wheels" "$work/sdists" "$work/src" "$work/results"
python3 -m pip download -q --disable-pip-version-check --no-deps --only-binary :all: \
  --python-version 3.12 --implementation py --abi none --platform any -d "$work/wheels" "${pins[@]}"
for name in "${selected[@]}"; do
  python3 -m pip download -q --disable-pip-version-check --no-deps --no-binary :all: \
    -d "$work/sdists" "${projects[$name]%%|*}"
done

# 2. The Tandem environment, filled offline (again when a pin changed).
env="$work/env"
if ! "$env/bin/python" - "${pins[@]}" 2>/dev/null <<'EOF'
import sys
from importlib.metadata import version
sys.exit(any(version(name) != wanted for name, wanted in (pin.split("==") for pin in sys.argv[1:])))
EOF
then
  say "making $env and installing ${#pins[@]} wheels (each pip run starts Tandem cold)"
  rm -rf "$env"
  "$root/tandem" -m venv "$env"
  "$env/bin/pip" install -q --disable-pip-version-check --no-index --find-links "$work/wheels" "${pins[@]}"
fi

# 3. The suites.
for name in "${selected[@]}"; do
  pin="${projects[$name]%%|*}" args="${projects[$name]#*|}"
  version="${pin#*==}"
  top="${name//-/_}-$version" # the sdist's name and its top directory (PEP 625)
  rm -rf "${work:?}/src/$top"
  tar xzf "$work/sdists/$top.tar.gz" -C "$work/src"
  say "$name $version: pytest $args"
  start=$(date +%s)
  rm -f "$work/results/$name".*
  status=0
  # At the time limit pytest gets SIGINT (KeyboardInterrupt: it still writes the tests it ran
  # to the XML), and is killed two minutes later if it is still there.
  # shellcheck disable=SC2086 # args is a list of paths
  (cd "$work/src/$top" && timeout -s INT -k 120 "${SUITE_TIMEOUT:-2400}" "$env/bin/python" -m pytest \
    -p no:cacheprovider -q --junitxml="$work/results/$name.xml" $args >"$work/results/$name.log" 2>&1) || status=$?
  echo "$(( $(date +%s) - start ))" >"$work/results/$name.seconds"
  [ "$status" != 124 ] && [ "$status" != 137 ] || touch "$work/results/$name.stopped"
  tail -1 "$work/results/$name.log" >&2
done
python3 "$root/scripts/packages/suites_report.py" "$work/results" "${selected[@]}"

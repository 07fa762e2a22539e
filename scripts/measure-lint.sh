#!/usr/bin/env bash
# Times `tandem lint` next to Ruff and flake8 on CPython's standard library (the file list of
# python/tests/lint_parity.py), side by side in one run, warm file cache (docs/linter.md).
# Prints one line per tool: the median wall time of RUNS runs (default 1), the median CPU time, and the ratios; first
# on the classic rules (E4,E7,E9,F), then on each tool's default rules (Ruff 0.17.6's ~400, which
# `tandem lint` serves with Ruff's own linter; flake8's pycodestyle + pyflakes).
# Usage: scripts/measure-lint.sh [RUNS]     (needs scripts/peers.sh lint's venv; builds Tandem)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-1}"
cd "$root"
bin="$(scripts/peers.sh lint)"
select=E4,E7,E9,F
list="$root/target/lint-corpus.txt"
PYTHONPATH=python python3 -c "
import sys, sysconfig; sys.path.insert(0, 'python/tests')
import lint_parity
print('\n'.join(lint_parity.corpus_files(sysconfig.get_paths()['stdlib'])))" > "$list"
mapfile -t files < "$list"
empty="$root/target/lint-empty.py"
: > "$empty"
./tandem lint --backend rust "$empty" >/dev/null       # builds if needed
cat "${files[@]}" >/dev/null                          # warm file cache

declare -A median
cpu_file="$root/target/lint-cpu.txt"
measure() { # key, command...: median wall time in ms of $runs runs (exit status 1 is "found"),
  # and the median CPU time (user + system, all threads), which a loaded machine distorts less
  local key="$1" times=() cpus=() start
  shift
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    /usr/bin/time -f "%U %S" -o "$cpu_file" "$@" >/dev/null 2>&1 || [ $? -eq 1 ]
    times+=($(( ($(date +%s%N) - start) / 1000000 )))
    # The last line: time puts "Command exited with non-zero status 1" before it.
    cpus+=($(tail -n 1 "$cpu_file" | awk '{ printf "%d", ($1 + $2) * 1000 }'))
  done
  median[$key]=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  local cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  echo "$key: ${median[$key]} ms  ($(printf '%s ' "${times[@]}")ms); CPU ${cpu} ms"
}

echo "corpus: ${#files[@]} files; load before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
measure ruff "$bin/ruff" check --select "$select" --no-cache --isolated --output-format concise "${files[@]}"
measure tandem-rust ./tandem lint --backend rust --select "$select" "${files[@]}"
measure tandem-startup ./tandem lint --backend rust --select "$select" "$empty"
measure flake8-jobs1 "$bin/flake8" --select "$select" --jobs 1 "${files[@]}"
measure flake8 "$bin/flake8" --select "$select" "${files[@]}"
measure ruff-default "$bin/ruff" check --no-cache --isolated --output-format concise "${files[@]}"
measure tandem-default ./tandem lint "${files[@]}"
measure flake8-default "$bin/flake8" "${files[@]}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
ratio() { python3 -c "print(f'{$1 / $2:.1f}x')"; }
echo "flake8 --jobs 1 / tandem: $(ratio "${median[flake8-jobs1]}" "${median[tandem-rust]}")"
echo "flake8 (default jobs) / tandem: $(ratio "${median[flake8]}" "${median[tandem-rust]}")"
echo "tandem / ruff: $(ratio "${median[tandem-rust]}" "${median[ruff]}")"
echo "tandem less its start-up / ruff: $(ratio "$(( ${median[tandem-rust]} - ${median[tandem-startup]} ))" "${median[ruff]}")"
echo "default rules: tandem / ruff: $(ratio "${median[tandem-default]}" "${median[ruff-default]}")"
echo "default rules: flake8 (default jobs) / tandem: $(ratio "${median[flake8-default]}" "${median[tandem-default]}")"

# Sourced by ./tandem: how `tandem lint` starts: a JVM without GraalPy unless it must run Python.
#
# On the rust backend `tandem lint` never creates a GraalPy context, so its JVM needs neither
# the Graal JIT nor --upgrade-module-path, and without that flag it can map an AOT cache
# (JDK 25, JEP 514) of the classes a lint run loads: start-up drops from ~1.8 s to ~0.1 s.

# True when `tandem lint ARGS` needs a JVM with GraalPy: TANDEM_LINT_PYTHON, which tandem lint
# sets when it runs itself again because its Router picked the python backend (the Java side
# decides; this script does not read the routing policy), or --version (-V, also in a cluster
# such as -hV), which prints GraalPy's and Python's versions.
tandem_lint_needs_graalpy() {
  local arg
  [ -n "${TANDEM_LINT_PYTHON:-}" ] && return 0
  for arg in "$@"; do
    case "$arg" in --version | -V* | -[!-]*V*) return 0 ;; esac
  done
  return 1
}

# Sets lint_jvm_options to the options of tandem lint's JVM without Python:
# - on its module path only the modules Tandem requires, not GraalPy's: System.exit looks up
#   a logger, which opens every jar on the module path (~25 ms with GraalPy's, whose jars
#   are large);
# - C1 only and the serial collector: a run lasts a fraction of a second, over before C2's
#   code or G1's threads would pay for themselves;
# - the AOT cache, written after each build by one training run (tandem_lint_train).
# Without a cache (training failed) lint starts slower; the JVM skips a cache that does not
# fit, and -Xlog:aot=off silences it about that.
tandem_lint_jvm_options() {
  local cache="$root/target/tandem-lint.aot" modules="$root/target/lint-module-path" module_path stale=""
  if ! [ "$cache" -nt "$root/target/.built" ] || ! [ -s "$modules" ]; then
    stale=1
    tandem_lint_module_path >"$modules.$$"
    mv -f "$modules.$$" "$modules" # whole, for a concurrent run
  fi
  read -r module_path <"$modules"
  lint_jvm_options=(-Xlog:aot=off -Xlog:cds=off -XX:+UseSerialGC -XX:TieredStopAtLevel=1
                    --module-path="$module_path" --enable-native-access=dev.tandem -Xss8m -Dtandem.home="$root")
  if [ -n "$stale" ]; then tandem_lint_train "$cache"; fi
  if [ -f "$cache" ]; then lint_jvm_options+=("-XX:AOTCache=$cache"); fi
}

# Writes the AOT cache $1 with lint_jvm_options: one training run (a JSON lint of a file under a
# pyproject.toml with [tool.ruff], so that reading one and the classic rules are in the cache
# too, and of Tandem's own Python package on Ruff's default rules; output discarded), under a
# temporary name then renamed, so that a concurrent run never maps a partial file.
tandem_lint_train() {
  local training="$1.$$" tree="$root/target/lint-training"
  mkdir -p "$tree"
  printf '[tool.ruff]\nline-length = 100\n[tool.ruff.lint]\nextend-select = ["W291"]\n' >"$tree/pyproject.toml"
  printf 'import os\n' >"$tree/classic.py"
  "$JAVA_HOME/bin/java" -XX:AOTCacheOutput="$training" "${lint_jvm_options[@]}" \
    -m dev.tandem/dev.tandem.cli.Main lint --output-format json "$tree" "$root/python/tandem" \
    >/dev/null 2>&1 || true
  if [ -f "$training" ]; then mv -f "$training" "$1"; fi
  rm -f "$training" "$training.config"
}

# Prints the module path of dev.tandem and the modules it requires, out of target/lib (the
# JVM's --list-modules with the module graph limited to them); all of target/lib and
# tandem.jar when that fails.
tandem_lint_module_path() {
  local all="$root/target/lib:$root/target/tandem.jar" line uri path=""
  while read -r line; do
    case "$line" in *" file:"*) ;; *) continue ;; esac # a module from a jar, not from the JDK
    uri="${line#* file:}"
    uri="${uri%% *}"
    case "$uri" in
      */tandem.jar) path="${path:+$path:}$root/target/tandem.jar" ;;
      *) path="${path:+$path:}$root/target/lib/${uri##*/}" ;;
    esac
  done < <("$JAVA_HOME/bin/java" --module-path="$all" --limit-modules dev.tandem --list-modules 2>/dev/null)
  case "$path" in *tandem.jar*) echo "$path" ;; *) echo "$all" ;; esac
}

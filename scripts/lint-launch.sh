# Sourced by ./tandem: how `tandem lint` starts when it runs no Python.
#
# On the rust backend `tandem lint` never creates a GraalPy context, so the JVM needs neither
# the Graal JIT nor --upgrade-module-path, and without that flag it can map an AOT cache
# (JDK 25, JEP 514) of the classes a lint run loads: start-up drops from ~1.8 s to ~0.4 s.

# True when `tandem lint ARGS` may run Python: the python backend named by a flag
# (--backend python, --route lint.check_files=python, any "=python" form) or by
# TANDEM_BACKEND/TANDEM_ROUTE, or no native library to run the rust backend. A false "true"
# only costs the faster start, so any argument that is "python" or ends in "=python" counts.
tandem_lint_may_run_python() {
  local arg
  [ "${TANDEM_BACKEND:-}" = python ] && return 0
  case "${TANDEM_ROUTE:-}" in *lint.check_files=python*) return 0 ;; esac
  compgen -G "$root/target/classes/dev/tandem/native/*/*tandem_native*" >/dev/null || return 0
  for arg in "$@"; do
    case "$arg" in python | *=python) return 0 ;; esac
  done
  return 1
}

# Sets lint_aot_options to the JVM options that map the AOT cache, writing the cache first when
# the last build is newer: one training run (a JSON lint of Tandem's own Python package under a
# pyproject.toml with [tool.ruff], so that reading one is in the cache too; output discarded),
# written under a temporary name and renamed, so a concurrent run never maps a partial file.
# Without a cache (training failed) the options are empty and lint starts slower. The JVM
# skips a cache that does not fit; -Xlog:aot=off silences its messages about that.
tandem_lint_aot_options() { # JVM module options...
  local cache="$root/target/tandem-lint.aot" tree="$root/target/lint-training" training
  if ! [ "$cache" -nt "$root/target/.built" ]; then
    training="$cache.$$"
    mkdir -p "$tree"
    printf '[tool.ruff]\nline-length = 100\n[tool.ruff.lint]\nextend-select = ["W291"]\n' >"$tree/pyproject.toml"
    "$JAVA_HOME/bin/java" -XX:AOTCacheOutput="$training" -Xlog:aot=off -Xlog:cds=off "$@" \
      -m dev.tandem/dev.tandem.cli.Main lint --output-format json --select ALL "$tree" "$root/python/tandem" \
      >/dev/null 2>&1 || true
    if [ -f "$training" ]; then mv -f "$training" "$cache"; fi
    rm -f "$training" "$training.config"
  fi
  lint_aot_options=(-Xlog:aot=off -Xlog:cds=off)
  if [ -f "$cache" ]; then lint_aot_options+=("-XX:AOTCache=$cache"); fi
}

# Sourced by ./tandem and ./check: builds target/ with Maven when it is missing or older than
# the sources, printing one progress line instead of Maven's log.

tandem_sources_newer_than() { # true when any source file is newer than the stamp $1
  # (src/test/.../bench: the JMH benchmarks tandem bench runs from target/test-classes)
  [ -n "$(find "$root/pom.xml" "$root/src/main" "$root/python" "$root/native" "$root/src/test/java/dev/tandem/tests/bench" \
    -newer "$1" -type f -not -path '*/target/*' -not -path '*/.pytest_cache/*' -not -name '*.pyc' -print -quit 2>/dev/null)" ]
}

tandem_build_if_stale() {
  local stamp="$root/target/.built" log="$root/target/build.log"
  if [ -f "$stamp" ] && [ -f "$root/target/tandem.jar" ] && ! tandem_sources_newer_than "$stamp"; then
    return 0
  fi
  command -v mvn >/dev/null || { echo "tandem: Maven (mvn) is needed to build Tandem; install it (Debian: apt-get install maven)." >&2; exit 3; }
  mkdir -p "$root/target"
  echo "tandem: building (first run or sources changed; log in target/build.log)..." >&2
  if ! (cd "$root" && mvn -B -q -DskipTests package >"$log" 2>&1); then
    echo "tandem: build failed; the last lines of target/build.log:" >&2
    tail -n 30 "$log" >&2
    exit 3
  fi
  touch "$stamp"
}

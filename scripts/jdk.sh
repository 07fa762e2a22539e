# Sourced by ./tandem and ./check: sets JAVA_HOME to a JDK >= 25, or explains and exits.
# Order: JAVA_HOME when it qualifies, then the JDKs installed in the usual places; a JDK 25
# wins over a newer one because GraalPy 25.0's optimizing runtime runs on JDK 25 only.

# Sets major to the feature version of the JDK at $1, or to nothing. Its release file is read
# with the shell's own read (no sed): the launcher runs this for every JDK it looks at, and
# each process it starts costs tandem lint's start-up a millisecond or two.
tandem_jdk_major() {
  local release="$1/release" line
  major=""
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$release" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      case "$line" in
        JAVA_VERSION=\"[0-9]*) line="${line#JAVA_VERSION=\"}"; major="${line%%[!0-9]*}"; return 0 ;;
      esac
    done <"$release"
  else
    major=$("$1/bin/java" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
  fi
}

tandem_find_jdk() {
  local candidate name major seen="" newer=""
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
      ${HOME:+"$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*} /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$candidate" ] && [ -d "$candidate" ] || continue
    tandem_jdk_major "$candidate"
    [ -n "$major" ] || continue
    name="${candidate%/}"
    seen="$seen ${name##*/}=$major"
    if [ "$major" -eq 25 ]; then
      TANDEM_JAVA_HOME="$candidate"
      return 0
    fi
    [ "$major" -gt 25 ] && [ -z "$newer" ] && newer="$candidate"
  done
  if [ -n "$newer" ]; then # runs, but GraalPy 25.0 has no JIT there: `tandem doctor` says so
    TANDEM_JAVA_HOME="$newer"
    return 0
  fi
  echo "tandem: no JDK >= 25 found (Tandem is a Java 25 application; GraalPy 25.0's JIT needs JDK 25)." >&2
  echo "  looked at JAVA_HOME and /usr/lib/jvm, /usr/java, /opt, ~/.sdkman, ~/.jdks; found:${seen:- nothing}" >&2
  echo "  install one (Debian: apt-get install temurin-25-jdk, or any JDK 25 build) and set JAVA_HOME to it." >&2
  exit 3
}

tandem_find_jdk
export JAVA_HOME="$TANDEM_JAVA_HOME"

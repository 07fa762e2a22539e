# Sourced by ./tandem: hands the commands that run Python for a user (run, -c, -m, tokenize,
# symbolicate, and Tandem started as python: --as-python=PATH first) and `daemon` to
# target/native/release/tandem-client, which forwards them to the
# resident Tandem JVM of this user and build, starting it when none runs (docs/startup.md).
# TANDEM_DAEMON=0, or a build without the client (no cargo), runs them in-process as before.

tandem_exec_resident_client() { # $@: tandem's arguments; returns only when the command runs in-process
  local client="$root/target/native/release/tandem-client"
  if [ "${1:-}" = daemon ] && { [ "${TANDEM_DAEMON:-1}" = 0 ] || [ ! -x "$client" ]; }; then
    echo "tandem daemon: no resident process here (TANDEM_DAEMON=0, or tandem-client was not built: no cargo)" >&2
    exit 1
  fi
  [ "${TANDEM_DAEMON:-1}" != 0 ] && [ -x "$client" ] || return 0
  local i=1 # the first word that is not a routing or --kernels option (or its value) names the command
  while [ "$i" -le "$#" ]; do
    case "${!i}" in
      --backend|--route|--kernels) i=$((i + 2)) ;;
      --backend=*|--route=*|--kernels=*) i=$((i + 1)) ;;
      run|-c|-m|tokenize|symbolicate|daemon|--as-python=*) break ;;
      *) return 0 ;;
    esac
  done
  [ "$i" -le "$#" ] || return 0
  # The JVM command of the resident process and of the in-process fallback: the launcher's own.
  # The patchelf the build installs goes on the resident JVM's PATH only (runtime/NativeModules).
  [ -x "$root/target/patchelf/bin/patchelf" ] && export TANDEM_SERVER_PATH="$root/target/patchelf/bin"
  exec "$client" --stamp "$root/target/tandem.jar" "$JAVA_HOME/bin/java" "${jvm_options[@]}" -- "$@"
}
